//! The bundled samples: each aligns to its expected TMX, matches the gold
//! beads in samples/README.md, and imports into real TMX clients.

use crate::util::{repo_root, temp_dir, tmalign, tmalign_in};
use std::fs;
use std::path::PathBuf;

const SAMPLES: [&str; 4] = [
    "earthquake",
    "central-bank",
    "chess-olympiad",
    "space-launch",
];

fn sample_dir(name: &str) -> PathBuf {
    repo_root().join("samples").join(name)
}

/// The sample's three texts, as arguments relative to the repository root.
fn sample_files(name: &str) -> Vec<String> {
    ["ar", "en", "ru"]
        .iter()
        .map(|l| format!("samples/{name}/{l}.txt"))
        .collect()
}

/// Blanks out `creationdate="…"`, the one part that may differ by day.
fn mask_creation_date(tmx: &str) -> String {
    let mut out = String::with_capacity(tmx.len());
    let mut rest = tmx;
    while let Some(i) = rest.find("creationdate=\"") {
        let value_start = i + "creationdate=\"".len();
        out.push_str(&rest[..value_start]);
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        out.push('*');
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// The first differing line of two texts, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e}\n  actual:   {a}", n + 1);
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        expected.lines().count(),
        actual.lines().count()
    )
}

/// `TMALIGN_BLESS=1 cargo test samples` rewrites the expected files after
/// an intended change; review the diff before committing it.
#[test]
fn each_sample_aligns_to_its_expected_tmx() {
    let bless = std::env::var("TMALIGN_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for name in SAMPLES {
        let files = sample_files(name);
        let args: Vec<&str> = ["align"]
            .into_iter()
            .chain(files.iter().map(String::as_str))
            .collect();
        let run = tmalign(&args);
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        let actual = mask_creation_date(&run.stdout_text());
        let path = sample_dir(name).join("expected.tmx");
        if bless {
            fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&path).unwrap_or_default();
        if mask_creation_date(&expected) != actual {
            failures.push(format!("{name}: {}", first_difference(&expected, &actual)));
        }
    }
    assert!(
        failures.is_empty(),
        "output differs from samples/*/expected.tmx (TMALIGN_BLESS=1 to update):\n{}",
        failures.join("\n")
    );
}

/// The gold beads (`ar:en:ru`) of one sample, from the fenced block under
/// "### Gold beads" in its section of samples/README.md.
fn gold_beads(name: &str) -> Vec<tmalign::eval::BeadIds> {
    let readme = fs::read_to_string(repo_root().join("samples/README.md")).unwrap();
    let section = readme
        .split(&format!("\n## {name}\n"))
        .nth(1)
        .expect("the sample's section");
    let gold = section
        .split("### Gold beads")
        .nth(1)
        .expect("a gold beads heading");
    let block = gold.split("```").nth(1).expect("a fenced block");
    tmalign::eval::parse_beads(block, None).unwrap()
}

#[test]
fn samples_align_close_to_their_gold_beads() {
    let mut report = Vec::new();
    let mut per_sample = Vec::new();
    for name in SAMPLES {
        let files = sample_files(name);
        let args: Vec<&str> = ["align", "-f", "beads"]
            .into_iter()
            .chain(files.iter().map(String::as_str))
            .collect();
        let run = tmalign(&args);
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        let hyp = tmalign::eval::parse_beads(&run.stdout_text(), None).unwrap();
        let gold = gold_beads(name);
        let scores = tmalign::eval::count(&gold, &hyp).scores();
        report.push(format!(
            "{name}: strict F1 {:.3}, lax F1 {:.3}",
            scores.strict.f1, scores.lax.f1
        ));
        per_sample.push((gold, hyp));
    }
    let pooled = tmalign::eval::score_documents(
        per_sample.iter().map(|(g, h)| (g.as_slice(), h.as_slice())),
    );
    eprintln!(
        "{}\npooled: strict {:.3} lax {:.3}",
        report.join("\n"),
        pooled.strict.f1,
        pooled.lax.f1
    );
    assert!(
        pooled.strict.f1 >= SAMPLES_STRICT_F1_FLOOR,
        "{}",
        report.join("\n")
    );
    assert!(
        pooled.lax.f1 >= SAMPLES_LAX_F1_FLOOR,
        "{}",
        report.join("\n")
    );
}

/// Measured on the four samples (pairwise projection of the joint beads):
/// 1.000 strict and lax; the floors leave room for one wrong bead.
const SAMPLES_STRICT_F1_FLOOR: f64 = 0.97;
const SAMPLES_LAX_F1_FLOOR: f64 = 0.98;

#[test]
fn sample_tmx_files_pass_the_dtd_and_read_back_in_translate_toolkit() {
    let dir = temp_dir();
    for name in SAMPLES {
        let files = sample_files(name);
        let out = dir.path().join(format!("{name}.tmx"));
        let out_arg = out.to_str().unwrap();
        let mut args: Vec<&str> = vec!["align", "-q", "-o", out_arg];
        args.extend(files.iter().map(String::as_str));
        let run = tmalign(&args);
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        crate::external::xmllint_dtd_valid(&out);
        if let Some(units) = crate::external::translate_toolkit_units(&out) {
            let ours = read_units(&out);
            assert_eq!(
                units, ours,
                "{name}: translate-toolkit reads other segments than ours"
            );
        }
    }
}

/// The units of a TMX as our reader sees them: language → segment text.
fn read_units(path: &std::path::Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = tmx::Reader::from_path(path).unwrap();
    let mut units = Vec::new();
    let mut tu = tmx::Tu::default();
    while reader.read_tu(&mut tu).unwrap() {
        units.push(
            tu.tuvs
                .iter()
                .map(|v| (v.lang.clone(), v.seg.text()))
                .collect(),
        );
    }
    units
}

#[test]
fn omegat_imports_sample_tmx_for_en_to_ar_and_ru_to_ar() {
    let dir = temp_dir();
    let name = "earthquake";
    let files = sample_files(name);
    let out = dir.path().join("all.tmx");
    let mut args: Vec<&str> = vec!["align", "-q", "-o", out.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let run = tmalign_in(&repo_root(), &args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let units = read_units(&out);
    for source in ["en", "ru"] {
        let pairs: Vec<(String, String)> = units
            .iter()
            .filter_map(|u| Some((u.get(source)?.clone(), u.get("ar")?.clone())))
            .collect();
        assert!(pairs.len() >= 10, "{source}: only {} units", pairs.len());
        let sources: Vec<String> = pairs.iter().map(|(s, _)| s.clone()).collect();
        let Some(target) = crate::external::omegat_translate(&out, source, "ar", &sources) else {
            continue;
        };
        for (s, t) in &pairs {
            assert!(
                target.contains(t.as_str()),
                "{source}→ar: OmegaT did not insert the translation of {s:?}:\n{target}"
            );
        }
    }
}

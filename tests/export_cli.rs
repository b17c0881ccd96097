//! `tmalign export`: a reviewed alignment back to TMX / TSV / beads, the
//! round trip through `align -f json`, verdicts, `--realign`, `--rejected`,
//! `--header`, per-pair scores, and every error.

use crate::util::{repo_root, temp_dir, tmalign, tmalign_in};
use std::fs;
use std::ops::Range;
use std::path::Path;
use tmalign::alignment_json::ReviewedAlignment;

const SAMPLES: [&str; 4] = [
    "earthquake",
    "central-bank",
    "chess-olympiad",
    "space-launch",
];

fn files(name: &str, langs: &[&str]) -> Vec<String> {
    let root = repo_root();
    langs
        .iter()
        .map(|l| {
            root.join(format!("samples/{name}/{l}.txt"))
                .display()
                .to_string()
        })
        .collect()
}

fn run_ok(dir: &Path, args: &[&str]) -> crate::util::Run {
    let run = tmalign_in(dir, args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run
}

fn args<'a>(head: &[&'a str], files: &'a [String], tail: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = head.to_vec();
    v.extend(files.iter().map(String::as_str));
    v.extend_from_slice(tail);
    v
}

/// `align -f json` then `export` gives byte for byte what `align` writes
/// straight away, for every sample, two and three texts, every format,
/// with and without --pairs.
#[test]
fn export_of_align_json_is_byte_identical_to_align() {
    let dir = temp_dir();
    let d = dir.path();
    for name in SAMPLES {
        for langs in [
            &["ar", "en", "ru"][..],
            &["en", "ru"][..],
            &["ar", "en"][..],
        ] {
            let f = files(name, langs);
            run_ok(
                d,
                &args(&["align", "-q", "-f", "json", "-o", "a.json"], &f, &[]),
            );
            for (format, extra) in [
                ("tmx", &[][..]),
                ("tmx", &["--min-score", "0.5", "--srclang", "en"][..]),
                ("tsv", &[][..]),
                ("tsv", &["--header"][..]),
                ("beads", &[][..]),
            ] {
                if format == "beads" && langs.len() == 3 {
                    continue;
                }
                let mut tail = vec!["-f", format, "-o", "direct.out"];
                tail.extend_from_slice(extra);
                run_ok(d, &args(&["align", "-q"], &f, &tail));
                let mut exp = vec!["export", "-q", "a.json", "-f", format, "-o", "back.out"];
                exp.extend_from_slice(extra);
                run_ok(d, &exp);
                let (a, b) = (
                    fs::read(d.join("direct.out")).unwrap(),
                    fs::read(d.join("back.out")).unwrap(),
                );
                assert!(
                    a == b,
                    "{name} {langs:?} {format} {extra:?}: export differs from align"
                );
            }
            run_ok(
                d,
                &args(&["align", "-q", "--pairs", "-o", "direct.tmx"], &f, &[]),
            );
            run_ok(d, &["export", "-q", "a.json", "--pairs", "-o", "back.tmx"]);
            for l in 0..langs.len() {
                for m in l + 1..langs.len() {
                    let pair = format!("{}-{}", langs[l], langs[m]);
                    let a = fs::read(d.join(format!("direct.{pair}.tmx"))).unwrap();
                    let b = fs::read(d.join(format!("back.{pair}.tmx"))).unwrap();
                    assert!(
                        a == b,
                        "{name} {langs:?} --pairs {pair}: export differs from align"
                    );
                }
            }
        }
    }
}

fn units(tmx: &str) -> usize {
    tmx.matches("<tu ").count()
}

/// The units of a TMX of documents `sides` of `aligned`, in order: each
/// unit's `tuid` and the sentences it holds of each side. A `tuid` names a
/// bead (`17`) or a part of one (`17.2`, in a pair file): the sentences are
/// the bead's, or those among them whose text is the unit's.
fn tmx_units(
    path: &Path,
    aligned: &tmalign::AlignedTexts,
    sides: [usize; 2],
) -> Vec<(String, [Range<usize>; 2])> {
    let mut reader = tmx::Reader::from_path(path).unwrap();
    let mut tu = tmx::Tu::default();
    let mut units = Vec::new();
    while reader.read_tu(&mut tu).unwrap() {
        let tuid = tu.tuid.clone().expect("every unit has a tuid");
        let (number, part) = match tuid.split_once('.') {
            Some((n, p)) => (n, Some(p)),
            None => (tuid.as_str(), None),
        };
        let bead = &aligned.alignment.beads[number.parse::<usize>().unwrap() - 1];
        let ids = sides.map(|k| {
            let doc = &aligned.documents[k];
            let text = tu.variant(&doc.lang).map(|v| v.seg.text()).unwrap_or_default();
            let whole = bead.ids[k].clone();
            let candidates: Vec<Range<usize>> = match part {
                None => vec![whole.clone()],
                Some(_) => (whole.start..=whole.end)
                    .flat_map(|i| (i..=whole.end).map(move |j| i..j))
                    .collect(),
            };
            candidates
                .into_iter()
                .find(|r| tmalign::export::bead_text(doc, r.clone()).trim() == text)
                .unwrap_or_else(|| panic!("{}: unit {tuid}: its {} text is not bead {number}'s sentences {whole:?}: {text}", path.display(), doc.lang))
        });
        units.push((tuid, ids));
    }
    units
}

/// Each pair file from three texts keeps at least the units that the two
/// texts aligned on their own keep, with the same sentences: a gap in the
/// third edition does not drag the pair's scores down, and a joint bead
/// (2-2-1, say) over two of the pair's own beads (1-1 + 1-1) gives those
/// two units (`17.1`, `17.2`), not one unit of two sentences a side.
#[test]
fn pair_files_keep_at_least_what_the_direct_alignment_keeps() {
    let dir = temp_dir();
    let d = dir.path();
    let mut table = String::from("sample pair: units direct / pair file\n");
    let mut failures = Vec::new();
    for name in SAMPLES {
        let all = files(name, &["ar", "en", "ru"]);
        run_ok(
            d,
            &args(&["align", "-q", "--pairs", "-o", "three.tmx"], &all, &[]),
        );
        run_ok(
            d,
            &args(
                &["align", "-q", "-f", "json", "-o", "three.json"],
                &all,
                &[],
            ),
        );
        let three = ReviewedAlignment::from_path(&d.join("three.json")).unwrap();
        for (pair, sides) in [
            (["ar", "en"], [0, 1]),
            (["ar", "ru"], [0, 2]),
            (["en", "ru"], [1, 2]),
        ] {
            let two = files(name, &pair);
            run_ok(d, &args(&["align", "-q", "-o", "two.tmx"], &two, &[]));
            run_ok(
                d,
                &args(&["align", "-q", "-f", "json", "-o", "two.json"], &two, &[]),
            );
            let two_json = ReviewedAlignment::from_path(&d.join("two.json")).unwrap();
            let direct = tmx_units(&d.join("two.tmx"), &two_json.aligned, [0, 1]);
            let pair_path = d.join(format!("three.{}-{}.tmx", pair[0], pair[1]));
            let from_three = tmx_units(&pair_path, &three.aligned, sides);
            table.push_str(&format!(
                "{name} {}-{}: {} / {}\n",
                pair[0],
                pair[1],
                direct.len(),
                from_three.len()
            ));
            if from_three.len() < direct.len() {
                failures.push(format!(
                    "{name} {pair:?}: {} units, the direct alignment {}",
                    from_three.len(),
                    direct.len()
                ));
            }
            // Every direct unit is a unit of the pair file, sentence for sentence.
            for (tuid, ids) in &direct {
                if !from_three.iter().any(|(_, i)| i == ids) {
                    failures.push(format!(
                        "{name} {pair:?}: direct unit {tuid} {ids:?} is no unit of the pair file"
                    ));
                }
            }
            // And so every sentence it keeps.
            for k in 0..2 {
                let kept: Vec<usize> = from_three.iter().flat_map(|(_, i)| i[k].clone()).collect();
                let missing: Vec<usize> = direct
                    .iter()
                    .flat_map(|(_, i)| i[k].clone())
                    .filter(|id| !kept.contains(id))
                    .collect();
                if !missing.is_empty() {
                    failures.push(format!(
                        "{name} {pair:?}: {} sentences {missing:?} are kept by the direct alignment only",
                        pair[k]
                    ));
                }
            }
        }
    }
    eprintln!("{table}");
    assert!(failures.is_empty(), "{}\n{table}", failures.join("\n"));
}

/// A unit's `tuid` and the text of each variant, by language.
type UnitTexts = (String, Vec<(String, String)>);

/// The units of a TMX.
fn unit_texts(path: &Path) -> Vec<UnitTexts> {
    let mut reader = tmx::Reader::from_path(path).unwrap();
    let mut tu = tmx::Tu::default();
    let mut units = Vec::new();
    while reader.read_tu(&mut tu).unwrap() {
        let texts = tu
            .tuvs
            .iter()
            .map(|v| (v.lang.clone(), v.seg.text()))
            .collect();
        units.push((tu.tuid.clone().unwrap_or_default(), texts));
    }
    units
}

/// The parts (`17.1`, `17.2`, …) of the ar-en pair file of
/// chess-olympiad, whose joint 2-2-1 bead is the pair's 1-1 + 1-1, and the
/// bead they split; `align --pairs` writes `out.ar-en.tmx` in `d`.
fn split_bead(d: &Path, all: &[String]) -> (usize, Vec<UnitTexts>) {
    run_ok(
        d,
        &args(&["align", "-q", "--pairs", "-o", "out.tmx"], all, &[]),
    );
    let parts: Vec<_> = unit_texts(&d.join("out.ar-en.tmx"))
        .into_iter()
        .filter(|(tuid, _)| tuid.contains('.'))
        .collect();
    assert!(
        parts.len() >= 2,
        "chess-olympiad ar-en has a split bead: {parts:?}"
    );
    let bead: usize = parts[0].0.split('.').next().unwrap().parse().unwrap();
    assert!(parts
        .iter()
        .all(|(t, _)| t.starts_with(&format!("{bead}."))));
    (bead, parts)
}

/// A bead the translator confirmed or excluded stays whole in the pair
/// files of `export --pairs`, even where the pair's own alignment would
/// split it: the reviewed decision wins.
#[test]
fn reviewed_beads_stay_whole_in_pair_files() {
    let dir = temp_dir();
    let d = dir.path();
    let all = files("chess-olympiad", &["ar", "en", "ru"]);
    let (bead, _) = split_bead(d, &all);
    run_ok(
        d,
        &args(&["align", "-q", "-f", "json", "-o", "a.json"], &all, &[]),
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("a.json")).unwrap()).unwrap();
    for verdict in ["confirmed", "excluded"] {
        let mut reviewed = json.clone();
        reviewed["beads"][bead - 1][verdict] = true.into();
        fs::write(d.join("r.json"), reviewed.to_string()).unwrap();
        run_ok(
            d,
            &[
                "export",
                "-q",
                "r.json",
                "--pairs",
                "-o",
                "r.tmx",
                "--rejected",
                "rej.tsv",
            ],
        );
        let tmx = fs::read_to_string(d.join("r.ar-en.tmx")).unwrap();
        assert!(
            !tmx.contains(&format!("tuid=\"{bead}.")),
            "{verdict} bead {bead} is split:\n{tmx}"
        );
        let whole = tmx.find(&format!("<tu tuid=\"{bead}\""));
        let rejected = fs::read_to_string(d.join("rej.ar-en.tsv")).unwrap();
        let row = rejected
            .lines()
            .find(|l| l.starts_with(&format!("{bead}\t")));
        if verdict == "confirmed" {
            let at = whole.expect("the confirmed bead is one unit");
            let unit = &tmx[at..at + tmx[at..].find("</tu>").unwrap()];
            assert!(
                unit.contains("<prop type=\"x-tmalign-bead\">2-2</prop>"),
                "{unit}"
            );
            assert!(unit.contains("x-tmalign-confirmed"), "{unit}");
            assert_eq!(row, None, "{rejected}");
        } else {
            assert_eq!(whole, None, "the excluded bead is written:\n{tmx}");
            let row = row.expect("the excluded bead is listed whole");
            assert!(row.contains("\t2-2\texcluded\t"), "{row}");
        }
    }
}

/// The summary and `--rejected` name a part of a split bead left out of a
/// pair file as its `tuid` would (`5.1`), with the part's own type, score
/// and sentences.
#[test]
fn left_out_parts_are_named_like_their_tuid() {
    let dir = temp_dir();
    let d = dir.path();
    let all = files("chess-olympiad", &["ar", "en", "ru"]);
    let (bead, parts) = split_bead(d, &all);
    // At --min-score 1 only units scored 1.0000 are kept: not these parts.
    let run = run_ok(
        d,
        &args(
            &[
                "align",
                "-v",
                "--pairs",
                "-o",
                "strict.tmx",
                "--min-score",
                "1",
                "--rejected",
                "rej.tsv",
            ],
            &all,
            &[],
        ),
    );
    let rejected = fs::read_to_string(d.join("rej.ar-en.tsv")).unwrap();
    for (tuid, texts) in &parts {
        let row = rejected
            .lines()
            .find(|l| l.starts_with(&format!("{tuid}\t")))
            .unwrap_or_else(|| panic!("part {tuid} is not in --rejected:\n{rejected}"));
        let fields: Vec<&str> = row.split('\t').collect();
        assert_eq!(fields[2..4], ["1-1", "below-min-score"], "{row}");
        let text = |lang: &str| texts.iter().find(|(l, _)| l == lang).unwrap().1.as_str();
        assert_eq!(fields[4..], [text("ar"), text("en")], "{row}");
        let listed = format!("  #{tuid} {} 1-1 below-min-score: ", fields[1]);
        assert!(run.stderr.contains(&listed), "{listed}\n{}", run.stderr);
    }
    assert!(
        !rejected.contains(&format!("\n{bead}\t")),
        "bead {bead} is listed whole:\n{rejected}"
    );
}

fn sample_json(d: &Path) -> serde_json::Value {
    let f = files("earthquake", &["ar", "en", "ru"]);
    run_ok(
        d,
        &args(&["align", "-q", "-f", "json", "-o", "a.json"], &f, &[]),
    );
    serde_json::from_str(&fs::read_to_string(d.join("a.json")).unwrap()).unwrap()
}

#[test]
fn confirmed_beads_are_always_written_and_excluded_never() {
    let dir = temp_dir();
    let d = dir.path();
    let mut json = sample_json(d);
    let beads = json["beads"].as_array_mut().unwrap();
    // The lowest-scoring bead with three sides, and a high-scoring one.
    let low = (0..beads.len())
        .filter(|&i| {
            beads[i]["ids"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| !l.as_array().unwrap().is_empty())
        })
        .min_by(|&a, &b| {
            beads[a]["score"]
                .as_f64()
                .unwrap()
                .total_cmp(&beads[b]["score"].as_f64().unwrap())
        })
        .unwrap();
    assert!(beads[low]["score"].as_f64().unwrap() < 0.9);
    let high = (0..beads.len())
        .find(|&i| beads[i]["score"].as_f64().unwrap() > 0.99)
        .unwrap();
    beads[low]["confirmed"] = true.into();
    beads[high]["excluded"] = true.into();
    fs::write(d.join("r.json"), serde_json::to_string(&json).unwrap()).unwrap();
    let run = run_ok(
        d,
        &["export", "r.json", "-o", "out.tmx", "--rejected", "rej.tsv"],
    );
    let tmx = fs::read_to_string(d.join("out.tmx")).unwrap();
    let unit = |i: usize| {
        let start = tmx.find(&format!("<tu tuid=\"{}\"", i + 1))?;
        Some(tmx[start..start + tmx[start..].find("</tu>").unwrap()].to_string())
    };
    let confirmed = unit(low).expect("the confirmed bead is written");
    assert!(
        confirmed.contains(r#"<prop type="x-tmalign-confirmed">yes</prop>"#),
        "{confirmed}"
    );
    assert!(unit(high).is_none(), "the excluded bead is not written");
    assert_eq!(tmx.matches("x-tmalign-confirmed").count(), 1);
    assert!(run.stderr.contains("1 excluded"), "{}", run.stderr);
    let rejected = fs::read_to_string(d.join("rej.tsv")).unwrap();
    assert!(
        rejected.starts_with("bead\tscore\ttype\treason\tar\ten\tru\n"),
        "{rejected}"
    );
    assert!(rejected.contains(&format!("\n{}\t", high + 1)) && rejected.contains("\texcluded\t"));
    assert!(!rejected.contains(&format!("\n{}\t", low + 1)));
}

#[test]
fn summary_lists_the_units_left_out_and_rejected_writes_them() {
    let dir = temp_dir();
    let d = dir.path();
    let f = files("earthquake", &["ar", "en", "ru"]);
    let run = run_ok(
        d,
        &args(&["align", "-o", "o.tmx", "--rejected", "rej.tsv"], &f, &[]),
    );
    // earthquake leaves out 3 beads below 0.90: each listed with number and score.
    assert!(
        run.stderr.contains("3 below --min-score 0.90"),
        "{}",
        run.stderr
    );
    let listed: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("  #"))
        .collect();
    assert_eq!(listed.len(), 3, "{}", run.stderr);
    let rejected = fs::read_to_string(d.join("rej.tsv")).unwrap();
    let rows: Vec<&str> = rejected.lines().skip(1).collect();
    for line in &listed {
        let number = line
            .trim_start()
            .split(' ')
            .next()
            .unwrap()
            .trim_start_matches('#');
        assert!(
            rows.iter()
                .any(|r| r.starts_with(&format!("{number}\t")) && r.contains("below-min-score")),
            "{line}"
        );
    }
    // At a high threshold, more than five are left out: -v lists them all.
    let quiet = run_ok(
        d,
        &args(&["align", "-o", "o.tmx", "--min-score", "0.999"], &f, &[]),
    );
    let verbose = run_ok(
        d,
        &args(
            &["align", "-v", "-o", "o.tmx", "--min-score", "0.999"],
            &f,
            &[],
        ),
    );
    let count = |s: &str| s.lines().filter(|l| l.starts_with("  #")).count();
    assert_eq!(count(&quiet.stderr), 5, "{}", quiet.stderr);
    assert!(quiet.stderr.contains("more (-v lists all"));
    assert!(count(&verbose.stderr) > 5, "{}", verbose.stderr);
}

#[test]
fn tsv_header_names_the_languages() {
    let f = files("earthquake", &["ar", "en"]);
    let run = tmalign(&args(&["align", "-q", "-f", "tsv", "--header"], &f, &[]));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout_text().starts_with("score\tar\ten\n"));
    let plain = tmalign(&args(&["align", "-q", "-f", "tsv"], &f, &[]));
    assert_eq!(
        &run.stdout_text()["score\tar\ten\n".len()..],
        plain.stdout_text()
    );
    let bad = tmalign(&args(&["align", "-q", "--header"], &f, &[]));
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
}

/// Shifts the beads of a region by one sentence on one side (the classic
/// off-by-one an aligner makes), confirms one correct bead inside it, and
/// realigns: the stretch comes back as the straight alignment had it.
#[test]
fn realign_repairs_a_misaligned_region_around_a_confirmed_bead() {
    let dir = temp_dir();
    let d = dir.path();
    let f = files("earthquake", &["ar", "en"]);
    run_ok(
        d,
        &args(&["align", "-q", "-f", "json", "-o", "a.json"], &f, &[]),
    );
    let gold: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("a.json")).unwrap()).unwrap();
    let gold_beads: Vec<Vec<Vec<u64>>> = gold["beads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| serde_json::from_value(b["ids"].clone()).unwrap())
        .collect();
    // A run of 1-1 beads: pair ar k with en k+1 instead, on both sides of
    // one correct bead that is confirmed, with a 0-1 and a 1-0 closing each
    // shifted part, so every sentence is still covered once.
    let (lo, hi) = (4, 10);
    assert!(
        gold_beads[lo..hi]
            .iter()
            .all(|b| b[0].len() == 1 && b[1].len() == 1),
        "{gold_beads:?}"
    );
    let mut json = gold.clone();
    let beads = json["beads"].as_array_mut().unwrap();
    let ar: Vec<u64> = (lo..hi).map(|i| gold_beads[i][0][0]).collect();
    let en: Vec<u64> = (lo..hi).map(|i| gold_beads[i][1][0]).collect();
    let (n, mid) = (ar.len(), 3);
    let bead = |a: &[u64], e: &[u64]| serde_json::json!({"ids": [a, e], "score": 0.5});
    let mut region = vec![bead(&[], &[en[0]])];
    for k in 0..mid - 1 {
        region.push(bead(&[ar[k]], &[en[k + 1]]));
    }
    region.push(bead(&[ar[mid - 1]], &[]));
    region
        .push(serde_json::json!({"ids": [[ar[mid]], [en[mid]]], "score": 0.5, "confirmed": true}));
    region.push(bead(&[], &[en[mid + 1]]));
    for k in mid + 1..n - 1 {
        region.push(bead(&[ar[k]], &[en[k + 1]]));
    }
    region.push(bead(&[ar[n - 1]], &[]));
    beads.splice(lo..hi, region);
    fs::write(
        d.join("bad.json"),
        serde_json::to_string_pretty(&json).unwrap(),
    )
    .unwrap();
    // The shifted file is a valid alignment, and a wrong one.
    run_ok(
        d,
        &["export", "-q", "bad.json", "-f", "beads", "-o", "bad.beads"],
    );
    run_ok(
        d,
        &[
            "export",
            "-q",
            "--realign",
            "bad.json",
            "-f",
            "json",
            "-o",
            "re.json",
        ],
    );
    let re: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("re.json")).unwrap()).unwrap();
    let re_beads: Vec<Vec<Vec<u64>>> = re["beads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| serde_json::from_value(b["ids"].clone()).unwrap())
        .collect();
    assert_eq!(
        re_beads, gold_beads,
        "realigned beads equal the straight alignment"
    );
    let confirmed: Vec<usize> = re["beads"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, b)| b["confirmed"] == true)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(confirmed, [lo + mid], "the confirmed bead stays confirmed");
    let bad_beads = fs::read_to_string(d.join("bad.beads")).unwrap();
    let gold_run = run_ok(d, &["export", "-q", "a.json", "-f", "beads"]);
    assert_ne!(
        bad_beads,
        gold_run.stdout_text(),
        "the region really was misaligned"
    );
    // Realigned straight to TMX works too.
    run_ok(
        d,
        &["export", "-q", "--realign", "bad.json", "-o", "re.tmx"],
    );
    run_ok(d, &["export", "-q", "a.json", "-o", "gold.tmx"]);
    assert_eq!(
        units(&fs::read_to_string(d.join("re.tmx")).unwrap()),
        units(&fs::read_to_string(d.join("gold.tmx")).unwrap())
    );
}

/// Every error names the bead, the sentence or the position, exits 1 and
/// leaves no output file behind.
#[test]
fn export_errors_name_the_place_and_leave_no_file() {
    let dir = temp_dir();
    let d = dir.path();
    let good = sample_json(d);
    let cases: Vec<(&str, String, &str)> = {
        let mut v = Vec::new();
        let mut j = good.clone();
        j["beads"][2]["ids"][0] = j["beads"][1]["ids"][0].clone();
        v.push((
            "repeat",
            serde_json::to_string_pretty(&j).unwrap(),
            "bead 3 (beads[2])",
        ));
        let mut j = good.clone();
        j["beads"].as_array_mut().unwrap().remove(1);
        v.push((
            "skip",
            serde_json::to_string_pretty(&j).unwrap(),
            "bead 2 (beads[1])",
        ));
        let mut j = good.clone();
        j["beads"].as_array_mut().unwrap().pop();
        v.push((
            "uncovered",
            serde_json::to_string_pretty(&j).unwrap(),
            "is in no bead",
        ));
        let mut j = good.clone();
        let end = j["documents"][1]["sentences"][4]["end"].as_u64().unwrap();
        j["documents"][1]["sentences"][4]["end"] = (end + 1).into();
        v.push((
            "offsets",
            serde_json::to_string_pretty(&j).unwrap(),
            "document 2 sentence 5 (documents[1].sentences[4])",
        ));
        let mut j = good.clone();
        let start = j["documents"][0]["sentences"][2]["start"].as_u64().unwrap();
        let len = j["documents"][0]["sentences"][3]["text"]
            .as_str()
            .unwrap()
            .len() as u64;
        j["documents"][0]["sentences"][3]["start"] = start.into();
        j["documents"][0]["sentences"][3]["end"] = (start + len).into();
        v.push((
            "overlap",
            serde_json::to_string_pretty(&j).unwrap(),
            "before the previous sentence ends",
        ));
        let text = serde_json::to_string_pretty(&good).unwrap();
        let cut = text[..text.len() / 2].to_string();
        v.push(("truncated", cut, "EOF while parsing"));
        v.push((
            "malformed",
            "{\n  \"documents\": [,]\n}".to_string(),
            "bad.json:2:",
        ));
        v
    };
    for (what, text, expected) in cases {
        fs::write(d.join("bad.json"), &text).unwrap();
        for format in ["tmx", "tsv", "json"] {
            let run = tmalign_in(
                d,
                &[
                    "export",
                    "bad.json",
                    "-f",
                    format,
                    "-o",
                    "out.x",
                    "--rejected",
                    "r.tsv",
                ],
            );
            let run = if format == "tmx" {
                run
            } else {
                tmalign_in(d, &["export", "bad.json", "-f", format, "-o", "out.x"])
            };
            assert_eq!(run.code, Some(1), "{what}: {}", run.stderr);
            assert!(run.stderr.contains(expected), "{what}: {}", run.stderr);
            assert!(run.stderr.contains("bad.json"), "{what}: {}", run.stderr);
            let left: Vec<String> = crate::util::file_names(d)
                .into_iter()
                .filter(|n| n != "a.json" && n != "bad.json")
                .collect();
            assert!(left.is_empty(), "{what}: left behind {left:?}");
        }
    }
    let run = tmalign_in(d, &["export", "missing.json", "-o", "out.tmx"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("missing.json"), "{}", run.stderr);
    assert!(!d.join("out.tmx").exists());
}

/// Confirming beads the aligner got right and realigning around them must
/// change nothing. Three-text realign used to fit the joint model to each
/// stretch alone: with every second or third bead confirmed, stretches of
/// one or two beads came back split or merged differently on three of the
/// four samples.
#[test]
fn regression_three_text_realign_keeps_correct_beads_around_confirmed_ones() {
    for sample in [
        "central-bank",
        "chess-olympiad",
        "earthquake",
        "space-launch",
    ] {
        let read = |lang: &str| {
            std::fs::read_to_string(repo_root().join(format!("samples/{sample}/{lang}.txt")))
                .unwrap()
        };
        let (ar, en, ru) = (read("ar"), read("en"), read("ru"));
        let aligned = tmalign::align_texts(
            &[("ar", &ar), ("en", &en), ("ru", &ru)],
            &Default::default(),
        )
        .unwrap();
        let docs: Vec<&tmalign::Document> = aligned.documents.iter().collect();
        let good = &aligned.alignment.beads;
        for every in [2, 3, 5] {
            let fixed: Vec<bool> = (0..good.len()).map(|i| i % every == 0).collect();
            let again = tmalign::Aligner::new()
                .realign(&docs, good, &fixed)
                .unwrap();
            let ids = |beads: &[tmalign::Bead]| -> Vec<_> {
                beads.iter().map(|b| b.ids.clone()).collect()
            };
            assert_eq!(
                ids(&again),
                ids(good),
                "{sample}, every {every}th bead confirmed"
            );
        }
    }
}

#[test]
fn export_realigns_with_the_word_pairs_the_alignment_was_made_with() {
    let dir = temp_dir();
    let d = dir.path();
    fs::write(
        d.join("p.tsv"),
        "# tmalign word pairs 1\nar\ten\tاولم\tolym\t3\t1.0\nar\ten\tشطرن\tolym\t3\t1.0\nar\ten\tطشقن\ttash\t3\t1.0\n",
    )
    .unwrap();
    let f = files("chess-olympiad", &["ar", "en"]);
    run_ok(
        d,
        &args(&["align", "-q", "-f", "json", "-o", "plain.json"], &f, &[]),
    );
    run_ok(
        d,
        &args(
            &["align", "-q", "-f", "json", "-o", "paired.json"],
            &f,
            &["--word-pairs", "p.tsv"],
        ),
    );
    let beads = |name: &str| -> serde_json::Value {
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(d.join(name)).unwrap()).unwrap();
        json["beads"].clone()
    };
    assert_ne!(
        beads("plain.json"),
        beads("paired.json"),
        "the pairs change the scores"
    );
    let export = |input: &str, output: &str, pairs: &[&str]| {
        let mut a = vec![
            "export",
            "-q",
            "--realign",
            input,
            "-f",
            "json",
            "-o",
            output,
        ];
        a.extend_from_slice(pairs);
        run_ok(d, &a);
    };
    export("plain.json", "re-paired.json", &["--word-pairs", "p.tsv"]);
    assert_eq!(beads("re-paired.json"), beads("paired.json"));
    export("paired.json", "re-plain.json", &[]);
    assert_eq!(beads("re-plain.json"), beads("plain.json"));
}

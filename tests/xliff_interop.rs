//! XLIFF written by `tmalign`, checked by real clients: translate-toolkit's
//! xliff store reads the same segments and states, OmegaT 3.6 opens it as a
//! source file and writes a translated target, and our reader reads what
//! both of them write.

use crate::external::{omegat_run_source, python};
use crate::util::{skip, temp_dir, tmalign_in};
use std::path::Path;
use std::process::Command;
use tmx::xliff::{State, TransUnit, XliffReader};

const EN: &str = "The meeting starts at 10:30.\nTom & Jerry <b> \"quoted\" ]]> here.\nPrices rose by 5.2% in 2023.\nThe river rose after the storm.\n";
const RU: &str = "Встреча начинается в 10:30.\nТом & Джерри <b> «цитата» здесь.\nЦены выросли на 5,2% в 2023 году.\nРека поднялась после бури.\n";

/// Our XLIFF of a small alignment: `align -f xliff`, with a threshold that
/// puts some beads below it.
fn aligned_xliff(dir: &Path, min_score: &str) -> std::path::PathBuf {
    std::fs::write(dir.join("en.txt"), EN).unwrap();
    std::fs::write(dir.join("ru.txt"), RU).unwrap();
    let run = tmalign_in(
        dir,
        &[
            "align",
            "--presegmented",
            "en.txt",
            "ru.txt",
            "-f",
            "xliff",
            "-o",
            "out.xlf",
            "--min-score",
            min_score,
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    dir.join("out.xlf")
}

fn our_units(path: &Path) -> Vec<TransUnit> {
    let mut reader = XliffReader::from_path(path).expect("our reader opens it");
    reader
        .units()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const TT_READ: &str = r#"
import json, sys
from translate.storage import xliff
with open(sys.argv[1], "rb") as f:
    store = xliff.xlifffile(f)
ns = "{urn:oasis:names:tc:xliff:document:1.2}"
units = []
for unit in store.units:
    if unit.isheader():
        continue
    target = unit.xmlelement.find(ns + "target")
    units.append({
        "id": unit.xmlelement.get("id"),
        "source": unit.source,
        "target": unit.target if target is not None else None,
        "state": target.get("state") if target is not None else None,
        "quality": [a.xmlelement.get("match-quality") for a in unit.getalttrans()],
    })
sys.stdout.write(json.dumps(units, ensure_ascii=False))
"#;

const TT_TRANSLATE: &str = r#"
import sys
from translate.storage import xliff
with open(sys.argv[1], "rb") as f:
    store = xliff.xlifffile(f)
for unit in store.units:
    if unit.isheader():
        continue
    unit.settarget("TT " + unit.source)
    unit.markfuzzy(True)
with open(sys.argv[2], "wb") as f:
    store.serialize(f)
"#;

fn tt(script: &str, args: &[&Path]) -> Option<Vec<u8>> {
    let ok = Command::new(python())
        .args(["-c", "import translate.storage.xliff"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return skip(
            "the translate-toolkit XLIFF check",
            &format!(
                "{} cannot import translate.storage.xliff",
                python().display()
            ),
        );
    }
    let out = Command::new(python())
        .args(["-c", script])
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "translate-toolkit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(out.stdout)
}

#[test]
fn translate_toolkit_reads_the_same_segments_and_states() {
    let dir = temp_dir();
    let path = aligned_xliff(dir.path(), "0.99999");
    let ours = our_units(&path);
    assert!(ours.len() >= 4, "{ours:?}");
    assert!(
        ours.iter()
            .any(|u| u.state == Some(State::NeedsReviewTranslation)),
        "some bead is below 0.99999: {ours:?}"
    );
    let Some(json) = tt(TT_READ, &[&path]) else {
        return;
    };
    let theirs: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
    assert_eq!(theirs.len(), ours.len());
    for (t, o) in theirs.iter().zip(&ours) {
        assert_eq!(t["id"], o.id.as_str());
        assert_eq!(t["source"], o.source.as_str());
        assert_eq!(t["target"].as_str(), o.target.as_deref());
        assert_eq!(t["state"].as_str(), o.state.as_ref().map(State::as_str));
        let quality: Vec<Option<&str>> = o
            .alt_trans
            .iter()
            .map(|a| a.match_quality.as_deref())
            .collect();
        let theirs_q: Vec<Option<&str>> = t["quality"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q.as_str())
            .collect();
        assert_eq!(theirs_q, quality);
    }
}

#[test]
fn our_reader_reads_what_translate_toolkit_writes() {
    let dir = temp_dir();
    let path = aligned_xliff(dir.path(), "0.9");
    let written = dir.path().join("tt.xlf");
    if tt(TT_TRANSLATE, &[&path, &written]).is_none() {
        return;
    }
    let ours = our_units(&path);
    let theirs = our_units(&written);
    assert_eq!(theirs.len(), ours.len());
    for (t, o) in theirs.iter().zip(&ours) {
        assert_eq!(t.id, o.id);
        assert_eq!(t.source, o.source);
        assert_eq!(
            t.target.as_deref(),
            Some(format!("TT {}", o.source).as_str())
        );
        // translate-toolkit marks a fuzzy target as still to be translated.
        assert!(
            matches!(
                t.state,
                Some(State::NeedsTranslation | State::NeedsReviewTranslation)
            ),
            "{t:?}"
        );
    }
    // And `tmx convert` turns it into a memory.
    let run = tmalign_in(dir.path(), &["tmx", "convert", "tt.xlf", "-o", "tt.tmx"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut reader = tmx::Reader::from_path(dir.path().join("tt.tmx")).unwrap();
    let tus: Vec<tmx::Tu> = reader.tus().collect::<Result<_, _>>().unwrap();
    assert_eq!(tus.len(), ours.len());
    assert_eq!(
        tus[0].variant("ru").unwrap().seg.text(),
        format!("TT {}", ours[0].source)
    );
}

#[test]
fn omegat_translates_our_xliff_and_we_read_its_target() {
    let dir = temp_dir();
    // A source-only XLIFF (every unit untranslated) from a memory, and the
    // memory itself in OmegaT's tm/auto: OmegaT fills the targets.
    std::fs::write(dir.path().join("en.txt"), EN).unwrap();
    std::fs::write(dir.path().join("ru.txt"), RU).unwrap();
    let run = tmalign_in(
        dir.path(),
        &[
            "align",
            "--presegmented",
            "en.txt",
            "ru.txt",
            "--min-score",
            "0",
            "-o",
            "mem.tmx",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = tmalign_in(
        dir.path(),
        &["tmx", "convert", "-f", "xliff", "mem.tmx", "-o", "full.xlf"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let full = our_units(&dir.path().join("full.xlf"));
    // A target that copies the source, as OmegaT 3.6's XLIFF filter wants
    // it (it translates the text of `<target>`, and adds no target).
    let units_xml: String = full
        .iter()
        .map(|u| {
            let esc = |t: &str| {
                t.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            };
            format!(
                "<trans-unit id=\"{}\"><source>{}</source><target state=\"new\">{}</target></trans-unit>\n",
                u.id,
                esc(&u.source),
                esc(&u.source)
            )
        })
        .collect();
    let xml = std::fs::read_to_string(dir.path().join("full.xlf")).unwrap();
    let head = &xml[..xml.find("<trans-unit").unwrap()];
    let tail = &xml[xml.rfind("</trans-unit>").unwrap() + "</trans-unit>".len()..];
    let source_only = format!("{head}{units_xml}{tail}");
    let Some(omegat) = omegat_run_source(
        &dir.path().join("mem.tmx"),
        "en",
        "ru",
        "source.xlf",
        source_only.as_bytes(),
    ) else {
        return;
    };
    let target = omegat.dir.path().join("project/target/source.xlf");
    let read = our_units(&target);
    assert_eq!(
        read.len(),
        full.len(),
        "OmegaT's target:\n{}\nlog:\n{}",
        omegat.target,
        omegat.log
    );
    for (o, f) in read.iter().zip(&full) {
        assert_eq!(o.source, f.source);
        assert_eq!(
            o.target, f.target,
            "OmegaT did not fill in the memory's translation; target file:\n{}\nlog:\n{}",
            omegat.target, omegat.log
        );
    }
}

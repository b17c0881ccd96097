//! Runs the real TMX clients on files we wrote: xmllint against the TMX 1.4
//! DTD, translate-toolkit's TMX reader, and OmegaT 3.6 in console mode.
//!
//! A missing tool skips the check with a note on stderr, except under
//! `CI=true`, where it fails the test (`.ci/run` installs the tools).
#![allow(dead_code)]

use crate::util::tmx_dtd;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Skips (`None`) with a note, or panics under CI.
fn skip<T>(tool: &str, detail: &str) -> Option<T> {
    crate::util::skip(&format!("the {tool} check"), detail)
}

/// Python for translate-toolkit (see [`evalsets::python`]).
pub fn python() -> PathBuf {
    evalsets::python()
}

/// `xmllint`'s complaints about `path` under `--dtdvalid` with the TMX 1.4
/// DTD: every output line containing "validity" or "error" (libxml2 only
/// warns about a missing `xml:lang` and still exits 0), plus a note when it
/// exits non-zero. Empty means valid; `None` means xmllint is missing.
pub fn xmllint_problems(path: &Path) -> Option<Vec<String>> {
    let dtd = tmx_dtd();
    assert!(dtd.exists(), "the TMX DTD is missing: {}", dtd.display());
    let out = match Command::new("xmllint")
        .arg("--noout")
        .arg("--dtdvalid")
        .arg(&dtd)
        .arg(path)
        .output()
    {
        Ok(out) => out,
        Err(e) => return skip("xmllint", &format!("it cannot run ({e})")),
    };
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let mut problems: Vec<String> = text
        .lines()
        .filter(|l| l.contains("validity") || l.contains("error"))
        .map(str::to_string)
        .collect();
    if !out.status.success() {
        problems.push(format!("xmllint exited with {}: {text}", out.status));
    }
    Some(problems)
}

/// Asserts that `xmllint --dtdvalid tmx14.dtd` accepts `path` with no
/// validity message. Returns false when the check was skipped.
pub fn xmllint_dtd_valid(path: &Path) -> bool {
    match xmllint_problems(path) {
        None => false,
        Some(problems) => {
            assert!(
                problems.is_empty(),
                "{}: xmllint --dtdvalid:\n{}",
                path.display(),
                problems.join("\n")
            );
            true
        }
    }
}

const TT_READ: &str = r#"
import json, sys
from translate.storage.tmx import tmxfile
from translate.misc.xml_helpers import getXMLlang
with open(sys.argv[1], "rb") as f:
    store = tmxfile(f)
units = []
for unit in store.units:
    units.append({getXMLlang(node): unit.getNodeText(node) for node in unit.getlanguageNodes()})
sys.stdout.write(json.dumps(units, ensure_ascii=False))
"#;

fn translate_toolkit_available() -> Result<(), String> {
    static AVAILABLE: OnceLock<Result<(), String>> = OnceLock::new();
    AVAILABLE
        .get_or_init(|| {
            let out = Command::new(python())
                .args(["-c", "import translate.storage.tmx"])
                .output();
            match out {
                Ok(out) if out.status.success() => Ok(()),
                // The traceback's last line says why; the skip is one line.
                Ok(out) => Err(format!(
                    "{} cannot import translate.storage.tmx ({}; .ci/run installs it, or set TMALIGN_PYTHON)",
                    python().display(),
                    String::from_utf8_lossy(&out.stderr)
                        .trim()
                        .lines()
                        .last()
                        .unwrap_or("no error output")
                )),
                Err(e) => Err(format!("{} cannot run ({e})", python().display())),
            }
        })
        .clone()
}

/// The units of `path` as translate-toolkit reads them: per unit, language
/// to the text of its `seg` (all text content, inline code text included).
/// Panics when translate-toolkit fails on the file; `None` when it is missing.
pub fn translate_toolkit_units(path: &Path) -> Option<Vec<BTreeMap<String, String>>> {
    if let Err(why) = translate_toolkit_available() {
        return skip("translate-toolkit", &why);
    }
    let out = Command::new(python())
        .args(["-c", TT_READ])
        .arg(path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "translate-toolkit failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let units: Vec<BTreeMap<String, Option<String>>> =
        serde_json::from_slice(&out.stdout).expect("the reader script prints JSON");
    Some(
        units
            .into_iter()
            .map(|unit| {
                unit.into_iter()
                    .map(|(lang, text)| (lang, text.unwrap_or_default()))
                    .collect()
            })
            .collect(),
    )
}

fn omegat_jar() -> PathBuf {
    std::env::var("TMALIGN_OMEGAT_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/usr/share/omegat/OmegaT.jar"))
}

/// What one OmegaT console run produced.
pub struct OmegatRun {
    /// The translated source file from `target/`.
    pub target: String,
    /// OmegaT's own exports: `*-omegat.tmx`, `*-level1.tmx`, `*-level2.tmx`.
    pub exports: Vec<PathBuf>,
    /// OmegaT's console output, for failure messages.
    pub log: String,
    /// The throw-away project (deleted on drop).
    pub dir: tempfile::TempDir,
}

/// Runs OmegaT 3.6 in `console-translate` mode on a throw-away project with
/// `tmx` in `tm/auto/` and a source `.txt` holding `source_segments`
/// separated by blank lines (no sentence segmentation). OmegaT exits 0 even
/// when it rejects a TMX, so callers check [`OmegatRun::target`].
pub fn omegat_run(
    tmx: &Path,
    src_lang: &str,
    tgt_lang: &str,
    source_segments: &[String],
) -> Option<OmegatRun> {
    let text = source_segments.join("\n\n") + "\n";
    omegat_run_source(tmx, src_lang, tgt_lang, "source.txt", text.as_bytes())
}

/// Like [`omegat_run`] with any source file: `source_name` (its extension
/// picks OmegaT's filter, e.g. `.xlf` for XLIFF) holding `source`.
pub fn omegat_run_source(
    tmx: &Path,
    src_lang: &str,
    tgt_lang: &str,
    source_name: &str,
    source: &[u8],
) -> Option<OmegatRun> {
    let jar = omegat_jar();
    if !jar.exists() {
        return skip("OmegaT", &format!("{} does not exist", jar.display()));
    }
    if Command::new("java").arg("-version").output().is_err() {
        return skip("OmegaT", "java cannot run");
    }
    let dir = tempfile::Builder::new()
        .prefix("omegat-")
        .tempdir()
        .expect("a temporary folder");
    let project = dir.path().join("project");
    for sub in [
        "source",
        "target",
        "tm/auto",
        "omegat",
        "glossary",
        "dictionary",
    ] {
        std::fs::create_dir_all(project.join(sub)).expect("project folders");
    }
    let settings = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src_lang}</source_lang>
    <target_lang>{tgt_lang}</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"#
    );
    std::fs::write(project.join("omegat.project"), settings).expect("omegat.project");
    std::fs::copy(tmx, project.join("tm/auto/memory.tmx")).expect("copy the TMX");
    std::fs::write(project.join("source").join(source_name), source).expect("source");
    let cfg = dir.path().join("cfg");
    std::fs::create_dir_all(&cfg).expect("config folder");
    let out = Command::new("java")
        .arg("-Djava.awt.headless=true")
        .arg("-jar")
        .arg(&jar)
        .arg(&project)
        .arg("--mode=console-translate")
        .arg(format!("--config-dir={}", cfg.display()))
        .arg("--disable-project-locking")
        .arg("--no-team")
        .output()
        .expect("java runs");
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let target = std::fs::read_to_string(project.join("target").join(source_name))
        .unwrap_or_else(|e| panic!("OmegaT wrote no target file ({e}); log:\n{log}"));
    let exports = ["omegat", "level1", "level2"]
        .iter()
        .map(|kind| project.join(format!("project-{kind}.tmx")))
        .filter(|p| p.exists())
        .collect();
    Some(OmegatRun {
        target,
        exports,
        log,
        dir,
    })
}

/// The text OmegaT writes for the source segments, translated from `tmx`
/// (see [`omegat_run`]); `None` when OmegaT is missing.
pub fn omegat_translate(
    tmx: &Path,
    src_lang: &str,
    tgt_lang: &str,
    source_segments: &[String],
) -> Option<String> {
    omegat_run(tmx, src_lang, tgt_lang, source_segments).map(|run| run.target)
}

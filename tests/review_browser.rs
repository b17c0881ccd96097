//! The review page in a real headless browser: Debian's Chromium driven by
//! Playwright for Python (tests/browser/review_page.py). Locally, a missing
//! Chromium or Playwright skips these tests with one line; under CI=true it
//! fails them.

use crate::external::python;
use crate::util::{repo_root, temp_dir, tmalign, under_ci};
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// True when Chromium and Playwright are there; otherwise skips (or fails
/// under CI) with one clear line.
fn browser_ready(test: &str) -> bool {
    let playwright = Command::new(python())
        .args(["-c", "import playwright.sync_api"])
        .output()
        .is_ok_and(|o| o.status.success());
    let chromium = Path::new(CHROMIUM).exists();
    if chromium && playwright {
        return true;
    }
    let what = match (chromium, playwright) {
        (false, false) => "chromium and playwright are",
        (false, true) => "chromium is",
        _ => "playwright (for .venv/bin/python3) is",
    };
    if under_ci() {
        panic!("{test}: {what} missing; .ci/run installs them");
    }
    eprintln!("skipping {test}: {what} not installed (apt-get install chromium; .venv/bin/pip install playwright)");
    false
}

/// Runs one step of the browser script and returns its stdout.
fn step(args: &[&str]) -> String {
    let script = repo_root().join("tests/browser/review_page.py");
    let out = Command::new(python())
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "browser step {:?} failed:\n{}",
        args.first(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn browser_opens_a_three_language_review_with_rtl_arabic_and_evidence() {
    if !browser_ready("browser_opens_a_three_language_review") {
        return;
    }
    let dir = temp_dir();
    crate::review::sample_review(dir.path());
    let d = dir.path();
    step(&["open", p(&d.join("review.html")), p(&d.join("align.json"))]);
}

#[test]
fn browser_unedited_save_is_byte_identical_to_align_json() {
    if !browser_ready("browser_unedited_save_is_byte_identical_to_align_json") {
        return;
    }
    let dir = temp_dir();
    crate::review::sample_review(dir.path());
    let d = dir.path();
    step(&[
        "unedited",
        p(&d.join("review.html")),
        p(&d.join("align.json")),
        p(&d.join("saved.json")),
    ]);
}

/// Merges, splits, moves and excludes in the page, saves, and checks the
/// saved JSON (every sentence once, in order) in the browser script and
/// again with the library's reader. Returns the folder and the saved file.
fn edited_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = temp_dir();
    crate::review::sample_review(dir.path());
    let saved = dir.path().join("edited.json");
    step(&["edit", p(&dir.path().join("review.html")), p(&saved)]);
    (dir, saved)
}

#[test]
fn browser_merge_split_move_and_save_keep_every_sentence_once() {
    if !browser_ready("browser_merge_split_move_and_save_keep_every_sentence_once") {
        return;
    }
    let (dir, saved) = edited_sample();
    let text = std::fs::read_to_string(&saved).unwrap();
    let reviewed = tmalign::alignment_json::ReviewedAlignment::from_json(&text, Some(&saved))
        .expect("the saved JSON is a valid alignment");
    let original = std::fs::read_to_string(dir.path().join("align.json")).unwrap();
    let original = tmalign::alignment_json::ReviewedAlignment::from_json(&original, None).unwrap();
    assert_eq!(reviewed.aligned.documents, original.aligned.documents);
    assert_ne!(reviewed.aligned.alignment, original.aligned.alignment);
    // The merge then split keeps the first bead, the move shifts one sentence.
    assert_eq!(reviewed.aligned.alignment.beads[1].ids, [1..2, 1..3, 1..2]);
    assert!(
        reviewed.verdicts[0] == tmalign::alignment_json::Verdict::Confirmed
            && reviewed.verdicts[4] == tmalign::alignment_json::Verdict::Excluded
    );
}

#[test]
fn browser_edited_json_exports_to_a_tmx_with_the_edited_units() {
    if !browser_ready("browser_edited_json_exports_to_a_tmx_with_the_edited_units") {
        return;
    }
    let help = tmalign(&["export", "--help"]);
    if help.code != Some(0) {
        if under_ci() {
            panic!("tmalign export is missing: the review page's JSON cannot become a TMX");
        }
        eprintln!("skipping browser_edited_json_exports_to_a_tmx_with_the_edited_units: no `tmalign export` yet");
        return;
    }
    let (dir, saved) = edited_sample();
    let tmx = dir.path().join("out.tmx");
    let run = tmalign(&["export", p(&saved), "-o", p(&tmx)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let tmx = std::fs::read_to_string(&tmx).unwrap();
    let reviewed = tmalign::alignment_json::ReviewedAlignment::from_json(
        &std::fs::read_to_string(&saved).unwrap(),
        None,
    )
    .unwrap();
    let docs = &reviewed.aligned.documents;
    let escape = |s: String| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    // The bead the move made: English sentences 1 and 2 as one segment.
    let moved = escape(tmalign::export::bead_text(&docs[1], 1..3));
    assert!(
        tmx.contains(&format!("<seg>{moved}</seg>")),
        "the edited unit is missing"
    );
    assert!(tmx.contains("x-tmalign-confirmed"));
    let excluded = &reviewed.aligned.alignment.beads[4];
    let left_out = escape(tmalign::export::bead_text(
        &docs[1],
        excluded.ids[1].clone(),
    ));
    assert!(
        !tmx.contains(&format!("<seg>{left_out}</seg>")),
        "an excluded bead was written"
    );
}

#[test]
fn browser_injection_strings_show_literally_and_run_nothing() {
    if !browser_ready("browser_injection_strings_show_literally_and_run_nothing") {
        return;
    }
    let dir = temp_dir();
    let d = dir.path();
    let en = [
        "Say <script>window.__pwned = 1; alert(1)</script> now.",
        "\"><img src=x onerror=\"window.__pwned = 2; console.log(2)\"> here.",
        "Close </textarea><b>bold</b> there.",
        "Template {{constructor.constructor('window.__pwned = 3')()}} done.",
        "End </script><script>window.__pwned = 4</script> of it.",
    ];
    let ar = [
        "قل <script>alert(5)</script> الآن.",
        "\"><img src=x onerror=alert(6)> هنا.",
        "أغلق </textarea> هناك.",
        "قالب {{7*7}} انتهى.",
        "نهاية </script><!-- منه.",
    ];
    std::fs::write(d.join("en.txt"), en.join("\n")).unwrap();
    std::fs::write(d.join("ar.txt"), ar.join("\n")).unwrap();
    let html = d.join("inject.html");
    let run = tmalign(&[
        "align",
        "-q",
        "--presegmented",
        // The Arabic side is mostly the Latin-script attack strings.
        "--force-langs",
        p(&d.join("ar.txt")),
        p(&d.join("en.txt")),
        "-o",
        p(&d.join("out.tmx")),
        "--review",
        p(&html),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let texts: Vec<&str> = en.iter().chain(&ar).copied().collect();
    let texts_json = d.join("texts.json");
    std::fs::write(&texts_json, serde_json::to_string(&texts).unwrap()).unwrap();
    step(&["inject", p(&html), p(&texts_json)]);
}

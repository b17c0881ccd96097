//! The review page: `align --review`, `tmalign review`, the data it embeds,
//! and (in review_browser) the page itself in a headless Chromium.

use crate::util::{repo_root, temp_dir, tmalign};
use proptest::prelude::*;
use std::path::Path;
use tmalign::alignment_json::{ReviewedAlignment, Verdict};

const SAMPLE: &str = "samples/earthquake";

/// Aligns the three-language sample into `dir`: `review.html` and
/// `align.json` (what `align -f json` writes), with the same file names.
pub fn sample_review(dir: &Path) {
    let files = ["ar", "en", "ru"].map(|l| format!("{SAMPLE}/{l}.txt"));
    let html = dir.join("review.html");
    let json = dir.join("align.json");
    let mut args = vec!["align", "-q", "-f", "json", "-o", json.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--review", html.to_str().unwrap()]);
    let run = tmalign(&args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn align_review_writes_a_page_holding_the_json_alignment() {
    let dir = temp_dir();
    sample_review(dir.path());
    let html = std::fs::read_to_string(dir.path().join("review.html")).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("align.json")).unwrap()).unwrap();
    assert_eq!(tmalign::review::embedded_alignment(&html), Some(json));
    // Self-contained, and forbidden to reach the network.
    let csp = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a CSP meta tag");
    for directive in [
        "default-src 'none'",
        "connect-src 'none'",
        "form-action 'none'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    for external in ["http://", "https://", "src=\"", "<link"] {
        let outside_data = html.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !outside_data.contains(external),
            "the page refers to {external}"
        );
    }
}

#[test]
fn review_command_gives_the_same_page_as_align_review() {
    let dir = temp_dir();
    sample_review(dir.path());
    let out = dir.path().join("again.html");
    let run = tmalign(&[
        "review",
        dir.path().join("align.json").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        std::fs::read_to_string(dir.path().join("review.html")).unwrap()
    );
}

#[test]
fn review_command_names_the_bead_that_breaks_the_order() {
    let dir = temp_dir();
    sample_review(dir.path());
    let path = dir.path().join("align.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v["beads"][3]["ids"][1] = serde_json::json!([0]);
    std::fs::write(&path, v.to_string()).unwrap();
    let out = dir.path().join("page.html");
    let run = tmalign(&[
        "review",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("align.json: bead 4 (beads[3]) document 2 (en): repeats sentence 0"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "no page is written from a broken alignment");
    let run = tmalign(&["review", path.to_str().unwrap(), "--min-score", "2"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
}

#[test]
fn reviewed_flags_survive_a_second_review() {
    let dir = temp_dir();
    sample_review(dir.path());
    let path = dir.path().join("align.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v["beads"][2]["confirmed"] = true.into();
    v["beads"][5]["excluded"] = true.into();
    let reviewed = ReviewedAlignment::from_json(&v.to_string(), None).unwrap();
    assert_eq!(reviewed.verdicts[2], Verdict::Confirmed);
    assert_eq!(reviewed.verdicts[5], Verdict::Excluded);
    assert_eq!(
        reviewed
            .verdicts
            .iter()
            .filter(|v| **v != Verdict::Open)
            .count(),
        2
    );
    let paths: Vec<Option<&str>> = reviewed.paths.iter().map(|p| p.as_deref()).collect();
    let options = tmalign::review::ReviewOptions::new()
        .verdicts(reviewed.verdicts.clone())
        .clone();
    let html = tmalign::review::render(&reviewed.aligned, &paths, &options).unwrap();
    assert!(html.contains(r#""flags":[[2,true,false],[5,false,true]]"#));
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "</script>",
        "<!--",
        "<script>",
        "\"><img src=x onerror=alert(1)>",
        "</textarea>",
        "{{DATA}}",
        "{{x}}",
        "&amp;",
        "\u{2028}",
        "\u{202E}",
        "\t",
        "\\",
        "\"",
        "٢٨٫٢",
        "Путин",
        "e\u{301}",
        "𝄞",
        "\u{1}",
        "Word",
        "2019",
    ]);
    prop::collection::vec(pieces, 1..6).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The data embedded in the page, parsed back, is the alignment: the
    /// very value `align -f json` writes, whatever the text holds.
    #[test]
    fn embedded_data_is_the_alignment(
        lines in prop::collection::vec((text_strategy(), text_strategy()), 1..8),
    ) {
        let en: String = lines.iter().map(|(a, _)| format!("{a} end.\n")).collect();
        let ar: String = lines.iter().map(|(_, b)| format!("{b} نهاية.\n")).collect();
        let aligned = tmalign::align_texts(
            &[("en", &en), ("ar", &ar)],
            tmalign::Options::new().presegmented(true),
        ).unwrap();
        let paths = [Some("en </script>.txt"), None];
        let html = tmalign::review::render(&aligned, &paths, &Default::default()).unwrap();
        let mut json = Vec::new();
        tmalign::export::write_json(&aligned, &paths, &mut json).unwrap();
        let want: serde_json::Value = serde_json::from_slice(&json).unwrap();
        prop_assert_eq!(tmalign::review::embedded_alignment(&html), Some(want));
        // Exactly one closing tag per script element: no text closed one early.
        prop_assert_eq!(html.matches("</script>").count(), 2);
        let back = ReviewedAlignment::from_json(std::str::from_utf8(&json).unwrap(), None).unwrap();
        // JSON keeps scores to four decimals, like every other format.
        let mut rounded = aligned.alignment.clone();
        for b in &mut rounded.beads {
            b.score = tmalign::export::format_score(b.score).parse().unwrap();
        }
        prop_assert_eq!(back.aligned.alignment, rounded);
    }
}

#[test]
fn twenty_thousand_beads_render_in_under_a_second_generously_bounded() {
    // The speed figure comes from the review bench; this only guards against
    // something quadratic (a generous anti-hang bound in debug builds).
    let aligned = tmalign::review::example_alignment(20_000);
    let t = std::time::Instant::now();
    let html = tmalign::review::render(&aligned, &[None, None], &Default::default()).unwrap();
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
    assert!(html.len() > 20_000 * 50);
    let _ = repo_root();
}

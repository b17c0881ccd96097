//! `align -f xliff`, `tmx convert -f xliff` and XLIFF input to `tmx
//! convert`: states from the threshold, round trips, and bad input.

use crate::util::{file_names, temp_dir, tmalign_in};
use tmx::xliff::{State, TransUnit, XliffReader};

fn units(path: &std::path::Path) -> Vec<TransUnit> {
    let mut reader = XliffReader::from_path(path).unwrap();
    reader.units().collect::<Result<_, _>>().unwrap()
}

fn setup() -> tempfile::TempDir {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("en.txt"),
        "It rained in 2019.\nThe river rose.\nPutin spoke.\nA sentence only in English.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ru.txt"),
        "В 2019 году шёл дождь.\nРека поднялась.\nПутин выступил.\n",
    )
    .unwrap();
    dir
}

#[test]
fn align_marks_beads_below_the_threshold_for_review() {
    let dir = setup();
    let run = tmalign_in(
        dir.path(),
        &[
            "align",
            "--presegmented",
            "en.txt",
            "ru.txt",
            "-o",
            "out.xlf",
            "--min-score",
            "0.5",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let got = units(&dir.path().join("out.xlf"));
    // Every English sentence is in exactly one unit's source.
    let sources: Vec<&str> = got.iter().map(|u| u.source.as_str()).collect();
    assert_eq!(
        sources.join(" "),
        "It rained in 2019. The river rose. Putin spoke. A sentence only in English."
    );
    for unit in &got {
        let score: f64 = unit.attr("score").map_or(-1.0, |s| s.parse().unwrap());
        match &unit.target {
            Some(_) => {
                let want = if score < 0.5 {
                    State::NeedsReviewTranslation
                } else {
                    State::Translated
                };
                assert_eq!(unit.state.as_ref(), Some(&want), "{unit:?}");
                let quality = unit.alt_trans[0].match_quality.as_deref().unwrap();
                assert_eq!(quality, tmalign::export::match_quality(score));
            }
            None => {
                assert_eq!(unit.source, "A sentence only in English.");
                assert_eq!(unit.state, None);
            }
        }
    }
    // Everything is for review at a threshold above every score.
    let run = tmalign_in(
        dir.path(),
        &[
            "align",
            "--presegmented",
            "en.txt",
            "ru.txt",
            "-f",
            "xliff",
            "--min-score",
            "1",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = run.stdout_text();
    assert_eq!(
        text.matches("state=\"needs-review-translation\"").count(),
        3,
        "{text}"
    );
}

#[test]
fn a_memory_converts_to_xliff_and_back() {
    let dir = setup();
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
            "m.tmx",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = tmalign_in(
        dir.path(),
        &["tmx", "convert", "-f", "xliff", "m.tmx", "-o", "m.xlf"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = tmalign_in(dir.path(), &["tmx", "convert", "m.xlf", "-o", "back.tmx"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let read = |name: &str| -> Vec<(String, String)> {
        let mut r = tmx::Reader::from_path(dir.path().join(name)).unwrap();
        r.tus()
            .map(|tu| {
                let tu = tu.unwrap();
                (
                    tu.variant("en").unwrap().seg.text(),
                    tu.variant("ru").unwrap().seg.text(),
                )
            })
            .collect()
    };
    assert_eq!(read("m.tmx"), read("back.tmx"));
    assert_eq!(read("m.tmx").len(), 3);
}

#[test]
fn bad_input_is_named_with_its_position_and_leaves_no_output() {
    let dir = setup();
    std::fs::write(
        dir.path().join("bad.xlf"),
        "<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"ru\"><body>\n<trans-unit id=\"1\"><source>a</source><target>b</target></trans-unit>\n<trans-unit id=\"2\"><source>a</sorce></trans-unit></body></file></xliff>\n",
    )
    .unwrap();
    let run = tmalign_in(dir.path(), &["tmx", "convert", "bad.xlf", "-o", "out.tmx"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("bad.xlf:4:29: malformed XML"),
        "{}",
        run.stderr
    );
    let run = tmalign_in(
        dir.path(),
        &[
            "tmx",
            "convert",
            "-f",
            "xliff",
            "missing.tmx",
            "-o",
            "out.xlf",
        ],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("missing.tmx: cannot open"),
        "{}",
        run.stderr
    );
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
            "m.tmx",
        ],
    );
    assert_eq!(run.code, Some(0));
    let run = tmalign_in(
        dir.path(),
        &[
            "tmx", "convert", "-f", "xliff", "m.tmx", "--to", "ar", "-o", "out.xlf",
        ],
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("--to ar: m.tmx has no variant in ar (its languages: en, ru)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        file_names(dir.path()),
        ["bad.xlf", "en.txt", "m.tmx", "ru.txt"]
    );
}

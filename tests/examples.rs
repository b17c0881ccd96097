//! The `examples/` programs build and run, and print what their docs say.

use std::path::PathBuf;
use std::process::Command;

/// `target/<profile>/examples/<name>`, next to the tmalign binary.
fn example(name: &str) -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_tmalign"));
    bin.parent()
        .expect("the binary's folder")
        .join("examples")
        .join(name)
}

#[test]
fn align_to_tmx_prints_a_tmx_with_both_languages() {
    let out = Command::new(example("align_to_tmx"))
        .output()
        .expect("examples are built by a plain `cargo test`, not by `cargo test --test tests`");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tmx = String::from_utf8(out.stdout).unwrap();
    assert!(
        tmx.contains("<seg>Инфляция в мае замедлилась до 7,4%.</seg>"),
        "{tmx}"
    );
    assert!(
        tmx.contains("<seg>Inflation slowed to 7.4% in May.</seg>"),
        "{tmx}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 units written"));
}

#[test]
fn segment_sentences_prints_spans_that_slice_the_text() {
    let out = Command::new(example("segment_sentences"))
        .output()
        .expect("examples are built by a plain `cargo test`, not by `cargo test --test tests`");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let per_lang = |lang: &str| {
        text.lines()
            .filter(|l| l.starts_with(&format!("{lang}\t")))
            .count()
    };
    assert_eq!(
        (per_lang("en"), per_lang("ru"), per_lang("ar")),
        (2, 3, 3),
        "{text}"
    );
}

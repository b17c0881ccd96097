//! `tmalign tmx validate|stats|convert` end to end.

use crate::util::{file_names, temp_dir, tmalign_in};
use std::path::Path;

const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext" creationdate="20240101T000000Z"/>
<body>
"#;

const CLEAN: &str = r#"<tu><tuv xml:lang="en"><seg>Hello &amp; welcome.</seg></tuv><tuv xml:lang="ar"><seg>مرحبا وأهلا.</seg></tuv><tuv xml:lang="ru"><seg>Привет.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Bye.</seg></tuv><tuv xml:lang="ru"><seg>Пока.</seg></tuv></tu>
</body>
</tmx>
"#;

/// Line 5: `ar_SA` and a padded segment; line 6: a single-variant unit.
const WARNINGS: &str = r#"<tu><tuv xml:lang="en"><seg> Hi </seg></tuv><tuv xml:lang="ar_SA"><seg>مرحبا</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Alone.</seg></tuv></tu>
</body>
</tmx>
"#;

/// Line 6: `</tuv>` where `</seg>` belongs, at column 35.
const MALFORMED: &str = r#"<tu><tuv xml:lang="en"><seg>Fine.</seg></tuv><tuv xml:lang="ru"><seg>Хорошо.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Broken</tuv></tu>
</body>
</tmx>
"#;

fn write(dir: &Path, name: &str, body: &str) -> String {
    std::fs::write(dir.join(name), format!("{HEADER}{body}")).expect("write the input");
    name.to_string()
}

#[test]
fn validate_a_clean_file_prints_nothing_and_exits_0() {
    let dir = temp_dir();
    let file = write(dir.path(), "clean.tmx", CLEAN);
    let run = tmalign_in(dir.path(), &["tmx", "validate", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout_text(), "");
    assert!(
        run.stderr.contains("2 units, 0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn validate_prints_warnings_with_line_and_column_and_exits_0() {
    let dir = temp_dir();
    let file = write(dir.path(), "warn.tmx", WARNINGS);
    let run = tmalign_in(dir.path(), &["tmx", "validate", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = run.stdout_text();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("warn.tmx:5:45: warning: language code \"ar_SA\""),
        "{out}"
    );
    assert!(
        lines[1].starts_with("warn.tmx:5:5: warning: segment in the en variant starts or ends"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("warn.tmx:6:1: warning: unit has 1 variant"),
        "{out}"
    );
}

#[test]
fn validate_reports_an_error_with_its_position_and_exits_1() {
    let dir = temp_dir();
    let file = write(dir.path(), "bad.tmx", MALFORMED);
    let run = tmalign_in(dir.path(), &["tmx", "validate", &file]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let out = run.stdout_text();
    assert!(out.starts_with("bad.tmx:6:35: error: "), "{out}");
    assert!(out.contains("expected `</seg>`"), "{out}");
}

#[test]
fn validate_reports_a_non_tmx_file() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("page.xml"), "<html>\n<body/></html>").unwrap();
    let run = tmalign_in(dir.path(), &["tmx", "validate", "page.xml"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout_text()
            .starts_with("page.xml:1:1: error: expected `<tmx>`, found `<html>`"),
        "{}",
        run.stdout_text()
    );
}

#[test]
fn stats_json_counts_units_and_languages() {
    let dir = temp_dir();
    let file = write(dir.path(), "clean.tmx", CLEAN);
    let run = tmalign_in(dir.path(), &["tmx", "stats", "--json", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let stats: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(stats["tus"], 2);
    assert_eq!(stats["tuvs"], 5);
    assert_eq!(
        stats["languages"],
        serde_json::json!({"ar": 1, "en": 2, "ru": 2})
    );
    assert_eq!(stats["warnings"], 0);

    let file = write(dir.path(), "warn.tmx", WARNINGS);
    let run = tmalign_in(dir.path(), &["tmx", "stats", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout_text().contains("units:     2"),
        "{}",
        run.stdout_text()
    );
    assert!(
        run.stdout_text().contains("too_few_variants"),
        "{}",
        run.stdout_text()
    );
}

#[test]
fn stats_on_malformed_input_fails_with_the_position() {
    let dir = temp_dir();
    let file = write(dir.path(), "bad.tmx", MALFORMED);
    let run = tmalign_in(dir.path(), &["tmx", "stats", "--json", &file]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("bad.tmx:6:35:"), "{}", run.stderr);
}

#[test]
fn convert_tmx_normalises_to_the_profile() {
    let dir = temp_dir();
    let file = write(dir.path(), "warn.tmx", WARNINGS);
    let run = tmalign_in(dir.path(), &["tmx", "convert", "-o", "out.tmx", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = std::fs::read_to_string(dir.path().join("out.tmx")).unwrap();
    assert!(out.contains("<tuv xml:lang=\"ar-SA\">"), "{out}");
    assert!(out.contains("<seg>Hi</seg>"), "{out}");
    assert!(!out.contains("Alone."), "{out}");
    assert!(run.stderr.contains("wrote 1 units"), "{}", run.stderr);
    // The result is clean for our validator and for the DTD.
    let check = tmalign_in(dir.path(), &["tmx", "validate", "out.tmx"]);
    assert_eq!((check.code, check.stdout_text()), (Some(0), String::new()));
    crate::external::xmllint_dtd_valid(&dir.path().join("out.tmx"));
}

#[test]
fn convert_malformed_input_fails_and_leaves_no_output() {
    let dir = temp_dir();
    let file = write(dir.path(), "bad.tmx", MALFORMED);
    for format in ["tmx", "jsonl", "tsv"] {
        let run = tmalign_in(
            dir.path(),
            &["tmx", "convert", "-f", format, "-o", "out", &file],
        );
        assert_eq!(run.code, Some(1), "{format}: {}", run.stderr);
        assert!(
            run.stderr.contains("bad.tmx:6:35:"),
            "{format}: {}",
            run.stderr
        );
        assert_eq!(file_names(dir.path()), vec!["bad.tmx"], "{format}");
    }
}

#[test]
fn convert_jsonl_gives_one_unit_per_line() {
    let dir = temp_dir();
    let file = write(dir.path(), "clean.tmx", CLEAN);
    let run = tmalign_in(dir.path(), &["tmx", "convert", "-f", "jsonl", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let units: Vec<tmx::Tu> = run
        .stdout_text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a unit per line"))
        .collect();
    let mut reader = tmx::Reader::from_path(dir.path().join(&file)).unwrap();
    let want: Vec<tmx::Tu> = reader.tus().collect::<Result<_, _>>().unwrap();
    assert_eq!(units, want);
}

#[test]
fn convert_tsv_has_a_column_per_language() {
    let dir = temp_dir();
    let file = write(dir.path(), "clean.tmx", CLEAN);
    let run = tmalign_in(dir.path(), &["tmx", "convert", "-f", "tsv", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout_text(),
        "en\tar\tru\nHello & welcome.\tمرحبا وأهلا.\tПривет.\nBye.\t\tПока.\n"
    );
}

#[test]
fn convert_tsv_from_stdin_is_a_usage_error() {
    let dir = temp_dir();
    let run = tmalign_in(dir.path(), &["tmx", "convert", "-f", "tsv", "-"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
}

#[test]
fn convert_to_gzip_and_utf16_reads_back() {
    let dir = temp_dir();
    let file = write(dir.path(), "clean.tmx", CLEAN);
    let run = tmalign_in(
        dir.path(),
        &["tmx", "convert", "--utf16", "-o", "out.tmx.gz", &file],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let stats = tmalign_in(dir.path(), &["tmx", "stats", "--json", "out.tmx.gz"]);
    assert_eq!(stats.code, Some(0), "{}", stats.stderr);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("JSON");
    assert_eq!(
        (stats["tus"].clone(), stats["encoding"].clone()),
        (serde_json::json!(2), serde_json::json!("UTF-16"))
    );
}

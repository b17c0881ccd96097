//! `tmalign tmx merge` and `--split-size`: parts within the size, split
//! then merged gives the same units, no parts after a failed or killed run,
//! duplicates counted, languages checked.

use crate::util::{file_names, repo_root, temp_dir, tmalign_in};
use std::path::Path;

/// The `<tu>…</tu>` elements of a TMX, in order, as text.
pub fn units(tmx: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = tmx;
    while let Some(start) = rest.find("<tu ").or_else(|| rest.find("<tu>")) {
        let end = rest[start..].find("</tu>").expect("a closed unit") + start + 5;
        out.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Three sample articles in ar/, en/, ru/ folders.
fn corpus(dir: &Path) {
    let samples = repo_root().join("samples");
    for lang in ["ar", "en", "ru"] {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
    }
    for name in ["central-bank", "chess-olympiad"] {
        for lang in ["ar", "en", "ru"] {
            std::fs::copy(
                samples.join(name).join(format!("{lang}.txt")),
                dir.join(lang).join(format!("{name}.txt")),
            )
            .unwrap();
        }
    }
}

#[test]
fn split_parts_stay_within_the_size_and_merge_back_to_the_same_units() {
    let dir = temp_dir();
    let d = dir.path();
    corpus(d);
    let whole = tmalign_in(
        d,
        &["batch", "ar", "en", "ru", "-o", "whole", "--min-score", "0"],
    );
    assert_eq!(whole.code, Some(0), "{}", whole.stderr);
    for limit in [2000u64, 4000, 10_000] {
        let out = format!("split{limit}");
        let size = limit.to_string();
        let run = tmalign_in(
            d,
            &[
                "batch",
                "ar",
                "en",
                "ru",
                "-o",
                &out,
                "--min-score",
                "0",
                "--split-size",
                &size,
            ],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let parts = file_names(&d.join(&out));
        assert!(parts.iter().all(|p| p.contains(".0")), "{parts:?}");
        assert!(parts.len() > 2, "{limit}: {parts:?}");
        for part in &parts {
            let path = d.join(&out).join(part);
            let len = std::fs::metadata(&path).unwrap().len();
            assert!(len <= limit, "{part}: {len} bytes over {limit}");
            let text = read(&path);
            assert!(
                text.starts_with("<?xml") && text.contains("<header") && text.ends_with("</tmx>\n")
            );
            assert!(!units(&text).is_empty(), "{part} holds no unit");
            let valid = tmalign_in(d, &["tmx", "validate", path.to_str().unwrap()]);
            assert_eq!(valid.code, Some(0), "{part}: {}", valid.stderr);
        }
        // Split, then merged (keeping duplicates): the same units as unsplit.
        let merged = format!("merged{limit}.tmx");
        let run = tmalign_in(d, &["tmx", "merge", &merged, &out, "--keep-duplicates"]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let unsplit = tmalign_in(
            d,
            &["tmx", "merge", "unsplit.tmx", "whole", "--keep-duplicates"],
        );
        assert_eq!(unsplit.code, Some(0), "{}", unsplit.stderr);
        assert_eq!(
            units(&read(&d.join(&merged))),
            units(&read(&d.join("unsplit.tmx")))
        );
    }
    let mut all = Vec::new();
    for f in file_names(&d.join("whole")) {
        all.extend(units(&read(&d.join("whole").join(f))));
    }
    assert_eq!(
        units(&read(&d.join("unsplit.tmx"))),
        all,
        "merge keeps the batch units byte for byte"
    );
}

#[test]
fn split_size_on_align_names_parts_after_the_output() {
    let dir = temp_dir();
    let d = dir.path();
    let s = repo_root().join("samples/central-bank");
    let (ar, en) = (s.join("ar.txt"), s.join("en.txt"));
    let run = tmalign_in(
        d,
        &[
            "align",
            ar.to_str().unwrap(),
            en.to_str().unwrap(),
            "-o",
            "o.tmx",
            "--split-size",
            "2K",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let names = file_names(d);
    assert_eq!(names[0], "o.001.tmx", "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("o.0") && n.ends_with(".tmx")),
        "{names:?}"
    );
    let tiny = tmalign_in(
        d,
        &[
            "align",
            ar.to_str().unwrap(),
            en.to_str().unwrap(),
            "-o",
            "t.tmx",
            "--split-size",
            "300",
        ],
    );
    assert_eq!(tiny.code, Some(1));
    assert!(
        tiny.stderr.contains("smaller than an empty TMX")
            || tiny.stderr.contains("more than --split-size"),
        "{}",
        tiny.stderr
    );
    assert!(
        !file_names(d)
            .iter()
            .any(|n| n.starts_with("t.") || n.contains(".part")),
        "{:?}",
        file_names(d)
    );
    let stdout = tmalign_in(
        d,
        &[
            "align",
            ar.to_str().unwrap(),
            en.to_str().unwrap(),
            "--split-size",
            "2K",
        ],
    );
    assert_eq!(stdout.code, Some(2), "{}", stdout.stderr);
}

fn tmx_file(units: &[(&str, &str, &str)], srclang: &str) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"{srclang}\" datatype=\"plaintext\"/><body>\n"
    );
    for (k, (l1, l2, text)) in units.iter().enumerate() {
        s.push_str(&format!(
            "<tu tuid=\"{k}\"><tuv xml:lang=\"{l1}\"><seg>{text}</seg></tuv><tuv xml:lang=\"{l2}\"><seg>{} (2)</seg></tuv></tu>\n",
            text.trim()
        ));
    }
    s.push_str("</body></tmx>\n");
    s
}

#[test]
fn duplicates_are_removed_and_counted_and_origins_recorded() {
    let dir = temp_dir();
    let d = dir.path();
    std::fs::write(
        d.join("a.tmx"),
        tmx_file(
            &[
                ("en", "ru", "One"),
                ("en", "ru", "Two"),
                ("en", "ru", "One"),
            ],
            "en",
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("b.tmx"),
        tmx_file(&[("en", "ru", " Two "), ("en", "ru", "Three")], "en"),
    )
    .unwrap();
    let run = tmalign_in(d, &["tmx", "merge", "m.tmx", "a.tmx", "b.tmx"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("5 units read, 3 written, 2 duplicates removed"),
        "{}",
        run.stderr
    );
    let merged = read(&d.join("m.tmx"));
    let got = units(&merged);
    assert_eq!(got.len(), 3);
    assert!(
        got[0].contains("<seg>One</seg>")
            && got[0].contains(r#"<prop type="x-tmalign-doc">a.tmx</prop>"#),
        "{}",
        got[0]
    );
    assert!(
        got[2].contains("<seg>Three</seg>") && got[2].contains(">b.tmx</prop>"),
        "{}",
        got[2]
    );
    assert_eq!(merged.matches("<header").count(), 1);
    let keep = tmalign_in(
        d,
        &[
            "tmx",
            "merge",
            "k.tmx",
            "a.tmx",
            "b.tmx",
            "--keep-duplicates",
        ],
    );
    assert!(
        keep.stderr.contains("5 written, 0 duplicates removed"),
        "{}",
        keep.stderr
    );
}

#[test]
fn disagreeing_inputs_fail_naming_the_file_and_leave_nothing() {
    let dir = temp_dir();
    let d = dir.path();
    std::fs::write(d.join("a.tmx"), tmx_file(&[("en", "ru", "One")], "en")).unwrap();
    std::fs::write(d.join("b.tmx"), tmx_file(&[("ru", "en", "Two")], "ru")).unwrap();
    std::fs::write(d.join("c.tmx"), tmx_file(&[("en", "fr", "Deux")], "en")).unwrap();
    let src = tmalign_in(
        d,
        &[
            "tmx",
            "merge",
            "m.tmx",
            "a.tmx",
            "b.tmx",
            "--split-size",
            "700",
        ],
    );
    assert_eq!(src.code, Some(1));
    assert!(
        src.stderr
            .contains("b.tmx: srclang ru disagrees with en, the srclang of a.tmx"),
        "{}",
        src.stderr
    );
    let lang = tmalign_in(d, &["tmx", "merge", "m.tmx", "a.tmx", "c.tmx"]);
    assert_eq!(lang.code, Some(1));
    assert!(
        lang.stderr.contains("c.tmx:") && lang.stderr.contains("a unit in fr"),
        "{}",
        lang.stderr
    );
    // The first part was finished before the failure: no part is left.
    assert_eq!(file_names(d), ["a.tmx", "b.tmx", "c.tmx"]);
}

#[test]
fn a_killed_merge_leaves_no_parts() {
    let dir = temp_dir();
    let d = dir.path();
    // About 60 MB of units: a merge of it runs for seconds in a debug build.
    let mut big = String::from("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>\n");
    for k in 0..400_000 {
        big.push_str(&format!("<tu><tuv xml:lang=\"en\"><seg>Unit number {k} of a long memory.</seg></tuv><tuv xml:lang=\"ru\"><seg>Единица номер {k} длинной памяти.</seg></tuv></tu>\n"));
    }
    big.push_str("</body></tmx>\n");
    std::fs::write(d.join("big.tmx"), big).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tmalign"))
        .args(["tmx", "merge", "out.tmx", "big.tmx", "--split-size", "1M"])
        .current_dir(d)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until parts are being written, then kill it.
    let started = std::time::Instant::now();
    while !file_names(d).iter().any(|n| n.ends_with(".part")) {
        assert!(
            started.elapsed().as_secs() < 60,
            "no temporary part appeared"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the merge ended before it could be killed"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by the signal, not finished");
    assert_eq!(
        file_names(d),
        ["big.tmx"],
        "parts or temporary files left behind"
    );
}

#[test]
fn merge_reads_pipe_output_and_skips_error_lines() {
    let dir = temp_dir();
    let d = dir.path();
    let lines = crate::pipe::sample_lines();
    let input = format!(
        "{}\n{{\"id\":\"x\",\"texts\":{{}}}}\n{}\n",
        lines[0], lines[1]
    );
    let (code, out, _) = crate::pipe::pipe(input.as_bytes(), &[], None);
    assert_eq!(code, Some(1));
    std::fs::write(d.join("part-00000"), &out).unwrap();
    std::fs::write(d.join("part-00001"), b"").unwrap();
    std::fs::write(d.join("_SUCCESS"), b"").unwrap();
    let run = tmalign_in(d, &["tmx", "merge", "m.tmx", "."]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("skipped 1 error lines"),
        "{}",
        run.stderr
    );
    let merged = read(&d.join("m.tmx"));
    let expected: usize = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["units"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(units(&merged).len(), expected);
    assert!(merged.contains(r#"<prop type="x-tmalign-doc">central-bank</prop>"#));
}

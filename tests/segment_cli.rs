//! `tmalign segment` end to end: formats, language choice, input decoding
//! and exit codes.

use crate::util::{temp_dir, tmalign_in};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn lines_format_has_one_sentence_per_line_and_blank_lines_between_paragraphs() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("news.en.txt"),
        "Storm hits coast\n\nMr. Smith left the U.S. He came back.\r\nIt rained.\n",
    )
    .unwrap();
    let run = tmalign_in(dir.path(), &["segment", "news.en.txt"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout_text(),
        "Storm hits coast\n\nMr. Smith left the U.S.\nHe came back.\nIt rained.\n"
    );
}

#[test]
fn json_format_gives_byte_offsets_into_the_decoded_text() {
    let dir = temp_dir();
    let text = "Он сказал «да». Потом ушёл.";
    // A UTF-8 BOM is dropped: offsets count from the first character.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(dir.path().join("ru.txt"), bytes).unwrap();
    let run = tmalign_in(dir.path(), &["segment", "-f", "json", "ru.txt"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).expect("JSON array");
    assert_eq!(items.len(), 2);
    for item in &items {
        let (start, end) = (
            item["start"].as_u64().unwrap() as usize,
            item["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], item["text"].as_str().unwrap());
    }
    assert_eq!(items[1]["text"], "Потом ушёл.");
}

#[test]
fn language_comes_from_the_option_then_the_file_name_then_the_script() {
    let dir = temp_dir();
    // Russian rules keep "в г. Москве" (the city) together; English ones do not know "г.".
    let text = "Форум прошел в г. Москве. Он длился три дня.";
    std::fs::write(dir.path().join("news.ru.txt"), text).unwrap();
    std::fs::write(dir.path().join("notes.txt"), text).unwrap();
    std::fs::write(dir.path().join("news.en.txt"), text).unwrap();
    let count = |args: &[&str]| {
        let run = tmalign_in(dir.path(), args);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        run.stdout_text().lines().count()
    };
    assert_eq!(count(&["segment", "news.ru.txt"]), 2);
    assert_eq!(count(&["segment", "notes.txt"]), 2);
    assert_eq!(count(&["segment", "news.en.txt"]), 3);
    assert_eq!(count(&["segment", "--lang", "ru", "news.en.txt"]), 2);
}

#[test]
fn reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tmalign"))
        .args(["segment", "--lang", "ar", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tmalign runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all("هل انتهت الأزمة؟! لا أحد يعرف.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "هل انتهت الأزمة؟!\nلا أحد يعرف.\n"
    );
}

#[test]
fn errors_have_the_right_exit_status() {
    let dir = temp_dir();
    let missing = tmalign_in(dir.path(), &["segment", "nothing.txt"]);
    assert_eq!(missing.code, Some(1));
    assert!(missing.stderr.contains("nothing.txt"), "{}", missing.stderr);

    std::fs::write(dir.path().join("bad.txt"), b"ok\xFF").unwrap();
    let bad = tmalign_in(dir.path(), &["segment", "--lang", "en", "bad.txt"]);
    assert_eq!(bad.code, Some(1));
    assert!(bad.stderr.contains("byte 2"), "{}", bad.stderr);

    let usage = tmalign_in(dir.path(), &["segment", "-f", "xml", "bad.txt"]);
    assert_eq!(usage.code, Some(2));
    let empty_lang = tmalign_in(dir.path(), &["segment", "--lang", "", "bad.txt"]);
    assert_eq!(empty_lang.code, Some(2));
}

#[test]
fn legacy_encodings_and_output_file() {
    let dir = crate::util::temp_dir();
    let (cp1251, _, _) =
        encoding_rs::WINDOWS_1251.encode("Он приехал в г. Москву. Встреча прошла.");
    std::fs::write(dir.path().join("ru.txt"), &cp1251[..]).unwrap();
    let run = crate::util::tmalign_in(
        dir.path(),
        &[
            "segment",
            "--encoding",
            "windows-1251",
            "ru.txt",
            "-o",
            "out.txt",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert_eq!(out, "Он приехал в г. Москву.\nВстреча прошла.\n");
    // Without --encoding the code page is detected.
    let run = crate::util::tmalign_in(dir.path(), &["segment", "ru.txt"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, out.as_bytes());
    // A few stray bytes in ASCII text are damage, not an encoding.
    std::fs::write(dir.path().join("en.txt"), b"It rose.\nthen \xFF fell.").unwrap();
    let run = crate::util::tmalign_in(dir.path(), &["segment", "en.txt"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("en.txt: invalid UTF-8 at byte 14"),
        "{}",
        run.stderr
    );
}

//! Messy real-world input (tests/data/messy): the same three-language
//! article hard-wrapped, with CRLF/NBSP/BOM/tabs, as HTML, as DOCX, in
//! legacy code pages and with lettered lists must give the same sentences
//! and the same beads as the clean text. Also the refusals, stdin and the
//! format taken from `-o`.
//!
//! `TMALIGN_MESSY_BIN=/path/to/tmalign` runs the variants against another
//! build (to count how many a release matched) and prints the count.

use crate::util::{repo_root, temp_dir, tmalign_in};
use proptest::prelude::*;
use std::path::Path;
use tmalign::Segmenter;

const LANGS: [&str; 3] = ["ar", "en", "ru"];

fn clean(lang: &str) -> String {
    let path = repo_root().join(format!("tests/data/messy/{lang}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Greedy wrapping of every line longer than `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let mut current = String::new();
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let len = current.chars().count();
            if len > 0 && len + 1 + word.chars().count() > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out.truncate(out.trim_end_matches('\n').len());
    out.push('\n');
    out
}

/// CRLF, a BOM, NBSP after the dateline's comma, tabs and double spaces.
fn dirty(text: &str) -> Vec<u8> {
    let mut t = text.replacen(", ", ",\u{A0}", 1);
    t = t.replacen(" ", "  ", 3).replacen("\n\n", "\n\t\n", 2);
    t = t.replace("\n", "\r\n");
    t = t.replacen("\r\n\r\n", "\r\n \t\r\n", 1);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(t.as_bytes());
    bytes
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('“', "&ldquo;")
        .replace('”', "&rdquo;")
        .replace('«', "&laquo;")
        .replace('»', "&raquo;")
}

/// A page with a header, nav and footer around the article.
fn html(text: &str, lang: &str) -> String {
    let mut paragraphs = text.split("\n\n");
    let headline = paragraphs.next().unwrap_or("");
    let mut body = String::new();
    for p in paragraphs {
        let lines: Vec<String> = p.trim().lines().map(escape).collect();
        body.push_str(&format!("  <p>{}</p>\n", lines.join("<br>\n")));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Meridian</title>\
         <style>p {{ margin: 0 }}</style><script>var a = 'x. Y.';</script></head>\n<body>\n\
         <header><div class=\"logo\">Meridian News</div></header>\n\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>\n\
         <article>\n  <h1>{}</h1>\n<!-- lead -->\n{body}</article>\n\
         <footer><p>&copy; 2026 Meridian. All rights reserved.</p></footer>\n</body></html>\n",
        escape(headline)
    )
}

/// The list with letters instead of numbers.
fn lettered(text: &str, lang: &str) -> String {
    let (a, b, c) = match lang {
        "ar" => ("أ)", "ب)", "ج)"),
        "ru" => ("а)", "б)", "в)"),
        _ => ("a)", "b)", "c)"),
    };
    let (one, two, three) = if lang == "ar" {
        ("١.", "٢.", "٣.")
    } else {
        ("1.", "2.", "3.")
    };
    text.replacen(&format!("\n{one} "), &format!("\n{a} "), 1)
        .replacen(&format!("\n{two} "), &format!("\n{b} "), 1)
        .replacen(&format!("\n{three} "), &format!("\n{c} "), 1)
}

struct Result {
    sentences: Vec<Vec<String>>,
    beads: String,
}

fn bin() -> String {
    std::env::var("TMALIGN_MESSY_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_tmalign").into())
}

/// Aligns `files` (ar, en, ru) in `dir` and returns the sentences (with
/// whitespace runs made single spaces and list markers removed) and beads.
fn align(dir: &Path, files: &[&str]) -> std::result::Result<Result, String> {
    let mut args: Vec<&str> = vec![
        "align",
        "--langs",
        "ar,en,ru",
        "-f",
        "json",
        "-q",
        "--min-score",
        "0",
    ];
    args.extend(files);
    let out = std::process::Command::new(bin())
        .args(&args)
        .current_dir(dir)
        .output()
        .expect("tmalign runs");
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let sentences = json["documents"]
        .as_array()
        .ok_or("no documents")?
        .iter()
        .map(|d| {
            d["sentences"]
                .as_array()
                .map(|s| {
                    s.iter()
                        .map(|s| normalize(s["text"].as_str().unwrap_or("")))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let beads: Vec<String> = json["beads"]
        .as_array()
        .ok_or("no beads")?
        .iter()
        .map(|b| b["ids"].to_string())
        .collect();
    Ok(Result {
        sentences,
        beads: beads.join(" "),
    })
}

fn normalize(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut words = &words[..];
    if words
        .first()
        .is_some_and(|w| w.len() <= 3 && (w.ends_with('.') || w.ends_with(')')))
        && words.len() > 1
    {
        words = &words[1..];
    }
    words.join(" ")
}

/// Arabic text as windows-1256 can hold it: Western digits, and a comma
/// for the Arabic decimal separator (cp1256 has neither ٠-٩ nor ٫).
fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{066B}' => ',',
            c => c,
        })
        .collect()
}

/// Writes every variant into its own folder; returns (name, folder, files).
fn write_variants(root: &Path) -> Vec<(String, Vec<String>)> {
    let mut variants = Vec::new();
    let mut add = |name: &str, files: Vec<(String, Vec<u8>)>| {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let mut names = Vec::new();
        for (file, bytes) in files {
            std::fs::write(dir.join(&file), bytes).unwrap();
            names.push(file);
        }
        variants.push((name.to_string(), names));
    };
    let texts: Vec<(&str, String)> = LANGS.iter().map(|&l| (l, clean(l))).collect();
    for width in [60, 66, 72] {
        add(
            &format!("wrapped{width}"),
            texts
                .iter()
                .map(|(l, t)| (format!("{l}.txt"), wrap(t, width).into_bytes()))
                .collect(),
        );
    }
    add(
        "dirty",
        texts
            .iter()
            .map(|(l, t)| (format!("{l}.txt"), dirty(t)))
            .collect(),
    );
    add(
        "html",
        texts
            .iter()
            .map(|(l, t)| (format!("{l}.html"), html(t, l).into_bytes()))
            .collect(),
    );
    add(
        "docx",
        texts
            .iter()
            .map(|(l, t)| {
                let paragraphs: Vec<&str> = t.split('\n').collect();
                (
                    format!("{l}.docx"),
                    tmalign::input::write_minimal_docx(&paragraphs),
                )
            })
            .collect(),
    );
    add(
        "codepages",
        texts
            .iter()
            .map(|(l, t)| {
                let bytes = match *l {
                    "ar" => encoding_rs::WINDOWS_1256
                        .encode(&western_digits(t))
                        .0
                        .into_owned(),
                    "ru" => encoding_rs::WINDOWS_1251.encode(t).0.into_owned(),
                    _ => t.clone().into_bytes(),
                };
                (format!("{l}.txt"), bytes)
            })
            .collect(),
    );
    add(
        "lettered",
        texts
            .iter()
            .map(|(l, t)| (format!("{l}.txt"), lettered(t, l).into_bytes()))
            .collect(),
    );
    add(
        "wrapped-lettered",
        texts
            .iter()
            .map(|(l, t)| (format!("{l}.txt"), wrap(&lettered(t, l), 64).into_bytes()))
            .collect(),
    );
    variants
}

#[test]
fn every_messy_variant_gives_the_clean_sentences_and_beads() {
    let root = temp_dir();
    let clean_dir = root.path().join("clean");
    std::fs::create_dir_all(&clean_dir).unwrap();
    for l in LANGS {
        std::fs::write(clean_dir.join(format!("{l}.txt")), clean(l)).unwrap();
    }
    let reference = align(&clean_dir, &["ar.txt", "en.txt", "ru.txt"]).expect("clean text aligns");
    let counts: Vec<usize> = reference.sentences.iter().map(Vec::len).collect();
    if std::env::var_os("TMALIGN_MESSY_BIN").is_none() {
        assert_eq!(counts, [15, 15, 15]);
    } else {
        eprintln!("clean text: {counts:?} sentences");
    }
    // The cp1256 variant is compared with the clean text in Western digits.
    let western_dir = root.path().join("clean-western-digits");
    std::fs::create_dir_all(&western_dir).unwrap();
    for l in LANGS {
        std::fs::write(
            western_dir.join(format!("{l}.txt")),
            western_digits(&clean(l)),
        )
        .unwrap();
    }
    let western = align(&western_dir, &["ar.txt", "en.txt", "ru.txt"]).expect("clean text aligns");
    let variants = write_variants(root.path());
    let mut failures = Vec::new();
    for (name, files) in &variants {
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        let reference = if name == "codepages" {
            &western
        } else {
            &reference
        };
        match align(&root.path().join(name), &files) {
            Ok(got) if got.sentences == reference.sentences && got.beads == reference.beads => {}
            Ok(got) => {
                let counts: Vec<usize> = got.sentences.iter().map(Vec::len).collect();
                failures.push(format!(
                    "{name}: sentences {counts:?}, beads differ: {}",
                    got.beads != reference.beads
                ));
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    eprintln!(
        "messy variants matching the clean text: {} of {}",
        variants.len() - failures.len(),
        variants.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::util::proptest_cases(64)))]

    /// Wrapping any paragraph of the sample articles at any width from 30
    /// to 100 gives the sentences of the unwrapped paragraph. Headlines
    /// (no final punctuation) are left out: a wrapped headline has the shape
    /// of a headline over its dateline, which stay two sentences.
    #[test]
    fn wrapping_a_paragraph_keeps_its_sentences(lang in prop::sample::select(LANGS.to_vec()), pick in 0usize..10_000, width in 30usize..=100) {
        let mut paragraphs = Vec::new();
        for sample in ["central-bank", "chess-olympiad", "earthquake", "space-launch"] {
            let text = std::fs::read_to_string(repo_root().join(format!("samples/{sample}/{lang}.txt"))).unwrap();
            paragraphs.extend(text.split("\n\n").filter(|p| p.trim().len() > 100 && !p.contains('\n') && ends_a_sentence(p)).map(str::to_string));
        }
        let messy = clean(lang);
        paragraphs.extend(messy.split("\n\n").filter(|p| p.trim().len() > 100 && !p.contains('\n') && ends_a_sentence(p)).map(str::to_string));
        let paragraph = &paragraphs[pick % paragraphs.len()];
        let seg = Segmenter::new(lang);
        let want: Vec<String> = seg.split(paragraph).map(|(_, s)| s.to_string()).collect();
        let wrapped = wrap(paragraph, width);
        let got: Vec<String> = seg.split(&wrapped).map(|(_, s)| tmalign::segment::on_one_line(s).into_owned()).collect();
        prop_assert_eq!(got, want, "width {}", width);
    }
}

fn ends_a_sentence(p: &str) -> bool {
    p.trim_end()
        .trim_end_matches(['”', '»', '"', ')'])
        .ends_with(['.', '!', '?', '؟', '…'])
}

fn write_clean(dir: &Path) {
    for l in LANGS {
        std::fs::write(dir.join(format!("{l}.txt")), clean(l)).unwrap();
    }
}

#[test]
fn refusals_name_the_file_and_the_problem() {
    let dir = temp_dir();
    let p = dir.path();
    write_clean(p);
    std::fs::copy(p.join("ru.txt"), p.join("x.en.txt")).unwrap();
    let run = tmalign_in(p, &["align", "ar.txt", "x.en.txt"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("x.en.txt: declared en, but looks like Russian (Cyrillic"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force-langs"), "{}", run.stderr);
    let forced = tmalign_in(p, &["align", "--force-langs", "-q", "ar.txt", "x.en.txt"]);
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    let run = tmalign_in(p, &["align", "--langs", "fr,en", "ar.txt", "en.txt"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("ar.txt: declared fr, but looks like Arabic"),
        "{}",
        run.stderr
    );

    let run = tmalign_in(p, &["align", "--langs", "xx,en", "ar.txt", "en.txt"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("unknown language code \"xx\""),
        "{}",
        run.stderr
    );
    let run = tmalign_in(p, &["align", "--srclang", "fr", "ar.txt", "en.txt"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("--srclang fr is not one of the texts' languages (ar, en)"),
        "{}",
        run.stderr
    );
    let run = tmalign_in(p, &["segment", "--lang", "qq", "en.txt"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);

    std::fs::write(p.join("scan.txt"), b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap();
    let run = tmalign_in(p, &["align", "en.txt", "scan.txt"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("scan.txt: a PDF document"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("HTML (.html, .htm) and DOCX (.docx)"),
        "{}",
        run.stderr
    );
    std::fs::write(p.join("photo.jpg"), b"\xFF\xD8\xFF\xE0\0\x10JFIF").unwrap();
    let run = tmalign_in(p, &["segment", "photo.jpg"]);
    assert!(
        run.code == Some(1) && run.stderr.contains("a JPEG image"),
        "{}",
        run.stderr
    );

    // Damaged UTF-8 and a code page that cannot decode the bytes.
    let mut damaged = clean("en").into_bytes();
    damaged.insert(50, 0xFF);
    std::fs::write(p.join("damaged.txt"), &damaged).unwrap();
    let run = tmalign_in(p, &["align", "ar.txt", "damaged.txt", "--langs", "ar,en"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("damaged.txt: invalid UTF-8 at byte 50"),
        "{}",
        run.stderr
    );
    std::fs::write(p.join("arabic.txt"), b"\xC7\xE1\xA1 abc").unwrap();
    let run = tmalign_in(
        p,
        &[
            "align",
            "--encoding",
            "iso-8859-6,utf-8",
            "arabic.txt",
            "en.txt",
            "--force-langs",
        ],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("arabic.txt: invalid ISO-8859-6 at byte 2"),
        "{}",
        run.stderr
    );
    let run = tmalign_in(
        p,
        &[
            "align",
            "--encoding",
            "iso-8859-6,utf-8,utf-8",
            "ar.txt",
            "en.txt",
        ],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
}

#[test]
fn encodings_are_decided_per_file_and_named_in_the_summary() {
    let dir = temp_dir();
    let p = dir.path();
    write_clean(p);
    std::fs::write(
        p.join("ar1256.txt"),
        encoding_rs::WINDOWS_1256.encode(&clean("ar")).0,
    )
    .unwrap();
    let run = tmalign_in(p, &["align", "ar1256.txt", "en.txt", "-o", "out.tmx"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("ar1256.txt: windows-1256, detected"),
        "{}",
        run.stderr
    );
    // One --encoding applies only to files that are not valid UTF-8.
    let run = tmalign_in(
        p,
        &[
            "align",
            "--encoding",
            "windows-1256",
            "ar1256.txt",
            "en.txt",
            "-f",
            "json",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("ar1256.txt: windows-1256, given"),
        "{}",
        run.stderr
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        json["documents"][1]["sentences"].as_array().unwrap().len(),
        15
    );
    assert_eq!(json["documents"][1]["format"], "text");
}

#[test]
fn stdin_and_the_format_from_the_output_extension() {
    let dir = temp_dir();
    let p = dir.path();
    write_clean(p);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tmalign"))
        .args(["align", "--langs", "ar,en", "ar.txt", "-", "-o", "out.tsv"])
        .current_dir(p)
        .stdin(std::fs::File::open(p.join("en.txt")).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tsv = std::fs::read_to_string(p.join("out.tsv")).unwrap();
    assert!(
        tsv.lines().count() >= 15 && tsv.lines().all(|l| l.split('\t').count() == 3),
        "{tsv}"
    );
    let run = tmalign_in(p, &["align", "ar.txt", "-", "-", "--langs", "ar,en,ru"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    for (ext, check) in [("json", "\"documents\""), ("beads", "]:["), ("tmx", "<tmx")] {
        let name = format!("out.{ext}");
        let run = tmalign_in(p, &["align", "ar.txt", "en.txt", "-o", &name, "-q"]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(
            std::fs::read_to_string(p.join(&name))
                .unwrap()
                .contains(check),
            "{ext}"
        );
    }
    // -f wins over the extension.
    let run = tmalign_in(
        p,
        &[
            "align", "ar.txt", "en.txt", "-o", "x.json", "-f", "tsv", "-q",
        ],
    );
    assert_eq!(run.code, Some(0));
    assert!(!std::fs::read_to_string(p.join("x.json"))
        .unwrap()
        .starts_with('{'));
}

#[test]
fn html_and_docx_record_their_format() {
    let dir = temp_dir();
    let p = dir.path();
    write_clean(p);
    std::fs::write(p.join("en.html"), html(&clean("en"), "en")).unwrap();
    let paragraphs: Vec<String> = clean("ru").split('\n').map(str::to_string).collect();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    std::fs::write(p.join("ru.docx"), tmalign::input::write_minimal_docx(&refs)).unwrap();
    let run = tmalign_in(p, &["align", "en.html", "ru.docx", "-f", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["documents"][0]["format"], "html");
    assert_eq!(json["documents"][1]["format"], "docx");
    let text = json["documents"][0]["sentences"][0]["text"]
        .as_str()
        .unwrap();
    assert_eq!(text, "River floods cut off three villages in the north");
    let seg = tmalign_in(p, &["segment", "en.html"]);
    assert!(!seg.stdout_text().contains("Meridian News") && !seg.stdout_text().contains("<p>"));
}

#[test]
fn regression_wrapped_year_is_not_a_sentence() {
    let seg = Segmenter::new("en");
    let text = "Prices rose by the most in a single day and were the biggest since\n2020. Traders were surprised.";
    let got: Vec<&str> = seg.split(text).map(|(_, s)| s).collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].ends_with("since\n2020."));
}

#[test]
fn regression_lists_in_three_scripts() {
    let cases = [
        (
            "ar",
            "وحددت الوزارة أولويات:\n١. مياه الشرب\n٢. إصلاح الجسر",
            3,
        ),
        ("ar", "الأولويات:\n۱. مياه الشرب\n۲. إصلاح الجسر", 3),
        ("en", "Steps:\na) close the road\nb) open the schools", 3),
        ("ru", "Шаги:\nа) закрыть дорогу\nб) открыть школы", 3),
        (
            "en",
            "Needs:\n• water for families\n– repairs to the bridge",
            3,
        ),
        ("ar", "١. مياه الشرب للعائلات. ٢. إصلاح الجسر.", 2),
    ];
    for (lang, text, n) in cases {
        let got: Vec<&str> = Segmenter::new(lang).split(text).map(|(_, s)| s).collect();
        assert_eq!(got.len(), n, "{lang}: {got:?}");
        assert!(
            got.iter().all(|s| s.chars().count() > 3),
            "a marker alone: {got:?}"
        );
    }
}

//! The data the review page reads, written straight into the page as
//! compact JSON that no text can break out of: the alignment (the value
//! `align -f json` writes, without its indentation) and the review's own
//! part (threshold, title, verdicts, evidence).
//!
//! It is written here rather than built as a `serde_json::Value` and
//! printed: at 20,000 beads the value tree (a map per sentence and bead)
//! and a second pass to compact and escape it cost most of the page's time.

use crate::align::{AnchorKind, Evidence};
use crate::AlignedTexts;
use std::fmt::Write as _;

/// Appends the alignment as `align -f json` writes it (same keys, numbers
/// and strings; no whitespace), script-safe.
pub(super) fn alignment_into(out: &mut String, aligned: &AlignedTexts, paths: &[Option<&str>]) {
    out.push_str("{\"documents\":[");
    for (k, doc) in aligned.documents.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str("{\"lang\":");
        string_into(out, &doc.lang);
        out.push_str(",\"path\":");
        match paths.get(k).copied().flatten() {
            Some(path) => string_into(out, path),
            None => out.push_str("null"),
        }
        // As write_json: offsets of HTML and DOCX documents point into
        // their extracted text.
        out.push_str(",\"format\":");
        string_into(out, aligned.formats.get(k).map_or("text", |f| f.name()));
        out.push_str(",\"sentences\":[");
        for (i, s) in doc.sentences.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{{\"start\":{},\"end\":{},\"paragraph\":{},\"text\":",
                s.start, s.end, s.paragraph
            );
            string_into(out, doc.text.get(s.range()).unwrap_or(""));
            out.push('}');
        }
        out.push_str("]}");
    }
    out.push_str("],\"beads\":[");
    for (n, bead) in aligned.alignment.beads.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str("{\"ids\":[");
        for (k, ids) in bead.ids.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push('[');
            for (j, id) in ids.clone().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{id}");
            }
            out.push(']');
        }
        // The score as write_json gives it: four decimals, then printed
        // as serde_json prints that f64.
        let score = crate::export::shown_score(bead.score);
        out.push_str("],\"score\":");
        out.push_str(&number(score));
        out.push('}');
    }
    out.push_str("]}");
}

/// The evidence of one bead as the page reads it: `m`, the matches as
/// `[kind, doc, doc, text, text]`, and `l`, the lengths as `[doc, doc,
/// chars, chars, fitted, sigma]`.
pub(super) fn evidence_json(ev: &Evidence) -> String {
    let mut out = String::from("{\"l\":[");
    let round = |x: f64| number((x * 1000.0).round() / 1000.0);
    for (n, l) in ev.lengths.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "[{},{},{},{},{},{}]",
            l.docs[0],
            l.docs[1],
            l.chars[0],
            l.chars[1],
            round(l.fitted),
            round(l.sigma)
        );
    }
    out.push_str("],\"m\":[");
    for (n, m) in ev.matches.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        let kind = match m.kind {
            AnchorKind::Number => "n",
            AnchorKind::Link => "u",
            AnchorKind::Name => "w",
            AnchorKind::Term => "t",
        };
        let _ = write!(out, "[\"{kind}\",{},{},", m.docs[0], m.docs[1]);
        string_into(&mut out, &m.text[0]);
        out.push(',');
        string_into(&mut out, &m.text[1]);
        out.push(']');
    }
    out.push_str("]}");
    out
}

/// A number as JSON, as serde_json writes it (`null` when not finite).
pub(super) fn number(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_else(|_| "null".to_string())
}

/// Appends `text` as a JSON string that is also safe inside `<script>`:
/// `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`, so no text can
/// close the element or open a comment, and U+2028 and U+2029 are escaped
/// as well (old parsers end a line there).
pub(super) fn string_into(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    // Runs to copy end only before ASCII bytes or before the lead byte of
    // U+2028/U+2029, so every slice is on character boundaries.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (with, len): (&str, usize) = match b {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0x00..=0x1F => {
                out.push_str(&text[run..i]);
                let _ = write!(out, "\\u{:04x}", b);
                i += 1;
                run = i;
                continue;
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8)) => {
                ("\\u2028", 3)
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA9)) => {
                ("\\u2029", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[run..i]);
        out.push_str(with);
        i += len;
        run = i;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn strings_cannot_close_the_script_and_read_back_the_same() {
        let text = "</script><!-- & \u{2028}\u{2029} \" \\ \u{1}\u{1f}\t\r\n é 𝄞 \u{202E}";
        let mut out = String::new();
        string_into(&mut out, text);
        assert!(
            !out.contains(['<', '>', '&', '\u{2028}', '\u{2029}', '\n', '\u{1}']),
            "{out}"
        );
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), text);
    }

    #[test]
    fn every_character_reads_back() {
        // Every ASCII character and a few multi-byte ones, one by one.
        for c in (0u8..=127)
            .map(char::from)
            .chain(['\u{2027}', '\u{2028}', '\u{2029}', '\u{202A}', '€'])
        {
            let text = format!("a{c}b");
            let mut out = String::new();
            string_into(&mut out, &text);
            assert_eq!(
                serde_json::from_str::<Value>(&out).unwrap(),
                text.as_str(),
                "{c:?}"
            );
        }
    }
}

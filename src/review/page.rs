//! Renders the review page: the HTML shell, the inline style and script,
//! and the data they read, embedded as JSON that no text can break out of.

use super::{ReviewOptions, RED_BELOW};
use crate::align::{AnchorKind, EvidenceFinder};
use crate::alignment_json::Verdict;
use crate::error::{Error, Result};
use crate::AlignedTexts;
use rayon::prelude::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::Write;

const SHELL: &str = include_str!("assets/page.html");
const STYLE: &str = include_str!("assets/page.css");
const SCRIPT: &str = include_str!("assets/page.js");

/// Where the alignment JSON sits in the page, for [`embedded_alignment`].
const DATA_OPEN: &str = r#"<script type="application/json" id="tmalign-data">"#;

/// Renders the review page of `aligned`. `paths[k]` names the file of
/// document `k` (shown in the page and kept in the saved JSON).
pub fn render(
    aligned: &AlignedTexts,
    paths: &[Option<&str>],
    options: &ReviewOptions,
) -> Result<String> {
    // The alignment exactly as `align -f json` writes it, so that saving
    // the page unedited gives those bytes back.
    let mut exported = Vec::new();
    crate::export::write_json(aligned, paths, &mut exported)?;
    let alignment: Value = serde_json::from_slice(&exported).map_err(|e| Error::AlignmentJson {
        path: None,
        place: crate::error::JsonPlace::Position {
            line: e.line(),
            column: e.column(),
        },
        message: e.to_string(),
    })?;
    let docs: Vec<&crate::Document> = aligned.documents.iter().collect();
    let finder = EvidenceFinder::new(&docs, &aligned.alignment);
    // Reading every bead's words is most of the work: spread it over the
    // threads (collect keeps bead order, so the page is the same at any count).
    let evidence: Vec<Value> = aligned
        .alignment
        .beads
        .par_iter()
        .map(|bead| {
            let ev = finder.bead(bead);
            let m: Vec<Value> = ev
                .matches
                .iter()
                .map(|m| {
                    let kind = match m.kind {
                        AnchorKind::Number => "n",
                        AnchorKind::Link => "u",
                        AnchorKind::Name => "w",
                    };
                    json!([kind, m.docs[0], m.docs[1], m.text[0], m.text[1]])
                })
                .collect();
            let l: Vec<Value> = ev
                .lengths
                .iter()
                .map(|l| {
                    let round = |x: f64| (x * 1000.0).round() / 1000.0;
                    json!([
                        l.docs[0],
                        l.docs[1],
                        l.chars[0],
                        l.chars[1],
                        round(l.fitted),
                        round(l.sigma)
                    ])
                })
                .collect();
            json!({"m": m, "l": l})
        })
        .collect();
    let flags: Vec<Value> = options
        .verdicts
        .iter()
        .enumerate()
        .filter(|(_, v)| **v != Verdict::Open)
        .map(|(i, v)| json!([i, *v == Verdict::Confirmed, *v == Verdict::Excluded]))
        .collect();
    let title = options.title.clone().unwrap_or_else(|| {
        let names: Vec<String> = aligned
            .documents
            .iter()
            .zip(paths.iter().chain(std::iter::repeat(&None)))
            .map(|(d, p)| match p {
                Some(p) => p.to_string(),
                None => d.lang.clone(),
            })
            .collect();
        format!("Review: {}", names.join(" · "))
    });
    let data = json!({
        "alignment": alignment,
        "review": {
            "minScore": options.min_score,
            "redBelow": RED_BELOW.min(options.min_score),
            "title": title,
            "flags": flags,
            "evidence": evidence,
        },
    });
    let data = serde_json::to_string(&data).map_err(|e| Error::Io {
        path: None,
        source: e.into(),
    })?;
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src data: blob:; \
         connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; \
         frame-src 'none'; worker-src 'none'; form-action 'none'; base-uri 'none'",
        sha256_source(SCRIPT),
        sha256_source(STYLE)
    );
    let mut out =
        String::with_capacity(data.len() + SHELL.len() + STYLE.len() + SCRIPT.len() + 512);
    // The shell's markers are replaced in one pass, so nothing inserted is
    // ever read as a marker.
    let mut rest = SHELL;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        match &after[..end] {
            "CSP" => out.push_str(&csp),
            "TITLE" => escape_html_into(&mut out, &title),
            "STYLE" => out.push_str(STYLE),
            "SCRIPT" => out.push_str(SCRIPT),
            "DATA" => escape_script_json_into(&mut out, &data),
            other => {
                out.push_str("{{");
                out.push_str(other);
                out.push_str("}}");
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Renders the review page of `aligned` into `out`.
pub fn write<W: Write>(
    aligned: &AlignedTexts,
    paths: &[Option<&str>],
    options: &ReviewOptions,
    mut out: W,
) -> Result<()> {
    let page = render(aligned, paths, options)?;
    let io = |source| Error::Io { path: None, source };
    out.write_all(page.as_bytes()).map_err(io)?;
    out.flush().map_err(io)
}

/// The alignment JSON embedded in a review page, parsed: the value that
/// `align -f json` writes for the same alignment. `None` when `html` is
/// not a review page.
pub fn embedded_alignment(html: &str) -> Option<Value> {
    let start = html.find(DATA_OPEN)? + DATA_OPEN.len();
    let len = html[start..].find("</script>")?;
    let data: Value = serde_json::from_str(&html[start..start + len]).ok()?;
    data.get("alignment").cloned()
}

/// `'sha256-…'` of `text`, for a Content-Security-Policy source list.
fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("sha256-{}", base64(&digest))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// JSON made safe inside `<script>`: `<`, `>` and `&` (which appear only in
/// strings) become `\u003c`, `\u003e` and `\u0026`, so no text can close
/// the element or open a comment; U+2028 and U+2029 are escaped as well.
fn escape_script_json_into(out: &mut String, json: &str) {
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
}

fn escape_html_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn embedded_json_cannot_close_the_script() {
        let mut out = String::new();
        escape_script_json_into(&mut out, "{\"t\":\"</script><!-- & \u{2028}\"}");
        assert!(!out.contains(['<', '>', '&', '\u{2028}']), "{out}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["t"], "</script><!-- & \u{2028}");
    }
}

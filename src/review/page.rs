//! Renders the review page: the HTML shell, the inline style and script,
//! and the data they read, embedded as JSON that no text can break out of.

use super::{data, ReviewOptions, RED_BELOW};
use crate::align::EvidenceFinder;
use crate::alignment_json::Verdict;
use crate::error::{Error, Result};
use crate::AlignedTexts;
use rayon::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
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
    aligned.check()?;
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
    // The alignment as `align -f json` writes it, so that saving the page
    // unedited gives those bytes back (the page re-creates the pretty
    // printing), and the evidence are independent: write one while the
    // other is read. Every document is read once by the finder; the beads
    // are then spread over the threads (collect keeps bead order, so the
    // page is the same at any count).
    let (exported, evidence) = rayon::join(
        || {
            let sentences: usize = aligned
                .documents
                .iter()
                .map(|d| d.text.len() + 64 * d.sentences.len())
                .sum();
            let mut exported =
                String::with_capacity(sentences + 32 * aligned.alignment.beads.len());
            data::alignment_into(&mut exported, aligned, paths);
            exported
        },
        || -> Vec<String> {
            let docs: Vec<&crate::Document> = aligned.documents.iter().collect();
            let finder = EvidenceFinder::new(&docs, &aligned.alignment);
            aligned
                .alignment
                .beads
                .par_iter()
                .map(|bead| data::evidence_json(&finder.bead(bead)))
                .collect()
        },
    );
    let mut review =
        String::with_capacity(64 + evidence.iter().map(|e| e.len() + 1).sum::<usize>());
    review.push_str("{\"minScore\":");
    review.push_str(&data::number(options.min_score));
    review.push_str(",\"redBelow\":");
    review.push_str(&data::number(RED_BELOW.min(options.min_score)));
    review.push_str(",\"title\":");
    data::string_into(&mut review, &title);
    review.push_str(",\"flags\":[");
    let flags = options
        .verdicts
        .iter()
        .enumerate()
        .filter(|(_, v)| **v != Verdict::Open);
    for (n, (i, v)) in flags.enumerate() {
        if n > 0 {
            review.push(',');
        }
        let _ = write!(
            review,
            "[{i},{},{}]",
            *v == Verdict::Confirmed,
            *v == Verdict::Excluded
        );
    }
    review.push_str("],\"evidence\":[");
    for (n, e) in evidence.iter().enumerate() {
        if n > 0 {
            review.push(',');
        }
        review.push_str(e);
    }
    review.push_str("]}");
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src data: blob:; \
         connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; \
         frame-src 'none'; worker-src 'none'; form-action 'none'; base-uri 'none'",
        sha256_source(SCRIPT),
        sha256_source(STYLE)
    );
    let mut out = String::with_capacity(
        exported.len() + review.len() + SHELL.len() + STYLE.len() + SCRIPT.len() + 512,
    );
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
            "DATA" => {
                out.push_str("{\"alignment\":");
                out.push_str(&exported);
                out.push_str(",\"review\":");
                out.push_str(&review);
                out.push('}');
            }
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
}

//! JSON: the documents with their sentences and the beads with scores.

use super::{io_error, shown_score};
use crate::alignment_json::Verdict;
use crate::error::Result;
use crate::pipeline::AlignedTexts;
use std::io::Write;

/// Writes the JSON format of DESIGN.md: the documents with their sentences
/// (byte offsets into the decoded text) and the beads with their scores.
/// `paths[k]` names the file of document `k`, when there is one.
pub fn write_json<W: Write>(aligned: &AlignedTexts, paths: &[Option<&str>], out: W) -> Result<()> {
    write_json_with_verdicts(aligned, paths, &[], out)
}

/// [`write_json`] with the translator's verdicts: `"confirmed": true` or
/// `"excluded": true` on the beads that have one, as the review page saves.
pub fn write_json_with_verdicts<W: Write>(
    aligned: &AlignedTexts,
    paths: &[Option<&str>],
    verdicts: &[Verdict],
    mut out: W,
) -> Result<()> {
    use serde_json::{json, Value};
    let documents: Vec<Value> = aligned
        .documents
        .iter()
        .enumerate()
        .map(|(k, doc)| {
            let sentences: Vec<Value> = doc
                .sentences
                .iter()
                .map(|s| {
                    json!({
                        "start": s.start,
                        "end": s.end,
                        "paragraph": s.paragraph,
                        "text": doc.text.get(s.range()).unwrap_or(""),
                    })
                })
                .collect();
            // Offsets of HTML and DOCX documents point into their extracted text.
            let format = aligned.formats.get(k).map_or("text", |f| f.name());
            json!({"lang": doc.lang, "path": paths.get(k).copied().flatten(), "format": format, "sentences": sentences})
        })
        .collect();
    let beads: Vec<Value> = aligned
        .alignment
        .beads
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let ids: Vec<Vec<usize>> = b.ids.iter().map(|r| r.clone().collect()).collect();
            let score = shown_score(b.score);
            let mut bead = json!({"ids": ids, "score": score});
            match verdicts.get(i) {
                Some(Verdict::Confirmed) => bead["confirmed"] = json!(true),
                Some(Verdict::Excluded) => bead["excluded"] = json!(true),
                _ => {}
            }
            bead
        })
        .collect();
    let value = json!({"documents": documents, "beads": beads});
    serde_json::to_writer_pretty(&mut out, &value).map_err(|e| io_error(e.into()))?;
    out.write_all(b"\n").map_err(io_error)?;
    out.flush().map_err(io_error)
}

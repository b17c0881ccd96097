//! Reads an alignment back from the JSON of `align -f json` (with optional
//! per-bead `confirmed` / `excluded` flags), checking that the beads cover
//! every sentence exactly once, in order, and that the sentences fit.

use super::BeadFlags;
use crate::align::{Alignment, Bead};
use crate::document::{Document, Sentence};
use crate::error::{Error, Result};
use crate::AlignedTexts;
use serde::Deserialize;
use std::path::Path;

/// An alignment read back from JSON.
#[derive(Debug, Clone)]
pub struct Reviewed {
    /// The documents and beads. Each document's text holds its sentences at
    /// their offsets; what lay between them is not in the JSON and reads as
    /// spaces.
    pub aligned: AlignedTexts,
    /// The `path` of each document.
    pub paths: Vec<Option<String>>,
    /// The flags of each bead.
    pub flags: Vec<BeadFlags>,
}

#[derive(Deserialize)]
struct JsonAlignment {
    documents: Vec<JsonDocument>,
    beads: Vec<JsonBead>,
}

#[derive(Deserialize)]
struct JsonDocument {
    lang: String,
    path: Option<String>,
    /// The input format the text was extracted from; older files lack it.
    #[serde(default)]
    format: Option<String>,
    sentences: Vec<JsonSentence>,
}

#[derive(Deserialize)]
struct JsonSentence {
    start: usize,
    end: usize,
    paragraph: usize,
    text: String,
}

#[derive(Deserialize)]
struct JsonBead {
    ids: Vec<Vec<usize>>,
    score: f64,
    #[serde(default)]
    confirmed: bool,
    #[serde(default)]
    excluded: bool,
}

/// Parses and checks an alignment JSON; `path` names the file in errors.
pub fn read_alignment(json: &str, path: Option<&Path>) -> Result<Reviewed> {
    let fail = |at: String, message: String| Error::AlignmentJson {
        path: path.map(Path::to_path_buf),
        at,
        message,
    };
    let parsed: JsonAlignment = serde_json::from_str(json).map_err(|e| {
        fail(
            format!("line {}, column {}", e.line(), e.column()),
            e.to_string(),
        )
    })?;
    if !(2..=3).contains(&parsed.documents.len()) {
        return Err(fail(
            "documents".into(),
            format!(
                "expected 2 or 3 documents, found {}",
                parsed.documents.len()
            ),
        ));
    }
    let mut documents = Vec::with_capacity(parsed.documents.len());
    let mut paths = Vec::new();
    let mut formats = Vec::new();
    for (k, doc) in parsed.documents.into_iter().enumerate() {
        let mut text = String::new();
        let mut sentences = Vec::with_capacity(doc.sentences.len());
        let mut last_paragraph = 0;
        for (i, s) in doc.sentences.into_iter().enumerate() {
            let at = || format!("document {k}, sentence {i}");
            if s.start < text.len() || s.end < s.start {
                return Err(fail(
                    at(),
                    format!(
                        "offsets {}..{} overlap the previous sentence or run backwards",
                        s.start, s.end
                    ),
                ));
            }
            if s.end - s.start != s.text.len() {
                return Err(fail(
                    at(),
                    format!(
                        "offsets {}..{} span {} bytes but the text has {}",
                        s.start,
                        s.end,
                        s.end - s.start,
                        s.text.len()
                    ),
                ));
            }
            if s.text.is_empty() {
                return Err(fail(at(), "the sentence is empty".into()));
            }
            if s.paragraph < last_paragraph {
                return Err(fail(at(), "paragraph numbers go backwards".into()));
            }
            last_paragraph = s.paragraph;
            let gap = s.start - text.len();
            // The gap held at least a line break where a paragraph ended.
            text.extend(std::iter::repeat_n(' ', gap));
            text.push_str(&s.text);
            sentences.push(Sentence {
                start: s.start,
                end: s.end,
                paragraph: s.paragraph,
            });
        }
        paths.push(doc.path);
        formats.push(match doc.format.as_deref() {
            Some("html") => crate::input::Format::Html,
            Some("docx") => crate::input::Format::Docx,
            _ => crate::input::Format::Text,
        });
        documents.push(Document {
            lang: doc.lang,
            text,
            sentences,
        });
    }
    let mut next = vec![0usize; documents.len()];
    let mut beads = Vec::with_capacity(parsed.beads.len());
    let mut flags = Vec::with_capacity(parsed.beads.len());
    for (b, bead) in parsed.beads.into_iter().enumerate() {
        let at = || format!("bead {b}");
        if bead.ids.len() != documents.len() {
            return Err(fail(
                at(),
                format!(
                    "has {} id lists for {} documents",
                    bead.ids.len(),
                    documents.len()
                ),
            ));
        }
        if !(0.0..=1.0).contains(&bead.score) {
            return Err(fail(at(), format!("score {} is not in [0, 1]", bead.score)));
        }
        let mut ranges = Vec::with_capacity(documents.len());
        for (k, ids) in bead.ids.iter().enumerate() {
            let start = next[k];
            for (n, &id) in ids.iter().enumerate() {
                if id != start + n {
                    return Err(fail(
                        at(),
                        format!(
                            "document {k}: expected sentence {} next, found {id}",
                            start + n
                        ),
                    ));
                }
            }
            next[k] = start + ids.len();
            if next[k] > documents[k].len() {
                return Err(fail(
                    at(),
                    format!("document {k} has only {} sentences", documents[k].len()),
                ));
            }
            ranges.push(start..next[k]);
        }
        if ranges.iter().all(|r| r.is_empty()) {
            return Err(fail(at(), "has no sentences".into()));
        }
        beads.push(Bead {
            ids: ranges,
            score: bead.score,
        });
        flags.push(BeadFlags {
            confirmed: bead.confirmed,
            excluded: bead.excluded,
        });
    }
    for (k, doc) in documents.iter().enumerate() {
        if next[k] != doc.len() {
            return Err(fail(
                format!("document {k}, sentence {}", next[k]),
                "is in no bead".into(),
            ));
        }
    }
    Ok(Reviewed {
        aligned: AlignedTexts {
            documents,
            alignment: Alignment { beads },
            cuts: vec![0; formats.len()],
            formats,
        },
        paths,
        flags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        let aligned = crate::align_texts(
            &[
                ("en", "One here. Two there.\n\nThree."),
                ("fr", "Un ici. Deux là.\n\nTrois."),
            ],
            &Default::default(),
        )
        .unwrap();
        let mut out = Vec::new();
        crate::export::write_json(&aligned, &[Some("en.txt"), None], &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn reads_back_what_write_json_wrote() {
        let json = sample();
        let r = read_alignment(&json, None).unwrap();
        let mut again = Vec::new();
        let paths: Vec<Option<&str>> = r.paths.iter().map(|p| p.as_deref()).collect();
        crate::export::write_json(&r.aligned, &paths, &mut again).unwrap();
        assert_eq!(String::from_utf8(again).unwrap(), json);
    }

    #[test]
    fn a_gap_or_a_repeat_names_the_bead() {
        let json = sample();
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["beads"][1]["ids"][0] = serde_json::json!([0]);
        let err = read_alignment(&v.to_string(), Some(Path::new("a.json"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.json: bead 1: document 0: expected sentence 1 next, found 0"
        );
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["beads"].as_array_mut().unwrap().pop();
        let err = read_alignment(&v.to_string(), None).unwrap_err();
        assert!(err.to_string().ends_with("is in no bead"), "{err}");
        let err = read_alignment("{\"documents\": [", None).unwrap_err();
        assert!(err.to_string().starts_with("line 1, column"), "{err}");
    }

    #[test]
    fn offsets_must_match_the_text() {
        let json = sample().replacen("\"end\": 9", "\"end\": 12", 1);
        let err = read_alignment(&json, None).unwrap_err();
        assert!(err.to_string().contains("document 0, sentence 0"), "{err}");
    }
}

//! Reading an alignment back from the JSON that `align -f json` writes
//! (and that the review page saves), with the translator's verdicts.
//!
//! The JSON does not carry the documents' full text, only each sentence's
//! byte span and its text. A document is rebuilt by placing every sentence's
//! text at its span and filling the gaps with spaces, so that every span,
//! offset and sentence text comes back exactly as written; only the bytes
//! between sentences (whitespace in a segmented text) are not restored, and
//! nothing downstream reads them.
//!
//! What is checked, each in one pass (linear in the input):
//! - every sentence has `start < end`, `end - start` equal to the byte
//!   length of its `text`, starts at or after the end of the sentence before
//!   it, and has a paragraph number that never decreases;
//! - the gaps between sentences add up to at most [`MAX_GAP_FACTOR`] times
//!   the sentence text plus 1 MiB, so a forged offset cannot make the
//!   rebuilt text huge;
//! - every bead has one id list per document, each list is consecutive and
//!   starts where the previous bead of that document ended, at least one
//!   list is non-empty, its score is a number in `[0, 1]`, and it is not
//!   both confirmed and excluded;
//! - together the beads cover every sentence of every document.
//!
//! Errors name the line and column (malformed JSON), the bead, or the
//! sentence (1-based, with the JSON array index beside it).

use crate::align::{Alignment, Bead};
use crate::document::{Document, Sentence};
use crate::error::{Error, JsonPlace, Result};
use crate::AlignedTexts;
use serde::Deserialize;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// How much larger than the sentences' own text the gaps between them may
/// be, in all (plus 1 MiB).
pub const MAX_GAP_FACTOR: usize = 16;

/// What the translator said about a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verdict {
    /// Not reviewed: the score decides.
    #[default]
    Open,
    /// `"confirmed": true`: always written, whatever its score.
    Confirmed,
    /// `"excluded": true`: never written.
    Excluded,
}

/// An alignment read from JSON: the documents, the beads, the file each
/// document came from, and a verdict per bead.
#[derive(Debug, Clone)]
pub struct ReviewedAlignment {
    /// The documents and beads, as `align` had them.
    pub aligned: AlignedTexts,
    /// `paths[k]`: the `path` of document `k`, when the JSON has one.
    pub paths: Vec<Option<String>>,
    /// `verdicts[i]`: the verdict on bead `i`.
    pub verdicts: Vec<Verdict>,
}

// The texts are borrowed from the JSON where they have no escapes: a
// million-sentence file is then not held twice.
#[derive(Deserialize)]
struct RawAlignment<'a> {
    #[serde(borrow)]
    documents: Vec<RawDocument<'a>>,
    beads: Vec<RawBead>,
}

#[derive(Deserialize)]
struct RawDocument<'a> {
    lang: String,
    #[serde(default)]
    path: Option<String>,
    /// The input format the text was extracted from (`text`, `html`,
    /// `docx`); files written before it was recorded lack it.
    #[serde(default)]
    format: Option<String>,
    #[serde(borrow)]
    sentences: Vec<RawSentence<'a>>,
}

#[derive(Deserialize)]
struct RawSentence<'a> {
    start: usize,
    end: usize,
    #[serde(default)]
    paragraph: usize,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawBead {
    ids: Vec<Vec<usize>>,
    score: f64,
    #[serde(default)]
    confirmed: bool,
    #[serde(default)]
    excluded: bool,
}

impl ReviewedAlignment {
    /// Reads and checks the JSON in `text`; `path` names the file in errors.
    ///
    /// ```
    /// let json = r#"{"documents": [
    ///   {"lang": "en", "path": null, "sentences": [{"start": 0, "end": 3, "paragraph": 0, "text": "Hi."}]},
    ///   {"lang": "ru", "path": null, "sentences": [{"start": 0, "end": 5, "paragraph": 0, "text": "Оп."}]}],
    ///   "beads": [{"ids": [[0], [0]], "score": 0.5, "confirmed": true}]}"#;
    /// let reviewed = tmalign::alignment_json::ReviewedAlignment::from_json(json, None).unwrap();
    /// assert_eq!(reviewed.aligned.documents[1].sentence_text(0), "Оп.");
    /// assert_eq!(reviewed.verdicts[0], tmalign::alignment_json::Verdict::Confirmed);
    /// ```
    ///
    /// # Errors
    /// [`Error::AlignmentJson`], naming the line and column, the bead or
    /// the sentence.
    pub fn from_json(text: &str, path: Option<&Path>) -> Result<ReviewedAlignment> {
        let fail = |place: JsonPlace, message: String| Error::AlignmentJson {
            path: path.map(Path::to_path_buf),
            place,
            message,
        };
        let raw: RawAlignment = serde_json::from_str(text).map_err(|e| {
            // serde_json appends " at line L column C"; the place says it.
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            fail(
                JsonPlace::Position {
                    line: e.line(),
                    column: e.column(),
                },
                message,
            )
        })?;
        if !(2..=3).contains(&raw.documents.len()) {
            return Err(fail(
                JsonPlace::Whole,
                format!("expected 2 or 3 documents, found {}", raw.documents.len()),
            ));
        }
        let mut paths = Vec::new();
        let mut formats = Vec::new();
        let mut documents = Vec::new();
        for (k, raw_doc) in raw.documents.into_iter().enumerate() {
            paths.push(raw_doc.path.clone());
            formats.push(match raw_doc.format.as_deref() {
                Some("html") => crate::input::Format::Html,
                Some("docx") => crate::input::Format::Docx,
                _ => crate::input::Format::Text,
            });
            documents.push(rebuild(k, raw_doc).map_err(|(place, m)| fail(place, m))?);
        }
        let mut next = vec![0usize; documents.len()];
        let mut beads = Vec::with_capacity(raw.beads.len());
        let mut verdicts = Vec::with_capacity(raw.beads.len());
        for (index, raw_bead) in raw.beads.into_iter().enumerate() {
            let at = JsonPlace::Bead { index };
            if raw_bead.ids.len() != documents.len() {
                return Err(fail(
                    at,
                    format!(
                        "has {} id lists, expected one per document ({})",
                        raw_bead.ids.len(),
                        documents.len()
                    ),
                ));
            }
            if !(0.0..=1.0).contains(&raw_bead.score) {
                return Err(fail(
                    at,
                    format!("score {} is not between 0 and 1", raw_bead.score),
                ));
            }
            if raw_bead.confirmed && raw_bead.excluded {
                return Err(fail(at, "is both confirmed and excluded".into()));
            }
            let mut ids = Vec::with_capacity(documents.len());
            for (k, list) in raw_bead.ids.iter().enumerate() {
                let start = next[k];
                for (offset, &id) in list.iter().enumerate() {
                    let expected = start + offset;
                    if id != expected {
                        let what = if id < expected { "repeats" } else { "skips to" };
                        return Err(fail(
                            at,
                            format!(
                                "document {} ({}): {what} sentence {id}, expected sentence {expected} next",
                                k + 1,
                                documents[k].lang
                            ),
                        ));
                    }
                    if id >= documents[k].len() {
                        return Err(fail(
                            at,
                            format!(
                                "document {} ({}): sentence {id} does not exist ({} sentences)",
                                k + 1,
                                documents[k].lang,
                                documents[k].len()
                            ),
                        ));
                    }
                }
                next[k] = start + list.len();
                ids.push(start..next[k]);
            }
            if ids.iter().all(|r| r.is_empty()) {
                return Err(fail(at, "has no sentence in any document".into()));
            }
            verdicts.push(if raw_bead.confirmed {
                Verdict::Confirmed
            } else if raw_bead.excluded {
                Verdict::Excluded
            } else {
                Verdict::Open
            });
            beads.push(Bead {
                ids,
                score: raw_bead.score,
            });
        }
        for (k, doc) in documents.iter().enumerate() {
            if next[k] < doc.len() {
                return Err(fail(
                    JsonPlace::Sentence {
                        document: k,
                        index: next[k],
                    },
                    format!(
                        "is in no bead (the beads end after sentence {} of {})",
                        next[k],
                        doc.len()
                    ),
                ));
            }
        }
        let mut aligned = AlignedTexts::new(documents, Alignment { beads });
        aligned.formats = formats;
        Ok(ReviewedAlignment {
            aligned,
            paths,
            verdicts,
        })
    }

    /// Reads and checks the JSON file at `path`.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::AlignmentJson`]
    /// when it is not a valid alignment.
    pub fn from_path(path: &Path) -> Result<ReviewedAlignment> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: Some(PathBuf::from(path)),
            source,
        })?;
        let text = std::str::from_utf8(&bytes).map_err(|e| Error::Decode {
            path: Some(PathBuf::from(path)),
            offset: e.valid_up_to(),
            encoding: "UTF-8",
        })?;
        // A BOM is not JSON, but editors add one.
        ReviewedAlignment::from_json(text.strip_prefix('\u{feff}').unwrap_or(text), Some(path))
    }
}

impl ReviewedAlignment {
    /// The alignment with every stretch between confirmed beads aligned
    /// again ([`crate::Aligner::realign`]); confirmed beads stay, and
    /// stay confirmed; excluded marks on realigned stretches are dropped,
    /// since their beads may be gone.
    ///
    /// # Errors
    /// As [`crate::Aligner::realign`].
    pub fn realigned(&self, aligner: &crate::Aligner) -> Result<ReviewedAlignment> {
        let docs: Vec<&Document> = self.aligned.documents.iter().collect();
        let fixed: Vec<bool> = self
            .verdicts
            .iter()
            .map(|v| *v == Verdict::Confirmed)
            .collect();
        let beads = aligner.realign(&docs, &self.aligned.alignment.beads, &fixed)?;
        // A confirmed bead is one whose ranges came through unchanged.
        let confirmed: std::collections::HashSet<&Vec<std::ops::Range<usize>>> = self
            .aligned
            .alignment
            .beads
            .iter()
            .zip(&fixed)
            .filter(|(_, &f)| f)
            .map(|(b, _)| &b.ids)
            .collect();
        let verdicts = beads
            .iter()
            .map(|b| {
                if confirmed.contains(&b.ids) {
                    Verdict::Confirmed
                } else {
                    Verdict::Open
                }
            })
            .collect();
        let mut aligned = AlignedTexts::new(self.aligned.documents.clone(), Alignment { beads });
        aligned.formats = self.aligned.formats.clone();
        Ok(ReviewedAlignment {
            aligned,
            paths: self.paths.clone(),
            verdicts,
        })
    }
}

/// Places each sentence's text at its span, checking the spans.
fn rebuild(k: usize, raw: RawDocument) -> Result<Document, (JsonPlace, String)> {
    let own: usize = raw.sentences.iter().map(|s| s.text.len()).sum();
    let budget = own.saturating_mul(MAX_GAP_FACTOR).saturating_add(1 << 20);
    // Sized once, so that growing it never holds two copies; the checks
    // below bound the end of the last sentence by the same budget.
    let last_end = raw.sentences.last().map_or(0, |s| s.end);
    let mut text = String::with_capacity(last_end.min(own.saturating_add(budget)));
    let mut sentences = Vec::with_capacity(raw.sentences.len());
    let mut paragraph = 0;
    let mut gaps = 0usize;
    for (index, s) in raw.sentences.iter().enumerate() {
        let at = JsonPlace::Sentence { document: k, index };
        if s.text.is_empty() || s.start >= s.end {
            return Err((at, format!("is empty (start {}, end {})", s.start, s.end)));
        }
        if s.end - s.start != s.text.len() {
            return Err((
                at,
                format!(
                    "spans bytes {}..{} ({} bytes) but its text has {} bytes",
                    s.start,
                    s.end,
                    s.end - s.start,
                    s.text.len()
                ),
            ));
        }
        if s.start < text.len() {
            return Err((
                at,
                format!(
                    "starts at byte {}, before the previous sentence ends (byte {})",
                    s.start,
                    text.len()
                ),
            ));
        }
        if s.paragraph < paragraph {
            return Err((
                at,
                format!(
                    "is in paragraph {}, after a sentence in paragraph {paragraph}",
                    s.paragraph
                ),
            ));
        }
        gaps += s.start - text.len();
        if gaps > budget {
            return Err((
                at,
                format!(
                    "starts at byte {}: the gaps between sentences exceed {budget} bytes",
                    s.start
                ),
            ));
        }
        // Gaps become spaces, with a paragraph break shown where it was.
        let gap = s.start - text.len();
        if s.paragraph > paragraph && gap >= 2 && index > 0 {
            text.extend(std::iter::repeat_n(' ', gap - 2));
            text.push_str("\n\n");
        } else {
            text.extend(std::iter::repeat_n(' ', gap));
        }
        paragraph = s.paragraph;
        text.push_str(&s.text);
        sentences.push(Sentence {
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
        });
    }
    Ok(Document {
        lang: raw.lang,
        text,
        sentences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(beads: &str) -> String {
        format!(
            r#"{{"documents": [
  {{"lang": "en", "sentences": [{{"start": 0, "end": 2, "text": "A."}}, {{"start": 3, "end": 5, "text": "B."}}]}},
  {{"lang": "fr", "sentences": [{{"start": 0, "end": 2, "text": "a."}}]}}],
  "beads": {beads}}}"#
        )
    }

    fn error(text: &str) -> String {
        ReviewedAlignment::from_json(text, Some(Path::new("x.json")))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn escaped_texts_are_read_as_written() {
        // Escapes make serde hand over an owned text, the rest are borrowed.
        let text = r#"{"documents": [
  {"lang": "en", "sentences": [{"start": 0, "end": 6, "text": "\"A\" \u00e9"}, {"start": 7, "end": 9, "text": "B."}]},
  {"lang": "fr", "sentences": [{"start": 0, "end": 4, "text": "a\\b."}]}],
  "beads": [{"ids": [[0, 1], [0]], "score": 1}]}"#;
        let r = ReviewedAlignment::from_json(text, None).unwrap();
        let en = &r.aligned.documents[0];
        assert_eq!(en.sentence_text(0), "\"A\" é");
        assert_eq!(en.sentence_text(1), "B.");
        assert_eq!(r.aligned.documents[1].sentence_text(0), "a\\b.");
    }

    #[test]
    fn reads_a_valid_alignment() {
        let r = ReviewedAlignment::from_json(
            &json(r#"[{"ids": [[0], [0]], "score": 1}, {"ids": [[1], []], "score": 0.2, "excluded": true}]"#),
            None,
        )
        .unwrap();
        assert_eq!(r.aligned.documents[0].sentence_text(1), "B.");
        assert_eq!(r.aligned.alignment.beads[1].ids, [1..2, 1..1]);
        assert_eq!(r.verdicts, [Verdict::Open, Verdict::Excluded]);
    }

    #[test]
    fn names_the_bead_that_skips_or_repeats() {
        let e = error(&json(
            r#"[{"ids": [[0], [0]], "score": 1}, {"ids": [[0, 1], []], "score": 1}]"#,
        ));
        assert!(
            e.contains("x.json: bead 2 (beads[1])") && e.contains("repeats sentence 0"),
            "{e}"
        );
        let e = error(&json(r#"[{"ids": [[1], [0]], "score": 1}]"#));
        assert!(
            e.contains("bead 1 (beads[0])") && e.contains("skips to sentence 1"),
            "{e}"
        );
        let e = error(&json(r#"[{"ids": [[0], [0]], "score": 1}]"#));
        assert!(
            e.contains("document 1 sentence 2 (documents[0].sentences[1])"),
            "{e}"
        );
        let e = error(&json(
            r#"[{"ids": [[0], [0]], "score": 1}, {"ids": [[1], [1]], "score": 1}]"#,
        ));
        assert!(e.contains("sentence 1 does not exist"), "{e}");
    }

    #[test]
    fn names_the_sentence_whose_offsets_do_not_match() {
        let bad = json("[]").replace(r#""start": 3, "end": 5"#, r#""start": 3, "end": 6"#);
        let e = error(&bad);
        assert!(
            e.contains("document 1 sentence 2") && e.contains("its text has 2 bytes"),
            "{e}"
        );
        let bad = json("[]").replace(r#""start": 3, "end": 5"#, r#""start": 1, "end": 3"#);
        assert!(error(&bad).contains("before the previous sentence ends"));
        let bad = json("[]").replace(
            r#""start": 3, "end": 5"#,
            r#""start": 99999999999, "end": 100000000001"#,
        );
        assert!(error(&bad).contains("gaps between sentences exceed"));
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let e = error("{\"documents\": [\n  {\"lang\": 3}");
        assert!(e.starts_with("x.json:2:"), "{e}");
    }
}

//! JSON: the documents with their sentences and the beads with scores.

use super::{io_error, shown_score};
use crate::alignment_json::Verdict;
use crate::document::Document;
use crate::error::Result;
use crate::pipeline::AlignedTexts;
use serde::{Serialize, Serializer};
use std::io::Write;
use std::ops::Range;

/// Writes the JSON format of DESIGN.md: the documents with their sentences
/// (byte offsets into the decoded text) and the beads with their scores.
/// `paths[k]` names the file of document `k`, when there is one.
pub fn write_json<W: Write>(aligned: &AlignedTexts, paths: &[Option<&str>], out: W) -> Result<()> {
    write_json_with_verdicts(aligned, paths, &[], out)
}

/// [`write_json`] with the translator's verdicts: `"confirmed": true` or
/// `"excluded": true` on the beads that have one, as the review page saves.
///
/// Written as it is serialised, from borrowed views of the texts: a tree
/// of JSON values for a million sentences a side took 5 GB.
pub fn write_json_with_verdicts<W: Write>(
    aligned: &AlignedTexts,
    paths: &[Option<&str>],
    verdicts: &[Verdict],
    mut out: W,
) -> Result<()> {
    aligned.check()?;
    let file = JsonFile {
        beads: Beads { aligned, verdicts },
        documents: Documents { aligned, paths },
    };
    serde_json::to_writer_pretty(&mut out, &file).map_err(|e| io_error(e.into()))?;
    out.write_all(b"\n").map_err(io_error)?;
    out.flush().map_err(io_error)
}

// The fields of each object are in the order of their names, as the JSON
// format has always written them.

#[derive(Serialize)]
struct JsonFile<'a> {
    beads: Beads<'a>,
    documents: Documents<'a>,
}

struct Beads<'a> {
    aligned: &'a AlignedTexts,
    verdicts: &'a [Verdict],
}

impl Serialize for Beads<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let beads = self.aligned.alignment.beads.iter().enumerate();
        serializer.collect_seq(beads.map(|(i, bead)| {
            let verdict = self.verdicts.get(i);
            JsonBead {
                confirmed: matches!(verdict, Some(Verdict::Confirmed)),
                excluded: matches!(verdict, Some(Verdict::Excluded)),
                ids: bead.ids.iter().map(|r| Ids(r.clone())).collect(),
                score: shown_score(bead.score),
            }
        }))
    }
}

#[derive(Serialize)]
struct JsonBead {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    confirmed: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    excluded: bool,
    ids: Vec<Ids>,
    score: f64,
}

/// The sentence ids of one document in a bead, as a list.
struct Ids(Range<usize>);

impl Serialize for Ids {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

struct Documents<'a> {
    aligned: &'a AlignedTexts,
    paths: &'a [Option<&'a str>],
}

impl Serialize for Documents<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let docs = self.aligned.documents.iter().enumerate();
        serializer.collect_seq(docs.map(|(k, doc)| JsonDocument {
            // Offsets of HTML and DOCX documents point into their extracted text.
            format: self.aligned.formats.get(k).map_or("text", |f| f.name()),
            lang: &doc.lang,
            path: self.paths.get(k).copied().flatten(),
            sentences: Sentences(doc),
        }))
    }
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    format: &'a str,
    lang: &'a str,
    path: Option<&'a str>,
    sentences: Sentences<'a>,
}

struct Sentences<'a>(&'a Document);

impl Serialize for Sentences<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let doc = self.0;
        serializer.collect_seq(doc.sentences.iter().map(|s| JsonSentence {
            end: s.end,
            paragraph: s.paragraph,
            start: s.start,
            text: doc.text.get(s.range()).unwrap_or(""),
        }))
    }
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    end: usize,
    paragraph: usize,
    start: usize,
    text: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Alignment, Bead};

    /// The format scripts read: keys in name order, ranges as lists of ids,
    /// verdicts only on the beads that have one.
    #[test]
    fn writes_the_documented_form() {
        let docs = vec![
            Document::presegmented("en", "A.\nB.\nC.\n".to_string()),
            Document::presegmented("ru", "А.\n".to_string()),
        ];
        let beads = vec![
            Bead {
                ids: vec![0..2, 0..1],
                score: 0.91234,
            },
            Bead {
                ids: vec![2..3, 1..1],
                score: 2.0,
            },
        ];
        let aligned = AlignedTexts::new(docs, Alignment { beads });
        let mut out = Vec::new();
        let verdicts = [Verdict::Excluded, Verdict::Confirmed];
        write_json_with_verdicts(&aligned, &[Some("a.txt"), None], &verdicts, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let compact: String = text.split_whitespace().collect();
        assert_eq!(
            compact,
            concat!(
                r#"{"beads":[{"excluded":true,"ids":[[0,1],[0]],"score":0.9123},"#,
                r#"{"confirmed":true,"ids":[[2],[]],"score":1.0}],"#,
                r#""documents":[{"format":"text","lang":"en","path":"a.txt","sentences":["#,
                r#"{"end":2,"paragraph":0,"start":0,"text":"A."},"#,
                r#"{"end":5,"paragraph":0,"start":3,"text":"B."},"#,
                r#"{"end":8,"paragraph":0,"start":6,"text":"C."}]},"#,
                r#"{"format":"text","lang":"ru","path":null,"sentences":["#,
                r#"{"end":3,"paragraph":0,"start":0,"text":"А."}]}]}"#
            )
        );
        assert!(text.ends_with("}\n"));
    }
}

//! Writing an alignment out: TMX (through the `tmx` crate), TSV, JSON and
//! beads.
//!
//! Every format is built from the same bead texts ([`bead_text`]): the
//! sentences of one side joined by a space, with line breaks inside a
//! sentence folded to a space, so that what a CAT tool sees matches what
//! the TSV and JSON show.

use crate::align::Bead;
use crate::aligned::AlignedTexts;
use crate::document::Document;
use crate::error::{Error, Result};
use std::io::Write;

/// The `type` of the unit property that holds a bead's score.
pub const SCORE_PROP: &str = "x-tmalign-score";
/// The `type` of the unit property that holds a bead's type, e.g. `1-2`.
pub const BEAD_PROP: &str = "x-tmalign-bead";
/// The `type` of the unit property on beads the translator confirmed.
pub const CONFIRMED_PROP: &str = "x-tmalign-confirmed";

/// Settings for [`write_tmx`].
#[derive(Debug, Clone)]
pub struct TmxOptions {
    /// Beads scoring below this are left out. By default,
    /// [`crate::align::DEFAULT_MIN_SCORE`].
    pub min_score: f64,
    /// The header's `srclang`. By default, the first document's language.
    pub srclang: Option<String>,
    /// Which documents to write, by index, in this order. By default
    /// (`None`), all of them; `Some(vec![0, 2])` writes a bilingual file of
    /// the first and third.
    pub documents: Option<Vec<usize>>,
    /// Settings passed on to the TMX writer (control characters, encoding).
    pub writer: tmx::WriterOptions,
    /// The translator's verdict per bead, from a reviewed alignment:
    /// confirmed beads are written whatever their score (with a
    /// [`CONFIRMED_PROP`] prop), excluded ones never. By default empty: no
    /// bead has been reviewed.
    pub verdicts: Vec<crate::alignment_json::Verdict>,
    /// Scores to judge and write instead of the beads' own, one per bead,
    /// such as one language pair's own scores
    /// ([`crate::align::pair_scores`]). By default `None`.
    pub scores: Option<Vec<f64>>,
}

impl Default for TmxOptions {
    fn default() -> TmxOptions {
        TmxOptions {
            min_score: crate::align::DEFAULT_MIN_SCORE,
            srclang: None,
            documents: None,
            writer: tmx::WriterOptions::default(),
            verdicts: Vec::new(),
            scores: None,
        }
    }
}

/// What [`write_tmx`] wrote and what it left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmxSummary {
    /// Beads considered (all beads of the alignment).
    pub beads: usize,
    /// Units written.
    pub units_written: usize,
    /// Beads left out because they have text in fewer than two of the
    /// chosen documents (0-1 and 1-0 beads).
    pub one_sided: usize,
    /// Beads left out because their score is below the threshold.
    pub below_min_score: usize,
    /// Units the TMX writer dropped (fewer than two non-empty variants once
    /// trimmed and cleaned).
    pub dropped_by_writer: usize,
    /// Characters that XML 1.0 forbids, removed from segments.
    pub control_chars_removed: usize,
    /// Beads the translator excluded.
    pub excluded: usize,
    /// Every bead left out before the writer, in order: its index and why.
    pub left_out: Vec<(usize, LeftOut)>,
}

/// Why a bead is not a unit of the TMX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// Text in fewer than two of the chosen documents.
    OneSided,
    /// Scored below `--min-score`.
    BelowMinScore,
    /// Excluded by the translator.
    Excluded,
}

impl LeftOut {
    /// The name shown in summaries and the rejected TSV.
    pub fn name(self) -> &'static str {
        match self {
            LeftOut::OneSided => "one-sided",
            LeftOut::BelowMinScore => "below-min-score",
            LeftOut::Excluded => "excluded",
        }
    }
}

/// The text of one side of a bead: its sentences joined by a space, with
/// line breaks inside a sentence folded to a space. Empty for an empty side.
pub fn bead_text(doc: &Document, ids: std::ops::Range<usize>) -> String {
    let mut out = String::new();
    for i in ids {
        let Some(sentence) = doc.sentences.get(i) else {
            break;
        };
        let Some(text) = doc.text.get(sentence.range()) else {
            continue;
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&crate::segment::on_one_line(text));
    }
    out
}

/// A score as written everywhere: four decimals, so output is stable.
pub fn format_score(score: f64) -> String {
    let score = if score.is_nan() {
        0.0
    } else {
        score.clamp(0.0, 1.0)
    };
    format!("{score:.4}")
}

/// Writes the alignment as TMX 1.4b: one `tu` per bead with a `tuv` per
/// document, each unit carrying its score and bead type as props.
///
/// ```
/// let aligned = tmalign::align_texts(
///     &[("en", "Prices rose 5%. Shares fell."), ("ru", "Цены выросли на 5%. Акции упали.")],
///     &Default::default(),
/// ).unwrap();
/// let mut out = Vec::new();
/// let options = tmalign::export::TmxOptions { min_score: 0.0, ..Default::default() };
/// let summary = tmalign::export::write_tmx(&aligned, &mut out, &options).unwrap();
/// assert_eq!(summary.units_written, 2);
/// let tmx = String::from_utf8(out).unwrap();
/// assert!(tmx.contains(r#"<tuv xml:lang="ru">"#));
/// assert!(tmx.contains("<seg>Акции упали.</seg>"));
/// ```
pub fn write_tmx<W: Write>(
    aligned: &AlignedTexts,
    out: W,
    options: &TmxOptions,
) -> Result<TmxSummary> {
    let chosen: Vec<usize> = match &options.documents {
        Some(list) => list.clone(),
        None => (0..aligned.documents.len()).collect(),
    };
    let docs: Vec<&Document> = chosen
        .iter()
        .map(|&k| {
            aligned
                .documents
                .get(k)
                .ok_or(Error::DocumentCount { found: k + 1 })
        })
        .collect::<Result<_>>()?;
    let srclang = match &options.srclang {
        Some(lang) => lang.clone(),
        None => docs.first().map(|d| d.lang.clone()).unwrap_or_default(),
    };
    let header = tmx::Header::new("tmalign", env!("CARGO_PKG_VERSION"), &srclang);
    let mut writer = tmx::Writer::new(out, &header, options.writer)?;
    let mut summary = TmxSummary {
        beads: aligned.alignment.beads.len(),
        ..TmxSummary::default()
    };
    let mut tu = tmx::Tu::default();
    use crate::alignment_json::Verdict;
    for (index, bead) in aligned.alignment.beads.iter().enumerate() {
        let verdict = options.verdicts.get(index).copied().unwrap_or_default();
        let score = options
            .scores
            .as_ref()
            .and_then(|s| s.get(index).copied())
            .unwrap_or(bead.score);
        let sides = chosen
            .iter()
            .filter(|&&k| bead.ids.get(k).is_some_and(|r| !r.is_empty()));
        let reason = if sides.count() < 2 {
            summary.one_sided += 1;
            Some(LeftOut::OneSided)
        } else if verdict == Verdict::Excluded {
            summary.excluded += 1;
            Some(LeftOut::Excluded)
        } else if score < options.min_score && verdict != Verdict::Confirmed {
            summary.below_min_score += 1;
            Some(LeftOut::BelowMinScore)
        } else {
            None
        };
        if let Some(reason) = reason {
            summary.left_out.push((index, reason));
            continue;
        }
        fill_unit(&mut tu, index, bead, score, &chosen, &docs);
        if verdict == Verdict::Confirmed {
            tu.props.push(tmx::Prop::new(CONFIRMED_PROP, "yes"));
        }
        writer.write_tu(&tu)?;
    }
    let written = writer.finish()?;
    summary.units_written = to_usize(written.units_written);
    summary.dropped_by_writer = to_usize(written.units_dropped);
    summary.control_chars_removed = to_usize(written.illegal_chars_removed);
    Ok(summary)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn fill_unit(
    tu: &mut tmx::Tu,
    index: usize,
    bead: &Bead,
    score: f64,
    chosen: &[usize],
    docs: &[&Document],
) {
    tu.clear();
    tu.tuid = Some((index + 1).to_string());
    let kind: Vec<String> = chosen
        .iter()
        .map(|&k| bead.ids.get(k).map_or(0, |r| r.len()).to_string())
        .collect();
    tu.props
        .push(tmx::Prop::new(SCORE_PROP, &format_score(score)));
    tu.props.push(tmx::Prop::new(BEAD_PROP, &kind.join("-")));
    for (&k, doc) in chosen.iter().zip(docs) {
        let ids = bead.ids.get(k).cloned().unwrap_or(0..0);
        if !ids.is_empty() {
            tu.tuvs.push(tmx::Tuv::new(&doc.lang, &bead_text(doc, ids)));
        }
    }
}

/// Writes one line per bead: `score<TAB>text1<TAB>text2[<TAB>text3]`, with
/// backslash, tab, line feed and carriage return escaped as `\\ \t \n \r`.
pub fn write_tsv<W: Write>(aligned: &AlignedTexts, out: W) -> Result<()> {
    write_tsv_with_header(aligned, false, out)
}

/// [`write_tsv`], first with a header row when `header` is true: `score`
/// and then each document's language (`score<TAB>ar<TAB>en`).
pub fn write_tsv_with_header<W: Write>(
    aligned: &AlignedTexts,
    header: bool,
    mut out: W,
) -> Result<()> {
    let mut line = String::new();
    if header {
        line.push_str("score");
        for doc in &aligned.documents {
            line.push('\t');
            escape_tsv_into(&mut line, &doc.lang);
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(io_error)?;
    }
    for bead in &aligned.alignment.beads {
        line.clear();
        line.push_str(&format_score(bead.score));
        for (doc, ids) in aligned.documents.iter().zip(&bead.ids) {
            line.push('\t');
            escape_tsv_into(&mut line, &bead_text(doc, ids.clone()));
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(io_error)?;
    }
    out.flush().map_err(io_error)
}

/// Appends `text` to a TSV field: backslash, tab, line feed and carriage
/// return become `\\`, `\t`, `\n` and `\r`, so a field never breaks a row.
pub fn escape_tsv_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// Writes the beads format, one bead per line: `[0]:[0, 1]`.
pub fn write_beads<W: Write>(aligned: &AlignedTexts, mut out: W) -> Result<()> {
    let beads = crate::eval::from_alignment(&aligned.alignment);
    out.write_all(crate::eval::format_beads(&beads).as_bytes())
        .map_err(io_error)?;
    out.flush().map_err(io_error)
}

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
    verdicts: &[crate::alignment_json::Verdict],
    mut out: W,
) -> Result<()> {
    use crate::alignment_json::Verdict;
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
            json!({"lang": doc.lang, "path": paths.get(k).copied().flatten(), "sentences": sentences})
        })
        .collect();
    let beads: Vec<Value> = aligned
        .alignment
        .beads
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let ids: Vec<Vec<usize>> = b.ids.iter().map(|r| r.clone().collect()).collect();
            let score: f64 = format_score(b.score).parse().unwrap_or(0.0);
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

fn io_error(source: std::io::Error) -> Error {
    Error::Io { path: None, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bead_text_folds_line_breaks_and_joins_sentences() {
        let doc = Document::presegmented("en", "A b\nc.\n".to_string());
        let mut doc2 = doc.clone();
        // One sentence spanning the line break.
        doc2.sentences = vec![crate::document::Sentence {
            start: 0,
            end: 6,
            paragraph: 0,
        }];
        assert_eq!(bead_text(&doc2, 0..1), "A b c.");
        assert_eq!(bead_text(&doc, 0..2), "A b c.");
        assert_eq!(bead_text(&doc, 1..1), "");
    }

    #[test]
    fn tsv_escapes_tabs_newlines_and_backslashes() {
        let mut out = String::new();
        escape_tsv_into(&mut out, "a\tb\\c\nd\re");
        assert_eq!(out, "a\\tb\\\\c\\nd\\re");
    }

    #[test]
    fn scores_are_clamped_and_fixed_width() {
        assert_eq!(format_score(0.123456), "0.1235");
        assert_eq!(format_score(1.5), "1.0000");
        assert_eq!(format_score(f64::NAN), "0.0000");
    }
}

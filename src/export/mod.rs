//! Writing an alignment out: TMX and XLIFF (through the `tmx` crate), TSV,
//! JSON and beads, one file per format.
//!
//! Every format is built from the same bead texts ([`bead_text`]): the
//! sentences of one side joined by a space, with line breaks inside a
//! sentence folded to a space, so that what a CAT tool sees matches what
//! the TSV and JSON show.

pub mod beads;
mod json;
mod tmx;
mod tsv;
mod xliff;

pub use self::beads::write_beads;
pub use self::json::{write_json, write_json_with_verdicts};
pub use self::tmx::{
    for_each_unit, tmx_srclang, write_tmx, LeftOut, TmxOptions, TmxSummary, UnitId, BEAD_PROP,
    CONFIRMED_PROP, SCORE_PROP,
};
pub use self::tsv::{escape_tsv_into, write_tsv, write_tsv_with_header};
pub use self::xliff::{
    match_quality, write_xliff, XliffExportSummary, XliffOptions, XLIFF_BEAD_ATTR, XLIFF_SCORE_ATTR,
};

use crate::document::Document;
use crate::error::Error;

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

/// A score as it is written: what `--min-score` is compared with, so that
/// a bead shown as `0.9000` is kept at `--min-score 0.9` whether it comes
/// from the aligner or from its JSON read back.
///
/// ```
/// assert_eq!(tmalign::export::shown_score(0.899999999), 0.9);
/// ```
pub fn shown_score(score: f64) -> f64 {
    format_score(score).parse().unwrap_or(0.0)
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

pub(crate) fn io_error(source: std::io::Error) -> Error {
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
    fn scores_are_clamped_and_fixed_width() {
        assert_eq!(format_score(0.123456), "0.1235");
        assert_eq!(format_score(1.5), "1.0000");
        assert_eq!(format_score(f64::NAN), "0.0000");
    }
}

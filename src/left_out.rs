//! The beads a TMX left out, written out so that nothing is lost in
//! silence: a TSV with a header row (`bead score type reason ar en …`), and
//! the short list the summary prints.

use crate::error::{Error, Result};
use crate::export::{bead_text, escape_tsv_into, format_score, LeftOut, TmxSummary};
use crate::AlignedTexts;
use std::io::Write;

/// One bead left out, ready to show: its 1-based number (the `tuid` it
/// would have had), score, type over the chosen documents, why, and the
/// text of each chosen document.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOutBead {
    /// 1-based bead number, as in the TMX's `tuid`.
    pub number: usize,
    /// The score the TMX judged it by.
    pub score: f64,
    /// Bead type over the chosen documents, e.g. `1-0`.
    pub kind: String,
    /// Why it was left out.
    pub reason: LeftOut,
    /// The text of each chosen document (empty for an empty side).
    pub texts: Vec<String>,
}

/// The beads `summary` says were left out of a TMX of `documents` (all
/// when `None`), scored by `scores` when given, as for
/// [`crate::export::write_tmx`]. Beads with no sentence in the chosen
/// documents (in a pair file, those of the third alone) are skipped.
pub fn left_out_beads<'a>(
    aligned: &'a AlignedTexts,
    summary: &'a TmxSummary,
    documents: Option<&'a [usize]>,
    scores: Option<&'a [f64]>,
) -> impl Iterator<Item = LeftOutBead> + 'a {
    let all: Vec<usize> = (0..aligned.documents.len()).collect();
    let chosen: Vec<usize> = documents.map_or(all, <[usize]>::to_vec);
    summary.left_out.iter().filter_map(move |&(index, reason)| {
        let bead = aligned.alignment.beads.get(index)?;
        // A bead with no sentence in the chosen documents is not theirs.
        if chosen
            .iter()
            .all(|&k| bead.ids.get(k).is_none_or(|r| r.is_empty()))
        {
            return None;
        }
        let score = scores
            .and_then(|s| s.get(index).copied())
            .unwrap_or(bead.score);
        let kind: Vec<String> = chosen
            .iter()
            .map(|&k| bead.ids.get(k).map_or(0, |r| r.len()).to_string())
            .collect();
        let texts = chosen
            .iter()
            .map(|&k| match (aligned.documents.get(k), bead.ids.get(k)) {
                (Some(doc), Some(ids)) => bead_text(doc, ids.clone()),
                _ => String::new(),
            })
            .collect();
        Some(LeftOutBead {
            number: index + 1,
            score,
            kind: kind.join("-"),
            reason,
            texts,
        })
    })
}

/// Writes `beads` as TSV: a header row `bead score type reason` and the
/// languages `langs`, then one row per bead, fields escaped as in
/// [`crate::export::write_tsv`].
pub fn write_left_out_tsv<W: Write>(
    langs: &[&str],
    beads: impl Iterator<Item = LeftOutBead>,
    mut out: W,
) -> Result<()> {
    let io = |source| Error::Io { path: None, source };
    let mut line = String::from("bead\tscore\ttype\treason");
    for lang in langs {
        line.push('\t');
        escape_tsv_into(&mut line, lang);
    }
    line.push('\n');
    out.write_all(line.as_bytes()).map_err(io)?;
    for bead in beads {
        line.clear();
        line.push_str(&format!(
            "{}\t{}\t{}\t{}",
            bead.number,
            format_score(bead.score),
            bead.kind,
            bead.reason.name()
        ));
        for text in &bead.texts {
            line.push('\t');
            escape_tsv_into(&mut line, text);
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// The start of a bead's text for a one-line listing: the first non-empty
/// side, cut after `chars` characters with an ellipsis.
pub fn text_start(bead: &LeftOutBead, chars: usize) -> String {
    let text = bead
        .texts
        .iter()
        .find(|t| !t.is_empty())
        .map_or("", String::as_str);
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().nth(chars).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Alignment, Bead};
    use crate::Document;

    #[test]
    fn rejected_tsv_has_a_header_and_one_row_per_bead() {
        let aligned = AlignedTexts::new(
            vec![
                Document::presegmented("en", "One\ttab.\nTwo.\n".into()),
                Document::presegmented("fr", "Un.\n".into()),
            ],
            Alignment {
                beads: vec![
                    Bead {
                        ids: vec![0..1, 0..1],
                        score: 0.5,
                    },
                    Bead {
                        ids: vec![1..2, 1..1],
                        score: 0.25,
                    },
                ],
            },
        );
        let summary = TmxSummary {
            left_out: vec![(0, LeftOut::BelowMinScore), (1, LeftOut::OneSided)],
            ..Default::default()
        };
        let mut out = Vec::new();
        let beads = left_out_beads(&aligned, &summary, None, None);
        write_left_out_tsv(&["en", "fr"], beads, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "bead\tscore\ttype\treason\ten\tfr\n\
             1\t0.5000\t1-1\tbelow-min-score\tOne\\ttab.\tUn.\n\
             2\t0.2500\t1-0\tone-sided\tTwo.\t\n"
        );
        let first = left_out_beads(&aligned, &summary, None, None)
            .next()
            .unwrap();
        assert_eq!(text_start(&first, 3), "One…");
    }
}

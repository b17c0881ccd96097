//! The beads a TMX left out, written out so that nothing is lost in
//! silence: a TSV with a header row (`bead score type reason ar en …`), and
//! the short list the summary prints.

use crate::align::PairUnit;
use crate::error::{Error, Result};
use crate::export::{bead_text, escape_tsv_into, format_score, LeftOut, TmxSummary, UnitId};
use crate::AlignedTexts;
use std::io::Write;
use std::ops::Range;

/// One unit left out, ready to show: its id (the `tuid` it would have
/// had: the bead number, and in a pair file the part of a split bead),
/// score, type over the chosen documents, why, and the text of each chosen
/// document.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOutBead {
    /// The unit, shown as in the TMX's `tuid` (`17`, `17.2`).
    pub id: UnitId,
    /// The score the TMX judged it by.
    pub score: f64,
    /// Bead type over the chosen documents, e.g. `1-0`.
    pub kind: String,
    /// Why it was left out.
    pub reason: LeftOut,
    /// The text of each chosen document (empty for an empty side).
    pub texts: Vec<String>,
}

/// The units `summary` says were left out of a TMX of `documents` (all
/// when `None`), as [`crate::export::write_tmx`] judged them: the beads,
/// or with `pair_units` the units of a language pair's file (as
/// [`crate::export::TmxOptions::pair_units`], `documents` being the
/// pair). Units with no sentence in the chosen documents (in a pair file,
/// beads of the third text alone) are skipped.
pub fn left_out_beads<'a>(
    aligned: &'a AlignedTexts,
    summary: &'a TmxSummary,
    documents: Option<&'a [usize]>,
    pair_units: Option<&'a [PairUnit]>,
) -> impl Iterator<Item = LeftOutBead> + 'a {
    let all: Vec<usize> = (0..aligned.documents.len()).collect();
    let chosen: Vec<usize> = documents.map_or(all, <[usize]>::to_vec);
    summary.left_out.iter().filter_map(move |&(id, reason)| {
        let (ids, score): (Vec<Range<usize>>, f64) = match pair_units {
            Some(units) => {
                let at = units
                    .binary_search_by_key(&(id.bead, id.part), |u| (u.bead, u.part))
                    .ok()?;
                (units[at].ids.to_vec(), units[at].score)
            }
            None => {
                let bead = aligned.alignment.beads.get(id.bead)?;
                let ids = chosen
                    .iter()
                    .map(|&k| bead.ids.get(k).cloned().unwrap_or(0..0))
                    .collect();
                (ids, bead.score)
            }
        };
        // A unit with no sentence in the chosen documents is not theirs.
        if ids.iter().all(|r| r.is_empty()) {
            return None;
        }
        let kind: Vec<String> = ids.iter().map(|r| r.len().to_string()).collect();
        let texts = chosen
            .iter()
            .zip(&ids)
            .map(|(&k, ids)| match aligned.documents.get(k) {
                Some(doc) => bead_text(doc, ids.clone()),
                None => String::new(),
            })
            .collect();
        Some(LeftOutBead {
            id,
            score,
            kind: kind.join("-"),
            reason,
            texts,
        })
    })
}

/// Writes `beads` as TSV: a header row `bead score type reason` and the
/// languages `langs`, then one row per unit (its `bead` column is the
/// unit's id, `17` or `17.2`), fields escaped as in
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
            bead.id,
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
            left_out: vec![
                (UnitId::bead(0), LeftOut::BelowMinScore),
                (UnitId::bead(1), LeftOut::OneSided),
            ],
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

    #[test]
    fn parts_of_a_pair_file_are_named_and_shown_as_parts() {
        let aligned = AlignedTexts::new(
            vec![
                Document::presegmented("ar", "أ.\nب.\n".into()),
                Document::presegmented("en", "A.\nB.\n".into()),
                Document::presegmented("ru", "А Б.\n".into()),
            ],
            Alignment {
                beads: vec![Bead {
                    ids: vec![0..2, 0..2, 0..1],
                    score: 0.5,
                }],
            },
        );
        let part = |k: usize, score: f64| PairUnit {
            bead: 0,
            part: Some(k),
            ids: [k..k + 1, k..k + 1],
            score,
        };
        let units = [part(0, 0.99), part(1, 0.25)];
        let summary = TmxSummary {
            left_out: vec![(
                UnitId {
                    bead: 0,
                    part: Some(1),
                },
                LeftOut::BelowMinScore,
            )],
            ..Default::default()
        };
        let mut out = Vec::new();
        let beads = left_out_beads(&aligned, &summary, Some(&[0, 1]), Some(&units));
        write_left_out_tsv(&["ar", "en"], beads, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "bead\tscore\ttype\treason\tar\ten\n\
             1.2\t0.2500\t1-1\tbelow-min-score\tب.\tB.\n"
        );
    }
}

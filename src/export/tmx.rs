//! TMX 1.4b through the `tmx` crate: one `tu` per bead with a `tuv` per
//! document, each unit carrying its score and bead type as props. A
//! language pair's file of three documents has one `tu` per unit of
//! [`crate::Aligner::pair_units`]: a bead's projection onto the pair, or
//! one of the pair's own beads that split it (`tuid` `17.1`, `17.2`).

use super::{bead_text, format_score};
use crate::align::PairUnit;
use crate::alignment_json::Verdict;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::pipeline::AlignedTexts;
use std::io::Write;
use std::ops::Range;

/// The `type` of the unit property that holds a bead's score.
pub const SCORE_PROP: &str = "x-tmalign-score";
/// The `type` of the unit property that holds a bead's type, e.g. `1-2`.
pub const BEAD_PROP: &str = "x-tmalign-bead";
/// The `type` of the unit property on beads the translator confirmed.
pub const CONFIRMED_PROP: &str = "x-tmalign-confirmed";

/// Settings for [`write_tmx`]. Build one with [`TmxOptions::new`] and its
/// setters; fields may be added in later versions.
///
/// ```
/// let mut options = tmalign::export::TmxOptions::new();
/// options.min_score(0.2).srclang("en");
/// assert_eq!(options.min_score, 0.2);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
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
    pub verdicts: Vec<Verdict>,
    /// The units of a language pair's file, from
    /// [`crate::Aligner::pair_units`], to judge and write instead of the
    /// beads: `ids[0]` indexes `documents[0]` and `ids[1]` `documents[1]`,
    /// so `documents` must name exactly the pair. A unit's verdict is its
    /// bead's. By default `None`: one unit per bead.
    pub pair_units: Option<Vec<PairUnit>>,
}

impl TmxOptions {
    /// The default settings.
    pub fn new() -> TmxOptions {
        TmxOptions::default()
    }

    /// Leaves out beads scoring below `score`.
    ///
    /// By default, [`crate::align::DEFAULT_MIN_SCORE`].
    pub fn min_score(&mut self, score: f64) -> &mut TmxOptions {
        self.min_score = score;
        self
    }

    /// Sets the header's `srclang`.
    ///
    /// By default, the first written document's language.
    pub fn srclang(&mut self, lang: &str) -> &mut TmxOptions {
        self.srclang = Some(lang.to_string());
        self
    }

    /// Writes only these documents, by index, in this order: `[0, 2]` makes
    /// a bilingual file of the first and third.
    ///
    /// By default, all documents in their order.
    pub fn documents(&mut self, documents: &[usize]) -> &mut TmxOptions {
        self.documents = Some(documents.to_vec());
        self
    }

    /// Sets what is passed on to the TMX writer (control characters,
    /// encoding).
    ///
    /// By default, [`tmx::WriterOptions::default`].
    pub fn writer(&mut self, writer: tmx::WriterOptions) -> &mut TmxOptions {
        self.writer = writer;
        self
    }

    /// Sets the translator's verdict per bead: confirmed beads are always
    /// written, excluded ones never.
    ///
    /// By default, no verdicts: every bead is judged by its score.
    pub fn verdicts(&mut self, verdicts: Vec<Verdict>) -> &mut TmxOptions {
        self.verdicts = verdicts;
        self
    }

    /// Writes a file of the language pair of documents `a` and `b` made of
    /// `units` ([`crate::Aligner::pair_units`] of that pair) instead of
    /// the beads: sets [`TmxOptions::documents`] to `[a, b]` too.
    ///
    /// By default, no pair units: one unit per bead.
    pub fn pair_units(&mut self, a: usize, b: usize, units: Vec<PairUnit>) -> &mut TmxOptions {
        self.documents = Some(vec![a, b]);
        self.pair_units = Some(units);
        self
    }
}

impl Default for TmxOptions {
    fn default() -> TmxOptions {
        TmxOptions {
            min_score: crate::align::DEFAULT_MIN_SCORE,
            srclang: None,
            documents: None,
            writer: tmx::WriterOptions::default(),
            verdicts: Vec::new(),
            pair_units: None,
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
    /// Every unit left out before the writer, in order: which and why.
    pub left_out: Vec<(UnitId, LeftOut)>,
}

/// Which unit of a TMX: the bead it comes from and, in a language pair's
/// file, the part of the bead when the pair's own alignment splits it
/// ([`PairUnit::part`]). Shown as the unit's `tuid`: the 1-based bead
/// number, then a dot and the 1-based part (`17`, `17.2`).
///
/// ```
/// use tmalign::export::UnitId;
/// assert_eq!(UnitId { bead: 16, part: None }.to_string(), "17");
/// assert_eq!(UnitId { bead: 16, part: Some(1) }.to_string(), "17.2");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitId {
    /// The bead's index (from 0).
    pub bead: usize,
    /// The part's index (from 0), for a part of a bead.
    pub part: Option<usize>,
}

impl UnitId {
    /// The unit of a whole bead.
    pub fn bead(index: usize) -> UnitId {
        UnitId {
            bead: index,
            part: None,
        }
    }
}

impl std::fmt::Display for UnitId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.bead + 1)?;
        match self.part {
            Some(part) => write!(f, ".{}", part + 1),
            None => Ok(()),
        }
    }
}

impl From<&PairUnit> for UnitId {
    fn from(unit: &PairUnit) -> UnitId {
        UnitId {
            bead: unit.bead,
            part: unit.part,
        }
    }
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

/// Writes the alignment as TMX 1.4b: one `tu` per bead with a `tuv` per
/// document, each unit carrying its score and bead type as props.
///
/// ```
/// let aligned = tmalign::align_texts(
///     &[("en", "Prices rose 5%. Shares fell."), ("ru", "Цены выросли на 5%. Акции упали.")],
///     &Default::default(),
/// ).unwrap();
/// let mut out = Vec::new();
/// let options = tmalign::export::TmxOptions::new().min_score(0.0).clone();
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
    // Before the header: a broken cover writes nothing.
    aligned.check()?;
    let chosen = chosen_documents(aligned, options)?;
    let header = tmx::Header::new(
        "tmalign",
        env!("CARGO_PKG_VERSION"),
        &srclang(aligned, options, &chosen),
    );
    let mut writer = tmx::Writer::new(out, &header, options.writer)?;
    let mut summary = each_unit(aligned, options, |tu| {
        writer.write_tu(tu).map_err(Into::into)
    })?;
    let written = writer.finish()?;
    summary.units_written = to_usize(written.units_written);
    summary.dropped_by_writer = to_usize(written.units_dropped);
    summary.control_chars_removed = to_usize(written.illegal_chars_removed);
    Ok(summary)
}

/// The header `srclang` that [`write_tmx`] writes for these options: the
/// one asked for, else the first chosen document's language.
pub fn tmx_srclang(aligned: &AlignedTexts, options: &TmxOptions) -> Result<String> {
    let chosen = chosen_documents(aligned, options)?;
    Ok(srclang(aligned, options, &chosen))
}

fn chosen_documents(aligned: &AlignedTexts, options: &TmxOptions) -> Result<Vec<usize>> {
    let chosen: Vec<usize> = match &options.documents {
        Some(list) => list.clone(),
        None => (0..aligned.documents.len()).collect(),
    };
    if let Some(&k) = chosen.iter().find(|&&k| k >= aligned.documents.len()) {
        return Err(Error::DocumentCount { found: k + 1 });
    }
    Ok(chosen)
}

fn srclang(aligned: &AlignedTexts, options: &TmxOptions, chosen: &[usize]) -> String {
    match &options.srclang {
        Some(lang) => lang.clone(),
        None => chosen
            .first()
            .map(|&k| aligned.documents[k].lang.clone())
            .unwrap_or_default(),
    }
}

/// Builds the unit of every bead (or of every pair unit, with
/// [`TmxOptions::pair_units`]) that [`write_tmx`] would write, in order,
/// and hands each to `write` (before the TMX writer's own cleaning). The
/// summary counts what was left out and why; its writer fields
/// (`units_written`, `dropped_by_writer`, `control_chars_removed`) stay 0
/// for the caller to fill. `write_tmx` is this function with a
/// [`tmx::Writer`] as `write`, so any other sink sees the same units.
pub fn for_each_unit(
    aligned: &AlignedTexts,
    options: &TmxOptions,
    write: impl FnMut(&tmx::Tu) -> Result<()>,
) -> Result<TmxSummary> {
    aligned.check()?;
    each_unit(aligned, options, write)
}

/// [`for_each_unit`] on an alignment already checked.
fn each_unit(
    aligned: &AlignedTexts,
    options: &TmxOptions,
    mut write: impl FnMut(&tmx::Tu) -> Result<()>,
) -> Result<TmxSummary> {
    let chosen = chosen_documents(aligned, options)?;
    let docs: Vec<&Document> = chosen.iter().map(|&k| &aligned.documents[k]).collect();
    let mut summary = TmxSummary {
        beads: aligned.alignment.beads.len(),
        ..TmxSummary::default()
    };
    let mut tu = tmx::Tu::default();
    let mut judge = |id: UnitId, ids: &[Range<usize>], score: f64| -> Result<()> {
        let verdict = options.verdicts.get(id.bead).copied().unwrap_or_default();
        let reason = if ids.iter().filter(|r| !r.is_empty()).count() < 2 {
            summary.one_sided += 1;
            Some(LeftOut::OneSided)
        } else if verdict == Verdict::Excluded {
            summary.excluded += 1;
            Some(LeftOut::Excluded)
        } else if super::shown_score(score) < options.min_score && verdict != Verdict::Confirmed {
            summary.below_min_score += 1;
            Some(LeftOut::BelowMinScore)
        } else {
            None
        };
        if let Some(reason) = reason {
            summary.left_out.push((id, reason));
            return Ok(());
        }
        fill_unit(&mut tu, id, ids, score, &docs);
        if verdict == Verdict::Confirmed {
            tu.props.push(tmx::Prop::new(CONFIRMED_PROP, "yes"));
        }
        write(&tu)
    };
    match &options.pair_units {
        Some(units) => {
            if chosen.len() != 2 {
                return Err(Error::DocumentCount {
                    found: chosen.len(),
                });
            }
            for unit in units {
                judge(unit.into(), &unit.ids, unit.score)?;
            }
        }
        None => {
            let mut ids = Vec::with_capacity(chosen.len());
            for (index, bead) in aligned.alignment.beads.iter().enumerate() {
                ids.clear();
                ids.extend(
                    chosen
                        .iter()
                        .map(|&k| bead.ids.get(k).cloned().unwrap_or(0..0)),
                );
                judge(UnitId::bead(index), &ids, bead.score)?;
            }
        }
    }
    Ok(summary)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn fill_unit(tu: &mut tmx::Tu, id: UnitId, ids: &[Range<usize>], score: f64, docs: &[&Document]) {
    tu.clear();
    tu.tuid = Some(id.to_string());
    let kind: Vec<String> = ids.iter().map(|r| r.len().to_string()).collect();
    tu.props
        .push(tmx::Prop::new(SCORE_PROP, &format_score(score)));
    tu.props.push(tmx::Prop::new(BEAD_PROP, &kind.join("-")));
    for (ids, doc) in ids.iter().zip(docs) {
        if !ids.is_empty() {
            tu.tuvs
                .push(tmx::Tuv::new(&doc.lang, &bead_text(doc, ids.clone())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Alignment, Bead};

    #[test]
    fn pair_units_are_written_with_their_own_tuid_type_and_score() {
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
        let mut options = TmxOptions::new();
        options.pair_units(0, 1, vec![part(0, 0.99), part(1, 0.25)]);
        let mut units = Vec::new();
        let summary = for_each_unit(&aligned, &options, |tu| {
            units.push(tu.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].tuid.as_deref(), Some("1.1"));
        let props: Vec<&str> = units[0].props.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(props, ["0.9900", "1-1"]);
        assert_eq!(units[0].tuvs[1].seg.text(), "A.");
        let left_out = UnitId {
            bead: 0,
            part: Some(1),
        };
        assert_eq!(summary.left_out, [(left_out, LeftOut::BelowMinScore)]);
        // Pair units name two documents: three are an error.
        options.documents(&[0, 1, 2]);
        assert!(for_each_unit(&aligned, &options, |_| Ok(())).is_err());
    }
}

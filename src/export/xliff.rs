//! XLIFF 1.2 of an alignment, for review in a CAT tool: one `<file>` per
//! target document, one `<trans-unit>` per bead with text on the source
//! side. The bead's score is the unit's match quality, and a bead below the
//! threshold is marked `state="needs-review-translation"`, so the
//! translator checks the uncertain units instead of losing them.

use super::{bead_text, format_score, UnitId};
use crate::alignment_json::Verdict;
use crate::error::{Error, Result};
use crate::pipeline::AlignedTexts;
use std::io::Write;
use tmx::xliff::{AltTrans, State, TransUnit, XliffFile, XliffWriter};

/// Settings for [`write_xliff`]; fields may be added in later versions.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct XliffOptions {
    /// Beads scoring below this are marked `needs-review-translation`;
    /// those at or above it are `translated`. By default,
    /// [`crate::align::DEFAULT_MIN_SCORE`].
    pub min_score: f64,
    /// The source document's language. By default, the first document's.
    pub srclang: Option<String>,
    /// The translator's verdicts per bead: confirmed beads are `signed-off`
    /// and approved, excluded ones left out. By default, none.
    pub verdicts: Vec<Verdict>,
    /// The `original` name of each document's `<file>` (the source text's
    /// path, by default its language).
    pub names: Vec<Option<String>>,
}

impl Default for XliffOptions {
    fn default() -> XliffOptions {
        XliffOptions {
            min_score: crate::align::DEFAULT_MIN_SCORE,
            srclang: None,
            verdicts: Vec::new(),
            names: Vec::new(),
        }
    }
}

impl XliffOptions {
    /// The default settings.
    pub fn new() -> XliffOptions {
        XliffOptions::default()
    }

    /// Marks beads below `score` for review. By default,
    /// [`crate::align::DEFAULT_MIN_SCORE`].
    pub fn min_score(&mut self, score: f64) -> &mut XliffOptions {
        self.min_score = score;
        self
    }
}

/// What [`write_xliff`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XliffExportSummary {
    /// Units written, over all files.
    pub units: usize,
    /// Units marked `needs-review-translation` (below the threshold).
    pub needs_review: usize,
    /// Units with a source and no target (a sentence on the source side only).
    pub untranslated: usize,
    /// Beads with no source text, which XLIFF cannot hold (per file).
    pub target_only: usize,
    /// Beads the translator excluded (per file).
    pub excluded: usize,
    /// Characters that XML 1.0 forbids, removed.
    pub control_chars_removed: usize,
}

/// The attribute holding a unit's exact score, beside the rounded
/// `match-quality` percentage.
pub const XLIFF_SCORE_ATTR: &str = "tmalign:score";
/// The attribute holding a unit's bead type, e.g. `1-2`.
pub const XLIFF_BEAD_ATTR: &str = "tmalign:bead";

/// Writes the alignment as XLIFF 1.2. With three documents, each target
/// file is made of that pair's own units and scores
/// ([`crate::Aligner::pair_units`]): a bead the pair's own alignment
/// splits gives one trans-unit per part (ids `17.1`, `17.2`).
///
/// ```
/// let aligned = tmalign::align_texts(
///     &[("en", "Prices rose 5%. Shares fell."), ("ru", "Цены выросли на 5%. Акции упали.")],
///     &Default::default(),
/// ).unwrap();
/// let mut out = Vec::new();
/// let options = tmalign::export::XliffOptions::new().min_score(0.0).clone();
/// let summary = tmalign::export::write_xliff(&aligned, &mut out, &options).unwrap();
/// assert_eq!(summary.units, 2);
/// let xliff = String::from_utf8(out).unwrap();
/// assert!(xliff.contains(r#"<target state="translated">Акции упали.</target>"#));
/// ```
pub fn write_xliff<W: Write>(
    aligned: &AlignedTexts,
    out: W,
    options: &XliffOptions,
) -> Result<XliffExportSummary> {
    aligned.check()?;
    let docs = &aligned.documents;
    if docs.len() < 2 {
        return Err(Error::DocumentCount { found: docs.len() });
    }
    let source = match &options.srclang {
        Some(lang) => docs
            .iter()
            .position(|d| tmx::lang::same(&d.lang, lang))
            .ok_or_else(|| Error::Language {
                path: None,
                message: format!("the source language {lang} is not one of the documents'"),
            })?,
        None => 0,
    };
    let beads = &aligned.alignment.beads;
    let all: Vec<&crate::Document> = docs.iter().collect();
    // The translator's verdicts stand: reviewed beads are not split.
    let reviewed: Vec<bool> = options
        .verdicts
        .iter()
        .map(|v| *v != Verdict::Open)
        .collect();
    let mut writer = XliffWriter::new(out)?;
    let mut summary = XliffExportSummary::default();
    for target in (0..docs.len()).filter(|&k| k != source) {
        let units = crate::Aligner::new().pair_units(&all, beads, &reviewed, source, target);
        let name = options
            .names
            .get(source)
            .cloned()
            .flatten()
            .unwrap_or_else(|| docs[source].lang.clone());
        writer.start_file(&XliffFile::new(
            &name,
            &docs[source].lang,
            Some(&docs[target].lang),
        ))?;
        let mut unit = TransUnit::default();
        for pair_unit in &units {
            let verdict = options
                .verdicts
                .get(pair_unit.bead)
                .copied()
                .unwrap_or_default();
            let [src_ids, tgt_ids] = pair_unit.ids.clone();
            if verdict == Verdict::Excluded {
                summary.excluded += 1;
                continue;
            }
            if src_ids.is_empty() {
                if !tgt_ids.is_empty() {
                    summary.target_only += 1;
                }
                continue;
            }
            let score = pair_unit.score;
            unit.clear();
            unit.id = UnitId::from(pair_unit).to_string();
            unit.source = bead_text(&docs[source], src_ids.clone());
            let kind = format!("{}-{}", src_ids.len(), tgt_ids.len());
            unit.attrs.push(tmx::Attr {
                name: XLIFF_BEAD_ATTR.into(),
                value: kind,
            });
            if tgt_ids.is_empty() {
                summary.untranslated += 1;
            } else {
                let text = bead_text(&docs[target], tgt_ids);
                unit.state = Some(match verdict {
                    Verdict::Confirmed => State::SignedOff,
                    _ if super::shown_score(score) < options.min_score => {
                        summary.needs_review += 1;
                        State::NeedsReviewTranslation
                    }
                    _ => State::Translated,
                });
                if verdict == Verdict::Confirmed {
                    unit.approved = Some(true);
                }
                unit.attrs.push(tmx::Attr {
                    name: XLIFF_SCORE_ATTR.into(),
                    value: format_score(score),
                });
                unit.alt_trans.push(AltTrans {
                    match_quality: Some(match_quality(score)),
                    origin: Some("tmalign-align".into()),
                    source: None,
                    target: text.clone(),
                });
                unit.target = Some(text);
            }
            writer.write_unit(&unit)?;
            summary.units += 1;
        }
    }
    let written = writer.finish()?;
    summary.control_chars_removed = usize::try_from(written.illegal_chars_removed).unwrap_or(0);
    Ok(summary)
}

/// A score in [0, 1] as the whole percentage CAT tools show.
pub fn match_quality(score: f64) -> String {
    let score = if score.is_nan() {
        0.0
    } else {
        score.clamp(0.0, 1.0)
    };
    format!("{:.0}", (score * 100.0).floor())
}

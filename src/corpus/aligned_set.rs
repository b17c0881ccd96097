//! The per-document core that `tmalign pipe` and `tmalign batch` share:
//! a document set in, its sentences, beads and translation units out.
//! Both commands write the units this module builds, so they give the
//! same units for the same documents.

use super::set::{check_scripts, DocumentSet, SetId};
use crate::align::PairUnit;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::export::{self, TmxOptions, TmxSummary};
use crate::pipeline::AlignedTexts;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The `type` of the unit property that names the document set a unit
/// came from; CAT tools show it as the unit's origin.
pub const DOC_PROP: &str = "x-tmalign-doc";

/// Settings for [`align_set`]: the defaults of a stream, which each set's
/// own [`SetOptions`](super::SetOptions) override. Build one with
/// [`CorpusOptions::new`] and its setters.
///
/// ```
/// let mut options = tmalign::corpus::CorpusOptions::new();
/// options.min_score(0.5).pairs(true);
/// assert!(options.pairs);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CorpusOptions {
    /// Units scoring below this are left out. By default,
    /// [`crate::align::DEFAULT_MIN_SCORE`].
    pub min_score: f64,
    /// Also align each language pair on its own scores. By default, false.
    pub pairs: bool,
    /// Take each non-blank line as one sentence. By default, false.
    pub presegmented: bool,
    /// How a line break inside a paragraph is read. By default, auto.
    pub line_breaks: crate::segment::LineBreaks,
    /// Split sentences at clause boundaries where they hold several of the
    /// other text's (see [`crate::Options::split_clauses`]). By default,
    /// false.
    pub split_clauses: bool,
    /// Accept a language that the script of its text contradicts. By
    /// default, false: `en` on Cyrillic text is an error.
    pub force_langs: bool,
    /// The units' source language. By default, the first text's (for a
    /// pair, the pair's first).
    pub srclang: Option<String>,
    /// The TMX writer's settings that decide which units survive
    /// (control characters). By default, [`tmx::WriterOptions::default`].
    pub writer: tmx::WriterOptions,
    /// The aligner and its settings, such as learned word pairs
    /// ([`crate::Aligner::word_pairs`]). By default, [`crate::Aligner::new`].
    pub aligner: crate::Aligner,
}

impl Default for CorpusOptions {
    fn default() -> CorpusOptions {
        CorpusOptions {
            min_score: crate::align::DEFAULT_MIN_SCORE,
            pairs: false,
            presegmented: false,
            line_breaks: crate::segment::LineBreaks::default(),
            split_clauses: false,
            force_langs: false,
            srclang: None,
            writer: tmx::WriterOptions::default(),
            aligner: crate::Aligner::new(),
        }
    }
}

impl CorpusOptions {
    /// The default settings.
    pub fn new() -> CorpusOptions {
        CorpusOptions::default()
    }

    /// Leaves out units scoring below `score`.
    ///
    /// By default, [`crate::align::DEFAULT_MIN_SCORE`].
    pub fn min_score(&mut self, score: f64) -> &mut CorpusOptions {
        self.min_score = score;
        self
    }

    /// Also gives the beads and units of each language pair.
    ///
    /// By default, false.
    pub fn pairs(&mut self, yes: bool) -> &mut CorpusOptions {
        self.pairs = yes;
        self
    }

    /// Takes each non-blank line as one sentence.
    ///
    /// By default, false.
    pub fn presegmented(&mut self, yes: bool) -> &mut CorpusOptions {
        self.presegmented = yes;
        self
    }

    /// Says how a line break inside a paragraph is read.
    ///
    /// By default, [`LineBreaks::Auto`](crate::segment::LineBreaks::Auto).
    pub fn line_breaks(&mut self, mode: crate::segment::LineBreaks) -> &mut CorpusOptions {
        self.line_breaks = mode;
        self
    }

    /// Whether sentences are split at clause boundaries where they hold
    /// several of the other text's (see [`crate::Options::split_clauses`]).
    ///
    /// By default, false.
    pub fn split_clauses(&mut self, yes: bool) -> &mut CorpusOptions {
        self.split_clauses = yes;
        self
    }

    /// Accepts languages that the scripts of the texts contradict.
    ///
    /// By default, false.
    pub fn force_langs(&mut self, yes: bool) -> &mut CorpusOptions {
        self.force_langs = yes;
        self
    }

    /// Sets the units' source language.
    ///
    /// By default, the first text's language.
    pub fn srclang(&mut self, lang: &str) -> &mut CorpusOptions {
        self.srclang = Some(crate::lang::canonical(lang));
        self
    }

    /// Sets the aligner and its settings.
    ///
    /// By default, [`crate::Aligner::new`].
    pub fn aligner(&mut self, aligner: crate::Aligner) -> &mut CorpusOptions {
        self.aligner = aligner;
        self
    }

    /// Sets the TMX writer's settings.
    ///
    /// By default, [`tmx::WriterOptions::default`].
    pub fn writer(&mut self, writer: tmx::WriterOptions) -> &mut CorpusOptions {
        self.writer = writer;
        self
    }
}

/// The units of one TMX (all languages, or one pair) and what was left out.
#[derive(Debug, Clone)]
pub struct UnitSet {
    /// The documents the units hold, by index into the set's texts.
    pub documents: Vec<usize>,
    /// The header `srclang` for these units.
    pub srclang: String,
    /// For a language pair, the pair's units
    /// ([`crate::Aligner::pair_units`]) the TMX units were built from;
    /// `None` for all the texts together, whose units are the beads.
    pub pair_units: Option<Vec<PairUnit>>,
    /// The units a TMX writer keeps, in bead order, each with a
    /// [`DOC_PROP`] prop naming the set.
    pub units: Vec<tmx::Tu>,
    /// What was written and left out.
    pub summary: TmxSummary,
}

/// A document set, aligned: its documents and beads, and its units.
#[derive(Debug, Clone)]
pub struct SetAlignment {
    /// The set's id.
    pub id: SetId,
    /// The documents and the joint alignment.
    pub aligned: AlignedTexts,
    /// The units of all the texts together.
    pub all: UnitSet,
    /// With `pairs`, one per language pair: (0, 1), (0, 2), (1, 2).
    pub pairs: Vec<UnitSet>,
}

/// Segments and aligns one document set and builds its units: the core of
/// `tmalign pipe` and `tmalign batch`.
///
/// ```
/// use tmalign::corpus::{align_set, CorpusOptions, DocumentSet, SetId};
/// let set = DocumentSet::new(SetId::Text("n1".into()), vec![
///     ("en".into(), "Prices rose 5%. Shares fell.".into()),
///     ("ru".into(), "Цены выросли на 5%. Акции упали.".into()),
/// ]);
/// let done = align_set(&set, CorpusOptions::new().min_score(0.0)).unwrap();
/// assert_eq!(done.all.units.len(), 2);
/// assert_eq!(done.all.units[0].props[2].value, "n1");
/// ```
pub fn align_set(set: &DocumentSet, options: &CorpusOptions) -> Result<SetAlignment> {
    let fail = |message: String| Error::DocumentSet {
        line: None,
        message,
    };
    if !options.force_langs {
        check_scripts(&set.texts).map_err(fail)?;
    }
    if let Some(src) = &options.srclang {
        if !set.texts.iter().any(|(l, _)| l == src) {
            return Err(fail(format!(
                "srclang {src} is not one of the texts' languages"
            )));
        }
    }
    let mut align_options = crate::Options::new();
    align_options.presegmented(set.options.presegmented.unwrap_or(options.presegmented));
    align_options.line_breaks(options.line_breaks);
    align_options.split_clauses(options.split_clauses);
    align_options.aligner(options.aligner.clone());
    let texts: Vec<(&str, &str)> = set
        .texts
        .iter()
        .map(|(l, t)| (l.as_str(), t.as_str()))
        .collect();
    let aligned = crate::align_texts(&texts, &align_options)?;
    for doc in &aligned.documents {
        if doc.is_empty() {
            return Err(fail(format!(
                "texts.{}: the text has no sentences",
                doc.lang
            )));
        }
    }
    let min_score = set.options.min_score.unwrap_or(options.min_score);
    let mut tmx_options = TmxOptions::new();
    tmx_options.min_score(min_score).writer(options.writer);
    tmx_options.srclang = options.srclang.clone();
    let n = aligned.documents.len();
    let all = unit_set(&set.id, &aligned, tmx_options.clone(), (0..n).collect())?;
    let mut pairs = Vec::new();
    if set.options.pairs.unwrap_or(options.pairs) {
        let docs: Vec<&Document> = aligned.documents.iter().collect();
        for (a, b) in language_pairs(n) {
            // Each pair carries its own units and confidence.
            let units = options
                .aligner
                .pair_units(&docs, &aligned.alignment.beads, &[], a, b);
            let mut pair_options = tmx_options.clone();
            pair_options.pair_units(a, b, units);
            pair_options.srclang = options
                .srclang
                .clone()
                .filter(|l| *l == docs[a].lang || *l == docs[b].lang);
            pairs.push(unit_set(&set.id, &aligned, pair_options, vec![a, b])?);
        }
    }
    Ok(SetAlignment {
        id: set.id.clone(),
        aligned,
        all,
        pairs,
    })
}

/// The language pairs of `n` documents, in order: (0, 1), (0, 2), (1, 2).
pub fn language_pairs(n: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            pairs.push((a, b));
        }
    }
    pairs
}

/// The units of `documents`, passed through a TMX writer that discards its
/// output, so that only the units a TMX file would hold are kept.
fn unit_set(
    id: &SetId,
    aligned: &AlignedTexts,
    options: TmxOptions,
    documents: Vec<usize>,
) -> Result<UnitSet> {
    let srclang = export::tmx_srclang(aligned, &options)?;
    let header = tmx::Header::new("tmalign", env!("CARGO_PKG_VERSION"), &srclang);
    let mut writer = tmx::Writer::new(std::io::sink(), &header, options.writer)?;
    let doc = id.to_string();
    let mut units = Vec::new();
    let mut summary = export::for_each_unit(aligned, &options, |tu| {
        let mut tu = tu.clone();
        tu.props.push(tmx::Prop::new(DOC_PROP, &doc));
        let dropped = writer.summary().units_dropped;
        writer.write_tu(&tu)?;
        if writer.summary().units_dropped == dropped {
            units.push(tu);
        }
        Ok(())
    })?;
    let written = writer.finish()?;
    summary.units_written = units.len();
    summary.dropped_by_writer = usize::try_from(written.units_dropped).unwrap_or(usize::MAX);
    summary.control_chars_removed =
        usize::try_from(written.illegal_chars_removed).unwrap_or(usize::MAX);
    Ok(UnitSet {
        documents,
        srclang,
        pair_units: options.pair_units,
        units,
        summary,
    })
}

impl SetAlignment {
    /// Appends this set's result as one line of `tmalign pipe` output
    /// (JSON, then `\n`); see the README for the format.
    pub fn write_json_line(&self, out: &mut Vec<u8>) -> Result<()> {
        let docs = &self.aligned.documents;
        let line = ResultLine {
            id: &self.id,
            langs: docs.iter().map(|d| d.lang.as_str()).collect(),
            sentences: Sentences(docs),
            beads: beads(&self.aligned, &self.all),
            srclang: &self.all.srclang,
            units: &self.all.units,
            left_out: LeftOutCounts::from(&self.all.summary),
            pairs: self
                .pairs
                .iter()
                .map(|p| PairLine {
                    langs: p.documents.iter().map(|&k| docs[k].lang.as_str()).collect(),
                    beads: beads(&self.aligned, p),
                    srclang: &p.srclang,
                    units: &p.units,
                    left_out: LeftOutCounts::from(&p.summary),
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line).map_err(|e| Error::DocumentSet {
            line: None,
            message: format!("cannot write the result: {e}"),
        })?;
        out.push(b'\n');
        Ok(())
    }
}

/// Writes `{"id": …, "error": "…"}` and `\n` for a line that failed.
pub fn write_error_line(id: Option<&SetId>, error: &str, out: &mut Vec<u8>) {
    #[derive(Serialize)]
    struct ErrorLine<'a> {
        id: Option<&'a SetId>,
        error: &'a str,
    }
    // A struct of a string and an id always serialises.
    let _ = serde_json::to_writer(&mut *out, &ErrorLine { id, error });
    out.push(b'\n');
}

#[derive(Serialize)]
struct ResultLine<'a> {
    id: &'a SetId,
    langs: Vec<&'a str>,
    sentences: Sentences<'a>,
    beads: Vec<BeadLine>,
    srclang: &'a str,
    units: &'a [tmx::Tu],
    left_out: LeftOutCounts,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pairs: Vec<PairLine<'a>>,
}

#[derive(Serialize)]
struct PairLine<'a> {
    langs: Vec<&'a str>,
    beads: Vec<BeadLine>,
    srclang: &'a str,
    units: &'a [tmx::Tu],
    left_out: LeftOutCounts,
}

#[derive(Serialize)]
struct BeadLine {
    ids: Vec<Vec<usize>>,
    score: f64,
}

/// The beads over `set.documents`: the joint beads, or a pair's units (a
/// bead the pair's own alignment splits gives its parts), leaving out
/// those with no sentence in any of the documents (a pair's view of a
/// three-text bead that only the third text has).
fn beads(aligned: &AlignedTexts, set: &UnitSet) -> Vec<BeadLine> {
    match &set.pair_units {
        Some(units) => units
            .iter()
            .filter(|u| u.ids.iter().any(|r| !r.is_empty()))
            .map(|u| BeadLine::new(u.ids.iter().cloned(), u.score))
            .collect(),
        None => aligned
            .alignment
            .beads
            .iter()
            .filter(|b| {
                set.documents
                    .iter()
                    .any(|&k| b.ids.get(k).is_some_and(|r| !r.is_empty()))
            })
            .map(|b| {
                let ids = set
                    .documents
                    .iter()
                    .map(|&k| b.ids.get(k).cloned().unwrap_or(0..0));
                BeadLine::new(ids, b.score)
            })
            .collect(),
    }
}

impl BeadLine {
    fn new(ids: impl Iterator<Item = std::ops::Range<usize>>, score: f64) -> BeadLine {
        BeadLine {
            ids: ids.map(|r| r.collect()).collect(),
            // Four decimals, as in every other output: stable and short.
            score: export::shown_score(score),
        }
    }
}

#[derive(Serialize)]
struct LeftOutCounts {
    one_sided: usize,
    below_min_score: usize,
    dropped_by_writer: usize,
    control_chars_removed: usize,
}

impl From<&TmxSummary> for LeftOutCounts {
    fn from(s: &TmxSummary) -> LeftOutCounts {
        LeftOutCounts {
            one_sided: s.one_sided,
            below_min_score: s.below_min_score,
            dropped_by_writer: s.dropped_by_writer,
            control_chars_removed: s.control_chars_removed,
        }
    }
}

/// `{"ar": ["…", …], "en": […]}` in the order of the texts.
struct Sentences<'a>(&'a [Document]);

impl Serialize for Sentences<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for doc in self.0 {
            let texts: Vec<&str> = (0..doc.len()).map(|i| doc.sentence_text(i)).collect();
            map.serialize_entry(&doc.lang, &texts)?;
        }
        map.end()
    }
}

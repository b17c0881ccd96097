//! XLIFF 1.2, the bilingual exchange format that every CAT tool opens
//! (OmegaT, Trados, memoQ, Okapi, translate-toolkit), read and written as a
//! stream beside TMX.
//!
//! The model is the part of XLIFF 1.2 that a translation memory needs: per
//! `<file>` its languages and name, per `<trans-unit>` its source, target,
//! state, approval, notes and `<alt-trans>` matches with their
//! `match-quality`. Inline markup (`<g>`, `<mrk>`) is read as its text and
//! native codes (`<x/>`, `<ph>`, `<bpt>`, ...) are left out, so a segment is
//! the text a translator sees; the writer writes plain text.
//!
//! ```
//! use tmx::xliff::{State, TransUnit, XliffFile, XliffReader, XliffWriter};
//! let mut out = Vec::new();
//! let mut writer = XliffWriter::new(&mut out)?;
//! writer.start_file(&XliffFile::new("news.txt", "en", Some("ar")))?;
//! let mut unit = TransUnit::new("1", "Prices rose 5%.");
//! unit.target = Some("ارتفعت الأسعار ٥٪.".into());
//! unit.state = Some(State::NeedsReviewTranslation);
//! writer.write_unit(&unit)?;
//! writer.finish()?;
//!
//! let mut reader = XliffReader::from_bufread(&out[..])?;
//! let units = reader.units().collect::<Result<Vec<_>, _>>()?;
//! assert_eq!(units, [unit]);
//! assert_eq!(reader.file().unwrap().target_language.as_deref(), Some("ar"));
//! # Ok::<(), tmx::Error>(())
//! ```

mod reader;
mod writer;

pub use reader::{Units, XliffReader};
pub use writer::{XliffSummary, XliffWriter};

use crate::model::Attr;

/// The namespace of XLIFF 1.2 documents.
pub const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// The namespace of tmalign's own attributes (prefix `tmalign:`), which
/// other tools ignore, as XLIFF 1.2 allows.
pub const TMALIGN_NS: &str = "urn:x-tmalign:xliff";

/// One `<file>`: a source document and the languages of its units.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XliffFile {
    /// The `original` attribute: the name of the source document.
    pub original: String,
    /// `source-language`, in canonical BCP 47 form.
    pub source_language: String,
    /// `target-language`, when the file has one.
    pub target_language: Option<String>,
    /// `datatype`, `plaintext` by default.
    pub datatype: String,
}

impl XliffFile {
    /// A plain-text file with these languages.
    pub fn new(original: &str, source_language: &str, target_language: Option<&str>) -> Self {
        XliffFile {
            original: original.to_string(),
            source_language: source_language.to_string(),
            target_language: target_language.map(str::to_string),
            datatype: "plaintext".to_string(),
        }
    }
}

/// One `<trans-unit>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TransUnit {
    /// The `id`, unique within its file.
    pub id: String,
    /// The text of `<source>`.
    pub source: String,
    /// The text of `<target>`, when there is one.
    pub target: Option<String>,
    /// The `state` of `<target>`.
    pub state: Option<State>,
    /// The `state-qualifier` of `<target>` (e.g. `leveraged-tm`,
    /// `fuzzy-match`, `exact-match`).
    pub state_qualifier: Option<String>,
    /// `approved="yes"` or `"no"` on the unit.
    pub approved: Option<bool>,
    /// The `<alt-trans>` matches, in order.
    pub alt_trans: Vec<AltTrans>,
    /// The text of each `<note>`.
    pub notes: Vec<String>,
    /// Attributes in the tmalign namespace (`tmalign:score`, ...), with
    /// their prefixed names.
    pub attrs: Vec<Attr>,
}

impl TransUnit {
    /// A unit with only an id and a source.
    pub fn new(id: &str, source: &str) -> TransUnit {
        TransUnit {
            id: id.to_string(),
            source: source.to_string(),
            ..TransUnit::default()
        }
    }

    /// The value of a tmalign attribute, by its name without the prefix.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.strip_prefix("tmalign:") == Some(local))
            .map(|a| a.value.as_str())
    }

    /// Empties the unit, keeping its allocations.
    pub fn clear(&mut self) {
        self.id.clear();
        self.source.clear();
        self.target = None;
        self.state = None;
        self.state_qualifier = None;
        self.approved = None;
        self.alt_trans.clear();
        self.notes.clear();
        self.attrs.clear();
    }
}

/// One `<alt-trans>`: a proposed translation, such as a memory match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AltTrans {
    /// `match-quality`, as written (tools write a percentage such as `87`).
    pub match_quality: Option<String>,
    /// `origin`: where the match comes from.
    pub origin: Option<String>,
    /// The matched source text, when given.
    pub source: Option<String>,
    /// The proposed translation.
    pub target: String,
}

/// The `state` of a target, as XLIFF 1.2 lists them; other values must
/// start with `x-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum State {
    /// `new`
    New,
    /// `needs-translation`
    NeedsTranslation,
    /// `needs-adaptation`
    NeedsAdaptation,
    /// `needs-l10n`
    NeedsL10n,
    /// `needs-review-translation`: a translation to check, such as an
    /// uncertain alignment or a fuzzy match.
    NeedsReviewTranslation,
    /// `needs-review-adaptation`
    NeedsReviewAdaptation,
    /// `needs-review-l10n`
    NeedsReviewL10n,
    /// `translated`
    Translated,
    /// `signed-off`
    SignedOff,
    /// `final`
    Final,
    /// A user-defined state, `x-...`.
    Other(String),
}

const STATES: [(&str, State); 10] = [
    ("new", State::New),
    ("needs-translation", State::NeedsTranslation),
    ("needs-adaptation", State::NeedsAdaptation),
    ("needs-l10n", State::NeedsL10n),
    ("needs-review-translation", State::NeedsReviewTranslation),
    ("needs-review-adaptation", State::NeedsReviewAdaptation),
    ("needs-review-l10n", State::NeedsReviewL10n),
    ("translated", State::Translated),
    ("signed-off", State::SignedOff),
    ("final", State::Final),
];

impl State {
    /// The attribute value.
    pub fn as_str(&self) -> &str {
        match self {
            State::Other(s) => s,
            known => STATES
                .iter()
                .find(|(_, s)| s == known)
                .map_or("new", |(name, _)| name),
        }
    }

    /// Parses an attribute value: one of the XLIFF 1.2 states or `x-...`.
    pub fn parse(value: &str) -> Option<State> {
        if let Some((_, state)) = STATES.iter().find(|(name, _)| *name == value) {
            return Some(state.clone());
        }
        (value.starts_with("x-") && value.len() > 2).then(|| State::Other(value.to_string()))
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_parse_back() {
        for (name, state) in STATES.iter() {
            assert_eq!(State::parse(name).as_ref(), Some(state));
            assert_eq!(state.as_str(), *name);
        }
        assert_eq!(State::parse("x-mine"), Some(State::Other("x-mine".into())));
        assert_eq!(State::parse("reviewed"), None);
        assert_eq!(State::parse("x-"), None);
    }
}

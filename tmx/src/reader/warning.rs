//! What the reader accepted but reports: the warnings model.

use crate::error::Position;
use std::fmt;

/// Something the reader accepted but that CAT tools may mishandle.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Where it is.
    pub position: Position,
    /// What it is.
    pub kind: WarningKind,
}

/// The kinds of [`Warning`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// The header lacks a required attribute (e.g. `srclang`).
    MissingHeaderAttribute {
        /// The attribute.
        attribute: &'static str,
    },
    /// A variant's segment is empty or only whitespace.
    EmptySeg {
        /// The variant's language.
        lang: String,
    },
    /// A segment starts or ends with whitespace (OmegaT never matches it).
    PaddedSeg {
        /// The variant's language.
        lang: String,
    },
    /// A date not in the TMX form `YYYYMMDDThhmmssZ` (reported for the
    /// header, and once for units).
    BadDate {
        /// The attribute, e.g. `creationdate`.
        attribute: String,
        /// The value found.
        found: String,
    },
    /// A unit has fewer than two variants.
    TooFewVariants {
        /// How many it has.
        count: usize,
    },
    /// A unit has two variants in the same language.
    DuplicateLanguage {
        /// The language.
        lang: String,
    },
    /// A language code not in canonical BCP 47 form (reported once per code).
    NonCanonicalLanguage {
        /// The code as written.
        found: String,
        /// The form the reader uses.
        canonical: String,
    },
    /// An element TMX does not allow here; it was skipped (its text is kept
    /// inside a segment).
    UnknownElement {
        /// The element name.
        name: String,
        /// The parent element.
        parent: &'static str,
    },
    /// Text where TMX allows only elements; it was ignored.
    UnexpectedText {
        /// The parent element.
        parent: &'static str,
    },
    /// A `<bpt>` without an `<ept>` of the same `i` in the segment, or the
    /// other way round.
    UnpairedCode {
        /// `bpt` or `ept`.
        element: &'static str,
        /// The `i` attribute.
        i: String,
    },
    /// A language code that is not well-formed BCP 47 (see
    /// [`crate::lang::is_well_formed`]); it is kept as read (reported once
    /// per code). The writer escapes it like any attribute value.
    InvalidLanguage {
        /// The code as written.
        found: String,
    },
    /// The XML declaration names an encoding other than the one the input
    /// is read in (UTF-8, or UTF-16 after a BOM).
    EncodingMismatch {
        /// The declared encoding (lower case, at most 40 characters).
        declared: String,
        /// What the reader reads the input as.
        read_as: &'static str,
    },
}

impl WarningKind {
    /// The kind's name, as in its serde tag: `empty_seg`, `unpaired_code`, ...
    pub fn name(&self) -> &'static str {
        match self {
            WarningKind::MissingHeaderAttribute { .. } => "missing_header_attribute",
            WarningKind::EmptySeg { .. } => "empty_seg",
            WarningKind::PaddedSeg { .. } => "padded_seg",
            WarningKind::BadDate { .. } => "bad_date",
            WarningKind::TooFewVariants { .. } => "too_few_variants",
            WarningKind::DuplicateLanguage { .. } => "duplicate_language",
            WarningKind::NonCanonicalLanguage { .. } => "non_canonical_language",
            WarningKind::UnknownElement { .. } => "unknown_element",
            WarningKind::UnexpectedText { .. } => "unexpected_text",
            WarningKind::UnpairedCode { .. } => "unpaired_code",
            WarningKind::InvalidLanguage { .. } => "invalid_language",
            WarningKind::EncodingMismatch { .. } => "encoding_mismatch",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::MissingHeaderAttribute { attribute } => {
                write!(f, "<header> has no {attribute} attribute")
            }
            WarningKind::EmptySeg { lang } => write!(f, "empty segment in the {lang} variant"),
            WarningKind::PaddedSeg { lang } => {
                write!(
                    f,
                    "segment in the {lang} variant starts or ends with whitespace"
                )
            }
            WarningKind::BadDate { attribute, found } => {
                write!(
                    f,
                    "{attribute}: expected a date like 20240131T235959Z, found {found:?}"
                )
            }
            WarningKind::TooFewVariants { count } => {
                write!(f, "unit has {count} variant(s), expected at least 2")
            }
            WarningKind::DuplicateLanguage { lang } => {
                write!(f, "unit has more than one {lang} variant")
            }
            WarningKind::NonCanonicalLanguage { found, canonical } => {
                write!(
                    f,
                    "language code {found:?} is not canonical BCP 47, read as {canonical:?}"
                )
            }
            WarningKind::UnknownElement { name, parent } => {
                write!(f, "element <{name}> is not allowed in <{parent}>, skipped")
            }
            WarningKind::UnexpectedText { parent } => {
                write!(f, "text is not allowed directly in <{parent}>, ignored")
            }
            WarningKind::InvalidLanguage { found } => {
                write!(f, "language code {found:?} is not well-formed BCP 47")
            }
            WarningKind::EncodingMismatch { declared, read_as } => write!(
                f,
                "the XML declaration says encoding={declared:?}, but the input is read as {read_as}"
            ),
            WarningKind::UnpairedCode { element, i } => {
                let other = if *element == "bpt" { "ept" } else { "bpt" };
                write!(
                    f,
                    "<{element} i=\"{i}\"> has no matching <{other}> in the segment"
                )
            }
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.position.line, self.position.column, self.kind
        )
    }
}

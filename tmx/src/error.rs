//! The one error type of the crate, with the position where input went wrong.

use std::fmt;
use std::io;

/// A place in the input: 1-based line and column, and the 0-based byte offset.
///
/// Columns count bytes of UTF-8 from the start of the line (as compilers do),
/// so they stay exact on lines of any length. For UTF-16 input, offsets and
/// columns refer to the UTF-8 text the input decodes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: u64,
    /// Byte column within the line, starting at 1.
    pub column: u64,
    /// Byte offset from the start of the input, starting at 0.
    pub byte: u64,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {} (byte {})",
            self.line, self.column, self.byte
        )
    }
}

/// Everything that can go wrong while reading or writing TMX.
///
/// Reading errors carry the [`Position`] of the problem; writing errors name
/// the unit (0-based count of units passed to `write_tu`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The underlying reader or writer failed.
    Io {
        /// The I/O error.
        source: io::Error,
        /// Where reading stopped, when reading.
        position: Option<Position>,
    },
    /// The input is not well-formed XML (as reported by the XML tokenizer).
    Xml {
        /// Where the tokenizer stopped.
        position: Position,
        /// What the tokenizer said.
        message: String,
    },
    /// The input is XML but not the TMX structure that was expected here.
    Unexpected {
        /// Where the unexpected thing starts.
        position: Position,
        /// What would have been valid here, e.g. "`<seg>`".
        expected: String,
        /// What the input holds instead, e.g. "`</tuv>`".
        found: String,
    },
    /// A required attribute is missing.
    MissingAttribute {
        /// Where the element starts.
        position: Position,
        /// The element, e.g. "tuv".
        element: &'static str,
        /// The attribute, e.g. "xml:lang".
        attribute: &'static str,
    },
    /// An attribute has a value outside its allowed set.
    InvalidAttribute {
        /// Where the element starts.
        position: Position,
        /// The attribute name.
        attribute: String,
        /// What is allowed.
        expected: String,
        /// The value found.
        found: String,
    },
    /// Bytes that are not valid in the input's encoding.
    Encoding {
        /// Where decoding failed.
        position: Position,
        /// What was wrong.
        message: String,
    },
    /// A character that XML 1.0 forbids (raw or as a character reference).
    IllegalChar {
        /// Where the character (or its reference) is.
        position: Position,
        /// The code point.
        code_point: u32,
    },
    /// An entity reference other than the five predefined ones and character
    /// references. Custom entities are never expanded, which also refuses
    /// entity-expansion bombs and external entities.
    Entity {
        /// Where the reference is.
        position: Position,
        /// The reference as written, e.g. "&lol;".
        found: String,
    },
    /// A limit set in [`crate::ReaderOptions`] was exceeded.
    Limit {
        /// Where the input was when the limit was hit.
        position: Position,
        /// Which limit, e.g. "max_unit_bytes".
        limit: &'static str,
        /// The limit's value.
        value: u64,
    },
    /// The writer refused a unit (only with [`crate::ControlChars::Refuse`]).
    Refused {
        /// 0-based index of the unit among those passed to `write_tu`.
        unit: u64,
        /// Why, e.g. "character U+001F is not allowed in XML 1.0".
        reason: String,
    },
    /// The header cannot be written as given.
    InvalidHeader {
        /// What is wrong, saying what was expected.
        reason: String,
    },
}

impl Error {
    /// Where in the input the error happened, for reading errors.
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Io { position, .. } => *position,
            Error::Xml { position, .. }
            | Error::Unexpected { position, .. }
            | Error::MissingAttribute { position, .. }
            | Error::InvalidAttribute { position, .. }
            | Error::Encoding { position, .. }
            | Error::IllegalChar { position, .. }
            | Error::Entity { position, .. }
            | Error::Limit { position, .. } => Some(*position),
            Error::Refused { .. } | Error::InvalidHeader { .. } => None,
        }
    }

    /// The message without the position prefix.
    pub fn message(&self) -> String {
        match self {
            Error::Io { source, .. } => format!("I/O error: {source}"),
            Error::Xml { message, .. } => format!("malformed XML: {message}"),
            Error::Unexpected { expected, found, .. } => {
                format!("expected {expected}, found {found}")
            }
            Error::MissingAttribute { element, attribute, .. } => {
                format!("<{element}> has no {attribute} attribute")
            }
            Error::InvalidAttribute { attribute, expected, found, .. } => {
                format!("attribute {attribute}: expected {expected}, found {found:?}")
            }
            Error::Encoding { message, .. } => format!("invalid encoding: {message}"),
            Error::IllegalChar { code_point, .. } => {
                format!("character U+{code_point:04X} is not allowed in XML 1.0")
            }
            Error::Entity { found, .. } => format!(
                "expected one of &amp; &lt; &gt; &quot; &apos; or a character reference, found {found} (custom entities are never expanded)"
            ),
            Error::Limit { limit, value, .. } => {
                let what = match *limit {
                    "max_unit_bytes" => "bytes in one unit (or the header)",
                    "max_depth" => "levels of inline elements",
                    "max_variants" => "variants (<tuv>) in one unit",
                    "max_inline_elements" => "inline elements in one segment",
                    "max_props" => "<prop> elements in one element",
                    "max_notes" => "<note> elements in one element",
                    "max_lang_bytes" => "bytes in a language code",
                    _ => "of this",
                };
                format!("more than {value} {what}: input exceeds the limit {limit} = {value} (see tmx::ReaderOptions)")
            }
            Error::Refused { unit, reason } => format!("unit {unit} refused: {reason}"),
            Error::InvalidHeader { reason } => format!("invalid header: {reason}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position() {
            Some(p) => write!(
                f,
                "line {}, column {}: {}",
                p.line,
                p.column,
                self.message()
            ),
            None => f.write_str(&self.message()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(source: io::Error) -> Error {
        Error::Io {
            source,
            position: None,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

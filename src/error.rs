//! The one error type of the `tmalign` library. Every variant says where the
//! problem is: a path, a byte offset, a line. Messages describe the input,
//! never a command-line flag: the CLI adds its own hints when it reports them.

use std::fmt;
use std::path::PathBuf;

/// A result whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the library.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input is not valid in its encoding.
    Decode {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// Byte offset of the first invalid byte, counted from the start of
        /// the file (a BOM included).
        offset: usize,
        /// The encoding the bytes were decoded as.
        encoding: &'static str,
    },
    /// An encoding name that is not known.
    UnknownEncoding {
        /// The name as given.
        label: String,
    },
    /// The input is in a format tmalign does not read (PDF, an image, a zip
    /// that is not a DOCX), or a DOCX or HTML file is broken.
    Format {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// What the input is, e.g. "a PDF document".
        found: String,
        /// Byte offset of the problem, when there is one.
        offset: Option<usize>,
    },
    /// A language code does not fit the text: its script is another
    /// language's, or the code names no known language.
    Language {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// What is wrong, e.g. "looks like Russian (Cyrillic 97%)".
        message: String,
    },
    /// Reading or writing TMX failed; the TMX error carries the position.
    Tmx(tmx::Error),
    /// The aligner was given a number of documents it cannot align.
    DocumentCount {
        /// How many documents were given.
        found: usize,
    },
    /// A beads line could not be parsed.
    Beads {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A word-pairs file ([`crate::align::WordPairs`]) could not be parsed.
    WordPairs {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A document set (a line of `tmalign pipe` input) is invalid or
    /// could not be aligned.
    DocumentSet {
        /// 1-based line of the input stream, when known.
        line: Option<u64>,
        /// What was wrong, e.g. "texts.ru: the text is empty".
        message: String,
    },
    /// An alignment read back from JSON (`align -f json`, the review page)
    /// is malformed or inconsistent.
    AlignmentJson {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// Where in the JSON.
        place: JsonPlace,
        /// What was wrong.
        message: String,
    },
    /// Beads handed to the library ([`crate::Alignment::check`],
    /// [`crate::Aligner::realign`]) that do not cover every sentence of
    /// every document exactly once, in order.
    BeadCover {
        /// The 0-based index of the first bead that breaks the cover;
        /// `None` when the beads end before the documents do.
        bead: Option<usize>,
        /// What was wrong.
        message: String,
    },
    /// A translation-memory index file (`tm index`) that cannot be used:
    /// not an index, another version, corrupt, or older than its memory.
    IndexFile {
        /// The index file, when there is one.
        path: Option<PathBuf>,
        /// Byte offset of the problem, when there is one.
        offset: Option<u64>,
        /// What is wrong and what to do.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path: Some(p), source } => write!(f, "{}: {source}", p.display()),
            Error::Io { path: None, source } => write!(f, "{source}"),
            Error::Decode {
                path,
                offset,
                encoding,
            } => {
                if let Some(p) = path {
                    write!(f, "{}: ", p.display())?;
                }
                write!(f, "invalid {encoding} at byte {offset}")
            }
            Error::UnknownEncoding { label } => write!(
                f,
                "unknown encoding {label:?} (known: utf-8, utf-16le, utf-16be, windows-1256, windows-1251, koi8-r, iso-8859-6, ...)"
            ),
            Error::Format {
                path,
                found,
                offset,
            } => {
                if let Some(p) = path {
                    write!(f, "{}: ", p.display())?;
                }
                write!(f, "{found}")?;
                if let Some(offset) = offset {
                    write!(f, " (at byte {offset})")?;
                }
                write!(f, "; tmalign reads plain text (UTF-8, UTF-16 with a BOM, legacy code pages), HTML (.html, .htm) and DOCX (.docx)")
            }
            Error::Language { path, message } => match path {
                Some(p) => write!(f, "{}: {message}", p.display()),
                None => write!(f, "{message}"),
            },
            Error::Tmx(e) => write!(f, "{e}"),
            Error::IndexFile {
                path,
                offset,
                message,
            } => {
                if let Some(p) = path {
                    write!(f, "{}: ", p.display())?;
                }
                if let Some(o) = offset {
                    write!(f, "at byte {o}: ")?;
                }
                write!(f, "{message}")
            }
            Error::BeadCover {
                bead: Some(index),
                message,
            } => write!(f, "bead {}: {message}", index + 1),
            Error::BeadCover {
                bead: None,
                message,
            } => write!(f, "after the last bead: {message}"),
            Error::DocumentCount { found } => {
                write!(f, "can align 2 or 3 documents, but {found} were given")
            }
            Error::Beads { path, line, message } | Error::WordPairs { path, line, message } => match path {
                Some(p) => write!(f, "{}:{line}: {message}", p.display()),
                None => write!(f, "line {line}: {message}"),
            },
            Error::DocumentSet {
                line: Some(line),
                message,
            } => write!(f, "line {line}: {message}"),
            Error::DocumentSet {
                line: None,
                message,
            } => f.write_str(message),
            Error::AlignmentJson {
                path,
                place,
                message,
            } => {
                if let Some(p) = path {
                    write!(f, "{}:", p.display())?;
                }
                match place {
                    JsonPlace::Position { line, column } => write!(f, "{line}:{column}: {message}"),
                    _ if path.is_some() => write!(f, " {place} {message}"),
                    _ => write!(f, "{place} {message}"),
                }
            }
        }
    }
}

/// Where in an alignment JSON a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonPlace {
    /// A 1-based line and column of the JSON text.
    Position {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The bead at this 0-based index of `beads`.
    Bead {
        /// 0-based index.
        index: usize,
    },
    /// A sentence of a document, both 0-based indices.
    Sentence {
        /// Index into `documents`.
        document: usize,
        /// Index into that document's `sentences`.
        index: usize,
    },
    /// The file as a whole.
    Whole,
}

impl fmt::Display for JsonPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            JsonPlace::Position { line, column } => write!(f, "line {line}, column {column}:"),
            JsonPlace::Bead { index } => write!(f, "bead {} (beads[{index}])", index + 1),
            JsonPlace::Sentence { document, index } => write!(
                f,
                "document {} sentence {} (documents[{document}].sentences[{index}])",
                document + 1,
                index + 1
            ),
            JsonPlace::Whole => f.write_str("alignment:"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Tmx(e) => Some(e),
            _ => None,
        }
    }
}

impl From<tmx::Error> for Error {
    fn from(e: tmx::Error) -> Error {
        Error::Tmx(e)
    }
}

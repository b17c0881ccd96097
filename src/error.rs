//! The one error type of the `tmalign` library. Every variant says where the
//! problem is: a path, a byte offset, a line.

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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path: Some(p), source } => write!(f, "{}: {source}", p.display()),
            Error::Io { path: None, source } => write!(f, "{source}"),
            Error::DocumentCount { found } => {
                write!(f, "can align 2 or 3 documents, but {found} were given")
            }
            Error::Beads { path, line, message } => match path {
                Some(p) => write!(f, "{}:{line}: {message}", p.display()),
                None => write!(f, "line {line}: {message}"),
            },
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

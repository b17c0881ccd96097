//! The error type of the evaluation sets.

use std::fmt;
use std::path::PathBuf;

/// A result whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong while loading an evaluation set.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading, decoding or aligning failed in the library.
    Tmalign(tmalign::Error),
    /// A file of an evaluation corpus is not as described in its README.
    Corpus {
        /// The file.
        path: PathBuf,
        /// 1-based line number, 0 for the file as a whole.
        line: usize,
        /// What was wrong.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Tmalign(e) => write!(f, "{e}"),
            Error::Corpus {
                path,
                line: 0,
                message,
            } => write!(f, "{}: {message}", path.display()),
            Error::Corpus {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Tmalign(e) => Some(e),
            Error::Corpus { .. } => None,
        }
    }
}

impl From<tmalign::Error> for Error {
    fn from(e: tmalign::Error) -> Error {
        Error::Tmalign(e)
    }
}

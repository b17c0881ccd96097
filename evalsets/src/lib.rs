//! Evaluation sets for tmalign's tests and benchmarks. Not published: it
//! knows this repository's `../shared/corpora` layout, corpus names and
//! Python peers, which are no business of the library.
//!
//! - [`shared_dir`] finds the shared folder (`$TMALIGN_SHARED`, else
//!   `../shared` beside the checkout) and [`python`] the Python with the
//!   peers installed.
//! - [`load_textberg`] reads a Text+Berg document and its gold.
//! - [`synth`] builds the Arabic/English/Russian set from line-aligned
//!   corpora, in a presegmented and a running-text view, and scores running
//!   text with link F1.
//!
//! Scoring itself is `tmalign::eval`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod error;
pub mod synth;
mod textberg;

pub use error::{Error, Result};
pub use textberg::{load_textberg, TEXTBERG_DEV, TEXTBERG_TEST};

use std::path::{Path, PathBuf};

/// The repository root (this crate's parent folder).
fn repo_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Where the shared folder is looked for: `$TMALIGN_SHARED` when set, else
/// `../shared` beside the checkout. It may not exist; see [`shared_dir`].
pub fn shared_candidate() -> PathBuf {
    match std::env::var_os("TMALIGN_SHARED") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => repo_root().join("..").join("shared"),
    }
}

/// The shared folder with the corpora and the peers' data, when it exists:
/// `$TMALIGN_SHARED`, else `../shared` beside the checkout.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = shared_candidate();
    dir.join("corpora").is_dir().then_some(dir)
}

/// The Python with the peers installed: `$TMALIGN_PYTHON`, else
/// `.venv/bin/python3` in the checkout (where `.ci/run` installs them), else
/// `python3`.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("TMALIGN_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = repo_root().join(".venv/bin/python3");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

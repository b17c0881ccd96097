//! What the benchmarks share: where the corpora and the Python peers are.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared` beside the checkout, or `$TMALIGN_SHARED`.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("TMALIGN_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("shared"),
    }
}

/// The Python with the peers installed: `$TMALIGN_PYTHON`, else
/// `.venv/bin/python3` in the checkout, else `python3`.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("TMALIGN_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python3");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

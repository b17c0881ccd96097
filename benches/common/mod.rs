//! What the benchmarks share: where the corpora and the Python peers are.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared folder with the corpora (see [`evalsets::shared_dir`]); the
/// benchmarks cannot run without it.
pub fn shared_dir() -> PathBuf {
    evalsets::shared_dir().unwrap_or_else(|| {
        panic!(
            "the benchmarks need the shared corpora, not found at {} (set TMALIGN_SHARED=/path/to/shared)",
            evalsets::shared_candidate().display()
        )
    })
}

/// The Python with the peers installed (see [`evalsets::python`]).
pub fn python() -> PathBuf {
    evalsets::python()
}

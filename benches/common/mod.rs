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

/// The hunalign binary: `TMALIGN_HUNALIGN`, else `hunalign` on the `PATH`
/// (build it from danielvarga/hunalign: `make` in `src/hunalign`).
pub fn hunalign() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TMALIGN_HUNALIGN") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("hunalign"))
        .find(|p| p.is_file())
}

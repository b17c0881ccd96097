//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, where the corpora and the TMX DTD live.
pub fn shared_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("TMALIGN_SHARED") {
        return PathBuf::from(dir);
    }
    repo_root().join("..").join("shared")
}

/// True under CI, where a missing external tool is a failure, not a skip.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

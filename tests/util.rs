//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared folder with the corpora (`$TMALIGN_SHARED`, else `../shared`
/// beside the checkout). When it is missing, prints one line saying the
/// calling test is skipped and how to enable it, and gives `None`; under
/// `CI=true` a missing folder fails the test instead.
pub fn shared_or_skip() -> Option<PathBuf> {
    if let Some(dir) = evalsets::shared_dir() {
        return Some(dir);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    skip(
        &test,
        &format!(
            "the shared corpora are not at {} (set TMALIGN_SHARED=/path/to/shared, or put shared/ beside the checkout)",
            evalsets::shared_candidate().display()
        ),
    )
}

/// Skips a check (`None`) with one line on stderr saying why, or fails it
/// under `CI=true`, where everything the tests need is installed.
pub fn skip<T>(what: &str, why: &str) -> Option<T> {
    assert!(!under_ci(), "{what} cannot be skipped under CI=true: {why}");
    // Written to the stderr handle, not with eprintln!, which the test
    // harness captures and hides for a passing test.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped {what}: {why}");
    None
}

/// The TMX 1.4 DTD shipped in `tests/data/` (see its README).
pub fn tmx_dtd() -> PathBuf {
    repo_root().join("tests").join("data").join("tmx14.dtd")
}

/// True under CI, where a missing external tool is a failure, not a skip.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Cases for a property test: `$PROPTEST_CASES` when set (to shake out
/// rare failures with many more), else `default`. An explicit count in
/// `ProptestConfig::with_cases` would otherwise ignore the variable.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The result of running the `tmalign` binary.
pub struct Run {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error, as text.
    pub stderr: String,
}

impl Run {
    /// Standard output as text.
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs `tmalign` with `args` in `dir`, with a fixed `SOURCE_DATE_EPOCH` so
/// TMX output is reproducible.
pub fn tmalign_in(dir: &std::path::Path, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tmalign"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the tmalign binary runs");
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `tmalign` with `args` in the repository root.
pub fn tmalign(args: &[&str]) -> Run {
    tmalign_in(&repo_root(), args)
}

/// Runs `work` on a rayon pool of `threads` threads: for the tests that
/// output is the same at any thread count.
pub fn on_threads<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(work)
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The files in `dir`, sorted, as names.
pub fn file_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Runs a failing command and checks its exit code, that the message names
/// `needle`, and that no output file (nor a temporary one) was left; the
/// run, for any further checks.
pub fn assert_fails(dir: &std::path::Path, args: &[&str], code: i32, needle: &str) -> Run {
    assert!(!needle.is_empty(), "an empty needle checks nothing");
    let before = file_names(dir);
    let run = tmalign_in(dir, args);
    assert_eq!(run.code, Some(code), "{args:?}: {}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "{args:?}: expected {needle:?} in {:?}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(file_names(dir), before, "{args:?} left files behind");
    run
}

//! Temporary output files that must not outlive the process: each one is
//! registered here while it exists, and on SIGINT, SIGTERM or SIGHUP a
//! watcher thread deletes them all and then lets the signal kill the
//! process as it would have without us, so the shell sees the usual status
//! (130, 143, 129).
//!
//! The registry's lock is held while a file is created, renamed into place
//! or deleted, so the watcher never races a rename: it either removes a file
//! still in the registry or finds it already gone from it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static WATCHER: Once = Once::new();

/// The registry, locked. A panic elsewhere never leaves it unusable.
pub fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Starts the watcher thread, once. Called before the first temporary file
/// is created; a process that writes only to stdout keeps the default
/// signal behaviour.
pub fn watch() {
    WATCHER.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // A signal ignored at start stays ignored: `nohup` ignores SIGHUP,
        // and a shell ignores SIGINT for `cmd &`.
        let caught: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|&s| !ignored(s))
            .collect();
        let Ok(mut signals) = signal_hook::iterator::Signals::new(caught) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("tmalign-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let files = lock();
                    for path in files.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    // Dies of `signal` with the lock held, so no thread can
                    // rename or create another temporary file meanwhile.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        drop(spawned);
    });
}

/// True when `signal`'s disposition is SIG_IGN.
fn ignored(signal: i32) -> bool {
    // SAFETY: sigaction with a null new action only reads the current one
    // into `old`, which is a valid, zeroed struct.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

/// Forgets `path` (renamed into place or deleted), with the lock held.
pub fn forget(files: &mut Vec<PathBuf>, path: &Path) {
    files.retain(|p| p != path);
}

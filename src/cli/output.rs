//! Where a command writes its main output, chosen so that writing never
//! destroys what the path named before:
//!
//! - `-`, nothing, `/dev/stdout` (and `/dev/fd/1`, `/proc/self/fd/1`) are the
//!   process's own standard output, used as it is (a redirection's append
//!   mode and offset are kept).
//! - A regular file, or a path that does not exist yet, is written to a
//!   temporary `.tmalign-*.part` beside it and renamed into place only by
//!   [`Output::finish`], so a failed or interrupted run leaves no partial
//!   file (see [`super::signals`]). A new file gets 0666 minus the umask; an
//!   existing one keeps its mode and, where allowed, its owner.
//! - A symbolic link is followed: the file it points to is replaced and the
//!   link stays a link.
//! - A device, FIFO or socket (`/dev/null`, `mkfifo`), and anything under
//!   `/dev` or `/proc`, is opened and written directly, never replaced.
//! - A read-only file, a folder, or a file that is one of the command's
//!   inputs (same device and inode, whatever the names or links) is refused
//!   before any work is written.
//!
//! A path ending in `.gz` is gzip-compressed.

use super::signals;
use anyhow::{bail, Context, Result};
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static BROKEN_PIPE: AtomicBool = AtomicBool::new(false);

/// True once a write to an output failed because its reader went away
/// (`tmalign … | head -1`); the command then exits quietly with success.
pub fn saw_broken_pipe() -> bool {
    BROKEN_PIPE.load(Ordering::Relaxed)
}

/// Where a command writes its main output.
pub struct Output {
    sink: Sink,
    /// The path as the user gave it, for messages.
    shown: PathBuf,
    /// The temporary file that replaces its target on [`Output::finish`].
    temp: Option<Temp>,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    Plain(BufWriter<File>),
    /// Gzip (the header's mtime is 0, so output stays reproducible).
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
}

/// What a path names, once links are followed.
#[derive(Debug)]
enum Target {
    Stdout,
    /// Written in place: a device, FIFO, socket or a file under /dev or /proc.
    Direct(PathBuf),
    /// A regular file (its metadata) or nothing yet: temp + rename.
    Replace(PathBuf, Option<Metadata>),
}

impl Output {
    /// Opens `path`, or stdout when `path` is `None` or `-`, for commands
    /// whose inputs are not files.
    #[allow(dead_code)]
    pub fn create(path: Option<&Path>) -> Result<Output> {
        Output::create_checked(path, &[])
    }

    /// Like [`Output::create`], and refuses a `path` that is the same file
    /// as one of `inputs` (compared by device and inode).
    pub fn create_checked(path: Option<&Path>, inputs: &[&Path]) -> Result<Output> {
        let Some(path) = path.filter(|p| *p != Path::new("-")) else {
            return Ok(Output::stdout());
        };
        let target = checked_target(path, inputs)?;
        let gzip = path.extension().is_some_and(|e| e == "gz");
        let (file, temp) = match target {
            Target::Stdout => return Ok(Output::stdout()),
            Target::Direct(p) => {
                let file = OpenOptions::new()
                    .write(true)
                    .open(&p)
                    .with_context(|| format!("{}: cannot open for writing", path.display()))?;
                (file, None)
            }
            Target::Replace(p, meta) => {
                let (file, temp) = Temp::create(&p, meta.as_ref())
                    .with_context(|| format!("{}: cannot create output file", path.display()))?;
                (file, Some(temp))
            }
        };
        let buffered = BufWriter::with_capacity(64 << 10, file);
        let sink = if gzip {
            Sink::Gzip(flate2::write::GzEncoder::new(
                buffered,
                flate2::Compression::default(),
            ))
        } else {
            Sink::Plain(buffered)
        };
        Ok(Output {
            sink,
            shown: path.to_path_buf(),
            temp,
        })
    }

    /// Whether [`Output::create_checked`] would accept `path`, found without
    /// creating anything: a command that works long before it writes says
    /// so before the work, not after.
    pub fn check(path: Option<&Path>, inputs: &[&Path]) -> Result<()> {
        match path.filter(|p| *p != Path::new("-")) {
            Some(path) => checked_target(path, inputs).map(drop),
            None => Ok(()),
        }
    }

    fn stdout() -> Output {
        Output {
            sink: Sink::Stdout(BufWriter::with_capacity(64 << 10, io::stdout())),
            shown: PathBuf::from("stdout"),
            temp: None,
        }
    }

    /// Flushes and, for a replaced file, renames the temporary file into place.
    pub fn finish(self) -> Result<()> {
        self.finish_staged()?.commit()
    }

    /// Flushes and syncs, but leaves a replaced file's temporary file in
    /// place: [`Staged::commit`] renames it. Output in several files (the
    /// parts of `--split-size`) stages every part first and commits them
    /// together, so a failure or a signal before the end leaves none of
    /// them behind.
    pub fn finish_staged(self) -> Result<Staged> {
        let Output { sink, shown, temp } = self;
        let failed = || format!("{}: cannot write output file", shown.display());
        let buffered = match sink {
            Sink::Stdout(mut w) => {
                w.flush().map_err(note_broken_pipe)?;
                return Ok(Staged { shown, temp: None });
            }
            Sink::Plain(w) => w,
            Sink::Gzip(gz) => gz.finish().map_err(note_broken_pipe).with_context(failed)?,
        };
        let file = buffered
            .into_inner()
            .map_err(|e| note_broken_pipe(e.into_error()))
            .with_context(failed)?;
        if temp.is_some() {
            file.sync_all().with_context(failed)?;
        }
        Ok(Staged { shown, temp })
    }

    /// The path as the user gave it (`stdout` for standard output).
    pub fn shown(&self) -> &Path {
        &self.shown
    }
}

/// A finished output whose temporary file is not yet renamed into place;
/// dropped without [`Staged::commit`], the temporary file is deleted.
pub struct Staged {
    shown: PathBuf,
    temp: Option<Temp>,
}

impl Staged {
    /// Renames the temporary file into place.
    pub fn commit(self) -> Result<()> {
        if let Some(temp) = self.temp {
            temp.persist()
                .with_context(|| format!("{}: cannot write output file", self.shown.display()))?;
        }
        Ok(())
    }

    /// Commits all of `staged`, in order.
    pub fn commit_all(staged: Vec<Staged>) -> Result<()> {
        staged.into_iter().try_for_each(Staged::commit)
    }
}

/// How to write `path`, refused when it is one of `inputs`.
fn checked_target(path: &Path, inputs: &[&Path]) -> Result<Target> {
    let target = classify(path)?;
    if let Target::Replace(_, Some(meta)) = &target {
        refuse_inputs(path, meta, inputs)?;
    }
    Ok(target)
}

/// Follows `path`'s links and says how to write it.
fn classify(path: &Path) -> Result<Target> {
    let mut current = path.to_path_buf();
    let mut special = is_special(&current);
    for _ in 0..40 {
        if is_own_stdout(&current) {
            return Ok(Target::Stdout);
        }
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let dir = parent(&current);
                if !dir.is_dir() {
                    bail!(
                        "{}: folder {} does not exist",
                        path.display(),
                        dir.display()
                    );
                }
                return Ok(Target::Replace(current, None));
            }
            Err(e) => return Err(e).with_context(|| format!("{}: cannot write", path.display())),
        };
        if meta.file_type().is_symlink() {
            let link = std::fs::read_link(&current)
                .with_context(|| format!("{}: cannot read link", path.display()))?;
            current = parent(&current).join(link);
            special |= is_special(&current);
            continue;
        }
        if meta.is_dir() {
            bail!(
                "{}: is a directory, expected an output file",
                path.display()
            );
        }
        if !meta.is_file() || special {
            return Ok(Target::Direct(current));
        }
        // Root may write anything, so the mode is checked as well as access.
        let mode = meta.permissions().mode();
        let writable = mode & 0o222 != 0
            && OpenOptions::new()
                .write(true)
                .open(&current)
                .map_or_else(|e| e.kind() != io::ErrorKind::PermissionDenied, |_| true);
        if !writable {
            bail!(
                "{}: the file is read-only (mode {:04o}); make it writable or choose another output",
                path.display(),
                mode & 0o7777
            );
        }
        return Ok(Target::Replace(current, Some(meta)));
    }
    bail!("{}: too many levels of symbolic links", path.display())
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Files under /dev and /proc are never replaced, whatever they are.
fn is_special(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

fn is_own_stdout(path: &Path) -> bool {
    ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|p| path == Path::new(p))
}

/// Refuses an output that is the same file as an input.
fn refuse_inputs(output: &Path, meta: &Metadata, inputs: &[&Path]) -> Result<()> {
    for input in inputs {
        if *input == Path::new("-") {
            continue;
        }
        if let Ok(im) = std::fs::metadata(input) {
            if im.dev() == meta.dev() && im.ino() == meta.ino() {
                bail!(
                    "{}: is the same file as the input {}; write the output elsewhere",
                    output.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

/// A temporary file beside its target, deleted on drop (and on a signal)
/// unless renamed into place.
struct Temp {
    path: PathBuf,
    target: PathBuf,
    renamed: bool,
}

impl Temp {
    fn create(target: &Path, existing: Option<&Metadata>) -> io::Result<(File, Temp)> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        signals::watch();
        let dir = parent(target);
        let mut files = signals::lock();
        for _ in 0..100 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let path = dir.join(format!(
                ".tmalign-{}-{n}-{nanos:08x}.part",
                std::process::id()
            ));
            // 0666 lets the kernel apply the umask to a new file; an existing
            // file's mode is copied below, after its owner.
            let mode = if existing.is_some() { 0o600 } else { 0o666 };
            let file = match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&path)
            {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            };
            files.push(path.clone());
            drop(files);
            let temp = Temp {
                path,
                target: target.to_path_buf(),
                renamed: false,
            };
            if let Some(meta) = existing {
                // Only root can give a file away; everyone else keeps theirs.
                let _ = std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid()));
                file.set_permissions(std::fs::Permissions::from_mode(
                    meta.permissions().mode() & 0o7777,
                ))?;
            }
            return Ok((file, temp));
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "no free temporary file name",
        ))
    }

    fn persist(mut self) -> io::Result<()> {
        let mut files = signals::lock();
        let renamed = std::fs::rename(&self.path, &self.target);
        if renamed.is_ok() {
            self.renamed = true;
            signals::forget(&mut files, &self.path);
        }
        renamed
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.renamed {
            let mut files = signals::lock();
            let _ = std::fs::remove_file(&self.path);
            signals::forget(&mut files, &self.path);
        }
    }
}

fn note_broken_pipe(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        BROKEN_PIPE.store(true, Ordering::Relaxed);
    }
    e
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
        }
        .map_err(note_broken_pipe)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::Plain(w) => w.write_all(buf),
            Sink::Gzip(w) => w.write_all(buf),
        }
        .map_err(note_broken_pipe)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
        }
        .map_err(note_broken_pipe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdout_names_and_special_folders() {
        assert!(matches!(
            classify(Path::new("/dev/stdout")).unwrap(),
            Target::Stdout
        ));
        assert!(matches!(
            classify(Path::new("/dev/null")).unwrap(),
            Target::Direct(_)
        ));
        assert!(classify(Path::new("/no/such/folder/out.tmx")).is_err());
    }
}

//! Output that is either stdout or a file written atomically: the data goes
//! to a temporary file in the same folder, renamed into place only by
//! [`Output::finish`]. A failed run leaves no partial file behind. A path
//! ending in `.gz` is gzip-compressed.

use anyhow::{Context, Result};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where a command writes its main output.
pub enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that becomes `path` on [`Output::finish`].
    File {
        /// The final path.
        path: PathBuf,
        /// The temporary file, deleted on drop unless persisted.
        tmp: Sink,
    },
}

/// The temporary file, plain or compressed.
pub enum Sink {
    /// Written as is.
    Plain(BufWriter<tempfile::NamedTempFile>),
    /// Gzip-compressed (the header's mtime is 0, so output stays reproducible).
    Gzip(flate2::write::GzEncoder<BufWriter<tempfile::NamedTempFile>>),
}

impl Output {
    /// Opens `path`, or stdout when `path` is `None` or `-`.
    pub fn create(path: Option<&Path>) -> Result<Output> {
        match path {
            None => Ok(Output::Stdout(BufWriter::new(io::stdout()))),
            Some(p) if p == Path::new("-") => Ok(Output::Stdout(BufWriter::new(io::stdout()))),
            Some(p) => {
                if p.is_dir() {
                    anyhow::bail!("{}: is a directory, expected an output file", p.display());
                }
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".tmalign-")
                    .suffix(".part")
                    .tempfile_in(dir)
                    .with_context(|| format!("{}: cannot create output file", p.display()))?;
                let tmp = BufWriter::new(tmp);
                let tmp = if p.extension().is_some_and(|e| e == "gz") {
                    Sink::Gzip(flate2::write::GzEncoder::new(
                        tmp,
                        flate2::Compression::default(),
                    ))
                } else {
                    Sink::Plain(tmp)
                };
                Ok(Output::File {
                    path: p.to_path_buf(),
                    tmp,
                })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => Ok(w.flush()?),
            Output::File { path, tmp } => {
                let buffered = match tmp {
                    Sink::Plain(w) => w,
                    Sink::Gzip(gz) => gz
                        .finish()
                        .with_context(|| format!("{}: cannot write output file", path.display()))?,
                };
                let tmp = buffered
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("{}: cannot write output file", path.display()))?;
                tmp.as_file()
                    .sync_all()
                    .with_context(|| format!("{}: cannot write output file", path.display()))?;
                tmp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("{}: cannot write output file", path.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File {
                tmp: Sink::Plain(w),
                ..
            } => w.write(buf),
            Output::File {
                tmp: Sink::Gzip(w), ..
            } => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File {
                tmp: Sink::Plain(w),
                ..
            } => w.flush(),
            Output::File {
                tmp: Sink::Gzip(w), ..
            } => w.flush(),
        }
    }
}

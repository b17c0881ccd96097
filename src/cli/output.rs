//! Output that is either stdout or a file written atomically: the data goes
//! to a temporary file in the same folder, renamed into place only by
//! [`Output::finish`]. A failed run leaves no partial file behind.

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
        tmp: BufWriter<tempfile::NamedTempFile>,
    },
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
                Ok(Output::File {
                    path: p.to_path_buf(),
                    tmp: BufWriter::new(tmp),
                })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => Ok(w.flush()?),
            Output::File { path, tmp } => {
                let tmp = tmp
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
            Output::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { tmp, .. } => tmp.flush(),
        }
    }
}

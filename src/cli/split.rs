//! TMX output that may be split by size (`--split-size 900M`): Trados
//! Cloud and Phrase refuse imports over 1 GB. Parts are `out.001.tmx`,
//! `out.002.tmx`, …, each a complete TMX with its own header; a unit is
//! never cut in two. Every part is staged as a temporary file (see
//! [`super::output`]) and all are renamed only once the last is written,
//! so a failed or interrupted run leaves no parts.

use super::output::{Output, Staged};
use super::UsageError;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use tmx::{Header, Tu, WriteSummary, Writer, WriterOptions};

/// `--split-size`: `900M`, `1G`, `500K`, `1000000`. K, M and G count in
/// 1024s (as GNU split does); KB, MB and GB in 1000s.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("expected a size such as 900M or 1G, found {text:?}"))?;
    let factor: u64 = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KIB" => 1 << 10,
        "M" | "MIB" => 1 << 20,
        "G" | "GIB" => 1 << 30,
        "KB" => 1000,
        "MB" => 1_000_000,
        "GB" => 1_000_000_000,
        _ => {
            return Err(format!(
                "unknown size unit {unit:?} in {text:?} (use K, M, G, KB, MB or GB)"
            ))
        }
    };
    match number.checked_mul(factor) {
        Some(0) | None => Err(format!(
            "expected a size above 0 that fits in 64 bits, found {text:?}"
        )),
        Some(n) => Ok(n),
    }
}

/// `out.tmx` → `out.001.tmx` (`out.tmx.gz` is refused earlier).
pub fn part_path(base: &Path, index: usize) -> PathBuf {
    let name = base
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("out.tmx");
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => (&name[..dot], &name[dot + 1..]),
        _ => (name, "tmx"),
    };
    base.with_file_name(format!("{stem}.{index:03}.{ext}"))
}

/// The path to show for what was written: the file, `stdout`, or the
/// first and last part.
pub fn describe_parts(path: Option<&Path>, parts: &[PathBuf]) -> PathBuf {
    match parts {
        [first, .., last] => PathBuf::from(format!(
            "{} … {} ({} parts)",
            first.display(),
            last.display(),
            parts.len()
        )),
        [only] => only.clone(),
        [] => path.unwrap_or(Path::new("stdout")).to_path_buf(),
    }
}

/// Where TMX units go: one file (or stdout), or parts of at most a size.
pub enum TmxOut {
    /// One output.
    Single(Box<Writer<Output>>),
    /// `--split-size`.
    Split(Box<Parts>),
}

/// The parts written so far and the one being written.
pub struct Parts {
    base: PathBuf,
    inputs: Vec<PathBuf>,
    header: Header,
    options: WriterOptions,
    limit: u64,
    current: Option<Writer<Output>>,
    /// Units in `current`.
    in_current: u64,
    staged: Vec<Staged>,
    /// Measures each unit: the same writer over nothing.
    scratch: Writer<std::io::Sink>,
    /// The summaries of the finished parts, added up.
    done: WriteSummary,
    units_seen: u64,
}

impl TmxOut {
    /// Opens `path` (stdout when `None`), or with `split` the first part
    /// named after it. `inputs` may not be overwritten.
    pub fn create(
        path: Option<&Path>,
        inputs: &[&Path],
        header: &Header,
        options: WriterOptions,
        split: Option<u64>,
    ) -> Result<TmxOut> {
        let Some(limit) = split else {
            let out = Output::create_checked(path, inputs)?;
            return Ok(TmxOut::Single(Box::new(Writer::new(out, header, options)?)));
        };
        let Some(base) = path.filter(|p| *p != Path::new("-")) else {
            return Err(UsageError("--split-size writes files: give -o FILE.tmx".into()).into());
        };
        if base.extension().is_some_and(|e| e == "gz") {
            return Err(UsageError(
                "--split-size counts the bytes of the TMX itself; it cannot be used with .gz output"
                    .into(),
            )
            .into());
        }
        let scratch = Writer::new(std::io::sink(), header, options)?;
        let mut parts = Parts {
            base: base.to_path_buf(),
            inputs: inputs.iter().map(|p| p.to_path_buf()).collect(),
            header: header.clone(),
            options,
            limit,
            current: None,
            in_current: 0,
            staged: Vec::new(),
            scratch,
            done: WriteSummary::default(),
            units_seen: 0,
        };
        parts.open_next()?;
        Ok(TmxOut::Split(Box::new(parts)))
    }

    /// Writes one unit (the writer may leave it out; see [`Writer::write_tu`]).
    pub fn write_tu(&mut self, tu: &Tu) -> Result<()> {
        match self {
            TmxOut::Single(w) => Ok(w.write_tu(tu)?),
            TmxOut::Split(parts) => parts.write_tu(tu),
        }
    }

    /// Finishes every file and renames them into place; gives the counts
    /// and the files written (parts in order).
    pub fn finish(self) -> Result<(WriteSummary, Vec<PathBuf>)> {
        let (summary, staged, paths) = self.finish_staged()?;
        Staged::commit_all(staged)?;
        Ok((summary, paths))
    }

    /// Like [`TmxOut::finish`], leaving the files staged so that a command
    /// writing several outputs can commit them all at once.
    pub fn finish_staged(self) -> Result<(WriteSummary, Vec<Staged>, Vec<PathBuf>)> {
        match self {
            TmxOut::Single(w) => {
                let (out, summary) = w.finish_into_inner()?;
                let path = out.shown().to_path_buf();
                Ok((summary, vec![out.finish_staged()?], vec![path]))
            }
            TmxOut::Split(mut parts) => {
                parts.close_current()?;
                let paths = (1..=parts.staged.len())
                    .map(|k| part_path(&parts.base, k))
                    .collect();
                Ok((parts.done, parts.staged, paths))
            }
        }
    }
}

fn add(a: WriteSummary, b: Option<WriteSummary>) -> WriteSummary {
    let Some(b) = b else { return a };
    WriteSummary {
        units_written: a.units_written + b.units_written,
        units_dropped: a.units_dropped + b.units_dropped,
        variants_dropped: a.variants_dropped + b.variants_dropped,
        illegal_chars_removed: a.illegal_chars_removed + b.illegal_chars_removed,
    }
}

impl Parts {
    fn open_next(&mut self) -> Result<()> {
        let path = part_path(&self.base, self.staged.len() + 1);
        let inputs: Vec<&Path> = self.inputs.iter().map(PathBuf::as_path).collect();
        let out = Output::create_checked(Some(&path), &inputs)?;
        let writer = Writer::new(out, &self.header, self.options)?;
        if writer.finished_len() > self.limit {
            bail!(
                "--split-size {} is smaller than an empty TMX ({} bytes of header)",
                self.limit,
                writer.finished_len()
            );
        }
        self.current = Some(writer);
        self.in_current = 0;
        Ok(())
    }

    fn close_current(&mut self) -> Result<()> {
        if let Some(writer) = self.current.take() {
            let (out, summary) = writer.finish_into_inner()?;
            self.done = add(self.done, Some(summary));
            self.staged.push(out.finish_staged()?);
        }
        Ok(())
    }

    fn write_tu(&mut self, tu: &Tu) -> Result<()> {
        self.units_seen += 1;
        let before = self.scratch.finished_len();
        let dropped = self.scratch.summary().units_dropped;
        self.scratch.write_tu(tu)?;
        let size = self.scratch.finished_len() - before;
        let kept = self.scratch.summary().units_dropped == dropped;
        let Some(current) = self.current.as_ref() else {
            bail!("internal error: no open part");
        };
        if kept && current.finished_len() + size > self.limit {
            if self.in_current > 0 {
                self.close_current()?;
                self.open_next()?;
            }
            let fresh = self.current.as_ref().map_or(0, Writer::finished_len);
            if fresh + size > self.limit {
                bail!(
                    "unit {} takes {size} bytes: with the header ({fresh} bytes) it is more than --split-size {} allows in a part",
                    self.units_seen,
                    self.limit
                );
            }
        }
        let Some(current) = self.current.as_mut() else {
            bail!("internal error: no open part");
        };
        current.write_tu(tu).with_context(|| {
            format!(
                "{}: cannot write",
                part_path(&self.base, self.staged.len() + 1).display()
            )
        })?;
        self.in_current += u64::from(kept);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_like_gnu_split() {
        assert_eq!(parse_size("900M"), Ok(900 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("1GB"), Ok(1_000_000_000));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn parts_are_numbered_before_the_extension() {
        assert_eq!(
            part_path(Path::new("d/out.tmx"), 1),
            Path::new("d/out.001.tmx")
        );
        assert_eq!(
            part_path(Path::new("out.ar-en.tmx"), 12),
            Path::new("out.ar-en.012.tmx")
        );
        assert_eq!(part_path(Path::new("out"), 2), Path::new("out.002.tmx"));
    }
}

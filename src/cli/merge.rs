//! `tmalign tmx merge OUT.tmx IN…`: many TMX files, folders of them, or
//! the JSON Lines of `tmalign pipe` (Spark's `part-*` files), streamed into
//! one TMX with one header.
//!
//! - The first input sets `srclang` and the languages; any later input
//!   with another `srclang`, or a unit in a language the first input did
//!   not have, is an error that names the file and line.
//! - Exact duplicates are removed unless `--keep-duplicates`: a unit whose
//!   variants (language and segment, trimmed as the writer trims them)
//!   equal an earlier unit's. Only a 128-bit hash per unit kept is held
//!   (SHA-256, cut): measured, 52 MB per million units at the peak (while
//!   the hash set doubles), 36 MB after; everything else streams in flat
//!   memory. Two different
//!   units share a hash with probability about n²/2¹²⁹.
//! - Every unit names its origin in a `<prop type="x-tmalign-doc">`: the
//!   document id that `pipe` and `batch` gave it, else the input's file
//!   name.

use super::split::TmxOut;
use super::UsageError;
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashSet};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::corpus::DOC_PROP;
use tmx::{Header, Tu};

/// Arguments of `tmalign tmx merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The merged TMX (written atomically).
    #[arg(value_name = "OUT.tmx")]
    pub output: PathBuf,
    /// TMX files (`.tmx.gz` too), JSON Lines from `tmalign pipe`, or
    /// folders of them (files sorted by name; hidden files and `_SUCCESS`
    /// are skipped). Taken in the order given.
    #[arg(value_name = "IN", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Keep units that repeat an earlier unit exactly.
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Write parts of at most SIZE bytes (`900M`, `1G`): `OUT.001.tmx`, …
    #[arg(long, value_name = "SIZE", value_parser = super::split::parse_size)]
    pub split_size: Option<u64>,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// A JSON Lines line longer than this is an error (a pipe result line
/// holds one document set).
const MAX_JSONL_LINE: u64 = 1 << 30;

/// What the merge saw.
#[derive(Default)]
struct Counts {
    files: usize,
    units_read: u64,
    duplicates: u64,
    error_lines: u64,
    first_error: Option<String>,
}

/// The merged output, opened at the first input's header.
struct Merge {
    out: Option<TmxOut>,
    srclang: Option<String>,
    /// The first input's languages; later inputs must keep to them.
    langs: BTreeSet<String>,
    /// Set once the first input is done.
    langs_fixed: bool,
    seen: Option<HashSet<u128>>,
    counts: Counts,
    args_output: PathBuf,
    inputs: Vec<PathBuf>,
    split: Option<u64>,
}

/// Runs `tmalign tmx merge`.
pub fn run(args: Args) -> Result<ExitCode> {
    let files = expand(&args.inputs)?;
    if files.is_empty() {
        bail!("no input files in {}", list(&args.inputs));
    }
    let mut merge = Merge {
        out: None,
        srclang: None,
        langs: BTreeSet::new(),
        langs_fixed: false,
        seen: (!args.keep_duplicates).then(HashSet::new),
        counts: Counts::default(),
        args_output: args.output.clone(),
        inputs: files.clone(),
        split: args.split_size,
    };
    for file in &files {
        if is_jsonl(file)? {
            merge.jsonl(file)?;
        } else {
            merge.tmx(file)?;
        }
        merge.counts.files += 1;
        merge.langs_fixed = true;
    }
    let Some(out) = merge.out.take() else {
        bail!("{}: no units to merge", list(&args.inputs));
    };
    let (written, paths) = out.finish()?;
    if !args.quiet {
        let c = &merge.counts;
        eprintln!(
            "{}: merged {} files: {} units read, {} written, {} duplicates removed, {} left out by the writer",
            super::split::describe_parts(Some(&args.output), &paths).display(),
            c.files,
            c.units_read,
            written.units_written,
            c.duplicates,
            written.units_dropped
        );
        if c.error_lines > 0 {
            eprintln!(
                "tmalign: skipped {} error lines of the pipe output (first: {})",
                c.error_lines,
                c.first_error.as_deref().unwrap_or("")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

impl Merge {
    /// Opens the output at the first header; later headers must agree.
    fn agree(&mut self, place: &str, srclang: &str, header: impl FnOnce() -> Header) -> Result<()> {
        let srclang = tmx::lang::canonical(srclang);
        match &self.srclang {
            None => {
                let inputs: Vec<&Path> = self.inputs.iter().map(PathBuf::as_path).collect();
                let out = TmxOut::create(Some(&self.args_output), &inputs, &header(), tmx::WriterOptions::new(), self.split)?;
                self.out = Some(out);
                self.srclang = Some(srclang);
            }
            Some(first) if *first != srclang => bail!(
                "{place}: srclang {srclang} disagrees with {first}, the srclang of {} (the first input)",
                self.inputs[0].display()
            ),
            Some(_) => {}
        }
        Ok(())
    }

    /// Checks the unit's languages, names its origin, and writes it unless
    /// it repeats an earlier one.
    fn unit(&mut self, path: &Path, line: u64, tu: &mut Tu, origin: &str) -> Result<()> {
        self.counts.units_read += 1;
        for tuv in &tu.tuvs {
            let lang = tmx::lang::canonical(&tuv.lang);
            if self.langs_fixed {
                if !self.langs.contains(&lang) {
                    bail!(
                        "{}:{line}: a unit in {lang}, a language {} does not have ({}); merge files of the same languages",
                        path.display(),
                        self.inputs[0].display(),
                        self.langs.iter().cloned().collect::<Vec<_>>().join(", ")
                    );
                }
            } else if !self.langs.contains(&lang) {
                if self.langs.len() >= 64 {
                    bail!("{}:{line}: more than 64 languages", path.display());
                }
                self.langs.insert(lang);
            }
        }
        if let Some(seen) = &mut self.seen {
            if !seen.insert(unit_hash(tu)) {
                self.counts.duplicates += 1;
                return Ok(());
            }
        }
        if !tu.props.iter().any(|p| p.kind == DOC_PROP) {
            tu.props.push(tmx::Prop::new(DOC_PROP, origin));
        }
        let Some(out) = self.out.as_mut() else {
            bail!("internal error: no output");
        };
        out.write_tu(tu)
            .with_context(|| format!("{}:{line}: cannot write the unit", path.display()))
    }

    fn tmx(&mut self, path: &Path) -> Result<()> {
        let mut reader = super::tmx::open(path)?;
        let header = reader.header().clone();
        let mut tu = Tu::default();
        let mut more = reader
            .read_tu(&mut tu)
            .map_err(|e| super::tmx::located(path, &e))?;
        // A header without a real srclang takes the first unit's language.
        let first_lang = tu
            .tuvs
            .first()
            .map_or("en", |v| v.lang.as_str())
            .to_string();
        let srclang = match header.srclang.as_str() {
            "" | "*all*" => first_lang.clone(),
            s => s.to_string(),
        };
        let defaults = Header::new("tmalign", env!("CARGO_PKG_VERSION"), &srclang);
        self.agree(&path.display().to_string(), &srclang, || {
            merged_header(&header.normalized(&defaults))
        })?;
        let origin = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        while more {
            reader.take_warnings();
            let line = reader.position().line;
            self.unit(path, line, &mut tu, &origin)?;
            more = reader
                .read_tu(&mut tu)
                .map_err(|e| super::tmx::located(path, &e))?;
        }
        Ok(())
    }

    fn jsonl(&mut self, path: &Path) -> Result<()> {
        #[derive(serde::Deserialize)]
        struct PipeLine {
            id: Option<tmalign::corpus::SetId>,
            error: Option<String>,
            srclang: Option<String>,
            #[serde(default)]
            units: Vec<Tu>,
        }
        let mut input = open_text(path)?;
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            let n = (&mut input)
                .take(MAX_JSONL_LINE + 1)
                .read_until(b'\n', &mut buf)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            if n == 0 {
                break;
            }
            line += 1;
            if n as u64 > MAX_JSONL_LINE {
                bail!(
                    "{}:{line}: the line is longer than {MAX_JSONL_LINE} bytes",
                    path.display()
                );
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed: PipeLine = serde_json::from_slice(&buf).map_err(|e| {
                anyhow::anyhow!(
                    "{}:{line}:{}: not a line of `tmalign pipe` output: {e}",
                    path.display(),
                    e.column()
                )
            })?;
            if let Some(error) = parsed.error {
                self.counts.error_lines += 1;
                self.counts
                    .first_error
                    .get_or_insert_with(|| format!("{}:{line}: {error}", path.display()));
                continue;
            }
            let Some(srclang) = parsed.srclang else {
                bail!(
                    "{}:{line}: no srclang: not a line of `tmalign pipe` output",
                    path.display()
                );
            };
            self.agree(&format!("{}:{line}", path.display()), &srclang, || {
                Header::new("tmalign", env!("CARGO_PKG_VERSION"), &srclang)
            })?;
            let origin = parsed.id.map(|id| id.to_string()).unwrap_or_default();
            for mut tu in parsed.units {
                self.unit(path, line, &mut tu, &origin)?;
            }
        }
        Ok(())
    }
}

/// The first input's header as the merged file's: written by tmalign now.
fn merged_header(first: &Header) -> Header {
    let mut header = Header::new("tmalign", env!("CARGO_PKG_VERSION"), &first.srclang);
    header.segtype = first.segtype.clone();
    if !first.datatype.is_empty() {
        header.datatype = first.datatype.clone();
    }
    header
}

/// 128 bits of SHA-256 over the unit's variants: language, then the
/// segment (plain text trimmed as the writer trims it, else its inline
/// structure as JSON).
fn unit_hash(tu: &Tu) -> u128 {
    let mut hasher = Sha256::new();
    for tuv in &tu.tuvs {
        hasher.update(tmx::lang::canonical(&tuv.lang).as_bytes());
        hasher.update([0]);
        if tuv.seg.is_plain() {
            hasher.update([b'p']);
            hasher.update(tuv.seg.text().trim().as_bytes());
        } else {
            hasher.update([b'j']);
            hasher.update(serde_json::to_vec(&tuv.seg).unwrap_or_default());
        }
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_le_bytes(first)
}

/// The files of `inputs`, folders expanded (sorted, no hidden files, no
/// `_SUCCESS` or other `_` files that Spark and Hadoop write).
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut inside = Vec::new();
            for entry in std::fs::read_dir(input)
                .with_context(|| format!("{}: cannot list folder", input.display()))?
            {
                let path = entry
                    .with_context(|| format!("{}: cannot list folder", input.display()))?
                    .path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(".");
                if path.is_file() && !name.starts_with('.') && !name.starts_with('_') {
                    inside.push(path);
                }
            }
            inside.sort();
            files.extend(inside);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            return Err(UsageError(format!("{}: no such file or folder", input.display())).into());
        }
    }
    Ok(files)
}

/// True for JSON Lines: `.jsonl`/`.json`, or (Spark's `part-00000`) a file
/// whose first non-blank byte is `{` or that is blank.
fn is_jsonl(path: &Path) -> Result<bool> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("jsonl" | "json" | "ndjson") => return Ok(true),
        Some("tmx" | "gz" | "xml") => return Ok(false),
        _ => {}
    }
    let mut head = [0u8; 512];
    let mut file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let n = file
        .read(&mut head)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    // An empty file (an empty Spark partition) holds no lines.
    Ok(matches!(
        head[..n].iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{') | None
    ))
}

fn open_text(path: &Path) -> Result<Box<dyn BufRead>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    Ok(Box::new(std::io::BufReader::with_capacity(1 << 20, file)))
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_judged_by_variants_only() {
        let a = Tu::from_pairs([("en", "Hi. "), ("ru", "Привет.")]);
        let mut b = Tu::from_pairs([("en", "Hi."), ("ru", "Привет.")]);
        b.tuid = Some("7".into());
        b.props.push(tmx::Prop::new(DOC_PROP, "other"));
        assert_eq!(unit_hash(&a), unit_hash(&b));
        let c = Tu::from_pairs([("en", "Hi."), ("ru", "Привет!")]);
        assert_ne!(unit_hash(&a), unit_hash(&c));
        // The boundary between variants counts: "ab"+"c" is not "a"+"bc".
        let d = Tu::from_pairs([("en", "ab"), ("ru", "c")]);
        let e = Tu::from_pairs([("en", "a"), ("ru", "bc")]);
        assert_ne!(unit_hash(&d), unit_hash(&e));
    }
}

//! `tmalign tmx validate|stats|convert`: check, count and convert TMX files
//! with the streaming reader of the `tmx` crate.

use crate::cli::{Output, UsageError};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmx::{Reader, Tu};

/// The `tmx` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Check a TMX file and print each problem as FILE:LINE:COL: message.
    /// Exits 1 when there are errors; warnings alone exit 0.
    Validate {
        /// The TMX file (`-` for stdin, `.tmx.gz` is decompressed).
        file: PathBuf,
    },
    /// Count units, variants per language and warnings.
    Stats {
        /// Print JSON: {"tus": N, "tuvs": M, "languages": {...}, ...}.
        #[arg(long)]
        json: bool,
        /// The TMX file (`-` for stdin, `.tmx.gz` is decompressed).
        file: PathBuf,
    },
    /// Convert a TMX file to TMX (normalised to the writer's profile),
    /// JSON Lines (one unit per line) or TSV (one column per language).
    Convert {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ConvertFormat::Tmx)]
        format: ConvertFormat,
        /// Output file (written atomically, gzip-compressed when it ends in
        /// `.gz`); `-` or nothing for stdout.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Refuse characters that XML 1.0 forbids instead of removing them.
        #[arg(long)]
        refuse_control_chars: bool,
        /// TMX output in UTF-16 LE with a BOM instead of UTF-8.
        #[arg(long)]
        utf16: bool,
        /// XLIFF output: the source language (by default the header's).
        #[arg(long, value_name = "LANG")]
        from: Option<String>,
        /// XLIFF output: the target languages, one `<file>` each (by
        /// default all but the source).
        #[arg(long, value_name = "LANG[,LANG..]", value_delimiter = ',')]
        to: Vec<String>,
        /// The TMX file, or an XLIFF file (`.xlf`, `.xliff`) to turn into
        /// TMX or JSON Lines (`.tmx.gz` is decompressed) (`-` for stdin; not for tsv, which reads the file twice).
        file: PathBuf,
    },
    /// Merge TMX files, folders of them, or `tmalign pipe` output (JSON
    /// Lines) into one TMX: one header, languages checked, exact duplicates
    /// removed, each unit's origin in `<prop type="x-tmalign-doc">`.
    Merge(super::merge::Args),
}

/// Output formats of `tmx convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConvertFormat {
    /// TMX 1.4b in the writer's profile.
    Tmx,
    /// One JSON object per unit and line, as the `tmx` crate serialises `Tu`.
    Jsonl,
    /// A header line of languages, then the plain text of each unit, with
    /// backslash, tab, LF and CR escaped as `\\ \t \n \r`.
    Tsv,
    /// XLIFF 1.2: one `<file>` per target language, the memory's
    /// translations as `translated` targets.
    Xliff,
}

/// Runs a `tmx` subcommand.
pub fn run(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::Validate { file } => validate(&file),
        Command::Stats { json, file } => stats(&file, json),
        Command::Merge(args) => super::merge::run(args),
        Command::Convert {
            format,
            output,
            refuse_control_chars,
            utf16,
            from,
            to,
            file,
        } => {
            let mut options = tmx::WriterOptions::new();
            if refuse_control_chars {
                options.control_chars(tmx::ControlChars::Refuse);
            }
            if utf16 {
                options.encoding(tmx::OutputEncoding::Utf16Le);
            }
            if super::xliff::is_xliff_path(&file) {
                return match format {
                    ConvertFormat::Tmx | ConvertFormat::Jsonl => {
                        let jsonl = format == ConvertFormat::Jsonl;
                        super::xliff::xliff_to_memory(&file, jsonl, output.as_deref(), options)
                            .map(|()| ExitCode::SUCCESS)
                    }
                    _ => Err(
                        UsageError("an XLIFF input converts to -f tmx or -f jsonl".into()).into(),
                    ),
                };
            }
            if format == ConvertFormat::Xliff {
                super::xliff::tmx_to_xliff(&file, from.as_deref(), &to, output.as_deref())?;
                return Ok(ExitCode::SUCCESS);
            }
            if from.is_some() || !to.is_empty() {
                return Err(UsageError("--from and --to are for -f xliff".into()).into());
            }
            convert(&file, format, output.as_deref(), options)
        }
    }
}

type AnyReader = Reader<Box<dyn BufRead>>;

/// Opens `path` (or stdin for `-`) and reads the header.
pub(super) fn open(path: &Path) -> Result<AnyReader> {
    open_raw(path)?.map_err(|e| located(path, &e))
}

/// Like [`open`], keeping a TMX error (with its position) apart from
/// failing to open the file at all.
fn open_raw(path: &Path) -> Result<Result<AnyReader, tmx::Error>> {
    Ok(Reader::from_bufread(open_bytes(path)?))
}

/// The bytes of a TMX or XLIFF input: stdin for `-`, a `.gz` file
/// decompressed (`.tmx.gz`, as `-o FILE.tmx.gz` writes it).
pub(super) fn open_bytes(path: &Path) -> Result<Box<dyn BufRead>> {
    Ok(if path == Path::new("-") {
        Box::new(BufReader::with_capacity(256 << 10, std::io::stdin()))
    } else {
        let file = std::fs::File::open(path)
            .with_context(|| format!("{}: cannot open", path.display()))?;
        let file = BufReader::with_capacity(256 << 10, file);
        if path.extension().is_some_and(|e| e == "gz") {
            let gz = flate2::read::MultiGzDecoder::new(file);
            Box::new(BufReader::with_capacity(256 << 10, gz))
        } else {
            Box::new(file)
        }
    })
}

/// Prints `FILE:LINE:COL: error: message`.
fn print_error(out: &mut impl Write, path: &Path, err: &tmx::Error) -> Result<()> {
    let name = path.display();
    match err.position() {
        Some(p) => writeln!(
            out,
            "{name}:{}:{}: error: {}",
            p.line,
            p.column,
            err.message()
        )?,
        None => writeln!(out, "{name}: error: {}", err.message())?,
    }
    Ok(())
}

/// `FILE:LINE:COL: message` for an error with a position.
pub(super) fn located(path: &Path, err: &tmx::Error) -> anyhow::Error {
    match err.position() {
        Some(p) => anyhow::anyhow!(
            "{}:{}:{}: {}",
            path.display(),
            p.line,
            p.column,
            err.message()
        ),
        None => anyhow::anyhow!("{}: {}", path.display(), err.message()),
    }
}

fn validate(path: &Path) -> Result<ExitCode> {
    let name = path.display();
    let mut out = std::io::stdout().lock();
    let mut reader = match open_raw(path)? {
        Ok(reader) => reader,
        Err(err) => {
            print_error(&mut out, path, &err)?;
            eprintln!("{name}: 0 units, 1 error(s)");
            return Ok(ExitCode::FAILURE);
        }
    };
    let print_warnings = |reader: &mut AnyReader, out: &mut std::io::StdoutLock| -> Result<()> {
        for w in reader.take_warnings() {
            writeln!(
                out,
                "{name}:{}:{}: warning: {}",
                w.position.line, w.position.column, w.kind
            )?;
        }
        Ok(())
    };
    print_warnings(&mut reader, &mut out)?;
    let srclang = reader.header().srclang.clone();
    let mut srclang_seen = srclang.is_empty() || srclang == "*all*";
    let mut tu = Tu::default();
    let mut errors = 0;
    loop {
        match reader.read_tu(&mut tu) {
            Ok(true) => {
                srclang_seen = srclang_seen || tu.tuvs.iter().any(|v| v.lang == srclang);
                print_warnings(&mut reader, &mut out)?;
            }
            Ok(false) => {
                // Warnings found after the last unit (e.g. in `</body>`).
                print_warnings(&mut reader, &mut out)?;
                break;
            }
            Err(err) => {
                print_warnings(&mut reader, &mut out)?;
                print_error(&mut out, path, &err)?;
                errors += 1;
                break;
            }
        }
    }
    if errors == 0 && !srclang_seen && reader.units_read() > 0 {
        let p = reader.header_position();
        writeln!(
            out,
            "{name}:{}:{}: warning: header srclang {srclang:?} is the language of no variant",
            p.line, p.column
        )?;
    }
    let warnings =
        reader.warning_count() + u64::from(errors == 0 && !srclang_seen && reader.units_read() > 0);
    eprintln!(
        "{name}: {} units, {errors} error(s), {warnings} warning(s)",
        reader.units_read()
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(serde::Serialize)]
struct Stats {
    tus: u64,
    tuvs: u64,
    languages: BTreeMap<String, u64>,
    version: String,
    srclang: String,
    encoding: &'static str,
    /// Variants in languages past the first [`MAX_STATS_LANGUAGES`].
    #[serde(skip_serializing_if = "is_zero")]
    other_languages: u64,
    warnings: u64,
    warnings_by_kind: BTreeMap<String, u64>,
}

/// `stats` counts at most this many distinct languages (memory stays
/// bounded on hostile files); variants in further ones are counted together.
const MAX_STATS_LANGUAGES: usize = 1000;

/// `convert -f tsv` writes one column per language: at most this many.
const MAX_TSV_LANGUAGES: usize = 256;

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn stats(path: &Path, json: bool) -> Result<ExitCode> {
    let mut reader = open(path)?;
    let mut stats = Stats {
        tus: 0,
        tuvs: 0,
        languages: BTreeMap::new(),
        version: reader.version().to_string(),
        srclang: reader.header().srclang.clone(),
        encoding: if reader.is_utf16() { "UTF-16" } else { "UTF-8" },
        other_languages: 0,
        warnings: 0,
        warnings_by_kind: BTreeMap::new(),
    };
    let mut tu = Tu::default();
    loop {
        // Only counts are needed: drop the kept warnings as they come.
        reader.take_warnings();
        if !reader.read_tu(&mut tu).map_err(|e| located(path, &e))? {
            break;
        }
        stats.tus += 1;
        stats.tuvs += tu.tuvs.len() as u64;
        for tuv in &tu.tuvs {
            let room = stats.languages.len() < MAX_STATS_LANGUAGES;
            match stats.languages.get_mut(tuv.lang.as_str()) {
                Some(n) => *n += 1,
                None if room => {
                    stats.languages.insert(tuv.lang.clone(), 1);
                }
                None => stats.other_languages += 1,
            }
        }
    }
    stats.warnings_by_kind = reader
        .warnings_by_kind()
        .map(|(kind, n)| (kind.to_string(), n))
        .collect();
    stats.warnings = reader.warning_count();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        writeln!(out, "file:      {}", path.display())?;
        writeln!(out, "version:   {} ({})", stats.version, stats.encoding)?;
        writeln!(out, "srclang:   {}", stats.srclang)?;
        writeln!(out, "units:     {}", stats.tus)?;
        writeln!(out, "variants:  {}", stats.tuvs)?;
        for (lang, n) in &stats.languages {
            writeln!(out, "  {lang:<10} {n}")?;
        }
        if stats.other_languages > 0 {
            writeln!(
                out,
                "  (variants in languages past the first {MAX_STATS_LANGUAGES}: {})",
                stats.other_languages
            )?;
        }
        writeln!(out, "warnings:  {}", stats.warnings)?;
        for (kind, n) in &stats.warnings_by_kind {
            writeln!(out, "  {kind:<24} {n}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn convert(
    path: &Path,
    format: ConvertFormat,
    output: Option<&Path>,
    options: tmx::WriterOptions,
) -> Result<ExitCode> {
    if format == ConvertFormat::Tsv && path == Path::new("-") {
        return Err(
            UsageError("tsv output reads the input twice: give a file, not stdin".into()).into(),
        );
    }
    let mut reader = open(path)?;
    let mut out = Output::create_checked(output, &[path])?;
    let mut tu = Tu::default();
    match format {
        ConvertFormat::Tmx => {
            // The profile needs a real source language: take the first
            // variant's when the header has none or `*all*`.
            let mut has_first = reader.read_tu(&mut tu).map_err(|e| located(path, &e))?;
            let first = tu.tuvs.first().map_or("en", |v| v.lang.as_str());
            let defaults = tmx::Header::new("tmalign", env!("CARGO_PKG_VERSION"), first);
            let header = reader.header().normalized(&defaults);
            let mut writer = tmx::Writer::new(&mut out, &header, options)?;
            while has_first {
                writer.write_tu(&tu).with_context(|| {
                    format!(
                        "{}: unit ending at line {}",
                        path.display(),
                        reader.position().line
                    )
                })?;
                has_first = reader.read_tu(&mut tu).map_err(|e| located(path, &e))?;
            }
            let s = writer.finish()?;
            eprintln!(
                "{}: wrote {} units; left out {} units with fewer than 2 variants and {} empty or duplicate variants; removed {} illegal characters",
                path.display(),
                s.units_written,
                s.units_dropped,
                s.variants_dropped,
                s.illegal_chars_removed
            );
        }
        ConvertFormat::Jsonl => {
            while reader.read_tu(&mut tu).map_err(|e| located(path, &e))? {
                serde_json::to_writer(&mut out, &tu)?;
                out.write_all(b"\n")?;
            }
        }
        ConvertFormat::Xliff => anyhow::bail!("xliff output is written by tmx_to_xliff"),
        ConvertFormat::Tsv => {
            let langs = languages(path, &reader.header().srclang)?;
            out.write_all(langs.join("\t").as_bytes())?;
            out.write_all(b"\n")?;
            let column: std::collections::HashMap<&str, usize> = langs
                .iter()
                .enumerate()
                .map(|(k, l)| (l.as_str(), k))
                .collect();
            let mut cells: Vec<Option<usize>> = vec![None; langs.len()];
            let mut line = String::new();
            while reader.read_tu(&mut tu).map_err(|e| located(path, &e))? {
                line.clear();
                // The first variant of each language, found in one pass.
                cells.fill(None);
                for (v, tuv) in tu.tuvs.iter().enumerate() {
                    if let Some(&k) = column.get(tuv.lang.as_str()) {
                        cells[k].get_or_insert(v);
                    }
                }
                for (k, cell) in cells.iter().enumerate() {
                    if k > 0 {
                        line.push('\t');
                    }
                    if let Some(v) = cell {
                        tmalign::export::escape_tsv_into(&mut line, &tu.tuvs[*v].seg.text());
                    }
                }
                line.push('\n');
                out.write_all(line.as_bytes())?;
            }
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// All variant languages in the file: `srclang` first, then the others sorted.
fn languages(path: &Path, srclang: &str) -> Result<Vec<String>> {
    let mut reader = open(path)?;
    let mut seen = std::collections::BTreeSet::new();
    let mut tu = Tu::default();
    while reader.read_tu(&mut tu).map_err(|e| located(path, &e))? {
        for tuv in &tu.tuvs {
            if !seen.contains(tuv.lang.as_str()) {
                if seen.len() == MAX_TSV_LANGUAGES {
                    anyhow::bail!(
                        "{}: more than {MAX_TSV_LANGUAGES} languages (one tsv column each); use -f jsonl",
                        path.display()
                    );
                }
                seen.insert(tuv.lang.clone());
            }
        }
    }
    let mut langs = Vec::with_capacity(seen.len());
    if seen.remove(srclang) {
        langs.push(srclang.to_string());
    }
    langs.extend(seen);
    Ok(langs)
}

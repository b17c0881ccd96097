//! `tmalign tm clean`: translation-memory tools over the library's `tm`
//! module.

use super::tmx::{located, open};
use crate::cli::{Output, UsageError};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::tm::{Cleaner, Rule};

/// The `tm` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Drop the units of a memory that a cleaning rule catches: empty
    /// sides, duplicates and near duplicates, untranslated copies, wrong
    /// scripts, odd length ratios, numbers, links or tags that disagree.
    Clean(CleanArgs),
    /// Look segments up in a memory: the best fuzzy matches of each, with
    /// CAT-style percentages (100 exact, 101 context match).
    Lookup(LookupArgs),
    /// Write an XLIFF of the segments with the best match of each as its
    /// target and its percentage as match quality.
    Pretranslate(PretranslateArgs),
    /// Build the index of a memory once, for `lookup` and `pretranslate`
    /// (`--tm MEMORY.tmi`): versioned and checksummed; refused when stale.
    Index(IndexArgs),
}

/// Arguments of `tm index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// The memory (`.tmx`, `.tmx.gz`).
    #[arg(value_name = "MEMORY.tmx")]
    pub memory: PathBuf,
    /// Source language.
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Target language.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// The index file (written atomically).
    #[arg(short, long, value_name = "MEMORY.tmi")]
    pub output: PathBuf,
}

/// What `lookup` and `pretranslate` share.
#[derive(Debug, clap::Args)]
pub struct MemoryArgs {
    /// The memory (`.tmx`, `.tmx.gz`), or its index from `tm index` (`.tmi`).
    #[arg(long = "tm", value_name = "MEMORY.tmx")]
    pub memory: PathBuf,
    /// The language of the segments (the memory's source side).
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// The language of the translations.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// The lowest percentage shown (1–100); translate-toolkit's default.
    #[arg(long, value_name = "PERCENT", default_value_t = 75)]
    pub min: u32,
    /// One segment per line instead of segmenting the text into sentences.
    #[arg(long)]
    pub lines: bool,
    /// The text to look up (`-` for standard input).
    #[arg(value_name = "FILE", default_value = "-")]
    pub input: PathBuf,
    /// Output file (written atomically); `-` or nothing for stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Output formats of `tm lookup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LookupFormat {
    /// `segment, rank, score, source, target, localised, numbers` per line,
    /// after a header row.
    Tsv,
    /// One JSON object per segment and line: `{"segment", "matches": [...]}`.
    Json,
}

/// Arguments of `tm lookup`.
#[derive(Debug, clap::Args)]
pub struct LookupArgs {
    #[command(flatten)]
    pub memory: MemoryArgs,
    /// Matches per segment.
    #[arg(short, default_value_t = 3)]
    pub k: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = LookupFormat::Tsv)]
    pub format: LookupFormat,
}

/// Arguments of `tm pretranslate`.
#[derive(Debug, clap::Args)]
pub struct PretranslateArgs {
    #[command(flatten)]
    pub memory: MemoryArgs,
}

/// Arguments of `tm clean`.
#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    /// The memory (`.tmx`, `.tmx.gz`).
    #[arg(value_name = "IN.tmx")]
    pub input: PathBuf,
    /// The cleaned memory (written atomically; `.gz` compresses).
    #[arg(short, long, value_name = "OUT.tmx")]
    pub output: PathBuf,
    /// The rules to apply, in any order (by default all): empty,
    /// duplicate, near-duplicate, identical, script, length-ratio, numbers,
    /// links, tags.
    #[arg(long, value_delimiter = ',', value_name = "RULE[,RULE..]")]
    pub rules: Option<Vec<String>>,
    /// Rules to leave out of the default set (or of --rules).
    #[arg(long, value_delimiter = ',', value_name = "RULE[,RULE..]")]
    pub skip: Vec<String>,
    /// Write a TSV report: per rule, whether it was on, how many units it
    /// dropped and what it catches; then the units kept and read.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Write the dropped units to this TMX, each with its rule and reason
    /// as props (`x-tmalign-clean-rule`, `x-tmalign-clean-reason`).
    #[arg(long, value_name = "FILE")]
    pub dropped: Option<PathBuf>,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs a `tm` subcommand.
pub fn run(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::Clean(args) => clean(&args),
        Command::Lookup(args) => lookup(&args),
        Command::Pretranslate(args) => pretranslate(&args),
        Command::Index(args) => build_index(&args),
    }
}

fn parse_rules(names: &[String], flag: &str) -> Result<Vec<Rule>> {
    names
        .iter()
        .map(|n| {
            Rule::from_name(n.trim()).ok_or_else(|| {
                let all: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                UsageError(format!(
                    "{flag} {n}: no such rule (the rules: {})",
                    all.join(", ")
                ))
                .into()
            })
        })
        .collect()
}

fn clean(args: &CleanArgs) -> Result<ExitCode> {
    let mut rules = match &args.rules {
        Some(names) => parse_rules(names, "--rules")?,
        None => Rule::ALL.to_vec(),
    };
    let skip = parse_rules(&args.skip, "--skip")?;
    rules.retain(|r| !skip.contains(r));
    let input = args.input.as_path();
    // Where each output goes is checked before the memory is read.
    for path in [
        Some(&args.output),
        args.dropped.as_ref(),
        args.report.as_ref(),
    ] {
        Output::check(path.map(PathBuf::as_path), &[input])?;
    }
    let mut cleaner = Cleaner::new(&rules);
    if cleaner.needs_fit() && input == Path::new("-") {
        return Err(UsageError(
            "the length-ratio rule reads the memory twice: give a file, or --skip length-ratio"
                .into(),
        )
        .into());
    }
    if cleaner.needs_fit() {
        let mut reader = open(input)?;
        let mut tu = tmx::Tu::default();
        while reader.read_tu(&mut tu).map_err(|e| located(input, &e))? {
            cleaner.observe(&tu);
        }
        cleaner.fit();
    }
    let mut reader = open(input)?;
    let outputs: Vec<&Path> = [
        Some(args.output.as_path()),
        args.dropped.as_deref(),
        args.report.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (i, a) in outputs.iter().enumerate() {
        if outputs[..i].contains(a) {
            return Err(UsageError(format!("{} is named as two outputs", a.display())).into());
        }
    }
    let mut tu = tmx::Tu::default();
    let has_first = reader.read_tu(&mut tu).map_err(|e| located(input, &e))?;
    let first = tu
        .tuvs
        .first()
        .map_or("en", |v| v.lang.as_str())
        .to_string();
    let defaults = tmx::Header::new("tmalign", env!("CARGO_PKG_VERSION"), &first);
    let header = reader.header().normalized(&defaults);
    let mut out = Output::create_checked(Some(&args.output), &[input])?;
    let mut kept = tmx::Writer::new(&mut out, &header, tmx::WriterOptions::default())?;
    let mut dropped_out = match &args.dropped {
        Some(p) => Some(Output::create_checked(Some(p), &[input])?),
        None => None,
    };
    let mut dropped = match dropped_out.as_mut() {
        Some(o) => Some(tmx::Writer::new(o, &header, tmx::WriterOptions::default())?),
        None => None,
    };
    let mut counts = vec![0u64; Rule::ALL.len()];
    let mut total = 0u64;
    let mut more = has_first;
    while more {
        total += 1;
        match cleaner.check(&tu) {
            None => kept.write_tu(&tu),
            Some(why) => {
                counts[Rule::ALL.iter().position(|r| *r == why.rule).unwrap_or(0)] += 1;
                match dropped.as_mut() {
                    Some(w) => {
                        tu.props
                            .push(tmx::Prop::new("x-tmalign-clean-rule", why.rule.name()));
                        tu.props
                            .push(tmx::Prop::new("x-tmalign-clean-reason", &why.reason));
                        w.write_tu(&tu)
                    }
                    None => Ok(()),
                }
            }
        }
        .with_context(|| format!("{}: unit {total}", input.display()))?;
        more = reader.read_tu(&mut tu).map_err(|e| located(input, &e))?;
    }
    let written = kept.finish()?;
    if let Some(w) = dropped {
        w.finish()?;
    }
    let by_rules: u64 = counts.iter().sum();
    let report = || -> String {
        let mut s = String::from("rule\tenabled\tunits\texplanation\n");
        for (rule, n) in Rule::ALL.iter().zip(&counts) {
            let on = if cleaner.is_enabled(*rule) {
                "yes"
            } else {
                "no"
            };
            s.push_str(&format!(
                "{}\t{on}\t{n}\t{}\n",
                rule.name(),
                rule.description()
            ));
        }
        s.push_str(&format!(
            "writer\tyes\t{}\tleft out by the TMX writer: fewer than two non-empty variants once trimmed\n",
            written.units_dropped
        ));
        s.push_str(&format!(
            "kept\t\t{}\tunits written to {}\n",
            written.units_written,
            args.output.display()
        ));
        s.push_str(&format!(
            "total\t\t{total}\tunits read from {}\n",
            input.display()
        ));
        s
    };
    if let Some(path) = &args.report {
        let mut r = Output::create_checked(Some(path), &[input])?;
        r.write_all(report().as_bytes())?;
        r.finish()?;
    }
    // Outputs are renamed into place only once everything was written.
    if let Some(o) = dropped_out {
        o.finish()?;
    }
    out.finish()?;
    if !args.quiet {
        eprintln!(
            "{}: {total} units read, {} kept, {by_rules} dropped by rules, {} left out by the writer",
            input.display(),
            written.units_written,
            written.units_dropped
        );
        for (rule, n) in Rule::ALL.iter().zip(&counts) {
            if *n > 0 {
                eprintln!("  {:<15} {n}", rule.name());
            }
        }
        for ((a, b), range) in cleaner.ranges() {
            eprintln!(
                "  length ratio {a}/{b} fitted on {} units: {:.2}..{:.2}",
                range.units,
                range.low.exp(),
                range.high.exp()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The memory's `from` → `to` units as an index; a clear error when the
/// memory has no unit in one of the languages.
fn load_memory(path: &Path, from: &str, to: &str) -> Result<tmalign::tm::Index> {
    if path.extension().is_some_and(|e| e == "tmi") {
        let bytes =
            std::fs::read(path).with_context(|| format!("{}: cannot open", path.display()))?;
        let (index, header) = tmalign::tm::read_index(&bytes, Some(path))?;
        tmalign::tm::check_fresh(&header, path)?;
        for (flag, want, has) in [("--from", from, &header.from), ("--to", to, &header.to)] {
            if !tmx::lang::same(want, has) {
                return Err(UsageError(format!(
                    "{flag} {want}: {} indexes {} → {}",
                    path.display(),
                    header.from,
                    header.to
                ))
                .into());
            }
        }
        return Ok(index);
    }
    let mut reader = open(path)?;
    let mut tu = tmx::Tu::default();
    let mut entries = Vec::new();
    let mut langs = std::collections::BTreeSet::new();
    let (mut has_from, mut has_to) = (false, false);
    while reader.read_tu(&mut tu).map_err(|e| located(path, &e))? {
        if langs.len() < 64 {
            langs.extend(tu.tuvs.iter().map(|v| tmx::lang::canonical(&v.lang)));
        }
        let (s, t) = (tu.variant(from), tu.variant(to));
        has_from |= s.is_some();
        has_to |= t.is_some();
        if let (Some(s), Some(t)) = (s, t) {
            entries.push(tmalign::tm::Entry {
                source: s.seg.text(),
                target: t.seg.text(),
            });
        }
    }
    let all: Vec<String> = langs.into_iter().collect();
    for (flag, lang, has) in [("--from", from, has_from), ("--to", to, has_to)] {
        if !has {
            return Err(UsageError(format!(
                "{flag} {lang}: {} has no variant in {lang} (its languages: {})",
                path.display(),
                if all.is_empty() {
                    "none, it has no units".to_string()
                } else {
                    all.join(", ")
                }
            ))
            .into());
        }
    }
    if entries.is_empty() {
        anyhow::bail!("{}: no unit holds both {from} and {to}", path.display());
    }
    Ok(tmalign::tm::Index::new(entries))
}

/// The segments to look up: lines, or sentences of the text.
fn read_segments(args: &MemoryArgs) -> Result<Vec<String>> {
    let input = super::input::read_input(&args.input, tmalign::input::EncodingChoice::Auto)?;
    let text = input.text;
    let segments: Vec<String> = if args.lines {
        text.lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        let seg = tmalign::Segmenter::new(&args.from);
        seg.split(&text)
            .map(|(_, s)| tmalign::segment::on_one_line(s).trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    Ok(segments)
}

fn check_min(args: &MemoryArgs) -> Result<()> {
    if !(1..=100).contains(&args.min) {
        return Err(
            UsageError(format!("--min must be between 1 and 100, not {}", args.min)).into(),
        );
    }
    Ok(())
}

fn lookup(args: &LookupArgs) -> Result<ExitCode> {
    let m = &args.memory;
    check_min(m)?;
    Output::check(m.output.as_deref(), &[&m.input, &m.memory])?;
    let segments = read_segments(m)?;
    let index = load_memory(&m.memory, &m.from, &m.to)?;
    let found = tmalign::tm::lookup(&index, &segments, m.min, args.k.max(1));
    let mut out = Output::create_checked(m.output.as_deref(), &[&m.input, &m.memory])?;
    match args.format {
        LookupFormat::Tsv => {
            out.write_all(b"segment\trank\tscore\tquery\tsource\ttarget\tlocalised\tnumbers\n")?;
            let mut line = String::new();
            for (i, (query, matches)) in segments.iter().zip(&found).enumerate() {
                for (rank, mt) in matches.iter().enumerate() {
                    line.clear();
                    line.push_str(&format!("{}\t{}\t{}\t", i + 1, rank + 1, mt.score));
                    for (k, cell) in [
                        query.as_str(),
                        &mt.source,
                        &mt.target,
                        mt.localised.as_deref().unwrap_or(""),
                        &mt.number_changes.join(" "),
                    ]
                    .iter()
                    .enumerate()
                    {
                        if k > 0 {
                            line.push('\t');
                        }
                        tmalign::export::escape_tsv_into(&mut line, cell);
                    }
                    line.push('\n');
                    out.write_all(line.as_bytes())?;
                }
            }
        }
        LookupFormat::Json => {
            for (query, matches) in segments.iter().zip(&found) {
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"segment": query, "matches": matches}),
                )?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.finish()?;
    let matched = found.iter().filter(|m| !m.is_empty()).count();
    eprintln!(
        "{}: {} segments, {matched} with a match of at least {}% among {} units",
        super::input::display(&m.input),
        segments.len(),
        m.min,
        index.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn pretranslate(args: &PretranslateArgs) -> Result<ExitCode> {
    use tmx::xliff::{AltTrans, State, TransUnit, XliffFile, XliffWriter};
    let m = &args.memory;
    check_min(m)?;
    Output::check(m.output.as_deref(), &[&m.input, &m.memory])?;
    let segments = read_segments(m)?;
    let index = load_memory(&m.memory, &m.from, &m.to)?;
    let found = tmalign::tm::lookup(&index, &segments, m.min, 1);
    let mut out = Output::create_checked(m.output.as_deref(), &[&m.input, &m.memory])?;
    let mut writer = XliffWriter::new(&mut out)?;
    let name = super::input::display(&m.input);
    writer.start_file(&XliffFile::new(&name, &m.from, Some(&m.to)))?;
    let (mut exact, mut fuzzy) = (0, 0);
    for (i, (query, matches)) in segments.iter().zip(&found).enumerate() {
        let mut unit = TransUnit::new(&(i + 1).to_string(), query);
        if let Some(best) = matches.first() {
            let target = best
                .localised
                .clone()
                .unwrap_or_else(|| best.target.clone());
            let is_exact = best.score >= 100;
            unit.state = Some(if is_exact {
                State::Translated
            } else {
                State::NeedsReviewTranslation
            });
            unit.state_qualifier = Some(
                if is_exact {
                    "exact-match"
                } else {
                    "fuzzy-match"
                }
                .to_string(),
            );
            unit.alt_trans.push(AltTrans {
                match_quality: Some(best.score.to_string()),
                origin: Some(m.memory.display().to_string()),
                source: Some(best.source.clone()),
                target: best.target.clone(),
            });
            unit.target = Some(target);
            if is_exact {
                exact += 1;
            } else {
                fuzzy += 1;
            }
        }
        writer.write_unit(&unit)?;
    }
    writer.finish()?;
    out.finish()?;
    eprintln!(
        "{name}: {} segments: {exact} exact or context matches, {fuzzy} fuzzy (needs-review-translation), {} without a match of at least {}%",
        segments.len(),
        segments.len() - exact - fuzzy,
        m.min
    );
    Ok(ExitCode::SUCCESS)
}

fn build_index(args: &IndexArgs) -> Result<ExitCode> {
    Output::check(Some(&args.output), &[&args.memory])?;
    let stamp = tmalign::tm::memory_stamp(&args.memory)?;
    let t = std::time::Instant::now();
    let index = load_memory(&args.memory, &args.from, &args.to)?;
    // The memory must not have changed while it was read.
    if tmalign::tm::memory_stamp(&args.memory)? != stamp {
        anyhow::bail!(
            "{}: the memory changed while it was indexed",
            args.memory.display()
        );
    }
    let header = tmalign::tm::IndexHeader {
        from: tmx::lang::canonical(&args.from),
        to: tmx::lang::canonical(&args.to),
        memory: std::path::absolute(&args.memory).unwrap_or_else(|_| args.memory.clone()),
        memory_size: stamp.0,
        memory_mtime: stamp.1,
    };
    let bytes = tmalign::tm::index_bytes(&index, &header);
    let mut out = Output::create_checked(Some(&args.output), &[&args.memory])?;
    out.write_all(&bytes)?;
    out.finish()?;
    eprintln!(
        "{}: {} units indexed in {:.2} s into {} ({} bytes, version {})",
        args.memory.display(),
        index.len(),
        t.elapsed().as_secs_f64(),
        args.output.display(),
        bytes.len(),
        tmalign::tm::INDEX_VERSION
    );
    Ok(ExitCode::SUCCESS)
}

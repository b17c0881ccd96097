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

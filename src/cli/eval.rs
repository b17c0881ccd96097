//! `tmalign eval GOLD HYP [GOLD HYP ...]`: strict and lax precision, recall
//! and F1 of hypothesis beads files against gold beads files, pooled over
//! the pairs (see `tmalign::eval::score` for the definitions).

use super::UsageError;
use anyhow::{Context, Result};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tmalign::eval::{count, read_beads, Counts, Scores};

/// Arguments of `tmalign eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pairs of beads files: gold first, then the hypothesis to score.
    #[arg(value_name = "GOLD HYP", required = true, num_args = 2..)]
    files: Vec<PathBuf>,
    /// Print JSON: the counts and scores of each pair and of the pool.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report {
    documents: Vec<DocumentReport>,
    pooled: Totals,
}

#[derive(Serialize)]
struct DocumentReport {
    gold: String,
    hyp: String,
    #[serde(flatten)]
    totals: Totals,
}

#[derive(Serialize)]
struct Totals {
    counts: Counts,
    #[serde(flatten)]
    scores: Scores,
}

impl Totals {
    fn new(counts: Counts) -> Totals {
        Totals {
            counts,
            scores: counts.scores(),
        }
    }
}

/// Runs `tmalign eval`.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.files.len() % 2 != 0 {
        return Err(UsageError(format!(
            "eval takes pairs of files, GOLD HYP [GOLD HYP ...], but {} were given",
            args.files.len()
        ))
        .into());
    }
    let mut documents = Vec::new();
    let mut pooled = Counts::default();
    let golds = args.files.iter().step_by(2);
    let hyps = args.files.iter().skip(1).step_by(2);
    for (gold_path, hyp_path) in golds.zip(hyps) {
        let gold = read_beads(gold_path)?;
        let hyp = read_beads(hyp_path)?;
        let arity = |beads: &[tmalign::eval::BeadIds]| beads.first().map(|b| b.ids.len());
        if let (Some(g), Some(h)) = (arity(&gold), arity(&hyp)) {
            if g != h {
                anyhow::bail!(
                    "{} has beads of {g} documents but {} has beads of {h}",
                    gold_path.display(),
                    hyp_path.display()
                );
            }
        }
        let counts = count(&gold, &hyp);
        pooled += counts;
        documents.push(DocumentReport {
            gold: gold_path.display().to_string(),
            hyp: hyp_path.display().to_string(),
            totals: Totals::new(counts),
        });
    }
    let report = Report {
        documents,
        pooled: Totals::new(pooled),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::to_string_pretty(&report).context("cannot serialize the report")?;
        writeln!(out, "{json}")?;
    } else {
        write_table(&mut out, &report)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    let c = report.pooled.counts;
    let s = report.pooled.scores;
    writeln!(
        out,
        "{} document(s): {} hypothesis beads, {} gold beads with sentences on both sides",
        report.documents.len(),
        c.hyp,
        c.gold
    )?;
    writeln!(out, "{:<10} {:>7} {:>7}", "", "strict", "lax")?;
    writeln!(
        out,
        "{:<10} {:>7.4} {:>7.4}",
        "precision", s.strict.precision, s.lax.precision
    )?;
    writeln!(
        out,
        "{:<10} {:>7.4} {:>7.4}",
        "recall", s.strict.recall, s.lax.recall
    )?;
    writeln!(out, "{:<10} {:>7.4} {:>7.4}", "F1", s.strict.f1, s.lax.f1)
}

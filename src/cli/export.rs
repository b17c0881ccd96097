//! `tmalign export alignment.json`: a reviewed alignment (the `align -f
//! json` format with per-bead `confirmed` / `excluded`) turned into a TMX,
//! TSV, beads or JSON, exactly as `align` would have written it; with
//! `--realign`, the stretches between confirmed beads are aligned again
//! first.

use super::align::{Format, Job, Listing, Shared};
use super::output::Staged;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::alignment_json::ReviewedAlignment;

/// Arguments of `tmalign export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The alignment, as `align -f json` writes it and the review page saves it.
    #[arg(value_name = "ALIGNMENT.json")]
    pub input: PathBuf,
    /// Output file (written atomically); `-` or nothing for stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Output format. By default, taken from `--output`'s extension
    /// (`.tsv`, `.json`, `.beads`), else TMX.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// TMX: leave out beads scoring below this (0 to 1), unless confirmed.
    #[arg(long, value_name = "X", default_value_t = tmalign::align::DEFAULT_MIN_SCORE)]
    pub min_score: f64,
    /// TMX: the header's source language. By default, the first document's.
    #[arg(long, value_name = "LANG")]
    pub srclang: Option<String>,
    /// TMX: one bilingual file per language pair, named after `--output`.
    #[arg(long, requires = "output")]
    pub pairs: bool,
    /// TMX: refuse characters that XML 1.0 forbids instead of removing them.
    #[arg(long)]
    pub refuse_control_chars: bool,
    /// TMX: write parts of at most SIZE bytes (`900M`, `1G`):
    /// `out.001.tmx`, `out.002.tmx`, …; see `align --split-size`.
    #[arg(long, value_name = "SIZE", value_parser = super::split::parse_size)]
    pub split_size: Option<u64>,
    /// Keep every confirmed bead and align each stretch between two
    /// confirmed beads again, with the model fitted to the whole documents.
    #[arg(long)]
    pub realign: bool,
    /// Word pairs that count as anchors when realigning and when scoring
    /// each pair's units (see `align --help`); give the file the alignment
    /// was made with.
    #[arg(long, value_name = "FILE")]
    pub word_pairs: Option<PathBuf>,
    /// Realigning and scoring: leave the built-in term table out, as the
    /// alignment was made with `--no-term-table`.
    #[arg(long)]
    pub no_term_table: bool,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub listing: Listing,
}

/// Runs `tmalign export`.
pub fn run(args: Args) -> Result<ExitCode> {
    let shared = Shared {
        langs: None,
        format: args.format,
        presegmented: false,
        encoding: None,
        line_breaks: super::input::LineBreaksArg::Auto,
        split_clauses: false,
        force_langs: false,
        word_pairs: args.word_pairs.clone(),
        no_term_table: args.no_term_table,
        min_score: args.min_score,
        srclang: args.srclang.clone(),
        refuse_control_chars: args.refuse_control_chars,
        split_size: args.split_size,
        quiet: args.quiet,
    };
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let mut job = Job::new(&shared, args.pairs, output)?;
    job.check_listing(&args.listing)?;
    let mut reviewed = ReviewedAlignment::from_path(&args.input)?;
    let langs: Vec<String> = reviewed
        .aligned
        .documents
        .iter()
        .map(|d| d.lang.clone())
        .collect();
    let input = std::slice::from_ref(&args.input);
    job.check_outputs(input, output, &args.listing, None, &langs)?;
    if args.realign {
        reviewed = reviewed.realigned(&job.aligner)?;
    }
    let paths: Vec<Option<&str>> = reviewed.paths.iter().map(Option::as_deref).collect();
    // The TMX files and the --rejected listings appear together, or none.
    let mut staged = Vec::new();
    let written = job.write_reviewed(
        &reviewed.aligned,
        input,
        &paths,
        &reviewed.verdicts,
        output,
        &mut staged,
    )?;
    job.report(
        &reviewed.aligned,
        input,
        &written,
        &args.listing,
        args.quiet,
        &mut staged,
    )?;
    Staged::commit_all(staged)?;
    Ok(ExitCode::SUCCESS)
}

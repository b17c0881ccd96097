//! `tmalign pipe`: JSON Lines of document sets on stdin, one result line
//! per set on stdout, in input order; the unit of work for Spark's
//! `RDD.pipe`, GNU parallel and other engines. The work is
//! [`tmalign::corpus::align_stream`].

use super::input::LineBreaksArg;
use anyhow::{Context, Result};
use std::io::Write;
use std::process::ExitCode;
use tmalign::corpus::{align_stream, CorpusOptions, StreamOptions};

/// Arguments of `tmalign pipe`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Leave out units scoring below this (0 to 1); a line's
    /// `options.min_score` wins.
    #[arg(long, value_name = "X", default_value_t = tmalign::align::DEFAULT_MIN_SCORE)]
    pub min_score: f64,
    /// Also give each language pair's beads and units; a line's
    /// `options.pairs` wins.
    #[arg(long)]
    pub pairs: bool,
    /// One sentence per line, a blank line a paragraph break; a line's
    /// `options.presegmented` wins.
    #[arg(long)]
    pub presegmented: bool,
    /// How a line break inside a paragraph is read (see `align --help`).
    #[arg(long, value_enum, default_value_t = LineBreaksArg::Auto, value_name = "MODE")]
    pub line_breaks: LineBreaksArg,
    /// Split a sentence that holds several of the other text's at its
    /// clause boundaries (see `align --help`).
    #[arg(long)]
    pub split_clauses: bool,
    /// Accept languages that the scripts of the texts contradict.
    #[arg(long)]
    pub force_langs: bool,
    /// Word pairs that count as anchors, from `batch --lexical-pass
    /// --save-word-pairs FILE` (see `align --help`).
    #[arg(long, value_name = "FILE")]
    pub word_pairs: Option<std::path::PathBuf>,
    /// Do not count the names of the built-in term table as anchors (see
    /// `align --help`).
    #[arg(long)]
    pub no_term_table: bool,
    /// Units: refuse characters that XML 1.0 forbids (the set fails)
    /// instead of removing them.
    #[arg(long)]
    pub refuse_control_chars: bool,
    /// A longer input line is answered with an error, without being held
    /// in memory.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = super::split::parse_size)]
    pub max_line_bytes: u64,
    /// Lines read, aligned in parallel and written (then flushed) at a
    /// time; memory grows with it.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub window: usize,
    /// Worker threads. By default, rayon's (RAYON_NUM_THREADS, else one per
    /// core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `tmalign pipe`; exits 1 when any line failed.
pub fn run(args: Args) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.min_score) {
        return Err(super::UsageError(format!(
            "--min-score must be between 0 and 1, not {}",
            args.min_score
        ))
        .into());
    }
    let mut corpus = CorpusOptions::new();
    corpus
        .min_score(args.min_score)
        .pairs(args.pairs)
        .presegmented(args.presegmented)
        .line_breaks(args.line_breaks.into())
        .split_clauses(args.split_clauses)
        .force_langs(args.force_langs);
    corpus.aligner(super::align::aligner(
        args.word_pairs.as_deref(),
        args.no_term_table,
    )?);
    if args.refuse_control_chars {
        let mut writer = tmx::WriterOptions::new();
        writer.control_chars(tmx::ControlChars::Refuse);
        corpus.writer(writer);
    }
    let mut options = StreamOptions::new();
    options
        .corpus(corpus)
        .max_line_bytes(usize::try_from(args.max_line_bytes).unwrap_or(usize::MAX))
        .window_lines(args.window)
        // The byte budget follows the line limit: a window holds a few
        // of the longest lines at most.
        .window_bytes(usize::try_from(args.max_line_bytes.saturating_mul(4)).unwrap_or(usize::MAX));
    let input = std::io::BufReader::with_capacity(1 << 20, std::io::stdin());
    let mut output = super::Output::create(None)?;
    let work = || align_stream(input, &mut output, &options);
    let summary = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .context("cannot start worker threads")?
            .install(work),
        None => work(),
    }?;
    output.flush()?;
    output.finish()?;
    if !args.quiet {
        eprintln!(
            "tmalign pipe: {} lines, {} failed; {} sentences, {} units",
            summary.lines, summary.failed, summary.sentences, summary.units
        );
    }
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

//! `tmalign review alignment.json -o review.html`: the review page of an
//! alignment saved with `align -f json` (or saved by a review page).

use super::output::Staged;
use crate::cli::{Output, UsageError};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::alignment_json::ReviewedAlignment;
use tmalign::review::{self, ReviewOptions};
use tmalign::AlignedTexts;

/// Arguments of `tmalign review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// An alignment in the JSON of `align -f json`, possibly reviewed.
    #[arg(value_name = "ALIGNMENT.json")]
    pub input: PathBuf,
    /// The HTML page to write (atomically); `-` or nothing for stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Beads below this are shown as left out of the TMX.
    #[arg(long, value_name = "X", default_value_t = tmalign::align::DEFAULT_MIN_SCORE)]
    pub min_score: f64,
}

/// Runs `tmalign review`.
pub fn run(args: Args) -> Result<ExitCode> {
    check_min_score(args.min_score)?;
    let reviewed = ReviewedAlignment::from_path(&args.input)?;
    let paths: Vec<Option<&str>> = reviewed.paths.iter().map(|p| p.as_deref()).collect();
    let mut options = ReviewOptions::new();
    options
        .min_score(args.min_score)
        .verdicts(reviewed.verdicts.clone());
    let output = args.output.as_deref();
    write_page(&reviewed.aligned, &paths, &options, output, &[&args.input])?.commit()?;
    Ok(ExitCode::SUCCESS)
}

/// `--min-score` must be a probability.
pub fn check_min_score(min_score: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&min_score) {
        return Err(UsageError(format!(
            "--min-score must be between 0 and 1, not {min_score}"
        ))
        .into());
    }
    Ok(())
}

/// Writes the review page of `aligned` for `output`, never over one of
/// `inputs`; it takes its place when the caller commits it, once the
/// run's other outputs are written.
pub fn write_page(
    aligned: &AlignedTexts,
    paths: &[Option<&str>],
    options: &ReviewOptions,
    output: Option<&Path>,
    inputs: &[&Path],
) -> Result<Staged> {
    let mut out = Output::create_checked(output, inputs)?;
    review::write(aligned, paths, options, &mut out).with_context(|| match output {
        Some(p) => format!("{}: cannot write the review page", p.display()),
        None => "cannot write the review page".to_string(),
    })?;
    out.finish_staged()
}

//! Command-line parsing, dispatch, exit codes and safe output files.

mod align;
mod batch;
mod eval;
mod export;
mod input;
mod output;
mod segment;
mod summary;
mod tmx;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub use output::Output;

/// Sentence segmentation, alignment and TMX translation memories.
#[derive(Debug, Parser)]
#[command(name = "tmalign", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Align two or three texts and write a TMX (or TSV, JSON, beads).
    Align(align::Args),
    /// Split a text into sentences.
    Segment(segment::Args),
    /// Align every pair of files with the same name in two or three folders.
    Batch(batch::Args),
    /// Score hypothesis beads against gold beads (precision, recall, F1).
    Eval(eval::Args),
    /// Turn a reviewed alignment (`align -f json`, edited) into a TMX,
    /// TSV or beads; `--realign` aligns again around confirmed beads.
    Export(export::Args),
    /// Validate, inspect and convert TMX files.
    #[command(subcommand)]
    Tmx(tmx::Command),
}

/// An error in how the command was called: exit status 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Parses the arguments, runs the command and maps errors to exit codes:
/// 0 ok, 1 failure, 2 usage error; a broken pipe exits quietly with 0.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Align(args) => align::run(args),
        Command::Segment(args) => segment::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Export(args) => export::run(args),
        Command::Tmx(cmd) => tmx::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let code = if err.downcast_ref::<UsageError>().is_some() {
                2
            } else {
                1
            };
            eprintln!("tmalign: {err:#}");
            ExitCode::from(code)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

//! Command-line parsing, dispatch, exit codes and safe output files.

mod align;
mod batch;
mod eval;
mod export;
mod input;
mod merge;
mod output;
mod pipe;
mod review;
mod segment;
mod signals;
mod split;
mod summary;
mod tm;
mod tmx;
mod xliff;

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
    /// Write the review page of an alignment saved with `align -f json`.
    Review(review::Args),
    /// Align document sets streamed as JSON Lines on stdin (one
    /// `{"id", "texts": {"ar": …, "en": …}}` per line), writing one result
    /// line per set on stdout in input order: the unit of work for Spark.
    Pipe(pipe::Args),
    /// Validate, inspect and convert TMX files.
    #[command(subcommand)]
    Tmx(tmx::Command),
    /// Translation-memory tools: clean a memory, look segments up in it,
    /// pretranslate a text into XLIFF.
    #[command(subcommand)]
    Tm(tm::Command),
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
        Command::Review(args) => review::run(args),
        Command::Pipe(args) => pipe::run(args),
        Command::Tmx(cmd) => tmx::run(cmd),
        Command::Tm(cmd) => tm::run(cmd),
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
            eprintln!("tmalign: {}{}", message(&err), hint(&err));
            ExitCode::from(code)
        }
    }
}

/// The error and its causes, joined by `: `; a cause whose text the
/// message already ends with is said once (the library's errors show
/// their I/O error and also give it as their source).
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// What the user can try, for errors the library reports without knowing
/// about command-line flags.
fn hint(err: &anyhow::Error) -> &'static str {
    let not_utf8 = err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<tmalign::Error>(),
            Some(tmalign::Error::Decode {
                encoding: "UTF-8",
                ..
            })
        )
    });
    if not_utf8 {
        " (is it in another encoding? try --encoding windows-1256, windows-1251, koi8-r or iso-8859-6)"
    } else {
        ""
    }
}

/// A write whose reader went away (`| head -1`). serde_json hides the I/O
/// error from `source()`, and other wrappers may too, so the outputs also
/// record it themselves.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    output::saw_broken_pipe()
        || err.chain().any(|cause| {
            cause.downcast_ref::<std::io::Error>().map(|io| io.kind()) == broken
                || cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(|e| e.io_error_kind())
                    == broken
        })
}

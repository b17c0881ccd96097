//! `tmalign tmx validate|stats|convert` (PLACEHOLDER).

use std::process::ExitCode;

/// The `tmx` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Check a TMX file and print each problem with its line and column.
    Validate {},
}

/// Runs a `tmx` subcommand.
pub fn run(_cmd: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}

//! `tmalign align` (PLACEHOLDER).

use std::process::ExitCode;

/// Arguments of `tmalign align`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tmalign align`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}

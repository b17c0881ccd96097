//! `tmalign eval` (PLACEHOLDER).

use std::process::ExitCode;

/// Arguments of `tmalign eval`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tmalign eval`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}

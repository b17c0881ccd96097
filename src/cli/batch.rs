//! `tmalign batch` (PLACEHOLDER).

use std::process::ExitCode;

/// Arguments of `tmalign batch`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tmalign batch`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}

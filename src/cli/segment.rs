//! `tmalign segment` (PLACEHOLDER).

use std::process::ExitCode;

/// Arguments of `tmalign segment`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `tmalign segment`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}

//! `notes`: the presenter's speaker notes in a second terminal.

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the current notes and exit instead of following
    #[arg(long)]
    pub once: bool,
}

pub fn run(args: &Args) -> Result<()> {
    crate::classroom::notes::run(args.once)
}

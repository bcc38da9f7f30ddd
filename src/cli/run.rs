//! `run`: a script of commands executed headless, the transcript printed.

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The script, or - to read standard input
    pub file: String,
    /// Print one JSON object per executed line instead of the transcript
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> Result<()> {
    crate::plain::run(&args.file, args.json)
}

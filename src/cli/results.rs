//! `results`: a class's quiz attempts as tables or as CSV.

use std::path::PathBuf;

use anyhow::Result;

use crate::launch::Options;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The results file the class's attempts were appended to
    pub file: PathBuf,
    /// One row per learner and question, as CSV, for a spreadsheet or a learning platform
    #[arg(long)]
    pub csv: bool,
}

pub fn run(args: &Args, options: &Options) -> Result<()> {
    crate::classroom::results::report(&args.file, options.quizzes, args.csv)
}

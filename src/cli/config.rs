//! `config`: where the config file is and what is in force, or the documented example.

use anyhow::Result;

use crate::launch::Options;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the documented example config instead (the built-in defaults)
    #[arg(long)]
    pub example: bool,
}

pub fn run(args: &Args, options: &Options) -> Result<()> {
    crate::config::print(args.example, options.theme)
}

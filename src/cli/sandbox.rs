//! `sandbox`: the learner's own commands against a library, every panel answering.

use anyhow::Result;

use crate::launch::{self, Options};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Start from the library as this lesson leaves it (by id)
    #[arg(long, value_name = "LESSON")]
    pub from: Option<String>,
}

pub fn run(args: &Args, options: &Options) -> Result<()> {
    launch::open(options, |content, _| {
        crate::tui::sandbox::start(content, args.from.as_deref())
    })
}

//! `progress`: what the learner has done, or all of it cleared.

use anyhow::Result;

use crate::launch::{self, Options};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Clear all saved progress (asks first; the old file is kept aside)
    #[arg(long)]
    pub reset: bool,
    /// With --reset: clear without asking (needed when there is no terminal to ask in)
    #[arg(long, requires = "reset")]
    pub yes: bool,
}

pub fn run(args: &Args, options: &Options) -> Result<()> {
    if args.reset {
        return crate::plain::progress::reset(args.yes);
    }
    crate::plain::progress::show(&launch::content(options)?)
}

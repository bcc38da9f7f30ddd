//! `check`: every lesson and quiz validated, each problem placed at `file:line:col`.

use anyhow::Result;

use crate::launch::Options;

/// `check` takes only the global `--content` and `--quizzes`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_: &Args, options: &Options) -> Result<()> {
    crate::plain::check(options.content, options.quizzes)
}

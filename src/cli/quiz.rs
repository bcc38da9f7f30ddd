//! `quiz`: a quiz on the screen (or the picker), or as plain lines read from standard input.

use std::path::PathBuf;

use anyhow::Result;

use crate::launch::{self, Options};
use crate::plain;
use crate::tui;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The quiz's id, as `quiz --plain` lists them
    pub id: Option<String>,
    /// Plain text: answers read from standard input, one line per question
    #[arg(long)]
    pub plain: bool,
    /// Shuffle the choices with this seed: the same seed gives the same order
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// The learner's name, for a class results file (with --plain)
    #[arg(long, value_name = "NAME", requires = "plain")]
    pub name: Option<String>,
    /// Append the attempt to this class results file (with --plain and a name)
    #[arg(long, value_name = "FILE", requires = "plain")]
    pub results: Option<PathBuf>,
}

pub fn run(args: &Args, options: &Options) -> Result<()> {
    if args.plain {
        let (seed, class) =
            plain::quiz::with_defaults(args.seed, args.name.clone(), args.results.clone())?;
        let class = class
            .as_ref()
            .map(|(name, results)| plain::quiz::Class { name, results });
        return plain::quiz::quiz(options, args.id.as_deref(), seed, class);
    }
    let loaded = crate::config::load()?;
    // --seed beats the config's seed, as in the plain mode.
    let seed = args.seed.or(loaded.config.defaults.seed);
    launch::open(options, |content, _| {
        tui::quiz::first_screen(content, args.id.as_deref(), seed)
    })
}

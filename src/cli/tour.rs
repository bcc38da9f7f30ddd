//! `tour`: the guided tour in the app (or presented to a room), printed as plain text, or
//! printed as a Markdown or HTML handout.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use crate::UsageError;
use crate::launch::{self, Options};
use crate::plain;
use crate::tui::tour::{self, present::Presenter};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Start at this lesson, by id (see `tour --plain` or the outline)
    #[arg(long, value_name = "ID")]
    pub lesson: Option<String>,
    /// Start at this step of the lesson, counted from 1
    #[arg(long, value_name = "N", requires = "lesson")]
    pub step: Option<usize>,
    /// Print the tour as plain text (no terminal needed) instead of opening the app
    #[arg(long)]
    pub plain: bool,
    /// Print the tour as a Markdown handout: each prediction asked before its answer, what
    /// each step changed, an answer key at the end
    #[arg(long, conflicts_with_all = ["plain", "step"])]
    pub markdown: bool,
    /// Print the handout as one self-contained HTML page, ready to print from a browser
    #[arg(long, conflicts_with_all = ["plain", "step", "markdown"])]
    pub html: bool,
    /// With --markdown or --html: write the answer key to this file instead of the end
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// With --markdown or --html: add every step's speaker notes (the teacher's copy)
    #[arg(long)]
    pub teacher: bool,
    /// With --plain, --markdown or --html: the whole model after each step, not what changed
    #[arg(long)]
    pub full: bool,
    /// Present to a room: big titles, the narration beside one zoomed panel (z cycles,
    /// b blanks the screen), challenges run their solution on a key
    #[arg(long, conflicts_with_all = ["plain", "markdown"])]
    pub present: bool,
    /// With --present: advance every SECS seconds on its own (0 waits for a key)
    #[arg(long, value_name = "SECS", requires = "present")]
    pub autoplay: Option<u32>,
    /// With --present and autoplay: leave predictions and challenges to the room for SECS
    /// seconds (without it they wait for →)
    #[arg(long, value_name = "SECS", requires = "present")]
    pub autoplay_questions: Option<u32>,
    /// With --present: start over after the last lesson (a kiosk or a lab screen)
    #[arg(long = "loop", requires = "present")]
    pub looping: bool,
    /// Show each prediction's choices in the order this seed gives (default: the config's
    /// seed, else one fixed order)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

pub fn run(args: &Args, options: Options) -> Result<()> {
    let options = Options {
        seed: args.seed,
        ..options
    };
    if args.markdown || args.html {
        return handout(args, &options);
    }
    if args.answers.is_some() || args.teacher || (args.full && !args.plain) {
        return Err(UsageError(
            "--answers, --teacher and --full shape a printed tour: `tour --markdown`, `tour --html` (or `tour --plain --full`)".into(),
        )
        .into());
    }
    if args.plain {
        let content = launch::content(&options)?;
        let selection = plain::tour::Selection {
            lesson: args.lesson.as_deref(),
            step: args.step,
            full: args.full,
        };
        return plain::tour::print(&content, selection);
    }
    let presenter = if args.present {
        Some(presenter(args)?)
    } else {
        None
    };
    launch::open(&options, |content, progress| {
        tour::start(
            content,
            progress,
            args.lesson.as_deref(),
            args.step,
            presenter,
        )
    })
}

/// `--markdown` or `--html`: the handout, with its answer key where `--answers` puts it.
fn handout(args: &Args, options: &Options) -> Result<()> {
    let content = launch::content(options)?;
    let handout = plain::markdown::Handout {
        lesson: args.lesson.as_deref(),
        full: args.full,
        teacher: args.teacher,
        // `print` decides, from whether the key has a file of its own.
        separate_key: false,
    };
    let format = if args.html {
        plain::markdown::Format::Html
    } else {
        plain::markdown::Format::Markdown
    };
    plain::markdown::print(&content, handout, format, args.answers.as_deref())
}

/// The presenter `--present` asks for, its autoplay from the options or the config.
fn presenter(args: &Args) -> Result<Presenter> {
    let loaded = crate::config::load()?;
    // --autoplay beats the config's default; 0 means wait for a key.
    let seconds = args.autoplay.unwrap_or(loaded.config.defaults.autoplay);
    let every = (seconds > 0).then(|| Duration::from_secs(seconds.into()));
    // Questions wait for the room unless given a dwell of their own.
    let questions = args
        .autoplay_questions
        .filter(|&s| s > 0)
        .map(|s| Duration::from_secs(s.into()));
    Ok(Presenter::new(every, args.looping).questions(questions))
}

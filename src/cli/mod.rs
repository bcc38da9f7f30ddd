//! The command line, as clap parses it, and the dispatch to each subcommand's `run`. Each
//! subcommand has a module of its own holding its `Args` and the one `run` that serves them;
//! validation beyond the shape of the arguments happens there.

use std::path::PathBuf;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::UsageError;
use crate::launch::Options;
use crate::tui::theme::ThemeName;

pub(crate) mod check;
pub(crate) mod config;
pub(crate) mod notes;
pub(crate) mod progress;
pub(crate) mod quiz;
pub(crate) mod results;
pub(crate) mod run;
pub(crate) mod sandbox;
pub(crate) mod simulate;
pub(crate) mod tour;

pub use simulate::{Args as SimulateArgs, Checkpoint};

#[derive(Debug, Parser)]
#[command(
    name = "cqrs-catalog",
    version,
    about = "Learn CQRS by watching and driving a library's back office, event log and card catalogs",
    after_help = "With no subcommand, opens the app at the home screen and resumes saved progress."
)]
pub struct Cli {
    /// Load lessons from this folder instead of the embedded ones
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Load quizzes from this folder instead of the embedded ones
    #[arg(long, global = true, value_name = "DIR")]
    pub quizzes: Option<PathBuf>,

    /// Colors (NO_COLOR, when set, always means mono)
    #[arg(long, global = true, value_name = "NAME", value_enum)]
    pub theme: Option<ThemeName>,

    /// Capture the mouse: click choices and outline steps, scroll panels with the wheel
    /// (off by default: capture stops the terminal from selecting text)
    #[arg(long, global = true)]
    pub mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand, strum::EnumDiscriminants)]
#[strum_discriminants(name(Name), derive(strum::IntoStaticStr, strum::EnumIter))]
#[strum_discriminants(strum(serialize_all = "kebab-case"))]
pub enum Command {
    /// Take the guided tour (resumes where you left off)
    Tour(tour::Args),
    /// Type your own commands into a library and watch every panel answer
    Sandbox(sandbox::Args),
    /// Show your progress: tour position, lessons completed, challenges solved, quiz scores
    Progress(progress::Args),
    /// Validate every lesson and quiz; print each problem as file:line:col: message
    Check(check::Args),
    /// Take a quiz (without an id: pick one; with --plain: list them)
    Quiz(quiz::Args),
    /// Print where the config file is and the configuration in force, as TOML
    Config(config::Args),
    /// Show the speaker notes of the step the presenter is on, and follow as it moves
    Notes(notes::Args),
    /// Print a class's quiz results: a table per learner and per question (checked against
    /// the quizzes, or those of --quizzes)
    Results(results::Args),
    /// Execute a script of commands headless and print the transcript
    Run(run::Args),
    /// Run generated traffic through the model: live on a screen in a terminal; with --json or
    /// --plain (or without a terminal), lag and stale reads printed each second
    Simulate(simulate::Args),
}

/// The options every subcommand accepts, as `--long` names.
const GLOBAL_OPTIONS: [&str; 4] = ["--content", "--quizzes", "--theme", "--mouse"];

impl Name {
    /// Which of the global options this subcommand uses. `run` executes a script against an
    /// empty library, so it reads no lessons, quizzes or looks.
    pub fn global_options(self) -> &'static [&'static str] {
        match self {
            Name::Tour | Name::Quiz => &GLOBAL_OPTIONS,
            Name::Sandbox => &["--content", "--theme", "--mouse"],
            Name::Progress | Name::Check => &["--content", "--quizzes"],
            Name::Config => &["--theme"],
            Name::Results => &["--quizzes"],
            Name::Simulate => &["--theme", "--mouse"],
            Name::Notes | Name::Run => &[],
        }
    }

    pub fn word(self) -> &'static str {
        self.into()
    }
}

/// The command line's parser: clap's, with each global option a subcommand has no use for
/// left out of that subcommand's `--help` (it is still parsed, to be refused by name).
pub fn command() -> clap::Command {
    let top = Cli::command();
    let globals: Vec<clap::Arg> = top
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    top.mut_subcommands(|mut sub| {
        let Some(name) =
            <Name as strum::IntoEnumIterator>::iter().find(|n| n.word() == sub.get_name())
        else {
            return sub;
        };
        for arg in &globals {
            let long = format!("--{}", arg.get_long().unwrap_or_default());
            if !name.global_options().contains(&long.as_str()) {
                // Propagation skips an argument the subcommand already has.
                sub = sub.arg(arg.clone().hide(true));
            }
        }
        sub
    })
}

/// Parses the process's arguments, exiting as clap does on a usage error or `--help`.
pub fn parse() -> Cli {
    Cli::from_arg_matches(&command().get_matches()).unwrap_or_else(|e| e.exit())
}

impl Cli {
    /// What the command line says about content and looks.
    fn options(&self) -> Options<'_> {
        Options {
            content: self.content.as_deref(),
            quizzes: self.quizzes.as_deref(),
            theme: self.theme,
            mouse: self.mouse,
            seed: None,
        }
    }

    /// Runs the subcommand, or opens the app at home without one.
    pub fn run(&self) -> Result<()> {
        if let Some(message) = self.inapplicable() {
            return Err(UsageError(message).into());
        }
        let options = self.options();
        let Some(command) = &self.command else {
            return crate::launch::open(&options, |_, _| {
                Ok(Box::new(crate::tui::home::Home::new()))
            });
        };
        match command {
            Command::Tour(args) => tour::run(args, options),
            Command::Sandbox(args) => sandbox::run(args, &options),
            Command::Progress(args) => progress::run(args, &options),
            Command::Check(args) => check::run(args, &options),
            Command::Quiz(args) => quiz::run(args, &options),
            Command::Config(args) => config::run(args, &options),
            Command::Notes(args) => notes::run(args),
            Command::Results(args) => results::run(args, &options),
            Command::Run(args) => run::run(args),
            Command::Simulate(args) => simulate::run(args, &options),
        }
    }

    /// The global options given that the subcommand has no use for, as a usage error: an
    /// option silently ignored (`run --content DIR`) would let the user believe it acted.
    fn inapplicable(&self) -> Option<String> {
        let given = [
            self.content.is_some(),
            self.quizzes.is_some(),
            self.theme.is_some(),
            self.mouse,
        ];
        let name = Name::from(self.command.as_ref()?);
        let applies = name.global_options();
        let unused: Vec<&str> = GLOBAL_OPTIONS
            .iter()
            .zip(given)
            .filter(|(option, set)| *set && !applies.contains(option))
            .map(|(option, _)| *option)
            .collect();
        if unused.is_empty() {
            return None;
        }
        let takes = if applies.is_empty() {
            "it takes none of --content, --quizzes, --theme and --mouse".to_string()
        } else {
            format!(
                "of --content, --quizzes, --theme and --mouse it takes only {}",
                applies.join(", ")
            )
        };
        Some(format!(
            "`{}` has no use for {} ({takes})",
            name.word(),
            unused.join(", ")
        ))
    }
}

//! The command line, as clap parses it. Validation beyond the shape of the arguments happens
//! where each subcommand runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::tui::theme::ThemeName;

fn parse_theme(word: &str) -> Result<ThemeName, String> {
    ThemeName::parse(word).ok_or_else(|| format!("expected one of {}", ThemeName::WORDS.join(", ")))
}

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

    /// Colors: dark, light, high-contrast or mono (NO_COLOR, when set, always means mono)
    #[arg(long, global = true, value_name = "NAME", value_parser = parse_theme)]
    pub theme: Option<ThemeName>,

    /// Capture the mouse: click choices and outline steps, scroll panels with the wheel
    /// (off by default: capture stops the terminal from selecting text)
    #[arg(long, global = true)]
    pub mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The global options given that the subcommand has no use for, as a usage error: an
    /// option silently ignored (`run --content DIR`) would let the user believe it acted.
    pub fn inapplicable(&self) -> Option<String> {
        let given = [
            ("--content", self.content.is_some()),
            ("--quizzes", self.quizzes.is_some()),
            ("--theme", self.theme.is_some()),
            ("--mouse", self.mouse),
        ];
        let (name, applies) = match &self.command {
            None => return None,
            Some(command) => (command.name(), command.global_options()),
        };
        let unused: Vec<&str> = given
            .iter()
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
            "`{name}` has no use for {} ({takes})",
            unused.join(", ")
        ))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the guided tour (resumes where you left off)
    Tour {
        /// Start at this lesson, by id (see `tour --plain` or the outline)
        #[arg(long, value_name = "ID")]
        lesson: Option<String>,
        /// Start at this step of the lesson, counted from 1
        #[arg(long, value_name = "N", requires = "lesson")]
        step: Option<usize>,
        /// Print the tour as plain text (no terminal needed) instead of opening the app
        #[arg(long)]
        plain: bool,
        /// Print the tour as a Markdown handout: each prediction asked before its answer, what
        /// each step changed, an answer key at the end
        #[arg(long, conflicts_with_all = ["plain", "step"])]
        markdown: bool,
        /// Print the handout as one self-contained HTML page, ready to print from a browser
        #[arg(long, conflicts_with_all = ["plain", "step", "markdown"])]
        html: bool,
        /// With --markdown or --html: write the answer key to this file instead of the end
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// With --markdown or --html: add every step's speaker notes (the teacher's copy)
        #[arg(long)]
        teacher: bool,
        /// With --plain, --markdown or --html: the whole model after each step, not what changed
        #[arg(long)]
        full: bool,
        /// Present to a room: big titles, the narration beside one zoomed panel (z cycles,
        /// b blanks the screen), challenges run their solution on a key
        #[arg(long, conflicts_with_all = ["plain", "markdown"])]
        present: bool,
        /// With --present: advance every SECS seconds on its own (0 waits for a key)
        #[arg(long, value_name = "SECS", requires = "present")]
        autoplay: Option<u32>,
        /// With --present and autoplay: leave predictions and challenges to the room for SECS
        /// seconds (without it they wait for →)
        #[arg(long, value_name = "SECS", requires = "present")]
        autoplay_questions: Option<u32>,
        /// With --present: start over after the last lesson (a kiosk or a lab screen)
        #[arg(long = "loop", requires = "present")]
        looping: bool,
        /// Show each prediction's choices in the order this seed gives (default: the config's
        /// seed, else one fixed order)
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
    },
    /// Type your own commands into a library and watch every panel answer
    Sandbox {
        /// Start from the library as this lesson leaves it (by id)
        #[arg(long, value_name = "LESSON")]
        from: Option<String>,
    },
    /// Show your progress: tour position, lessons completed, challenges solved, quiz scores
    Progress {
        /// Clear all saved progress (asks first; the old file is kept aside)
        #[arg(long)]
        reset: bool,
        /// With --reset: clear without asking (needed when there is no terminal to ask in)
        #[arg(long, requires = "reset")]
        yes: bool,
    },
    /// Validate every lesson and quiz; print each problem as file:line:col: message
    Check,
    /// Take a quiz (without an id: pick one; with --plain: list them)
    Quiz {
        /// The quiz's id, as `quiz --plain` lists them
        id: Option<String>,
        /// Plain text: answers read from standard input, one line per question
        #[arg(long)]
        plain: bool,
        /// Shuffle the choices with this seed: the same seed gives the same order
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// The learner's name, for a class results file (with --plain)
        #[arg(long, value_name = "NAME", requires = "plain")]
        name: Option<String>,
        /// Append the attempt to this class results file (with --plain and a name)
        #[arg(long, value_name = "FILE", requires = "plain")]
        results: Option<std::path::PathBuf>,
    },
    /// Print where the config file is and the configuration in force, as TOML
    Config {
        /// Print the documented example config instead (the built-in defaults)
        #[arg(long)]
        example: bool,
    },
    /// Show the speaker notes of the step the presenter is on, and follow as it moves
    Notes {
        /// Print the current notes and exit instead of following
        #[arg(long)]
        once: bool,
    },
    /// Print a class's quiz results: a table per learner and per question (checked against
    /// the quizzes, or those of --quizzes)
    Results {
        /// The results file the class's attempts were appended to
        file: PathBuf,
        /// One row per learner and question, as CSV, for a spreadsheet or a learning platform
        #[arg(long)]
        csv: bool,
    },
    /// Execute a script of commands headless and print the transcript
    Run {
        /// The script, or - to read standard input
        file: String,
        /// Print one JSON object per executed line instead of the transcript
        #[arg(long)]
        json: bool,
    },
    /// Run generated traffic through the model: live on a screen in a terminal; with --json or
    /// --plain (or without a terminal), lag and stale reads printed each second
    Simulate(SimulateArgs),
}

/// `simulate`'s options: a preset, and any of its values changed.
#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// Start from this preset: azure, booking, ecommerce or twitter
    #[arg(long, value_name = "NAME", default_value = crate::sim::DEFAULT_PRESET)]
    pub preset: String,
    /// Commands sent to the back office each second
    #[arg(long, value_name = "N")]
    pub writes: Option<u64>,
    /// Lookups in the catalogs each second
    #[arg(long, value_name = "N")]
    pub reads: Option<u64>,
    /// Events each catalog's projector can file each second
    #[arg(long, value_name = "N")]
    pub capacity: Option<u64>,
    /// Milliseconds before an event reaches each catalog (with --spread: the fastest one)
    #[arg(long, value_name = "MS")]
    pub delay: Option<u64>,
    /// Spread the catalogs' delays from --delay up to this many ms more (the presets do;
    /// --delay alone sets every catalog's delay)
    #[arg(long, value_name = "MS")]
    pub spread: Option<u64>,
    /// Percent of the events each catalog is delivered twice (redeliver)
    #[arg(long, value_name = "PCT")]
    pub duplicates: Option<u32>,
    /// Each projector crashes on this period and restarts from its saved checkpoint (crash)
    #[arg(long, value_name = "MS")]
    pub crash_every: Option<u64>,
    /// Where projectors save their checkpoint: with the cards, or in a step apart
    #[arg(long, value_name = "WHERE", value_parser = ["with-view", "apart"])]
    pub checkpoint: Option<String>,
    /// Simulated seconds to run
    #[arg(long, value_name = "N")]
    pub seconds: Option<u64>,
    /// Seed of the generated traffic: the same seed, the same run
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Print one JSON object per simulated second, then a summary object
    #[arg(long)]
    pub json: bool,
    /// Print a table per simulated second even in a terminal (elsewhere it always does)
    #[arg(long)]
    pub plain: bool,
}

impl Command {
    /// The subcommand's name on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Tour { .. } => "tour",
            Command::Sandbox { .. } => "sandbox",
            Command::Progress { .. } => "progress",
            Command::Check => "check",
            Command::Quiz { .. } => "quiz",
            Command::Config { .. } => "config",
            Command::Notes { .. } => "notes",
            Command::Results { .. } => "results",
            Command::Run { .. } => "run",
            Command::Simulate(_) => "simulate",
        }
    }

    /// Which of the options every subcommand accepts this one uses. `run` executes a script
    /// against an empty library, so it reads no lessons, quizzes or looks.
    pub fn global_options(&self) -> &'static [&'static str] {
        const ALL: &[&str] = &["--content", "--quizzes", "--theme", "--mouse"];
        match self {
            Command::Tour { .. } | Command::Quiz { .. } => ALL,
            Command::Sandbox { .. } => &["--content", "--theme", "--mouse"],
            Command::Progress { .. } => &["--content", "--quizzes"],
            Command::Check => &["--content", "--quizzes"],
            Command::Config { .. } => &["--theme"],
            Command::Results { .. } => &["--quizzes"],
            Command::Simulate(_) => &["--theme", "--mouse"],
            Command::Notes { .. } | Command::Run { .. } => &[],
        }
    }
}

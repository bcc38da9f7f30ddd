//! The command line, as clap parses it. Validation beyond the shape of the arguments happens
//! where each subcommand runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every lesson and quiz; print each problem as file:line:col: message
    Check,
    /// Execute a script of commands headless and print the transcript
    Run {
        /// The script, or - to read standard input
        file: String,
        /// Print one JSON object per executed line instead of the transcript
        #[arg(long)]
        json: bool,
    },
    /// Run generated traffic through the model headless; print lag and stale reads each second
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
    /// Milliseconds before an event reaches the fastest catalog
    #[arg(long, value_name = "MS")]
    pub delay: Option<u64>,
    /// The other catalogs' delays spread up to this many ms more
    #[arg(long, value_name = "MS")]
    pub spread: Option<u64>,
    /// Simulated seconds to run
    #[arg(long, value_name = "N")]
    pub seconds: Option<u64>,
    /// Seed of the generated traffic: the same seed, the same run
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Print one JSON object per simulated second, then a summary object
    #[arg(long)]
    pub json: bool,
}

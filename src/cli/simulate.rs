//! `simulate`: generated traffic through the model, live on a screen or printed each second.

use std::io::IsTerminal;

use anyhow::Result;

use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::UsageError;
use crate::launch::{self, Options};
use crate::model::OfficeMode;
use crate::sim;

/// `simulate`'s options: a preset, and any of its values changed.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Start from this preset: azure, booking, ecommerce or twitter
    // A string checked after parsing, not a `ValueEnum`: clap's refusal spans lines and
    // drops the nearest name, where this one says it in one line.
    #[arg(long, value_name = "NAME", default_value = sim::DEFAULT_PRESET)]
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
    #[arg(long, value_name = "WHERE", value_parser = checkpoint_parser())]
    pub checkpoint: Option<Checkpoint>,
    /// Percent of the events each catalog cannot file: retried, then parked (poison)
    #[arg(long, value_name = "PCT")]
    pub poison: Option<u32>,
    /// How the back office keeps its records: the log, or tables with a dual write or an outbox
    #[arg(long, value_name = "MODE", value_parser = office_parser())]
    pub office: Option<OfficeMode>,
    /// The back office crashes after a commit, before publishing, on this period (crash office)
    #[arg(long, value_name = "MS")]
    pub office_crash_every: Option<u64>,
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

pub fn run(args: &Args, options: &Options) -> Result<()> {
    if args.json || args.plain || !std::io::stdout().is_terminal() {
        return sim::report::simulate(args);
    }
    launch::open(options, |_, _| {
        let params =
            sim::report::params_from(args).map_err(|e| UsageError(format!("simulate: {e}")))?;
        let screen = crate::tui::simulate::Simulate::new(params)
            .map_err(|e| UsageError(format!("simulate: {e}")))?;
        Ok(Box::new(screen))
    })
}

/// Where `--checkpoint` says the projectors save their checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkpoint {
    WithView,
    Apart,
}

/// `--checkpoint with-view|apart`, listed by clap when another word is given.
fn checkpoint_parser() -> impl TypedValueParser<Value = Checkpoint> {
    PossibleValuesParser::new(["with-view", "apart"]).map(|word| match word.as_str() {
        "apart" => Checkpoint::Apart,
        _ => Checkpoint::WithView,
    })
}

/// `--office`, by the words the model gives its modes.
fn office_parser() -> impl TypedValueParser<Value = OfficeMode> {
    PossibleValuesParser::new(OfficeMode::ALL.map(OfficeMode::word))
        .map(|word| OfficeMode::from_word(&word).expect("one of the modes' own words"))
}

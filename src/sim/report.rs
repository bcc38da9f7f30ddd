//! `simulate` headless: a run printed second by second, as a table or as JSON lines, then its
//! summary. Plain text with no escape codes, so it works in pipes, scripts and tests.

use crate::sim::ParamError;
use std::io::{self, BufWriter, Write};

use anyhow::Result;
use serde_json::{Value, json};

use super::presets::lookup;
use super::{Faults, Params, Sample, Simulation, Summary};
use crate::UsageError;
use crate::cli::{Checkpoint, SimulateArgs};
use crate::model::OfficeMode;

/// The preset named, with the options given on the command line in place of its values.
pub fn params_from(args: &SimulateArgs) -> Result<Params, ParamError> {
    let mut params = lookup(&args.preset)?.params();
    let overrides = [
        (args.writes, &mut params.writes_per_sec),
        (args.reads, &mut params.reads_per_sec),
        (args.capacity, &mut params.capacity),
        (args.delay, &mut params.delay_ms),
        (args.spread, &mut params.spread_ms),
        (args.seconds, &mut params.seconds),
        (args.seed, &mut params.seed),
    ];
    for (given, value) in overrides {
        if let Some(given) = given {
            *value = given;
        }
    }
    // `--delay` alone is every catalog's delay; the preset's spread applies only to its own.
    if args.delay.is_some() && args.spread.is_none() {
        params.spread_ms = 0;
    }
    let faults = &mut params.faults;
    faults.duplicates = args.duplicates.unwrap_or(faults.duplicates);
    faults.crash_every_ms = args.crash_every.unwrap_or(faults.crash_every_ms);
    faults.poison = args.poison.unwrap_or(faults.poison);
    faults.office = args.office.unwrap_or(faults.office);
    faults.office_crash_every_ms = args
        .office_crash_every
        .unwrap_or(faults.office_crash_every_ms);
    if let Some(place) = args.checkpoint {
        faults.checkpoint_apart = place == Checkpoint::Apart;
    }
    params.validate()?;
    Ok(params)
}

/// `simulate`: runs the simulation and prints each second as it is simulated.
pub fn simulate(args: &SimulateArgs) -> Result<()> {
    let params = params_from(args).map_err(|e| UsageError(format!("simulate: {e}")))?;
    let mut sim = Simulation::new(params).map_err(|e| UsageError(format!("simulate: {e}")))?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = write_run(&mut out, &mut sim, args.json).and_then(|()| out.flush());
    // The process ends here: the operating system reclaims the library faster than freeing
    // it card by card would.
    std::mem::forget(sim);
    match written {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn write_run(out: &mut impl Write, sim: &mut Simulation, json: bool) -> io::Result<()> {
    if !json {
        for line in heading(sim.params()) {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "{}", table_header(sim.params()))?;
    }
    let faults = sim.params().faults.any();
    while !sim.is_done() {
        let sample = sim.step_second();
        if json {
            writeln!(out, "{}", sample_json(sample))?;
        } else {
            writeln!(out, "{}", table_row(sample, faults))?;
        }
    }
    let summary = sim.summary();
    if json {
        writeln!(out, "{}", summary_json(&summary))?;
    } else {
        for line in summary_lines(&summary, sim.library().projectors().len()) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// What is being simulated, in two lines.
pub fn heading(params: &Params) -> Vec<String> {
    let about = super::preset(params.preset).map_or("", |p| p.about);
    let delay = if params.spread_ms == 0 {
        format!("every catalog's delay {} ms", params.delay_ms)
    } else {
        format!(
            "delays spread {}-{} ms (the shelf slowest)",
            params.delay_ms,
            params.delay_ms + params.spread_ms
        )
    };
    let mut lines = vec![
        format!(
            "simulate {}: {} writes/s, {} reads/s, each catalog files {} events/s, {delay}, {} s, \
             seed {}",
            params.preset,
            params.writes_per_sec,
            params.reads_per_sec,
            params.capacity,
            params.seconds,
            params.seed
        ),
        about.to_string(),
    ];
    if params.faults.any() {
        lines.push(faults_line(&params.faults));
    }
    lines
}

/// The faults a run injects, in one line.
pub fn faults_line(f: &Faults) -> String {
    let mut parts = Vec::new();
    if f.duplicates > 0 {
        parts.push(format!("{}% of deliveries come twice", f.duplicates));
    }
    if f.crash_every_ms > 0 {
        parts.push(format!(
            "each projector crashes every {} ms",
            f.crash_every_ms
        ));
    }
    if f.poison > 0 {
        parts.push(format!(
            "each catalog cannot file {}% of the events",
            f.poison
        ));
    }
    if f.office_crash_every_ms > 0 {
        parts.push(format!(
            "the back office crashes after a commit every {} ms",
            f.office_crash_every_ms
        ));
    }
    let place = if f.checkpoint_apart {
        "apart from the cards"
    } else {
        "with the cards"
    };
    format!(
        "faults: {}; checkpoints saved {place}; the back office {}",
        parts.join(", "),
        office_words(f.office)
    )
}

/// The table's columns: the faults' before the worst catalog, whose name has no set width.
pub fn table_header(params: &Params) -> String {
    let mut line = format!(
        "{:>5} {:>7} {:>9} {:>9} {:>8} {:>7} {:>8} {:>8}",
        "t", "writes", "reads", "head", "lag ev", "lag ms", "stale", "rejected"
    );
    if params.faults.any() {
        line.push_str(&format!(
            " {:>11} {:>7} {:>6}",
            "redelivered", "crashes", "parked"
        ));
    }
    line.push_str("  worst catalog");
    if params.fanout.is_some() {
        line.push_str("  cards pinned  stale on read");
    }
    line
}

pub fn table_row(s: &Sample, faults: bool) -> String {
    let mut line = format!(
        "{:>5} {:>7} {:>9} {:>9} {:>8} {:>7} {:>8} {:>8}",
        s.t, s.writes, s.reads, s.head, s.lag_events, s.lag_ms, s.stale_reads, s.rejected
    );
    if faults {
        line.push_str(&format!(
            " {:>11} {:>7} {:>6}",
            s.redelivered, s.crashes, s.parked
        ));
    }
    line.push_str(&format!("  {}", s.worst));
    if let (Some(cards), Some(stale)) = (s.cards_filed, s.stale_reads_on_read) {
        line.push_str(&format!("  {cards:>12}  {stale:>13}"));
    }
    line
}

/// How the back office keeps its records, in words, named as `--office` names the mode.
fn office_words(mode: OfficeMode) -> String {
    let how = match mode {
        OfficeMode::EventSourced => "appends to the log, which is the record",
        OfficeMode::DualWrite => "commits to tables, then publishes the event",
        OfficeMode::Outbox => {
            "commits the event to an outbox with the tables; a relay publishes it"
        }
    };
    format!("{how} ({})", mode.word())
}

/// What the catalogs are verified against: the record, which the office's mode decides.
fn record_words(mode: OfficeMode) -> &'static str {
    if mode.is_state_stored() {
        "the back office's tables (a count: the published stream)"
    } else {
        "a replay of the log"
    }
}

/// Which catalogs differ from the record once healed, retried and caught up, of `catalogs`.
fn verdict(diverged: &[String], catalogs: usize, mode: OfficeMode) -> String {
    let record = record_words(mode);
    match diverged.len() {
        0 => format!("all {catalogs} catalogs equal {record}"),
        1 => format!(
            "1 of {catalogs} catalogs differs from {record} ({})",
            diverged[0]
        ),
        n => format!(
            "{n} of {catalogs} catalogs differ from {record} ({})",
            diverged.join(", ")
        ),
    }
}

/// A count of how often a fault struck. The simulator's screen and this report word each one
/// alike (`Struck::words`), each writing the number its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Struck {
    Redelivered,
    Crashes,
    Parked,
    OfficeCrashes,
    /// Events the back office committed and never published.
    Lost,
}

impl Struck {
    pub fn count(self, s: &Summary) -> u64 {
        match self {
            Struck::Redelivered => s.redelivered,
            Struck::Crashes => s.crashes,
            Struck::Parked => s.parked,
            Struck::OfficeCrashes => s.office_crashes,
            Struck::Lost => s.lost_events,
        }
    }

    /// "3 redelivered", "1 crash", "2 office crashes": the count as `number` writes it, and
    /// what it counts.
    pub fn words(self, s: &Summary, number: fn(u64) -> String) -> String {
        let n = self.count(s);
        let what = match (self, n) {
            (Struck::Redelivered, _) => "redelivered",
            (Struck::Crashes, 1) => "crash",
            (Struck::Crashes, _) => "crashes",
            (Struck::Parked, _) => "parked",
            (Struck::OfficeCrashes, 1) => "office crash",
            (Struck::OfficeCrashes, _) => "office crashes",
            (Struck::Lost, _) => "lost",
        };
        format!("{} {what}", number(n))
    }
}

/// How often each fault struck; the parked are those still parked when the run ended.
fn struck(s: &Summary) -> String {
    if s.redelivered == 0 && s.crashes == 0 && s.parked == 0 && s.office_crashes == 0 {
        return "faults: none struck".into();
    }
    let mut counts = vec![Struck::Redelivered, Struck::Crashes, Struck::Parked];
    if s.office_crashes > 0 {
        counts.extend([Struck::OfficeCrashes, Struck::Lost]);
    }
    let words: Vec<String> = counts
        .into_iter()
        .map(|c| {
            let said = c.words(s, |n| n.to_string());
            if c == Struck::Parked {
                format!("{said} at the end")
            } else {
                said
            }
        })
        .collect();
    format!("faults: {}", words.join(", "))
}

/// What the faults came to: how often they struck, and the catalogs that differ from the
/// record once caught up, out of `catalogs`.
pub fn divergence_line(s: &Summary, catalogs: usize) -> Option<String> {
    let diverged = s.diverged.as_ref()?;
    Some(format!(
        "{}; after a final heal, retry and sync, {}",
        struck(s),
        verdict(diverged, catalogs, s.office)
    ))
}

fn percent(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

pub fn summary_lines(s: &Summary, catalogs: usize) -> Vec<String> {
    let mut lines = vec![
        format!(
            "summary: {} s, {} writes ({} events, {} rejected at the desk), {} reads, {} stale ({})",
            s.seconds,
            s.writes,
            s.events,
            s.rejected,
            s.reads,
            s.stale_reads,
            percent(s.stale_share)
        ),
        format!(
            "lag from an event to each catalog: p50 {} ms, p99 {} ms, max {} ms; at worst {} \
             events behind; {} not filed everywhere at the end",
            s.lag_ms_p50, s.lag_ms_p99, s.lag_ms_max, s.lag_events_max, s.unfiled
        ),
    ];
    lines.extend(divergence_line(s, catalogs));
    if let Some(a) = &s.amplification {
        lines.push(format!(
            "fan-out on write: {} books pinned {} cards, {:.1} cards per event ({} per book by the \
             popular author, {} of hers); a board read is {} lookup, stale {}",
            a.events_fanned,
            a.cards_filed,
            a.cards_per_event,
            a.cards_per_popular_book,
            a.popular_books,
            a.lookups_per_read_on_write,
            percent(s.stale_share)
        ));
        lines.push(format!(
            "fan-out on read: no cards pinned; a board read is {:.1} lookups, stale {}",
            a.lookups_per_read_on_read,
            percent(a.stale_share_on_read)
        ));
    }
    lines
}

/// A second as `simulate --json` prints it.
pub fn sample_json(s: &Sample) -> Value {
    let mut v = json!({
        "t": s.t,
        "writes": s.writes,
        "reads": s.reads,
        "head": s.head,
        "lag_events": s.lag_events,
        "lag_ms": s.lag_ms,
        "worst": s.worst,
        "stale_reads": s.stale_reads,
        "rejected": s.rejected,
        "redelivered": s.redelivered,
        "crashes": s.crashes,
        "parked": s.parked,
    });
    if let Some(cards) = s.cards_filed {
        v["cards_filed"] = cards.into();
    }
    if let Some(stale) = s.stale_reads_on_read {
        v["stale_reads_on_read"] = stale.into();
    }
    v
}

/// The run's last JSON line.
pub fn summary_json(s: &Summary) -> Value {
    let mut v = json!({
        "summary": true,
        "preset": s.preset,
        "seconds": s.seconds,
        "writes": s.writes,
        "reads": s.reads,
        "events": s.events,
        "rejected": s.rejected,
        "stale_reads": s.stale_reads,
        "stale_share": s.stale_share,
        "lag_ms_p50": s.lag_ms_p50,
        "lag_ms_p99": s.lag_ms_p99,
        "lag_ms_max": s.lag_ms_max,
        "lag_events_max": s.lag_events_max,
        "unfiled": s.unfiled,
        "redelivered": s.redelivered,
        "crashes": s.crashes,
        "parked": s.parked,
        "office": s.office.word(),
        "office_crashes": s.office_crashes,
        "lost_events": s.lost_events,
    });
    if let Some(diverged) = &s.diverged {
        v["diverged"] = diverged.len().into();
        v["diverged_catalogs"] = diverged.clone().into();
    }
    if let Some(a) = &s.amplification {
        v["amplification"] = a.cards_per_event.into();
        v["fanout"] = json!({
            "events_fanned": a.events_fanned,
            "cards_filed": a.cards_filed,
            "cards_per_event": a.cards_per_event,
            "popular_books": a.popular_books,
            "cards_per_popular_book": a.cards_per_popular_book,
            "lookups_per_read_on_write": a.lookups_per_read_on_write,
            "lookups_per_read_on_read": a.lookups_per_read_on_read,
            "stale_share_on_write": s.stale_share,
            "stale_share_on_read": a.stale_share_on_read,
        });
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faults_line_names_the_office_as_its_option_does() {
        for mode in OfficeMode::ALL {
            let faults = Faults {
                office: mode,
                duplicates: 5,
                ..Faults::default()
            };
            let line = faults_line(&faults);
            assert!(line.ends_with(&format!(" ({})", mode.word())), "{line}");
        }
    }

    #[test]
    fn each_count_of_a_fault_is_worded_with_its_own_number() {
        // A run not yet started: every count 0 but those set here.
        let start = Simulation::new(lookup("azure").unwrap().params()).unwrap();
        let s = Summary {
            redelivered: 1,
            crashes: 1,
            parked: 0,
            office_crashes: 2,
            lost_events: 2,
            ..start.summary()
        };
        assert_eq!(
            struck(&s),
            "faults: 1 redelivered, 1 crash, 0 parked at the end, 2 office crashes, 2 lost"
        );
        let s = Summary {
            crashes: 12_000,
            office_crashes: 1,
            ..s
        };
        assert_eq!(
            Struck::Crashes.words(&s, |n| n.to_string()),
            "12000 crashes"
        );
        assert_eq!(
            Struck::OfficeCrashes.words(&s, |n| n.to_string()),
            "1 office crash"
        );
    }
}

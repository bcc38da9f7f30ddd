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

/// How the back office keeps its records, in words.
fn office_words(mode: OfficeMode) -> &'static str {
    match mode {
        OfficeMode::EventSourced => "appends to the log, which is the record (event-sourced)",
        OfficeMode::DualWrite => "commits to tables, then publishes the event (dual write)",
        OfficeMode::Outbox => {
            "commits the event to an outbox with the tables; a relay publishes it"
        }
    }
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

/// How often each fault struck.
fn struck(s: &Summary) -> String {
    if s.redelivered == 0 && s.crashes == 0 && s.parked == 0 && s.office_crashes == 0 {
        return "faults: none struck".into();
    }
    let mut line = format!(
        "faults: redelivered {}, crashes {}, parked {} at the end",
        s.redelivered, s.crashes, s.parked
    );
    if s.office_crashes > 0 {
        line.push_str(&format!(
            ", office crashes {}, events lost {}",
            s.office_crashes, s.lost_events
        ));
    }
    line
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

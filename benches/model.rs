//! Benchmarks of the model at the scale the simulator drives it: a million commands through
//! `run`'s path (parse a line, execute it in a session), a rebuild of each built-in catalog
//! from a million-event log, and a bare pass over that log to compare the rebuild with.
//! Targets (issue 2): >= 500,000 commands/s; a rebuild < 250 ms per million events and at most
//! 5x the bare pass. After the criterion runs, a summary prints quick figures, the ratio and
//! an estimate of the memory each event takes.

use std::collections::HashSet;
use std::hint::black_box;
use std::mem::size_of;
use std::time::{Duration, Instant};

use cqrs_catalog::model::language::parse_line;
use cqrs_catalog::model::{
    BUILT_IN_CATALOGS, Event, EventKind, EventLog, Library, RebuildJob, Session,
};
use criterion::{BatchSize, Criterion, Throughput};

#[path = "support/workload.rs"]
mod workload;
use workload::Workload;

const COMMANDS: usize = 1_000_000;
const EVENTS: u64 = 1_000_000;

fn command_lines(n: usize) -> Vec<String> {
    let mut w = Workload::new();
    (0..n).map(|_| w.next_line()).collect()
}

/// A library whose log holds exactly `events` events, appended by the workload.
fn library_with(events: u64) -> Library {
    let mut w = Workload::new();
    let mut library = Library::new();
    while library.head() < events {
        let line = w.next_line();
        if let Some(command) = parse_line(&line, 1).expect("the workload parses") {
            library
                .execute(&command)
                .expect("the workload names real catalogs");
        }
    }
    library
}

/// `run`'s path: parse each line, execute it in a session.
fn execute_all(lines: &[String]) -> Session {
    let mut session = Session::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(command) = parse_line(line, i + 1).expect("parses") {
            black_box(session.execute(&command).expect("executes"));
        }
    }
    session
}

/// A rebuild of the library's catalog `name`, as the `rebuild` command starts one: into an
/// empty catalog like the live one, with room for as many cards.
fn rebuild(library: &Library, name: &str) -> RebuildJob {
    rebuild_from(library, library.log(), name)
}

/// The same rebuild, replaying `log` instead of the library's own.
fn rebuild_from(library: &Library, log: &EventLog, name: &str) -> RebuildJob {
    let live = library.catalog(name).expect("built in");
    let mut job = RebuildJob::like(name, live, log.head());
    job.step(log, u64::MAX);
    job
}

/// The log's `BookCataloged` events alone, in order: a rebuild from it files every card as
/// the full rebuild does and nothing else, so the two rebuilds' difference is what the other
/// events cost (loans and returns; an acquisition files nothing).
fn cataloging_alone(log: &EventLog) -> EventLog {
    let mut alone = EventLog::new();
    let cataloged = log
        .events()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::BookCataloged { .. }));
    for e in cataloged {
        alone.append(e.tick, e.book.clone(), e.kind.clone());
    }
    alone
}

fn bench_commands(c: &mut Criterion, lines: &[String]) {
    let mut group = c.benchmark_group("commands");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("parse_and_execute", |b| {
        b.iter_batched(|| (), |()| execute_all(lines), BatchSize::PerIteration)
    });
    group.finish();
}

fn bench_rebuild(c: &mut Criterion, library: &Library) {
    let log = library.log();
    let mut group = c.benchmark_group("rebuild");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .throughput(Throughput::Elements(log.head()));
    for (name, _) in BUILT_IN_CATALOGS {
        group.bench_function(name, |b| {
            b.iter_batched(|| (), |()| rebuild(library, name), BatchSize::PerIteration)
        });
    }
    group.bench_function("bare_pass_count_by_kind", |b| {
        b.iter(|| black_box(log).count_by_kind())
    });
    group.finish();
}

/// What a rebuild cannot avoid, measured apart: reading every event in order, and for each
/// one touching its book's slot in a table by accession number, `slot` bytes a book. With
/// one byte a book (a compact status array, 100 KB for 100,000 books) the table stays in
/// cache; with a card's size it does not, and every loan or return misses. A catalog keeps
/// its statuses apart from its cards, 24 bytes a book: the pass at that size is its floor.
fn touch_pass(log: &EventLog, slot: usize) -> u64 {
    let books = log
        .events()
        .iter()
        .filter_map(|e| e.book.number())
        .max()
        .map_or(0, |n| n as usize + 1);
    let mut table = vec![0u8; books * slot];
    for event in log.events() {
        if let Some(n) = event.book.number() {
            let at = n as usize * slot;
            table[at] = table[at].wrapping_add(event.kind.index() as u8 + 1);
        }
    }
    table
        .iter()
        .step_by(slot.max(1))
        .map(|&b| u64::from(b))
        .sum()
}

/// The best of a few runs, in milliseconds: a quick figure for the summary.
fn best_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = f();
            let elapsed = start.elapsed();
            drop(black_box(out));
            elapsed.as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

/// Heap bytes of one shared string or slice, as glibc's malloc hands them out: the Arc's two
/// counters and the data, plus malloc's 8-byte header, rounded up to 16 (32 at least).
fn arc_bytes(data: usize) -> usize {
    (16 + data + 8).div_ceil(16).max(2) * 16
}

/// An estimate of the memory the log takes per event: the `Event` itself, plus each shared
/// string it points to, counted once however many events share it.
fn memory_per_event(log: &EventLog) -> (usize, f64) {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut heap = 0usize;
    let mut count = |ptr: usize, bytes: usize| {
        if seen.insert(ptr) {
            heap += arc_bytes(bytes);
        }
    };
    for e in log.events() {
        count(e.book.0.as_ptr() as usize, e.book.0.len());
        match &e.kind {
            EventKind::BookAcquired {
                title,
                author,
                subjects,
            }
            | EventKind::BookCataloged {
                title,
                author,
                subjects,
            } => {
                count(title.as_ptr() as usize, title.len());
                count(author.as_ptr() as usize, author.len());
                count(
                    subjects.as_ptr() as usize,
                    subjects.len() * size_of::<usize>() * 2,
                );
                for s in subjects.iter() {
                    count(s.as_ptr() as usize, s.len());
                }
            }
            EventKind::BookLent { patron } | EventKind::BookReturned { patron } => {
                count(patron.as_ptr() as usize, patron.len())
            }
            EventKind::BookRevised { value, .. } => count(value.as_ptr() as usize, value.len()),
            EventKind::BookWithdrawn => {}
        }
    }
    let events = log.events().len().max(1);
    (
        size_of::<Event>(),
        size_of::<Event>() as f64 + heap as f64 / events as f64,
    )
}

fn summary(lines: &[String], library: &Library) {
    let log = library.log();
    println!(
        "\n== summary (quick figures: best of a few runs; criterion's above are the reference)"
    );
    let ms = best_ms(3, || execute_all(lines));
    println!(
        "commands: {} in {ms:.0} ms = {:.0} commands/s (target >= 500,000)",
        lines.len(),
        lines.len() as f64 / (ms / 1000.0)
    );
    let bare = best_ms(10, || black_box(log).count_by_kind());
    let counts = log.count_by_kind();
    println!(
        "log: {} events ({})",
        log.head(),
        EventKind::NAMES
            .iter()
            .zip(counts)
            .map(|(n, c)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("bare pass (count_by_kind): {bare:.2} ms");
    let card = size_of::<cqrs_catalog::model::Card>();
    let status = size_of::<Option<cqrs_catalog::model::Status>>();
    let slots = [("a status byte", 1), ("a status", status), ("a card", card)];
    for (what, slot) in slots {
        let ms = best_ms(10, || touch_pass(black_box(log), slot));
        println!(
            "pass touching {what} per book ({slot} bytes): {ms:.2} ms, {:.1}x the bare pass",
            ms / bare
        );
    }
    let per_million = 1_000_000.0 / log.head() as f64;
    for (name, _) in BUILT_IN_CATALOGS {
        let ms = best_ms(10, || rebuild(library, name));
        println!(
            "rebuild {name:<8}: {:.0} ms per million events (target < 250), {:.1}x the bare pass (target <= 5x)",
            ms * per_million,
            ms / bare
        );
    }
    rebuild_by_kind(library, log.head() as f64, bare);
    let (size, per_event) = memory_per_event(log);
    println!(
        "memory: size_of::<Event>() = {size} bytes; with the shared strings it points to, ~{per_event:.0} bytes per event"
    );
}

/// What each kind of event costs a rebuild: the cataloging events replayed alone, and the
/// rest as the difference from the full rebuild, each in nanoseconds an event.
fn rebuild_by_kind(library: &Library, events: f64, bare: f64) {
    let alone = cataloging_alone(library.log());
    let (cataloged, rest) = (alone.head() as f64, events - alone.head() as f64);
    println!(
        "bare pass: {:.1} ns an event; by kind, ns an event (the rest: loans, returns, acquisitions):",
        bare * 1e6 / events
    );
    for (name, _) in BUILT_IN_CATALOGS {
        let full = best_ms(10, || rebuild(library, name));
        let filing = best_ms(10, || rebuild_from(library, &alone, name));
        println!(
            "  {name:<8}: {:.0} ms cataloging ({:.0} ns each of {cataloged}), {:.0} ms the rest ({:.1} ns each of {rest})",
            filing,
            filing * 1e6 / cataloged,
            full - filing,
            (full - filing) * 1e6 / rest
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    // Full size only for a real run (`cargo bench`): `cargo test --benches` and
    // `cargo bench -- --test` only check that every benchmark works, so they get a small log.
    let full = has("--bench") && !has("--test") && !has("--list");
    let (commands, events) = if full {
        (COMMANDS, EVENTS)
    } else {
        (10_000, 10_000)
    };
    let lines = command_lines(commands);
    let library = library_with(events);

    let mut c = Criterion::default().configure_from_args();
    bench_commands(&mut c, &lines);
    bench_rebuild(&mut c, &library);
    c.final_summary();
    // Profiling (`--profile-time`) wants no summary.
    if full && !has("--profile-time") {
        summary(&lines, &library);
    }
}

//! Properties of the model over random command sequences drawn from a small pool of books,
//! patrons and catalogs, with ticks, lag changes, pauses, syncs, damage, rebuilds (in one go
//! and stepped beside the live catalog) and new catalogs. After every command:
//! - a rejected command, a failed one and a query change nothing;
//! - an accepted command appends exactly one event;
//! - no checkpoint goes backwards, none passes the head;
//! - every catalog not damaged equals a fresh replay of the log up to its checkpoint;
//! - redelivering events already applied changes nothing, and `redeliver` of any event, a
//!   `crash` with the checkpoint kept with the view, a `reorder` and a `verify` leave every
//!   catalog equal to its replay (count catalogs included);
//! - a catalog with parked events equals a replay that leaves them out; once `retry` has filed
//!   some late, it files the same cards in the same drawers and counts the same (a drawer may
//!   keep the spelling it was opened with: "Dune" or "DUNE");
//! - parked events are behind the checkpoint, the one being retried is next after it.
//!
//! And at the end: after `heal`, `retry` and `sync` of every catalog, each undamaged one
//! equals a fresh rebuild from the whole log; after rebuilding, all do. And redeliveries and
//! reorders slipped into any sequence never change what the catalogs end up holding.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;

use super::super::language::{CatalogRef, parse_line};
use super::super::*;

const BOOKS: [&str; 4] = ["b1", "b2", "b3", "b4"];
const PATRONS: [&str; 2] = ["ada", "bob"];
/// Titles that share a drawer in another case, and one that reads the same backwards.
const TITLES: [&str; 4] = ["Dune", "DUNE", "Emma", "Anna"];
const AUTHORS: [&str; 2] = ["Frank Herbert", "Jane Austen"];
const SUBJECTS: [&str; 3] = ["sea", "war", "Sea"];
/// The built-in catalogs and two that `add-catalog` may add; naming one not added yet is an
/// error the property checks too.
const BUILT_IN: [&str; 4] = ["authors", "titles", "subjects", "shelf"];
const CATALOGS: [&str; 7] = [
    "authors", "titles", "subjects", "shelf", "loans", "states", "tally",
];

#[derive(Debug, Clone)]
enum Op {
    /// A line of the command language, executed as `run` executes it.
    Line(String),
    /// Start a stepped rebuild of a catalog (if none is running), as the screens do.
    StartRebuild(&'static str),
    /// Replay up to this many events of the running rebuild.
    StepRebuild(u64),
    /// Swap the running rebuild in.
    FinishRebuild,
}

fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(items)
}

fn line() -> impl Strategy<Value = String> {
    let book = || pick(&BOOKS);
    let catalog = || pick(&CATALOGS);
    prop_oneof![
        3 => (book(), pick(&TITLES), pick(&AUTHORS), prop::sample::subsequence(SUBJECTS.to_vec(), 0..=2))
            .prop_map(|(b, t, a, s)| {
                let about = if s.is_empty() {
                    String::new()
                } else {
                    format!(" about \"{}\"", s.join("\", \""))
                };
                format!("acquire {b} \"{t}\" by \"{a}\"{about}")
            }),
        3 => book().prop_map(|b| format!("catalog {b}")),
        3 => (book(), pick(&PATRONS)).prop_map(|(b, p)| format!("lend {b} to {p}")),
        2 => book().prop_map(|b| format!("return {b}")),
        1 => book().prop_map(|b| format!("withdraw {b}")),
        1 => (book(), prop_oneof![Just("title"), Just("author")], pick(&TITLES))
            .prop_map(|(b, f, v)| format!("revise {b} {f} \"{v}\"")),
        3 => (1..=3u64).prop_map(|n| format!("tick {n}")),
        1 => (catalog(), 0..=3u64).prop_map(|(c, n)| format!("lag {c} {n}")),
        1 => catalog().prop_map(|c| format!("pause {c}")),
        1 => catalog().prop_map(|c| format!("resume {c}")),
        1 => catalog().prop_map(|c| format!("sync {c}")),
        1 => catalog().prop_map(|c| format!("damage {c}")),
        1 => catalog().prop_map(|c| format!("rebuild {c}")),
        1 => (prop_oneof![Just("loans"), Just("states")], prop::sample::select(vec!["patron", "status", "title", "author", "subject"]))
            .prop_map(|(c, f)| format!("add-catalog {c} by {f}")),
        1 => (catalog(), prop_oneof![pick(&TITLES), pick(&BOOKS), pick(&SUBJECTS), pick(&PATRONS)], prop::option::of(0..8u64))
            .prop_map(|(c, k, after)| match after {
                Some(seq) => format!("find {c} \"{k}\" after {seq}"),
                None => format!("find {c} \"{k}\""),
            }),
        1 => catalog().prop_map(|c| format!("show {c}")),
        1 => prop::sample::select(vec!["patron", "status", "author", "subject"])
            .prop_map(|f| format!("add-catalog tally count {f}")),
        1 => catalog().prop_map(|c| format!("crash {c}")),
        1 => catalog().prop_map(|c| format!("checkpoint {c} with-view")),
        1 => (catalog(), 1..12u64).prop_map(|(c, n)| format!("redeliver {c} {n}")),
        1 => catalog().prop_map(|c| format!("verify {c}")),
        1 => Just("status".to_string()),
        1 => catalog().prop_map(|c| format!("reorder {c}")),
        1 => (catalog(), 1..12u64).prop_map(|(c, n)| format!("poison {c} {n}")),
        3 => (catalog(), 0..3u64).prop_map(|(c, n)| format!("{POISON_AHEAD} {c} {n}")),
        1 => catalog().prop_map(|c| format!("heal {c}")),
        1 => catalog().prop_map(|c| format!("retry {c}")),
    ]
}

/// Stands for `poison <catalog> <seq>` of the event `n` before the head when the line runs:
/// a poison of an event not filed yet, which a fixed number rarely hits.
const POISON_AHEAD: &str = "poison-ahead";

/// The line to run: a `poison-ahead` turned into the `poison` it stands for.
fn resolve(text: &str, library: &Library) -> String {
    let Some(rest) = text.strip_prefix(POISON_AHEAD) else {
        return text.to_string();
    };
    let mut words = rest.split_whitespace();
    let (catalog, back) = (words.next().unwrap_or(""), words.next().unwrap_or("0"));
    let seq = library
        .head()
        .saturating_sub(back.parse().unwrap_or(0))
        .max(1);
    format!("poison {catalog} {seq}")
}

/// A fault that leaves a catalog's final state as it was: a redelivery or a reorder.
fn harmless_fault() -> impl Strategy<Value = String> {
    prop_oneof![
        (pick(&CATALOGS), 1..12u64).prop_map(|(c, n)| format!("redeliver {c} {n}")),
        pick(&CATALOGS).prop_map(|c| format!("reorder {c}")),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        20 => line().prop_map(Op::Line),
        1 => pick(&BUILT_IN).prop_map(Op::StartRebuild),
        1 => (1..4u64).prop_map(Op::StepRebuild),
        1 => Just(Op::FinishRebuild),
    ]
}

/// Everything a command could change, to compare before and after.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    log: Vec<Event>,
    books: Vec<Book>,
    projectors: Vec<Projector>,
    now: u64,
}

fn snapshot(library: &Library) -> Snapshot {
    Snapshot {
        log: library.log().events().to_vec(),
        books: library.office().books().cloned().collect(),
        projectors: library.projectors().to_vec(),
        now: library.now(),
    }
}

/// The catalog a replay of the log up to `upto` gives, from empty.
fn replay(library: &Library, like: &Catalog, upto: u64) -> Catalog {
    let mut job = RebuildJob::like("replay", like, upto);
    job.step(library.log(), u64::MAX);
    job.into_parts().0
}

/// The catalog a replay of the log up to `upto` gives, leaving out the events `parked`.
fn replay_without(library: &Library, like: &Catalog, upto: u64, parked: &[u64]) -> Catalog {
    let mut catalog = like.empty_like();
    for e in &library.log().events()[..upto as usize] {
        if !parked.contains(&e.seq) {
            catalog.apply(e);
        }
    }
    catalog
}

/// Whether two catalogs file the same cards in the same drawers and count the same, whatever
/// spelling of a label a drawer was opened with.
fn same_filing(a: &Catalog, b: &Catalog) -> bool {
    let folded = |c: &Catalog| -> Vec<(String, u64)> {
        let mut counts: Vec<(String, u64)> = c
            .counts()
            .iter()
            .map(|(l, n)| (l.to_lowercase(), *n))
            .collect();
        counts.sort();
        counts
    };
    let drift = a.compare(b);
    drift.iter().all(|d| matches!(d, Drift::Miscounted { .. })) && folded(a) == folded(b)
}

/// The invariants that hold after every operation. `late` are the catalogs where a `retry`
/// filed parked events out of their place since they were last rebuilt.
fn check_invariants(
    library: &Library,
    seen: &mut HashMap<String, u64>,
    late: &HashSet<String>,
) -> Result<(), TestCaseError> {
    let head = library.head();
    for p in library.projectors() {
        let before = seen.insert(p.name.clone(), p.checkpoint).unwrap_or(0);
        prop_assert!(
            p.checkpoint >= before,
            "{}'s checkpoint went back from {} to {}",
            p.name,
            before,
            p.checkpoint
        );
        prop_assert!(p.checkpoint <= head, "{} is past the head", p.name);
        let parked = p.parked();
        prop_assert!(parked.iter().all(|seq| *seq <= p.checkpoint));
        if let Some((seq, _)) = p.retrying() {
            prop_assert_eq!(
                seq,
                p.checkpoint + 1,
                "{} retries what is not next",
                &p.name
            );
        }
        let replayed = replay_without(library, &p.catalog, p.checkpoint, &parked);
        if p.damaged {
        } else if late.contains(&p.name) {
            prop_assert!(
                same_filing(&p.catalog, &replayed),
                "{} after a retry: {:?}",
                &p.name,
                p.catalog.compare(&replayed)
            );
        } else {
            prop_assert_eq!(
                &p.catalog,
                &replayed,
                "{} differs from a replay to its checkpoint #{} without {:?}",
                &p.name,
                p.checkpoint,
                parked
            );
        }
        // Delivering again what it applied already changes nothing.
        let mut again = p.clone();
        for e in &library.log().events()[..p.checkpoint as usize] {
            prop_assert!(!again.deliver(e));
        }
        prop_assert_eq!(&again, p);
    }
    let mut office = BackOffice::new();
    for e in library.log().events() {
        office.apply(e);
    }
    prop_assert_eq!(
        office.books().collect::<Vec<_>>(),
        library.office().books().collect::<Vec<_>>()
    );
    Ok(())
}

fn run_ops(ops: &[Op]) -> Result<(Library, HashSet<String>), TestCaseError> {
    let mut library = Library::new();
    let mut job: Option<RebuildJob> = None;
    let mut seen = HashMap::new();
    let mut late = HashSet::new();
    for op in ops {
        let before = snapshot(&library);
        match op {
            Op::Line(text) => {
                let text = &resolve(text, &library);
                let command = parse_line(text, 1)
                    .map_err(|e| TestCaseError::fail(format!("`{text}`: {e}")))?
                    .expect("a command");
                let result = library.execute(&command);
                note_late(&result, &mut late);
                match result {
                    Err(_) => prop_assert_eq!(
                        &snapshot(&library),
                        &before,
                        "`{}` failed but changed the library",
                        text
                    ),
                    Ok(Outcome::Rejected(_)) => prop_assert_eq!(
                        &snapshot(&library),
                        &before,
                        "`{}` was rejected but changed the library",
                        text
                    ),
                    Ok(Outcome::Answered(_)) => prop_assert_eq!(
                        &snapshot(&library),
                        &before,
                        "the query `{}` changed the library",
                        text
                    ),
                    Ok(Outcome::Accepted { seq, .. }) => {
                        prop_assert_eq!(seq, before.log.len() as u64 + 1);
                        prop_assert_eq!(library.head(), before.log.len() as u64 + 1);
                        prop_assert_eq!(
                            &library.log().events()[..before.log.len()],
                            &before.log[..]
                        );
                    }
                    Ok(Outcome::Committed { .. }) => prop_assert!(command.is_write()),
                    Ok(Outcome::Done { .. }) => {
                        prop_assert!(!command.is_write() && !command.is_query());
                        prop_assert_eq!(
                            library.log().events(),
                            &before.log[..],
                            "`{}` appended",
                            text
                        );
                    }
                }
            }
            Op::StartRebuild(name) => {
                if job.is_none() {
                    job = Some(
                        library
                            .start_rebuild(&CatalogRef {
                                name: (*name).into(),
                                col: 1,
                            })
                            .expect("a built-in catalog"),
                    );
                }
            }
            Op::StepRebuild(n) => {
                if let Some(job) = &mut job {
                    let done = job.done();
                    job.step(library.log(), *n);
                    prop_assert!(job.done() >= done && job.done() <= job.target);
                }
                // The old catalog answers meanwhile: stepping touches nothing of the library.
                prop_assert_eq!(&snapshot(&library), &before);
            }
            Op::FinishRebuild => {
                if let Some(job) = job.take() {
                    let name = job.name.clone();
                    late.remove(&name);
                    library.finish_rebuild(job);
                    let p = library.projector(&name).expect("still there");
                    prop_assert!(!p.damaged);
                    let old = before.projectors.iter().find(|q| q.name == name).unwrap();
                    prop_assert_eq!(
                        (p.delay, p.paused),
                        (old.delay, old.paused),
                        "lag and pause are kept"
                    );
                }
            }
        }
        check_invariants(&library, &mut seen, &late)?;
    }
    Ok((library, late))
}

/// Keeps `late` up to date: a `retry` that filed events files them late, a rebuild replays.
fn note_late(result: &Result<Outcome, ExecError>, late: &mut HashSet<String>) {
    match result {
        Ok(Outcome::Done {
            done: Done::Retried { catalog, filed, .. },
            ..
        }) if !filed.is_empty() => {
            late.insert(catalog.clone());
        }
        Ok(Outcome::Done {
            done: Done::Rebuilt { catalog, .. },
            ..
        }) => {
            late.remove(catalog);
        }
        _ => {}
    }
}

/// Runs `line` for every catalog of the library, ignoring errors (`retry` with nothing
/// parked is one).
fn for_every_catalog(library: &mut Library, line: &str) {
    let names: Vec<String> = library
        .projectors()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    for name in &names {
        let command = parse_line(&format!("{line} {name}"), 1).unwrap().unwrap();
        let _ = library.execute(&command);
    }
}

/// `heal`, `retry` and `sync` of every catalog, in that order.
fn settle(library: &mut Library) {
    for line in ["heal", "retry", "sync"] {
        for_every_catalog(library, line);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_model_keeps_its_promises_over_any_command_sequence(ops in prop::collection::vec(op(), 0..80)) {
        let (mut library, _) = run_ops(&ops)?;

        // Redelivering any already-applied event, to every catalog, changes nothing.
        let low = library.projectors().iter().map(|p| p.checkpoint).min().unwrap_or(0);
        let before = snapshot(&library);
        let applied = library.log().events()[..low as usize].to_vec();
        for e in &applied {
            prop_assert_eq!(library.redeliver(e), 0);
        }
        prop_assert_eq!(&snapshot(&library), &before);

        // After heal, retry and sync of every catalog, each undamaged one equals a fresh
        // rebuild from the log: it files the same cards in the same drawers.
        settle(&mut library);
        let head = library.head();
        for p in library.projectors() {
            prop_assert_eq!(p.checkpoint, head);
            prop_assert!(p.parked().is_empty() && p.retrying().is_none(), "{}", &p.name);
            if !p.damaged {
                let rebuilt = replay(&library, &p.catalog, head);
                prop_assert!(same_filing(&p.catalog, &rebuilt), "{}: {:?}", &p.name, p.catalog.compare(&rebuilt));
            }
        }

        // After rebuilding every catalog, all do, exactly, and none is damaged.
        for_every_catalog(&mut library, "rebuild");
        for p in library.projectors() {
            prop_assert_eq!(p.checkpoint, head);
            prop_assert!(!p.damaged);
            prop_assert_eq!(&p.catalog, &replay(&library, &p.catalog, head), "{}", &p.name);
        }
    }
}

/// The lines of a sequence of operations, without the stepped rebuilds and without `damage`
/// (which damages whatever cards a catalog holds at that moment, so its timing shows).
fn lines_only(ops: &[Op]) -> Vec<String> {
    ops.iter()
        .filter_map(|op| match op {
            Op::Line(text) if !text.starts_with("damage") => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Every catalog's checkpoint and cards after running `lines`, then heal, retry and sync.
fn settled_after(lines: &[String]) -> Vec<(String, u64, Catalog)> {
    let mut library = Library::new();
    for text in lines {
        let command = parse_line(&resolve(text, &library), 1).unwrap().unwrap();
        let _ = library.execute(&command);
    }
    settle(&mut library);
    library
        .projectors()
        .iter()
        .map(|p| (p.name.clone(), p.checkpoint, p.catalog.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn redeliveries_and_reorders_never_change_what_the_catalogs_end_up_holding(
        ops in prop::collection::vec(op(), 0..60),
        faults in prop::collection::vec((any::<prop::sample::Index>(), harmless_fault()), 0..12),
    ) {
        let lines = lines_only(&ops);
        let mut faulty = lines.clone();
        for (at, fault) in faults {
            faulty.insert(at.index(faulty.len() + 1), fault);
        }
        let plain = settled_after(&lines);
        let shaken = settled_after(&faulty);
        prop_assert_eq!(plain.len(), shaken.len());
        for ((name, checkpoint, catalog), (_, checkpoint2, catalog2)) in plain.iter().zip(&shaken) {
            prop_assert_eq!(checkpoint, checkpoint2, "{}", name);
            prop_assert!(same_filing(catalog, catalog2), "{}: {:?}", name, catalog.compare(catalog2));
        }
    }
}

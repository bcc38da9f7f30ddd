//! Headless modes: `run` (a script's transcript or JSON lines) and the usage text. Plain text
//! only, so they work in pipes, in tests and for screen readers.

pub mod quiz;

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use serde_json::{Value, json};

use crate::content::Content;
use crate::error::{ContentProblems, PlacedErrors};
use crate::model::language::{parse_commands, script_lines};
use crate::model::{
    Answer, BookAnswer, BookState, Card, Commit, Done, Library, Outcome, Published, Redelivery,
};
use crate::output::print_out;
use crate::storage;
use crate::transcript;
use crate::words::{plural, visible};

pub mod changes;
pub mod checklist;
pub mod html;
pub mod markdown;
pub mod progress;
pub mod tour;

/// `check`: every problem of the lessons and quizzes, one line each (the first
/// `MAX_REPORTED`, then a count); exit 1 if any.
pub fn check(content_dir: Option<&Path>, quizzes_dir: Option<&Path>) -> Result<()> {
    let (content, problems) = Content::load(content_dir, quizzes_dir)?;
    if let Some(warning) = crate::content::check::answer_position_warning(&content) {
        print_out(&format!("{warning}\n"))?;
    }
    if problems.is_empty() {
        let questions: usize = content.quizzes.iter().map(|q| q.questions.len()).sum();
        let steps: usize = content.lessons.iter().map(|l| l.steps.len()).sum();
        return print_out(&format!(
            "checked {} ({}) and {} ({}): no problems\n",
            plural(content.lessons.len(), "lesson"),
            plural(steps, "step"),
            plural(content.quizzes.len(), "quiz"),
            plural(questions, "question"),
        ));
    }
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    print_out(&format!("{}\n", crate::error::capped(&lines)))?;
    Err(ContentProblems(problems.len()).into())
}

/// Reads a script from a file, or from standard input for `-`: a regular file of a sane size
/// (a symlink to `/dev/zero` is refused, not read).
fn read_script(file: &str) -> Result<String> {
    let text = if file == "-" {
        storage::read_stdin_text(storage::LARGE_FILE)?
    } else {
        storage::read_text(Path::new(file), storage::LARGE_FILE)?
    };
    Ok(text)
}

/// `run`: parse the whole script (every bad line is reported, nothing runs), then execute it.
/// It runs on a bare `Library`, not a `Session`: a script has no undo, so nothing of what ran
/// is kept but the model itself, and memory follows the events, not the lines.
pub fn run(file: &str, json: bool) -> Result<()> {
    let text = read_script(file)?;
    let name = if file == "-" { "<stdin>" } else { file };
    let commands = parse_commands(&text)
        .map_err(|errors| PlacedErrors(errors.iter().map(|e| format!("{name}:{e}")).collect()))?;
    let mut library = Library::new();
    let mut inputs = script_lines(&text).enumerate();
    let mut scratch = String::new();
    let written = crate::output::write_out(|out| {
        for (line, command) in commands {
            let input = inputs
                .find(|(i, _)| i + 1 == line)
                .map_or("", |(_, t)| t.trim());
            let outcome = library.execute(&command).map_err(|e| {
                let place = format!("{name}:{line}:{}", e.col());
                PlacedErrors(vec![format!("{place}: {}", e.describe())])
            })?;
            if json {
                writeln!(out, "{}", json_line(&library, line, input, &outcome))?;
            } else {
                write_transcript(out, &mut scratch, &library, line, input, &outcome)?;
            }
        }
        Ok(())
    });
    // The process ends here: freeing a million events card by card would take longer than a
    // tenth of the run and give nothing back, so the operating system reclaims it at exit.
    std::mem::forget(library);
    written
}

fn write_transcript(
    out: &mut dyn Write,
    scratch: &mut String,
    library: &Library,
    line: usize,
    input: &str,
    outcome: &Outcome,
) -> io::Result<()> {
    // A script may hold escape sequences; the transcript shows them instead of sending them.
    writeln!(out, "{line:>3}  {}", visible(input))?;
    transcript::write_outcome(library, outcome, &mut |text| {
        scratch.clear();
        fmt::Write::write_fmt(scratch, text).map_err(io::Error::other)?;
        writeln!(out, "     {}", visible(scratch))
    })
}

fn card_json(card: &Card) -> Value {
    json!({
        "book": card.book.as_str(),
        "title": &*card.title,
        "author": &*card.author,
        "subjects": card.subjects.iter().map(|s| &**s).collect::<Vec<_>>(),
        "status": card.status.word(),
    })
}

/// A commit where the log is not simply the record: the event committed, where it went
/// (`published`: now, outbox or lost) and whether the office crashed after it.
fn commit_json(map: &mut serde_json::Map<String, Value>, commit: &Commit) {
    let e = &commit.event;
    let event = json!({ "kind": e.kind.name(), "book": e.book.as_str(), "tick": e.tick });
    if let Published::Now { seq } = commit.published {
        let mut appended = event.clone();
        appended["seq"] = seq.into();
        map.insert("events".into(), vec![appended].into());
    }
    if let Published::Outbox { waiting } = commit.published {
        map.insert("outbox".into(), waiting.into());
    }
    map.insert("committed".into(), event);
    map.insert("published".into(), commit.published.word().into());
    map.insert("crashed".into(), commit.crashed.into());
}

/// `show-book`: the back office's record, marked as a read of the write side.
fn book_json(map: &mut serde_json::Map<String, Value>, b: &BookAnswer) {
    map.insert("side".into(), "write".into());
    map.insert("book".into(), b.book.clone().into());
    map.insert("version".into(), b.version.into());
    map.insert("office".into(), b.mode.word().into());
    map.insert("outbox".into(), b.waiting.into());
    if let Some(book) = &b.record {
        map.insert("state".into(), book.state.word().into());
        map.insert("title".into(), (*book.title).into());
        map.insert("author".into(), (*book.author).into());
        if let BookState::Lent { patron } = &book.state {
            map.insert("patron".into(), (**patron).into());
        }
    }
    map.insert("lines".into(), transcript::book_answer_lines(b).into());
}

/// One executed line as the JSON object that `run --json`'s contract names.
pub fn json_line(library: &Library, line: usize, input: &str, outcome: &Outcome) -> Value {
    let mut obj = json!({ "line": line, "input": input, "outcome": outcome.word(), "events": [] });
    let map = obj.as_object_mut().expect("built as an object");
    if let Outcome::Accepted { seq, .. } = outcome {
        let events: Vec<Value> = library
            .log()
            .get(*seq)
            .into_iter()
            .map(|e| json!({ "seq": e.seq, "kind": e.kind.name(), "book": e.book.as_str(), "tick": e.tick }))
            .collect();
        map.insert("events".into(), events.into());
    }
    match outcome {
        Outcome::Rejected(r) => {
            map.insert("reason".into(), transcript::reason(r).into());
            map.insert("rule".into(), r.rule.slug().into());
        }
        Outcome::Done { done, .. } => {
            map.insert("message".into(), transcript::done_message(done).into());
            if let Done::Redelivered { effect, .. } = done {
                let skipped =
                    matches!(effect, Redelivery::Skipped { .. } | Redelivery::StaysParked);
                map.insert("skipped".into(), skipped.into());
            }
        }
        Outcome::Answered(Answer::Find(f)) => {
            map.insert("catalog".into(), f.catalog.clone().into());
            map.insert(
                "results".into(),
                f.cards.iter().map(card_json).collect::<Vec<_>>().into(),
            );
            map.insert("checkpoint".into(), f.checkpoint.into());
            map.insert("head".into(), f.head.into());
            map.insert("stale".into(), f.stale.into());
            if let Some(after) = f.after {
                map.insert("after".into(), after.into());
            }
            if let Some(count) = f.count {
                map.insert("count".into(), count.into());
            }
        }
        Outcome::Answered(Answer::Show(s)) => {
            let results: Vec<Value> = s
                .drawers
                .iter()
                .flat_map(|(label, cards)| {
                    cards.iter().map(move |c| {
                        let mut v = card_json(c);
                        v["drawer"] = (**label).into();
                        v
                    })
                })
                .collect();
            map.insert("catalog".into(), s.catalog.clone().into());
            map.insert("results".into(), results.into());
            if let Some(counts) = &s.counts {
                let counts: serde_json::Map<String, Value> = counts
                    .iter()
                    .map(|(label, n)| (label.to_string(), (*n).into()))
                    .collect();
                map.insert("counts".into(), counts.into());
            }
            map.insert("checkpoint".into(), s.checkpoint.into());
            map.insert("head".into(), s.head.into());
            map.insert("stale".into(), s.stale.into());
            map.insert("parked".into(), s.parked.clone().into());
        }
        Outcome::Committed { commit, .. } => commit_json(map, commit),
        Outcome::Answered(Answer::Book(b)) => book_json(map, b),
        Outcome::Answered(Answer::Verify(v)) => {
            let differences: Vec<Value> = v
                .drift
                .iter()
                .map(|d| transcript::drift_line(d).into())
                .collect();
            map.insert("catalog".into(), v.catalog.clone().into());
            map.insert("checkpoint".into(), v.checkpoint.into());
            map.insert("verified".into(), v.verified().into());
            map.insert("against".into(), v.against.word().into());
            map.insert("differences".into(), differences.into());
        }
        Outcome::Answered(Answer::Status(rows)) => {
            let catalogs: Vec<Value> = rows
                .iter()
                .map(|r| {
                    json!({
                        "catalog": r.name, "by": r.field.word(), "checkpoint": r.checkpoint,
                        "head": r.head, "delay": r.delay, "lag": r.delay, "behind_events": r.behind_events,
                        "behind_ticks": r.behind_ticks, "health": r.health.word(), "cards": r.cards,
                        "stale": r.checkpoint < r.head, "parked": r.parked,
                    })
                })
                .collect();
            // The fields every query carries, for the whole library: the furthest-behind
            // checkpoint, and stale when any catalog is behind the head.
            let checkpoint = rows.iter().map(|r| r.checkpoint).min().unwrap_or(0);
            map.insert("results".into(), catalogs.clone().into());
            map.insert("checkpoint".into(), checkpoint.into());
            map.insert("head".into(), library.head().into());
            map.insert("stale".into(), (checkpoint < library.head()).into());
            map.insert("tick".into(), library.now().into());
            map.insert("catalogs".into(), catalogs.into());
            map.insert("office".into(), library.office_mode().word().into());
            map.insert("outbox".into(), library.outbox_len().into());
            map.insert("lost".into(), library.lost_events().into());
        }
        Outcome::Accepted { .. } => {}
    }
    let delivered: Vec<Value> = outcome
        .delivered()
        .iter()
        .map(|d| match d.crashed {
            Some(seq) => {
                json!({ "catalog": d.catalog, "from": d.from, "to": d.to, "crashed": seq })
            }
            None => json!({ "catalog": d.catalog, "from": d.from, "to": d.to }),
        })
        .collect();
    if !delivered.is_empty() {
        map.insert("delivered".into(), delivered.into());
    }
    obj
}

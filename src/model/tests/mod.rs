//! The model's behaviour as docs/model-semantics.md states it: every back-office rule, every
//! command accepted and rejected, lag and delivery, stale answers, damage, rebuild, new
//! catalogs, redelivery and the conditions content is checked with. Each name is the rule.

use super::language::{CatalogRef, Command, Field, parse_line};
use super::*;

mod back_office;
mod catalogs;
mod conditions;
mod damage;
mod faults;
mod office;
mod poison;
mod projectors;
mod proptests;
mod queries;
mod sessions;

// ---------------------------------------------------------------------------------------------
// Helpers: tests drive the model through the command language, as every caller does.

/// A session after running a script; every line must execute (rejections are fine).
fn session(script: &str) -> Session {
    let mut s = Session::new();
    run(&mut s, script);
    s
}

/// Runs each line of a script in a session.
fn run(s: &mut Session, script: &str) {
    for (i, line) in script.lines().enumerate() {
        if let Err(e) = s.execute_line(line, i + 1) {
            panic!("line {} `{line}` did not execute: {e}", i + 1);
        }
    }
}

/// Executes one command and returns its outcome.
fn exec(s: &mut Session, line: &str) -> Outcome {
    match s.execute_line(line, 1) {
        Ok(Some(outcome)) => outcome,
        Ok(None) => panic!("`{line}` is not a command"),
        Err(e) => panic!("`{line}` did not execute: {e}"),
    }
}

/// Executes a command that must fail at execution (it parses) and returns the error.
fn exec_err(s: &mut Session, line: &str) -> language::ParseError {
    match s.execute_line(line, 7) {
        Err(e) => e,
        Ok(outcome) => panic!("`{line}` executed: {outcome:?}"),
    }
}

/// The rule a rejected outcome names.
fn rule(outcome: &Outcome) -> Rule {
    match outcome {
        Outcome::Rejected(r) => r.rule,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// The kind name of the one event an accepted outcome appended.
fn accepted<'a>(s: &'a Session, outcome: &Outcome) -> &'a Event {
    match outcome {
        Outcome::Accepted { seq, .. } => s
            .library()
            .log()
            .get(*seq)
            .expect("the event is in the log"),
        other => panic!("expected acceptance, got {other:?}"),
    }
}

fn find(outcome: &Outcome) -> &FindAnswer {
    match outcome {
        Outcome::Answered(Answer::Find(f)) => f,
        other => panic!("expected a find answer, got {other:?}"),
    }
}

fn show(outcome: &Outcome) -> &ShowAnswer {
    match outcome {
        Outcome::Answered(Answer::Show(s)) => s,
        other => panic!("expected a show answer, got {other:?}"),
    }
}

/// What a done outcome did, worded as every screen words it.
fn message(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Done { done, .. } => crate::transcript::done_message(done),
        other => panic!("expected done, got {other:?}"),
    }
}

fn projector<'a>(s: &'a Session, name: &str) -> &'a Projector {
    s.library()
        .projector(name)
        .unwrap_or_else(|| panic!("no catalog {name}"))
}

fn checkpoint(s: &Session, name: &str) -> u64 {
    projector(s, name).checkpoint
}

fn health(s: &Session, name: &str) -> Health {
    projector(s, name).health(s.library().head())
}

fn state<'a>(s: &'a Session, book: &str) -> &'a BookState {
    &s.library().office().book(book).expect("a book").state
}

/// The books in the drawer `key` of a catalog, as ids.
fn ids(s: &Session, catalog: &str, key: &str) -> Vec<String> {
    s.library()
        .catalog(catalog)
        .expect("a catalog")
        .find(key)
        .iter()
        .map(|c| c.book.as_str().to_string())
        .collect()
}

/// Every drawer of a catalog as (label, book ids).
fn drawers(s: &Session, catalog: &str) -> Vec<(String, Vec<String>)> {
    s.library()
        .catalog(catalog)
        .expect("a catalog")
        .drawers()
        .into_iter()
        .map(|(label, cards)| {
            (
                label.to_string(),
                cards.iter().map(|c| c.book.as_str().to_string()).collect(),
            )
        })
        .collect()
}

/// The catalog a complete replay of the whole log gives.
fn fresh(library: &Library, name: &str) -> Catalog {
    let field = library.catalog(name).expect("a catalog").field();
    let mut job = RebuildJob::new(name, field, library.head());
    job.step(library.log(), u64::MAX);
    assert!(job.is_complete());
    job.into_parts().0
}

fn catalog_ref(name: &str) -> CatalogRef {
    CatalogRef {
        name: name.into(),
        col: 1,
    }
}

/// Two books cataloged and filed everywhere: the usual starting point.
const TWO_BOOKS: &str = r#"
acquire b1 "Dune" by "Frank Herbert" about "science fiction", "deserts"
acquire b2 "Emma" by "Jane Austen" about "romance"
catalog b1
catalog b2
tick
"#;

/// A history every field has something to say about.
const HISTORY: &str = r#"
acquire b1 "Dune" by "Frank Herbert" about "science fiction", "deserts"
acquire b2 "Emma" by "Jane Austen" about "romance"
acquire b3 "Ulysses" by "James Joyce" about "dublin"
acquire b4 "Persuasion" by "Jane Austen" about "romance"
acquire b5 "Never Cataloged" by "Nobody"
catalog b1
catalog b2
catalog b3
catalog b4
lend b1 to ada
lend b2 to bob
lend b4 to ada
return b4
withdraw b3
revise b2 title "Emma (1815)"
"#;

fn cond(text: &str) -> Condition {
    Condition::parse(text).unwrap_or_else(|e| panic!("`{text}`: word {}: {}", e.word, e.message))
}

fn holds(s: &Session, text: &str) -> bool {
    cond(text).holds(s)
}

/// The books `verify` found out of date, each with the statuses of its card and of the replay.
fn changed(drift: &[Drift]) -> Vec<(&str, &str, &str)> {
    drift
        .iter()
        .filter_map(|d| match d {
            Drift::Changed { book, found, right } => {
                Some((book.as_str(), found.status.word(), right.status.word()))
            }
            _ => None,
        })
        .collect()
}

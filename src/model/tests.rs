//! The model's behaviour as docs/model-semantics.md states it: every back-office rule, every
//! command accepted and rejected, lag and delivery, stale answers, damage, rebuild, new
//! catalogs, redelivery and the conditions content is checked with. Each name is the rule.

use super::language::{CatalogRef, Command, Field, parse_line};
use super::*;

mod faults;
mod office;
mod poison;
mod proptests;

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

// ---------------------------------------------------------------------------------------------
// The back office: each command accepted, and each rule that rejects it.

#[test]
fn acquiring_a_new_book_appends_one_book_acquired_event_with_its_record() {
    let mut s = Session::new();
    let o = exec(
        &mut s,
        r#"acquire b1 "Dune" by "Frank Herbert" about "science fiction", "deserts""#,
    );
    let e = accepted(&s, &o);
    assert_eq!((e.seq, e.tick, e.book.as_str()), (1, 0, "b1"));
    let EventKind::BookAcquired {
        title,
        author,
        subjects,
    } = &e.kind
    else {
        panic!("expected BookAcquired, got {:?}", e.kind);
    };
    assert_eq!((&**title, &**author), ("Dune", "Frank Herbert"));
    let subjects: Vec<&str> = subjects.iter().map(|s| &**s).collect();
    assert_eq!(subjects, ["science fiction", "deserts"]);
    assert_eq!(state(&s, "b1"), &BookState::Acquired);
}

#[test]
fn acquiring_an_id_already_used_is_rejected_by_unique_id() {
    let mut s = session(r#"acquire b1 "Dune" by "Frank Herbert""#);
    let o = exec(&mut s, r#"acquire b1 "Emma" by "Jane Austen""#);
    assert_eq!(rule(&o), Rule::UniqueId);
    assert_eq!(
        s.library().office().book("b1").unwrap().title.as_ref(),
        "Dune"
    );
}

#[test]
fn the_id_of_a_withdrawn_book_stays_used() {
    let mut s = session("acquire b1 \"Dune\" by \"Frank Herbert\"\nwithdraw b1");
    let o = exec(&mut s, r#"acquire b1 "Emma" by "Jane Austen""#);
    assert_eq!(rule(&o), Rule::UniqueId);
}

#[test]
fn ids_are_case_insensitive_so_b1_and_b1_upper_are_the_same_book() {
    let mut s = session(r#"acquire b1 "Dune" by "Frank Herbert""#);
    let o = exec(&mut s, r#"acquire B1 "Emma" by "Jane Austen""#);
    assert_eq!(rule(&o), Rule::UniqueId);
}

#[test]
fn acquiring_with_a_blank_title_author_or_subject_is_rejected_by_name_required() {
    for line in [
        r#"acquire b1 "" by "Frank Herbert""#,
        r#"acquire b1 "Dune" by "   ""#,
        r#"acquire b1 "Dune" by "Frank Herbert" about "deserts", " ""#,
    ] {
        let mut s = Session::new();
        assert_eq!(rule(&exec(&mut s, line)), Rule::NameRequired, "{line}");
        assert!(s.library().office().is_empty());
    }
}

#[test]
fn unique_id_is_checked_before_name_required() {
    let mut s = session(r#"acquire b1 "Dune" by "Frank Herbert""#);
    assert_eq!(
        rule(&exec(&mut s, r#"acquire b1 "" by """#)),
        Rule::UniqueId
    );
}

#[test]
fn cataloging_an_acquired_book_is_accepted_and_carries_its_record_as_it_stands() {
    let mut s = session(
        r#"acquire b1 "Dune" by "Frank Herbert" about "deserts"
revise b1 title "Dune (1965)""#,
    );
    let o = exec(&mut s, "catalog b1");
    let e = accepted(&s, &o);
    let EventKind::BookCataloged {
        title,
        author,
        subjects,
    } = &e.kind
    else {
        panic!("expected BookCataloged, got {:?}", e.kind);
    };
    assert_eq!((&**title, &**author), ("Dune (1965)", "Frank Herbert"));
    assert_eq!(subjects.len(), 1);
    assert_eq!(state(&s, "b1"), &BookState::Available);
}

#[test]
fn cataloging_a_cataloged_book_is_rejected_by_already_cataloged() {
    let mut s = session(TWO_BOOKS);
    assert_eq!(rule(&exec(&mut s, "catalog b1")), Rule::AlreadyCataloged);
    run(&mut s, "lend b1 to ada");
    assert_eq!(rule(&exec(&mut s, "catalog b1")), Rule::AlreadyCataloged);
}

#[test]
fn every_command_on_an_unknown_book_is_rejected_by_must_be_acquired() {
    for line in [
        "catalog b9",
        "lend b9 to ada",
        "return b9",
        "withdraw b9",
        r#"revise b9 title "X""#,
        r#"revise b9 author """#,
    ] {
        let mut s = session(TWO_BOOKS);
        let o = exec(&mut s, line);
        assert_eq!(rule(&o), Rule::MustBeAcquired, "{line}");
        let Outcome::Rejected(r) = &o else {
            unreachable!()
        };
        assert!(
            crate::transcript::reason(r).contains("b9"),
            "the reason names the book: {}",
            crate::transcript::reason(r)
        );
    }
}

#[test]
fn lending_an_available_book_is_accepted() {
    let mut s = session(TWO_BOOKS);
    let o = exec(&mut s, "lend b1 to ada");
    let e = accepted(&s, &o);
    assert_eq!(
        e.kind,
        EventKind::BookLent {
            patron: "ada".into()
        }
    );
    assert_eq!(
        state(&s, "b1"),
        &BookState::Lent {
            patron: "ada".into()
        }
    );
}

#[test]
fn lending_a_book_not_cataloged_is_rejected_by_must_be_cataloged() {
    let mut s = session(r#"acquire b1 "Dune" by "Frank Herbert""#);
    assert_eq!(rule(&exec(&mut s, "lend b1 to ada")), Rule::MustBeCataloged);
}

#[test]
fn lending_a_lent_book_is_rejected() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let o = exec(&mut s, "lend b1 to bob");
    assert_eq!(rule(&o), Rule::AlreadyLent);
    let Outcome::Rejected(r) = &o else {
        unreachable!()
    };
    assert!(
        crate::transcript::reason(r).contains("ada"),
        "names who has it: {}",
        crate::transcript::reason(r)
    );
    assert_eq!(
        state(&s, "b1"),
        &BookState::Lent {
            patron: "ada".into()
        }
    );
}

#[test]
fn lending_a_lent_book_to_the_same_patron_is_rejected_too() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    assert_eq!(rule(&exec(&mut s, "lend b1 to ada")), Rule::AlreadyLent);
}

#[test]
fn returning_a_lent_book_is_accepted_and_names_the_patron_who_had_it() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let o = exec(&mut s, "return b1");
    assert_eq!(
        accepted(&s, &o).kind,
        EventKind::BookReturned {
            patron: "ada".into()
        }
    );
    assert_eq!(state(&s, "b1"), &BookState::Available);
}

#[test]
fn a_returned_book_can_be_lent_again() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada\nreturn b1"));
    let o = exec(&mut s, "lend b1 to bob");
    accepted(&s, &o);
}

#[test]
fn returning_a_book_that_is_not_lent_is_rejected_by_not_lent() {
    let mut s = session(&format!(
        "{TWO_BOOKS}acquire b3 \"Ulysses\" by \"James Joyce\""
    ));
    assert_eq!(rule(&exec(&mut s, "return b1")), Rule::NotLent);
    assert_eq!(rule(&exec(&mut s, "return b3")), Rule::NotLent);
}

#[test]
fn withdrawing_an_acquired_or_available_book_is_accepted() {
    let mut s = session(&format!(
        "{TWO_BOOKS}acquire b3 \"Ulysses\" by \"James Joyce\""
    ));
    for book in ["b1", "b3"] {
        let o = exec(&mut s, &format!("withdraw {book}"));
        assert_eq!(accepted(&s, &o).kind, EventKind::BookWithdrawn);
        assert_eq!(state(&s, book), &BookState::Withdrawn);
    }
}

#[test]
fn withdrawing_a_lent_book_is_rejected_by_lent_cannot_be_withdrawn() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    assert_eq!(
        rule(&exec(&mut s, "withdraw b1")),
        Rule::LentCannotBeWithdrawn
    );
}

#[test]
fn nothing_happens_to_a_withdrawn_book() {
    for line in [
        "catalog b1",
        "lend b1 to ada",
        "return b1",
        "withdraw b1",
        r#"revise b1 title "Dune Messiah""#,
        r#"revise b1 author """#,
    ] {
        let mut s = session(&format!("{TWO_BOOKS}withdraw b1"));
        assert_eq!(rule(&exec(&mut s, line)), Rule::WithdrawnIsFinal, "{line}");
    }
    // Also before it was ever cataloged: withdrawn is checked before the command's own rule.
    let mut s = session("acquire b1 \"Dune\" by \"Frank Herbert\"\nwithdraw b1");
    assert_eq!(
        rule(&exec(&mut s, "lend b1 to ada")),
        Rule::WithdrawnIsFinal
    );
}

#[test]
fn revising_a_title_or_author_is_accepted_and_changes_the_record() {
    let mut s = session(TWO_BOOKS);
    let o = exec(&mut s, r#"revise b1 title "Dune Messiah""#);
    assert_eq!(
        accepted(&s, &o).kind,
        EventKind::BookRevised {
            field: language::RevisedField::Title,
            value: "Dune Messiah".into()
        }
    );
    let o = exec(&mut s, r#"revise b1 author "F. Herbert""#);
    accepted(&s, &o);
    let book = s.library().office().book("b1").unwrap();
    assert_eq!(
        (&*book.title, &*book.author),
        ("Dune Messiah", "F. Herbert")
    );
}

#[test]
fn revising_an_acquired_or_lent_book_is_accepted() {
    let mut s = session(&format!(
        "{TWO_BOOKS}acquire b3 \"Ulysses\" by \"James Joyce\"\nlend b1 to ada"
    ));
    let o = exec(&mut s, r#"revise b3 title "Ulysses!""#);
    accepted(&s, &o);
    let o = exec(&mut s, r#"revise b1 author "F. Herbert""#);
    accepted(&s, &o);
}

#[test]
fn revising_to_the_same_value_is_rejected_by_nothing_to_change() {
    let mut s = session(TWO_BOOKS);
    assert_eq!(
        rule(&exec(&mut s, r#"revise b1 title "Dune""#)),
        Rule::NothingToChange
    );
    assert_eq!(
        rule(&exec(&mut s, r#"revise b2 author "Jane Austen""#)),
        Rule::NothingToChange
    );
    // Case matters in a title: "DUNE" is a change.
    let o = exec(&mut s, r#"revise b1 title "DUNE""#);
    accepted(&s, &o);
}

#[test]
fn revising_to_a_blank_value_is_rejected_by_name_required() {
    let mut s = session(TWO_BOOKS);
    assert_eq!(
        rule(&exec(&mut s, r#"revise b1 title " ""#)),
        Rule::NameRequired
    );
    assert_eq!(
        rule(&exec(&mut s, r#"revise b1 author """#)),
        Rule::NameRequired
    );
}

#[test]
fn a_rejected_command_appends_nothing() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let before_log = s.library().log().events().to_vec();
    let before_books: Vec<Book> = s.library().office().books().cloned().collect();
    let before_catalogs = s.library().projectors().to_vec();
    for line in [
        "lend b1 to bob",
        "withdraw b1",
        "return b2",
        "catalog b2",
        "catalog b9",
        r#"acquire b2 "X" by "Y""#,
        r#"revise b2 title "Emma""#,
    ] {
        assert!(matches!(exec(&mut s, line), Outcome::Rejected(_)), "{line}");
    }
    assert_eq!(s.library().log().events(), &before_log[..]);
    let after_books: Vec<Book> = s.library().office().books().cloned().collect();
    assert_eq!(after_books, before_books);
    assert_eq!(s.library().projectors(), &before_catalogs[..]);
}

#[test]
fn every_rule_has_the_name_content_uses() {
    let slugs: Vec<&str> = Rule::ALL.iter().map(|r| r.slug()).collect();
    assert_eq!(
        slugs,
        [
            "unique-id",
            "must-be-acquired",
            "must-be-cataloged",
            "already-cataloged",
            "already-lent",
            "not-lent",
            "lent-cannot-be-withdrawn",
            "withdrawn-is-final",
            "name-required",
            "nothing-to-change",
            "version-conflict",
        ]
    );
    for r in Rule::ALL {
        assert_eq!(Rule::from_slug(r.slug()), Some(r));
        assert_eq!(r.to_string(), r.slug());
    }
    assert_eq!(Rule::from_slug("already_lent"), None);
}

#[test]
fn sequence_numbers_count_from_one_and_each_event_records_its_tick() {
    let s = session(&format!("{TWO_BOOKS}tick 2\nlend b1 to ada"));
    let seqs: Vec<u64> = s.library().log().events().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    let ticks: Vec<u64> = s.library().log().events().iter().map(|e| e.tick).collect();
    assert_eq!(ticks, [0, 0, 0, 0, 3]);
    assert_eq!(s.library().head(), 5);
    assert_eq!(s.library().log().get(0), None);
    assert_eq!(s.library().log().get(6), None);
    assert_eq!(s.library().log().after(3).len(), 2);
    assert!(s.library().log().after(99).is_empty());
}

#[test]
fn the_back_office_replayed_from_the_log_equals_the_live_one() {
    let s = session(&format!(
        "{TWO_BOOKS}lend b1 to ada\nrevise b2 author \"J. Austen\"\nwithdraw b2\nreturn b1\nlend b1 to bob"
    ));
    let mut replayed = BackOffice::new();
    for e in s.library().log().events() {
        replayed.apply(e);
    }
    let live: Vec<&Book> = s.library().office().books().collect();
    let again: Vec<&Book> = replayed.books().collect();
    assert_eq!(live, again);
    assert_eq!(replayed.len(), 2);
}

#[test]
fn count_by_kind_counts_each_event_kind() {
    let s = session(&format!(
        "{TWO_BOOKS}lend b1 to ada\nreturn b1\nwithdraw b2"
    ));
    assert_eq!(s.library().log().count_by_kind(), [2, 2, 1, 1, 1, 0]);
    assert_eq!(EventKind::BookWithdrawn.name(), "BookWithdrawn");
    for (i, name) in EventKind::NAMES.iter().enumerate() {
        let e = s
            .library()
            .log()
            .events()
            .iter()
            .find(|e| e.kind.index() == i);
        if let Some(e) = e {
            assert_eq!(e.kind.name(), *name);
        }
    }
}

#[test]
fn a_books_events_share_one_id_string_and_a_patrons_loans_one_name_string() {
    // Not a rule a learner sees: what keeps a million events small and projection cheap.
    let s = session(&format!(
        "{TWO_BOOKS}lend b1 to ada\nreturn b1\nlend b2 to ada"
    ));
    let events = s.library().log().events();
    let office_id = &s.library().office().book("b1").unwrap().id.0;
    for e in events.iter().filter(|e| e.book.as_str() == "b1") {
        assert!(std::sync::Arc::ptr_eq(&e.book.0, office_id), "#{}", e.seq);
    }
    let patrons: Vec<&Text> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::BookLent { patron } | EventKind::BookReturned { patron } => Some(patron),
            _ => None,
        })
        .collect();
    assert_eq!(patrons.len(), 3);
    assert!(
        patrons
            .iter()
            .all(|p| std::sync::Arc::ptr_eq(p, patrons[0]))
    );
}

// ---------------------------------------------------------------------------------------------
// The projectors: lag, the clock, pause, resume, sync.

#[test]
fn a_new_library_has_the_four_built_in_catalogs_each_lagging_one_tick() {
    let s = Session::new();
    let names: Vec<(&str, Field)> = s
        .library()
        .projectors()
        .iter()
        .map(|p| (p.name.as_str(), p.catalog.field()))
        .collect();
    assert_eq!(names, BUILT_IN_CATALOGS);
    for p in s.library().projectors() {
        assert_eq!(
            (p.delay, p.checkpoint, p.paused, p.damaged),
            (1, 0, false, false)
        );
        assert_eq!(p.health(0), Health::CaughtUp);
    }
    assert_eq!(s.library().now(), 0);
}

#[test]
fn an_event_reaches_a_catalog_lag_ticks_after_it_was_appended() {
    let mut s = session("lag titles 3");
    run(
        &mut s,
        "acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1",
    );
    assert_eq!(checkpoint(&s, "titles"), 0);
    assert_eq!(checkpoint(&s, "authors"), 0);
    run(&mut s, "tick");
    assert_eq!(checkpoint(&s, "authors"), 2, "lag 1: there at tick 1");
    assert_eq!(checkpoint(&s, "titles"), 0);
    run(&mut s, "tick");
    assert_eq!(checkpoint(&s, "titles"), 0, "lag 3: not at tick 2");
    let o = exec(&mut s, "tick");
    assert_eq!(checkpoint(&s, "titles"), 2, "lag 3: there at tick 3");
    assert_eq!(
        o.delivered(),
        [Delivery {
            catalog: "titles".into(),
            from: 1,
            to: 2,
            crashed: None
        }]
    );
    assert_eq!(ids(&s, "titles", "Dune"), ["b1"]);
}

#[test]
fn events_appended_later_arrive_later() {
    let mut s = session("acquire b1 \"Dune\" by \"Frank Herbert\"\ntick\ncatalog b1");
    assert_eq!(checkpoint(&s, "shelf"), 1);
    run(&mut s, "tick");
    assert_eq!(checkpoint(&s, "shelf"), 2);
}

#[test]
fn tick_n_advances_the_clock_n_ticks_and_delivers_everything_due() {
    let mut s = session("lag shelf 5\nacquire b1 \"Dune\" by \"Frank Herbert\"");
    let o = exec(&mut s, "tick 5");
    assert_eq!(s.library().now(), 5);
    assert_eq!(message(&o), "the clock reads tick 5");
    assert_eq!(checkpoint(&s, "shelf"), 1);
    assert_eq!(o.delivered().len(), 4, "every catalog filed #1");
}

#[test]
fn lag_zero_files_events_as_part_of_the_command_that_appends_them() {
    let mut s = session("lag shelf 0");
    let o = exec(&mut s, r#"acquire b1 "Dune" by "Frank Herbert""#);
    assert_eq!(
        o.delivered(),
        [Delivery {
            catalog: "shelf".into(),
            from: 1,
            to: 1,
            crashed: None
        }]
    );
    exec(&mut s, "catalog b1");
    assert_eq!(checkpoint(&s, "shelf"), 2);
    assert_eq!(checkpoint(&s, "titles"), 0);
    assert_eq!(ids(&s, "shelf", "b1"), ["b1"]);
}

#[test]
fn lowering_a_lag_delivers_at_once_what_is_now_due() {
    let mut s = session("lag titles 5\nacquire b1 \"Dune\" by \"Frank Herbert\"\ntick 2");
    assert_eq!(checkpoint(&s, "titles"), 0);
    let o = exec(&mut s, "lag titles 2");
    assert_eq!(
        message(&o),
        "titles: events now reach it 2 ticks after they are appended"
    );
    assert_eq!(checkpoint(&s, "titles"), 1);
    assert_eq!(projector(&s, "titles").delay, 2);
    let o = exec(&mut s, "lag titles 0");
    assert!(message(&o).contains("filed as part of the command"));
}

#[test]
fn a_paused_catalog_files_nothing_even_when_events_are_due() {
    let mut s = session("pause titles");
    run(&mut s, TWO_BOOKS);
    run(&mut s, "tick 10");
    assert_eq!(checkpoint(&s, "titles"), 0);
    assert_eq!(checkpoint(&s, "authors"), 4);
    assert_eq!(health(&s, "titles"), Health::Paused);
    assert!(projector(&s, "titles").paused);
}

#[test]
fn resume_delivers_at_once_whatever_has_come_due() {
    let mut s = session("pause titles");
    run(&mut s, TWO_BOOKS);
    run(&mut s, "lend b1 to ada");
    // #1-#4 were appended at tick 0 and are due at tick 1; #5 at tick 1 is due at tick 2.
    let o = exec(&mut s, "resume titles");
    assert_eq!(message(&o), "titles resumed");
    assert_eq!(
        o.delivered(),
        [Delivery {
            catalog: "titles".into(),
            from: 1,
            to: 4,
            crashed: None
        }]
    );
    assert_eq!(health(&s, "titles"), Health::Behind);
    run(&mut s, "tick");
    assert_eq!(checkpoint(&s, "titles"), 5);
    assert_eq!(health(&s, "titles"), Health::CaughtUp);
}

#[test]
fn sync_delivers_everything_now_even_when_lagging_or_paused_and_stays_paused() {
    let mut s = session("lag titles 9\npause authors");
    run(&mut s, TWO_BOOKS);
    run(&mut s, "lend b1 to ada");
    let o = exec(&mut s, "sync titles");
    assert_eq!(message(&o), "titles synced to #5");
    assert_eq!(checkpoint(&s, "titles"), 5);
    assert_eq!(health(&s, "titles"), Health::CaughtUp);
    run(&mut s, "sync authors");
    assert_eq!(checkpoint(&s, "authors"), 5);
    assert!(projector(&s, "authors").paused, "sync does not resume");
    assert_eq!(health(&s, "authors"), Health::Paused);
    // Nothing new to file: sync reports no delivery.
    assert!(exec(&mut s, "sync titles").delivered().is_empty());
}

#[test]
fn health_reports_damaged_before_paused_before_behind() {
    let mut s = session(TWO_BOOKS);
    assert_eq!(health(&s, "titles"), Health::CaughtUp);
    run(&mut s, "lend b1 to ada");
    assert_eq!(health(&s, "titles"), Health::Behind);
    run(&mut s, "pause titles");
    assert_eq!(health(&s, "titles"), Health::Paused);
    run(&mut s, "damage titles");
    assert_eq!(health(&s, "titles"), Health::Damaged);
    assert_eq!(
        crate::transcript::health_label(Health::CaughtUp),
        "caught up"
    );
    assert_eq!(Health::CaughtUp.word(), "caught-up");
    assert_eq!(crate::transcript::health_label(Health::Behind), "behind");
}

#[test]
fn status_reports_each_catalogs_checkpoint_head_and_lag_in_events_and_ticks() {
    let mut s = session("lag subjects 4\npause shelf");
    run(&mut s, TWO_BOOKS);
    run(&mut s, "lend b1 to ada\ntick 2");
    let Outcome::Answered(Answer::Status(rows)) = exec(&mut s, "status") else {
        panic!("status answers with rows");
    };
    let row = |name: &str| rows.iter().find(|r| r.name == name).unwrap().clone();
    let authors = row("authors");
    assert_eq!(
        (
            authors.checkpoint,
            authors.head,
            authors.behind_events,
            authors.behind_ticks
        ),
        (5, 5, 0, 0)
    );
    assert_eq!(
        (authors.health, authors.cards, authors.delay),
        (Health::CaughtUp, 2, 1)
    );
    let subjects = row("subjects");
    // #1-#4 at tick 0, #5 at tick 1; the clock reads 3; lag 4 delivers nothing yet.
    assert_eq!(
        (
            subjects.checkpoint,
            subjects.behind_events,
            subjects.behind_ticks
        ),
        (0, 5, 3)
    );
    assert_eq!(subjects.health, Health::Behind);
    let shelf = row("shelf");
    assert_eq!((shelf.checkpoint, shelf.health), (0, Health::Paused));
    assert_eq!(rows.len(), 4);
    assert_eq!(s.library().status(), rows);
}

#[test]
fn a_projector_never_files_an_event_before_the_one_that_precedes_it() {
    let s = session(TWO_BOOKS);
    let log = s.library().log();
    let mut p = Projector::new("titles", Field::Title);
    assert!(!p.deliver(log.get(2).unwrap()), "#2 before #1 is refused");
    assert_eq!(p.checkpoint, 0);
    assert!(p.deliver(log.get(1).unwrap()));
    assert!(p.deliver(log.get(2).unwrap()));
    assert_eq!(p.checkpoint, 2);
}

// ---------------------------------------------------------------------------------------------
// Queries: what the catalogs answer, and whether it may be stale.

#[test]
fn a_query_of_a_catalog_behind_the_log_is_flagged_stale() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let o = exec(&mut s, r#"find shelf "b1""#);
    let f = find(&o);
    assert!(f.stale);
    assert_eq!((f.checkpoint, f.head, f.after), (4, 5, None));
    assert_eq!(f.cards[0].status, Status::Available, "the old card");
    assert_eq!(state(&s, "b1").word(), "lent", "the back office knows");
    let o = exec(&mut s, "show shelf");
    assert!(show(&o).stale);
}

#[test]
fn a_query_of_a_caught_up_catalog_is_fresh() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada\ntick"));
    let o = exec(&mut s, r#"find shelf "b1""#);
    let f = find(&o);
    assert!(!f.stale);
    assert_eq!(
        f.cards[0].status,
        Status::Lent {
            patron: "ada".into()
        }
    );
    assert!(!show(&exec(&mut s, "show shelf")).stale);
}

#[test]
fn find_after_seq_is_stale_while_the_checkpoint_is_before_seq_only() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    // The catalog has #4 but not #5.
    let f = find(&exec(&mut s, r#"find shelf "b1" after 5"#)).clone();
    assert!(f.stale);
    assert_eq!(f.after, Some(5));
    let f = find(&exec(&mut s, r#"find shelf "b1" after 4"#)).clone();
    assert!(
        !f.stale,
        "it has what the reader asked for, though not the head"
    );
    assert!(!find(&exec(&mut s, r#"find shelf "b1" after 0"#)).stale);
    // A stamp ahead of the head stays stale.
    run(&mut s, "tick");
    assert!(find(&exec(&mut s, r#"find shelf "b1" after 9"#)).stale);
    assert!(!find(&exec(&mut s, r#"find shelf "b1" after 5"#)).stale);
}

#[test]
fn find_matches_the_drawer_label_case_insensitively_and_exactly() {
    let mut s = session(TWO_BOOKS);
    assert_eq!(ids(&s, "titles", "dune"), ["b1"]);
    assert_eq!(ids(&s, "titles", "DUNE"), ["b1"]);
    assert!(ids(&s, "titles", "Dun").is_empty());
    assert!(ids(&s, "titles", "Dune ").is_empty());
    assert_eq!(ids(&s, "authors", "jane austen"), ["b2"]);
    assert_eq!(ids(&s, "shelf", "B1"), ["b1"]);
    let f = find(&exec(&mut s, r#"find titles "nothing""#)).clone();
    assert!(f.cards.is_empty());
    assert_eq!((f.catalog.as_str(), f.key.as_str()), ("titles", "nothing"));
}

#[test]
fn cards_show_id_title_author_subjects_and_status() {
    let s = session(TWO_BOOKS);
    let card = s
        .library()
        .catalog("authors")
        .unwrap()
        .find("frank herbert")[0]
        .clone();
    assert_eq!(card.book.as_str(), "b1");
    assert_eq!((&*card.title, &*card.author), ("Dune", "Frank Herbert"));
    let subjects: Vec<&str> = card.subjects.iter().map(|s| &**s).collect();
    assert_eq!(subjects, ["science fiction", "deserts"]);
    assert_eq!(card.status, Status::Available);
}

#[test]
fn queries_never_touch_the_back_office_or_the_log() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let before = s.library().log().events().to_vec();
    let books: Vec<Book> = s.library().office().books().cloned().collect();
    let catalogs = s.library().projectors().to_vec();
    for line in [
        r#"find shelf "b1""#,
        r#"find titles "Dune" after 2"#,
        "show subjects",
        "status",
    ] {
        assert_eq!(exec(&mut s, line).word(), "answered");
    }
    assert_eq!(s.library().log().events(), &before[..]);
    assert_eq!(
        s.library().office().books().cloned().collect::<Vec<_>>(),
        books
    );
    assert_eq!(s.library().projectors(), &catalogs[..]);
    assert_eq!(s.library().now(), 1);
}

#[test]
fn naming_a_catalog_that_does_not_exist_is_an_error_with_the_nearest_name() {
    let mut s = Session::new();
    for line in [
        r#"find titels "Dune""#,
        "show titels",
        "lag titels 2",
        "pause titels",
        "resume titels",
        "sync titels",
        "damage titels",
        "rebuild titels",
    ] {
        let e = exec_err(&mut s, line);
        assert_eq!(e.line, 7, "{line}");
        assert_eq!(e.col, line.find("titels").unwrap() + 1, "{line}");
        assert_eq!(e.suggestion.as_deref(), Some("titles"), "{line}");
        assert!(
            e.message.contains(
                "no catalog is named \"titels\" (there are: authors, titles, subjects, shelf)"
            ),
            "{}",
            e.message
        );
    }
    assert!(s.history().is_empty(), "a failed command is not history");
    assert!(s.last().is_none());
}

// ---------------------------------------------------------------------------------------------
// What the catalogs file.

#[test]
fn only_cataloged_books_have_cards() {
    let s = session(&format!(
        "{TWO_BOOKS}acquire b3 \"Ulysses\" by \"James Joyce\"\ntick"
    ));
    for p in s.library().projectors() {
        assert!(!p.catalog.has("b3"), "{}", p.name);
        assert!(p.catalog.has("b1"), "{}", p.name);
    }
}

#[test]
fn a_book_with_two_subjects_has_a_card_in_two_drawers() {
    let s = session(TWO_BOOKS);
    assert_eq!(ids(&s, "subjects", "science fiction"), ["b1"]);
    assert_eq!(ids(&s, "subjects", "deserts"), ["b1"]);
    assert_eq!(s.library().catalog("subjects").unwrap().card_count(), 3);
}

#[test]
fn a_book_without_subjects_has_no_card_in_subjects() {
    let s = session("acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\ntick");
    assert!(!s.library().catalog("subjects").unwrap().has("b1"));
    assert!(s.library().catalog("titles").unwrap().has("b1"));
}

#[test]
fn the_shelf_has_a_drawer_per_book_and_shows_lent_books_once_filed() {
    let s = session(&format!("{TWO_BOOKS}lend b1 to ada\ntick"));
    assert_eq!(
        drawers(&s, "shelf"),
        [
            ("b1".into(), vec!["b1".into()]),
            ("b2".into(), vec!["b2".into()])
        ]
    );
    let card = s.library().catalog("shelf").unwrap().card("b1").unwrap();
    assert_eq!(card.status.word(), "lent");
    // The other catalogs show the status too.
    let card = s.library().catalog("titles").unwrap().card("b1").unwrap();
    assert_eq!(card.status.word(), "lent");
}

#[test]
fn a_withdrawn_books_cards_are_removed() {
    let s = session(&format!("{TWO_BOOKS}withdraw b1\ntick"));
    for name in ["authors", "titles", "subjects", "shelf"] {
        assert!(!s.library().catalog(name).unwrap().has("b1"), "{name}");
        assert!(s.library().catalog(name).unwrap().card("b1").is_none());
    }
    assert!(
        ids(&s, "subjects", "deserts").is_empty(),
        "an empty drawer goes away"
    );
}

#[test]
fn revising_a_title_refiles_the_card_in_titles_and_updates_it_elsewhere() {
    let s = session(&format!(
        "{TWO_BOOKS}revise b1 title \"Dune Messiah\"\nrevise b2 author \"J. Austen\"\ntick"
    ));
    assert!(ids(&s, "titles", "Dune").is_empty());
    assert_eq!(ids(&s, "titles", "Dune Messiah"), ["b1"]);
    assert!(ids(&s, "authors", "Jane Austen").is_empty());
    assert_eq!(ids(&s, "authors", "J. Austen"), ["b2"]);
    let card = s.library().catalog("authors").unwrap().card("b1").unwrap();
    assert_eq!(&*card.title, "Dune Messiah");
    let card = s.library().catalog("titles").unwrap().card("b2").unwrap();
    assert_eq!(&*card.author, "J. Austen");
}

#[test]
fn a_revision_before_cataloging_is_what_the_cards_show() {
    let s = session(
        "acquire b1 \"Dnue\" by \"Frank Herbert\"\nrevise b1 title \"Dune\"\ncatalog b1\ntick",
    );
    assert_eq!(ids(&s, "titles", "Dune"), ["b1"]);
    assert!(ids(&s, "titles", "Dnue").is_empty());
}

#[test]
fn books_with_the_same_title_share_a_drawer_in_book_id_order() {
    let s = session(
        "acquire b2 \"Dune\" by \"A\"\nacquire b1 \"DUNE\" by \"B\"\ncatalog b2\ncatalog b1\ntick",
    );
    assert_eq!(ids(&s, "titles", "dune"), ["b1", "b2"]);
    // The drawer keeps the label it was first written with.
    assert_eq!(drawers(&s, "titles")[0].0, "Dune");
}

// ---------------------------------------------------------------------------------------------
// Damage: deterministic, exactly as docs/model-semantics.md says.

#[test]
fn damage_loses_every_odd_card_and_misfiles_card_0_under_its_label_backwards() {
    let mut s = session(
        r#"acquire b1 "Alpha" by "A"
acquire b2 "Beta" by "B"
acquire b3 "Gamma" by "C"
acquire b4 "Delta" by "D"
catalog b1
catalog b2
catalog b3
catalog b4
tick"#,
    );
    // In drawer order: #0 Alpha b1, #1 Beta b2, #2 Delta b4, #3 Gamma b3.
    let o = exec(&mut s, "damage titles");
    assert_eq!(message(&o), "titles damaged: 2 cards lost, 1 misfiled");
    assert_eq!(
        drawers(&s, "titles"),
        [
            ("ahplA".into(), vec!["b1".into()]),
            ("Delta".into(), vec!["b4".into()])
        ]
    );
    assert!(ids(&s, "titles", "Alpha").is_empty());
    assert_eq!(ids(&s, "titles", "ahpla"), ["b1"]);
    assert!(!s.library().catalog("titles").unwrap().has("b2"));
    assert_eq!(health(&s, "titles"), Health::Damaged);
    assert!(projector(&s, "titles").damaged);
    assert_eq!(
        checkpoint(&s, "titles"),
        8,
        "damage loses cards, not the checkpoint"
    );
    assert_eq!(health(&s, "authors"), Health::CaughtUp, "only that catalog");
}

#[test]
fn damage_numbers_cards_across_drawers_sorted_by_label_then_by_book_id() {
    let mut s = session(
        r#"acquire b2 "X" by "A" about "sea"
acquire b1 "Y" by "B" about "war", "sea"
acquire b3 "Z" by "C" about "art"
catalog b1
catalog b2
catalog b3
tick"#,
    );
    // #0 art/b3, #1 sea/b1 (lost), #2 sea/b2, #3 war/b1 (lost).
    let o = exec(&mut s, "damage subjects");
    assert_eq!(message(&o), "subjects damaged: 2 cards lost, 1 misfiled");
    assert_eq!(
        drawers(&s, "subjects"),
        [
            ("sea".into(), vec!["b2".into()]),
            ("tra".into(), vec!["b3".into()])
        ]
    );
}

#[test]
fn damage_is_deterministic() {
    let script = format!("{TWO_BOOKS}acquire b3 \"Ulysses\" by \"James Joyce\"\ncatalog b3\ntick");
    let mut a = session(&script);
    let mut b = session(&script);
    for name in ["authors", "titles", "subjects", "shelf"] {
        let ma = message(&exec(&mut a, &format!("damage {name}"))).to_string();
        let mb = message(&exec(&mut b, &format!("damage {name}"))).to_string();
        assert_eq!(ma, mb);
        assert_eq!(a.library().catalog(name), b.library().catalog(name));
    }
}

#[test]
fn damaging_an_empty_catalog_changes_nothing_and_leaves_it_healthy() {
    let mut s = Session::new();
    let o = exec(&mut s, "damage shelf");
    assert_eq!(message(&o), "shelf has no cards to damage");
    assert_eq!(health(&s, "shelf"), Health::CaughtUp);
}

#[test]
fn damaging_a_catalog_whose_only_card_reads_the_same_backwards_still_damages_it() {
    // "Anna" backwards is "annA": the same drawer, so card 0 stays where it is; nothing is
    // lost. The catalog had a card to damage all the same, and says so.
    let mut s = session("acquire b1 \"Anna\" by \"A\"\ncatalog b1\ntick");
    let o = exec(&mut s, "damage titles");
    assert_eq!(message(&o), "titles damaged: 0 cards lost, 0 misfiled");
    assert_eq!(health(&s, "titles"), Health::Damaged);
    assert_eq!(ids(&s, "titles", "anna"), ["b1"]);
    run(&mut s, "rebuild titles");
    assert_eq!(health(&s, "titles"), Health::CaughtUp);
}

#[test]
fn a_damaged_catalog_keeps_applying_new_events() {
    let mut s = session(&format!("{TWO_BOOKS}damage titles"));
    run(
        &mut s,
        "acquire b3 \"Ulysses\" by \"James Joyce\"\ncatalog b3\ntick",
    );
    assert_eq!(checkpoint(&s, "titles"), 6);
    assert_eq!(ids(&s, "titles", "Ulysses"), ["b3"]);
    assert_eq!(health(&s, "titles"), Health::Damaged, "until rebuilt");
}

#[test]
fn damaging_a_single_card_misfiles_it() {
    let mut s = session("acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\ntick");
    let o = exec(&mut s, "damage titles");
    assert_eq!(message(&o), "titles damaged: 0 cards lost, 1 misfiled");
    assert_eq!(drawers(&s, "titles"), [("enuD".into(), vec!["b1".into()])]);
}

// ---------------------------------------------------------------------------------------------
// Rebuild: replay the log into a fresh catalog, swapped in when complete.

#[test]
fn rebuild_restores_a_damaged_catalog_from_the_log() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada\ntick"));
    let before = s.library().catalog("subjects").unwrap().clone();
    run(&mut s, "damage subjects");
    assert_ne!(s.library().catalog("subjects").unwrap(), &before);
    let o = exec(&mut s, "rebuild subjects");
    assert_eq!(
        message(&o),
        "subjects rebuilt by replaying 5 events, then swapped in"
    );
    assert_eq!(s.library().catalog("subjects").unwrap(), &before);
    assert_eq!(health(&s, "subjects"), Health::CaughtUp);
    assert!(!projector(&s, "subjects").damaged);
}

#[test]
fn rebuild_brings_the_checkpoint_to_the_head_whatever_the_lag() {
    let mut s = session("lag titles 9");
    run(&mut s, TWO_BOOKS);
    assert_eq!(checkpoint(&s, "titles"), 0);
    run(&mut s, "rebuild titles");
    assert_eq!(checkpoint(&s, "titles"), 4);
    assert_eq!(
        s.library().catalog("titles"),
        Some(&fresh(s.library(), "titles"))
    );
}

#[test]
fn rebuild_keeps_the_lag_and_the_pause() {
    let mut s = session("lag titles 3\npause titles");
    run(&mut s, TWO_BOOKS);
    run(&mut s, "damage titles\nrebuild titles");
    let p = projector(&s, "titles");
    assert_eq!(
        (p.delay, p.paused, p.damaged, p.checkpoint),
        (3, true, false, 4)
    );
    assert_eq!(health(&s, "titles"), Health::Paused);
}

#[test]
fn a_stepped_rebuild_leaves_the_old_catalog_answering_until_it_is_swapped_in() {
    let mut s = session(&format!("{TWO_BOOKS}damage titles"));
    let damaged = s.library().catalog("titles").unwrap().clone();
    let mut job = s.library().start_rebuild(&catalog_ref("titles")).unwrap();
    assert_eq!((job.target, job.done(), job.is_complete()), (4, 0, false));
    job.step(s.library().log(), 3);
    assert_eq!((job.done(), job.is_complete()), (3, false));
    // Meanwhile the old, damaged catalog answers.
    assert!(
        find(&exec(&mut s, r#"find titles "Emma""#))
            .cards
            .is_empty()
    );
    assert_eq!(s.library().catalog("titles"), Some(&damaged));
    assert_eq!(health(&s, "titles"), Health::Damaged);
    job.step(s.library().log(), 3);
    assert_eq!((job.done(), job.is_complete()), (4, true));
    job.step(s.library().log(), 3);
    assert_eq!(job.done(), 4, "a job replays up to its target only");
    let mut library = s.library().clone();
    library.finish_rebuild(job);
    assert_eq!(library.catalog("titles"), Some(&fresh(&library, "titles")));
    assert_eq!(
        library.projector("titles").unwrap().health(4),
        Health::CaughtUp
    );
}

/// Executes lines on a bare library, for the tests that hold a `RebuildJob` beside it.
fn lib_run(library: &mut Library, script: &str) {
    for (i, line) in script.lines().enumerate() {
        if let Some(command) = parse_line(line, i + 1).expect("parses") {
            library.execute(&command).expect("executes");
        }
    }
}

#[test]
fn a_stepped_rebuild_never_moves_the_checkpoint_back_when_events_arrive_meanwhile() {
    let mut library = Library::new();
    lib_run(&mut library, &format!("lag titles 5\n{TWO_BOOKS}"));
    let mut job = library.start_rebuild(&catalog_ref("titles")).unwrap();
    job.step(library.log(), u64::MAX);
    assert_eq!(job.target, 4);
    // While the job ran, a loan was appended and the old catalog synced past the job's target.
    lib_run(&mut library, "lend b1 to ada\nsync titles");
    assert_eq!(library.projector("titles").unwrap().checkpoint, 5);
    library.finish_rebuild(job);
    let p = library.projector("titles").unwrap();
    assert_eq!(
        p.checkpoint, 5,
        "the swapped-in catalog is not older than the old one"
    );
    assert_eq!(p.catalog, fresh(&library, "titles"));
    assert_eq!(p.catalog.card("b1").unwrap().status.word(), "lent");
}

#[test]
fn finishing_a_rebuild_swaps_in_only_a_complete_catalog() {
    let mut library = Library::new();
    lib_run(
        &mut library,
        &format!("{TWO_BOOKS}damage titles\npause titles"),
    );
    let mut job = library.start_rebuild(&catalog_ref("titles")).unwrap();
    job.step(library.log(), 2);
    assert!(!job.is_complete());
    library.finish_rebuild(job);
    let p = library.projector("titles").unwrap();
    assert_eq!((p.checkpoint, p.damaged), (4, false));
    assert_eq!(p.catalog, fresh(&library, "titles"));
}

#[test]
fn starting_a_rebuild_of_an_unknown_catalog_is_an_error() {
    let s = Session::new();
    let e = s
        .library()
        .start_rebuild(&catalog_ref("shelve"))
        .unwrap_err();
    assert_eq!(e.suggestion().as_deref(), Some("shelf"));
}

// ---------------------------------------------------------------------------------------------
// add-catalog: a new read model built from the whole history.

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

fn added(field: &str) -> Session {
    let mut s = session(HISTORY);
    let o = exec(&mut s, &format!("add-catalog new by {field}"));
    assert!(message(&o).starts_with("new built from 15 events of history, filed by"));
    let p = projector(&s, "new");
    assert_eq!(
        (p.checkpoint, p.delay, p.paused, p.damaged),
        (15, DEFAULT_DELAY, false, false)
    );
    assert_eq!(s.library().catalog("new"), Some(&fresh(s.library(), "new")));
    s
}

#[test]
fn add_catalog_by_title_files_every_cataloged_book_under_its_current_title() {
    let s = added("title");
    assert_eq!(
        drawers(&s, "new"),
        [
            ("Dune".into(), vec!["b1".into()]),
            ("Emma (1815)".into(), vec!["b2".into()]),
            ("Persuasion".into(), vec!["b4".into()]),
        ]
    );
}

#[test]
fn add_catalog_by_author_files_books_by_author() {
    let s = added("author");
    assert_eq!(
        drawers(&s, "new"),
        [
            ("Frank Herbert".into(), vec!["b1".into()]),
            ("Jane Austen".into(), vec!["b2".into(), "b4".into()]),
        ]
    );
}

#[test]
fn add_catalog_by_subject_files_a_card_per_subject() {
    let s = added("subject");
    assert_eq!(
        drawers(&s, "new"),
        [
            ("deserts".into(), vec!["b1".into()]),
            ("romance".into(), vec!["b2".into(), "b4".into()]),
            ("science fiction".into(), vec!["b1".into()]),
        ]
    );
}

#[test]
fn add_catalog_by_patron_files_the_books_lent_to_each_patron_now() {
    let s = added("patron");
    assert_eq!(
        drawers(&s, "new"),
        [
            ("ada".into(), vec!["b1".into()]),
            ("bob".into(), vec!["b2".into()]),
        ]
    );
}

#[test]
fn add_catalog_by_status_files_available_lent_and_withdrawn() {
    let s = added("status");
    assert_eq!(
        drawers(&s, "new"),
        [
            ("available".into(), vec!["b4".into()]),
            ("lent".into(), vec!["b1".into(), "b2".into()]),
            ("withdrawn".into(), vec!["b3".into()]),
        ]
    );
    let card = s.library().catalog("new").unwrap().card("b3").unwrap();
    assert_eq!(card.status, Status::Withdrawn);
}

#[test]
fn an_added_catalog_is_kept_up_to_date_like_the_others() {
    let mut s = added("patron");
    run(&mut s, "return b1\nlend b4 to cy");
    assert_eq!(ids(&s, "new", "ada"), ["b1"], "lag 1: not yet");
    run(&mut s, "tick");
    assert!(ids(&s, "new", "ada").is_empty());
    assert_eq!(ids(&s, "new", "cy"), ["b4"]);
    assert_eq!(checkpoint(&s, "new"), 17);
}

#[test]
fn adding_a_catalog_whose_name_exists_is_an_error() {
    let mut s = Session::new();
    let e = exec_err(&mut s, "add-catalog titles by title");
    assert_eq!((e.line, e.col), (7, 13));
    assert_eq!(e.message, "a catalog named \"titles\" exists already");
    assert_eq!(s.library().projectors().len(), 4);
}

#[test]
fn a_library_holds_at_most_max_catalogs_and_says_so_when_asked_for_more() {
    let mut s = Session::new();
    for i in 4..MAX_CATALOGS {
        exec(&mut s, &format!("add-catalog extra{i} by status"));
    }
    assert_eq!(s.library().projectors().len(), MAX_CATALOGS);
    let e = exec_err(&mut s, "add-catalog one-more by title");
    assert_eq!((e.line, e.col), (7, 13));
    assert!(
        e.message
            .contains(&format!("at most {MAX_CATALOGS} catalogs")),
        "{}",
        e.message
    );
    assert_eq!(s.library().projectors().len(), MAX_CATALOGS);
}

#[test]
fn an_empty_history_gives_an_empty_new_catalog() {
    let mut s = Session::new();
    let o = exec(&mut s, "add-catalog loans by patron");
    assert_eq!(
        message(&o),
        "loans built from 0 events of history, filed by patron: 0 cards"
    );
    assert_eq!(s.library().catalog("loans").unwrap().card_count(), 0);
}

// ---------------------------------------------------------------------------------------------
// Delivery may repeat; projection must not.

#[test]
fn redelivering_an_applied_event_changes_nothing() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada\ntick\nreturn b1"));
    let mut library = s.library().clone();
    let before = library.projectors().to_vec();
    let events = library.log().events().to_vec();
    // #6 (return) is not yet filed anywhere; #1-#5 are everywhere.
    for e in &events[..5] {
        assert_eq!(library.redeliver(e), 0);
    }
    assert_eq!(library.projectors(), &before[..]);
    run(&mut s, "tick");
    let mut library = s.library().clone();
    let before = library.projectors().to_vec();
    for e in &events {
        assert_eq!(library.redeliver(e), 0);
    }
    assert_eq!(library.projectors(), &before[..]);
}

// ---------------------------------------------------------------------------------------------
// Sessions: the path every caller takes.

#[test]
fn a_session_remembers_the_last_outcome_the_last_answer_and_its_history() {
    let mut s = session(TWO_BOOKS);
    assert_eq!(s.history().len(), 5);
    run(&mut s, "find titles \"Dune\"\nlend b1 to ada\nstatus");
    assert_eq!(s.last().unwrap().word(), "answered");
    let Some(Answer::Find(f)) = s.last_answer() else {
        panic!("status is not an answer conditions read")
    };
    assert_eq!(f.key, "Dune");
    assert_eq!(s.history().len(), 8);
    assert_eq!(s.history()[6].to_string(), "lend b1 to ada");
}

#[test]
fn replaying_a_sessions_history_rebuilds_the_same_library() {
    let s = session(&format!(
        "{HISTORY}lag titles 0\npause shelf\ndamage authors\nadd-catalog who by patron\ntick 3\nsync shelf"
    ));
    let mut again = Session::new();
    for command in s.history() {
        again.execute(command).unwrap();
    }
    assert_eq!(again.library().log().events(), s.library().log().events());
    assert_eq!(again.library().projectors(), s.library().projectors());
    assert_eq!(again.library().now(), s.library().now());
}

#[test]
fn execute_script_parses_everything_first_and_stops_at_an_unknown_catalog() {
    let mut s = Session::new();
    let errors = s
        .execute_script("acquire b1 \"Dune\" by \"F\"\nlned b1 to ada\ntik")
        .unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!((errors[0].line, errors[1].line), (2, 3));
    assert_eq!(s.library().head(), 0, "nothing ran");
    let errors = s
        .execute_script("acquire b1 \"Dune\" by \"F\"\nshow nope\ncatalog b1")
        .unwrap_err();
    assert_eq!((errors.len(), errors[0].line, errors[0].col), (1, 2, 6));
    assert_eq!(
        s.library().head(),
        1,
        "the line before ran, the one after did not"
    );
    let done = Session::new()
        .execute_script("# a comment\n\ntick 2\nstatus")
        .unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!((done[0].0.line, done[1].0.line), (3, 4));
}

#[test]
fn a_command_built_in_code_executes_like_a_parsed_one() {
    let mut s = Session::new();
    let o = s
        .execute(&Command::Acquire {
            book: "b1".into(),
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            subjects: vec![],
        })
        .unwrap();
    assert_eq!(o.word(), "accepted");
    let parsed = parse_line(r#"acquire b1 "Dune" by "Frank Herbert""#, 1)
        .unwrap()
        .unwrap();
    assert_eq!(s.history(), [parsed]);
}

// ---------------------------------------------------------------------------------------------
// Conditions: what challenges and quiz keys say, parsed and checked against a session.

fn cond(text: &str) -> Condition {
    Condition::parse(text).unwrap_or_else(|e| panic!("`{text}`: word {}: {}", e.word, e.message))
}

fn holds(s: &Session, text: &str) -> bool {
    cond(text).holds(s)
}

#[test]
fn every_documented_condition_parses() {
    for text in [
        "book b1 is acquired",
        "book b1 is available",
        "book b1 is lent",
        "book b1 is lent to ada",
        "book b1 is withdrawn",
        "book b1 is unknown",
        "catalog shelf exists",
        "catalog shelf is caught-up",
        "catalog shelf is behind",
        "catalog shelf is paused",
        "catalog shelf is damaged",
        "catalog shelf has b1",
        "catalog shelf lacks b1",
        "catalog shelf shows b1 as available",
        "catalog shelf shows b1 as lent",
        "catalog shelf shows b1 as withdrawn",
        "catalog shelf checkpoint is 3",
        "log head is 4",
        "log has 2 BookLent",
        "last is accepted",
        "last is rejected",
        "last is answered",
        "last is done",
        "last rejected by already-lent",
        "answer is stale",
        "answer is fresh",
        "answer has 2 cards",
        "answer has 1 card",
        "answer lists b1",
        "answer shows b1 as lent",
        "not book b1 is lent",
        "not not answer is fresh",
    ] {
        cond(text);
    }
}

#[test]
fn conditions_are_case_insensitive_and_fold_names() {
    assert_eq!(
        cond("BOOK B1 IS LENT TO Ada"),
        Condition::BookIs {
            book: "b1".into(),
            state: goal::BookIs::Lent,
            patron: Some("ada".into())
        }
    );
    assert_eq!(
        cond("Log Has 2 booklent"),
        Condition::LogHas { count: 2, kind: 2 }
    );
    assert_eq!(
        cond("catalog Shelf lacks b1"),
        Condition::Not(Box::new(Condition::CatalogHas {
            catalog: "shelf".into(),
            book: "b1".into()
        }))
    );
    assert_eq!(
        cond("last rejected by ALREADY-LENT"),
        Condition::LastRejectedBy {
            rule: Rule::AlreadyLent
        }
    );
}

#[test]
fn a_bad_condition_names_the_word_and_what_was_expected() {
    let cases = [
        (
            "",
            1,
            "expected `book`, `catalog`, `log`, `last`, `answer`, `office`, `outbox` or `not` at the end",
        ),
        ("bok b1 is lent", 1, "found `bok` (did you mean \"book\"?)"),
        (
            "book b1 is lnet",
            4,
            "expected acquired, available, lent, withdrawn or unknown, found `lnet` (did you mean \"lent\"?)",
        ),
        ("book b1 lent", 3, "expected `is`, found `lent`"),
        ("book b1 is lent to", 5, "expected a patron at the end"),
        ("book b1 is lent by ada", 5, "expected `to`, found `by`"),
        (
            "book b1 is available now",
            5,
            "unexpected `now` after the end of the condition",
        ),
        ("catalog shelf is behnd", 4, "(did you mean \"behind\"?)"),
        (
            "catalog shelf checkpoint is x",
            5,
            "expected a sequence number, found `x`",
        ),
        (
            "log has 2 BookLnet",
            4,
            "unknown event kind `BookLnet` (did you mean \"BookLent\"?)",
        ),
        (
            "log has two BookLent",
            3,
            "expected a number of events, found `two`",
        ),
        (
            "last rejected by already-lnet",
            4,
            "(did you mean \"already-lent\"?)",
        ),
        (
            "answer has 2 drawers",
            4,
            "expected `cards`, found `drawers`",
        ),
        ("answer is old", 3, "expected stale or fresh, found `old`"),
        ("not", 1, "at the end"),
    ];
    for (text, word, part) in cases {
        let e = Condition::parse(text).expect_err(text);
        assert_eq!(e.word, word, "`{text}`: {}", e.message);
        assert!(e.message.contains(part), "`{text}`: {}", e.message);
    }
}

#[test]
fn book_conditions_hold_for_the_back_offices_state() {
    let s = session(&format!(
        "{TWO_BOOKS}acquire b3 \"U\" by \"J\"\nacquire b4 \"P\" by \"A\"\nwithdraw b4\nlend b1 to ada"
    ));
    assert!(holds(&s, "book b3 is acquired"));
    assert!(holds(&s, "book b2 is available"));
    assert!(holds(&s, "book b1 is lent"));
    assert!(holds(&s, "book b1 is lent to ada"));
    assert!(!holds(&s, "book b1 is lent to bob"));
    assert!(!holds(&s, "book b2 is lent to ada"));
    assert!(holds(&s, "book b4 is withdrawn"));
    assert!(holds(&s, "book b9 is unknown"));
    assert!(!holds(&s, "book b1 is unknown"));
    assert!(
        !holds(&s, "book b9 is lent"),
        "absent is false, not an error"
    );
    assert!(holds(&s, "not book b9 is available"));
}

#[test]
fn catalog_conditions_hold_for_the_catalogs_state() {
    let s = session(&format!(
        "{TWO_BOOKS}pause titles\nlend b1 to ada\ndamage subjects\nadd-catalog st by status\nwithdraw b2\ntick"
    ));
    assert!(holds(&s, "catalog st exists"));
    assert!(!holds(&s, "catalog nope exists"));
    assert!(holds(&s, "catalog shelf is caught-up"));
    assert!(holds(&s, "catalog titles is paused"));
    assert!(holds(&s, "catalog subjects is damaged"));
    assert!(holds(&s, "catalog shelf has b1"));
    assert!(holds(&s, "catalog shelf lacks b2"));
    assert!(holds(&s, "catalog shelf shows b1 as lent"));
    assert!(
        holds(&s, "catalog titles shows b1 as available"),
        "paused before the loan"
    );
    assert!(holds(&s, "catalog st shows b2 as withdrawn"));
    assert!(holds(&s, "catalog shelf checkpoint is 6"));
    assert!(holds(&s, "catalog titles checkpoint is 4"));
    assert!(!holds(&s, "catalog nope has b1"));
    assert!(!holds(&s, "catalog nope is caught-up"));
    assert!(!holds(&s, "catalog nope checkpoint is 0"));
    assert!(!holds(&s, "catalog nope shows b1 as lent"));
    let s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    assert!(holds(&s, "catalog shelf is behind"));
}

#[test]
fn log_and_last_conditions_hold_for_the_log_and_the_last_outcome() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada\nlend b1 to bob"));
    assert!(holds(&s, "log head is 5"));
    assert!(holds(&s, "log has 1 BookLent"));
    assert!(holds(&s, "log has 0 BookReturned"));
    assert!(holds(&s, "last is rejected"));
    assert!(holds(&s, "last rejected by already-lent"));
    assert!(!holds(&s, "last rejected by not-lent"));
    run(&mut s, "return b1");
    assert!(holds(&s, "last is accepted"));
    assert!(!holds(&s, "last rejected by already-lent"));
    run(&mut s, "tick");
    assert!(holds(&s, "last is done"));
    run(&mut s, "status");
    assert!(holds(&s, "last is answered"));
    assert!(!holds(&Session::new(), "last is done"), "no last yet");
}

#[test]
fn answer_conditions_hold_for_the_last_find_or_show() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    assert!(!holds(&s, "answer is stale"), "no answer yet");
    assert!(!holds(&s, "answer is fresh"));
    run(&mut s, "find shelf \"b1\"");
    assert!(holds(&s, "answer is stale"));
    assert!(holds(&s, "answer has 1 cards"));
    assert!(holds(&s, "answer lists b1"));
    assert!(!holds(&s, "answer lists b2"));
    assert!(holds(&s, "answer shows b1 as available"));
    assert!(!holds(&s, "answer shows b1 as lent"));
    // `status` is not an answer these read: the last find still counts.
    run(&mut s, "tick\nstatus");
    assert!(holds(&s, "answer is stale"));
    run(&mut s, "find shelf \"b1\" after 5");
    assert!(holds(&s, "answer is fresh"));
    assert!(holds(&s, "answer shows b1 as lent"));
    run(&mut s, "show authors");
    assert!(holds(&s, "answer has 2 cards"));
    assert!(holds(&s, "answer lists b2"));
    assert!(holds(&s, "answer is fresh"));
}

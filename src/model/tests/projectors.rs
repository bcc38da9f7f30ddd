//! Projectors, as docs/model-semantics.md states them: lag, the clock, pause, resume, sync; and
//! delivery that repeats, which projection must not.

use super::*;

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
            crashed: None,
            parked: false
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
            crashed: None,
            parked: false
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
            crashed: None,
            parked: false
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

//! An event a projector cannot file, as docs/model-semantics.md states it: `poison`, retries
//! with back-off, parking, `heal` and `retry`, and what `status`, `show` and `verify` say.

use super::*;

/// Two books filed by tick 1, then ada's loan of b1 (#5, due at tick 2), which the shelf's
/// projector cannot file.
fn poisoned_loan() -> Session {
    session(&format!("{TWO_BOOKS}lend b1 to ada\npoison shelf 5"))
}

fn retry_state(s: &Session) -> Option<(u64, u64)> {
    projector(s, "shelf").retrying()
}

#[test]
fn a_poisoned_event_is_retried_after_1_2_4_and_8_ticks_then_parked() {
    let mut s = poisoned_loan();
    let tries: Vec<(u64, Option<(u64, u64)>)> = (0..17)
        .map(|_| {
            run(&mut s, "tick");
            (s.library().now(), retry_state(&s))
        })
        .filter(|(_, r)| r.is_some())
        .collect();
    let next: Vec<u64> = tries.iter().map(|(_, r)| r.unwrap().1).collect();
    // Tried at 2, 3, 5, 9 and 17: the waits between are 1, 2, 4 and 8.
    assert_eq!(next.first(), Some(&3));
    let mut changes = next.clone();
    changes.dedup();
    assert_eq!(changes, [3, 5, 9, 17]);
    assert_eq!(tries.last().map(|(now, _)| *now), Some(16));
    assert_eq!(s.library().now(), 18);
    assert_eq!(health(&s, "shelf"), Health::Parked { seq: 5, more: 0 });
    assert_eq!(checkpoint(&s, "shelf"), 5, "the checkpoint moved past it");
    assert!(
        holds(&s, "catalog shelf shows b1 as available"),
        "never filed"
    );
}

#[test]
fn while_retrying_the_health_says_which_event_and_the_tick_of_the_next_try() {
    let mut s = poisoned_loan();
    let o = exec(&mut s, "tick");
    assert!(o.delivered().iter().all(|d| d.catalog != "shelf"));
    assert_eq!(
        health(&s, "shelf"),
        Health::Retrying {
            seq: 5,
            next_try: 3
        }
    );
    assert_eq!(
        crate::transcript::health_label(health(&s, "shelf")),
        "retrying #5 (next try at tick 3)"
    );
    assert!(holds(&s, "catalog shelf is retrying"));
    assert_eq!(
        checkpoint(&s, "shelf"),
        4,
        "it does not go on while it retries"
    );
    assert_eq!(checkpoint(&s, "titles"), 5);
}

#[test]
fn one_long_tick_comes_to_the_same_as_many_short_ones() {
    let mut one = poisoned_loan();
    run(&mut one, "tick 20");
    let mut many = poisoned_loan();
    for _ in 0..20 {
        run(&mut many, "tick");
    }
    assert_eq!(one.library().projectors(), many.library().projectors());
}

#[test]
fn after_parking_it_goes_on_and_status_show_and_verify_say_what_is_missing() {
    let mut s = poisoned_loan();
    run(&mut s, "tick 15");
    let o = exec(&mut s, "tick");
    let lines = crate::transcript::outcome_lines(s.library(), &o);
    assert_eq!(
        lines,
        [
            "done: the clock reads tick 17",
            "parked: shelf #5 (not filed: heal, then retry)"
        ],
        "the tick of the last try says so"
    );
    run(&mut s, "lend b2 to bob");
    assert_eq!(checkpoint(&s, "shelf"), 5);
    let o = exec(&mut s, "tick");
    let shelf: Vec<_> = o
        .delivered()
        .iter()
        .filter(|d| d.catalog == "shelf")
        .map(|d| (d.from, d.to))
        .collect();
    assert_eq!(shelf, [(6, 6)], "the next event is filed");
    assert!(holds(&s, "catalog shelf is parked"));
    let o = exec(&mut s, "status");
    let Outcome::Answered(Answer::Status(rows)) = &o else {
        panic!("{o:?}")
    };
    let row = rows.iter().find(|r| r.name == "shelf").unwrap();
    assert_eq!(row.parked, [5]);
    let lines = crate::transcript::outcome_lines(s.library(), &o);
    assert!(lines.iter().any(|l| l.ends_with("parked #5")), "{lines:?}");
    let o = exec(&mut s, "show shelf");
    assert_eq!(show(&o).parked, [5]);
    let lines = crate::transcript::outcome_lines(s.library(), &o);
    assert!(lines.contains(&"  parked, not filed: #5 (heal, then retry)".to_string()));
    let o = exec(&mut s, "verify shelf");
    let Outcome::Answered(Answer::Verify(v)) = &o else {
        panic!("{o:?}")
    };
    assert_eq!(changed(&v.drift), [("b1", "available", "lent")]);
    assert_eq!(v.drift.len(), 1);
}

#[test]
fn later_events_of_a_parked_book_are_parked_behind_it_and_other_books_go_on() {
    let mut s = poisoned_loan();
    run(&mut s, "sync shelf\nreturn b1\nlend b2 to bob");
    let o = exec(&mut s, "tick");
    let shelf: Vec<_> = o
        .delivered()
        .iter()
        .filter(|d| d.catalog == "shelf")
        .map(|d| (d.from, d.to, d.parked))
        .collect();
    assert_eq!(shelf, [(6, 6, true), (7, 7, false)]);
    assert_eq!(projector(&s, "shelf").parked(), [5, 6]);
    assert_eq!(health(&s, "shelf"), Health::Parked { seq: 5, more: 1 });
    assert!(holds(&s, "catalog shelf shows b2 as lent"));
    let o = exec(&mut s, "retry shelf");
    assert!(
        message(&o).contains("#5, #6 stay parked (heal it first)"),
        "{}",
        message(&o)
    );
    let o = exec(&mut s, "heal shelf");
    assert!(message(&o).contains("2 parked events wait for `retry shelf`"));
    let o = exec(&mut s, "retry shelf");
    assert_eq!(message(&o), "shelf filed the parked #5, #6 in order");
    assert!(projector(&s, "shelf").parked().is_empty());
    assert_eq!(health(&s, "shelf"), Health::CaughtUp);
    assert_eq!(
        fresh(s.library(), "shelf"),
        s.library().catalog("shelf").unwrap().clone()
    );
}

#[test]
fn a_sync_waits_out_no_back_off_it_parks_the_poisoned_event_at_once() {
    let mut s = poisoned_loan();
    let o = exec(&mut s, "sync shelf");
    assert_eq!(checkpoint(&s, "shelf"), 5);
    let runs: Vec<_> = o
        .delivered()
        .iter()
        .map(|d| (d.from, d.to, d.parked))
        .collect();
    assert_eq!(runs, [(5, 5, true)], "nothing was filed: #5 was parked");
    assert_eq!(
        crate::transcript::delivery_lines(o.delivered()),
        ["parked: shelf #5 (not filed: heal, then retry)"]
    );
    assert_eq!(projector(&s, "shelf").parked(), [5]);
}

#[test]
fn healed_while_retrying_the_event_is_filed_at_its_next_try() {
    let mut s = poisoned_loan();
    run(&mut s, "tick 2");
    let o = exec(&mut s, "heal shelf");
    assert_eq!(
        message(&o),
        "shelf is healed: it can file #5; #5 is filed at its next try, tick 5"
    );
    run(&mut s, "tick");
    assert_eq!(checkpoint(&s, "shelf"), 4, "not before its next try");
    let o = exec(&mut s, "tick");
    assert_eq!(
        o.delivered()
            .iter()
            .filter(|d| d.catalog == "shelf")
            .count(),
        1
    );
    assert_eq!(checkpoint(&s, "shelf"), 5);
    assert!(holds(&s, "catalog shelf shows b1 as lent"));
    assert!(projector(&s, "shelf").parked().is_empty());
}

#[test]
fn a_count_catalog_missing_a_parked_loan_is_miscounted_until_heal_and_retry() {
    let mut s = session(&format!(
        "{TWO_BOOKS}add-catalog loans count patron\nlend b1 to ada\npoison loans 5\nsync loans"
    ));
    assert_eq!(s.library().catalog("loans").unwrap().count("ada"), Some(0));
    let o = exec(&mut s, "verify loans");
    let Outcome::Answered(Answer::Verify(v)) = &o else {
        panic!("{o:?}")
    };
    assert!(v.drift.contains(&Drift::Miscounted {
        label: "ada".into(),
        found: 0,
        right: 1
    }));
    run(&mut s, "heal loans\nretry loans");
    assert_eq!(s.library().catalog("loans").unwrap().count("ada"), Some(1));
    let o = exec(&mut s, "verify loans");
    assert!(matches!(&o, Outcome::Answered(Answer::Verify(v)) if v.verified()));
}

#[test]
fn a_redelivered_parked_event_stays_parked_and_a_poisoned_one_is_tried_and_fails() {
    let mut s = poisoned_loan();
    let o = exec(&mut s, "redeliver shelf 5");
    assert!(message(&o).contains("could not be filed: next try at tick 2"));
    assert_eq!(checkpoint(&s, "shelf"), 4);
    run(&mut s, "sync shelf");
    let o = exec(&mut s, "redeliver shelf 5");
    assert!(message(&o).contains("stays parked: heal, then retry, files it"));
    assert_eq!(projector(&s, "shelf").parked(), [5]);
}

#[test]
fn poisoning_an_event_filed_already_changes_nothing() {
    let mut s = session(TWO_BOOKS);
    let before = s.library().projectors().to_vec();
    let o = exec(&mut s, "poison shelf 2");
    assert_eq!(
        message(&o),
        "shelf filed #2 already: the poison changes nothing (poison an event past its \
         checkpoint, one it has not filed)"
    );
    assert_eq!(s.library().projectors(), &before[..]);
}

#[test]
fn a_rebuild_replays_the_parked_events_and_leaves_nothing_parked() {
    let mut s = poisoned_loan();
    run(&mut s, "sync shelf\nrebuild shelf");
    assert!(projector(&s, "shelf").parked().is_empty());
    assert_eq!(health(&s, "shelf"), Health::CaughtUp);
    assert!(holds(&s, "catalog shelf shows b1 as lent"));
}

#[test]
fn a_paused_projector_tries_nothing_and_counts_no_failure_meanwhile() {
    let mut s = poisoned_loan();
    run(&mut s, "tick\npause shelf\ntick 30\nresume shelf");
    // The try due at tick 3 came while paused: it is made at the resume, tick 32, and fails.
    assert_eq!(retry_state(&s), Some((5, 34)));
    run(&mut s, "tick 2");
    assert_eq!(retry_state(&s), Some((5, 38)));
}

#[test]
fn poison_heal_and_retry_refuse_what_cannot_be_done_in_one_line_at_the_word() {
    let mut s = session(TWO_BOOKS);
    let e = exec_err(&mut s, "poison shelf 9");
    assert_eq!((e.line, e.col), (7, 14));
    assert_eq!(e.message, "there is no event #9: the log head is #4");
    let e = exec_err(&mut s, "poison shelv 1");
    assert_eq!((e.col, e.suggestion.as_deref()), (8, Some("shelf")));
    let e = exec_err(&mut s, "heal titels");
    assert_eq!((e.col, e.suggestion.as_deref()), (6, Some("titles")));
    let e = exec_err(&mut s, "retry shelf");
    assert_eq!(
        (e.col, e.message.as_str()),
        (7, "shelf has no parked event to retry")
    );
    let e = parse_line("poison shelf", 1).unwrap_err();
    assert!(
        e.message.contains("expected a sequence number"),
        "{}",
        e.message
    );
}

#[test]
fn a_retried_card_joins_a_drawer_opened_meanwhile_under_another_spelling_and_verify_agrees() {
    let mut s = session(
        "acquire b1 \"Dune\" by \"Frank Herbert\"\nacquire b2 \"DUNE\" by \"Frank Herbert\"\n\
         catalog b1\npoison titles 3\ncatalog b2\ntick 20\nheal titles\nretry titles",
    );
    let shown = show(&exec(&mut s, "show titles")).drawers.clone();
    let labels: Vec<&str> = shown.iter().map(|(l, _)| l.as_ref()).collect();
    assert_eq!(labels, ["DUNE"], "opened by b2 while b1 was parked");
    assert_eq!(ids(&s, "titles", "dune"), ["b1", "b2"]);
    let o = exec(&mut s, "verify titles");
    assert!(matches!(&o, Outcome::Answered(Answer::Verify(v)) if v.verified()));
}

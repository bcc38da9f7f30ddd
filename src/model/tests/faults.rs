//! Faults of delivery as docs/model-semantics.md states them: redelivery skipped by the
//! checkpoint, and `verify`, which finds drift by comparing a catalog with a replay.

use super::*;

/// What a `redeliver` came to.
fn redelivery(outcome: &Outcome) -> Redelivery {
    match outcome {
        Outcome::Done {
            done: Done::Redelivered { effect, .. },
            ..
        } => *effect,
        other => panic!("expected a redelivery, got {other:?}"),
    }
}

fn verified(outcome: &Outcome) -> &VerifyAnswer {
    match outcome {
        Outcome::Answered(Answer::Verify(v)) => v,
        other => panic!("expected a verify answer, got {other:?}"),
    }
}

#[test]
fn redelivering_an_event_at_or_below_the_checkpoint_is_skipped_and_says_why() {
    let mut s = session(TWO_BOOKS);
    let before = s.library().projectors().to_vec();
    for seq in 1..=4 {
        let o = exec(&mut s, &format!("redeliver titles {seq}"));
        assert_eq!(redelivery(&o), Redelivery::Skipped { checkpoint: 4 });
        assert!(o.delivered().is_empty());
        assert!(
            message(&o).contains("at or below the checkpoint #4"),
            "{}",
            message(&o)
        );
    }
    assert_eq!(s.library().projectors(), &before[..], "nothing changed");
}

#[test]
fn redelivering_the_next_event_due_files_it_now_and_once() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let o = exec(&mut s, "redeliver shelf 5");
    assert_eq!(redelivery(&o), Redelivery::Filed);
    assert_eq!(checkpoint(&s, "shelf"), 5);
    assert_eq!(checkpoint(&s, "titles"), 4, "only that catalog");
    run(&mut s, "tick");
    assert_eq!(
        checkpoint(&s, "shelf"),
        5,
        "its own delivery later is skipped"
    );
    assert!(holds(&s, "catalog shelf shows b1 as lent"));
}

#[test]
fn an_event_redelivered_ahead_of_a_gap_waits_and_is_filed_once_in_its_turn() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada\nlend b2 to bob"));
    let o = exec(&mut s, "redeliver shelf 6");
    assert_eq!(redelivery(&o), Redelivery::Waits { next: 5 });
    assert_eq!(checkpoint(&s, "shelf"), 4, "never skips a number");
    run(&mut s, "tick");
    assert_eq!(checkpoint(&s, "shelf"), 6);
    assert_eq!(
        fresh(s.library(), "shelf"),
        s.library().catalog("shelf").unwrap().clone()
    );
}

#[test]
fn redelivering_an_event_beyond_the_head_or_to_an_unknown_catalog_is_an_error() {
    let mut s = session(TWO_BOOKS);
    let e = exec_err(&mut s, "redeliver titles 9");
    assert_eq!((e.line, e.col), (7, 18));
    assert_eq!(e.message, "there is no event #9: the log head is #4");
    let e = exec_err(&mut s, "redeliver titels 1");
    assert_eq!(e.suggestion.as_deref(), Some("titles"));
    let e = exec_err(&mut Session::new(), "redeliver titles 1");
    assert_eq!(e.message, "there is no event #1: the log is empty");
}

#[test]
fn verify_of_a_catalog_that_equals_its_replay_says_so_and_changes_nothing() {
    let mut s = session(&format!("{HISTORY}tick"));
    let before = s.library().projectors().to_vec();
    for name in ["authors", "titles", "subjects", "shelf"] {
        let o = exec(&mut s, &format!("verify {name}"));
        let v = verified(&o);
        assert!(v.verified(), "{name}: {:?}", v.drift);
        assert_eq!(v.checkpoint, s.library().head());
    }
    assert_eq!(s.library().projectors(), &before[..]);
    assert_eq!(s.last().map(Outcome::word), Some("answered"));
}

#[test]
fn verify_replays_only_up_to_the_checkpoint_so_a_catalog_behind_is_not_drift() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let o = exec(&mut s, "verify shelf");
    assert!(verified(&o).verified());
    assert_eq!(verified(&o).checkpoint, 4);
}

#[test]
fn verify_after_damage_lists_each_card_lost_and_misfiled() {
    let mut s = session(&format!("{HISTORY}tick"));
    let damage = match exec(&mut s, "damage titles") {
        Outcome::Done {
            done: Done::Damaged { damage, .. },
            ..
        } => damage,
        other => panic!("{other:?}"),
    };
    let o = exec(&mut s, "verify titles");
    let v = verified(&o);
    let lost = v
        .drift
        .iter()
        .filter(|d| matches!(d, Drift::Lost { .. }))
        .count();
    let misfiled = v
        .drift
        .iter()
        .filter(|d| matches!(d, Drift::Misfiled { .. }));
    assert_eq!(lost, damage.lost);
    assert_eq!(misfiled.count(), damage.misfiled);
    assert_eq!(
        v.drift.len(),
        damage.lost + damage.misfiled,
        "{:?}",
        v.drift
    );
    assert!(v.drift.contains(&Drift::Misfiled {
        book: "b1".into(),
        found: "enuD".into(),
        right: "Dune".into(),
    }));
}

#[test]
fn verify_finds_a_card_that_says_something_the_replay_does_not() {
    // The shelf's cards as they stood at #4 (b1 available), under a checkpoint that claims #5
    // (b1 lent to ada): what a projector that skipped an event would hold.
    let s = session(&format!("{TWO_BOOKS}lend b1 to ada\ntick"));
    let mut library = s.library().clone();
    let mut job = RebuildJob::new("shelf", Field::Book, 4);
    job.step(library.log(), u64::MAX);
    library.put_catalog_for_tests("shelf", job.into_parts().0);
    let o = library
        .execute(&parse_line("verify shelf", 1).unwrap().unwrap())
        .unwrap();
    assert_eq!(changed(&verified(&o).drift), [("b1", "available", "lent")]);
    assert_eq!(verified(&o).drift.len(), 1);
    assert_eq!(verified(&o).checkpoint, 5);
}

#[test]
fn verify_of_an_unknown_catalog_is_an_error_with_the_nearest_name() {
    let e = exec_err(&mut Session::new(), "verify shlf");
    assert_eq!((e.col, e.suggestion.as_deref()), (8, Some("shelf")));
}

const LOANS: &str = r#"
acquire b1 "Dune" by "Frank Herbert"
acquire b2 "Emma" by "Jane Austen"
catalog b1
catalog b2
add-catalog loans count patron
lend b1 to ada
return b1
lend b1 to ada
lend b2 to bob
tick
"#;

/// The number a count catalog holds under a label.
fn count(s: &Session, catalog: &str, label: &str) -> u64 {
    s.library().catalog(catalog).unwrap().count(label).unwrap()
}

/// A catalog as a replay of the whole log into one of its kind files it.
fn replayed(library: &Library, name: &str) -> Catalog {
    let mut job = RebuildJob::like(name, library.catalog(name).unwrap(), library.head());
    job.step(library.log(), u64::MAX);
    job.into_parts().0
}

#[test]
fn a_count_catalog_counts_the_events_filed_under_each_label() {
    let mut s = session(LOANS);
    assert_eq!(
        (count(&s, "loans", "ada"), count(&s, "loans", "bob")),
        (2, 1)
    );
    assert_eq!(count(&s, "loans", "nobody"), 0);
    let o = exec(&mut s, r#"find loans "ADA""#);
    assert_eq!(find(&o).count, Some(2));
    let o = exec(&mut s, "show loans");
    assert_eq!(
        show(&o).counts,
        Some(vec![("ada".into(), 2), ("bob".into(), 1)])
    );
    assert!(s.library().catalog("loans").unwrap().is_count());
}

#[test]
fn a_count_catalog_built_from_history_and_rebuilt_equals_its_replay() {
    let mut s = session(&format!("{LOANS}add-catalog later count patron"));
    assert_eq!(count(&s, "later", "ada"), 2);
    run(&mut s, "damage loans\nrebuild loans");
    assert_eq!(
        *s.library().catalog("loans").unwrap(),
        replayed(s.library(), "loans")
    );
    assert!(s.library().catalog("loans").unwrap().is_count());
}

#[test]
fn redelivery_at_or_below_the_checkpoint_changes_no_count() {
    let mut s = session(LOANS);
    for seq in 1..=s.library().head() {
        let o = exec(&mut s, &format!("redeliver loans {seq}"));
        assert!(matches!(redelivery(&o), Redelivery::Skipped { .. }));
    }
    assert_eq!(count(&s, "loans", "ada"), 2);
}

#[test]
fn a_crash_with_the_checkpoint_kept_with_the_view_files_the_event_once() {
    let mut s = session(LOANS);
    run(
        &mut s,
        "return b2\ntick\ncrash loans\ncrash shelf\nlend b2 to ada",
    );
    let o = exec(&mut s, "tick");
    let crashed: Vec<_> = o.delivered().iter().filter_map(|d| d.crashed).collect();
    assert_eq!(crashed, [10, 10], "{:?}", o.delivered());
    assert_eq!(count(&s, "loans", "ada"), 3, "the loan counted once");
    for name in ["loans", "shelf"] {
        assert_eq!(
            *s.library().catalog(name).unwrap(),
            replayed(s.library(), name),
            "{name}"
        );
        assert_eq!(projector(&s, name).crashes, 1);
    }
}

#[test]
fn a_crash_with_the_checkpoint_apart_files_the_event_twice_harmless_for_cards_not_counts() {
    let mut s = session(LOANS);
    run(&mut s, "checkpoint loans apart\ncheckpoint shelf apart");
    run(
        &mut s,
        "return b2\ntick\ncrash loans\ncrash shelf\nlend b2 to ada\ntick",
    );
    assert_eq!(checkpoint(&s, "loans"), s.library().head());
    let shelf = s.library().catalog("shelf").unwrap();
    assert_eq!(
        *shelf,
        replayed(s.library(), "shelf"),
        "a card filed twice is one card"
    );
    assert_eq!(
        count(&s, "loans", "ada"),
        3 + 1,
        "the loan counted twice: off by one"
    );
    let o = exec(&mut s, "verify loans");
    assert_eq!(
        verified(&o).drift,
        [Drift::Miscounted {
            label: "ada".into(),
            found: 4,
            right: 3
        }]
    );
    assert!(verified(&exec(&mut s, "verify shelf")).verified());
}

#[test]
fn checkpoint_and_crash_of_an_unknown_catalog_are_errors_and_a_mode_is_required() {
    let mut s = Session::new();
    for line in ["crash titels", "checkpoint titels apart"] {
        let e = exec_err(&mut s, line);
        assert_eq!(e.suggestion.as_deref(), Some("titles"), "{line}");
    }
    let e = exec_err(&mut s, "crash ofice");
    assert_eq!(
        e.suggestion.as_deref(),
        Some("office"),
        "a misspelt `crash office` is offered the back office"
    );
    let e = parse_line("checkpoint titles sideways", 1).unwrap_err();
    assert!(
        e.message.contains("expected `with-view` or `apart`"),
        "{}",
        e.message
    );
    let o = exec(&mut s, "checkpoint titles with-view");
    assert!(message(&o).contains("with the cards, in one transaction"));
    assert!(!projector(&s, "titles").checkpoint_apart);
}

/// Two loans after the two books, appended at tick 1 and due at tick 2 everywhere.
const TWO_LOANS: &str = "lend b1 to ada\nlend b2 to bob";

#[test]
fn reorder_swaps_the_next_two_events_and_the_later_waits_buffered_until_the_gap_is_filled() {
    let mut s = session(TWO_BOOKS);
    let o = exec(&mut s, "reorder shelf");
    assert!(message(&o).contains("the next two events due will arrive swapped"));
    run(&mut s, TWO_LOANS);
    let o = exec(&mut s, "tick");
    assert_eq!(checkpoint(&s, "titles"), 6, "only that catalog");
    assert_eq!(
        checkpoint(&s, "shelf"),
        4,
        "#6 came first: it is not filed before #5"
    );
    assert_eq!(projector(&s, "shelf").buffered(), Some(6));
    assert!(o.delivered().iter().all(|d| d.catalog != "shelf"));
    let o = exec(&mut s, "status");
    let lines = crate::transcript::outcome_lines(s.library(), &o);
    let shelf = lines.iter().find(|l| l.trim_start().starts_with("shelf"));
    assert!(
        shelf.is_some_and(|l| l.ends_with("behind, #6 buffered")),
        "{lines:?}"
    );
    let standing = crate::transcript::catalog_standing(projector(&s, "shelf"), 6);
    assert!(
        standing.contains("#6 arrived early and waits for #5"),
        "{standing}"
    );
    let o = exec(&mut s, "tick");
    let shelf: Vec<_> = o.delivered().iter().map(|d| (d.from, d.to)).collect();
    assert_eq!(shelf, [(5, 6)], "#5 arrived, then both were filed in order");
    assert_eq!(projector(&s, "shelf").buffered(), None);
    assert_eq!(
        fresh(s.library(), "shelf"),
        s.library().catalog("shelf").unwrap().clone()
    );
}

#[test]
fn reorder_with_no_delay_holds_the_first_event_until_the_second_is_appended() {
    let mut s = session(&format!("{TWO_BOOKS}delay shelf 0\nreorder shelf"));
    let o = exec(&mut s, "lend b1 to ada");
    assert!(o.delivered().is_empty(), "#5 is held back in transit");
    assert!(projector(&s, "shelf").reorder_armed());
    run(&mut s, "lend b2 to bob");
    assert_eq!(projector(&s, "shelf").buffered(), Some(6));
    assert_eq!(checkpoint(&s, "shelf"), 4);
    run(&mut s, "tick");
    assert_eq!(checkpoint(&s, "shelf"), 6);
    assert!(holds(&s, "catalog shelf shows b2 as lent"));
}

#[test]
fn a_sync_or_a_redelivery_of_the_late_event_files_both_in_order_at_once() {
    for fill in ["sync shelf", "redeliver shelf 5"] {
        let mut s = session(&format!("{TWO_BOOKS}reorder shelf\n{TWO_LOANS}\ntick"));
        assert_eq!(projector(&s, "shelf").buffered(), Some(6), "{fill}");
        let o = exec(&mut s, fill);
        let shelf: Vec<_> = o.delivered().iter().map(|d| (d.from, d.to)).collect();
        assert_eq!(shelf, [(5, 6)], "{fill}");
        assert_eq!(projector(&s, "shelf").buffered(), None);
        assert_eq!(
            fresh(s.library(), "shelf"),
            s.library().catalog("shelf").unwrap().clone()
        );
    }
}

#[test]
fn reorder_of_an_unknown_catalog_is_an_error_at_its_name() {
    let e = exec_err(&mut Session::new(), "reorder shelv");
    assert_eq!((e.col, e.suggestion.as_deref()), (9, Some("shelf")));
    assert!(e.message.starts_with("no catalog is named \"shelv\""));
}

#[test]
fn conditions_read_a_count_and_say_what_verify_would_find() {
    let mut s = session(
        "acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\n\
         add-catalog loans count patron\ntick\ncheckpoint loans apart",
    );
    assert!(holds(&s, "catalog loans counts 0 under ada"));
    assert!(holds(&s, "catalog loans matches its replay"));
    run(&mut s, "crash loans\nlend b1 to ada\ntick");
    assert!(
        holds(&s, "catalog loans counts 2 under ADA"),
        "the crash with the checkpoint apart filed the loan twice"
    );
    assert!(holds(&s, "catalog loans differs from its replay"));
    assert!(!holds(&s, "catalog loans matches its replay"));
    assert!(
        holds(&s, "catalog shelf matches its replay"),
        "cards file the same way twice"
    );
    assert!(!holds(&s, "catalog nowhere matches its replay"));
    assert!(
        !holds(&s, "catalog shelf counts 1 under ada"),
        "a catalog of cards counts nothing"
    );
    let e = Condition::parse("catalog loans counts two under ada").unwrap_err();
    assert!(e.message.contains("a number"), "{}", e.message);
    let e = Condition::parse("catalog loans matches its history").unwrap_err();
    assert!(e.message.contains("replay"), "{}", e.message);
}

#[test]
fn a_crash_says_what_the_checkpoint_mode_makes_of_it() {
    let mut s = session(TWO_BOOKS);
    let said = |s: &mut Session, line: &str| {
        let o = exec(s, line);
        crate::transcript::outcome_lines(s.library(), &o).join(" ")
    };
    let with_view = said(&mut s, "crash titles");
    assert!(
        with_view.contains("cards and checkpoint lost together")
            && !with_view.contains("before saving"),
        "{with_view}"
    );
    run(&mut s, "checkpoint shelf apart");
    let apart = said(&mut s, "crash shelf");
    assert!(apart.contains("before saving its checkpoint"), "{apart}");
}

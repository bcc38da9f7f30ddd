//! The back office (write model), as docs/model-semantics.md states it: each command accepted,
//! and each rule that rejects it.

use super::*;

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
    for &r in Rule::ALL {
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

/// The office finds the book of an event at the event's accession number, but only when the
/// number is its own: events written by hand (no number) or numbered by another office, whose
/// numbers point at other books here, are found by their id.
#[test]
fn events_without_the_offices_own_numbers_still_reach_their_book() {
    let s = session(&format!("{TWO_BOOKS}lend b2 to ada"));
    let events: Vec<Event> = s.library().log().events().to_vec();
    let unnumbered = |e: &Event| Event {
        book: BookId::new(e.book.as_str()),
        ..e.clone()
    };
    // b2 is acquired first here, so it takes place 0; b1, by hand, takes place 1, where b2's
    // later events (numbered 1 by the live office) point.
    let mut office = BackOffice::new();
    office.apply(&events[1]);
    for e in events.iter().filter(|e| e.seq != 2) {
        match e.book.as_str() {
            "b1" => office.apply(&unnumbered(e)),
            _ => office.apply(e),
        }
    }
    assert_eq!(office.len(), 2);
    let b2 = office.book("b2").expect("b2");
    assert_eq!(
        (b2.version, &b2.state),
        (
            3,
            &BookState::Lent {
                patron: "ada".into()
            }
        )
    );
    let b1 = office.book("b1").expect("b1");
    assert_eq!((b1.version, &b1.state), (2, &BookState::Available));
}

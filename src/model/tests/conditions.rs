//! Conditions: what challenges and quiz keys say, parsed and checked against a session.

use super::*;

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

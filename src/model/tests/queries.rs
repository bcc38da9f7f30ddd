//! Queries, as docs/model-semantics.md states them: what the catalogs answer, and whether it
//! may be stale.

use super::*;

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
        // One hint: the nearest name, not the list of them as well.
        assert_eq!(e.message, "no catalog is named \"titels\"");
        assert_eq!(
            e.describe(),
            "no catalog is named \"titels\" (did you mean \"titles\"?)"
        );
    }
    assert!(s.history().is_empty(), "a failed command is not history");
    assert!(s.last().is_none());
}

#[test]
fn a_catalog_name_like_none_of_them_is_answered_with_the_list_alone() {
    let mut s = Session::new();
    let e = exec_err(&mut s, "show loans");
    assert_eq!(e.suggestion, None);
    assert_eq!(
        e.describe(),
        "no catalog is named \"loans\" (there are: authors, titles, subjects, shelf)"
    );
}

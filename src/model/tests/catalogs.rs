//! Catalogs (read models), as docs/model-semantics.md states them: what each files, and add-
//! catalog, a new read model built from the whole history.

use super::*;

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

// add-catalog: a new read model built from the whole history.

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

//! Damage and rebuild, as docs/model-semantics.md states them: damage is deterministic; a
//! rebuild replays the log into a fresh catalog, swapped in when complete.

use super::*;

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

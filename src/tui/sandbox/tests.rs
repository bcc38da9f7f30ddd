use super::*;

fn sandbox() -> Sandbox {
    Sandbox::new(None)
}

fn typed(s: &mut Sandbox, lines: &[&str]) {
    for line in lines {
        s.submit(line);
    }
}

const SETUP: [&str; 4] = [
    "acquire b1 \"Dune\" by \"Frank Herbert\"",
    "catalog b1",
    "tick",
    "lend b1 to ada",
];

#[test]
fn a_typed_command_runs_through_the_session_and_is_listed_with_its_outcome() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    assert_eq!(s.session.library().head(), 3);
    assert_eq!(s.ran.len(), 4);
    assert_eq!(s.ran[3].1.word(), "accepted");
    assert!(s.error.is_none());
}

#[test]
fn a_typo_keeps_the_line_and_says_where_with_a_suggestion() {
    let mut s = sandbox();
    s.submit("lned b1 to ada");
    let (text, error) = s.error.clone().unwrap();
    assert_eq!(text, "lned b1 to ada");
    assert_eq!(error.col, 1);
    assert_eq!(error.suggestion.as_deref(), Some("lend"));
    assert_eq!(s.input.text(), "lned b1 to ada");
    assert!(s.ran.is_empty());
}

#[test]
fn undo_takes_back_the_last_command() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.submit("undo");
    assert_eq!(s.session.library().head(), 2);
    assert!(
        s.session
            .library()
            .office()
            .book("b1")
            .is_some_and(|b| b.state.word() == "available")
    );
    assert!(s.notice[0].contains("undid `lend b1 to ada`"));
    s.submit("reset");
    assert_eq!(s.session.library().head(), 0);
    s.submit("undo");
    assert_eq!(s.notice, vec!["nothing to undo"]);
}

#[test]
fn save_then_load_replays_to_the_same_log() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("session.txt");
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.submit(&format!("save {}", file.display()));
    assert!(
        s.notice[0].starts_with("saved 4 commands"),
        "{:?}",
        s.notice
    );
    let mut other = sandbox();
    other.submit(&format!("load {}", file.display()));
    assert_eq!(
        other.session.library().log().events(),
        s.session.library().log().events()
    );
}

#[test]
fn scrubbing_shows_the_catalogs_as_they_were_and_returns_to_now() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    typed(&mut s, &["tick"]);
    assert!(
        s.session
            .library()
            .catalog("shelf")
            .unwrap()
            .card("b1")
            .is_some_and(|c| c.status.word() == "lent")
    );
    s.scrub(true);
    let (seq, past) = s.past.as_ref().unwrap();
    assert_eq!(*seq, 2);
    assert!(
        past.library()
            .catalog("shelf")
            .unwrap()
            .card("b1")
            .is_some_and(|c| c.status.word() == "available")
    );
    s.submit("lend b1 to bob");
    assert!(s.notice[0].contains("viewing the past"));
    assert_eq!(s.session.library().head(), 3);
    s.scrub(false);
    assert!(s.past.is_none());
}

#[test]
fn tab_completes_commands_catalogs_and_books() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.input.set("fi");
    s.complete();
    assert_eq!(s.input.text(), "find ");
    s.input.set("find ti");
    s.complete();
    assert_eq!(s.input.text(), "find titles ");
    s.input.set("re");
    s.complete();
    assert_eq!(
        s.candidates,
        vec!["rebuild", "reset", "resume", "return", "revise"]
    );
}

#[test]
fn starting_from_a_lesson_keeps_its_commands_as_history_for_undo() {
    let (content, _) = Content::load(None, None).unwrap();
    let s = Sandbox::from_lesson(&content, "eventual-consistency", None).unwrap();
    assert!(s.session.history().len() > 5);
    assert!(s.session.library().head() > 0);
    assert!(Sandbox::from_lesson(&content, "nope", None).is_none());
}

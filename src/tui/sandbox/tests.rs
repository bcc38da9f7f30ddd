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

fn shelf_says(session: &Session, book: &str) -> Option<&'static str> {
    session
        .library()
        .catalog("shelf")
        .and_then(|c| c.card(book))
        .map(|c| c.status.word())
}

#[test]
fn a_typed_command_runs_through_the_session_and_is_listed_with_its_outcome() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    assert_eq!(s.session().library().head(), 3);
    assert_eq!(s.ran().len(), 4);
    assert_eq!(s.ran()[3].outcome.word(), "accepted");
    assert!(s.error.is_none());
    assert_eq!(s.commands_title(), "Your commands");
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
    assert!(s.ran().is_empty());
}

#[test]
fn an_error_in_the_middle_of_a_line_points_at_its_column() {
    let mut s = sandbox();
    s.submit("lend b1 ot ada");
    let (_, error) = s.error.clone().unwrap();
    assert_eq!(error.col, 9);
    assert_eq!(error.suggestion.as_deref(), Some("to"));
}

#[test]
fn undo_takes_back_the_last_command_and_reset_starts_empty() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.submit("undo");
    assert_eq!(s.session().library().head(), 2);
    assert!(
        s.session()
            .library()
            .office()
            .book("b1")
            .is_some_and(|b| b.state.word() == "available")
    );
    assert_eq!(s.ran().len(), 3);
    assert!(
        s.notice[0].contains("undid `lend b1 to ada`"),
        "{:?}",
        s.notice
    );
    s.submit("reset");
    assert_eq!(s.session().library().head(), 0);
    assert!(s.session().history().is_empty() && s.ran().is_empty());
}

#[test]
fn a_reset_is_undone_by_undo_back_to_the_session_before() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.submit("reset");
    s.submit("tick");
    s.submit("undo");
    assert_eq!(s.session().library().head(), 0);
    s.submit("undo");
    assert_eq!(s.session().library().head(), 3);
    assert_eq!(s.ran().len(), 4);
    assert_eq!(
        s.notice,
        vec!["back to the session before: 4 commands, log head #3"]
    );
    s.submit("undo");
    assert_eq!(s.ran().len(), 3, "and on through its own commands");
}

#[test]
fn the_session_is_there_again_after_leaving_and_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Sandbox::new(Some(dir.path()));
    typed(&mut first, &SETUP);
    drop(first);
    let again = Sandbox::new(Some(dir.path()));
    assert_eq!(again.session().library().head(), 3);
    assert_eq!(again.commands_title(), "Commands · 4 from last time");
    assert!(again.notice[0].starts_with("restored your last session: 4 commands"));
}

#[test]
fn a_reset_or_a_load_keeps_a_copy_of_the_session_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Sandbox::new(Some(dir.path()));
    typed(&mut s, &SETUP);
    s.submit("reset");
    let copy = dir.path().join("sandbox-session.before-reset.txt");
    assert!(
        s.notice
            .iter()
            .any(|n| n.contains(&copy.display().to_string())),
        "{:?}",
        s.notice
    );
    let kept = meta::load(&copy).unwrap();
    assert_eq!(kept.library().head(), 3);
    // The restart sees the reset, and the copy is still there to load.
    assert!(
        Sandbox::new(Some(dir.path()))
            .session()
            .history()
            .is_empty()
    );
    s.submit(&format!("load {}", copy.display()));
    assert_eq!(s.session().library().head(), 3);
}

#[test]
fn a_kept_session_that_no_longer_replays_is_set_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sandbox-session.txt"), "lned b1\n").unwrap();
    let mut s = Sandbox::new(Some(dir.path()));
    assert!(
        s.notice[0].contains("could not be restored"),
        "{:?}",
        s.notice
    );
    s.submit("tick");
    let aside = dir.path().join("sandbox-session.unreadable.txt");
    assert_eq!(std::fs::read_to_string(aside).unwrap(), "lned b1\n");
}

#[test]
fn a_start_from_a_lesson_keeps_the_earlier_session_aside() {
    let (content, _) = Content::load(None, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    typed(&mut Sandbox::new(Some(dir.path())), &SETUP);
    let s = Sandbox::from_lesson(&content, "rebuild", Some(dir.path())).unwrap();
    let aside = dir.path().join("sandbox-session.before-lesson.txt");
    assert!(s.notice[0].contains("load"), "{:?}", s.notice);
    assert_eq!(meta::load(&aside).unwrap().library().head(), 3);
}

#[test]
fn a_meta_word_with_a_mistake_is_refused_and_left_to_correct() {
    let mut s = sandbox();
    s.submit("save");
    assert_eq!(
        s.notice,
        vec!["save needs a file name, like `save session.txt`"]
    );
    assert_eq!(s.input.text(), "save");
    s.input.clear();
    s.submit("undo twice");
    assert_eq!(s.notice, vec!["`undo` takes nothing after it"]);
}

#[test]
fn save_then_load_replays_to_the_same_log_and_lists_the_commands() {
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
        other.session().library().log().events(),
        s.session().library().log().events()
    );
    assert_eq!(other.ran().len(), 4);
    assert_eq!(other.ran()[3].input, "lend b1 to ada");
    assert!(other.commands_title().starts_with("Commands · 4 from "));
    // Undo works through what was loaded, and the panel's count follows.
    other.submit("undo");
    assert_eq!(other.session().library().head(), 2);
    assert!(other.commands_title().starts_with("Commands · 3 from "));
}

#[test]
fn a_load_that_fails_changes_nothing_and_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.txt");
    std::fs::write(&file, "tick\nlend b1 ot ada\n").unwrap();
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.submit(&format!("load {}", file.display()));
    assert!(
        s.notice[0].contains("bad.txt:2:9: expected `to`, found `ot`"),
        "{:?}",
        s.notice
    );
    assert!(s.notice[0].ends_with("nothing was loaded"));
    assert_eq!(s.session().library().head(), 3);
    assert!(
        s.input.text().starts_with("load "),
        "the line stays to be fixed"
    );
}

#[test]
fn help_shows_the_language_until_the_next_line() {
    let mut s = sandbox();
    s.submit("help");
    assert!(s.showing_help);
    assert!(s.notice[0].contains("The language is shown above"));
    s.submit("tick");
    assert!(!s.showing_help);
    assert_eq!(s.ran().len(), 1);
}

#[test]
fn scrubbing_shows_the_catalogs_as_they_were_and_returns_to_now() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    typed(&mut s, &["tick"]);
    assert_eq!(shelf_says(s.session(), "b1"), Some("lent"));
    s.scrub(true);
    let (seq, past) = s.past.as_ref().unwrap();
    assert_eq!(*seq, 2);
    assert_eq!(shelf_says(past, "b1"), Some("available"));
    s.scrub(true);
    s.scrub(true);
    s.scrub(true);
    assert_eq!(s.past.as_ref().unwrap().0, 0, "the scrubber stops at #0");
    for _ in 0..3 {
        s.scrub(false);
    }
    assert!(s.past.is_none(), "stepping past the newest event is now");
    assert_eq!(s.notice, vec!["back to now: log head #3"]);
}

#[test]
fn a_command_typed_while_viewing_the_past_is_not_run_and_waits_for_a_second_enter() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.scrub(true);
    s.submit("lend b1 to bob");
    assert!(
        s.notice[0].starts_with("Not run: you were viewing #2"),
        "{:?}",
        s.notice
    );
    assert_eq!(s.session().library().head(), 3);
    assert_eq!(s.ran().len(), 4);
    assert!(s.past.is_none(), "the present is back in view");
    assert_eq!(s.input.text(), "lend b1 to bob", "the line waits");
    s.submit(&s.input.text());
    assert_eq!(s.ran().len(), 5);
    assert_eq!(s.ran()[4].outcome.word(), "rejected");
}

#[test]
fn now_and_undo_both_leave_the_past() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.scrub(true);
    s.submit("now");
    assert!(s.past.is_none());
    assert_eq!(s.notice, vec!["back to now: log head #3"]);
    s.scrub(true);
    s.submit("undo");
    assert!(s.past.is_none());
    assert_eq!(s.session().library().head(), 2);
}

fn tab(s: &mut Sandbox) {
    s.complete(true);
}

#[test]
fn tab_completes_commands_catalogs_books_and_patrons() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    s.input.set("fi");
    tab(&mut s);
    assert_eq!(s.input.text(), "find ");
    s.input.set("find ti");
    tab(&mut s);
    assert_eq!(s.input.text(), "find titles ");
    s.input.set("lend b");
    tab(&mut s);
    assert_eq!(s.input.text(), "lend b1 ");
    s.input.set("lend b1 to a");
    tab(&mut s);
    assert_eq!(s.input.text(), "lend b1 to ada ");
    s.input.set("sa");
    tab(&mut s);
    assert_eq!(
        s.input.text(),
        "save ",
        "the sandbox's own words complete too"
    );
}

#[test]
fn tab_again_cycles_through_the_candidates_and_shift_tab_goes_back() {
    let mut s = sandbox();
    s.input.set("re");
    tab(&mut s);
    let c = s.completion.clone().unwrap();
    assert_eq!(
        c.options,
        vec![
            "rebuild",
            "redeliver",
            "reorder",
            "reset",
            "resume",
            "retry",
            "return",
            "revise"
        ]
    );
    assert_eq!(c.chosen, None);
    assert_eq!(s.input.text(), "re");
    tab(&mut s);
    assert_eq!(s.input.text(), "rebuild");
    tab(&mut s);
    assert_eq!(s.input.text(), "redeliver");
    s.complete(false);
    s.complete(false);
    assert_eq!(s.input.text(), "revise", "Shift+Tab wraps around");
    assert_eq!(s.completion.as_ref().unwrap().chosen, Some(7));
}

#[test]
fn typing_after_a_tab_ends_the_cycle() {
    let mut s = sandbox();
    let keys = crate::tui::keys::Keymap::default();
    let mut progress = crate::progress::Progress::default();
    let mut flash = None;
    let content = Content::default();
    let theme = crate::tui::theme::Theme::new(crate::tui::theme::ThemeName::Mono);
    let mut ctx = Ctx {
        content: &content,
        progress: &mut progress,
        store: None,
        theme: &theme,
        keys: &keys,
        flash: &mut flash,
        publish_notes: false,
        quiz_seed: None,
    };
    let press = |s: &mut Sandbox, ctx: &mut Ctx, code: KeyCode| {
        s.handle_key(KeyEvent::from(code), ctx);
    };
    for c in "re".chars() {
        press(&mut s, &mut ctx, KeyCode::Char(c));
    }
    press(&mut s, &mut ctx, KeyCode::Tab);
    press(&mut s, &mut ctx, KeyCode::Tab);
    assert_eq!(s.input.text(), "rebuild");
    press(&mut s, &mut ctx, KeyCode::Char(' '));
    assert!(s.completion.is_none());
    assert_eq!(s.input.text(), "rebuild ");
}

#[test]
fn the_prompt_history_is_kept_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Sandbox::new(Some(dir.path()));
    typed(&mut first, &["tick", "status", "status"]);
    drop(first);
    let mut again = Sandbox::new(Some(dir.path()));
    again.input.handle(KeyEvent::from(KeyCode::Up));
    assert_eq!(again.input.text(), "status");
    again.input.handle(KeyEvent::from(KeyCode::Up));
    assert_eq!(again.input.text(), "tick", "a repeated line is kept once");
}

#[test]
fn starting_from_a_lesson_lists_its_commands_and_undo_steps_back_through_them() {
    let (content, _) = Content::load(None, None).unwrap();
    let mut s = Sandbox::from_lesson(&content, "eventual-consistency", None).unwrap();
    let n = s.session().history().len();
    assert!(n > 5);
    assert!(s.session().library().head() > 0);
    assert_eq!(s.ran().len(), n);
    assert_eq!(
        s.commands_title(),
        format!("Commands · {n} from the lesson")
    );
    let expected = Session::replay(&s.session().history()[..n - 1]);
    s.submit("undo");
    assert_eq!(
        s.session().library().log().events(),
        expected.library().log().events()
    );
    assert!(Sandbox::from_lesson(&content, "nope", None).is_none());
}

#[test]
fn a_command_that_names_a_catalog_brings_it_into_view_until_another_does() {
    let mut s = sandbox();
    typed(&mut s, &SETUP);
    assert_eq!(s.spotlight(), None);
    s.submit("add-catalog loans by patron");
    assert_eq!(s.spotlight(), Some("loans"));
    s.submit("tick");
    assert_eq!(s.spotlight(), Some("loans"));
    s.submit("show titles");
    assert_eq!(s.spotlight(), Some("titles"));
    s.submit("undo");
    assert_eq!(s.spotlight(), None);
}

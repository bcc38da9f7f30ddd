//! The sandbox drawn into a TestBackend at 80x24 and 120x40, typed into as a learner would;
//! the snapshots in `tests/snapshots/` are reviewed like code.

mod support;

use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::sandbox::Sandbox;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{app_at, content, key, line, screen_text, snapshot};

fn app() -> App {
    app_at(Box::new(Sandbox::new(None)), content())
}

fn lend_a_book(app: &mut App) {
    line(
        app,
        r#"acquire b1 "Dune" by "Frank Herbert" about "science fiction", "deserts""#,
    );
    line(app, "catalog b1");
    line(app, "tick");
    line(app, "lend b1 to ada");
    line(app, r#"find shelf "b1""#);
}

#[test]
fn an_empty_sandbox_invites_a_command() {
    snapshot!(&mut app(), "sandbox_empty");
}

#[test]
fn commands_run_and_the_stale_shelf_says_so() {
    let mut app = app();
    lend_a_book(&mut app);
    snapshot!(&mut app, "sandbox_after_commands");
}

#[test]
fn a_typo_is_shown_with_a_caret_and_a_suggestion() {
    let mut app = app();
    line(&mut app, "lned b1 to ada");
    snapshot!(&mut app, "sandbox_error");
}

#[test]
fn tab_offers_the_candidates_when_several_fit() {
    let mut app = app();
    lend_a_book(&mut app);
    for c in "re".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Tab);
    snapshot!(&mut app, "sandbox_completion");
}

#[test]
fn tab_again_puts_the_next_candidate_in_place_and_marks_it() {
    let mut app = app();
    lend_a_book(&mut app);
    for c in "re".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    let text = screen_text(&mut app, (80, 24));
    assert!(text.contains("› redeliver"), "{text}");
    snapshot!(&mut app, "sandbox_completion_cycling");
}

#[test]
fn scrubbing_back_shows_the_past_and_says_so() {
    let mut app = app();
    lend_a_book(&mut app);
    line(&mut app, "tick");
    // At an empty prompt, [ steps back at once.
    key(&mut app, KeyCode::Char('['));
    snapshot!(&mut app, "sandbox_past");
    // Leaving the prompt, Esc returns to now, and only then goes home.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    let text = screen_text(&mut app, (80, 24));
    assert!(
        text.contains("Sandbox · now: tick 2, log head #3"),
        "{text}"
    );
    assert!(!app.should_quit());
}

#[test]
fn help_shows_the_whole_language_beside_the_model() {
    let mut app = app();
    line(&mut app, "help");
    let mut text = screen_text(&mut app, (120, 40));
    snapshot!(&mut app, "sandbox_help");
    // The language is longer than the panel: the rest is a page down (PgDn scrolls it).
    for _ in 0..4 {
        key(&mut app, KeyCode::PageDown);
    }
    text.push_str(&screen_text(&mut app, (120, 40)));
    for word in cqrs_catalog::model::language::COMMAND_WORDS {
        assert!(
            text.contains(&format!(" {word} ")),
            "`{word}` missing:\n{text}"
        );
    }
}

#[test]
fn a_sandbox_from_a_lesson_lists_the_lessons_commands_and_marks_the_learners_own() {
    let content = content();
    let sandbox = Sandbox::from_lesson(&content, "rebuild", None).unwrap();
    let mut app = app_at(Box::new(sandbox), content);
    line(&mut app, "rebuild subjects");
    snapshot!(&mut app, "sandbox_from_lesson");
}

#[test]
fn in_a_terminal_too_small_typed_letters_go_to_the_prompt_and_only_ctrl_c_quits() {
    let mut app = app();
    let text = screen_text(&mut app, (50, 15));
    assert!(text.contains("press Ctrl+C to quit"), "{text}");
    // A tmux split mid-word: `acquire` has a q in it, Esc and Enter would act unseen.
    for c in "acquire".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    assert!(!app.should_quit(), "q is a letter of the word");
    let text = screen_text(&mut app, (80, 24));
    assert!(text.contains("› acquire"), "kept for the prompt:\n{text}");
    screen_text(&mut app, (50, 15));
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.should_quit());
}

#[test]
fn a_wide_terminal_gives_the_catalogs_a_column_of_their_own() {
    let mut app = app();
    lend_a_book(&mut app);
    let wide = screen_text(&mut app, (200, 50));
    let second = wide.lines().nth(1).unwrap();
    assert!(
        second.contains("Back office") && second.contains("Catalogs"),
        "{second}"
    );
    let narrow = screen_text(&mut app, (120, 40));
    assert!(!narrow.lines().nth(1).unwrap().contains("Catalogs"));
}

#[test]
fn esc_at_the_top_of_the_sandbox_goes_home_and_coming_back_finds_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let store = cqrs_catalog::progress::Store::at(&dir.path().join("progress.json"));
    let mut app = App::new(
        Box::new(Sandbox::new(Some(dir.path()))),
        content(),
        Progress::default(),
        Some(store),
        Theme::new(ThemeName::Mono),
    );
    lend_a_book(&mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(!app.should_quit(), "Esc leaves the sandbox, not the app");
    let home = screen_text(&mut app, (80, 24));
    assert!(home.contains("Welcome"), "{home}");
    assert!(home.contains("5 commands kept from last time"), "{home}");
    // Down to the sandbox, and in again: the library is as it was left.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let again = screen_text(&mut app, (80, 24));
    assert!(again.contains("Commands · 5 from last time"), "{again}");
    assert!(again.contains("log head #3"), "{again}");
}

/// A fresh sandbox's screen at 120x40 after `lines` are typed at its prompt.
fn after(lines: &[&str]) -> String {
    let mut app = app();
    for text in lines {
        line(&mut app, text);
    }
    screen_text(&mut app, (120, 40))
}

/// Where the tables are the record, the log is the stream of published events: the header
/// and `status` say so, and `status` adds how the office stands (a reviewer saw "log head").
#[test]
fn a_state_stored_office_names_the_stream_head_and_its_outbox() {
    let screen = after(&[
        "office state-stored outbox",
        "acquire b1 \"Dune\" by \"Frank Herbert\"",
        "status",
    ]);
    assert!(screen.contains("now: tick 0, stream head #0"), "{screen}");
    assert!(!screen.contains("log head"), "{screen}");
    assert!(
        screen.contains("answered: clock at tick 0, stream head #0"),
        "{screen}"
    );
    assert!(
        screen.contains("back office: state-stored outbox"),
        "{screen}"
    );
    // The stream is empty, but the event committed with the tables waits in the outbox.
    assert!(screen.contains("Nothing published yet."), "{screen}");
    assert!(
        screen.contains("⋯ outbox BookAcquired b1 \"Dune\" by Frank Herbert"),
        "{screen}"
    );
}

/// A dual-write office that crashed between its commit and the publish: the table has the
/// change, the stream never will, and the book says so in the back-office panel.
#[test]
fn a_commit_the_stream_never_got_is_marked_on_its_book() {
    let screen = after(&[
        "office state-stored dual-write",
        "acquire b1 \"Dune\" by \"Frank Herbert\"",
        "catalog b1",
        "crash office",
        "lend b1 to ada",
    ]);
    assert!(screen.contains("lent to ada"), "{screen}");
    assert!(screen.contains("✗ 1 never published"), "{screen}");
    assert!(screen.contains("Published stream · lost 1"), "{screen}");
}

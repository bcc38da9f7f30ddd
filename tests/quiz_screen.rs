//! The quiz screen drawn into a TestBackend at 80x24 and 120x40, driven by keys as a learner
//! would press them; the snapshots in `tests/snapshots/` are reviewed like code.

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::{Progress, Store, today};
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::home::Home;
use cqrs_catalog::tui::quiz;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The embedded content, as the app loads it.
fn content() -> Content {
    Content::load(None, None).unwrap().0
}

/// The app with the quiz `id` open, its choices shuffled by seed 7.
fn app(id: &str) -> App {
    let content = content();
    let screen = quiz::open_seeded(&content, id, 7).unwrap();
    App::new(
        screen,
        content,
        Progress::default(),
        None,
        Theme::new(ThemeName::Mono),
    )
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '↑' => KeyCode::Up,
            '↓' => KeyCode::Down,
            c => KeyCode::Char(c),
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn shift(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::SHIFT));
}

fn draw(app: &mut App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal
}

/// Snapshots the app at both sizes, named `name@WxH`.
fn snapshot(app: &mut App, name: &str) {
    for size in SIZES {
        let terminal = draw(app, size);
        insta::assert_snapshot!(format!("{name}@{}x{}", size.0, size.1), terminal.backend());
    }
}

fn screen_text(app: &mut App) -> String {
    format!("{}", draw(app, (80, 24)).backend())
}

#[test]
fn a_single_question_shows_its_progress_prompt_and_lettered_choices() {
    let mut app = app("motivation");
    snapshot(&mut app, "single");
}

#[test]
fn a_multiple_question_shows_ticks_as_they_are_toggled() {
    let mut app = app("motivation");
    // Questions 1 and 2, answered with whatever is under the cursor.
    press(&mut app, "\n\n\n\n");
    // Tick a and c by letter, then tick d with the cursor and Space, then untick c.
    press(&mut app, "ac↓ c");
    snapshot(&mut app, "multiple-ticked");
}

#[test]
fn an_order_question_is_reordered_with_shift_arrows_and_capital_letters() {
    let mut app = app("motivation");
    // Questions 1 to 9: submit and move on.
    for _ in 0..9 {
        press(&mut app, "a");
        press(&mut app, "\n\n");
    }
    assert!(screen_text(&mut app).contains("question 10 of 10"));
    press(&mut app, "c");
    shift(&mut app, KeyCode::Up);
    shift(&mut app, KeyCode::Up);
    press(&mut app, "e");
    press(&mut app, "K");
    snapshot(&mut app, "order-reordered");
}

#[test]
fn feedback_after_a_wrong_answer_gives_the_verdict_the_whys_and_the_explanation() {
    let mut app = app("motivation");
    // Seed 7 shows the right choice of question 1 as b (see the snapshot `single`): pick a.
    press(&mut app, "a\n");
    snapshot(&mut app, "feedback-wrong");
}

#[test]
fn a_model_checked_question_shows_the_commands_of_its_situation() {
    let mut app = app("consistency");
    press(&mut app, "a\n\n");
    snapshot(&mut app, "setup");
}

#[test]
fn the_end_shows_the_score_and_the_questions_missed_with_their_explanations() {
    let mut app = app("real-cases");
    for _ in 0..8 {
        press(&mut app, "a");
        press(&mut app, "\n\n");
    }
    snapshot(&mut app, "summary");
}

/// Answers every question of the quiz on screen with `a`, then moves on past the feedback.
fn answer_all_with_a(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, "a");
        press(app, "\n\n");
    }
}

#[test]
fn finishing_a_quiz_saves_the_score_and_its_date_with_the_progress() {
    let dir = tempfile::tempdir().unwrap();
    let content = content();
    let screen = quiz::open_seeded(&content, "real-cases", 7).unwrap();
    let store = Store::at(&dir.path().join("progress.toml"));
    let mut app = App::new(
        screen,
        content,
        Progress::default(),
        Some(store.clone()),
        Theme::new(ThemeName::Mono),
    );
    answer_all_with_a(&mut app, 8);
    let saved = store.load().progress.quizzes["real-cases"].clone();
    assert_eq!((saved.best, saved.total, saved.attempts), (2, 8, 1));
    assert_eq!(saved.date, today());
    assert!(screen_text(&mut app).contains("Score: 2/8"));
}

#[test]
fn retry_asks_only_the_questions_missed_and_does_not_change_the_best_score() {
    let mut app = app("real-cases");
    answer_all_with_a(&mut app, 8);
    press(&mut app, "r");
    assert!(screen_text(&mut app).contains("retry · question 1 of 6"));
    answer_all_with_a(&mut app, 6);
    let text = screen_text(&mut app);
    assert!(text.contains("Retry: "), "{text}");
    assert_eq!(app.progress.quizzes["real-cases"].attempts, 1);
}

#[test]
fn a_multiple_question_is_not_submitted_with_nothing_ticked() {
    let mut app = app("motivation");
    press(&mut app, "\n\n\n\n\n");
    let text = screen_text(&mut app);
    assert!(text.contains("question 3 of 10"), "{text}");
    assert!(text.contains("nothing ticked yet"), "{text}");
    assert!(text.contains("[ ] a)"), "{text}");
}

#[test]
fn leaving_mid_quiz_takes_esc_twice_goes_home_and_any_other_key_cancels() {
    let mut app = app("motivation");
    press(&mut app, "\n\n");
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(screen_text(&mut app).contains("press Esc again to leave"));
    press(&mut app, "b");
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(!app.should_quit());
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(
        !app.should_quit(),
        "a quiz opened from the command line leaves to home"
    );
    assert!(screen_text(&mut app).contains("Welcome"));
}

#[test]
fn the_picker_lists_every_quiz_with_its_best_score_and_opens_the_chosen_one() {
    let content = content();
    let mut progress = Progress::default();
    progress.record_quiz("consistency", 7, 10, "2026-05-01".into());
    let screen = quiz::first_screen(&content, None, Some(7)).unwrap();
    let mut app = App::new(screen, content, progress, None, Theme::new(ThemeName::Mono));
    snapshot(&mut app, "picker");
    press(&mut app, "j\n");
    assert!(
        screen_text(&mut app)
            .contains("question 1 of 10 · Lag, stale reads and reading your own writes")
    );
}

#[test]
fn the_home_screen_offers_the_quiz_with_the_best_scores() {
    let content = content();
    let mut progress = Progress::default();
    progress.record_quiz("motivation", 8, 10, "2026-05-01".into());
    let mut app = App::new(
        Box::new(Home::new()),
        content,
        progress,
        None,
        Theme::new(ThemeName::Mono),
    );
    let text = screen_text(&mut app);
    assert!(text.contains("Quiz"), "{text}");
    assert!(
        text.contains("best: motivation 8/10 · 5 not taken yet"),
        "{text}"
    );
    // The tour comes first, then the sandbox; the quiz is third.
    press(&mut app, "jj\n");
    assert!(screen_text(&mut app).contains("Quizzes"));
}

#[test]
fn the_review_key_opens_the_lesson_and_leaving_it_returns_to_the_feedback() {
    let mut app = app("motivation");
    press(&mut app, "a\n");
    assert!(screen_text(&mut app).contains("press v for the lesson"));
    press(&mut app, "v");
    let tour = screen_text(&mut app);
    assert!(tour.contains("Why split reads from writes?"), "{tour}");
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let back = screen_text(&mut app);
    assert!(back.contains("✗ Wrong. The right answer is d."), "{back}");
}

/// Snapshots hold no styles: the meaning carried by color is checked here, cell by cell.
#[test]
fn the_verdict_and_the_marks_are_colored_as_well_as_worded() {
    let content = content();
    let screen = quiz::open_seeded(&content, "motivation", 7).unwrap();
    let theme = Theme::new(ThemeName::Dark);
    let mut app = App::new(screen, content, Progress::default(), None, theme.clone());
    press(&mut app, "a\n");
    let terminal = draw(&mut app, (80, 24));
    let buffer = terminal.backend().buffer();
    let find = |symbol: &str| {
        let area = buffer.area;
        (area.top()..area.bottom())
            .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
            .find(|&(x, y)| buffer[(x, y)].symbol() == symbol)
            .unwrap_or_else(|| panic!("no {symbol} on screen"))
    };
    let (x, y) = find("✗");
    assert_eq!(buffer[(x, y)].fg, theme.bad.fg.unwrap());
    let (x, y) = find("→");
    assert_eq!(buffer[(x, y)].fg, theme.ok.fg.unwrap());
}

#[test]
fn the_configs_quiz_seed_orders_the_choices_of_a_quiz_opened_in_the_app() {
    let content = content();
    let picker = quiz::picker::Picker::new(&content);
    let mut app = App::new(
        Box::new(picker),
        content,
        Progress::default(),
        None,
        Theme::new(ThemeName::Mono),
    );
    app.quiz_seed = Some(7);
    // The picker lists the quizzes in the content's order: the first is "motivation".
    press(&mut app, "\n");
    assert_eq!(
        screen_text(&mut app),
        screen_text(&mut self::app("motivation"))
    );
}

#[test]
fn in_a_short_terminal_the_picker_scrolls_to_keep_the_chosen_quiz_in_view() {
    let content = content();
    let last = content.quizzes.last().unwrap().title.clone();
    let screen = quiz::first_screen(&content, None, Some(7)).unwrap();
    let mut app = App::new(
        screen,
        content,
        Progress::default(),
        None,
        Theme::new(ThemeName::Mono),
    );
    let before = format!("{}", draw(&mut app, (40, 12)).backend());
    assert!(!before.contains(&last), "{before}");
    // Up from the first wraps round to the last.
    press(&mut app, "k");
    let after = format!("{}", draw(&mut app, (40, 12)).backend());
    assert!(after.contains(&format!("▶ {last}")), "{after}");
}

#[test]
fn in_a_short_terminal_the_home_menu_scrolls_to_keep_the_chosen_entry_in_view() {
    let mut app = App::new(
        Box::new(Home::new()),
        content(),
        Progress::default(),
        None,
        Theme::new(ThemeName::Mono),
    );
    let before = format!("{}", draw(&mut app, (40, 14)).backend());
    assert!(!before.contains("Simulate"), "{before}");
    press(&mut app, "k");
    let after = format!("{}", draw(&mut app, (40, 14)).backend());
    assert!(after.contains("▶ Simulate"), "{after}");
}

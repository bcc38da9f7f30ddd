//! The mouse, where the learner asked for it (`--mouse`): clicks and the wheel synthesized as
//! crossterm would deliver them, against screens drawn into a TestBackend.

mod support;

use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::quiz;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use support::{app_at, app_with, content, tour_at};

fn screen(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    format!("{}", terminal.backend())
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn click_on(app: &mut App, text: &str) {
    let shown = screen(app);
    let (row, line) = shown
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not on screen:\n{shown}"));
    // The backend's lines are quoted: the first character is the quote.
    let column = line[..line.find(text).unwrap()].chars().count() as u16 - 1;
    app.on_mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        column,
        row as u16,
    ));
}

#[test]
fn clicking_a_quiz_choice_picks_it() {
    let content = content();
    let screen_ = quiz::open_seeded(&content, "motivation", 3).unwrap();
    let mut app = app_at(screen_, content);
    click_on(&mut app, "To give reads and writes separate models");
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let after = screen(&mut app);
    assert!(after.contains("Right"), "{after}");
}

#[test]
fn clicking_a_step_in_the_outline_goes_there() {
    let mut app = tour_at("why-cqrs", 1);
    app.on_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    click_on(&mut app, "5. Reads far outnumber writes");
    let shown = screen(&mut app);
    assert!(shown.contains("step 5 of 7"), "{shown}");
    assert!(!shown.contains("Outline ·"), "the outline closed:\n{shown}");
}

/// Deep in the tour the outline is scrolled: a click finds its row from the first row shown.
#[test]
fn clicking_a_step_in_a_scrolled_outline_goes_to_the_row_shown() {
    let mut app = tour_at("rebuild", 1);
    app.on_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    let outline = screen(&mut app);
    assert!(
        !outline.contains("Why split reads from writes?"),
        "scrolled past the first lesson:\n{outline}"
    );
    click_on(&mut app, "10. Rebuilding a damaged catalog");
    let shown = screen(&mut app);
    assert!(shown.contains("Lesson 10 of 15"), "{shown}");
    assert!(shown.contains("step 1 of"), "{shown}");
}

#[test]
fn the_wheel_scrolls_the_panel_under_the_pointer() {
    // Six catalogs after by-status is added: more drawers than the panel has rows.
    let mut app = tour_at("schema-change", 6);
    let before = screen(&mut app);
    let (row, line) = before
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Catalogs"))
        .unwrap();
    let column = line[..line.find("Catalogs").unwrap()].chars().count() as u16;
    app.on_mouse(mouse(MouseEventKind::ScrollDown, column, row as u16 + 2));
    let after = screen(&mut app);
    assert_ne!(before, after, "the catalogs scrolled");
    assert!(after.contains("↑ "), "{after}");
}

#[test]
fn clicking_a_predictions_choice_answers_it_and_a_click_elsewhere_does_not() {
    let mut app = tour_at("rebuild", 3);
    click_on(&mut app, "After the damage");
    assert!(
        screen(&mut app).contains("Predict, then see"),
        "not a choice"
    );
    // The choice's second line is part of it too.
    click_on(&mut app, "wrong drawer");
    let after = screen(&mut app);
    assert!(after.contains("✓ Right: b)"), "{after}");
}

#[test]
fn a_presenter_clicks_the_choice_the_room_voted_for() {
    let content = content();
    let mut progress = Progress::default();
    let screen_ = tour::start(
        &content,
        &mut progress,
        Some("rebuild"),
        Some(3),
        Some(tour::present::Presenter::new(None, false)),
    )
    .unwrap();
    let mut app = app_with(screen_, content, progress, Theme::new(ThemeName::Mono));
    click_on(&mut app, "An error: a damaged");
    let after = screen(&mut app);
    assert!(after.contains("✗ You picked c)"), "{after}");
}

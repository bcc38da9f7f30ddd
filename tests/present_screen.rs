//! The presenter's layout and the themes, drawn into a TestBackend: a step with its big title
//! and one zoomed panel, the zoom cycling, the blanked screen, autoplay driven by the app's
//! timer, and colors: each theme paints differently, and NO_COLOR paints none at all.

use std::ffi::OsStr;
use std::time::Duration;

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour::{self, present::Presenter};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn presenting(lesson: &str, autoplay: Option<Duration>, theme: Theme) -> App {
    let content = Content::load(None, None).unwrap().0;
    let mut progress = Progress::default();
    let screen = tour::start(
        &content,
        &mut progress,
        Some(lesson),
        None,
        Some(Presenter::new(autoplay, true)),
    )
    .unwrap();
    App::new(screen, content, progress, None, theme)
}

fn key(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn buffer(app: &mut App, (w, h): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(app: &mut App, size: (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn a_presented_step_shows_a_big_title_the_narration_and_one_zoomed_panel() {
    let mut app = presenting("rebuild", None, Theme::new(ThemeName::Mono));
    for size in [(80, 24), (160, 45)] {
        let screen = text(&mut app, size);
        assert!(screen.contains("Narration"), "{screen}");
        assert!(screen.contains("Catalogs"), "{screen}");
        assert!(
            !screen.contains("Event log"),
            "only one panel is zoomed:\n{screen}"
        );
        insta::assert_snapshot!(format!("present_step@{}x{}", size.0, size.1), screen);
    }
    // Big letters only where the room has rows for them.
    assert!(text(&mut app, (160, 45)).contains('▀'));
    assert!(!text(&mut app, (80, 24)).contains('▀'));
}

#[test]
fn z_cycles_the_zoomed_panel_and_b_blanks_until_any_key() {
    let mut app = presenting("rebuild", None, Theme::new(ThemeName::Mono));
    key(&mut app, 'z');
    assert!(text(&mut app, (120, 40)).contains("Event log"));
    key(&mut app, 'z');
    assert!(text(&mut app, (120, 40)).contains("Back office"));
    key(&mut app, 'b');
    let blank = text(&mut app, (120, 40));
    assert!(
        blank.chars().all(|c| c == ' ' || c == '"' || c == '\n'),
        "{blank}"
    );
    key(&mut app, 'x');
    assert!(text(&mut app, (120, 40)).contains("Narration"));
}

#[test]
fn autoplay_moves_on_by_itself_and_a_challenge_runs_its_solution_first() {
    let mut app = presenting(
        "rebuild",
        Some(Duration::from_secs(1)),
        Theme::new(ThemeName::Mono),
    );
    assert!(text(&mut app, (120, 40)).contains("step 1 of 6"));
    // Twenty 50 ms frames make a second.
    for _ in 0..20 {
        app.on_timer();
    }
    assert!(text(&mut app, (120, 40)).contains("step 2 of 6"));
    // Run on to the end of the lesson: predictions are revealed and challenges solved on the
    // way, and the tour never stops to wait for typing.
    for _ in 0..20 * 40 {
        app.on_timer();
    }
    let screen = text(&mut app, (120, 40));
    assert!(
        !screen.contains("Lesson 7 of 10"),
        "autoplay moved past the lesson:\n{screen}"
    );
}

fn colors(buffer: &Buffer) -> Vec<Color> {
    let mut found: Vec<Color> = buffer
        .content()
        .iter()
        .flat_map(|cell| [cell.fg, cell.bg])
        .filter(|c| *c != Color::Reset)
        .collect();
    found.sort_by_key(|c| format!("{c:?}"));
    found.dedup();
    found
}

#[test]
fn each_theme_paints_its_own_colors_and_no_color_paints_none() {
    let mut seen = Vec::new();
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
        let mut app = presenting("rebuild", None, Theme::new(name));
        let found = colors(&buffer(&mut app, (120, 40)));
        assert!(!found.is_empty(), "{name:?} paints some color");
        assert!(!seen.contains(&found), "{name:?} differs from the others");
        seen.push(found);
    }
    // NO_COLOR wins over any theme asked for.
    let theme = Theme::resolve_with(Some(ThemeName::HighContrast), Some(OsStr::new("1")));
    let mut app = presenting("rebuild", None, theme);
    assert_eq!(colors(&buffer(&mut app, (120, 40))), Vec::<Color>::new());
    // An empty NO_COLOR is no request (no-color.org).
    assert_eq!(
        Theme::resolve_with(None, Some(OsStr::new(""))).name,
        ThemeName::Dark
    );
}

//! The simulator screen drawn into a TestBackend: the real simulation advanced by the app's
//! timer, as it runs in a terminal, then paused; snapshots reviewed like code.

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::sim::preset;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::simulate::Simulate;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app(name: &str, seconds: u64) -> App {
    let mut params = preset(name).unwrap().params();
    params.seconds = seconds;
    let screen = Simulate::new(params).unwrap();
    App::new(
        Box::new(screen),
        Content::default(),
        Progress::default(),
        None,
        Theme::new(ThemeName::Mono),
    )
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn screen(app: &mut App, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn a_starved_projector_shows_its_lag_growing_then_pauses() {
    let mut app = app("azure", 10);
    // Capacity down to 20 events a second against 100 writes: the lag must grow.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    for _ in 0..5 {
        key(&mut app, KeyCode::Left);
    }
    for _ in 0..30 {
        app.on_timer();
    }
    key(&mut app, KeyCode::Char(' '));
    for size in [(80, 24), (120, 40)] {
        let text = screen(&mut app, size);
        assert!(text.contains("‖ paused · 6 of 10 simulated s"), "{text}");
        insta::assert_snapshot!(format!("simulate_starved@{}x{}", size.0, size.1), text);
    }
    // Paused, the timer moves nothing.
    app.on_timer();
    assert!(screen(&mut app, (80, 24)).contains("6 of 10 simulated s"));
}

#[test]
fn the_twitter_preset_reports_its_write_amplification() {
    let mut app = app("twitter", 2);
    for _ in 0..10 {
        app.on_timer();
    }
    let text = screen(&mut app, (120, 40));
    assert!(text.contains("■ finished · 2 of 2 simulated s"), "{text}");
    assert!(
        text.contains("Write amplification") && text.contains("cards pinned per event"),
        "{text}"
    );
    for size in [(80, 24), (120, 40)] {
        let text = screen(&mut app, size);
        insta::assert_snapshot!(format!("simulate_twitter@{}x{}", size.0, size.1), text);
    }
    // Finished, nothing moves until Space runs it again.
    key(&mut app, KeyCode::Char(' '));
    assert!(screen(&mut app, (120, 40)).contains("▶ running · 0 of 2 simulated s"));
}

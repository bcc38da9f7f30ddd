//! The simulator screen drawn into a TestBackend: the real simulation advanced by the app's
//! timer, as it runs in a terminal, then paused; snapshots reviewed like code.

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::sim::{FAULT_PRESETS, Params, preset};
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::simulate::Simulate;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app(name: &str, seconds: u64) -> App {
    let mut params = preset(name).unwrap().params();
    params.seconds = seconds;
    app_of(params)
}

fn app_of(params: Params) -> App {
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

/// The figure after `label` in a screen's text, up to " ms".
fn figure_after<'a>(text: &'a str, label: &str) -> &'a str {
    let from = text
        .find(label)
        .unwrap_or_else(|| panic!("{label} in {text}"))
        + label.len();
    let rest = &text[from..];
    &rest[..rest.find(" ms").unwrap()]
}

#[test]
fn crashes_with_the_checkpoint_apart_end_with_the_loans_count_diverged() {
    let mut app = app("azure", 4);
    // Down to the faults row (from writes: reads, capacity, delay, faults), then Right
    // three times: duplicates, crashes with view, crashes apart.
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    for _ in 0..3 {
        key(&mut app, KeyCode::Right);
    }
    let running = screen(&mut app, (80, 24));
    assert!(running.contains("◀ crashes, apart ▶"), "{running}");
    assert!(running.contains("diverged checked at the end"), "{running}");
    for _ in 0..25 {
        app.on_timer();
    }
    for size in [(80, 24), (120, 40)] {
        let text = screen(&mut app, size);
        assert!(text.contains("■ finished · 4 of 4 simulated s"), "{text}");
        assert!(text.contains("diverged 1 of 5: loans"), "{text}");
        insta::assert_snapshot!(
            format!("simulate_crashes_apart@{}x{}", size.0, size.1),
            text
        );
    }
}

#[test]
fn crashes_with_the_checkpoint_kept_with_the_view_diverge_nowhere() {
    let mut params = preset("azure").unwrap().params();
    params.seconds = 3;
    params.faults = FAULT_PRESETS[2].faults;
    let mut app = app_of(params);
    for _ in 0..20 {
        app.on_timer();
    }
    let text = screen(&mut app, (80, 24));
    assert!(text.contains("◀ crashes, with view ▶"), "{text}");
    assert!(text.contains("diverged none of 5 catalogs"), "{text}");
}

#[test]
fn the_lag_plots_title_and_the_totals_name_the_same_figure() {
    let mut app = app("azure", 10);
    for _ in 0..10 {
        app.on_timer();
    }
    key(&mut app, KeyCode::Char(' '));
    for size in [(80, 24), (120, 40)] {
        let text = screen(&mut app, size);
        let title = figure_after(&text, "Lag · now ");
        let totals = figure_after(&text, "lag      now ");
        assert_eq!(title, totals.split(" · ").next().unwrap(), "{text}");
        assert!(
            !text.contains("worst  "),
            "no second figure called worst: {text}"
        );
    }
}

#[test]
fn a_dual_write_office_shows_the_events_it_lost_and_the_outbox_none() {
    for (fault, lost) in [(5, "lost"), (6, "0 lost")] {
        let mut params = preset("azure").unwrap().params();
        params.seconds = 5;
        params.faults = FAULT_PRESETS[fault].faults;
        let mut app = app_of(params);
        for _ in 0..30 {
            app.on_timer();
        }
        let text = screen(&mut app, (80, 24));
        assert!(
            text.contains(&format!("◀ {} ▶", FAULT_PRESETS[fault].name)),
            "{text}"
        );
        assert!(text.contains("2 office crashes · "), "{text}");
        assert!(text.contains(lost), "{text}");
        if fault == 5 {
            assert!(!text.contains("· 0 lost"), "{text}");
            insta::assert_snapshot!("simulate_dual_write@80x24", text);
        }
    }
}

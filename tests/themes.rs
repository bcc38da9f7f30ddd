//! Themes for every background, checked on the screens as drawn: every cell of the home,
//! tour, quiz, sandbox, presenter and simulator screens and of the help and outline overlays,
//! in every colored theme, has the contrast its role needs against what is behind it (text
//! 4.5:1, lines and glyphs 3:1), computed from the RGB values drawn. The light theme is
//! snapshotted on its white background, with every color pair it uses.

use std::collections::BTreeMap;

mod support;

use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::home::Home;
use cqrs_catalog::tui::theme::{Theme, ThemeName, contrast, rgb_of};
use cqrs_catalog::tui::{quiz, sandbox, tour};
use ratatui::style::{Color, Modifier};
use support::{app_with, buffer, frames, press};

const COLORED: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

/// The screens a learner meets, each as an app at its first frame.
fn screens(theme: ThemeName) -> Vec<(&'static str, App)> {
    let content = support::content();
    let app = |screen| {
        app_with(
            screen,
            content.clone(),
            Progress::default(),
            Theme::new(theme),
        )
    };
    let tour_at = |lesson: &str, step: usize| {
        app(tour::open(&content, &Progress::default(), lesson, step).unwrap())
    };
    // Steps found by what they hold, so the test follows the lessons as they are edited.
    let find = |has: fn(&cqrs_catalog::content::Step) -> bool| {
        content
            .lessons
            .iter()
            .find_map(|l| l.steps.iter().position(has).map(|i| (l.id.clone(), i)))
            .unwrap()
    };
    let predict = find(|s| s.predict.is_some());
    let challenge = find(|s| s.challenge.is_some());
    let mut answered = tour_at(&predict.0, predict.1);
    press(&mut answered, "a");
    vec![
        ("home", app(Box::new(Home::new()))),
        ("tour step", tour_at("why-cqrs", 1)),
        ("tour prediction", tour_at(&predict.0, predict.1)),
        ("tour prediction answered", answered),
        ("tour challenge", tour_at(&challenge.0, challenge.1)),
        ("tour damaged catalog", tour_at("rebuild", 2)),
        (
            "quiz",
            app(quiz::first_screen(&content, Some("motivation"), Some(1)).unwrap()),
        ),
        (
            "quiz picker",
            app(quiz::first_screen(&content, None, Some(1)).unwrap()),
        ),
        (
            "sandbox",
            app(sandbox::start(&content, Some("rebuild")).unwrap()),
        ),
        ("help", {
            let mut help = tour_at("why-cqrs", 1);
            press(&mut help, "?");
            help
        }),
        ("outline", {
            let mut outline = tour_at("why-cqrs", 1);
            press(&mut outline, "o");
            outline
        }),
        ("simulate", {
            let mut params = cqrs_catalog::sim::preset("ecommerce").unwrap().params();
            params.seconds = 5;
            let mut app = app(Box::new(
                cqrs_catalog::tui::simulate::Simulate::new(params).unwrap(),
            ));
            frames(&mut app, 40);
            app
        }),
        ("presenter", {
            let presenter = tour::present::Presenter::new(None, false);
            let mut progress = Progress::default();
            let screen = tour::start(
                &content,
                &mut progress,
                Some("rebuild"),
                Some(3),
                Some(presenter),
            );
            app(screen.unwrap())
        }),
    ]
}

/// Lines and marks rather than letters: box drawing, blocks, arrows, shapes, dots.
fn is_glyph(symbol: &str) -> bool {
    symbol.chars().all(
        |c| matches!(c, '\u{2190}'..='\u{21FF}' | '\u{2500}'..='\u{25FF}' | '·' | '•' | '…' | '⋯'),
    )
}

/// The foreground and background a cell shows, reversal applied.
fn shown(cell: &ratatui::buffer::Cell) -> (Color, Color) {
    if cell.modifier.contains(Modifier::REVERSED) {
        (cell.bg, cell.fg)
    } else {
        (cell.fg, cell.bg)
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[test]
fn every_cell_of_every_screen_has_the_contrast_its_role_needs() {
    for theme in COLORED {
        for (name, mut app) in screens(theme) {
            for size in [(80, 24), (120, 40)] {
                let buffer = buffer(&mut app, size);
                for (i, cell) in buffer.content.iter().enumerate() {
                    let symbol = cell.symbol();
                    if symbol.trim().is_empty() {
                        continue;
                    }
                    let (fg, bg) = shown(cell);
                    let place = format!("{theme:?} {name} at {i} {symbol:?}");
                    let fg = rgb_of(fg).unwrap_or_else(|| panic!("{place}: fg {fg:?}"));
                    let bg = rgb_of(bg).unwrap_or_else(|| panic!("{place}: bg {bg:?}"));
                    let needed = if is_glyph(symbol) { 3.0 } else { 4.5 };
                    let ratio = contrast(fg, bg);
                    assert!(
                        ratio >= needed,
                        "{place}: {} on {} is {ratio:.2}:1, needs {needed}:1",
                        hex(fg),
                        hex(bg)
                    );
                }
            }
        }
    }
}

#[test]
fn the_light_theme_draws_on_white() {
    let mut pairs: BTreeMap<String, usize> = BTreeMap::new();
    let mut text = String::new();
    for (name, mut app) in screens(ThemeName::Light) {
        let buffer = buffer(&mut app, (80, 24));
        if name == "tour prediction" {
            for y in 0..24 {
                let row: String = (0..80)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                text.push_str(row.trim_end());
                text.push('\n');
            }
        }
        for cell in &buffer.content {
            let (fg, bg) = shown(cell);
            let (fg, bg) = (rgb_of(fg).unwrap(), rgb_of(bg).unwrap());
            if !cell.modifier.contains(Modifier::REVERSED) {
                assert_eq!(hex(bg), "#ffffff", "{name}: every cell on white");
            }
            if !cell.symbol().trim().is_empty() {
                let pair = format!("{} on {} {:.2}:1", hex(fg), hex(bg), contrast(fg, bg));
                *pairs.entry(pair).or_default() += 1;
            }
        }
    }
    text.push_str("\ncolors drawn (foreground on background, contrast):\n");
    for pair in pairs.keys() {
        text.push_str(&format!("  {pair}\n"));
    }
    insta::assert_snapshot!("light_theme_on_white", text);
}

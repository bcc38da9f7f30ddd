//! What the tests share: the app around a first screen, keys pressed as a learner types them,
//! the screen drawn into a TestBackend as a buffer, as text or as snapshots; and the binary run
//! apart from the user's own files.
//!
//! Each test binary takes `mod support;` and uses its own part, so the rest is unused there.
#![allow(dead_code, unused_macros, unused_imports)]

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::screen::Screen;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour::{self, present::Presenter};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The sizes screens are snapshotted at: the smallest supported terminal and a roomy one.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The embedded content, as the app loads it.
pub fn content() -> Content {
    Content::load(None, None).unwrap().0
}

/// The app with `screen` at the bottom: no saved progress, no store, the mono theme (so the
/// snapshots hold the text and not the colors).
pub fn app_at(screen: Box<dyn Screen>, content: Content) -> App {
    app_with(
        screen,
        content,
        Progress::default(),
        Theme::new(ThemeName::Mono),
    )
}

/// As [`app_at`], with the progress the first screen was opened with and a theme of the
/// test's choosing; never a store, so nothing is written.
pub fn app_with(
    screen: Box<dyn Screen>,
    content: Content,
    progress: Progress,
    theme: Theme,
) -> App {
    App::new(screen, content, progress, None, theme)
}

/// The app with the tour open at a lesson and step (counted from 1, as the learner counts).
pub fn tour_at(lesson: &str, step: usize) -> App {
    let content = content();
    let screen = tour::open(&content, &Progress::default(), lesson, step - 1).unwrap();
    app_at(screen, content)
}

/// The tour as `tour --present --lesson L [--step N]` starts it (the step from 1; without one,
/// where the lesson starts), in the mono theme.
pub fn presenting(lesson: &str, step: Option<usize>, presenter: Presenter) -> App {
    let content = content();
    let mut progress = Progress::default();
    let screen = tour::start(&content, &mut progress, Some(lesson), step, Some(presenter)).unwrap();
    app_with(screen, content, progress, Theme::new(ThemeName::Mono))
}

/// One key, without modifiers.
pub fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// One key with Shift held.
pub fn shift(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::SHIFT));
}

/// Presses keys: `→ ← ↑ ↓` are arrows, `\n` Enter, `\t` Tab, `⎋` Esc, `⌫` Backspace, anything
/// else itself.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '→' => KeyCode::Right,
            '←' => KeyCode::Left,
            '↑' => KeyCode::Up,
            '↓' => KeyCode::Down,
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '⎋' => KeyCode::Esc,
            '⌫' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        key(app, code);
    }
}

/// Types `text` at a prompt as characters (arrows and all taken literally) and presses Enter.
pub fn line(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter);
}

/// `n` frames of the app's timer (each 50 ms of the running app): animations and autoplay
/// advance by frames counted, never by a clock.
pub fn frames(app: &mut App, n: usize) {
    for _ in 0..n {
        app.on_timer();
    }
}

/// The app drawn once at a size.
pub fn draw(app: &mut App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal
}

/// The drawn cells, for tests that look at styles.
pub fn buffer(app: &mut App, size: (u16, u16)) -> Buffer {
    draw(app, size).backend().buffer().clone()
}

/// The screen as text, one quoted line per row, as the snapshots hold it.
pub fn screen_text(app: &mut App, size: (u16, u16)) -> String {
    format!("{}", draw(app, size).backend())
}

/// Snapshots the app at [`SIZES`] (or the sizes given), named `name@WxH`. A macro, so that
/// insta files the snapshot under the calling test binary, as before the harness.
macro_rules! snapshot {
    ($app:expr, $name:expr) => {
        $crate::support::snapshot!($app, $name, $crate::support::SIZES)
    };
    ($app:expr, $name:expr, $sizes:expr) => {
        for size in $sizes {
            let terminal = $crate::support::draw($app, size);
            insta::assert_snapshot!(
                format!("{}@{}x{}", $name, size.0, size.1),
                terminal.backend()
            );
        }
    };
}
pub(crate) use snapshot;

/// The binary, kept from the user's files: run from the crate's folder (fixtures are named
/// relative to it), its progress, runtime state and config under `data`, and `NO_COLOR`
/// unset so colors are the test's choice.
pub fn cqrs(data: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_cqrs-catalog"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CQRS_CATALOG_DATA", data)
        .env("CQRS_CATALOG_RUNTIME", data)
        .env("CQRS_CATALOG_CONFIG", data.join("config.toml"))
        .env_remove("NO_COLOR");
    cmd
}

/// What a command that must succeed printed on standard output.
pub fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

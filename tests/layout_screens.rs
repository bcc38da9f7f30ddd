//! The tour's layouts at every size the issue names, for steps whose point once hid: a
//! `find` answer (lesson 1 step 3), a stale answer (lesson 1 step 7), a rejection after a
//! prediction taken with → (lesson 4 step 3) and a misspelt author in the log (lesson 5 step 1). Reviewed like code.

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 6] = [
    (72, 20),
    (80, 24),
    (100, 30),
    (120, 40),
    (160, 45),
    (200, 50),
];

/// Snapshots the step at every size; `answer` first takes its prediction with →.
fn snapshot_all(lesson: &str, step: usize, answer: bool, name: &str) {
    let content = Content::load(None, None).unwrap().0;
    let screen = tour::open(&content, &Progress::default(), lesson, step - 1).unwrap();
    let mut app = App::new(
        screen,
        content,
        Progress::default(),
        None,
        Theme::new(ThemeName::Mono),
    );
    if answer {
        app.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    }
    for (w, h) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|frame| app.draw(frame)).unwrap();
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), terminal.backend());
    }
}

#[test]
fn a_find_answer_is_whole_at_every_size() {
    snapshot_all("why-cqrs", 3, false, "find_answer");
}

#[test]
fn a_stale_answer_says_so_at_every_size() {
    snapshot_all("why-cqrs", 7, false, "stale_answer");
}

#[test]
fn a_rejection_names_its_rule_at_every_size() {
    snapshot_all("eventual-consistency", 3, true, "rejection");
}

#[test]
fn the_misspelt_author_shows_in_the_log_at_every_size() {
    snapshot_all("read-your-writes", 1, false, "misspelt_author");
}

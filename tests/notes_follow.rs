//! Speaker notes follow the presenter: moving through the tour publishes each step for
//! `cqrs-catalog notes` in a second terminal. One test in its own binary, because it points
//! the runtime directory elsewhere for the whole process.

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn the_notes_follower_sees_each_step_the_presenter_moves_to() {
    let runtime = tempfile::tempdir().unwrap();
    // SAFETY: this binary runs this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("CQRS_CATALOG_RUNTIME", runtime.path()) };
    let content = Content::load(None, None).unwrap().0;
    let lesson = content.lesson("eventual-consistency").unwrap().clone();
    let screen = tour::open(&content, &Progress::default(), &lesson.id, 0).unwrap();
    let mut app = App::new(
        screen,
        content,
        Progress::default(),
        None,
        Theme::new(ThemeName::Mono),
    );
    app.publish_notes = true;

    let notes = || {
        let out = assert_cmd::Command::cargo_bin("cqrs-catalog")
            .unwrap()
            .args(["notes", "--once"])
            .env("CQRS_CATALOG_RUNTIME", runtime.path())
            .env("CQRS_CATALOG_CONFIG", runtime.path().join("none.toml"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // Moving to step 3 publishes it, notes and all (step 2 asks a prediction first, which
    // one more → skips).
    for _ in 0..3 {
        app.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    }
    let shown = notes();
    assert!(shown.contains(&lesson.steps[2].title), "{shown}");
    assert!(shown.contains("step 3"), "{shown}");
    let step3_notes = lesson.steps[2].notes.as_deref().unwrap();
    assert!(shown.contains(&step3_notes[..30]), "{shown}");
    // And back again.
    app.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    assert!(notes().contains(&lesson.steps[1].title));
}

//! Speaker notes follow the presenter: moving through the tour, by key or by autoplay,
//! publishes each step for `cqrs-catalog notes` in a second terminal, and leaving the tour
//! clears it. One test in its own binary, because it points the runtime directory elsewhere
//! for the whole process.

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour::{self, present::Presenter};
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

    // What `notes --once` in a second terminal prints: the notes, or why there are none.
    let notes = || {
        let out = assert_cmd::Command::cargo_bin("cqrs-catalog")
            .unwrap()
            .args(["notes", "--once"])
            .env("CQRS_CATALOG_RUNTIME", runtime.path())
            .env("CQRS_CATALOG_CONFIG", runtime.path().join("none.toml"))
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        // Wrapped to the width: compared word by word.
        format!("{stdout}{stderr}")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
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
    // Leaving the tour clears the notes: a follower says nobody is presenting.
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(notes().contains("no tour is running"), "{}", notes());

    // A presenter on autoplay: each step it moves to on its own is published.
    let content = Content::load(None, None).unwrap().0;
    let mut progress = Progress::default();
    let presenter = Presenter::new(Some(std::time::Duration::from_secs(1)), false);
    let screen = tour::start(
        &content,
        &mut progress,
        Some("rebuild"),
        None,
        Some(presenter),
    )
    .unwrap();
    let rebuild = content.lesson("rebuild").unwrap().clone();
    let mut app = App::new(screen, content, progress, None, Theme::new(ThemeName::Mono));
    app.publish_notes = true;
    // Twenty timer frames of 50 ms make the second each step stays.
    for _ in 0..20 {
        app.on_timer();
    }
    let shown = notes();
    assert!(
        shown.contains(&format!("step 2 of 6: {}", rebuild.steps[1].title)),
        "{shown}"
    );
    assert!(
        shown.contains(rebuild.steps[1].notes.as_deref().unwrap().trim()),
        "{shown}"
    );
    // The question on step 2 waits for the room however long it takes; → reveals it, and
    // autoplay moves on a second later.
    for _ in 0..100 {
        app.on_timer();
    }
    assert!(notes().contains("step 2 of 6"));
    app.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    for _ in 0..20 {
        app.on_timer();
    }
    assert!(notes().contains(&format!("step 3 of 6: {}", rebuild.steps[2].title)));
    // Zooming and blanking move nothing: the notes stay on the step.
    app.on_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE));
    app.on_key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE));
    assert!(notes().contains("step 3 of 6"));
}

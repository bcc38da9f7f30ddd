//! Speaker notes follow the presenter: moving through the tour, by key or by autoplay,
//! publishes each step for `cqrs-catalog notes` in a second terminal, and leaving the tour
//! clears it. One test in its own binary, because it points the runtime directory elsewhere
//! for the whole process.

mod support;

use cqrs_catalog::tui::tour::present::Presenter;
use support::{frames, press};

#[test]
fn the_notes_follower_sees_each_step_the_presenter_moves_to() {
    let runtime = tempfile::tempdir().unwrap();
    // SAFETY: this binary runs this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("CQRS_CATALOG_RUNTIME", runtime.path()) };
    let content = support::content();
    let lesson = content.lesson("eventual-consistency").unwrap().clone();
    let mut app = support::tour_at(&lesson.id, 1);
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
    press(&mut app, "→→→");
    let shown = notes();
    assert!(shown.contains(&lesson.steps[2].title), "{shown}");
    assert!(shown.contains("step 3"), "{shown}");
    let step3_notes = lesson.steps[2].notes.as_deref().unwrap();
    assert!(shown.contains(&step3_notes[..30]), "{shown}");
    // And back again.
    press(&mut app, "←");
    assert!(notes().contains(&lesson.steps[1].title));
    // Leaving the tour clears the notes: a follower says nobody is presenting.
    press(&mut app, "⎋");
    assert!(notes().contains("no tour is running"), "{}", notes());

    // A presenter on autoplay: each step it moves to on its own is published.
    let presenter = Presenter::new(Some(std::time::Duration::from_secs(1)), false);
    let mut app = support::presenting("rebuild", Some(2), presenter);
    let rebuild = support::content().lesson("rebuild").unwrap().clone();
    app.publish_notes = true;
    // Twenty timer frames of 50 ms make the second each step stays.
    frames(&mut app, 20);
    let shown = notes();
    assert!(
        shown.contains(&format!("step 3 of 7: {}", rebuild.steps[2].title)),
        "{shown}"
    );
    assert!(
        shown.contains(rebuild.steps[2].notes.as_deref().unwrap().trim()),
        "{shown}"
    );
    // The question on step 3 waits for the room however long it takes; → reveals it, and
    // autoplay moves on a second later.
    frames(&mut app, 100);
    assert!(notes().contains("step 3 of 7"));
    press(&mut app, "→");
    frames(&mut app, 20);
    assert!(notes().contains(&format!("step 4 of 7: {}", rebuild.steps[3].title)));
    // Zooming and blanking move nothing: the notes stay on the step.
    press(&mut app, "zb");
    assert!(notes().contains("step 4 of 7"));
}

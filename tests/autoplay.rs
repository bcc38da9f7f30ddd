//! Autoplay waits for the room: a presented prediction or challenge is not answered for the
//! room after the step's dwell; it waits for → (or for a dwell of its own,
//! `--autoplay-questions`), and the header counts down the time a step has left.

use std::time::Duration;

use cqrs_catalog::content::Content;
use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour::{self, present::Presenter};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Frames of the app's timer in one second (`present::FRAME` is 50 ms).
const SECOND: usize = 20;

fn content() -> Content {
    Content::load(None, None).unwrap().0
}

/// The first step of any lesson that holds what `has` looks for: (lesson id, step from 1).
fn step_with(content: &Content, has: fn(&cqrs_catalog::content::Step) -> bool) -> (String, usize) {
    content
        .lessons
        .iter()
        .find_map(|l| l.steps.iter().position(has).map(|i| (l.id.clone(), i + 1)))
        .unwrap()
}

fn presenting(presenter: Presenter, (lesson, step): &(String, usize)) -> App {
    let content = content();
    let mut progress = Progress::default();
    let screen = tour::start(
        &content,
        &mut progress,
        Some(lesson),
        Some(*step),
        Some(presenter),
    );
    App::new(
        screen.unwrap(),
        content,
        progress,
        None,
        Theme::new(ThemeName::Mono),
    )
}

fn header(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..120)
        .map(|x| buffer[(x, 0)].symbol().to_string())
        .collect()
}

fn frames(app: &mut App, n: usize) {
    for _ in 0..n {
        app.on_timer();
    }
}

fn every_second() -> Presenter {
    Presenter::new(Some(Duration::from_secs(1)), false)
}

#[test]
fn a_prediction_waits_for_the_room_then_arrow_reveals_and_autoplay_goes_on() {
    let at = step_with(&content(), |s| s.predict.is_some());
    let mut app = presenting(every_second(), &at);
    let step = format!("step {} of", at.1);
    assert!(header(&mut app).contains("waits for the room (→)"));
    assert!(!app.animating(), "waiting costs no timer");
    frames(&mut app, 30 * SECOND);
    assert!(header(&mut app).contains(&step), "still asking");
    app.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    let revealed = header(&mut app);
    assert!(revealed.contains("next in 1 s"), "{revealed}");
    frames(&mut app, SECOND);
    assert!(!header(&mut app).contains(&step), "moved on");
}

#[test]
fn a_challenge_waits_for_the_room_before_its_solution_runs() {
    let at = step_with(&content(), |s| s.challenge.is_some() && s.predict.is_none());
    let mut app = presenting(every_second(), &at);
    frames(&mut app, 30 * SECOND);
    let head = header(&mut app);
    assert!(head.contains("waits for the room"), "{head}");
    assert!(head.contains(&format!("step {} of", at.1)), "{head}");
}

#[test]
fn questions_get_a_dwell_of_their_own_when_given_one() {
    let at = step_with(&content(), |s| s.predict.is_some());
    let presenter = every_second().questions(Some(Duration::from_secs(3)));
    let mut app = presenting(presenter, &at);
    assert!(header(&mut app).contains("next in 3 s"));
    frames(&mut app, 2 * SECOND);
    assert!(header(&mut app).contains("next in 1 s"));
    frames(&mut app, SECOND);
    // Its three seconds are up: the answer is revealed for the room.
    assert!(
        header(&mut app).contains("next in 1 s"),
        "{}",
        header(&mut app)
    );
    assert!(header(&mut app).contains(&format!("step {} of", at.1)));
}

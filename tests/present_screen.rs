//! The presenter's layout and the themes, drawn into a TestBackend: a step with its big title
//! and one zoomed panel, each zoom, the blanked screen, a question and a challenge as a room
//! sees them, autoplay driven by the app's timer (frames counted, never a clock), and colors:
//! each theme paints differently, and NO_COLOR paints none at all.

mod support;

use std::ffi::OsStr;
use std::time::Duration;

use cqrs_catalog::progress::Progress;
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour::state::REBUILD_FRAMES;
use cqrs_catalog::tui::tour::{self, present::Presenter};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use support::{app_with, buffer, content, frames, key, press, screen_text, snapshot};

/// A projector's small grid (large fonts) and a large screen's.
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

/// Timer frames in a second: the app wakes an animating screen every 50 ms.
const SECOND: usize = 20;

/// The tour presented from a lesson and step (from 1), autoplaying every `autoplay` seconds.
fn presenting_at(
    lesson: &str,
    step: usize,
    autoplay: Option<u64>,
    looping: bool,
    theme: Theme,
) -> App {
    let content = content();
    let mut progress = Progress::default();
    // Questions get autoplay's dwell too (`--autoplay-questions`): these tests watch autoplay
    // answer and solve; tests/autoplay.rs shows a question waiting for the room.
    let dwell = autoplay.map(Duration::from_secs);
    let presenter = Presenter::new(dwell, looping).questions(dwell);
    let screen = tour::start(
        &content,
        &mut progress,
        Some(lesson),
        Some(step),
        Some(presenter),
    )
    .unwrap();
    app_with(screen, content, progress, theme)
}

fn presenting(lesson: &str, step: usize) -> App {
    presenting_at(lesson, step, None, false, Theme::new(ThemeName::Mono))
}

/// The header line: lesson and step.
fn header(app: &mut App) -> String {
    screen_text(app, (120, 40))
        .lines()
        .next()
        .unwrap()
        .to_string()
}

/// The title of the panel in focus (marked ▶ on its border).
fn focused(app: &mut App) -> String {
    let screen = screen_text(app, (160, 45));
    let at = screen.find("▶ ").expect("a panel has the focus");
    screen[at + "▶ ".len()..]
        .split(['·', '━'])
        .next()
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn a_presented_step_shows_a_big_title_the_narration_and_one_zoomed_panel() {
    let mut app = presenting("rebuild", 2);
    snapshot!(&mut app, "present_step", SIZES);
    for size in SIZES {
        let screen = screen_text(&mut app, size);
        assert!(screen.contains("Cards made from the log"), "{screen}");
        assert!(screen.contains("Catalogs"), "{screen}");
        assert!(
            !screen.contains("Event log"),
            "only one panel is zoomed:\n{screen}"
        );
        assert!(screen.contains('▀'), "big letters at {size:?}:\n{screen}");
    }
    // At the smallest size the tour takes, the text keeps the rows the big title would take.
    assert!(!screen_text(&mut app, (72, 20)).contains('▀'));
}

#[test]
fn z_zooms_each_panel_of_the_model_in_turn_beside_the_narration() {
    let mut app = presenting("rebuild", 2);
    for (name, title) in [
        ("log", "Event log"),
        ("office", "Back office"),
        ("commands", "Commands of this step"),
    ] {
        press(&mut app, "z");
        snapshot!(&mut app, &format!("present_zoom_{name}"), SIZES);
        let screen = screen_text(&mut app, (160, 45));
        assert!(screen.contains(title), "{screen}");
        assert!(!screen.contains("Catalogs"), "{screen}");
        assert_eq!(focused(&mut app), title, "the zoomed panel takes the focus");
    }
    press(&mut app, "z");
    assert!(
        screen_text(&mut app, (160, 45)).contains("Catalogs"),
        "and round"
    );
}

#[test]
fn tab_moves_the_focus_only_among_the_panels_on_screen() {
    let mut app = presenting("rebuild", 2);
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(focused(&mut app));
        key(&mut app, KeyCode::Tab);
    }
    assert_eq!(seen, ["Catalogs", "Narration", "Catalogs"]);
}

#[test]
fn b_blanks_the_whole_screen_until_any_key_which_does_nothing_else() {
    let mut app = presenting("rebuild", 2);
    press(&mut app, "b");
    snapshot!(&mut app, "present_blank", SIZES);
    for size in SIZES {
        let blank = buffer(&mut app, size);
        assert!(
            blank.content().iter().all(|cell| cell.symbol() == " "),
            "nothing at all, footer included"
        );
    }
    // The key that brings the screen back is spent on that: z does not zoom here.
    press(&mut app, "z");
    let back = screen_text(&mut app, (160, 45));
    assert!(
        back.contains("Catalogs") && back.contains("Narration"),
        "{back}"
    );
    assert!(header(&mut app).contains("step 2 of 7"));
}

#[test]
fn a_question_is_answered_by_its_letters_so_b_picks_a_choice_and_is_not_offered_as_blank() {
    let mut app = presenting("rebuild", 3);
    snapshot!(&mut app, "present_predict", SIZES);
    let asking = screen_text(&mut app, (80, 24));
    assert!(asking.contains("Predict, then see"), "{asking}");
    assert!(!asking.contains("b blank"), "{asking}");
    press(&mut app, "b");
    let answered = screen_text(&mut app, (160, 45));
    assert!(answered.contains("✓ Right: b)"), "{answered}");
    assert!(answered.contains("b blank"), "{answered}");
}

#[test]
fn a_challenge_waits_for_the_presenters_key_then_runs_its_solution_for_the_room() {
    let mut app = presenting("rebuild", 7);
    snapshot!(&mut app, "present_challenge", SIZES);
    let waiting = screen_text(&mut app, (160, 45));
    assert!(
        waiting.contains("→ runs the solution for the room"),
        "{waiting}"
    );
    assert!(!waiting.contains("press i"), "{waiting}");
    // Nobody is typing: q still quits, as the footer says.
    assert!(waiting.contains("q quit"), "{waiting}");
    key(&mut app, KeyCode::Right);
    // The solution's rebuild is animated: the goal is reached once the new catalog shows.
    let rebuilding = screen_text(&mut app, (160, 45));
    assert!(rebuilding.contains("rebuilding"), "{rebuilding}");
    assert!(!rebuilding.contains("goal reached"), "{rebuilding}");
    frames(&mut app, REBUILD_FRAMES as usize);
    snapshot!(&mut app, "present_challenge_solved", SIZES);
    let solved = screen_text(&mut app, (160, 45));
    assert!(solved.contains("goal reached ✓"), "{solved}");
    assert!(solved.contains("Reached by the solution"), "{solved}");
    assert!(
        header(&mut app).contains("step 7 of 7"),
        "the room sees it first"
    );
    key(&mut app, KeyCode::Right);
    assert!(header(&mut app).contains("Lesson 11 of 15"));
}

#[test]
fn the_presenter_can_still_type_a_command_for_a_live_demonstration() {
    let mut app = presenting("rebuild", 7);
    // From the catalogs, three turns of the zoom bring the commands into view.
    for _ in 0..3 {
        press(&mut app, "z");
    }
    press(&mut app, "i");
    for c in "sync subjects".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let screen = screen_text(&mut app, (160, 45));
    assert!(screen.contains("Challenge · typing"), "{screen}");
    assert!(screen.contains("sync subjects"), "{screen}");
}

#[test]
fn without_autoplay_a_presenter_costs_no_timer() {
    let app = presenting("rebuild", 2);
    assert!(!app.animating(), "the app blocks on the next key");
}

#[test]
fn autoplay_moves_on_when_its_time_on_a_step_is_up_and_not_before() {
    let mut app = presenting_at("rebuild", 2, Some(1), false, Theme::new(ThemeName::Mono));
    assert!(app.animating());
    frames(&mut app, SECOND - 1);
    assert!(header(&mut app).contains("step 2 of 7"));
    frames(&mut app, 1);
    assert!(header(&mut app).contains("step 3 of 7"));
    // A question: the next turn reveals its answer, the one after moves on.
    assert!(screen_text(&mut app, (120, 40)).contains("Predict, then see"));
    frames(&mut app, SECOND);
    let revealed = screen_text(&mut app, (120, 40));
    assert!(revealed.contains("The answer"), "{revealed}");
    assert!(header(&mut app).contains("step 3 of 7"));
    frames(&mut app, SECOND);
    assert!(header(&mut app).contains("step 4 of 7"));
}

#[test]
fn a_key_starts_autoplays_count_over() {
    let mut app = presenting_at("rebuild", 2, Some(1), false, Theme::new(ThemeName::Mono));
    frames(&mut app, SECOND - 1);
    press(&mut app, "z");
    frames(&mut app, SECOND - 1);
    assert!(header(&mut app).contains("step 2 of 7"));
    frames(&mut app, 1);
    assert!(header(&mut app).contains("step 3 of 7"));
}

#[test]
fn autoplay_solves_a_challenge_in_front_of_the_room_then_moves_on() {
    let mut app = presenting_at("rebuild", 7, Some(1), false, Theme::new(ThemeName::Mono));
    frames(&mut app, SECOND);
    // The solution rebuilds a catalog: the room watches the rebuild, then has its second.
    let rebuilding = screen_text(&mut app, (120, 40));
    assert!(!rebuilding.contains("goal reached"), "{rebuilding}");
    frames(&mut app, REBUILD_FRAMES as usize);
    let solved = screen_text(&mut app, (120, 40));
    assert!(solved.contains("goal reached ✓"), "{solved}");
    frames(&mut app, SECOND - 1);
    assert!(header(&mut app).contains("step 7 of 7"));
    frames(&mut app, 1);
    assert!(header(&mut app).contains("Lesson 11 of 15"));
}

#[test]
fn autoplay_waits_while_the_screen_is_blank_and_while_the_outline_is_open() {
    let mut app = presenting_at("rebuild", 2, Some(1), false, Theme::new(ThemeName::Mono));
    press(&mut app, "b");
    assert!(!app.animating(), "a blank screen wakes for nothing");
    frames(&mut app, 5 * SECOND);
    press(&mut app, "x");
    assert!(header(&mut app).contains("step 2 of 7"));
    press(&mut app, "o");
    assert!(!app.animating(), "the presenter is choosing where to go");
    frames(&mut app, 5 * SECOND);
    key(&mut app, KeyCode::Esc);
    assert!(header(&mut app).contains("step 2 of 7"));
    assert!(app.animating());
}

#[test]
fn at_the_end_autoplay_stops_unless_it_loops_and_a_loop_starts_over_asking_again() {
    let last = |looping| {
        presenting_at(
            "real-cases",
            6,
            Some(1),
            looping,
            Theme::new(ThemeName::Mono),
        )
    };
    // The last step rebuilds a catalog, shown before the step's second starts.
    let mut app = last(false);
    frames(&mut app, REBUILD_FRAMES as usize + SECOND);
    assert!(header(&mut app).contains("end of the tour"));
    assert!(!app.animating(), "nothing left to play: the app idles");

    let mut app = last(true);
    frames(&mut app, REBUILD_FRAMES as usize + SECOND);
    assert!(header(&mut app).contains("end of the tour"));
    assert!(app.animating());
    frames(&mut app, SECOND);
    let again = header(&mut app);
    assert!(
        again.contains("Lesson 1 of 15") && again.contains("step 1 of 7"),
        "{again}"
    );
}

#[test]
fn every_step_presents_at_every_size_and_zoom_and_a_loop_goes_round_the_whole_tour() {
    let content = content();
    let sizes = [(72, 20), (80, 24), (100, 30), (160, 45), (30, 8)];
    for lesson in &content.lessons {
        for step in 1..=lesson.steps.len() {
            let mut app = presenting(&lesson.id, step);
            for _ in 0..4 {
                for size in sizes {
                    let screen = screen_text(&mut app, size);
                    if size.0 >= 72 && size.1 >= 20 {
                        assert!(screen.contains("Lesson "), "{} {step}", lesson.id);
                    }
                }
                press(&mut app, "z");
            }
        }
    }
    // Round the whole tour and into the next round, drawing as the app would.
    let mut app = presenting_at("why-cqrs", 1, Some(1), true, Theme::new(ThemeName::Mono));
    let steps: usize = content.lessons.iter().map(|l| l.steps.len()).sum();
    let mut lessons_seen = std::collections::BTreeSet::new();
    let mut was_last = false;
    let mut started_over = false;
    // A step takes at most two turns (a question's answer, or a solution) and a rebuild.
    for _ in 0..steps * 3 {
        frames(&mut app, SECOND);
        let head = header(&mut app);
        lessons_seen.insert(head.split(" · ").next().unwrap().trim().to_string());
        let first = head.contains("Lesson 1 of 15") && head.contains("step 1 of 7");
        assert!(!app.should_quit());
        screen_text(&mut app, (80, 24));
        if first && was_last {
            started_over = true;
            break;
        }
        was_last = head.contains("end of the tour");
    }
    assert!(started_over, "the loop starts over after the end");
    assert_eq!(
        lessons_seen.len(),
        content.lessons.len(),
        "{lessons_seen:?}"
    );
    // The new round asks its questions again: lesson 1's fourth step asks one.
    for _ in 0..3 {
        frames(&mut app, SECOND);
    }
    assert!(header(&mut app).contains("step 4 of 7"));
    assert!(screen_text(&mut app, (120, 40)).contains("Predict, then see"));
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
fn each_theme_paints_its_own_colors_and_mono_and_no_color_paint_none() {
    let mut seen = Vec::new();
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
        let mut app = presenting_at("rebuild", 2, None, false, Theme::new(name));
        let found = colors(&buffer(&mut app, (120, 40)));
        assert!(!found.is_empty(), "{name:?} paints some color");
        assert!(!seen.contains(&found), "{name:?} differs from the others");
        seen.push(found);
    }
    let mut app = presenting_at("rebuild", 2, None, false, Theme::new(ThemeName::Mono));
    assert_eq!(colors(&buffer(&mut app, (120, 40))), Vec::<Color>::new());
    // NO_COLOR wins over any theme asked for.
    let theme = Theme::resolve_with(Some(ThemeName::HighContrast), Some(OsStr::new("1")));
    let mut app = presenting_at("rebuild", 2, None, false, theme);
    assert_eq!(colors(&buffer(&mut app, (120, 40))), Vec::<Color>::new());
    // An empty NO_COLOR is no request (no-color.org).
    assert_eq!(
        Theme::resolve_with(None, Some(OsStr::new(""))).name,
        ThemeName::Dark
    );
}

#[test]
fn a_question_before_a_room_asks_the_room_and_a_skipped_one_praises_nobody() {
    // The right choice's explanation starts "Right." for a learner who picked it.
    let mut app = presenting("command-side", 2);
    let asked = screen_text(&mut app, (160, 45));
    assert!(asked.contains("Ask the room"), "{asked}");
    assert!(
        !asked.contains("Press a"),
        "no key is addressed to one learner: {asked}"
    );
    key(&mut app, KeyCode::Right);
    let shown = screen_text(&mut app, (160, 45));
    assert!(shown.contains("✓ The answer:"), "{shown}");
    assert!(!shown.contains("Right."), "nobody answered: {shown}");
}

#[test]
fn the_big_text_is_the_steps_title_when_it_fits() {
    let content = content();
    // "Step 1" when the step's title is too long for the width, in big letters.
    let title = &content.lessons[0].steps[0].title;
    let mut app = presenting("why-cqrs", 1);
    let shown = screen_text(&mut app, (200, 50));
    assert!(
        shown.contains(title.as_str()),
        "the narration still heads with it"
    );
    assert!(
        header(&mut app).contains("Lesson 1 of"),
        "the lesson number stays small"
    );
}

#[test]
fn the_end_of_a_presented_tour_counts_no_learners_progress() {
    let mut app = presenting("real-cases", 6);
    for _ in 0..4 {
        key(&mut app, KeyCode::Right);
    }
    let end = screen_text(&mut app, (120, 40));
    let lessons = content().lessons.len();
    assert!(
        end.contains(&format!("The end of the tour: {lessons} lessons")),
        "{end}"
    );
    assert!(!end.contains("You have reached"), "{end}");
    assert!(!end.contains("read to the end"), "{end}");
}

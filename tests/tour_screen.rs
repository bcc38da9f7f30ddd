//! The tour screen drawn into a TestBackend at 80x24 and 120x40, driven by keys as a learner
//! would press them; the snapshots in `tests/snapshots/` are reviewed like code. Styles that
//! carry meaning (the focused panel, what a step appended) are checked cell by cell.

mod support;

use support::{content, draw, key, press, screen_text as text, snapshot, tour_at as app};

use cqrs_catalog::progress::{Progress, Store};
use cqrs_catalog::tui::App;
use cqrs_catalog::tui::home::Home;
use cqrs_catalog::tui::theme::{Theme, ThemeName};
use cqrs_catalog::tui::tour;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

/// The app with the tour open at a lesson and step (from 1), progress kept in `store`.
fn app_with(lesson: &str, step: usize, store: Option<Store>, theme: ThemeName) -> App {
    let content = content();
    let screen = tour::open(&content, &Progress::default(), lesson, step - 1).unwrap();
    App::new(
        screen,
        content,
        Progress::default(),
        store,
        Theme::new(theme),
    )
}

/// Finishes a rebuild animation the way the app's timer would.
fn settle(app: &mut App) {
    for _ in 0..100 {
        app.on_timer();
    }
}

#[test]
fn a_step_shows_its_narration_beside_the_office_log_catalogs_and_commands() {
    let mut app = app("why-cqrs", 2);
    snapshot!(&mut app, "plain_step");
}

#[test]
fn a_prediction_is_asked_before_the_step_runs() {
    let mut app = app("command-side", 2);
    snapshot!(&mut app, "predict_asked");
    let screen = text(&mut app, (80, 24));
    assert!(screen.contains("a) It is refused"), "{screen}");
    assert!(
        !screen.contains("Refused: must-be-cataloged"),
        "narration waits: {screen}"
    );
}

#[test]
fn an_answer_runs_the_step_and_reveals_right_or_wrong_with_the_why() {
    let mut app = app("command-side", 2);
    press(&mut app, "b");
    snapshot!(&mut app, "predict_wrong");
    let screen = text(&mut app, (120, 40));
    assert!(screen.contains("✗ You picked b)"), "{screen}");
    assert!(screen.contains("✓ The answer: a)"), "{screen}");
    assert!(screen.contains("rejected (must-be-cataloged)"), "{screen}");
}

#[test]
fn a_challenge_shows_its_checklist_and_an_error_with_a_caret_under_its_column() {
    let mut app = app("command-side", 5);
    press(&mut app, "return b1\nlned b1 to ada\n");
    snapshot!(&mut app, "challenge_error");
    let screen = text(&mut app, (120, 40));
    assert!(
        screen.contains("› lned b1 to ada"),
        "the line stays to be fixed: {screen}"
    );
    assert!(screen.contains("  ^"), "{screen}");
    // The suggestion may wrap in the challenge's column.
    assert!(screen.contains("(did you mean"), "{screen}");
    assert!(screen.contains("\"lend\"?)"), "{screen}");
}

#[test]
fn a_challenge_reached_says_so_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("progress.toml"));
    let mut app = app_with("command-side", 5, Some(store.clone()), ThemeName::Mono);
    press(
        &mut app,
        "withdraw b1\nreturn b1\nwithdraw b1\nlend b1 to cy\n",
    );
    snapshot!(&mut app, "challenge_reached");
    assert!(text(&mut app, (80, 24)).contains("goal reached ✓"));
    assert_eq!(
        store.load().progress.challenges,
        vec!["command-side/Return, then lend again".to_string()]
    );
}

#[test]
fn the_outline_shows_a_challenge_solved_whether_saved_by_its_number_or_its_title() {
    for saved in ["command-side/5", "command-side/Return, then lend again"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, format!("challenges = [\"{saved}\"]\n")).unwrap();
        let progress = Store::at(&path).load().progress;
        let content = content();
        let screen = tour::open(&content, &progress, "command-side", 0).unwrap();
        let mut app = App::new(screen, content, progress, None, Theme::new(ThemeName::Mono));
        press(&mut app, "o");
        let outline = text(&mut app, (120, 40));
        assert!(
            outline.contains("5. Return, then lend again · challenge ✓ solved"),
            "{saved}: {outline}"
        );
    }
}

#[test]
fn while_typing_q_and_question_mark_are_text_and_esc_leaves_the_prompt() {
    let mut app = app("command-side", 5);
    press(&mut app, "q?");
    assert!(!app.should_quit());
    assert!(text(&mut app, (80, 24)).contains("› q?"));
    press(&mut app, "⎋");
    press(&mut app, "?");
    assert!(text(&mut app, (80, 24)).contains("Keys on the guided tour"));
    press(&mut app, "?q");
    assert!(app.should_quit());
}

#[test]
fn arrows_on_an_empty_prompt_move_through_the_tour() {
    let mut app = app("command-side", 5);
    press(&mut app, "←");
    assert!(text(&mut app, (80, 24)).contains("step 4 of 5"));
}

#[test]
fn the_outline_lists_every_lesson_and_jumps_to_a_step() {
    let mut app = app("why-cqrs", 1);
    press(&mut app, "o");
    snapshot!(&mut app, "outline");
    // Down past the 7 steps of lesson 1 and the title of lesson 2, to its first step.
    press(&mut app, "↓↓↓↓↓↓↓↓\n");
    assert!(
        text(&mut app, (80, 24)).contains("Lesson 2 of 15 · The command side"),
        "{}",
        text(&mut app, (80, 24))
    );
}

#[test]
fn the_help_overlay_lists_the_tour_keys_a_legend_and_scrolls_when_it_does_not_fit() {
    let mut app = app("why-cqrs", 1);
    press(&mut app, "?");
    snapshot!(&mut app, "help");
    let top = text(&mut app, (72, 20));
    assert!(top.contains("Shift+Tab  move the focus back"), "{top}");
    assert!(top.contains("more ┛"), "a cue says there is more: {top}");
    // Page down until the end shows: the legend grows with the glyphs the panels can show.
    for _ in 0..4 {
        key(&mut app, KeyCode::PageDown);
    }
    let end = text(&mut app, (72, 20));
    assert!(
        end.contains("⋯  a catalog behind; an event waiting"),
        "{end}"
    );
    assert!(end.contains("Press ? or Esc to close."), "{end}");
    press(&mut app, "?");
    assert!(!text(&mut app, (72, 20)).contains("Marks on the panels"));
}

#[test]
fn the_footer_says_what_the_keys_do_in_each_state() {
    let mut tour = app("command-side", 2);
    let asking = text(&mut tour, (120, 40));
    assert!(asking.contains("a b c answer  → skip"), "{asking}");
    assert!(
        !asking.contains("t tick"),
        "no tick before the step runs: {asking}"
    );
    press(&mut tour, "→");
    let step = text(&mut tour, (120, 40));
    assert!(step.contains("→ next  ← back  t tick  r restart"), "{step}");
    let mut end = app("real-cases", 6);
    press(&mut end, "→→→→");
    let end = text(&mut end, (120, 40));
    assert!(end.contains("End of the tour"), "{end}");
    assert!(end.contains("a b quiz  ← back"), "{end}");
    assert!(!end.contains("→ next"), "nothing is next: {end}");
}

#[test]
fn shift_tab_moves_the_focus_back() {
    let mut app = app_with("why-cqrs", 1, None, ThemeName::Mono);
    press(&mut app, "\t");
    assert!(text(&mut app, (80, 24)).contains("▶ Event log"));
    key(&mut app, KeyCode::BackTab);
    assert!(text(&mut app, (80, 24)).contains("▶ Back office"));
}

#[test]
fn a_terminal_too_small_says_what_it_needs() {
    let mut app = app("why-cqrs", 1);
    let terminal = draw(&mut app, (40, 12));
    insta::assert_snapshot!("too_small@40x12", terminal.backend());
}

#[test]
fn a_rebuild_shows_its_progress_then_the_rebuilt_catalog() {
    let mut app = app("rebuild", 5);
    press(&mut app, "a");
    let during = text(&mut app, (120, 40));
    assert!(during.contains("↻ authors rebuilding"), "{during}");
    assert!(
        during.contains("trebreH knarF"),
        "the old copy answers meanwhile: {during}"
    );
    settle(&mut app);
    let after = text(&mut app, (120, 40));
    assert!(!after.contains("rebuilding"), "{after}");
    assert!(after.contains("✓ authors caught up"), "{after}");
    snapshot!(&mut app, "rebuilt");
}

#[test]
fn tick_lets_the_catalogs_catch_up_visibly() {
    let mut app = app("query-side", 2);
    assert!(text(&mut app, (120, 40)).contains("⋯ authors behind"));
    press(&mut app, "t");
    let screen = text(&mut app, (120, 40));
    assert!(screen.contains("✓ authors caught up"), "{screen}");
    assert!(screen.contains("+filed #1-#6"), "{screen}");
    assert!(screen.contains("› tick  (you)"), "{screen}");
}

#[test]
fn the_end_of_the_tour_offers_the_two_quizzes_and_opens_one() {
    let mut app = app("real-cases", 6);
    press(&mut app, "→");
    settle(&mut app);
    snapshot!(&mut app, "end");
    let screen = text(&mut app, (80, 24));
    assert!(screen.contains("a) Why CQRS?"), "{screen}");
    press(&mut app, "a");
    let quiz = text(&mut app, (80, 24));
    assert!(!quiz.contains("End of the tour"), "{quiz}");
    // Nothing answered yet, so one Esc leaves the quiz.
    press(&mut app, "⎋");
    let back = text(&mut app, (80, 24));
    assert!(
        back.contains("End of the tour"),
        "leaving the quiz returns: {back}"
    );
}

/// The area of the panel whose title contains `title`: its top-left corner's position.
fn corner(buf: &Buffer, title: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(at) = row.find(title) {
            let col = row[..at].chars().count() as u16;
            let mut x = col;
            // A panel stacked under another opens on a joining corner.
            while x > 0 && !matches!(buf[(x, y)].symbol(), "┏" | "┌" | "┣" | "├") {
                x -= 1;
            }
            return (x, y);
        }
    }
    panic!("no panel titled {title}");
}

#[test]
fn the_focused_panel_has_a_thick_border_a_marker_and_the_focus_color() {
    let mut app = app_with("why-cqrs", 1, None, ThemeName::Dark);
    let theme = Theme::new(ThemeName::Dark);
    let terminal = draw(&mut app, (80, 24));
    let buf = terminal.backend().buffer();
    // Step 1 puts the back office in focus.
    let (x, y) = corner(buf, "▶ Back office");
    assert_eq!(buf[(x, y)].symbol(), "┏");
    assert_eq!(buf[(x, y)].fg, theme.focus.fg.unwrap());
    let (x, y) = corner(buf, "Event log");
    assert_eq!(buf[(x, y)].symbol(), "├");
    assert_ne!(buf[(x, y)].fg, theme.focus.fg.unwrap());
    // Tab moves the focus: now the log is thick and the office plain.
    press(&mut app, "\t");
    let terminal = draw(&mut app, (80, 24));
    let buf = terminal.backend().buffer();
    let (x, y) = corner(buf, "▶ Event log");
    assert_eq!(buf[(x, y)].symbol(), "┣");
    let (x, y) = corner(buf, "Back office");
    assert_eq!(buf[(x, y)].symbol(), "┌");
}

#[test]
fn what_a_step_appended_is_marked_and_bold_even_without_color() {
    let mut app = app_with("why-cqrs", 6, None, ThemeName::Mono);
    let terminal = draw(&mut app, (120, 40));
    let buf = terminal.backend().buffer();
    let find = |needle: &str| {
        (0..buf.area.height)
            .find_map(|y| {
                let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                row.find(needle)
                    .map(|at| (row[..at].chars().count() as u16, y))
            })
            .unwrap_or_else(|| panic!("{needle} not on screen"))
    };
    let (x, y) = find("+ #7");
    assert!(
        buf[(x + 2, y)].modifier.contains(Modifier::BOLD),
        "the new event is bold"
    );
    let (x, y) = find("  #6");
    assert!(
        !buf[(x + 2, y)].modifier.contains(Modifier::BOLD),
        "an old one is not"
    );
}

#[test]
fn moving_saves_the_position_and_the_last_step_completes_the_lesson() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("progress.toml"));
    let mut app = app_with("why-cqrs", 1, Some(store.clone()), ThemeName::Mono);
    press(&mut app, "ll");
    let saved = store.load().progress;
    assert_eq!(saved.tour.lesson.as_deref(), Some("why-cqrs"));
    assert_eq!(saved.tour.step, 2);
    assert!(saved.tour.completed.is_empty());
    // Steps 4 to 7; step 4 asks a prediction, which → reveals first.
    press(&mut app, "→→ →→");
    let saved = store.load().progress;
    assert_eq!(saved.tour.step, 6);
    assert_eq!(saved.tour.completed, vec!["why-cqrs".to_string()]);
    press(&mut app, "h");
    assert_eq!(store.load().progress.tour.step, 5);
}

#[test]
fn the_tour_resumes_where_the_learner_left_off() {
    let content = content();
    let mut progress = Progress::default();
    progress.tour.lesson = Some("rebuild".into());
    progress.tour.step = 2;
    let screen = tour::resume(&content, &progress).unwrap();
    let mut app = App::new(screen, content, progress, None, Theme::new(ThemeName::Mono));
    let screen = text(&mut app, (80, 24));
    assert!(screen.contains("Lesson 10 of 15"), "{screen}");
    assert!(screen.contains("step 3 of 7"), "{screen}");
}

#[test]
fn a_saved_position_beyond_the_lesson_resumes_at_its_last_step() {
    let content = content();
    let mut progress = Progress::default();
    progress.tour.lesson = Some("rebuild".into());
    progress.tour.step = 99;
    assert_eq!(tour::saved_position(&content, &progress), (9, 6));
    progress.tour.lesson = Some("gone".into());
    assert_eq!(tour::saved_position(&content, &progress), (0, 0));
}

#[test]
fn home_shows_the_tour_with_the_learners_progress_and_opens_it() {
    let content = content();
    let mut progress = Progress::default();
    progress.tour.lesson = Some("query-side".into());
    progress.tour.step = 1;
    progress.complete_lesson("why-cqrs");
    let mut app = App::new(
        Box::new(Home::new()),
        content,
        progress,
        None,
        Theme::new(ThemeName::Mono),
    );
    let screen = text(&mut app, (80, 24));
    assert!(
        screen.contains("resume at lesson 4 of 15, step 2 of 7"),
        "{screen}"
    );
    assert!(screen.contains("1 of 15 lessons completed"), "{screen}");
    // Quitting is listed once: "q quit", which the app adds; Esc stays in help.
    assert_eq!(screen.matches("quit").count(), 1, "{screen}");
    press(&mut app, "\n");
    assert!(text(&mut app, (80, 24)).contains("Lesson 4 of 15"));
}

#[test]
fn every_step_draws_at_every_size_and_focus_without_panicking() {
    // From the smallest size the tour accepts to a wide one, across each layout's edges.
    let sizes = [
        (72, 20),
        (80, 24),
        (119, 30),
        (120, 20),
        (149, 24),
        (150, 20),
        (200, 50),
        (30, 8),
        (1, 1),
    ];
    let content = content();
    for lesson in &content.lessons {
        for step in 1..=lesson.steps.len() {
            let screen = tour::open(&content, &Progress::default(), &lesson.id, step - 1).unwrap();
            let theme = Theme::new(ThemeName::Mono);
            let mut app = App::new(screen, content.clone(), Progress::default(), None, theme);
            for size in sizes {
                draw(&mut app, size);
            }
            // Answer a prediction (at a prompt the letter is typed), mid-animation too.
            press(&mut app, "a");
            for size in [(72, 20), (80, 24), (120, 20), (150, 20)] {
                draw(&mut app, size);
            }
            settle(&mut app);
            // Leave a prompt (elsewhere Esc would leave the tour: only at a challenge).
            if lesson.steps[step - 1].challenge.is_some() {
                press(&mut app, "⎋");
            }
            for _ in 0..6 {
                press(&mut app, "\t");
                for size in [(72, 20), (120, 20), (150, 20)] {
                    draw(&mut app, size);
                }
            }
            assert!(!app.should_quit(), "{} step {step}", lesson.id);
        }
    }
}

#[test]
fn a_challenge_after_a_prediction_shows_the_verdict_then_the_goal_and_takes_typing() {
    let mut app = app("schema-change", 7);
    assert!(!text(&mut app, (120, 40)).contains("Goal:"), "held back");
    press(&mut app, "c");
    let screen = text(&mut app, (120, 40));
    assert!(screen.contains("✓ Right: c)"), "{screen}");
    assert!(screen.contains("Goal: A branch library"), "{screen}");
    // At 80x24 too the goal is in view at once, under the verdict's headline.
    let small = text(&mut app, (80, 24));
    assert!(small.contains("✓ Right: c)"), "{small}");
    assert!(small.contains("Goal: A branch library"), "{small}");
    press(&mut app, "add-catalog branch by title\n");
    assert!(text(&mut app, (120, 40)).contains("✓ A catalog named branch exists."));
}

/// The challenge panel's rows, from its title down to the prompt.
fn challenge_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Challenge"))
        .take_while(|l| !l.contains('›'))
        .map(|l| l.chars().take(40).collect())
        .collect()
}

#[test]
fn a_challenge_ticks_nothing_before_the_learner_types_and_names_what_to_keep() {
    // The eventual-consistency challenge begins with the shelf showing b2 available: a
    // condition to keep, not one the learner has met.
    let mut app = app("eventual-consistency", 8);
    let before = text(&mut app, (120, 40));
    let rows = challenge_rows(&before);
    assert!(!rows.is_empty(), "{before}");
    assert!(rows.iter().all(|r| !r.contains('✓')), "{before}");
    assert!(
        before.contains("= keep: The shelf catalog shows b2 as"),
        "{before}"
    );
    assert!(before.contains("○ Book b2 is lent to cy."), "{before}");
    press(&mut app, "lend b2 to cy\n");
    let after = text(&mut app, (120, 40));
    assert!(after.contains("✓ Book b2 is lent to cy."), "{after}");
    assert!(
        after.contains("✓ keep: The shelf catalog shows b2 as"),
        "{after}"
    );
    assert!(after.contains("✗ The last answer is stale."), "{after}");
}

#[test]
fn next_on_an_unsolved_challenge_warns_then_skips_and_progress_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("progress.toml"));
    let mut app = app_with("command-side", 5, Some(store.clone()), ThemeName::Mono);
    press(&mut app, "⎋→");
    let warned = text(&mut app, (80, 24));
    assert!(warned.contains("step 5 of"), "it stays: {warned}");
    assert!(
        warned.contains("not solved yet: → again skips it"),
        "{warned}"
    );
    press(&mut app, "→");
    let moved = text(&mut app, (80, 24));
    assert!(moved.contains("Lesson 3 of"), "the next lesson: {moved}");
    let progress = store.load().progress;
    assert_eq!(
        progress.skipped,
        vec!["command-side/Return, then lend again".to_string()]
    );
    assert!(progress.challenges.is_empty(), "skipped is not solved");
}

#[test]
fn a_rebuilt_catalog_reaches_the_goal_only_once_it_is_swapped_in() {
    let mut app = app("rebuild", 7);
    press(&mut app, "run solution\n");
    let rebuilding = text(&mut app, (120, 40));
    assert!(rebuilding.contains("rebuilding"), "{rebuilding}");
    assert!(!rebuilding.contains("goal reached"), "{rebuilding}");
    settle(&mut app);
    assert!(text(&mut app, (120, 40)).contains("goal reached ✓"));
}

#[test]
fn inline_code_in_a_goal_is_drawn_in_the_code_style_without_backticks() {
    let mut app = app_with("schema-change", 7, None, ThemeName::Dark);
    press(&mut app, "c");
    let terminal = draw(&mut app, (120, 40));
    let buf = terminal.backend().buffer();
    let shown = format!("{}", terminal.backend());
    assert!(
        shown.contains("Add a catalog called branch filed"),
        "{shown}"
    );
    assert!(!shown.contains('`'), "no literal backticks: {shown}");
    let code = Theme::new(ThemeName::Dark).key;
    let (y, row) = (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            (y, row)
        })
        .find(|(_, r)| r.contains("called branch"))
        .unwrap();
    let x = row[..row.find("called branch").unwrap()].chars().count() as u16 + 7;
    assert_eq!(buf[(x, y)].symbol(), "b");
    assert_eq!(buf[(x, y)].fg, code.fg.unwrap(), "branch is code");
    assert_ne!(buf[(x - 2, y)].fg, code.fg.unwrap(), "called is not");
}

#[test]
fn the_challenge_prompt_completes_like_the_sandbox_and_a_bad_line_is_replaced_by_typing() {
    let mut app = app("command-side", 5);
    press(&mut app, "re\t");
    let listed = text(&mut app, (120, 40));
    assert!(
        listed.contains("Tab:"),
        "the candidates are listed: {listed}"
    );
    assert!(listed.contains("reset"), "a prompt word is one: {listed}");
    assert!(listed.contains("return"), "{listed}");
    press(&mut app, "\t");
    assert!(text(&mut app, (120, 40)).contains("▸"), "Tab again cycles");
    // A line that fails stays, selected; typing starts a new one instead of gluing on.
    for _ in 0..20 {
        key(&mut app, KeyCode::Backspace);
    }
    press(&mut app, "lned b1 to ada\n");
    assert!(text(&mut app, (120, 40)).contains("› lned b1 to ada"));
    press(&mut app, "return b1");
    let after = text(&mut app, (120, 40));
    assert!(after.contains("› return b1"), "{after}");
    assert!(!after.contains("adareturn"), "{after}");
}

/// A checklist item that names a command was drawn with its backticks (`verify subjects`);
/// it is drawn in the code style, as the goal is.
#[test]
fn a_checklist_item_naming_a_command_has_no_backticks() {
    let mut app = app("rebuild", 7);
    let screen = text(&mut app, (120, 40));
    assert!(
        screen.contains("verify subjects finds nothing wrong"),
        "{screen}"
    );
    assert!(!screen.contains('`'), "{screen}");
}

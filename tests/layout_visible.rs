//! The tour's promise, checked over every shipped step: with no key pressed (a prediction
//! taken with →), what the step changed is on screen whole at the common terminal sizes. The
//! same `unseen` runs over a teacher's own content.

use cqrs_catalog::content::Content;
use cqrs_catalog::tui::tour::visible::{Unseen, first_screen, unseen};

fn content() -> Content {
    Content::load(None, None).unwrap().0
}

fn assert_all_seen(size: (u16, u16)) {
    assert_seen_but(&unseen(&content(), size), &[]);
}

/// Fails naming every step in `missing` that `listed` does not excuse.
fn assert_seen_but(missing: &[Unseen], listed: &[(&str, usize)]) {
    let list: Vec<String> = missing
        .iter()
        .filter(|u| !listed.contains(&(u.lesson.as_str(), u.step)))
        .map(|u| u.to_string())
        .collect();
    assert!(
        list.is_empty(),
        "{} hidden:\n{}",
        list.len(),
        list.join("\n")
    );
}

#[test]
fn every_step_shows_its_point_at_80x24() {
    assert_all_seen((80, 24));
}

#[test]
fn every_step_shows_its_point_at_100x30() {
    assert_all_seen((100, 30));
}

/// At the smallest size the app draws (72x20: 17 rows for the panels) these steps change
/// more lines than there are rows, whatever the layout does; each shows its point from
/// 80x24 up. A step that fits at 72x20 must leave the list; one joins it only with the reason
/// written beside it.
const TOO_BUSY_AT_72X20: &[(&str, usize)] = &[
    ("why-cqrs", 2),
    ("why-cqrs", 5),
    ("command-side", 3),
    ("command-side", 4),
    ("lost-updates", 2),
    ("eventual-consistency", 1),
    ("eventual-consistency", 7),
    ("read-your-writes", 2),
    ("read-your-writes", 5),
    ("read-your-writes", 6),
    ("read-your-writes", 7),
    ("one-page", 1),
    ("at-least-once", 4),
    ("at-least-once", 8),
    ("failing-projector", 4),
    ("failing-projector", 5),
    ("failing-projector", 7),
    ("rebuild", 2),
    ("rebuild", 4),
    ("schema-change", 2),
    ("schema-change", 3),
    ("schema-change", 5),
    ("dual-write", 1),
    ("dual-write", 2),
    ("dual-write", 4),
    // Its book's "never published" mark (a point since the TUI shows unpublished commits)
    // takes the row its verify's last line needed.
    ("dual-write", 5),
    ("outbox", 4),
    ("trade-offs", 1),
    ("trade-offs", 2),
    ("trade-offs", 4),
    ("real-cases", 1),
    ("real-cases", 2),
    ("real-cases", 3),
    ("real-cases", 5),
    ("real-cases", 6),
];

#[test]
fn at_72x20_only_the_listed_steps_hide_part_of_their_point() {
    let unseen = unseen(&content(), (72, 20));
    assert_seen_but(&unseen, TOO_BUSY_AT_72X20);
    let fits: Vec<_> = TOO_BUSY_AT_72X20
        .iter()
        .filter(|(lesson, step)| {
            !unseen
                .iter()
                .any(|u| u.lesson == *lesson && u.step == *step)
        })
        .collect();
    assert!(
        fits.is_empty(),
        "these fit at 72x20 now, take them off the list: {fits:?}"
    );
}

/// The steps users first found hiding their answer (issue 9) show it at 80x24.
#[test]
fn the_steps_that_hid_their_answer_at_80x24_show_it() {
    let hidden: Vec<String> = unseen(&content(), (80, 24))
        .iter()
        .filter(|u| {
            matches!(
                (u.lesson.as_str(), u.step),
                ("why-cqrs", 3 | 7) | ("eventual-consistency", 3)
            )
        })
        .map(|u| u.to_string())
        .collect();
    assert!(hidden.is_empty(), "{}", hidden.join("\n"));
}

#[test]
fn every_step_shows_its_point_at_120x40() {
    assert_all_seen((120, 40));
}

#[test]
fn every_step_shows_its_point_at_200x50() {
    assert_all_seen((200, 50));
}

/// Lesson 6 step 1 (issue 9): the log line with the misspelt author was cut before the typo.
/// The typo shows in the log where it is typed, and in its own drawer once filed (step 2).
#[test]
fn the_typo_of_lesson_5_shows_at_80x24() {
    let content = content();
    let lesson = content
        .lessons
        .iter()
        .position(|l| l.id == "read-your-writes")
        .unwrap();
    let screen = first_screen(&content, lesson, 0, (80, 24));
    let rows: Vec<&str> = screen.lines().collect();
    let event = rows
        .iter()
        .position(|r| r.contains("+ #3 t0 BookAcquired b3 \"Persuasion\" by Jane"))
        .unwrap_or_else(|| panic!("no event #3:\n{screen}"));
    assert!(rows[event + 1].contains("Austin about romance"), "{screen}");
    let screen = first_screen(&content, lesson, 1, (80, 24));
    assert!(
        screen
            .lines()
            .any(|r| r.contains("Jane Austin   │ b3 Persuasion · available")),
        "{screen}"
    );
}

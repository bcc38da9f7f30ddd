//! `tour --plain` prints, after each step, what the step changed in the model (events
//! appended, records changed, checkpoints moved, cards filed or moved), and the whole model
//! only with `--full`, so the narration is not buried under state dumps.

mod support;

use support::{cqrs, stdout};

#[test]
fn each_step_ends_with_what_it_changed_not_the_whole_model() {
    let data = tempfile::tempdir().unwrap();
    let lean = stdout(cqrs(data.path()).args(["tour", "--plain"]));
    let full = stdout(cqrs(data.path()).args(["tour", "--plain", "--full"]));
    let steps = full.matches("\nState after step ").count();
    assert_eq!(lean.matches("\nState after step ").count(), 0);
    let told = lean.matches("\nWhat changed in step ").count()
        + lean
            .matches("\nNothing changed in the model in step ")
            .count();
    assert_eq!(told, steps, "every step says what it changed");
    assert!(
        lean.lines().count() * 3 < full.lines().count() * 2,
        "a third shorter at least: {} lines against {}",
        lean.lines().count(),
        full.lines().count()
    );
}

#[test]
fn the_changes_name_the_events_cards_and_checkpoints() {
    let data = tempfile::tempdir().unwrap();
    let text =
        stdout(cqrs(data.path()).args(["tour", "--plain", "--lesson", "why-cqrs", "--step", "2"]));
    let changes = &text[text.find("What changed in step 2:").expect("changes")..];
    for expected in [
        "  Clock: tick 0 to 1\n",
        "  Appended #4 BookCataloged b1",
        "  Back office changed b1",
        "  authors, titles, subjects, shelf: checkpoint #6 of log head #6",
        "  authors filed b1 \"Dune\" under \"Frank Herbert\"\n",
        "  subjects filed b1 \"Dune\" under \"ecology\"\n",
    ] {
        assert!(changes.contains(expected), "{expected:?} in\n{changes}");
    }
}

#[test]
fn full_without_a_printed_tour_is_a_usage_error() {
    let data = tempfile::tempdir().unwrap();
    cqrs(data.path()).args(["tour", "--full"]).assert().code(2);
}

//! The classroom from the command line: `results` on the fixtures in `results/` (the report,
//! broken records reported and skipped, a file that is not results at all), and `notes`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use cqrs_catalog::classroom::notes::{self, PresenterState};

/// The binary, run from the crate's folder so fixture paths print the same everywhere.
fn bin() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("cqrs-catalog");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const CLASS_REPORT: &str = r#"tests/results/class.toml: 5 attempts by 3 learners

Learners
  name   quiz         best  last  attempts
  Ada    consistency   3/3   3/3         2
  Grace  consistency   2/3   2/3         1
  Grace  motivation    1/1   1/1         1
  Linus  consistency   0/3   0/3         1

Questions, most missed first (every attempt counts)

  motivation: Why CQRS?
    question            answered  missed  most common mistake
    primary-motivation         1       0  -

  consistency: Lag, stale reads and reading your own writes
    question                answered  missed  most common mistake
    what-eventual-means            4       2  B picked 2 times: "Some writes may never reach it; that is the accepted trade-off"
    stale-find                     4       2  B left out 2 times: "The answer is flagged as possibly stale"
    read-your-writes-steps         4       2  B misplaced 2 times: "The back office returns #n to the app with its reply"
"#;

#[test]
fn the_report_has_a_row_per_learner_and_per_question_with_the_commonest_mistake() {
    bin()
        .args(["results", "tests/results/class.toml"])
        .assert()
        .success()
        .stdout(CLASS_REPORT)
        .stderr("");
}

#[test]
fn a_teachers_quiz_folder_is_what_records_are_checked_against() {
    bin()
        .args([
            "results",
            "tests/results/class.toml",
            "--quizzes",
            "quizzes",
        ])
        .assert()
        .success()
        .stdout(CLASS_REPORT);
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes/02-consistency.toml"),
        dir.path().join("consistency.toml"),
    )
    .unwrap();
    let out = bin()
        .args(["results", "tests/results/class.toml", "--quizzes"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        text(&out.stderr),
        "tests/results/class.toml:55:8: unknown quiz \"motivation\"\n"
    );
    assert!(text(&out.stdout).starts_with(
        "tests/results/class.toml: 4 attempts by 3 learners (1 broken record skipped, see above)\n"
    ));
}

#[test]
fn broken_records_are_reported_at_their_place_and_skipped_and_the_rest_counts() {
    let out = bin()
        .args(["results", "tests/results/broken.toml"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        text(&out.stderr),
        "\
tests/results/broken.toml:13:1: missing field `score`
tests/results/broken.toml:24:9: invalid type: string \"one\", expected usize
tests/results/broken.toml:30:8: unknown quiz \"consistensy\" (did you mean \"consistency\"?)
tests/results/broken.toml:43:16: quiz \"consistency\" has no question \"what-eventually-means\" (did you mean \"what-eventual-means\"?)
tests/results/broken.toml:47:12: invalid basic string, expected `\"`
"
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "tests/results/broken.toml: 2 attempts by 2 learners (5 broken records skipped, see above)\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  Ada    consistency   1/1   1/1         1\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  Grace  consistency   0/1   0/1         1\n"),
        "{stdout}"
    );
}

#[test]
fn a_file_that_is_not_results_is_one_line_and_exit_1() {
    bin()
        .args(["results", "tests/results/not-toml.toml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "tests/results/not-toml.toml:1:6: not a results file: key with no value, expected `=`\n\
             cqrs-catalog: no attempt could be read from tests/results/not-toml.toml\n",
        );
}

#[test]
fn an_empty_results_file_is_no_attempts_yet_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.toml");
    std::fs::write(&path, "").unwrap();
    bin()
        .arg("results")
        .arg(&path)
        .assert()
        .success()
        .stdout(format!("{}: no attempts\n", path.display()));
}

fn state(step: usize, title: &str, notes: &str) -> PresenterState {
    PresenterState {
        lesson: "eventual-consistency".into(),
        lesson_title: "Eventual consistency".into(),
        step,
        steps: 6,
        title: title.into(),
        notes: notes.into(),
    }
}

#[test]
fn notes_once_prints_the_step_the_presenter_published() {
    let dir = tempfile::tempdir().unwrap();
    notes::publish_to(
        &dir.path().join(notes::STATE_FILE),
        &state(
            4,
            "A stale read",
            "Ask: which catalog would you trust here?",
        ),
    )
    .unwrap();
    bin()
        .env("CQRS_CATALOG_RUNTIME", dir.path())
        .args(["notes", "--once"])
        .assert()
        .success()
        .stdout(
            "Eventual consistency (eventual-consistency), step 4 of 6: A stale read\n\n\
             Ask: which catalog would you trust here?\n",
        );
}

#[test]
fn notes_once_without_a_presenter_says_so_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .env("CQRS_CATALOG_RUNTIME", dir.path())
        .args(["notes", "--once"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "cqrs-catalog: no presenter: nothing at {} (the tour in presenter mode writes it)\n",
            dir.path().join(notes::STATE_FILE).display()
        ));
}

#[test]
fn notes_follows_the_presenter_and_ends_with_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(notes::STATE_FILE);
    let mut child = Command::new(env!("CARGO_BIN_EXE_cqrs-catalog"))
        .arg("notes")
        .env("CQRS_CATALOG_RUNTIME", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    // The deadline only keeps a broken follower from hanging the suite.
    let wait_for = |wanted: &str| loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains(wanted) => break,
            Ok(_) => {}
            Err(e) => panic!("the follower never printed {wanted:?}: {e}"),
        }
    };
    wait_for("Waiting for a presenter");
    notes::publish_to(&path, &state(1, "Two clocks", "Start the clock slowly.")).unwrap();
    wait_for("step 1 of 6: Two clocks");
    wait_for("Start the clock slowly.");
    notes::publish_to(&path, &state(2, "The lag", "Now pause a projector.")).unwrap();
    wait_for("step 2 of 6: The lag");
    wait_for("Now pause a projector.");
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
}

//! The classroom from the command line: `results` on the fixtures in `results/` (the report,
//! broken records reported and skipped, a file that is not results at all), and `notes`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use cqrs_catalog::attempt::Given;
use cqrs_catalog::classroom::notes::{self, PresenterState};
use cqrs_catalog::classroom::results::{self, Attempt};
use cqrs_catalog::content::Content;
use cqrs_catalog::rng::Rng;

/// The binary, run from the crate's folder so fixture paths print the same everywhere.
fn bin() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("cqrs-catalog");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The fixture quizzes the fixture records were written against.
const QUIZZES: [&str; 2] = ["--quizzes", "tests/results/quizzes"];

const CLASS_REPORT: &str = r#"tests/results/class.toml: 5 attempts by 3 learners

Learners
  name   quiz  best  last  attempts
  Ada    lag    3/3   3/3         2
  Grace  lag    2/3   2/3         1
  Grace  why    1/1   1/1         1
  Linus  lag    0/3   0/3         1

Questions, most missed first (every attempt counts; letters as the learners saw them)

  lag: Lag and stale reads
    question                        answered  skipped  missed  most common mistake
    What does eventual consistenc…         4        0       2  b picked 2 times: "Some writes may n…
    Right after a lend, the shelf…         4        0       2  b left out 2 times: "It is flagged a…
    Put the steps of a version-st…         4        0       2  b misplaced 2 times: "The back offic…

  why: Why CQRS?
    question                      answered  skipped  missed  most common mistake
    Why split reads from writes?         1        0       0  -
"#;

#[test]
fn the_report_has_a_row_per_learner_and_per_question_with_the_commonest_mistake() {
    bin()
        .args(["results", "tests/results/class.toml"])
        .args(QUIZZES)
        .assert()
        .success()
        .stdout(CLASS_REPORT)
        .stderr("");
}

#[test]
fn records_are_checked_against_the_embedded_quizzes_unless_a_folder_is_given() {
    // The fixture's quizzes are not embedded: every record names an unknown quiz.
    let out = bin()
        .args(["results", "tests/results/class.toml"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("tests/results/class.toml:7:8: unknown quiz \"lag\"\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("cqrs-catalog: no attempt could be read from tests/results/class.toml\n")
    );

    // An attempt at an embedded quiz, appended as the quiz mode does, is read without a folder.
    let content = Content::read(&[], &cqrs_catalog::content::load::embedded_quizzes()).0;
    let quiz = &content.quizzes[0];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.toml");
    let mut pass = cqrs_catalog::attempt::Attempt::whole(quiz, &mut Rng::new(1));
    pass.asked[0].given = Some(Given::Skipped);
    results::append(&path, &Attempt::from_quiz(quiz, &pass, "Ada", Some(1))).unwrap();
    let out = bin()
        .arg("results")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("\n  Ada   {}", quiz.id)),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("\n  {}: {}\n", quiz.id, quiz.title)),
        "{stdout}"
    );
}

#[test]
fn broken_records_are_reported_at_their_place_and_skipped_and_the_rest_counts() {
    let out = bin()
        .args(["results", "tests/results/broken.toml"])
        .args(QUIZZES)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        text(&out.stderr),
        "\
tests/results/broken.toml:13:1: this record has no `score`
tests/results/broken.toml:24:9: `score` must be a whole number, 0 or more
tests/results/broken.toml:30:8: unknown quiz \"lgs\" (did you mean \"lag\"?)
tests/results/broken.toml:43:16: quiz \"lag\" has no question \"eventually\" (did you mean \"eventual\"?)
tests/results/broken.toml:47:12: this record is not valid TOML here (invalid basic string, expected `\"`)
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
        stdout.contains("\n  Ada    lag    1/1   1/1         1\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  Grace  lag    0/1   0/1         1\n"),
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
            "tests/results/not-toml.toml:1:6: not a results file: it is not TOML (key with no value, expected `=`)\n\
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
        ..PresenterState::default()
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
            "cqrs-catalog: no tour is running: nothing at {} (a tour writes its step there)\n",
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
    wait_for("Waiting for a tour");
    notes::publish_to(&path, &state(1, "Two clocks", "Start the clock slowly.")).unwrap();
    wait_for("step 1 of 6: Two clocks");
    wait_for("Start the clock slowly.");
    notes::publish_to(&path, &state(2, "The lag", "Now pause a projector.")).unwrap();
    wait_for("step 2 of 6: The lag");
    wait_for("Now pause a projector.");
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
}

#[test]
fn learners_answering_in_plain_mode_land_in_one_results_file_the_teacher_reads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("class.toml");
    // The motivation quiz with seed 3 asks its primary-motivation question first; c is right.
    for (name, first) in [("ada", "c"), ("bob", "b"), ("cy", "b")] {
        bin()
            .args([
                "quiz",
                "motivation",
                "--plain",
                "--seed",
                "3",
                "--name",
                name,
                "--results",
            ])
            .arg(&file)
            .write_stdin(format!("{first}\n"))
            .assert()
            .success();
    }
    let out = bin()
        .arg("results")
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = text(&out);
    assert!(report.contains("3 attempts by 3 learners"), "{report}");
    for name in ["ada", "bob", "cy"] {
        assert!(report.contains(name), "{report}");
    }
    // The first question's text, shortened to fit, then answered 3, skipped 0, missed 2, and
    // the mistake in the letter bob and cy typed (the authored letter differs).
    let row = report
        .lines()
        .find(|l| l.trim_start().starts_with("What is the primary"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        row.split_whitespace()
            .skip_while(|w| !w.ends_with('…'))
            .skip(1)
            .take(6)
            .eq(["3", "0", "2", "b", "picked", "2"]),
        "{row}"
    );
    // The questions never reached count as skipped, not as answered.
    let skipped = report
        .lines()
        .filter(|l| l.split_whitespace().rev().take(4).eq(["-", "0", "3", "0"]))
        .count();
    assert_eq!(skipped, 9, "{report}");
    for line in report.lines() {
        assert!(line.chars().count() <= 100, "{line}");
    }
}

#[test]
fn a_results_file_without_a_name_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["quiz", "motivation", "--plain", "--results"])
        .arg(dir.path().join("class.toml"))
        .env("CQRS_CATALOG_DATA", dir.path())
        .env("CQRS_CATALOG_CONFIG", dir.path().join("none.toml"))
        .write_stdin("c\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs the learner's name"));
    assert!(!dir.path().join("class.toml").exists());
}

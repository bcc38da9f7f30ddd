//! Nothing a learner did is lost, nothing hangs, no input crashes it: the binary run against
//! concurrent sessions, unreadable files, closed pipes and hostile input.

use assert_cmd::Command;
use predicates::prelude::*;

const FIXTURE: [&str; 2] = ["--quizzes", "tests/fixtures/quizzes-plain"];

/// The binary with its data, config and runtime folders in `data`.
fn cqrs(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("cqrs-catalog").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CQRS_CATALOG_DATA", data)
        .env("CQRS_CATALOG_RUNTIME", data)
        .env("CQRS_CATALOG_CONFIG", data.join("config.toml"))
        .env_remove("NO_COLOR");
    cmd
}

fn attempts_saved(data: &std::path::Path) -> String {
    let text = std::fs::read_to_string(data.join("progress.toml")).unwrap();
    let value: toml::Table = toml::from_str(&text).unwrap();
    value["quizzes"]["plain"]["attempts"].to_string()
}

#[test]
fn parallel_plain_quizzes_record_every_attempt() {
    let data = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("cqrs-catalog");
    let (sessions, rounds) = (20, 5);
    let workers: Vec<_> = (0..sessions)
        .map(|_| {
            let (bin, dir) = (bin.clone(), data.path().to_path_buf());
            std::thread::spawn(move || {
                for _ in 0..rounds {
                    let mut child = std::process::Command::new(&bin)
                        .current_dir(env!("CARGO_MANIFEST_DIR"))
                        .env("CQRS_CATALOG_DATA", &dir)
                        .env("CQRS_CATALOG_CONFIG", dir.join("config.toml"))
                        .args(["quiz", "plain", "--plain", "--seed", "3"])
                        .args(FIXTURE)
                        .stdin(std::process::Stdio::piped())
                        .stdout(std::process::Stdio::null())
                        .spawn()
                        .unwrap();
                    use std::io::Write;
                    child.stdin.take().unwrap().write_all(b"c\n").unwrap();
                    assert!(child.wait().unwrap().success());
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(attempts_saved(data.path()), (sessions * rounds).to_string());
}

#[test]
fn a_quiz_with_every_question_skipped_records_no_score() {
    let data = tempfile::tempdir().unwrap();
    cqrs(data.path())
        .args(["quiz", "plain", "--plain", "--seed", "3"])
        .args(FIXTURE)
        .write_stdin("\n\n\n\n")
        .assert()
        .success();
    assert!(!data.path().join("progress.toml").exists());
}

#[test]
fn a_progress_file_that_is_a_directory_is_named_and_left_alone_by_a_quiz() {
    let data = tempfile::tempdir().unwrap();
    let place = data.path().join("progress.toml");
    std::fs::create_dir(&place).unwrap();
    cqrs(data.path())
        .args(["quiz", "plain", "--plain", "--seed", "3"])
        .args(FIXTURE)
        .write_stdin("c\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{} is a directory, not a regular file",
            place.display()
        )))
        .stderr(predicate::str::contains("not saved"));
    assert!(place.is_dir());
}

#[test]
fn progress_that_is_not_utf8_is_kept_aside_and_the_place_named() {
    let data = tempfile::tempdir().unwrap();
    let place = data.path().join("progress.toml");
    std::fs::write(&place, b"challenges = [\"rebuild/6\"]\n\xfe\n").unwrap();
    cqrs(data.path())
        .arg("progress")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "progress.toml:2:1: not UTF-8 text",
        ))
        .stderr(predicate::str::contains("kept as"));
    let kept: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(kept, [b"challenges = [\"rebuild/6\"]\n\xfe\n".to_vec()]);
}

#[test]
fn an_impossible_score_is_not_printed() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("progress.toml"),
        "[quizzes.motivation]\nbest = 70\ntotal = 10\ndate = \"2026-11-26\"\nattempts = 1\n",
    )
    .unwrap();
    cqrs(data.path())
        .arg("progress")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "quizzes.motivation: best 70 of 10",
        ))
        .stdout(predicate::str::contains("best 70").not());
}

#[test]
fn a_reset_without_a_terminal_needs_yes_and_keeps_the_old_file() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("progress.toml");
    std::fs::write(&file, "challenges = [\"rebuild/6\"]\n").unwrap();
    cqrs(data.path())
        .args(["progress", "--reset"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add --yes"));
    assert!(file.exists(), "nothing cleared without a yes");
    cqrs(data.path())
        .args(["progress", "--reset", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("moved aside to"));
    let kept: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(kept, ["challenges = [\"rebuild/6\"]\n"]);
}

//! Nothing a learner did is lost, nothing hangs, no input crashes it: the binary run against
//! concurrent sessions, unreadable files, closed pipes and hostile input.

mod support;

use support::cqrs;

use predicates::prelude::*;

const FIXTURE: [&str; 2] = ["--quizzes", "tests/fixtures/quizzes-plain"];

/// The binary with its data, config and runtime folders in `data`.
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

/// Runs the binary with its standard output a pipe whose reading end is already closed, as
/// `| head -1` leaves it once it has its line.
fn with_stdout_closed(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(assert_cmd::cargo::cargo_bin("cqrs-catalog"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CQRS_CATALOG_DATA", data)
        .env("CQRS_CATALOG_CONFIG", data.join("config.toml"))
        .args(args)
        .stdout(writer)
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["progress"][..],
        &["check"][..],
        &["config", "--example"][..],
        &["run", "tests/fixtures/small.txt"][..],
        &["tour", "--plain"][..],
    ] {
        let out = with_stdout_closed(data.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let data = tempfile::tempdir().unwrap();
    let full = std::fs::File::create("/dev/full").unwrap();
    for args in [&["progress"][..], &["check"][..]] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("cqrs-catalog"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("CQRS_CATALOG_DATA", data.path())
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("cqrs-catalog: cannot write to standard output: No space left"),
            "{stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_script_that_is_a_symlink_to_dev_zero_is_refused_at_once() {
    let data = tempfile::tempdir().unwrap();
    let link = data.path().join("script.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    cqrs(data.path())
        .args(["run", link.to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(5))
        .assert()
        .code(1)
        .stderr(format!(
            "cqrs-catalog: {} is a device, not a regular file\n",
            link.display()
        ));
}

#[test]
fn thousands_of_bad_lines_print_a_hundred_errors_and_a_count() {
    let data = tempfile::tempdir().unwrap();
    let script = "lned b1\n".repeat(5_000);
    let out = cqrs(data.path())
        .args(["run", "-"])
        .write_stdin(script)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 101, "{}", &stderr[..200]);
    assert!(
        stderr.ends_with("\n... and 4900 more errors\n"),
        "{}",
        &stderr[stderr.len() - 200..]
    );
}

#[test]
fn escape_sequences_in_a_script_are_shown_in_the_transcript_not_sent() {
    let data = tempfile::tempdir().unwrap();
    cqrs(data.path())
        .args(["run", "-"])
        .write_stdin("acquire b1 \"Dune\u{1b}[2J\u{7}\" by \"Herbert\" about \"sf\"\nshow titles\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("\u{7}").not())
        .stdout(predicate::str::contains("Dune\\x1b[2J\\x07"));
}

#[test]
fn escape_sequences_in_a_bad_line_are_shown_in_the_error_not_sent() {
    let data = tempfile::tempdir().unwrap();
    cqrs(data.path())
        .args(["run", "-"])
        .write_stdin("\u{1b}]0;pwned\u{7}\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\u{1b}").not())
        .stderr(predicate::str::contains("\\x1b]0;pwned\\x07"));
}

#[test]
fn a_word_of_megabytes_gets_no_suggestion_and_no_hang() {
    let data = tempfile::tempdir().unwrap();
    let word = "x".repeat(4 << 20);
    // The deadline only keeps a hang from holding the suite: a killed run fails the code.
    cqrs(data.path())
        .args(["run", "-"])
        .write_stdin(format!("{word}\n"))
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn run_refuses_the_options_it_has_no_use_for() {
    let data = tempfile::tempdir().unwrap();
    for option in [
        &["--content", "content"][..],
        &["--quizzes", "quizzes"][..],
        &["--mouse"][..],
    ] {
        cqrs(data.path())
            .args(["run", "tests/fixtures/small.txt"])
            .args(option)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "`run` has no use for {}",
                option[0]
            )));
    }
}

#[test]
fn a_byte_order_mark_and_old_mac_line_endings_run_as_written() {
    let data = tempfile::tempdir().unwrap();
    cqrs(data.path())
        .args(["run", "-"])
        .write_stdin("\u{feff}acquire b1 \"Dune\" by \"Herbert\" about \"sf\"\rcatalog b1\r")
        .assert()
        .success()
        .stdout(predicate::str::contains("  2  catalog b1\n"));
}

#[test]
fn an_id_typed_with_a_combining_accent_is_the_composed_id() {
    let data = tempfile::tempdir().unwrap();
    cqrs(data.path())
        .args(["run", "-"])
        .write_stdin("acquire b\u{e9} \"Dune\" by \"Herbert\" about \"sf\"\ncatalog be\u{301}\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("rejected").not());
}

#[test]
fn a_class_s_name_or_results_file_needs_the_plain_quiz() {
    let data = tempfile::tempdir().unwrap();
    for option in [["--name", "Ada"], ["--results", "class.toml"]] {
        cqrs(data.path())
            .args(["quiz", "motivation"])
            .args(option)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--plain"));
    }
    assert!(!data.path().join("class.toml").exists());
}

/// A long script keeps its parser a few chunks ahead on a thread of its own: a closed pipe
/// stops the run, and the parser with it, so the process ends at once and quietly.
#[test]
fn a_closed_pipe_ends_a_long_run_and_its_parser_quietly() {
    let data = tempfile::tempdir().unwrap();
    let script = data.path().join("long.txt");
    std::fs::write(&script, "tick\nstatus\n".repeat(50_000)).unwrap();
    let out = with_stdout_closed(data.path(), &["run", script.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

//! A class results file from the command line: `results --csv` for a spreadsheet, letters as
//! the learners typed them, and a `--results` target that cannot take the answers refused
//! before the first question is asked.

mod support;

use support::cqrs;

/// The binary with its progress and config kept in `dir`.
/// A learner answers the first question of the motivation quiz (seed 3) and stops.
fn answer(dir: &std::path::Path, file: &std::path::Path, name: &str, typed: &str) {
    cqrs(dir)
        .args([
            "quiz",
            "motivation",
            "--plain",
            "--seed",
            "3",
            "--name",
            name,
        ])
        .arg("--results")
        .arg(file)
        .write_stdin(format!("{typed}\n"))
        .assert()
        .success();
}

#[test]
fn the_csv_has_a_row_per_learner_and_question_in_the_letters_they_typed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("class.toml");
    for (name, typed) in [("ada", "c"), ("bob", "b"), ("Smith, Jo", "a")] {
        answer(dir.path(), &file, name, typed);
    }
    let out = cqrs(dir.path())
        .arg("results")
        .arg(&file)
        .arg("--csv")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "learner",
            "quiz",
            "attempt",
            "time",
            "question",
            "prompt",
            "picked",
            "right answer",
            "result"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3 * 10, "three learners, ten questions each");
    let first: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .filter(|r| &r[4] == "primary-motivation")
        .map(|r| (&r[0], &r[6], &r[7], &r[8]))
        .collect();
    assert_eq!(
        first,
        [
            ("ada", "c", "c", "right"),
            ("bob", "b", "c", "wrong"),
            ("Smith, Jo", "a", "c", "wrong"),
        ]
    );
    assert!(
        rows.iter()
            .filter(|r| &r[4] != "primary-motivation")
            .all(|r| &r[8] == "skipped" && r[6].is_empty()),
        "the questions never reached are skipped"
    );
}

#[test]
fn a_symbolic_link_as_the_results_file_is_refused_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes.txt");
    std::fs::write(&target, "my notes\n").unwrap();
    let link = dir.path().join("class.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    cqrs(dir.path())
        .args([
            "quiz",
            "motivation",
            "--plain",
            "--name",
            "ada",
            "--results",
        ])
        .arg(&link)
        .write_stdin("c\n")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains("is a symbolic link"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my notes\n");
}

#[test]
fn a_file_that_is_not_a_results_file_is_refused_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("plan.md");
    std::fs::write(&notes, "# Monday\n").unwrap();
    cqrs(dir.path())
        .args([
            "quiz",
            "motivation",
            "--plain",
            "--name",
            "ada",
            "--results",
        ])
        .arg(&notes)
        .write_stdin("c\n")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains("is not a class results file"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "# Monday\n");
}

#[test]
fn an_unwritable_results_file_is_reported_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: nothing can be appended to it, even as root.
    let folder = dir.path().join("class.toml");
    std::fs::create_dir(&folder).unwrap();
    cqrs(dir.path())
        .args([
            "quiz",
            "motivation",
            "--plain",
            "--name",
            "ada",
            "--results",
        ])
        .arg(&folder)
        .write_stdin("c\n")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains("is not a regular file"));
}

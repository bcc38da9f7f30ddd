//! `cqrs-catalog check` and the app's refusal of broken content, run as the real binary against
//! fixture folders holding one file per kind of problem; every line is compared exactly.

use assert_cmd::Command;
use cqrs_catalog::content::Content;

fn cqrs() -> Command {
    let mut cmd = Command::cargo_bin("cqrs-catalog").unwrap();
    // Problems name files as given, relative to here; progress never touches the real home.
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env(
        "CQRS_CATALOG_DATA",
        std::env::temp_dir().join("cqrs-catalog-check-tests"),
    );
    // Nor does the user's config file: a bad one would be refused before the content is.
    cmd.env(
        "CQRS_CATALOG_CONFIG",
        std::env::temp_dir().join("cqrs-catalog-check-tests/no-config.toml"),
    );
    cmd
}

const CONTENT_PROBLEMS: &str = "\
tests/fixtures/content-broken/01-syntax.toml:2:34: invalid basic string, expected `\"`
tests/fixtures/content-broken/02-keys.toml:1:1: missing key `summary` in a lesson
tests/fixtures/content-broken/02-keys.toml:3:1: unknown key `summry` in a lesson (did you mean `summary`?); it takes id, title, summary, steps
tests/fixtures/content-broken/02-keys.toml:5:1: missing key `text` in a step
tests/fixtures/content-broken/02-keys.toml:12:1: unknown key `speaker` in a step; it takes title, text, run, focus, notes, predict, challenge
tests/fixtures/content-broken/04-twice-b.toml:1:6: duplicate lesson id \"twice\" (also in tests/fixtures/content-broken/03-twice-a.toml)
tests/fixtures/content-broken/05-commands.toml:10:1: run: unknown command \"lned\" (did you mean \"lend\"?)
tests/fixtures/content-broken/05-commands.toml:16:9: focus \"shelves\" is not a panel: use narration, office, log, catalogs or command
tests/fixtures/content-broken/05-commands.toml:19:15: condition \"book b1 is lnet\": word 4: expected acquired, available, lent, withdrawn or unknown, found `lnet` (did you mean \"lent\"?)
tests/fixtures/content-broken/05-commands.toml:23:9: solution: expected `to`, found `ada`
tests/fixtures/content-broken/06-challenge.toml:11:6: run: no catalog is named \"shelves\" (did you mean \"shelf\"?)
tests/fixtures/content-broken/06-challenge.toml:22:1: step 2: the solution does not reach the goal: \"catalog shelf shows b1 as lent\" does not hold
tests/fixtures/content-broken/06-challenge.toml:33:1: step 3: the goal holds before the learner does anything
tests/fixtures/content-broken/07-ids.toml:1:6: lesson id \"Bad Id\" must be lowercase letters, digits and '-'
tests/fixtures/content-broken/07-ids.toml:13:12: a prediction needs at least 2 choices with exactly one correct (has 2 with 2 correct)
tests/fixtures/content-broken/08-steps.toml:14:9: duplicate step title \"Lend\" in this lesson
";

const QUIZ_PROBLEMS: &str = "\
tests/fixtures/quizzes-broken/01-syntax.toml:3:1: duplicate key `title`
tests/fixtures/quizzes-broken/02-keys.toml:4:1: missing key `explanation` in a question
tests/fixtures/quizzes-broken/02-keys.toml:8:1: unknown key `explaination` in a question (did you mean `explanation`?); it takes id, kind, prompt, explanation, review, shuffle, setup, choices
tests/fixtures/quizzes-broken/02-keys.toml:13:1: missing key `why` in a choice
tests/fixtures/quizzes-broken/03-twice.toml:19:6: duplicate question id \"same\" in this quiz
tests/fixtures/quizzes-broken/04-twice-again.toml:1:6: duplicate quiz id \"twice\" (also in tests/fixtures/quizzes-broken/03-twice.toml)
tests/fixtures/quizzes-broken/05-kinds.toml:6:8: a single question needs exactly one correct choice, this one has 2
tests/fixtures/quizzes-broken/05-kinds.toml:20:8: a single question needs exactly one correct choice, this one has 0
tests/fixtures/quizzes-broken/05-kinds.toml:33:8: a multiple question needs at least one correct choice
tests/fixtures/quizzes-broken/05-kinds.toml:47:8: an order question needs at least 3 choices, this one has 2
tests/fixtures/quizzes-broken/05-kinds.toml:59:8: an order question takes no `correct`: the authored order is the answer
tests/fixtures/quizzes-broken/05-kinds.toml:59:8: an order question cannot be pinned: its authored order is the answer
tests/fixtures/quizzes-broken/05-kinds.toml:76:8: kind \"singel\" is not a question kind (did you mean \"single\"?): use single, multiple or order
tests/fixtures/quizzes-broken/05-kinds.toml:89:6: question id \"Shouting\" must be lowercase letters, digits and '-'
tests/fixtures/quizzes-broken/06-review.toml:9:10: review links to a lesson \"why-cqr\" that does not exist (did you mean \"why-cqrs\"?)
tests/fixtures/quizzes-broken/06-review.toml:24:10: review links to a lesson \"the-moon\" that does not exist
tests/fixtures/quizzes-broken/07-setup.toml:11:9: setup: expected `to`, found `ada`
tests/fixtures/quizzes-broken/07-setup.toml:34:10: condition \"book b1 was acquired\": word 3: expected `is`, found `was`
tests/fixtures/quizzes-broken/07-setup.toml:49:10: `holds` needs a `setup` on the question to check against
tests/fixtures/quizzes-broken/08-model.toml:19:10: question \"stale-shelf\", choice a: marked correct, but after the setup \"answer shows b1 as lent\" is false
tests/fixtures/quizzes-broken/08-model.toml:24:10: question \"stale-shelf\", choice b: marked wrong, but after the setup \"answer shows b1 as available\" is true
tests/fixtures/quizzes-broken/08-model.toml:34:6: setup: no catalog is named \"loans\" (there are: authors, titles, subjects, shelf)
";

const BROKEN_CONTENT: [&str; 4] = [
    "--content",
    "tests/fixtures/content-broken",
    "--quizzes",
    "tests/fixtures/quizzes-ok",
];

#[test]
fn every_kind_of_lesson_problem_is_printed_at_its_file_line_and_column() {
    cqrs()
        .arg("check")
        .args(BROKEN_CONTENT)
        .assert()
        .code(1)
        .stdout(CONTENT_PROBLEMS)
        .stderr("cqrs-catalog: 16 problems found\n");
}

#[test]
fn every_kind_of_quiz_problem_is_printed_at_its_file_line_and_column() {
    cqrs()
        .args(["check", "--quizzes", "tests/fixtures/quizzes-broken"])
        .assert()
        .code(1)
        .stdout(QUIZ_PROBLEMS)
        .stderr("cqrs-catalog: 22 problems found\n");
}

#[test]
fn a_file_that_is_not_utf8_is_a_problem_of_that_file_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), b"id = \"a\"\ntitle = \"\xff\"\n").unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/quizzes-broken/01-syntax.toml"
        ),
        dir.path().join("b.toml"),
    )
    .unwrap();
    let a = dir.path().join("a.toml").display().to_string();
    let b = dir.path().join("b.toml").display().to_string();
    cqrs()
        .args(["check", "--quizzes"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(format!(
            "{a}:2:10: the file is not UTF-8 text; save it as UTF-8\n{b}:3:1: duplicate key `title`\n"
        ));
}

#[test]
fn the_embedded_content_has_no_problems_so_a_broken_build_cannot_ship() {
    let (content, problems) = Content::load(None, None).unwrap();
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
    assert!(content.quizzes.len() >= 3 && content.lessons.len() >= 3);
}

#[test]
fn check_of_clean_content_prints_a_one_line_summary_and_exits_0() {
    let out = cqrs()
        .arg("check")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.ends_with(": no problems\n"), "{text}");
}

/// What the app prints when it refuses content: the same lines as `check`, then one line.
fn refusal(problems: &str, count: usize) -> String {
    format!(
        "{problems}cqrs-catalog: the content has {count} problems; fix them (see `cqrs-catalog check`)\n"
    )
}

#[test]
fn the_app_and_the_tour_refuse_broken_lessons_with_the_same_lines_as_check() {
    for args in [
        &[][..],
        &["tour"][..],
        &["tour", "--plain"][..],
        &["quiz"][..],
    ] {
        cqrs()
            .args(args)
            .args(BROKEN_CONTENT)
            .assert()
            .code(1)
            .stdout("")
            .stderr(refusal(CONTENT_PROBLEMS, 16));
    }
}
#[test]
fn the_quiz_refuses_broken_quizzes_with_the_same_lines_as_check_in_both_modes() {
    for args in [
        &["quiz"][..],
        &["quiz", "model", "--plain"][..],
        &["quiz", "--plain"][..],
    ] {
        cqrs()
            .args(args)
            .args(["--quizzes", "tests/fixtures/quizzes-broken"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(refusal(QUIZ_PROBLEMS, 22));
    }
}

#[test]
fn a_teacher_s_lessons_work_with_the_embedded_quizzes() {
    cqrs()
        .args(["check", "--content", "tests/fixtures/check/good/content"])
        .assert()
        .code(0)
        .stdout(predicates::str::ends_with(": no problems\n"));
}

#[test]
fn an_entry_that_cannot_be_read_is_one_problem_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/check/good/content/01-stale-shelf.toml",
        dir.path().join("01-stale-shelf.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("02-folder.toml")).unwrap();
    std::fs::write(dir.path().join("03-broken.toml"), "id = [[[").unwrap();
    let out = cqrs()
        .args(["check", "--content"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let folder = dir.path().join("02-folder.toml");
    assert!(
        stdout.starts_with(&format!(
            "{}:1:1: this is a directory, not a file\n",
            folder.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("03-broken.toml:1:"),
        "the next file is checked too: {stdout}"
    );
}

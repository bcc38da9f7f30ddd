//! The sandbox as the real binary and as a library: a session typed at the prompt and saved
//! replays through `cqrs-catalog run` to the same log; `sandbox --from` refuses an unknown
//! lesson; the sandbox refuses to start without a terminal.

mod support;

use support::cqrs;

use cqrs_catalog::tui::sandbox::Sandbox;
use predicates::prelude::*;

/// The binary with its data kept in `data` (never the real home), and no config file.
/// A session that uses every kind of command, quotes inside strings, a rejection, a query
/// and an undo, so the script has to say all of it back exactly.
const TYPED: &[&str] = &[
    r#"acquire b1 "Dune" by "Frank Herbert" about "science fiction", "deserts""#,
    r#"acquire b2 "The \"Other\" Book" by "A. N. Author""#,
    "catalog b1",
    "catalog b2",
    "lag shelf 0",
    "lend b1 to ada",
    "lend b1 to bob",
    r#"find shelf "b1""#,
    "tick 2",
    r#"revise b2 title "Another Book""#,
    "pause titles",
    "return b1",
    "withdraw b2",
    "damage authors",
    "rebuild authors",
    "add-catalog loans by patron",
    "resume titles",
    "sync subjects",
    "status",
    "tick",
    "undo",
];

#[test]
fn a_saved_sandbox_session_replays_through_run_to_the_same_log() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("session.txt");
    let mut sandbox = Sandbox::new(None);
    for line in TYPED {
        sandbox.submit(line);
    }
    sandbox.submit(&format!("save {}", file.display()));
    let expected: Vec<serde_json::Value> = sandbox
        .session()
        .library()
        .log()
        .events()
        .iter()
        .map(|e| serde_json::json!({"seq": e.seq, "kind": e.kind.name(), "book": e.book.as_str(), "tick": e.tick}))
        .collect();
    assert!(expected.len() >= 8, "{expected:?}");

    let out = cqrs(data.path())
        .args(["run", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let replayed: Vec<serde_json::Value> = lines
        .iter()
        .flat_map(|l| l["events"].as_array().unwrap().clone())
        .collect();
    assert_eq!(replayed, expected);
    // One line a command, the undone `tick` not among them; the rejection is replayed too.
    assert_eq!(lines.len(), TYPED.len() - 2);
    assert_eq!(lines[6]["outcome"], "rejected");
    assert_eq!(lines.last().unwrap()["input"], "status");
}

#[test]
fn sandbox_from_an_unknown_lesson_is_a_one_line_usage_error() {
    let data = tempfile::tempdir().unwrap();
    let out = cqrs(data.path())
        .args(["sandbox", "--from", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("cqrs-catalog: unknown lesson \"nope\""),
        "{err}"
    );
    assert!(err.contains("the lessons are: why-cqrs,"), "{err}");
}

#[test]
fn the_sandbox_refuses_without_a_terminal_and_points_at_run() {
    let data = tempfile::tempdir().unwrap();
    for args in [&["sandbox"][..], &["sandbox", "--from", "rebuild"][..]] {
        cqrs(data.path())
            .args(args)
            .write_stdin("tick\n")
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("needs a terminal")
                    .and(predicate::str::contains("run FILE"))
                    .and(predicate::str::contains('\n').count(1)),
            );
    }
    assert!(
        !data.path().join("sandbox-history.txt").exists(),
        "nothing ran, nothing was kept"
    );
}

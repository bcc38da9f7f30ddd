//! `run`'s output byte for byte: the transcript and the `--json` lines of a script that reaches
//! every kind of outcome (each rejection, each answer, redeliveries, crashes, counts, escapes
//! and non-ASCII text; the outbox, a lost dual write, versions, parked events) must stay
//! exactly what they were when the writers were rewritten for speed. The expected files were
//! written by the build before that rewrite.

use assert_cmd::Command;

/// The scripts, each beside its expected `.transcript` and `.jsonl` in tests/fixtures/.
const SCRIPTS: [&str; 3] = [
    "every_outcome",
    "every_outcome_outbox",
    "every_outcome_dual_write",
];

fn run(script: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cqrs-catalog"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("run")
        .arg(format!("tests/fixtures/{script}.txt"))
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8")
}

fn expected(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first line that differs, with its number, so a failure says where without a wall of text.
fn first_difference(got: &str, want: &str) -> Option<String> {
    let (mut got_lines, mut want_lines) = (got.split('\n'), want.split('\n'));
    for n in 1.. {
        match (got_lines.next(), want_lines.next()) {
            (None, None) => return None,
            (g, w) if g == w => {}
            (g, w) => return Some(format!("line {n}:\n got: {g:?}\nwant: {w:?}")),
        }
    }
    unreachable!()
}

#[test]
fn the_transcript_is_byte_for_byte_what_it_was() {
    for script in SCRIPTS {
        let (got, want) = (run(script, &[]), expected(&format!("{script}.transcript")));
        assert_eq!(first_difference(&got, &want), None, "{script}");
        assert_eq!(got, want, "{script}");
    }
}

#[test]
fn json_lines_are_byte_for_byte_what_they_were() {
    for script in SCRIPTS {
        let (got, want) = (
            run(script, &["--json"]),
            expected(&format!("{script}.jsonl")),
        );
        assert_eq!(first_difference(&got, &want), None, "{script}");
        assert_eq!(got, want, "{script}");
    }
}

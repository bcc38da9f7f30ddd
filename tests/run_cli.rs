//! `cqrs-catalog run` and `check` as a user runs them: the transcript, `--json` lines, exit
//! codes and error output, scripts from files and from standard input. Fixtures live in
//! tests/fixtures/.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

fn app() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cqrs-catalog"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const SMALL: &str = "tests/fixtures/small.txt";

/// The output of `run --json` on a script, one parsed object per line.
fn json_lines(args: &[&str], stdin: Option<&str>) -> Vec<Value> {
    let mut cmd = app();
    cmd.arg("run").args(args).arg("--json");
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The transcript.

#[test]
fn the_transcript_shows_each_executed_line_and_what_it_came_to() {
    app()
        .args(["run", SMALL])
        .assert()
        .success()
        .stderr(predicate::str::is_empty())
        .stdout(contains(
            "  2  acquire b1 \"Dune\" by \"Frank Herbert\" about \"science fiction\"\n     accepted: #1 BookAcquired b1 \"Dune\" by Frank Herbert about science fiction\n",
        ))
        .stdout(contains(
            "  4  tick\n     done: the clock reads tick 1\n     filed: authors #1-#2, titles #1-#2, subjects #1-#2, shelf #1-#2\n",
        ))
        .stdout(contains("accepted: #3 BookLent b1 to ada"))
        .stdout(contains(
            "answered: 1 card in shelf under \"b1\" (checkpoint #2 of log head #3: may be stale)\n       b1    \"Dune\" by Frank Herbert [science fiction] · available\n",
        ))
        .stdout(contains(
            "rejected (already-lent): b1 is already lent to ada",
        ))
        .stdout(contains(
            "(checkpoint #2, you asked for #3: not there yet, stale)",
        ))
        .stdout(contains(
            "(checkpoint #3 has passed #3: includes your write)\n       b1    \"Dune\" by Frank Herbert [science fiction] · lent\n",
        ))
        .stdout(contains(
            "answered: titles filed by title, 1 drawer, 1 card (checkpoint #3 = log head: up to date)",
        ))
        .stdout(contains("answered: clock at tick 2, log head #3"))
        .stdout(predicate::str::is_match(r"shelf +book +#3 +#3 +0 ev, 0 t +1 +1  caught up").unwrap())
        .stdout(contains("done: titles damaged: 0 cards lost, 1 misfiled"))
        .stdout(contains(
            "done: titles rebuilt by replaying 3 events, then swapped in",
        ));
}

#[test]
fn comments_and_blank_lines_are_not_in_the_transcript() {
    let out = app()
        .args(["run", SMALL])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("A book is lent while"));
    let numbered: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("     "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        numbered,
        [
            "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"
        ]
    );
}

#[test]
fn the_transcript_has_no_escape_codes() {
    app()
        .args(["run", SMALL])
        .assert()
        .success()
        .stdout(contains("\x1b").not());
}

// ---------------------------------------------------------------------------------------------
// --json: one object per executed line.

#[test]
fn json_prints_one_object_per_executed_line_with_line_input_and_outcome() {
    let lines = json_lines(&[SMALL], None);
    assert_eq!(lines.len(), 13);
    let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (2..=14).collect::<Vec<u64>>());
    let outcomes: Vec<&str> = lines
        .iter()
        .map(|l| l["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        [
            "accepted", "accepted", "done", "accepted", "answered", "rejected", "answered", "done",
            "answered", "answered", "answered", "done", "done"
        ]
    );
    assert_eq!(lines[1]["input"], "catalog b1");
    assert_eq!(lines[6]["input"], "find shelf \"b1\" after 3");
    for line in &lines {
        assert!(line["events"].is_array(), "every line has events: {line}");
    }
}

#[test]
fn json_lists_the_events_an_accepted_line_appended() {
    let lines = json_lines(&[SMALL], None);
    let events = lines[3]["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["seq"], 3);
    assert_eq!(events[0]["kind"], "BookLent");
    assert_eq!(events[0]["book"], "b1");
    assert_eq!(lines[0]["events"][0]["kind"], "BookAcquired");
    assert_eq!(lines[1]["events"][0]["seq"], 2);
    // Other outcomes append nothing.
    for i in [2, 4, 5, 6] {
        assert_eq!(lines[i]["events"], serde_json::json!([]), "{}", lines[i]);
    }
}

#[test]
fn json_gives_the_reason_and_rule_of_a_rejection() {
    let lines = json_lines(&[SMALL], None);
    let rejected = &lines[5];
    assert_eq!(rejected["outcome"], "rejected");
    assert_eq!(rejected["reason"], "b1 is already lent to ada");
    assert_eq!(rejected["rule"], "already-lent");
}

#[test]
fn json_gives_a_querys_results_checkpoint_head_and_staleness() {
    let lines = json_lines(&[SMALL], None);
    let stale = &lines[4];
    assert_eq!(stale["checkpoint"], 2);
    assert_eq!(stale["head"], 3);
    assert_eq!(stale["stale"], true);
    let results = stale["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["book"], "b1");
    assert_eq!(results[0]["title"], "Dune");
    assert_eq!(results[0]["author"], "Frank Herbert");
    assert_eq!(
        results[0]["subjects"],
        serde_json::json!(["science fiction"])
    );
    assert_eq!(results[0]["status"], "available");

    let stamped = &lines[6];
    assert_eq!(
        (stamped["after"].as_u64(), stamped["stale"].as_bool()),
        (Some(3), Some(true))
    );
    let fresh = &lines[8];
    assert_eq!(
        (fresh["checkpoint"].as_u64(), fresh["stale"].as_bool()),
        (Some(3), Some(false))
    );
    assert_eq!(fresh["results"][0]["status"], "lent");

    let show = &lines[9];
    assert_eq!(show["catalog"], "titles");
    assert_eq!(show["stale"], false);
    assert_eq!(show["results"][0]["drawer"], "Dune");
}

#[test]
fn json_for_status_gives_each_catalogs_checkpoint_and_staleness() {
    let lines = json_lines(&[SMALL], None);
    let status = &lines[10];
    assert_eq!(status["head"], 3);
    assert_eq!(status["tick"], 2);
    let catalogs = status["catalogs"].as_array().unwrap();
    let names: Vec<&str> = catalogs
        .iter()
        .map(|c| c["catalog"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["authors", "titles", "subjects", "shelf"]);
    for c in catalogs {
        assert_eq!(c["checkpoint"], 3);
        assert_eq!(c["stale"], false);
        assert_eq!(c["health"], "caught-up");
    }
}

#[test]
fn json_reports_what_a_line_filed_and_its_message() {
    let lines = json_lines(&[SMALL], None);
    let tick = &lines[2];
    assert_eq!(tick["message"], "the clock reads tick 1");
    let delivered = tick["delivered"].as_array().unwrap();
    assert_eq!(delivered.len(), 4);
    assert_eq!(
        delivered[3],
        serde_json::json!({"catalog": "shelf", "from": 1, "to": 2})
    );
}

// ---------------------------------------------------------------------------------------------
// Exit codes and errors.

#[test]
fn a_script_with_rejections_succeeds() {
    app()
        .args(["run", "tests/fixtures/rejections.txt"])
        .assert()
        .code(0)
        .stdout(contains("rejected (must-be-acquired)"))
        .stdout(contains("rejected (must-be-cataloged)"))
        .stdout(contains("rejected (unique-id)"));
}

#[test]
fn bad_lines_are_all_reported_with_file_line_and_column_and_nothing_runs() {
    app()
        .args(["run", "tests/fixtures/bad_lines.txt"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            "tests/fixtures/bad_lines.txt:2:1: unknown command \"lned\" (did you mean \"lend\"?)\n\
             tests/fixtures/bad_lines.txt:4:6: expected a number of ticks from 1 to 1000000, found `0`\n\
             tests/fixtures/bad_lines.txt:5:13: expected the key to look up in double quotes, like \"Dune\", found `Dune`\n",
        );
}

#[test]
fn bad_lines_stop_a_json_run_too() {
    app()
        .args(["run", "tests/fixtures/bad_lines.txt", "--json"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(contains("bad_lines.txt:2:1: unknown command \"lned\""));
}

#[test]
fn an_unknown_catalog_stops_the_run_at_that_line_with_exit_2() {
    app()
        .args(["run", "tests/fixtures/unknown_catalog.txt"])
        .assert()
        .code(2)
        .stdout(contains("accepted: #2 BookCataloged b1"))
        .stdout(contains("  4  tick").not())
        .stderr(
            "tests/fixtures/unknown_catalog.txt:3:6: no catalog is named \"titels\" (did you mean \"titles\"?)\n",
        );
}

#[test]
fn an_unknown_catalog_in_a_json_run_keeps_the_lines_before_it() {
    let out = app()
        .args(["run", "tests/fixtures/unknown_catalog.txt", "--json"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["line"], 2);
}

#[test]
fn a_missing_script_is_a_failure_with_exit_1() {
    app()
        .args(["run", "tests/fixtures/no-such-script.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(contains(
            "cqrs-catalog: cannot read tests/fixtures/no-such-script.txt",
        ));
}

#[test]
fn run_without_a_script_is_invalid_usage_with_exit_2() {
    app().arg("run").assert().code(2).stderr(contains("<FILE>"));
}

// ---------------------------------------------------------------------------------------------
// Standard input.

#[test]
fn a_script_can_come_from_standard_input() {
    let script = std::fs::read_to_string(SMALL).unwrap();
    let from_file = app()
        .args(["run", SMALL])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    app()
        .args(["run", "-"])
        .write_stdin(script.clone())
        .assert()
        .success()
        .stdout(from_file);
    assert_eq!(
        json_lines(&["-"], Some(&script)),
        json_lines(&[SMALL], None)
    );
}

#[test]
fn errors_in_a_script_from_standard_input_name_stdin() {
    app()
        .args(["run", "-"])
        .write_stdin("tick\ntikc 2\n")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr("<stdin>:2:1: unknown command \"tikc\" (did you mean \"tick\"?)\n");
}

#[test]
fn an_empty_script_prints_nothing_and_succeeds() {
    app()
        .args(["run", "-"])
        .write_stdin("# nothing but a comment\n\n")
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
}

// ---------------------------------------------------------------------------------------------
// check.

#[test]
fn check_passes_good_content_with_exit_0() {
    app()
        .args([
            "check",
            "--content",
            "tests/fixtures/check/good/content",
            "--quizzes",
            "tests/fixtures/check/good/quizzes",
        ])
        .assert()
        .code(0)
        .stdout(contains("no problems"));
}

#[test]
fn check_prints_every_problem_with_file_line_and_column_and_exits_1() {
    let bad = "tests/fixtures/check/bad";
    app()
        .args([
            "check",
            "--content",
            &format!("{bad}/content"),
            "--quizzes",
            &format!("{bad}/quizzes"),
        ])
        .assert()
        .code(1)
        .stdout(contains(format!(
            "{bad}/content/01-broken.toml:10:1: run: unknown command \"lned\" (did you mean \"lend\"?)"
        )))
        .stdout(contains(format!(
            "{bad}/content/03-solution.toml:24:6: solution: no catalog is named \"titels\""
        )))
        .stdout(contains(format!(
            "{bad}/content/03-solution.toml:24:1: step 2: the solution does not reach the goal: \"book b1 is lent\" does not hold"
        )))
        .stdout(contains(format!(
            "{bad}/content/02-unknown-key.toml:4:1: unknown key `colour`"
        )))
        .stdout(contains(format!(
            "{bad}/quizzes/typo.toml:20:10: condition \"answer shows b1 as availabel\": word 5:"
        )))
        .stdout(contains(format!(
            "{bad}/quizzes/wrong-key.toml:9:10: review links to a lesson \"stale-shelff\" that does not exist"
        )))
        .stdout(contains(format!(
            "{bad}/quizzes/wrong-key.toml:20:10: question \"stale-find\", choice a: marked correct, but after the setup \"answer shows b1 as lent\" is false"
        )))
        .stderr(contains("8 problems found"));
}

#[test]
fn check_of_a_missing_folder_is_a_failure_with_exit_1() {
    app()
        .args([
            "check",
            "--content",
            "tests/fixtures/no-such-folder",
            "--quizzes",
            "tests/fixtures/check/good/quizzes",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "cannot read the folder tests/fixtures/no-such-folder",
        ));
}

// ---------------------------------------------------------------------------------------------
// Catalogs are capped: each keeps a copy of every card.

#[test]
fn thousands_of_add_catalog_lines_stop_at_the_cap_with_a_clear_error_and_exit_2() {
    let script: String = (0..4_000)
        .map(|i| format!("add-catalog c{i} by status\n"))
        .collect();
    // The deadline only keeps a hang from holding the suite: a killed run fails the code.
    app()
        .args(["run", "-"])
        .write_stdin(script)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stdout(contains(" 60  add-catalog c59 by status"))
        .stdout(contains("add-catalog c60").not())
        .stderr(contains(
            "<stdin>:61:13: cannot add \"c60\": a library holds at most 64 catalogs",
        ));
}

// ---------------------------------------------------------------------------------------------
// Delay is the setting, lag how far behind.

#[test]
fn delay_sets_how_late_events_arrive_and_lag_is_still_accepted_for_it() {
    app()
        .args(["run", "-"])
        .write_stdin("delay shelf 0\nlag titles 3\nstatus\n")
        .assert()
        .success()
        .stdout(contains(
            "done: shelf: events are now filed as part of the command that appends them",
        ))
        .stdout(contains(
            "done: titles: events now reach it 3 ticks after they are appended",
        ))
        .stdout(contains("behind delay"));
    let lines = json_lines(&["-"], Some("delay titles 3\nstatus\n"));
    let titles = &lines[1]["catalogs"][1];
    assert_eq!(titles["catalog"], "titles");
    assert_eq!(titles["delay"], 3);
    assert_eq!(titles["behind_events"], 0);
}

// ---------------------------------------------------------------------------------------------
// Faults of delivery: `skipped` and `verified` in the JSON.

const DUNE: &str = "acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\ntick\n";

#[test]
fn json_says_a_redelivery_at_or_below_the_checkpoint_was_skipped() {
    let lines = json_lines(&["-"], Some(&format!("{DUNE}redeliver titles 2\n")));
    let last = &lines[3];
    assert_eq!(last["outcome"], "done");
    assert_eq!(last["skipped"], true);
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .contains("at or below the checkpoint #2"),
        "{last}"
    );
    assert_eq!(last["events"], serde_json::json!([]));
}

#[test]
fn json_says_whether_a_catalog_verified_and_lists_the_differences() {
    let script = format!("{DUNE}verify titles\ndamage titles\nverify titles\n");
    let lines = json_lines(&["-"], Some(&script));
    assert_eq!(lines[3]["outcome"], "answered");
    assert_eq!(lines[3]["verified"], true);
    assert_eq!(lines[3]["differences"], serde_json::json!([]));
    assert_eq!(lines[5]["verified"], false);
    assert_eq!(
        lines[5]["differences"],
        serde_json::json!(["misfiled: b1 is under \"enuD\", the replay files it under \"Dune\""])
    );
}

#[test]
fn redelivering_past_the_head_stops_the_run_with_the_line_and_column() {
    app()
        .args(["run", "-"])
        .write_stdin(format!("{DUNE}redeliver titles 7\n"))
        .assert()
        .code(2)
        .stderr("<stdin>:4:18: there is no event #7: the log head is #2\n");
}

// ---------------------------------------------------------------------------------------------
// A poisoned event, parked, healed and retried; two events reordered.

/// b1 filed by tick 1, then ada's loan (#3, due at tick 2), which shelf cannot file.
const POISONED: &str = "acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\ntick\n\
                        lend b1 to ada\npoison shelf 3\n";

/// The status row of one catalog in a `status` line of `run --json`.
fn status_of<'a>(line: &'a Value, catalog: &str) -> &'a Value {
    let rows = line["catalogs"].as_array().expect("a status line");
    rows.iter()
        .find(|r| r["catalog"] == catalog)
        .expect("that catalog")
}

#[test]
fn json_status_says_retrying_then_parked_with_the_parked_events() {
    let script = format!("{POISONED}tick\nstatus\ntick 15\nstatus\nshow shelf\n");
    let lines = json_lines(&["-"], Some(&script));
    assert_eq!(
        lines[4]["message"],
        "shelf cannot file #3: it will retry after 1, 2, 4 and 8 ticks, then park it"
    );
    let retrying = status_of(&lines[6], "shelf");
    assert_eq!(retrying["health"], "retrying");
    assert_eq!(retrying["checkpoint"], 2);
    let parked_now = lines[7]["delivered"].as_array().unwrap();
    assert!(
        parked_now
            .contains(&serde_json::json!({"catalog": "shelf", "from": 3, "to": 3, "parked": true})),
        "{parked_now:?}"
    );
    let parked = status_of(&lines[8], "shelf");
    assert_eq!(parked["health"], "parked");
    assert_eq!(parked["checkpoint"], 3);
    assert_eq!(parked["parked"], serde_json::json!([3]));
    assert_eq!(lines[9]["parked"], serde_json::json!([3]));
    assert_eq!(
        status_of(&lines[8], "titles")["parked"],
        serde_json::json!([])
    );
}

#[test]
fn json_heal_and_retry_file_the_parked_event_and_verify_agrees_again() {
    let script =
        format!("{POISONED}sync shelf\nverify shelf\nheal shelf\nretry shelf\nverify shelf\n");
    let lines = json_lines(&["-"], Some(&script));
    assert_eq!(lines[6]["verified"], false);
    assert_eq!(
        lines[7]["message"],
        "shelf is healed: it can file #3; 1 parked event waits for `retry shelf`"
    );
    assert_eq!(lines[8]["message"], "shelf filed the parked #3 in order");
    assert_eq!(lines[9]["verified"], true);
}

#[test]
fn retry_with_nothing_parked_stops_the_run_at_the_catalog_name() {
    app()
        .args(["run", "-"])
        .write_stdin(format!("{DUNE}retry titles\n"))
        .assert()
        .code(2)
        .stderr("<stdin>:4:7: titles has no parked event to retry\n");
}

#[test]
fn poisoning_past_the_head_stops_the_run_at_the_number() {
    app()
        .args(["run", "-"])
        .write_stdin(format!("{DUNE}poison titles 3\n"))
        .assert()
        .code(2)
        .stderr("<stdin>:4:15: there is no event #3: the log head is #2\n");
}

#[test]
fn json_of_a_reorder_files_nothing_out_of_sequence() {
    let script = format!("{DUNE}reorder shelf\nlend b1 to ada\nreturn b1\ntick\ntick\n");
    let lines = json_lines(&["-"], Some(&script));
    let shelf = |line: &Value| -> Vec<Value> {
        let delivered = line["delivered"].as_array().cloned().unwrap_or_default();
        delivered
            .into_iter()
            .filter(|d| d["catalog"] == "shelf")
            .collect()
    };
    assert!(
        shelf(&lines[6]).is_empty(),
        "#4 came first and waits for #3"
    );
    assert_eq!(
        shelf(&lines[7]),
        [serde_json::json!({"catalog": "shelf", "from": 3, "to": 4})]
    );
}

// The write side: `expecting`, `show-book` and the office's modes in the JSON.

#[test]
fn json_of_expecting_accepts_the_version_the_book_is_at_and_refuses_another() {
    let script = format!("{DUNE}lend b1 to ada expecting 2\nreturn b1 expecting 2\n");
    let lines = json_lines(&["-"], Some(&script));
    assert_eq!(lines[3]["outcome"], "accepted");
    assert_eq!(lines[3]["events"][0]["kind"], "BookLent");
    assert_eq!(lines[4]["outcome"], "rejected");
    assert_eq!(lines[4]["rule"], "version-conflict");
    assert_eq!(lines[4]["events"], serde_json::json!([]));
    let reason = lines[4]["reason"].as_str().unwrap();
    assert!(reason.contains("b1 is at version 3, not 2"), "{reason}");
}

#[test]
fn json_of_show_book_is_marked_a_read_of_the_write_side_with_the_version() {
    let script = format!("{DUNE}lend b1 to ada\nshow-book b1\nshow-book b9\n");
    let lines = json_lines(&["-"], Some(&script));
    let book = &lines[4];
    assert_eq!(book["outcome"], "answered");
    assert_eq!(book["side"], "write");
    assert_eq!(book["version"], 3);
    assert_eq!(book["state"], "lent");
    assert_eq!(book["patron"], "ada");
    assert_eq!(book["office"], "event-sourced");
    assert_eq!(lines[5]["version"], 0);
    assert!(lines[5].get("state").is_none(), "{}", lines[5]);
}

#[test]
fn json_of_an_outbox_office_commits_first_and_the_relay_publishes_on_the_tick() {
    let script =
        format!("office state-stored outbox\n{DUNE}crash office\nlend b1 to ada\nstatus\ntick\n");
    let lines = json_lines(&["-"], Some(&script));
    assert_eq!(lines[0]["outcome"], "done");
    let lend = &lines[5];
    assert_eq!(lend["outcome"], "accepted");
    assert_eq!(lend["published"], "outbox");
    assert_eq!(lend["crashed"], true);
    assert_eq!(lend["outbox"], 1);
    assert_eq!(lend["committed"]["kind"], "BookLent");
    assert_eq!(
        lend["events"],
        serde_json::json!([]),
        "nothing in the stream yet"
    );
    assert_eq!(
        (lines[6]["office"].as_str(), lines[6]["outbox"].as_u64()),
        (Some("outbox"), Some(1))
    );
    assert_eq!(lines[7]["relayed"], serde_json::json!({"from": 3, "to": 3}));
    let message = lines[7]["message"].as_str().unwrap();
    assert!(
        message.contains("the relay published #3 from the outbox"),
        "{message}"
    );
}

#[test]
fn json_of_a_dual_write_crash_says_the_event_was_lost() {
    let script = format!(
        "office state-stored dual-write\n{DUNE}crash office\nlend b1 to ada\nlend b1 to bob\nstatus\n"
    );
    let lines = json_lines(&["-"], Some(&script));
    assert_eq!(lines[5]["published"], "lost");
    assert_eq!(lines[6]["rule"], "already-lent", "the tables have the loan");
    assert_eq!(lines[7]["lost"], 1);
    assert_eq!(lines[7]["head"], 2);
}

#[test]
fn office_after_the_first_commit_stops_the_run_with_the_line_and_column() {
    app()
        .args(["run", "-"])
        .write_stdin(format!("{DUNE}office state-stored outbox\n"))
        .assert()
        .code(2)
        .stderr(contains(
            "<stdin>:4:8: `office` must come before the first back-office command",
        ));
}

#[test]
fn a_catalog_cannot_be_named_office_since_crash_office_is_the_back_office() {
    app()
        .args(["run", "-"])
        .write_stdin("add-catalog office by patron\n")
        .assert()
        .code(2)
        .stderr(contains("<stdin>:1:13: \"office\" names the back office"));
}

/// The script is parsed a second time on a thread of its own, a chunk of lines ahead of the
/// model: an error far into it (many chunks in) still stops the run at its own line, prints
/// everything before it and ends instead of leaving the parser waiting.
#[test]
fn an_error_thousands_of_lines_in_stops_the_run_there_and_the_process_ends() {
    let mut script = "tick\n".repeat(9_999);
    script.push_str("retry shelf\ntick\n");
    script.push_str(&"tick\n".repeat(20_000));
    let assert = app()
        .args(["run", "-"])
        .write_stdin(script)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(contains("<stdin>:10000:7:"));
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains("9999  tick"), "the lines before it ran");
    assert!(!out.contains("10001  tick"), "nothing after it ran");
}

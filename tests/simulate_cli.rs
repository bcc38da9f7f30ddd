//! `cqrs-catalog simulate` as a user and a script run it: the JSON lines and their fields, the
//! summary, the table, determinism, and invalid options refused in one line with exit 2.

use assert_cmd::Command;
use serde_json::Value;

fn simulate(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("cqrs-catalog")
        .unwrap()
        .arg("simulate")
        .args(args)
        .assert()
}

/// The JSON objects a successful `simulate --json` printed, one per line.
fn json_lines(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let output = simulate(&all).success().get_output().stdout.clone();
    String::from_utf8(output)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is one JSON object"))
        .collect()
}

/// A usage error: exit 2, nothing on stdout, one line on stderr.
fn refused(args: &[&str]) -> String {
    let assert = simulate(args).code(2);
    let output = assert.get_output();
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn json_prints_one_object_per_second_with_the_contract_fields_then_a_summary() {
    let lines = json_lines(&["--seconds", "3"]);
    assert_eq!(lines.len(), 4);
    for (i, second) in lines[..3].iter().enumerate() {
        for field in [
            "t",
            "writes",
            "reads",
            "head",
            "lag_events",
            "lag_ms",
            "stale_reads",
            "rejected",
        ] {
            assert!(second[field].is_u64(), "{field} in {second}");
        }
        assert_eq!(second["t"], i as u64 + 1);
        assert!(second.get("summary").is_none());
    }
    let summary = &lines[3];
    assert_eq!(summary["summary"], true);
    assert_eq!(summary["preset"], "azure", "the default preset");
    for field in ["lag_ms_p50", "lag_ms_p99", "writes", "reads", "rejected"] {
        assert!(summary[field].is_u64(), "{field} in {summary}");
    }
    assert!(summary["stale_share"].is_f64());
}

#[test]
fn options_override_the_presets_values() {
    let lines = json_lines(&[
        "--preset",
        "booking",
        "--writes",
        "20",
        "--reads",
        "70",
        "--seconds",
        "2",
    ]);
    assert_eq!(
        (&lines[0]["writes"], &lines[0]["reads"]),
        (&20.into(), &70.into())
    );
    assert_eq!(lines[2]["preset"], "booking");
    assert_eq!(lines[2]["seconds"], 2);
}

#[test]
fn with_no_delay_and_ample_capacity_no_read_is_stale_and_no_lend_refused() {
    let lines = json_lines(&[
        "--preset",
        "booking",
        "--delay",
        "0",
        "--spread",
        "0",
        "--capacity",
        "100000",
        "--seconds",
        "5",
    ]);
    for second in &lines[..5] {
        assert_eq!(second["stale_reads"], 0);
        assert_eq!(second["rejected"], 0);
        assert_eq!(second["lag_ms"], 0);
    }
    assert_eq!(lines[5]["lag_ms_p99"], 0);
}

#[test]
fn a_capacity_below_the_write_rate_makes_the_lag_grow_every_second() {
    let lines = json_lines(&["--writes", "100", "--capacity", "40", "--seconds", "4"]);
    let lags: Vec<u64> = lines[..4]
        .iter()
        .map(|s| s["lag_events"].as_u64().unwrap())
        .collect();
    assert!(lags.windows(2).all(|w| w[0] < w[1]), "{lags:?}");
}

#[test]
fn twitter_reports_the_write_amplification() {
    let lines = json_lines(&["--preset", "twitter", "--seconds", "6"]);
    assert!(lines[..6].iter().all(|s| s["cards_filed"].is_u64()));
    let summary = &lines[6];
    assert!(summary["amplification"].as_f64().unwrap() > 1.0);
    let fanout = &summary["fanout"];
    assert_eq!(fanout["cards_per_popular_book"], 20_000);
    assert_eq!(fanout["popular_books"], 1, "her first book comes at 5 s");
    assert_eq!(fanout["lookups_per_read_on_write"], 1.0);
    assert_eq!(fanout["lookups_per_read_on_read"], 6.0);
}

#[test]
fn the_same_seed_prints_the_same_run() {
    let args = ["--json", "--seconds", "3", "--seed", "42"];
    let a = simulate(&args).success().get_output().stdout.clone();
    let b = simulate(&args).success().get_output().stdout.clone();
    assert_eq!(a, b);
}

#[test]
fn without_json_a_plain_table_and_a_summary() {
    let output = simulate(&["--preset", "booking", "--seconds", "2"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(!text.contains('\x1b'), "no escape codes");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("simulate booking: 12 writes/s"));
    assert!(lines[2].split_whitespace().eq([
        "t", "writes", "reads", "head", "lag", "ev", "lag", "ms", "stale", "rejected", "worst",
        "catalog"
    ]));
    assert!(lines[3].trim_start().starts_with("1 "));
    assert!(lines[4].trim_start().starts_with("2 "));
    assert!(lines[5].starts_with("summary: 2 s"));
}

#[test]
fn an_unknown_preset_is_refused_with_the_nearest_name() {
    let stderr = refused(&["--preset", "ecomerce"]);
    assert!(
        stderr.contains("unknown preset \"ecomerce\" (did you mean \"ecommerce\"?)"),
        "{stderr}"
    );
    assert!(stderr.contains("azure, booking, ecommerce, twitter"));
}

#[test]
fn zero_seconds_and_absurd_values_are_refused_naming_the_option() {
    for (args, named) in [
        (vec!["--seconds", "0"], "--seconds"),
        (vec!["--seconds", "100000"], "--seconds"),
        (vec!["--capacity", "0"], "--capacity"),
        (vec!["--writes", "50000000"], "--writes"),
        (vec!["--reads", "999999999"], "--reads"),
        (vec!["--delay", "86400000"], "--delay"),
    ] {
        let stderr = refused(&args);
        assert!(stderr.starts_with("cqrs-catalog: simulate: "), "{stderr}");
        assert!(stderr.contains(named), "{args:?}: {stderr}");
    }
}

#[test]
fn a_value_that_is_not_a_number_is_a_usage_error() {
    simulate(&["--delay", "soon"]).code(2);
    simulate(&["--writes", "-5"]).code(2);
}

#[test]
fn delay_alone_sets_every_catalogs_delay_and_spread_spreads_them_above_it() {
    // azure spreads its catalogs over 200-500 ms; --delay alone puts every one at 100 ms.
    let every = json_lines(&["--delay", "100", "--seconds", "3"]);
    let summary = &every[3];
    assert_eq!(
        (&summary["lag_ms_p50"], &summary["lag_ms_max"]),
        (&100.into(), &100.into())
    );
    let spread = json_lines(&["--delay", "100", "--spread", "300", "--seconds", "3"]);
    let summary = &spread[3];
    assert_eq!(
        (&summary["lag_ms_p50"], &summary["lag_ms_max"]),
        (&250.into(), &400.into())
    );
}

#[test]
fn the_heading_says_plainly_whether_the_delays_are_spread() {
    let text = |args: &[&str]| {
        let output = simulate(args).success().get_output().stdout.clone();
        String::from_utf8(output).unwrap()
    };
    let preset = text(&["--seconds", "1"]);
    assert!(
        preset.contains("delays spread 200-500 ms (the shelf slowest)"),
        "{preset}"
    );
    let every = text(&["--seconds", "1", "--delay", "100"]);
    assert!(every.contains("every catalog's delay 100 ms"), "{every}");
}

#[test]
fn faults_are_counted_each_second_and_the_summary_says_which_catalogs_diverged() {
    let args = [
        "--duplicates",
        "5",
        "--crash-every",
        "500",
        "--seconds",
        "4",
    ];
    let lines = json_lines(&args);
    for second in &lines[..4] {
        assert!(second["redelivered"].as_u64().unwrap() > 0, "{second}");
        assert!(second["crashes"].as_u64().unwrap() > 0, "{second}");
    }
    let summary = &lines[4];
    assert_eq!(
        summary["diverged"], 0,
        "checkpoints kept with the view: {summary}"
    );
    let mut apart = args.to_vec();
    apart.extend(["--checkpoint", "apart"]);
    let summary = json_lines(&apart).pop().unwrap();
    assert_eq!(summary["diverged"], 1, "{summary}");
    assert_eq!(summary["diverged_catalogs"], serde_json::json!(["loans"]));
}

#[test]
fn a_run_without_faults_still_checks_its_catalogs_against_a_replay() {
    let summary = json_lines(&["--seconds", "2"]).pop().unwrap();
    assert_eq!(
        (&summary["redelivered"], &summary["crashes"]),
        (&0.into(), &0.into())
    );
    assert_eq!(summary["diverged"], 0);
}

#[test]
fn the_table_grows_fault_columns_and_a_verdict_when_faults_are_injected() {
    let output = simulate(&[
        "--seconds",
        "2",
        "--crash-every",
        "500",
        "--checkpoint",
        "apart",
    ])
    .success()
    .get_output()
    .stdout
    .clone();
    let text = String::from_utf8(output).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[2].starts_with("faults: each projector crashes every 500 ms"),
        "{text}"
    );
    assert!(
        lines[3].contains("redelivered crashes parked  worst catalog"),
        "{text}"
    );
    let verdict = lines.last().unwrap();
    assert!(
        verdict.contains("1 of 5 catalogs differs from a replay of the log (loans)"),
        "{text}"
    );
}

#[test]
fn a_checkpoint_place_other_than_with_view_or_apart_is_refused() {
    simulate(&["--checkpoint", "later"]).code(2);
    let stderr = refused(&["--duplicates", "150"]);
    assert!(stderr.contains("--duplicates 150 is too large"), "{stderr}");
}

#[test]
fn poisoned_events_are_parked_each_second_and_healed_before_the_verdict() {
    let lines = json_lines(&["--poison", "5", "--seconds", "3"]);
    let parked: Vec<u64> = lines[..3]
        .iter()
        .map(|s| s["parked"].as_u64().unwrap())
        .collect();
    assert!(
        parked[0] > 0 && parked.windows(2).all(|w| w[0] <= w[1]),
        "{parked:?}"
    );
    let summary = &lines[3];
    assert_eq!(summary["parked"], parked[2]);
    assert_eq!(
        summary["diverged"], 0,
        "healed and retried at the end: {summary}"
    );
}

#[test]
fn a_dual_write_office_that_crashes_loses_events_and_an_outbox_loses_none() {
    let crashing = ["--office-crash-every", "500", "--seconds", "4"];
    let mut dual = vec!["--office", "dual-write"];
    dual.extend(crashing);
    let summary = json_lines(&dual).pop().unwrap();
    assert_eq!(summary["office"], "dual-write");
    assert!(summary["lost_events"].as_u64().unwrap() > 0, "{summary}");
    assert_eq!(summary["lost_events"], summary["office_crashes"]);
    assert!(
        summary["diverged"].as_u64().unwrap() > 0,
        "the card catalogs miss them: {summary}"
    );
    let mut outbox = vec!["--office", "outbox"];
    outbox.extend(crashing);
    let summary = json_lines(&outbox).pop().unwrap();
    assert!(summary["office_crashes"].as_u64().unwrap() > 0, "{summary}");
    assert_eq!(
        (&summary["lost_events"], &summary["diverged"]),
        (&0.into(), &0.into())
    );
    let plain = json_lines(&["--seconds", "1"]).pop().unwrap();
    assert_eq!(
        (&plain["office"], &plain["lost_events"]),
        (&"event-sourced".into(), &0.into())
    );
}

#[test]
fn an_office_mode_that_does_not_exist_is_refused() {
    simulate(&["--office", "ledger"]).code(2);
    let stderr = refused(&["--office-crash-every", "99999999"]);
    assert!(stderr.contains("--office-crash-every"), "{stderr}");
}

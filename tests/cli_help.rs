//! Each subcommand's `--help` lists the global options it uses and no other: an option shown
//! there that the subcommand then refuses would send the reader round in a circle.

use assert_cmd::Command;

const GLOBALS: [&str; 4] = ["--content", "--quizzes", "--theme", "--mouse"];

fn help(subcommand: &str) -> String {
    let out = Command::cargo_bin("cqrs-catalog")
        .unwrap()
        .args([subcommand, "--help"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{subcommand} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_subcommands_help_shows_only_the_global_options_it_takes() {
    let takes: [(&str, &[&str]); 10] = [
        ("tour", &GLOBALS),
        ("quiz", &GLOBALS),
        ("sandbox", &["--content", "--theme", "--mouse"]),
        ("progress", &["--content", "--quizzes"]),
        ("check", &["--content", "--quizzes"]),
        ("config", &["--theme"]),
        ("results", &["--quizzes"]),
        ("simulate", &["--theme", "--mouse"]),
        ("notes", &[]),
        ("run", &[]),
    ];
    for (subcommand, options) in takes {
        let text = help(subcommand);
        for option in GLOBALS {
            assert_eq!(
                text.contains(option),
                options.contains(&option),
                "`{subcommand} --help` and {option}:\n{text}"
            );
        }
    }
}

#[test]
fn a_hidden_global_option_is_still_refused_by_name() {
    Command::cargo_bin("cqrs-catalog")
        .unwrap()
        .args(["notes", "--once", "--theme", "dark"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`notes` has no use for --theme"));
}

#[test]
fn the_theme_is_one_of_its_names_and_none_means_mono() {
    let text = help("config");
    assert!(text.contains("high-contrast"), "{text}");
    Command::cargo_bin("cqrs-catalog")
        .unwrap()
        .args(["config", "--theme", "solarized"])
        .assert()
        .code(2);
    Command::cargo_bin("cqrs-catalog")
        .unwrap()
        .env("CQRS_CATALOG_CONFIG", "/nonexistent/config.toml")
        .args(["config", "--theme", "none"])
        .assert()
        .success()
        .stdout(predicates::str::contains("--theme mono"));
}

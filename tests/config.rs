//! `cqrs-catalog config` on the fixtures in `valid_configs/` and `invalid_configs/`: good files
//! print the configuration in force; each bad one is a single `file:line:col` line and exit 2.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

fn fixture(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder)
        .join(name)
}

/// The binary with its config read from `path`, and nothing from the environment it runs in.
fn with_config(path: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("cqrs-catalog");
    cmd.env("CQRS_CATALOG_CONFIG", path).env_remove("NO_COLOR");
    cmd
}

fn stdout_of(path: &Path, args: &[&str]) -> String {
    let out = with_config(path)
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_remapping_config_is_what_config_prints() {
    let path = fixture("valid_configs", "remap.toml");
    let out = stdout_of(&path, &["config"]);
    assert!(
        out.starts_with(&format!("# config file: {}\n", path.display())),
        "{out}"
    );
    for line in [
        "theme = \"light\"",
        "next = [\"PageDown\", \"Right\", \"Space\"]",
        "prev = [\"PageUp\", \"Left\"]",
        "quit = [\"x\"]",
        "down = [\"Down\", \"j\"]",
        "autoplay = 8",
        "seed = 2024",
        "name = \"Ms Hopper\"",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(line)),
            "no {line:?} in\n{out}"
        );
    }
}

#[test]
fn what_config_prints_reads_back_as_the_same_config() {
    for name in ["remap.toml", "empty.toml", "theme_only.toml"] {
        let first = stdout_of(&fixture("valid_configs", name), &["config"]);
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("config.toml");
        std::fs::write(&copy, &first).unwrap();
        let second = stdout_of(&copy, &["config"]);
        let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert_eq!(body(&second), body(&first), "{name}");
    }
}

#[test]
fn without_a_config_file_the_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(&dir.path().join("none.toml"), &["config"]);
    assert!(
        out.lines()
            .next()
            .unwrap()
            .contains("not there: the defaults apply"),
        "{out}"
    );
    assert!(out.contains("\ntheme = \"dark\"\n"), "{out}");
    assert!(
        out.contains("\nnext = [\"Right\", \"l\", \"Space\"]"),
        "{out}"
    );
}

#[test]
fn the_example_is_printed_as_it_is_and_is_a_valid_config() {
    let dir = tempfile::tempdir().unwrap();
    let example = stdout_of(&dir.path().join("none.toml"), &["config", "--example"]);
    assert_eq!(
        example,
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml"))
            .unwrap()
    );
    let path = dir.path().join("config.toml");
    std::fs::write(&path, &example).unwrap();
    stdout_of(&path, &["config"]);
}

#[test]
fn the_command_line_theme_and_no_color_are_said_to_win() {
    let path = fixture("valid_configs", "remap.toml");
    let out = stdout_of(&path, &["--theme", "dark", "config"]);
    assert!(
        out.contains("# --theme dark beats the theme below\n"),
        "{out}"
    );
    let out = with_config(&path)
        .env("NO_COLOR", "1")
        .args(["--theme", "dark", "config"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("# NO_COLOR is set")
    );
}

#[test]
fn each_bad_config_is_one_line_naming_file_line_and_column_with_exit_2() {
    let cases = [
        (
            "unknown_action.toml",
            "4:1: unknown action \"nxet\" (did you mean \"next\"?)",
        ),
        (
            "bad_key.toml",
            "2:18: unknown key \"PageDonw\" (did you mean \"PageDown\"?): expected a key like \"Right\", \"PageDown\", \"Enter\", \"Esc\", \"Tab\", \"Space\", \"F5\", \"x\" or \"Ctrl+n\"",
        ),
        (
            "bad_theme.toml",
            "2:9: unknown theme \"solarized\": expected one of dark, light, high-contrast, mono",
        ),
        (
            "unknown_top_level.toml",
            "2:1: unknown field `colors`, expected one of `theme`, `keys`, `defaults`",
        ),
        (
            "bad_type.toml",
            "4:12: invalid type: string \"eight\", expected u32",
        ),
        (
            "not_quoted.toml",
            "1:9: string values must be quoted, expected literal string",
        ),
    ];
    for (name, expected) in cases {
        let path = fixture("invalid_configs", name);
        let out = with_config(&path)
            .arg("config")
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty(), "{name}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("{}:{expected}\n", path.display()),
            "{name}"
        );
    }
}

#[test]
fn the_app_refuses_a_bad_config_before_it_opens() {
    let path = fixture("invalid_configs", "bad_theme.toml");
    let dir = tempfile::tempdir().unwrap();
    with_config(&path)
        .env("CQRS_CATALOG_DATA", dir.path())
        .assert()
        .code(2)
        .stderr(format!(
            "{}:2:9: unknown theme \"solarized\": expected one of dark, light, high-contrast, mono\n",
            path.display()
        ));
}

#[test]
fn a_key_given_to_help_or_quit_and_another_action_is_refused_where_it_is_written() {
    let path = fixture("invalid_configs", "conflicting_keys.toml");
    with_config(&path).arg("config").assert().code(2).stdout("").stderr(format!(
        "{}:3:9: \"q\" is bound to both `help` and `quit`; a key of quit or help does only that, so give one of them another key\n",
        path.display()
    ));
}

#[test]
fn a_key_that_quit_gave_up_may_serve_another_action() {
    let out = stdout_of(
        &fixture("valid_configs", "quit_moved_frees_its_key.toml"),
        &["config"],
    );
    assert!(out.contains("next = [\"Right\", \"q\"]"), "{out}");
    assert!(out.contains("quit = [\"Ctrl+q\"]"), "{out}");
}

#[test]
fn a_config_that_is_not_utf8_is_placed_by_line_and_column_with_exit_2() {
    let path = fixture("invalid_configs", "not_utf8.toml");
    with_config(&path)
        .arg("config")
        .assert()
        .code(2)
        .stderr(format!("{}:2:6: not UTF-8 text\n", path.display()));
}

#[test]
fn a_directory_in_place_of_the_config_is_named_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    with_config(dir.path())
        .arg("config")
        .assert()
        .code(1)
        .stderr(format!(
            "cqrs-catalog: cannot read the config file: {} is a directory, not a regular file\n",
            dir.path().display()
        ));
}

#[test]
fn every_theme_is_read_by_its_name_and_none_is_mono() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    for (written, read) in [
        ("dark", "dark"),
        ("light", "light"),
        ("high-contrast", "high-contrast"),
        ("mono", "mono"),
        ("none", "mono"),
    ] {
        std::fs::write(&path, format!("theme = \"{written}\"\n")).unwrap();
        let out = stdout_of(&path, &["config"]);
        assert!(
            out.contains(&format!("theme = \"{read}\"")),
            "{written}: {out}"
        );
    }
}

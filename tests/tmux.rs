//! The real binary in a real terminal: tmux runs it, keys are sent, and the screen is read
//! back as a learner would see it. CI installs tmux; where it is missing these tests say so.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    session: String,
    _data: tempfile::TempDir,
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    /// Starts the binary with `args` in a detached tmux session of the given size.
    fn start(name: &str, args: &str, width: u16, height: u16) -> Tmux {
        let data = tempfile::tempdir().unwrap();
        let session = format!("cqrs-test-{name}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_cqrs-catalog");
        let command = format!(
            "CQRS_CATALOG_DATA={} {bin} {args}; echo EXITED $?; sleep 30",
            data.path().display()
        );
        let status = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                &command,
            ])
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not start");
        Tmux {
            session,
            _data: data,
        }
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            Command::new("tmux")
                .args(["send-keys", "-t", &self.session, key])
                .status()
                .unwrap();
            sleep(Duration::from_millis(60));
        }
    }

    /// Types text literally, as a learner at a prompt would.
    fn text(&self, text: &str) {
        Command::new("tmux")
            .args(["send-keys", "-t", &self.session, "-l", text])
            .status()
            .unwrap();
        sleep(Duration::from_millis(60));
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`; fails with the screen it saw.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("the screen never showed {text:?}; it showed:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    fn resize(&self, width: u16, height: u16) {
        Command::new("tmux")
            .args([
                "resize-window",
                "-t",
                &self.session,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status()
            .unwrap();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

macro_rules! require_tmux {
    () => {
        if !have_tmux() {
            eprintln!(
                "tmux is not installed: this test drives the real binary in tmux and cannot run"
            );
            return;
        }
    };
}

#[test]
fn the_app_opens_at_home_shows_help_and_quits_with_status_0() {
    require_tmux!();
    let t = Tmux::start("home", "", 80, 24);
    t.wait_for("Welcome");
    t.keys(&["?"]);
    t.wait_for("Everywhere");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_tiny_terminal_says_how_big_it_needs_to_be_and_recovers_when_enlarged() {
    require_tmux!();
    let t = Tmux::start("tiny", "", 80, 24);
    t.wait_for("Welcome");
    t.resize(30, 8);
    t.wait_for("too small");
    t.resize(80, 24);
    t.wait_for("Welcome");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

#[test]
fn the_tour_steps_forward_and_back_shows_help_and_the_outline_and_quits() {
    require_tmux!();
    let t = Tmux::start("tour", "tour", 80, 24);
    t.wait_for("Lesson 1 of 10");
    t.keys(&["l"]);
    t.wait_for("step 2 of 7");
    t.keys(&["h"]);
    t.wait_for("step 1 of 7");
    t.keys(&["?"]);
    t.wait_for("Keys on the guided tour");
    t.keys(&["Escape", "o"]);
    t.wait_for("Outline");
    t.keys(&["Escape", "t"]);
    t.wait_for("tick  (you)");
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_challenge_takes_typed_commands_shows_errors_and_hints() {
    require_tmux!();
    let t = Tmux::start("challenge", "tour --lesson command-side --step 6", 80, 24);
    t.wait_for("Challenge");
    t.text("lned b1 to ada");
    t.keys(&["Enter"]);
    t.wait_for("unknown command \"lned\"");
    // Ctrl+U clears the line left for correcting.
    t.keys(&["C-u"]);
    t.text("hint");
    t.keys(&["Enter"]);
    t.wait_for("Hint:");
    t.keys(&["Escape", "q"]);
    t.wait_for("EXITED 0");
}

#[test]
fn the_tour_in_a_tiny_terminal_says_so_and_recovers() {
    require_tmux!();
    let t = Tmux::start("tour-tiny", "tour", 40, 12);
    t.wait_for("too small");
    t.resize(100, 30);
    t.wait_for("Lesson 1 of 10");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_quiz_is_answered_reviewed_scored_saved_and_retried_in_a_real_terminal() {
    require_tmux!();
    let t = Tmux::start("quiz", "quiz motivation --seed 7", 80, 24);
    t.wait_for("question 1 of 10");
    // With seed 7 the right answer to question 1 is d: a is wrong.
    t.keys(&["a", "Enter"]);
    t.wait_for("✗ Wrong. The right answer is d.");
    t.keys(&["v"]);
    t.wait_for("Why split reads from writes?");
    t.keys(&["Escape"]);
    t.wait_for("v review the lesson");
    t.keys(&["Enter"]);
    for n in 2..=10 {
        t.wait_for(&format!("question {n} of 10"));
        t.keys(&["a", "Enter"]);
        t.wait_for(if n < 10 {
            "Enter next question"
        } else {
            "Enter see the score"
        });
        t.keys(&["Enter"]);
    }
    let end = t.wait_for("the end · Why CQRS?");
    assert!(end.contains("r retry the ones I missed"), "{end}");
    let saved = std::fs::read_to_string(t._data.path().join("progress.toml")).unwrap();
    assert!(saved.contains("[quizzes.motivation]"), "{saved}");
    t.keys(&["r"]);
    t.wait_for("retry · question 1 of");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

//! The real binary in a real terminal: tmux runs it, keys are sent, and the screen is read
//! back as a learner would see it. CI installs tmux; where it is missing these tests say so.
//! Each session lives on a tmux server of its own, never the user's.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The tmux server a session runs in: a socket of its own, never the user's default server
/// and never another test's. A server shared by the tests exits when its last session ends,
/// and a test starting a session at that moment is refused ("server exited unexpectedly").
/// `CQRS_TMUX_SOCKET` names one server for all (to watch a run with `tmux -L NAME attach`).
fn socket(session: &str) -> String {
    std::env::var("CQRS_TMUX_SOCKET")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| session.to_string())
}

struct Tmux {
    session: String,
    socket: String,
    _data: tempfile::TempDir,
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    /// Starts the binary with `args` in a detached tmux session of the given size. Its data,
    /// config and runtime folders are the test's own, so nothing reads or writes the user's
    /// (a presenter's speaker notes included).
    fn start(name: &str, args: &str, width: u16, height: u16) -> Tmux {
        Tmux::start_in(name, args, width, height, tempfile::tempdir().unwrap())
    }

    /// The same, keeping the learner's data in `data` (to run the binary again on it).
    fn start_in(name: &str, args: &str, width: u16, height: u16, data: tempfile::TempDir) -> Tmux {
        let session = format!("cqrs-test-{name}-{}", std::process::id());
        let t = Tmux {
            socket: socket(&session),
            session,
            _data: data,
        };
        let status = t
            .tmux()
            .args([
                "new-session",
                "-d",
                "-s",
                &t.session,
                "-n",
                "app",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                &t.command(args),
            ])
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not start");
        t
    }

    /// A tmux command addressed to this session's server.
    fn tmux(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]);
        command
    }

    /// The binary with `args`, in this test's folders; the shell stays to show how it exited.
    fn command(&self, args: &str) -> String {
        let bin = env!("CARGO_BIN_EXE_cqrs-catalog");
        format!(
            "CQRS_CATALOG_DATA={0} CQRS_CATALOG_CONFIG={0}/config.toml CQRS_CATALOG_RUNTIME={0}/run {bin} {args}; echo EXITED $?; sleep 30",
            self._data.path().display()
        )
    }

    /// Runs the binary with `args` in a second window of the session (a second terminal
    /// beside the presenter's), named `window`.
    fn window(&self, window: &str, args: &str) {
        let status = self
            .tmux()
            .args(["new-window", "-d", "-t", &self.session, "-n", window])
            .arg(self.command(args))
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not open a window");
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux()
                .args(["send-keys", "-t", &self.target(None), key])
                .status()
                .unwrap();
            sleep(Duration::from_millis(60));
        }
    }

    /// Types text literally, as a learner at a prompt would.
    fn text(&self, text: &str) {
        self.tmux()
            .args(["send-keys", "-t", &self.target(None), "-l", text])
            .status()
            .unwrap();
        sleep(Duration::from_millis(60));
    }

    /// The app's window, or the one named (by name: a user's tmux.conf may number windows
    /// from 1).
    fn target(&self, window: Option<&str>) -> String {
        format!("{}:{}", self.session, window.unwrap_or("app"))
    }

    fn screen_of(&self, window: Option<&str>) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.target(window)])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`; fails with the screen it saw.
    fn wait_for(&self, text: &str) -> String {
        self.wait_in(None, |s| s.contains(text), &format!("{text:?}"))
    }

    /// Waits until the named window shows `text`.
    fn wait_for_in(&self, window: &str, text: &str) -> String {
        self.wait_in(Some(window), |s| s.contains(text), &format!("{text:?}"))
    }

    /// Waits until the screen of a window satisfies `ready`. The deadline only keeps a broken
    /// binary from hanging the suite; nothing depends on how quickly the screen changes.
    fn wait_in(&self, window: Option<&str>, ready: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen_of(window);
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("the screen never showed {what}; it showed:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    fn resize(&self, width: u16, height: u16) {
        self.tmux()
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
        let _ = self
            .tmux()
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

/// The suite's own harness: sessions started and ended side by side (as the tests run, in
/// parallel) never refuse one another. On one shared server, a session starting just as
/// another ended the server's last one failed with "server exited unexpectedly" (seen in CI).
#[test]
fn sessions_started_and_ended_side_by_side_never_refuse_each_other() {
    require_tmux!();
    let runs: Vec<_> = (0..2)
        .map(|k| {
            std::thread::spawn(move || {
                for i in 0..40 {
                    drop(Tmux::start(&format!("side-{k}-{i}"), "--version", 80, 24));
                }
            })
        })
        .collect();
    for run in runs {
        run.join().expect("every session started");
    }
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
    t.wait_for("Lesson 1 of 15");
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
    let t = Tmux::start("challenge", "tour --lesson command-side --step 5", 80, 24);
    t.wait_for("Challenge");
    t.text("lned b1 to ada");
    t.keys(&["Enter"]);
    t.wait_for("unknown command \"lned\"");
    // The line left for correcting is selected: typing replaces it.
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
    t.wait_for("Lesson 1 of 15");
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

#[test]
fn the_sandbox_runs_commands_shows_a_caret_completes_undoes_saves_scrubs_and_keeps_history() {
    require_tmux!();
    let t = Tmux::start("sandbox", "sandbox", 80, 24);
    t.wait_for("Nothing yet. Type a command below");
    t.text(r#"acquire b1 "Dune" by "Frank Herbert""#);
    t.keys(&["Enter"]);
    t.wait_for("✓ accepted: #1 BookAcquired b1");
    t.text("lend b1 ot ada");
    t.keys(&["Enter"]);
    let screen = t.wait_for("expected `to`, found `ot`");
    assert!(
        screen.contains("┃          ^"),
        "the caret under `ot`:\n{screen}"
    );
    t.keys(&["C-u"]);
    t.text("cat");
    t.keys(&["Tab"]);
    t.text("b");
    t.keys(&["Tab"]);
    t.wait_for("› catalog b1");
    t.keys(&["Enter"]);
    t.wait_for("✓ accepted: #2 BookCataloged b1");
    t.text("re");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("▸rebuild");
    t.keys(&["C-u"]);
    t.text("undo");
    t.keys(&["Enter"]);
    t.wait_for("undid `catalog b1`");
    let file = t._data.path().join("s.txt");
    t.text(&format!("save {}", file.display()));
    t.keys(&["Enter"]);
    t.wait_for("saved 1 command");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .ends_with("acquire b1 \"Dune\" by \"Frank Herbert\"\n")
    );
    t.keys(&["["]);
    t.wait_for("viewing #0 of #1");
    t.keys(&["]"]);
    t.wait_for("back to now: log head #1");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");

    // Run again on the same data: the prompt recalls the last line typed.
    let data = tempfile::TempDir::new().unwrap();
    std::fs::copy(
        t._data.path().join("sandbox-history.txt"),
        data.path().join("sandbox-history.txt"),
    )
    .unwrap();
    let again = Tmux::start_in("sandbox-again", "sandbox", 80, 24, data);
    again.wait_for("Nothing yet");
    again.keys(&["Up"]);
    again.wait_for("› save ");
    again.keys(&["C-c"]);
    again.wait_for("EXITED 0");
}

#[test]
fn the_sandbox_from_a_lesson_in_a_wide_then_tiny_terminal() {
    require_tmux!();
    let t = Tmux::start("sandbox-from", "sandbox --from rebuild", 200, 50);
    t.wait_for("from the end of “Rebuilding a damaged catalog”");
    t.wait_for("Commands · 20 from the lesson");
    t.resize(50, 15);
    t.wait_for("too small");
    // Letters typed there wait for the prompt; only Ctrl+C quits.
    t.text("acquire");
    t.resize(200, 50);
    t.wait_for("› acquire");
    t.resize(50, 15);
    t.wait_for("too small");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

#[test]
fn the_simulator_runs_pauses_takes_a_slider_and_a_preset_and_quits() {
    require_tmux!();
    let t = Tmux::start("simulate", "simulate --seconds 600", 80, 24);
    t.wait_for("▶ running");
    t.keys(&["Space"]);
    let paused = t.wait_for("‖ paused");
    let at = |screen: &str| {
        screen
            .lines()
            .find_map(|l| l.split("‖ paused · ").nth(1))
            .map(|rest| rest.split(" of ").next().unwrap().to_string())
    };
    let then = at(&paused);
    sleep(Duration::from_millis(400));
    assert_eq!(
        at(&t.screen_of(None)),
        then,
        "paused, the run does not move"
    );
    t.keys(&["Right"]);
    t.wait_for("writes/s now 200");
    t.keys(&["Tab"]);
    t.wait_for("preset booking: started afresh");
    t.resize(200, 50);
    t.wait_for("a room booked meanwhile still looks free");
    t.resize(40, 12);
    t.wait_for("too small");
    // Only Ctrl+C quits there: a q typed into a hidden screen is not a command.
    t.keys(&["q"]);
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_presenter_on_autoplay_moves_on_alone_and_a_second_window_follows_its_notes() {
    require_tmux!();
    let t = Tmux::start(
        "present-auto",
        // Questions get a second too: without it a prediction waits for the room's →.
        "tour --present --autoplay 1 --autoplay-questions 1 --lesson why-cqrs",
        100,
        30,
    );
    t.wait_for("step 1 of 7");
    // No key is sent: autoplay moves on by itself.
    t.wait_for("step 2 of 7");
    t.wait_for("step 3 of 7");
    // The speaker's second terminal follows as the presenter moves.
    t.window("notes", "notes");
    t.wait_for_in("notes", "Why split reads from writes? (why-cqrs), step ");
    t.wait_for_in("notes", "step 5 of 7");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
    // The talk is over: the follower says so instead of showing a step nobody is on.
    t.wait_for_in("notes", "Waiting for a tour");
}

#[test]
fn a_presenter_zooms_blanks_and_the_notes_show_its_step() {
    require_tmux!();
    let t = Tmux::start(
        "present",
        "tour --present --lesson rebuild --step 2",
        100,
        30,
    );
    // The panel is drawn below the header: waiting for it sees the whole first frame, where
    // waiting for the header alone can catch a frame half written on a loaded machine.
    let first = t.wait_for("Catalogs");
    assert!(first.contains("step 2 of 7"), "{first}");
    assert!(
        !first.contains("Event log"),
        "one panel at a time:\n{first}"
    );
    assert!(
        first.contains('▀'),
        "the lesson's title in big letters:\n{first}"
    );
    t.keys(&["z"]);
    t.wait_for("Event log");
    t.keys(&["b"]);
    let blank = t.wait_in(None, |s| s.trim().is_empty(), "a blank screen");
    assert!(!blank.contains("Lesson"), "{blank}");
    // Any key brings the screen back, and does nothing else.
    t.keys(&["x"]);
    t.wait_for("step 2 of 7");
    t.keys(&["Right"]);
    t.wait_for("step 3 of 7");
    t.window("once", "notes --once");
    let notes = t.wait_for_in("once", "EXITED 0");
    assert!(
        notes.contains("Rebuilding a damaged catalog (rebuild), step 3 of 7: "),
        "{notes}"
    );
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
    t.window("after", "notes --once");
    let after = t.wait_for_in("after", "EXITED 1");
    assert!(after.contains("no tour is running"), "{after}");
}

impl Tmux {
    /// Sends raw bytes (hex), in one write: what a terminal or ssh hands the app in one read.
    fn bytes(&self, hex: &str) {
        let mut command = self.tmux();
        command.args(["send-keys", "-t", &self.target(None), "-H"]);
        command.args(hex.split_whitespace());
        command.status().unwrap();
        sleep(Duration::from_millis(60));
    }
}

#[test]
fn esc_then_bracket_and_question_mark_in_one_read_leave_the_keys_working() {
    require_tmux!();
    let t = Tmux::start("esc-bracket", "sandbox", 80, 24);
    t.wait_for("Nothing yet");
    // Esc [ ? arriving together (typed quickly over ssh) is no sequence a terminal sends:
    // once the app has waited for more in vain, it is taken as the three keys: Esc leaves
    // the prompt, `[` steps back in time (nothing to see yet) and `?` opens the help.
    t.bytes("1b 5b 3f");
    t.wait_for("Everywhere");
    t.keys(&["Escape"]);
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_paste_that_never_ends_gives_the_keys_back() {
    require_tmux!();
    let t = Tmux::start("paste-unended", "sandbox", 80, 24);
    t.wait_for("Nothing yet");
    t.bytes("1b 5b 32 30 30 7e 74 69 63 6b");
    // The paste's end never comes: after a pause, what came is the paste, and keys are keys.
    t.wait_for("› tick");
    t.keys(&["Enter"]);
    t.wait_for("✓");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_long_paste_lands_in_the_prompt_at_once_capped() {
    require_tmux!();
    let t = Tmux::start("paste-long", "sandbox", 80, 24);
    t.wait_for("Nothing yet");
    let file = t._data.path().join("paste.txt");
    std::fs::write(&file, format!("{}tick", "x".repeat(160_000))).unwrap();
    let loaded = t
        .tmux()
        .args(["load-buffer", "-b", "cqrs-paste"])
        .arg(&file)
        .status()
        .unwrap();
    assert!(loaded.success());
    t.tmux()
        .args([
            "paste-buffer",
            "-p",
            "-b",
            "cqrs-paste",
            "-t",
            &t.target(None),
        ])
        .status()
        .unwrap();
    // `wait_for`'s deadline is what catches a paste that never lands.
    t.wait_for("cut to");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

impl Tmux {
    /// A tmux format of the app's pane (`#{alternate_on}`, `#{pane_tty}` ...).
    fn pane(&self, format: &str) -> String {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", &self.target(None), format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The binary's process id: the child of the pane's shell.
    fn app_pid(&self) -> String {
        let shell = self.pane("#{pane_pid}");
        let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        let pid = String::from_utf8_lossy(&out.stdout);
        pid.lines()
            .next()
            .expect("the app is running")
            .trim()
            .to_string()
    }
}

#[test]
fn killed_by_a_signal_the_app_gives_the_terminal_back() {
    require_tmux!();
    for (signal, status) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let t = Tmux::start(&format!("signal-{signal}"), "--mouse sandbox", 80, 24);
        t.wait_for("Nothing yet");
        assert_eq!(t.pane("#{alternate_on}#{mouse_any_flag}"), "11");
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &t.app_pid()])
            .status()
            .unwrap();
        assert!(killed.success());
        t.wait_for(&format!("EXITED {status}"));
        assert_eq!(
            t.pane("#{alternate_on}#{mouse_any_flag}#{mouse_sgr_flag}"),
            "000",
            "SIG{signal}: the main screen, the mouse released"
        );
        let stty = Command::new("stty")
            .args(["-F", &t.pane("#{pane_tty}"), "-a"])
            .output()
            .unwrap();
        let modes = String::from_utf8_lossy(&stty.stdout);
        assert!(
            modes.split_whitespace().any(|m| m == "icanon")
                && modes.split_whitespace().any(|m| m == "echo"),
            "SIG{signal}: raw mode off:\n{modes}"
        );
    }
}

#[test]
fn esc_leaves_the_sandbox_to_home_and_the_next_run_restores_the_library() {
    require_tmux!();
    let t = Tmux::start("sandbox-kept", "sandbox", 80, 24);
    t.wait_for("Nothing yet");
    t.text(r#"acquire b1 "Dune" by "Frank Herbert""#);
    t.keys(&["Enter"]);
    t.wait_for("✓ accepted: #1 BookAcquired b1");
    t.keys(&["Escape", "Escape"]);
    t.wait_for("1 command kept from last time");
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
    let data = tempfile::TempDir::new().unwrap();
    std::fs::copy(
        t._data.path().join("sandbox-session.txt"),
        data.path().join("sandbox-session.txt"),
    )
    .unwrap();
    let again = Tmux::start_in("sandbox-kept-again", "sandbox", 80, 24, data);
    again.wait_for("restored your last");
    again.wait_for("#1 BookAcquired b1");
    again.keys(&["C-c"]);
    again.wait_for("EXITED 0");
}

#[test]
fn a_pasted_script_puts_its_first_line_at_the_prompt_and_says_so() {
    require_tmux!();
    let t = Tmux::start("paste-lines", "sandbox", 80, 24);
    t.wait_for("Nothing yet");
    let file = t._data.path().join("lines.txt");
    std::fs::write(&file, "tick 2\nstatus\n").unwrap();
    // tmux pastes line breaks as CR, as terminals do.
    t.tmux()
        .args(["load-buffer", "-b", "cqrs-lines"])
        .arg(&file)
        .status()
        .unwrap();
    t.tmux()
        .args([
            "paste-buffer",
            "-p",
            "-b",
            "cqrs-lines",
            "-t",
            &t.target(None),
        ])
        .status()
        .unwrap();
    let screen = t.wait_for("pasted 2 lines");
    assert!(screen.contains("› tick 2 "), "{screen}");
    assert!(screen.contains("Nothing yet"), "nothing ran:\n{screen}");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
}

#[test]
fn at_100x30_the_tour_and_the_sandbox_show_an_answer_whole_without_a_key() {
    require_tmux!();
    let t = Tmux::start("tour-100", "tour --lesson why-cqrs --step 3", 100, 30);
    // The answer wraps in its panel: its count, catalog, key and freshness all show.
    let screen = t.wait_for("= answered:");
    // At 100 columns the commands stand in the text column, under the narration: its 40
    // columns, read as one run of words.
    let left: String = screen
        .lines()
        .map(|l| l.chars().take(40).collect::<String>() + " ")
        .collect();
    let words: Vec<&str> = left
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect();
    assert!(
        words.join(" ").contains(
            "= answered: 2 cards in authors under \"Jane Austen\" (checkpoint #6 = log head: up to date)"
        ),
        "the answer is not whole at 100x30:\n{screen}"
    );
    t.keys(&["q"]);
    t.wait_for("EXITED 0");

    let s = Tmux::start("sandbox-100", "sandbox", 100, 30);
    s.wait_for("›");
    for line in [
        "acquire b1 \"Emma\" by \"Jane Austen\"",
        "catalog b1",
        "sync authors",
        "find authors \"Jane Austen\"",
    ] {
        s.text(line);
        s.keys(&["Enter"]);
    }
    // The answer wraps in the commands panel: its count and its checkpoint both show.
    let screen = s.wait_for("= answered:");
    assert!(
        screen.contains("1 card in authors under") && screen.contains("checkpoint #2 = log head"),
        "the sandbox's answer is not whole at 100x30:\n{screen}"
    );
    s.keys(&["C-c"]);
    s.wait_for("EXITED 0");
}

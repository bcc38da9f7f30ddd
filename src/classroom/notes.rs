//! Speaker notes that follow a presenter: the tour publishes the step it is on to a small state
//! file in the user's runtime directory, and `notes`, in a second terminal, shows and follows it.
//!
//! A file rather than a socket: the presenter never waits for a listener, any number of
//! followers (or none) may watch, and a follower started late still finds the current step.
//! Each publish replaces the file atomically, so a follower never reads half a state.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::printable;
use crate::content::Lesson;

/// The state file's name within the runtime directory.
pub const STATE_FILE: &str = "presenter.toml";

/// How often a follower looks at the state file: quick enough to feel immediate beside a
/// presenter, slow enough to cost nothing.
const POLL: Duration = Duration::from_millis(200);

/// Where the presenter is, as a follower shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PresenterState {
    /// The lesson id.
    pub lesson: String,
    pub lesson_title: String,
    /// The step, from 1, as the screen shows it.
    pub step: usize,
    /// How many steps the lesson has.
    pub steps: usize,
    /// The step's title.
    pub title: String,
    /// The step's speaker notes; empty when it has none.
    pub notes: String,
    /// The step's prediction, if it asks one, with its answer and why: what the teacher needs
    /// while the room decides.
    pub question: String,
    pub answer: String,
    pub why: String,
    /// The title of what comes next: the next step, or the next lesson's first.
    pub next: String,
    /// When the step went up, in seconds since 1970, for the time it has been up.
    pub since: u64,
}

/// Seconds since 1970, now.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// "45 s", "3 min 05 s".
fn elapsed(secs: u64) -> String {
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{} min {:02} s", secs / 60, secs % 60)
    }
}

impl PresenterState {
    /// The state of step `step` (from 0) of a lesson, going up now. `next_lesson` is the title
    /// of the lesson after this one, if any, for the last step.
    pub fn of_step(lesson: &Lesson, step: usize, next_lesson: Option<&str>) -> PresenterState {
        let Some(current) = lesson.steps.get(step) else {
            return PresenterState::default();
        };
        let next = match lesson.steps.get(step + 1) {
            Some(s) => format!("step {}: {}", step + 2, s.title),
            None => next_lesson.map_or("the end of the tour".into(), |t| {
                format!("the next lesson, {t}")
            }),
        };
        let mut state = PresenterState {
            lesson: lesson.id.clone(),
            lesson_title: lesson.title.clone(),
            step: step + 1,
            steps: lesson.steps.len(),
            title: current.title.clone(),
            notes: current.notes.clone().unwrap_or_default(),
            next,
            since: unix_now(),
            ..PresenterState::default()
        };
        if let Some(predict) = &current.predict {
            state.question = predict.question.clone();
            // The choices as the room sees them: their place is their letter.
            if let Some((choice, letter)) =
                predict.choices.iter().zip('a'..).find(|(c, _)| c.correct)
            {
                state.answer = format!("{letter}) {}", choice.text);
                state.why = crate::plain::markdown::without_verdict(&choice.why).to_string();
            }
        }
        state
    }

    /// The notes as a follower prints them, wrapped to `width` columns: where the presenter
    /// is and for how long (at `now`), the prediction's answer, the notes, what comes next.
    pub fn render(&self, width: usize, now: u64) -> String {
        let width = width.max(20);
        let mut out = String::new();
        let mut para = |label: &str, text: &str| {
            let text = printable(text);
            for paragraph in crate::content::markup::paragraphs(&text) {
                let text = if label.is_empty() {
                    paragraph
                } else {
                    format!("{label} {paragraph}")
                };
                for line in crate::content::markup::wrap(&text, width) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            out.push('\n');
        };
        let mut head = format!(
            "{} ({}), step {} of {}: {}",
            self.lesson_title, self.lesson, self.step, self.steps, self.title
        );
        if self.since > 0 {
            head.push_str(&format!(
                " · up {}",
                elapsed(now.saturating_sub(self.since))
            ));
        }
        para("", &head);
        if !self.question.is_empty() {
            para("Prediction:", &self.question);
            para("Answer:", &self.answer);
            if !self.why.is_empty() {
                para("Why:", &self.why);
            }
        }
        if self.notes.trim().is_empty() {
            para("", "(no notes for this step)");
        } else {
            para("", &self.notes);
        }
        if !self.next.is_empty() {
            para("Next:", &self.next);
        }
        // One blank line ends the block, not two.
        out.pop();
        out
    }
}

/// Where the presenter's state is kept.
pub fn state_path() -> PathBuf {
    crate::storage::runtime_dir().join(STATE_FILE)
}

/// Publishes where the presenter is, for every follower: call it on each move.
pub fn publish(state: &PresenterState) -> Result<()> {
    publish_to(&state_path(), state)
}

/// Publishes to a given state file, atomically, so a follower never reads half a state.
pub fn publish_to(path: &Path, state: &PresenterState) -> Result<()> {
    let text = toml::to_string(state).context("cannot encode the presenter's state")?;
    crate::storage::write_atomic(path, text.as_bytes())
}

/// Removes the state when the presenter stops, so followers say so instead of showing a step
/// nobody is on. Nothing to remove is fine.
pub fn clear() -> Result<()> {
    let path = state_path();
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// The published state; `None` when no presenter has published one.
pub fn read_state(path: &Path) -> Result<Option<PresenterState>> {
    // The runtime folder is shared: what stands there may be a link to anything, so it is read
    // only if it is a regular file of the size a state has.
    let text = match crate::storage::read_text(path, crate::storage::SMALL_FILE) {
        Ok(text) => text,
        Err(e) if e.is_missing() => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let state = toml::from_str(&text).map_err(|e| {
        let first = e.message().lines().next().unwrap_or("invalid TOML").trim();
        anyhow::anyhow!("{} is not a presenter's state: {first}", path.display())
    })?;
    Ok(Some(state))
}

/// What identifies one version of the file. The inode is part of it on Unix because each
/// publish is a new file renamed into place: two publishes within the file system's mtime
/// granularity still differ.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    })
}

/// How a follower shows the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// The width to wrap to; `None` asks the terminal at each drawing (it may be resized).
    pub width: Option<usize>,
    /// In a terminal: clear and redraw the notes each second, so the time on the step stays
    /// true. Elsewhere (a pipe, a file, a test) each change is appended after a rule.
    pub redraw: bool,
}

impl View {
    fn width(self) -> usize {
        self.width.unwrap_or_else(|| {
            ratatui::crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w))
        })
    }
}

/// What a follower says while no tour has published a step.
fn waiting(path: &Path) -> String {
    format!(
        "Waiting for a tour: no step has been published at {}. Open `cqrs-catalog tour` (or \
         `tour --present` for a room) in another terminal, and its step appears here.",
        path.display()
    )
}

/// What the follower read last: a step, nothing yet, or a file it could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    Step(PresenterState),
    Nothing,
    Fault(String),
}

impl Seen {
    fn read(path: &Path) -> Seen {
        match read_state(path) {
            Ok(Some(state)) => Seen::Step(state),
            Ok(None) => Seen::Nothing,
            // Shown, not fatal: the next publish replaces whatever was there.
            Err(e) => Seen::Fault(format!("{e:#}")),
        }
    }

    fn render(&self, path: &Path, width: usize, now: u64) -> String {
        match self {
            Seen::Step(state) => state.render(width, now),
            Seen::Nothing => {
                crate::content::markup::wrap(&waiting(path), width.max(20)).join("\n") + "\n"
            }
            Seen::Fault(e) => format!("{e}\n"),
        }
    }
}

/// Follows the state file, showing the notes each time the presenter moves (and in a
/// terminal each second, for the time on the step), until `stop` receives (or its sender is
/// gone). Waiting is a sleep on the channel, never a busy loop.
pub fn follow(path: &Path, out: &mut impl Write, stop: &Receiver<()>, view: View) -> Result<()> {
    // The first look always happens: `stamped` starts as something no file has.
    let mut stamped: Option<Option<Stamp>> = None;
    let mut seen: Option<Seen> = None;
    let mut drawn = String::new();
    loop {
        let now = stamp(path);
        let mut text = None;
        if stamped.as_ref() != Some(&now) {
            stamped = Some(now);
            let read = Seen::read(path);
            if seen.as_ref() != Some(&read) {
                let rule = if seen.is_some() && !view.redraw {
                    "\n----\n\n"
                } else {
                    ""
                };
                text = Some(format!(
                    "{rule}{}",
                    read.render(path, view.width(), unix_now())
                ));
                seen = Some(read);
            }
        }
        if view.redraw
            && let Some(seen) = &seen
        {
            let page = seen.render(path, view.width(), unix_now());
            if page != drawn {
                // Home, clear the screen, draw: the follower is a page, not a scroll.
                text = Some(format!("\x1b[H\x1b[2J{page}"));
                drawn = page;
            }
        }
        if let Some(text) = text {
            let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            match written {
                // The reader has gone (`| head`): following is over, not failed.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
                Err(e) => return Err(e.into()),
                Ok(()) => {}
            }
        }
        match stop.recv_timeout(POLL) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// `notes`: the current notes (`--once`), or follow the presenter until standard input ends
/// (Ctrl+D). Ctrl+C simply ends the process: the follower changes no terminal mode.
pub fn run(once: bool) -> Result<()> {
    let path = state_path();
    let terminal = io::stdout().is_terminal();
    let view = View {
        width: (!terminal).then_some(80),
        redraw: terminal,
    };
    if once {
        return match read_state(&path)? {
            Some(state) => crate::print_out(&state.render(view.width(), unix_now())),
            None => bail!(
                "no tour is running: nothing at {} (a tour writes its step there)",
                path.display()
            ),
        };
    }
    let (stop, stopped) = mpsc::channel();
    std::thread::spawn(move || {
        // Standard input is read only to notice its end; whatever is typed is ignored.
        let mut sink = [0u8; 256];
        let mut stdin = io::stdin();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        let _ = stop.send(());
    });
    follow(&path, &mut io::stdout(), &stopped, view)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(step: usize, title: &str, notes: &str) -> PresenterState {
        PresenterState {
            lesson: "why-cqrs".into(),
            lesson_title: "Why CQRS".into(),
            step,
            steps: 5,
            title: title.into(),
            notes: notes.into(),
            ..PresenterState::default()
        }
    }

    #[test]
    fn a_state_that_is_not_a_regular_file_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_state(dir.path()).unwrap_err().to_string();
        assert!(err.contains("is a directory, not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("state.toml");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            let err = read_state(&link).unwrap_err().to_string();
            assert!(err.contains("not a regular file"), "{err}");
        }
        assert!(read_state(&dir.path().join("none.toml")).unwrap().is_none());
    }

    const APPEND: View = View {
        width: Some(60),
        redraw: false,
    };

    /// A writer that hands each write to the test thread.
    struct Lines(mpsc::Sender<String>);

    impl Write for Lines {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let _ = self.0.send(String::from_utf8_lossy(buf).into_owned());
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Waits for output containing `text`. The deadline only keeps a broken follower from
    /// hanging the suite; nothing here depends on how quickly the follower reacts.
    fn wait_for(output: &Receiver<String>, text: &str) -> String {
        let mut seen = String::new();
        while !seen.contains(text) {
            match output.recv_timeout(Duration::from_secs(60)) {
                Ok(chunk) => seen.push_str(&chunk),
                Err(e) => panic!("the follower never showed {text:?} ({e}); it showed {seen:?}"),
            }
        }
        seen
    }

    #[test]
    fn the_rendering_says_where_the_presenter_is_then_the_notes() {
        assert_eq!(
            state(2, "The back office", "Ask who may lend.\n").render(80, 0),
            "Why CQRS (why-cqrs), step 2 of 5: The back office\n\nAsk who may lend.\n"
        );
        assert!(
            state(1, "Intro", " ")
                .render(80, 0)
                .ends_with("(no notes for this step)\n")
        );
    }

    #[test]
    fn notes_wrap_at_the_width_given_between_words() {
        let notes = "Ask the room which catalogs update their status first, and why the shelf \
                     is the one a patron trusts.";
        let text = state(3, "Lag", notes).render(30, 0);
        for line in text.lines() {
            assert!(line.chars().count() <= 30, "{line:?}");
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        for word in notes.split_whitespace() {
            assert!(words.contains(&word), "{word:?} is whole in {text}");
        }
    }

    #[test]
    fn a_step_shows_its_answer_the_next_step_and_how_long_it_has_been_up() {
        let content = crate::content::Content::load(None, None).unwrap().0;
        let (lesson, step) = content
            .lessons
            .iter()
            .find_map(|l| {
                l.steps
                    .iter()
                    .position(|s| s.predict.is_some())
                    .map(|i| (l, i))
            })
            .unwrap();
        let mut s = PresenterState::of_step(lesson, step, None);
        s.since = 1_000;
        let text = s.render(72, 1_000 + 125);
        let predict = lesson.steps[step].predict.as_ref().unwrap();
        let (right, letter) = predict
            .choices
            .iter()
            .zip('a'..)
            .find(|(c, _)| c.correct)
            .unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("cards · up 2 min 05 s Prediction:"), "{text}");
        assert!(
            flat.contains(&format!("Answer: {letter}) {}", right.text)),
            "{text}"
        );
        assert!(flat.contains("Why: "), "{text}");
        let next = &lesson.steps[step + 1].title;
        assert!(
            flat.contains(&format!("Next: step {}: {next}", step + 2)),
            "{text}"
        );
    }

    #[test]
    fn a_published_state_reads_back_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run/presenter.toml");
        assert_eq!(read_state(&path).unwrap(), None);
        let s = state(3, "Lag", "Point at the \"shelf\" catalog.\nThen wait.");
        publish_to(&path, &s).unwrap();
        assert_eq!(read_state(&path).unwrap(), Some(s));
    }

    #[test]
    fn a_follower_shows_each_step_the_presenter_moves_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        let (out_tx, output) = mpsc::channel();
        let (stop, stopped) = mpsc::channel();
        let follower = {
            let path = path.clone();
            std::thread::spawn(move || follow(&path, &mut Lines(out_tx), &stopped, APPEND))
        };
        wait_for(&output, "Waiting for a tour");
        publish_to(&path, &state(1, "Two systems", "Draw the two desks.")).unwrap();
        wait_for(&output, "step 1 of 5: Two systems\n\nDraw the two desks.");
        publish_to(
            &path,
            &state(2, "The event log", "Every change is an event."),
        )
        .unwrap();
        let seen = wait_for(
            &output,
            "step 2 of 5: The event log\n\nEvery change is an event.",
        );
        assert!(seen.starts_with("\n----\n\n"), "{seen:?}");
        std::fs::remove_file(&path).unwrap();
        wait_for(&output, "Waiting for a tour");
        stop.send(()).unwrap();
        follower.join().unwrap().unwrap();
    }

    #[test]
    fn a_follower_stops_when_its_stop_channel_closes() {
        let dir = tempfile::tempdir().unwrap();
        let (stop, stopped) = mpsc::channel::<()>();
        drop(stop);
        let mut out = Vec::new();
        follow(&dir.path().join(STATE_FILE), &mut out, &stopped, APPEND).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("Waiting for a tour")
        );
    }
}

//! Speaker notes that follow a presenter: the tour publishes the step it is on to a small state
//! file in the user's runtime directory, and `notes`, in a second terminal, shows and follows it.
//!
//! A file rather than a socket: the presenter never waits for a listener, any number of
//! followers (or none) may watch, and a follower started late still finds the current step.
//! Each publish replaces the file atomically, so a follower never reads half a state.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::printable;

/// Overrides the runtime directory the state file is kept in (tests, several presenters).
pub const RUNTIME_DIR_ENV: &str = "CQRS_CATALOG_RUNTIME";

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
}

impl PresenterState {
    /// The notes as a follower prints them: where the presenter is, then the notes.
    pub fn render(&self) -> String {
        let notes = self.notes.trim_end();
        let notes = if notes.is_empty() {
            "(no notes for this step)".to_string()
        } else {
            printable(notes)
        };
        format!(
            "{} ({}), step {} of {}: {}\n\n{notes}\n",
            printable(&self.lesson_title),
            printable(&self.lesson),
            self.step,
            self.steps,
            printable(&self.title),
        )
    }
}

/// The runtime directory: `$CQRS_CATALOG_RUNTIME`, the platform's runtime directory (on Linux
/// `$XDG_RUNTIME_DIR/cqrs-catalog`), else the data directory, else the temporary directory.
pub fn runtime_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(RUNTIME_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = directories::ProjectDirs::from("", "", "cqrs-catalog")
        .and_then(|dirs| dirs.runtime_dir().map(Path::to_path_buf))
    {
        return dir;
    }
    if let Ok(store) = crate::progress::Store::default_location()
        && let Some(dir) = store.path.parent()
    {
        return dir.to_path_buf();
    }
    std::env::temp_dir().join("cqrs-catalog")
}

/// Where the presenter's state is kept.
pub fn state_path() -> PathBuf {
    runtime_dir().join(STATE_FILE)
}

/// Publishes where the presenter is, for every follower: call it on each move.
pub fn publish(state: &PresenterState) -> Result<()> {
    publish_to(&state_path(), state)
}

/// Publishes to a given state file: written aside, synced, then renamed over the old one.
pub fn publish_to(path: &Path, state: &PresenterState) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let text = toml::to_string(state).context("cannot encode the presenter's state")?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
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

/// Follows the state file, printing the notes each time the presenter moves, until `stop`
/// receives (or its sender is gone). Waiting is a sleep on the channel, never a busy loop.
pub fn follow(path: &Path, out: &mut impl Write, stop: &Receiver<()>) -> Result<()> {
    // The first look always happens: `seen` starts as something no file has.
    let mut seen: Option<Option<Stamp>> = None;
    let mut shown: Option<PresenterState> = None;
    loop {
        let now = stamp(path);
        if seen.as_ref() != Some(&now) {
            let text = match read_state(path) {
                Ok(Some(state)) if shown.as_ref() != Some(&state) => {
                    let rule = if shown.is_some() { "\n----\n\n" } else { "" };
                    let text = format!("{rule}{}", state.render());
                    shown = Some(state);
                    Some(text)
                }
                Ok(Some(_)) => None,
                Ok(None) => {
                    let was_shown = shown.take().is_some();
                    let rule = if was_shown { "\n----\n\n" } else { "" };
                    Some(format!(
                        "{rule}Waiting for a presenter (the tour in presenter mode writes {}).\n",
                        path.display()
                    ))
                }
                // Shown, not fatal: the next publish replaces whatever was there.
                Err(e) => Some(format!("{e:#}\n")),
            };
            seen = Some(now);
            if let Some(text) = text {
                let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
                match written {
                    // The reader has gone (`| head`): following is over, not failed.
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
                    Err(e) => return Err(e.into()),
                    Ok(()) => {}
                }
            }
        }
        match stop.recv_timeout(POLL) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// `notes`: the current notes (`--once`), or follow the presenter until standard input ends
/// (Ctrl+D). Ctrl+C simply ends the process: nothing here changes the terminal's state.
pub fn run(once: bool) -> Result<()> {
    let path = state_path();
    if once {
        return match read_state(&path)? {
            Some(state) => crate::print_out(&state.render()),
            None => bail!(
                "no presenter: nothing at {} (the tour in presenter mode writes it)",
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
    follow(&path, &mut io::stdout(), &stopped)
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
        }
    }

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
            state(2, "The back office", "Ask who may lend.\n").render(),
            "Why CQRS (why-cqrs), step 2 of 5: The back office\n\nAsk who may lend.\n"
        );
        assert!(
            state(1, "Intro", " ")
                .render()
                .ends_with("(no notes for this step)\n")
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
            std::thread::spawn(move || follow(&path, &mut Lines(out_tx), &stopped))
        };
        wait_for(&output, "Waiting for a presenter");
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
        wait_for(&output, "Waiting for a presenter");
        stop.send(()).unwrap();
        follower.join().unwrap().unwrap();
    }

    #[test]
    fn a_follower_stops_when_its_stop_channel_closes() {
        let dir = tempfile::tempdir().unwrap();
        let (stop, stopped) = mpsc::channel::<()>();
        drop(stop);
        let mut out = Vec::new();
        follow(&dir.path().join(STATE_FILE), &mut out, &stopped).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("Waiting for a presenter")
        );
    }
}

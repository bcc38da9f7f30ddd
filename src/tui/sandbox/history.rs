//! The sandbox prompt's history, kept across runs in a text file beside the progress file:
//! one entry a line, newest last, capped so it never grows without bound.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Entries kept; older ones are dropped when the file is rewritten.
pub const KEEP: usize = 500;

#[derive(Debug, Clone)]
pub struct History {
    path: Option<PathBuf>,
}

impl History {
    /// History in `dir` (the data directory), or none when there is no place to keep it.
    pub fn in_dir(dir: Option<&Path>) -> History {
        History {
            path: dir.map(|d| d.join("sandbox-history.txt")),
        }
    }

    /// The last entries, oldest first. A missing or unreadable file is an empty history: it
    /// is a convenience, never a reason to refuse the sandbox.
    pub fn load(&self) -> Vec<String> {
        let Some(path) = &self.path else {
            return Vec::new();
        };
        let text = crate::storage::read_text(path, crate::storage::SMALL_FILE).unwrap_or_default();
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        let skip = lines.len().saturating_sub(KEEP);
        lines.into_iter().skip(skip).collect()
    }

    /// Appends an entry, unless it repeats the last one (as the prompt's recall skips
    /// repeats); past twice the cap the file is rewritten with the newest `KEEP`, aside and
    /// then renamed, so a crash never leaves it half written.
    pub fn append(&self, entry: &str) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if entry.trim().is_empty() || entry.contains('\n') {
            return Ok(());
        }
        let old = match crate::storage::read_text(path, crate::storage::SMALL_FILE) {
            Ok(text) => text,
            Err(e) if e.is_missing() => String::new(),
            Err(e) => return Err(std::io::Error::other(e.to_string())),
        };
        if old.lines().next_back() == Some(entry) {
            return Ok(());
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        if old.lines().count() < 2 * KEEP {
            // One short write in append mode: a line lands whole or not at all, in practice.
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            return writeln!(file, "{entry}");
        }
        let mut kept: Vec<&str> = old.lines().filter(|l| !l.trim().is_empty()).collect();
        kept.push(entry);
        let skip = kept.len().saturating_sub(KEEP);
        let mut text = kept[skip..].join("\n");
        text.push('\n');
        crate::storage::write_atomic(path, text.as_bytes()).map_err(std::io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_survive_a_restart_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let h = History::in_dir(Some(dir.path()));
        h.append("acquire b1 \"Dune\" by \"Frank Herbert\"")
            .unwrap();
        h.append("status").unwrap();
        assert_eq!(
            History::in_dir(Some(dir.path())).load(),
            vec!["acquire b1 \"Dune\" by \"Frank Herbert\"", "status"]
        );
    }

    #[test]
    fn the_file_is_capped() {
        let dir = tempfile::tempdir().unwrap();
        let h = History::in_dir(Some(dir.path()));
        for i in 0..(2 * KEEP + 5) {
            h.append(&format!("tick {}", i + 1)).unwrap();
        }
        let kept = h.load();
        assert_eq!(kept.len(), KEEP);
        assert_eq!(kept.last().unwrap(), &format!("tick {}", 2 * KEEP + 5));
    }

    #[test]
    fn a_repeat_of_the_last_entry_is_kept_once() {
        let dir = tempfile::tempdir().unwrap();
        let h = History::in_dir(Some(dir.path()));
        for line in ["tick", "tick", "status", "tick"] {
            h.append(line).unwrap();
        }
        assert_eq!(h.load(), vec!["tick", "status", "tick"]);
    }

    #[test]
    fn no_data_directory_means_no_history_and_no_error() {
        let h = History::in_dir(None);
        h.append("status").unwrap();
        assert!(h.load().is_empty());
    }
}

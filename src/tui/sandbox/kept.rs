//! The sandbox session kept in the data folder, like a shell's history: rewritten (aside, then
//! renamed) after every change and replayed when the sandbox opens again, so neither leaving
//! to home nor quitting loses a library. What would be replaced wholesale is copied aside.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Session;

use super::meta::{self, MetaError};

/// A kept session that did not replay: why, and where it was set aside (`None` when it
/// could not be moved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrestorable {
    pub why: MetaError,
    pub kept: Option<PathBuf>,
}

impl fmt::Display for Unrestorable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "your last session could not be restored ({})", self.why)?;
        match &self.kept {
            Some(aside) => write!(f, "; it is kept in {}", aside.display()),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Unrestorable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.why)
    }
}

#[derive(Debug, Clone)]
pub struct Kept {
    dir: Option<PathBuf>,
}

impl Kept {
    /// The session kept in `dir` (the data folder), or nowhere when there is none.
    pub fn in_dir(dir: Option<&Path>) -> Kept {
        Kept {
            dir: dir.map(Path::to_path_buf),
        }
    }

    fn path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("sandbox-session.txt"))
    }

    /// The session the last run left, if there is one. One that cannot be replayed is set
    /// aside under a name of its own (never overwritten), and the error says where.
    pub fn restore(&self) -> Result<Option<Session>, Unrestorable> {
        let Some(path) = self.path().filter(|p| p.exists()) else {
            return Ok(None);
        };
        match meta::load(&path) {
            Ok(session) => Ok(Some(session).filter(|s| !s.history().is_empty())),
            Err(why) => {
                let aside = self.aside_path("unreadable");
                let kept = aside
                    .as_ref()
                    .and_then(|a| std::fs::rename(&path, a).ok().map(|_| a.clone()));
                Err(Unrestorable { why, kept })
            }
        }
    }

    /// How many commands the kept session holds (0 without one): counted from its lines,
    /// not replayed, since the home screen asks on every frame.
    pub fn commands(&self) -> usize {
        let Some(path) = self.path() else {
            return 0;
        };
        let small =
            std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= meta::LARGEST_SCRIPT);
        if !small {
            return 0;
        }
        crate::storage::read_text(&path, meta::LARGEST_SCRIPT).map_or(0, |text| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .count()
        })
    }

    /// Writes the session, so the next run starts where this one is.
    pub fn save(&self, session: &Session) -> anyhow::Result<()> {
        match self.path() {
            Some(path) => {
                crate::storage::write_atomic(&path, meta::script(session, &path).as_bytes())
            }
            None => Ok(()),
        }
    }

    /// Copies `session` aside before it is replaced (a reset, a start from a lesson), under a
    /// name that says why; returns where, for the learner to `load` it again.
    pub fn set_aside(&self, session: &Session, why: &str) -> std::io::Result<Option<PathBuf>> {
        let Some(path) = self.aside_path(why) else {
            return Ok(None);
        };
        if session.history().is_empty() {
            return Ok(None);
        }
        std::fs::write(&path, meta::script(session, &path))?;
        Ok(Some(path))
    }

    /// `sandbox-session.WHY.txt`, numbered when an earlier one is there (so none is lost).
    fn aside_path(&self, why: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        (0..)
            .map(|n| match n {
                0 => dir.join(format!("sandbox-session.{why}.txt")),
                n => dir.join(format!("sandbox-session.{why}.{n}.txt")),
            })
            .find(|p| !p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_that_does_not_replay_is_an_error_that_names_why_and_where_it_went() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sandbox-session.txt");
        std::fs::write(&path, "lned b1\n").unwrap();
        let err = Kept::in_dir(Some(dir.path())).restore().unwrap_err();
        assert!(matches!(err.why, MetaError::BadScript { .. }), "{err:?}");
        let aside = dir.path().join("sandbox-session.unreadable.txt");
        assert_eq!(err.kept.as_deref(), Some(aside.as_path()));
        assert_eq!(
            err.to_string(),
            format!(
                "your last session could not be restored ({}); it is kept in {}",
                err.why,
                aside.display()
            )
        );
        let unmoved = Unrestorable {
            kept: None,
            ..err.clone()
        };
        assert_eq!(
            unmoved.to_string(),
            format!("your last session could not be restored ({})", err.why)
        );
    }
}

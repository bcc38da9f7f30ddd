//! The sandbox session kept in the data folder, like a shell's history: rewritten (aside, then
//! renamed) after every change and replayed when the sandbox opens again, so neither leaving
//! to home nor quitting loses a library. What would be replaced wholesale is copied aside.

use std::path::{Path, PathBuf};

use crate::model::Session;

use super::meta;

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
    /// aside under a name of its own (never overwritten), and the message says where.
    pub fn restore(&self) -> Result<Option<Session>, String> {
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
                Err(match kept {
                    Some(a) => format!(
                        "your last session could not be restored ({why}); it is kept in {}",
                        a.display()
                    ),
                    None => format!("your last session could not be restored ({why})"),
                })
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

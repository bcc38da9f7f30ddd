//! The learner's progress: where the tour stands, which challenges are solved, best quiz
//! scores. Saved as TOML in the user's data directory, written atomically; a corrupt file is
//! set aside with a warning, never a crash and never a silent loss.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Overrides the data directory (tests, portable installs).
pub const DATA_DIR_ENV: &str = "CQRS_CATALOG_DATA";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TourProgress {
    /// The lesson the learner is on, by id.
    pub lesson: Option<String>,
    /// The step within it, from 0.
    pub step: usize,
    /// Lessons read to their last step.
    pub completed: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizScore {
    pub best: usize,
    pub total: usize,
    /// When the best score was reached, as YYYY-MM-DD.
    pub date: String,
    pub attempts: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub tour: TourProgress,
    /// Solved challenges as `lesson-id/step-number` (from 1).
    pub challenges: Vec<String>,
    pub quizzes: BTreeMap<String, QuizScore>,
}

impl Progress {
    pub fn challenge_key(lesson: &str, step: usize) -> String {
        format!("{lesson}/{}", step + 1)
    }

    pub fn solve_challenge(&mut self, lesson: &str, step: usize) {
        let key = Self::challenge_key(lesson, step);
        if !self.challenges.contains(&key) {
            self.challenges.push(key);
        }
    }

    pub fn complete_lesson(&mut self, lesson: &str) {
        if !self.tour.completed.iter().any(|l| l == lesson) {
            self.tour.completed.push(lesson.to_string());
        }
    }

    /// Records a quiz attempt; the best score (and its date) is kept.
    pub fn record_quiz(&mut self, quiz: &str, score: usize, total: usize, date: String) {
        let entry = self.quizzes.entry(quiz.to_string()).or_default();
        entry.attempts += 1;
        if score >= entry.best || entry.total != total {
            entry.best = score;
            entry.total = total;
            entry.date = date;
        }
    }
}

/// Where progress lives and how it was found.
#[derive(Debug, Clone)]
pub struct Store {
    pub path: PathBuf,
}

/// What loading found besides the progress itself: a warning for the learner, if any.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub progress: Progress,
    pub warning: Option<String>,
}

impl Store {
    /// The default store: `$CQRS_CATALOG_DATA` or the platform's data directory.
    pub fn default_location() -> Result<Store> {
        let dir = match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => directories::ProjectDirs::from("", "", "cqrs-catalog")
                .context(
                    "cannot find a home directory to keep progress in (set CQRS_CATALOG_DATA)",
                )?
                .data_dir()
                .to_path_buf(),
        };
        Ok(Store {
            path: dir.join("progress.toml"),
        })
    }

    pub fn at(path: &Path) -> Store {
        Store {
            path: path.to_path_buf(),
        }
    }

    /// Loads progress. A missing file is a fresh start; a corrupt one is renamed aside (so
    /// nothing is lost) and reported in the warning.
    pub fn load(&self) -> Loaded {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
            Err(e) => {
                return Loaded {
                    progress: Progress::default(),
                    warning: Some(format!(
                        "could not read {}: {e}; starting afresh",
                        self.path.display()
                    )),
                };
            }
        };
        match toml::from_str::<Progress>(&text) {
            Ok(progress) => Loaded {
                progress,
                warning: None,
            },
            Err(e) => {
                let aside = self.aside_path();
                let moved = std::fs::rename(&self.path, &aside);
                let where_ = match moved {
                    Ok(()) => format!("kept as {}", aside.display()),
                    Err(err) => format!(
                        "could not be moved aside ({err}); it will be overwritten on the next save"
                    ),
                };
                let first = e
                    .message()
                    .lines()
                    .next()
                    .unwrap_or("invalid TOML")
                    .to_string();
                Loaded {
                    progress: Progress::default(),
                    warning: Some(format!(
                        "progress file {} is corrupt ({first}); {where_}; starting afresh",
                        self.path.display()
                    )),
                }
            }
        }
    }

    fn aside_path(&self) -> PathBuf {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        self.path.with_extension(format!("toml.corrupt-{stamp}"))
    }

    /// Saves atomically: a temporary file in the same folder, synced, then renamed over the old
    /// one, so a crash mid-save leaves the previous progress intact.
    pub fn save(&self, progress: &Progress) -> Result<()> {
        use std::io::Write;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let text = toml::to_string_pretty(progress).context("cannot encode progress")?;
        let mut file = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        file.write_all(text.as_bytes())?;
        file.as_file().sync_all()?;
        file.persist(&self.path)
            .with_context(|| format!("cannot save {}", self.path.display()))?;
        Ok(())
    }

    /// Removes saved progress.
    pub fn reset(&self) -> Result<bool> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e).with_context(|| format!("cannot remove {}", self.path.display())),
        }
    }
}

/// Today's date as YYYY-MM-DD in UTC, without a date crate: days since the epoch to a civil
/// date (Howard Hinnant's algorithm).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

pub(crate) fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right_across_leap_years() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_783), "2026-11-26");
    }

    #[test]
    fn progress_survives_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(&dir.path().join("p/progress.toml"));
        let mut p = Progress::default();
        p.tour.lesson = Some("rebuild".into());
        p.tour.step = 3;
        p.solve_challenge("rebuild", 5);
        p.record_quiz("motivation", 7, 10, "2026-11-26".into());
        store.save(&p).unwrap();
        let loaded = store.load();
        assert_eq!(loaded.progress, p);
        assert!(loaded.warning.is_none());
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_warning_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, "tour = [[[ not toml").unwrap();
        let loaded = Store::at(&path).load();
        assert_eq!(loaded.progress, Progress::default());
        let warning = loaded.warning.unwrap();
        assert!(warning.contains("corrupt"), "{warning}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(kept.len(), 1);
        assert!(
            kept[0]
                .to_string_lossy()
                .starts_with("progress.toml.corrupt-")
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&kept[0])).unwrap(),
            "tour = [[[ not toml"
        );
    }

    #[test]
    fn a_better_score_replaces_the_best_and_a_worse_one_does_not() {
        let mut p = Progress::default();
        p.record_quiz("q", 5, 10, "d1".into());
        p.record_quiz("q", 3, 10, "d2".into());
        assert_eq!(
            (
                p.quizzes["q"].best,
                p.quizzes["q"].date.as_str(),
                p.quizzes["q"].attempts
            ),
            (5, "d1", 2)
        );
        p.record_quiz("q", 9, 10, "d3".into());
        assert_eq!(p.quizzes["q"].best, 9);
    }
}

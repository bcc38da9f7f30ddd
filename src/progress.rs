//! The learner's progress: where the tour stands, which challenges are solved, best quiz
//! scores. Saved as TOML in the user's data directory. Nothing a learner did is lost: a save
//! merges with what is on disk under a lock (two sessions at once both keep their work), a
//! corrupt file is set aside under a name of its own, and one that cannot be read is left
//! alone and never overwritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::content::Lesson;
use crate::storage;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TourProgress {
    /// The lesson the learner is on, by id.
    pub lesson: Option<String>,
    /// The step within it, from 0.
    pub step: usize,
    /// Lessons read to their last step.
    pub completed: Vec<String>,
    /// Keys this version does not know (a newer one wrote them): kept as they are.
    #[serde(flatten)]
    pub unknown: toml::Table,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuizScore {
    pub best: usize,
    pub total: usize,
    /// When the best score was reached, as YYYY-MM-DD.
    pub date: String,
    pub attempts: usize,
    #[serde(flatten, default)]
    pub unknown: toml::Table,
}

impl QuizScore {
    /// What is wrong with a score read from disk, if anything.
    fn problem(&self) -> Option<String> {
        if self.best > self.total {
            Some(format!(
                "best {} of {} is more than all",
                self.best, self.total
            ))
        } else if self.total == 0 {
            Some("a quiz of 0 questions".to_string())
        } else if self.attempts == 0 {
            Some("a best score of 0 attempts".to_string())
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub tour: TourProgress,
    /// Solved challenges as `lesson-id/step-title`; files written before steps were keyed by
    /// title hold `lesson-id/step-number` (from 1), still read (see `Progress::challenge_keys`).
    pub challenges: Vec<String>,
    /// Challenges the learner moved past unsolved, keyed the same way; one solved later
    /// leaves this list.
    pub skipped: Vec<String>,
    pub quizzes: BTreeMap<String, QuizScore>,
    #[serde(flatten)]
    pub unknown: toml::Table,
}

impl Progress {
    /// The key a challenge is saved under: its step's title, unique within the lesson (the
    /// loader refuses a repeated one), stays when a step is added before it; a number would not.
    pub fn challenge_key(lesson: &Lesson, step: usize) -> String {
        format!("{}/{}", lesson.id, lesson.steps[step].title)
    }

    /// Every key that names the challenge: the title's, and the step's number as older files
    /// saved it. The number is read by today's numbering, so what was saved since the last
    /// renumbering keeps counting.
    fn challenge_keys(lesson: &Lesson, step: usize) -> [String; 2] {
        [
            Self::challenge_key(lesson, step),
            format!("{}/{}", lesson.id, step + 1),
        ]
    }

    pub fn challenge_solved(&self, lesson: &Lesson, step: usize) -> bool {
        Self::challenge_keys(lesson, step)
            .iter()
            .any(|k| self.challenges.contains(k))
    }

    /// Whether the challenge was moved past and is not solved since.
    pub fn challenge_skipped(&self, lesson: &Lesson, step: usize) -> bool {
        !self.challenge_solved(lesson, step)
            && Self::challenge_keys(lesson, step)
                .iter()
                .any(|k| self.skipped.contains(k))
    }

    pub fn solve_challenge(&mut self, lesson: &Lesson, step: usize) {
        let keys = Self::challenge_keys(lesson, step);
        self.skipped.retain(|k| !keys.contains(k));
        if !self.challenge_solved(lesson, step) {
            self.challenges.push(Self::challenge_key(lesson, step));
        }
    }

    /// Notes a challenge moved past unsolved (one solved before stays solved).
    pub fn skip_challenge(&mut self, lesson: &Lesson, step: usize) {
        let keys = Self::challenge_keys(lesson, step);
        if !self.challenge_solved(lesson, step) && !keys.iter().any(|k| self.skipped.contains(k)) {
            self.skipped.push(Self::challenge_key(lesson, step));
        }
    }

    /// The skipped challenges of a lesson, as their keys.
    pub fn skipped_in(&self, lesson: &str) -> Vec<&str> {
        let prefix = format!("{lesson}/");
        self.skipped
            .iter()
            .filter(|k| k.starts_with(&prefix))
            .map(String::as_str)
            .collect()
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

    /// Drops the scores no quiz could give (`best 70 of 10`), naming each in the warnings. The
    /// file on disk keeps them until that quiz is taken again: nothing is deleted.
    fn drop_impossible(&mut self, warnings: &mut Vec<String>) {
        self.quizzes.retain(|id, score| match score.problem() {
            Some(problem) => {
                warnings.push(format!("quizzes.{id}: {problem}; ignored"));
                false
            }
            None => true,
        });
    }

    /// `disk` with what changed here since `base` (what was loaded or last saved) applied on
    /// top: another session's work on disk survives, and so does this one's.
    fn merged(&self, base: &Progress, disk: &Progress) -> Progress {
        let mut out = disk.clone();
        let (mine, was) = (&self.tour, &base.tour);
        if (&mine.lesson, mine.step) != (&was.lesson, was.step) {
            out.tour.lesson.clone_from(&mine.lesson);
            out.tour.step = mine.step;
        }
        add_new(&mut out.tour.completed, &mine.completed, &was.completed);
        add_new(&mut out.challenges, &self.challenges, &base.challenges);
        add_new(&mut out.skipped, &self.skipped, &base.skipped);
        // A challenge solved here or in another session is no longer skipped. One solved here
        // may have been skipped under its other key: a skip that left this session's list
        // leaves the file too (solving is the only way out of it).
        out.skipped.retain(|k| {
            !out.challenges.contains(k) && (self.skipped.contains(k) || !base.skipped.contains(k))
        });
        for (id, score) in &self.quizzes {
            let before = base.quizzes.get(id);
            if before != Some(score) {
                out.quizzes
                    .insert(id.clone(), merged_score(score, before, out.quizzes.get(id)));
            }
        }
        for (key, value) in &self.unknown {
            out.unknown
                .entry(key.clone())
                .or_insert_with(|| value.clone());
        }
        out
    }
}

/// `into` with the items of `mine` that `base` did not have, in order, once each.
fn add_new(into: &mut Vec<String>, mine: &[String], base: &[String]) {
    for item in mine {
        if !base.contains(item) && !into.contains(item) {
            into.push(item.clone());
        }
    }
}

/// A quiz's score changed here since `base`: the attempts made here are added to those on
/// disk, and the better best is kept (this session's when the quiz's length changed).
fn merged_score(mine: &QuizScore, base: Option<&QuizScore>, disk: Option<&QuizScore>) -> QuizScore {
    // An impossible score on disk (`best 70 of 10`) gives way to a real one.
    let Some(disk) = disk.filter(|d| d.problem().is_none()) else {
        return mine.clone();
    };
    let new_attempts = mine.attempts.saturating_sub(base.map_or(0, |b| b.attempts));
    let mut out = if mine.total != disk.total || mine.best > disk.best {
        mine.clone()
    } else {
        disk.clone()
    };
    out.attempts = disk.attempts + new_attempts;
    out
}

/// Where progress lives, and what was last read from or written to it (the base a save
/// merges from).
#[derive(Debug)]
pub struct Store {
    pub path: PathBuf,
    base: Mutex<Progress>,
}

impl Clone for Store {
    fn clone(&self) -> Store {
        Store {
            path: self.path.clone(),
            base: Mutex::new(self.base()),
        }
    }
}

/// What loading found besides the progress itself: a warning for the learner, if any.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub progress: Progress,
    pub warning: Option<String>,
}

/// What is on disk, read under the lock.
enum OnDisk {
    Absent,
    Read {
        progress: Progress,
    },
    /// Content that is not progress (not UTF-8, not TOML, wrong types): `reason` names the
    /// place. Such a file may be set aside.
    Corrupt {
        reason: String,
    },
    /// A file that cannot be read (permissions, a directory, too large): it is left alone.
    Unreadable {
        reason: String,
    },
}

impl Store {
    /// The default store: `progress.toml` in `$CQRS_CATALOG_DATA` or the platform's data
    /// directory.
    pub fn default_location() -> Result<Store> {
        Ok(Store::at(&storage::data_dir()?.join("progress.toml")))
    }

    pub fn at(path: &Path) -> Store {
        Store {
            path: path.to_path_buf(),
            base: Mutex::new(Progress::default()),
        }
    }

    fn base(&self) -> Progress {
        self.base
            .lock()
            .map_or_else(|e| e.into_inner().clone(), |b| b.clone())
    }

    fn set_base(&self, progress: &Progress) {
        match self.base.lock() {
            Ok(mut base) => *base = progress.clone(),
            Err(e) => *e.into_inner() = progress.clone(),
        }
    }

    /// Takes the data folder's lock, if there is a folder yet (without one there is no file
    /// to race for).
    fn lock(&self) -> Option<storage::DirLock> {
        storage::DirLock::acquire(storage::parent_dir(&self.path)).ok()
    }

    /// Loads progress. A missing file is a fresh start; a corrupt one is set aside under a new
    /// name (so nothing is lost) and one that cannot be read is left alone (and saving
    /// refused), both reported in the warning with the place.
    pub fn load(&self) -> Loaded {
        let _lock = self.lock();
        let loaded = match self.read_disk() {
            OnDisk::Absent => Loaded::default(),
            OnDisk::Read { mut progress } => {
                let mut warnings = Vec::new();
                progress.drop_impossible(&mut warnings);
                let warning = (!warnings.is_empty()).then(|| {
                    format!(
                        "progress file {}: {}",
                        self.path.display(),
                        warnings.join("; ")
                    )
                });
                Loaded { progress, warning }
            }
            OnDisk::Corrupt { reason } => Loaded {
                progress: Progress::default(),
                warning: Some(format!(
                    "{}; starting afresh",
                    self.set_aside_corrupt(&reason)
                )),
            },
            OnDisk::Unreadable { reason } => Loaded {
                progress: Progress::default(),
                warning: Some(format!(
                    "{reason}; it is left as it is and progress will not be saved until it can be read"
                )),
            },
        };
        self.set_base(&loaded.progress);
        loaded
    }

    fn read_disk(&self) -> OnDisk {
        let text = match storage::read_text(&self.path, storage::SMALL_FILE) {
            Ok(text) => text,
            Err(e) if e.is_missing() => return OnDisk::Absent,
            Err(e) if e.is_content() => {
                return OnDisk::Corrupt {
                    reason: e.to_string(),
                };
            }
            Err(e) => {
                return OnDisk::Unreadable {
                    reason: e.to_string(),
                };
            }
        };
        match toml::from_str::<Progress>(&text) {
            Ok(progress) => OnDisk::Read { progress },
            Err(e) => OnDisk::Corrupt {
                reason: format!(
                    "{}: {}",
                    self.place(&text, e.span()),
                    first_line(e.message())
                ),
            },
        }
    }

    /// `PATH:LINE:COL` of a TOML error's span, or the path alone.
    fn place(&self, text: &str, span: Option<std::ops::Range<usize>>) -> String {
        let path = self.path.display();
        match span {
            Some(span) => {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!("{path}:{line}:{column}")
            }
            None => path.to_string(),
        }
    }

    fn set_aside_corrupt(&self, reason: &str) -> String {
        match storage::set_aside(&self.path, "corrupt") {
            Ok(aside) => format!(
                "progress file {} is corrupt ({reason}); kept as {}",
                self.path.display(),
                aside.display()
            ),
            Err(err) => format!(
                "progress file {} is corrupt ({reason}) and could not be moved aside ({err}); it is left as it is",
                self.path.display()
            ),
        }
    }

    /// Saves: under the data folder's lock, reads what is on disk, applies what changed here
    /// since the last load or save, and writes the result atomically. A file on disk that
    /// cannot be read is never overwritten: the save is refused.
    pub fn save(&self, progress: &Progress) -> Result<()> {
        let dir = storage::parent_dir(&self.path);
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let _lock = self.lock();
        storage::remove_stale_temps(&self.path);
        let disk = match self.read_disk() {
            OnDisk::Absent => Progress::default(),
            OnDisk::Read { progress } => progress,
            OnDisk::Corrupt { reason } => {
                storage::set_aside(&self.path, "corrupt").map_err(|err| {
                    anyhow::anyhow!(
                        "{reason}; it could not be set aside ({err}), so progress was not saved over it"
                    )
                })?;
                Progress::default()
            }
            OnDisk::Unreadable { reason } => {
                anyhow::bail!("{reason}; progress was not saved, so as not to overwrite it")
            }
        };
        let merged = progress.merged(&self.base(), &disk);
        let text = toml::to_string_pretty(&merged).context("cannot encode progress")?;
        storage::write_atomic(&self.path, text.as_bytes())?;
        self.set_base(progress);
        Ok(())
    }

    /// Clears saved progress: the file is set aside as `progress.toml.reset-SECONDS`, not
    /// deleted. Returns where it went, or `None` when there was nothing to clear.
    pub fn reset(&self) -> Result<Option<PathBuf>> {
        let _lock = self.lock();
        match std::fs::symlink_metadata(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => {}
        }
        let aside = storage::set_aside(&self.path, "reset")
            .with_context(|| format!("cannot move {} aside", self.path.display()))?;
        self.set_base(&Progress::default());
        Ok(Some(aside))
    }
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or("invalid TOML")
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

    /// A lesson `id` of steps with these titles (what keys a challenge; nothing else is read).
    fn lesson(id: &str, titles: &[&str]) -> Lesson {
        let step = |title: &&str| crate::content::Step {
            title: (*title).to_string(),
            text: String::new(),
            run: Vec::new(),
            run_at: crate::content::Pos::default(),
            focus: None,
            notes: None,
            predict: None,
            challenge: None,
        };
        Lesson {
            id: id.to_string(),
            id_at: crate::content::Pos::default(),
            title: String::new(),
            summary: String::new(),
            steps: titles.iter().map(step).collect(),
            file: String::new(),
        }
    }

    fn rebuild() -> Lesson {
        lesson("rebuild", &["One", "Two", "Three", "Four", "Five", "Six"])
    }

    #[test]
    fn progress_survives_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(&dir.path().join("p/progress.toml"));
        let mut p = Progress::default();
        p.tour.lesson = Some("rebuild".into());
        p.tour.step = 3;
        p.solve_challenge(&rebuild(), 5);
        p.record_quiz("motivation", 7, 10, "2026-11-26".into());
        store.save(&p).unwrap();
        let loaded = store.load();
        assert_eq!(loaded.progress, p);
        assert!(loaded.warning.is_none());
    }

    #[test]
    fn a_skipped_challenge_is_kept_apart_until_it_is_solved() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(&dir.path().join("progress.toml"));
        let mut p = Progress::default();
        let rebuild = rebuild();
        p.skip_challenge(&rebuild, 5);
        p.skip_challenge(&rebuild, 5);
        assert_eq!(p.skipped, vec!["rebuild/Six".to_string()], "once");
        assert!(p.challenges.is_empty(), "skipped is not solved");
        store.save(&p).unwrap();
        assert_eq!(
            store.load().progress.skipped_in("rebuild"),
            vec!["rebuild/Six"]
        );
        p.solve_challenge(&rebuild, 5);
        store.save(&p).unwrap();
        let loaded = store.load().progress;
        assert!(loaded.skipped.is_empty(), "{loaded:?}");
        assert_eq!(loaded.challenges, vec!["rebuild/Six".to_string()]);
        p.skip_challenge(&rebuild, 5);
        assert!(p.skipped.is_empty(), "a solved challenge stays solved");
    }

    /// Progress as a file with these lines says it, loaded.
    fn loaded(text: &str) -> Progress {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, text).unwrap();
        Store::at(&path).load().progress
    }

    #[test]
    fn a_challenge_saved_by_its_number_or_by_its_title_reads_as_solved() {
        let rebuild = rebuild();
        for file in [
            "challenges = [\"rebuild/2\"]",
            "challenges = [\"rebuild/Two\"]",
        ] {
            let p = loaded(file);
            assert!(p.challenge_solved(&rebuild, 1), "{file}");
            assert!(!p.challenge_solved(&rebuild, 0), "{file}");
            assert!(!p.challenge_solved(&rebuild, 2), "{file}");
            assert!(!p.challenge_skipped(&rebuild, 1), "{file}");
        }
        for file in ["skipped = [\"rebuild/2\"]", "skipped = [\"rebuild/Two\"]"] {
            let p = loaded(file);
            assert!(p.challenge_skipped(&rebuild, 1), "{file}");
            assert!(!p.challenge_skipped(&rebuild, 0), "{file}");
        }
    }

    #[test]
    fn a_step_added_before_a_challenge_leaves_it_solved_and_skipped_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(&dir.path().join("progress.toml"));
        let before = lesson("l", &["Setup", "Lend", "Return"]);
        let mut p = Progress::default();
        p.solve_challenge(&before, 1);
        p.skip_challenge(&before, 2);
        store.save(&p).unwrap();
        let after = lesson("l", &["Setup", "Acquire", "Lend", "Return"]);
        let p = store.load().progress;
        assert!(p.challenge_solved(&after, 2), "{p:?}");
        assert!(!p.challenge_solved(&after, 1), "{p:?}");
        assert!(p.challenge_skipped(&after, 3), "{p:?}");
        assert!(!p.challenge_skipped(&after, 2), "{p:?}");
    }

    #[test]
    fn solving_a_challenge_skipped_under_its_number_clears_the_skip_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, "skipped = [\"rebuild/2\", \"rebuild/4\"]\n").unwrap();
        let store = Store::at(&path);
        let mut p = store.load().progress;
        p.solve_challenge(&rebuild(), 1);
        p.skip_challenge(&rebuild(), 1);
        assert_eq!(p.challenges, ["rebuild/Two"]);
        assert_eq!(p.skipped, ["rebuild/4"]);
        store.save(&p).unwrap();
        let on_disk = Store::at(&path).load().progress;
        assert_eq!(on_disk.skipped, ["rebuild/4"], "{on_disk:?}");
        assert_eq!(on_disk.challenges, ["rebuild/Two"]);
    }

    #[test]
    fn a_challenge_solved_under_its_number_is_not_saved_again_by_its_title() {
        let mut p = loaded("challenges = [\"rebuild/2\"]");
        p.solve_challenge(&rebuild(), 1);
        assert_eq!(p.challenges, ["rebuild/2"]);
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

    fn score(best: usize, total: usize, attempts: usize) -> QuizScore {
        QuizScore {
            best,
            total,
            date: "2026-12-01".into(),
            attempts,
            unknown: toml::Table::new(),
        }
    }

    #[test]
    fn two_sessions_saving_in_turn_both_keep_their_work() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        let (tour, quiz) = (Store::at(&path), Store::at(&path));
        let mut touring = tour.load().progress;
        let mut quizzing = quiz.load().progress;
        quizzing.record_quiz("motivation", 7, 10, "d".into());
        quiz.save(&quizzing).unwrap();
        touring.tour.lesson = Some("rebuild".into());
        touring.complete_lesson("why-cqrs");
        tour.save(&touring).unwrap();
        quizzing.record_quiz("motivation", 4, 10, "e".into());
        quiz.save(&quizzing).unwrap();
        let on_disk = Store::at(&path).load().progress;
        assert_eq!(on_disk.tour.lesson.as_deref(), Some("rebuild"));
        assert_eq!(on_disk.tour.completed, ["why-cqrs"]);
        assert_eq!(
            on_disk.quizzes["motivation"],
            QuizScore {
                date: "d".into(),
                ..score(7, 10, 2)
            }
        );
    }

    #[test]
    fn attempts_made_in_two_sessions_add_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        let (one, two) = (Store::at(&path), Store::at(&path));
        let mut a = one.load().progress;
        let mut b = two.load().progress;
        a.record_quiz("q", 3, 5, "d".into());
        b.record_quiz("q", 5, 5, "e".into());
        one.save(&a).unwrap();
        two.save(&b).unwrap();
        let q = &Store::at(&path).load().progress.quizzes["q"];
        assert_eq!((q.best, q.attempts, q.date.as_str()), (5, 2, "e"));
    }

    #[test]
    fn keys_a_newer_version_wrote_are_kept_at_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(
            &path,
            "streak = 4\n[tour]\nlesson = \"rebuild\"\nmood = \"keen\"\n[quizzes.q]\nbest = 1\ntotal = 2\ndate = \"d\"\nattempts = 1\nseconds = 30\n",
        )
        .unwrap();
        let store = Store::at(&path);
        let mut progress = store.load().progress;
        progress.solve_challenge(&rebuild(), 1);
        store.save(&progress).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        for kept in [
            "streak = 4",
            "mood = \"keen\"",
            "seconds = 30",
            "rebuild/Two",
        ] {
            assert!(text.contains(kept), "{kept} missing from:\n{text}");
        }
    }

    #[test]
    fn a_directory_in_place_of_the_file_is_left_alone_and_never_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::create_dir(&path).unwrap();
        let store = Store::at(&path);
        let loaded = store.load();
        let warning = loaded.warning.unwrap();
        assert!(warning.contains(&path.display().to_string()), "{warning}");
        assert!(warning.contains("is a directory"), "{warning}");
        let err = store.save(&Progress::default()).unwrap_err().to_string();
        assert!(err.contains("not saved"), "{err}");
        assert!(path.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_opened_is_left_alone_and_never_saved_over() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, "challenges = [\"rebuild/6\"]\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&path).is_ok() {
            return; // root reads anything: there is no unreadable file to test with
        }
        let store = Store::at(&path);
        let warning = store.load().warning.unwrap();
        assert!(warning.contains("left as it is"), "{warning}");
        assert!(store.save(&Progress::default()).is_err());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "challenges = [\"rebuild/6\"]\n"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_set_aside_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, b"challenges = [\"a\"]\n\xff\n").unwrap();
        let warning = Store::at(&path).load().warning.unwrap();
        assert!(
            warning.contains("progress.toml:2:1: not UTF-8"),
            "{warning}"
        );
        assert!(warning.contains("kept as"), "{warning}");
        assert!(!path.exists());
    }

    #[test]
    fn a_toml_error_names_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, "challenges = []\n[tour]\nstep = \"three\"\n").unwrap();
        let warning = Store::at(&path).load().warning.unwrap();
        assert!(warning.contains("progress.toml:3:8:"), "{warning}");
    }

    #[test]
    fn an_impossible_score_is_ignored_with_a_warning_and_kept_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(
            &path,
            "[quizzes.q]\nbest = 70\ntotal = 10\ndate = \"d\"\nattempts = 1\n",
        )
        .unwrap();
        let store = Store::at(&path);
        let loaded = store.load();
        assert!(loaded.progress.quizzes.is_empty());
        let warning = loaded.warning.unwrap();
        assert!(warning.contains("quizzes.q: best 70 of 10"), "{warning}");
        let mut progress = loaded.progress;
        progress.complete_lesson("why-cqrs");
        store.save(&progress).unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("best = 70")
        );
    }

    #[test]
    fn corrupt_files_in_one_second_are_kept_under_different_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        for text in ["first [[[", "second [[["] {
            std::fs::write(&path, text).unwrap();
            Store::at(&path).load();
        }
        let mut kept: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        kept.sort();
        assert_eq!(kept, ["first [[[", "second [[["]);
    }

    #[test]
    fn a_save_removes_the_temporary_file_a_killed_save_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        let stale = dir.path().join(".progress.toml.tmpXYZ123");
        std::fs::write(&stale, "half a save").unwrap();
        Store::at(&path).save(&Progress::default()).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn a_reset_keeps_the_old_file_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, "challenges = [\"a/1\"]\n").unwrap();
        let aside = Store::at(&path).reset().unwrap().unwrap();
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_to_string(aside).unwrap(),
            "challenges = [\"a/1\"]\n"
        );
        assert_eq!(Store::at(&path).reset().unwrap(), None);
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

//! Lessons and quizzes: the embedded files or a teacher's own, read into typed content and
//! checked, with every problem placed at `file:line:col`.

pub mod check;
pub mod lesson;
pub mod load;
pub mod locate;
pub mod markup;
pub mod quiz;
mod raw;
pub mod shape;
pub mod source;

use std::collections::HashSet;
use std::path::Path;

pub use lesson::{Challenge, Choice, Lesson, Panel, Predict, Ran, Step};
pub use quiz::{Kind, Question, Quiz};
pub use source::{Pos, Problem, Source};

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub lessons: Vec<Lesson>,
    pub quizzes: Vec<Quiz>,
}

impl Content {
    /// Reads lessons and quizzes from sources, collecting every problem a single file shows.
    pub fn read(lessons: &[Source], quizzes: &[Source]) -> (Content, Vec<Problem>) {
        let mut problems = Vec::new();
        let content = Content {
            lessons: lessons
                .iter()
                .filter_map(|s| load::read_lesson(s, &mut problems))
                .collect(),
            quizzes: quizzes
                .iter()
                .filter_map(|s| load::read_quiz(s, &mut problems))
                .collect(),
        };
        (content, problems)
    }

    /// Loads the embedded content, or the folders given, and runs every check. Returns the
    /// content with all its problems; callers decide whether problems are fatal.
    pub fn load(
        content_dir: Option<&Path>,
        quizzes_dir: Option<&Path>,
    ) -> anyhow::Result<(Content, Vec<Problem>)> {
        let mut unreadable = Vec::new();
        let lessons = match content_dir {
            Some(dir) => load::read_dir(dir, &mut unreadable)?,
            None => load::embedded_lessons(),
        };
        let quizzes = match quizzes_dir {
            Some(dir) => load::read_dir(dir, &mut unreadable)?,
            None => load::embedded_quizzes(),
        };
        let (mut content, mut problems) = Content::read(&lessons, &quizzes);
        if content_dir.is_some() && quizzes_dir.is_none() {
            check::unlink_absent_reviews(&mut content);
        }
        problems.extend(unreadable);
        let incomplete: HashSet<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        let found = check::check(&content, &incomplete);
        problems.extend(found);
        // An author fixes one file at a time, top to bottom.
        problems.sort_by(|a, b| {
            (&a.file, a.pos.line, a.pos.col).cmp(&(&b.file, b.pos.line, b.pos.col))
        });
        Ok((content, problems))
    }

    /// The same content with every prediction's choices in the order `seed` gives (see
    /// `lesson::shuffle_predictions`); `None` is the fixed default order.
    pub fn with_shuffled_predictions(mut self, seed: Option<u64>) -> Content {
        let seed = seed.unwrap_or(lesson::PREDICTION_SEED);
        lesson::shuffle_predictions(&mut self.lessons, seed);
        self
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    pub fn quiz(&self, id: &str) -> Option<&Quiz> {
        self.quizzes.iter().find(|q| q.id == id)
    }

    /// The quiz with this id, or the one-line error (exit 2) that names the nearest one: the
    /// plain mode and the quiz screen refuse an unknown id alike.
    pub fn find_quiz(&self, id: &str) -> Result<&Quiz, crate::UsageError> {
        self.quiz(id).ok_or_else(|| {
            let ids: Vec<&str> = self.quizzes.iter().map(|q| q.id.as_str()).collect();
            let mut hint = crate::words::did_you_mean(id, ids.iter().copied());
            if hint.is_empty() {
                hint = format!("; the quizzes are {}", ids.join(", "));
            }
            crate::UsageError(format!("there is no quiz \"{id}\"{hint}"))
        })
    }
}

//! Finding a lesson and a step from what a learner typed on the command line (`--lesson`,
//! `--step`): an unknown id gets the nearest one, a step out of range gets the range.

use crate::words::{did_you_mean, plural};

use super::{Content, Lesson};

/// The lesson with this id, with its index, or a one-line message naming the nearest id.
pub fn lesson<'a>(content: &'a Content, id: &str) -> Result<(usize, &'a Lesson), String> {
    if let Some(found) = content.lessons.iter().enumerate().find(|(_, l)| l.id == id) {
        return Ok(found);
    }
    let ids: Vec<&str> = content.lessons.iter().map(|l| l.id.as_str()).collect();
    let hint = did_you_mean(id, ids.iter().copied());
    Err(format!(
        "unknown lesson \"{id}\"{hint}; the lessons are: {}",
        ids.join(", ")
    ))
}

/// A step number as people count (from 1), checked against the lesson: its index from 0.
pub fn step(lesson: &Lesson, number: usize) -> Result<usize, String> {
    let count = lesson.steps.len();
    if (1..=count).contains(&number) {
        Ok(number - 1)
    } else {
        Err(format!(
            "step {number} is out of range: lesson \"{}\" has {} (1 to {count})",
            lesson.id,
            plural(count, "step")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load::embedded_lessons;

    fn content() -> Content {
        Content::read(&embedded_lessons(), &[]).0
    }

    #[test]
    fn a_misspelt_lesson_id_names_the_nearest_one() {
        let content = content();
        let err = lesson(&content, "rebuidl").unwrap_err();
        assert!(err.contains("did you mean \"rebuild\"?"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn steps_count_from_one_and_stop_at_the_last() {
        let content = content();
        let (_, l) = lesson(&content, "rebuild").unwrap();
        assert_eq!(step(l, 1), Ok(0));
        assert!(step(l, 0).is_err());
        let err = step(l, l.steps.len() + 1).unwrap_err();
        assert!(err.contains("out of range"), "{err}");
    }
}

//! Finding a lesson and a step from what a learner typed on the command line (`--lesson`,
//! `--step`): an unknown id gets the nearest one, a step out of range gets the range.

use crate::UsageError;
use crate::words::{did_you_mean, plural};

use super::{Content, Lesson};

/// The lesson with this id, or this number as the header counts it ("Lesson 4 of 15"), with
/// its index; else a one-line message naming the nearest id.
pub fn lesson<'a>(content: &'a Content, id: &str) -> Result<(usize, &'a Lesson), UsageError> {
    if let Some(found) = content.lessons.iter().enumerate().find(|(_, l)| l.id == id) {
        return Ok(found);
    }
    if let Ok(n) = id.parse::<usize>()
        && let Some(l) = n.checked_sub(1).and_then(|i| content.lessons.get(i))
    {
        return Ok((n - 1, l));
    }
    let ids: Vec<&str> = content.lessons.iter().map(|l| l.id.as_str()).collect();
    let hint = did_you_mean(id, ids.iter().copied());
    Err(UsageError(format!(
        "unknown lesson \"{id}\"{hint}; the lessons are: {} (or their numbers, 1 to {})",
        ids.join(", "),
        ids.len()
    )))
}

/// A step number as people count (from 1), checked against the lesson: its index from 0.
pub fn step(lesson: &Lesson, number: usize) -> Result<usize, UsageError> {
    let count = lesson.steps.len();
    if (1..=count).contains(&number) {
        Ok(number - 1)
    } else {
        Err(UsageError(format!(
            "step {number} is out of range: lesson \"{}\" has {} (1 to {count})",
            lesson.id,
            plural(count, "step")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load::embedded_lessons;

    fn content() -> Content {
        Content::read(&embedded_lessons(), &[]).0
    }

    /// A learner who sees "Lesson 1 of 15" types 1 (a reviewer's finding): the number works
    /// as the id does, and a number past the last is refused with the range.
    #[test]
    fn a_lesson_can_be_named_by_its_number() {
        let content = content();
        assert_eq!(lesson(&content, "1").unwrap().1.id, "why-cqrs");
        let last = content.lessons.len();
        assert_eq!(lesson(&content, &last.to_string()).unwrap().0, last - 1);
        let err = lesson(&content, "0").unwrap_err().to_string();
        assert!(
            err.ends_with(&format!("(or their numbers, 1 to {last})")),
            "{err}"
        );
        assert!(lesson(&content, &(last + 1).to_string()).is_err());
    }

    #[test]
    fn a_misspelt_lesson_id_names_the_nearest_one() {
        let content = content();
        let err = lesson(&content, "rebuidl").unwrap_err().to_string();
        assert!(err.contains("did you mean \"rebuild\"?"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn steps_count_from_one_and_stop_at_the_last() {
        let content = content();
        let (_, l) = lesson(&content, "rebuild").unwrap();
        assert_eq!(step(l, 1).unwrap(), 0);
        assert!(step(l, 0).is_err());
        let err = step(l, l.steps.len() + 1).unwrap_err().to_string();
        assert!(err.contains("out of range"), "{err}");
    }
}

//! Quizzes: questions of three kinds, each choice with the feedback a learner who picks it gets,
//! and scoring. A question may set up a situation in the model that `check` verifies.

use crate::model::language::ScriptLine;

use super::lesson::Choice;
use super::source::Pos;

/// The most choices a question may have: they are keyed a to h, and further letters are
/// taken by the quiz screen's own keys (j, k, l, q).
pub const MAX_CHOICES: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    /// Exactly one choice is right.
    Single,
    /// One or more choices are right; the answer must be exactly that set.
    Multiple,
    /// The choices as authored are in the right order.
    Order,
}

impl Kind {
    pub fn word(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub prompt: String,
    pub explanation: String,
    pub review: Option<String>,
    pub review_at: Pos,
    /// False pins the authored order of choices (never for `order`).
    pub shuffle: bool,
    pub setup: Vec<ScriptLine>,
    /// Where the setup's first command is written, to place problems in it.
    pub setup_at: Pos,
    pub choices: Vec<Choice>,
    pub at: Pos,
}

impl Question {
    /// Whether an answer is right. `picked` holds indices into `choices`: the set chosen for
    /// `single` and `multiple`, the sequence given for `order`.
    pub fn is_right(&self, picked: &[usize]) -> bool {
        match self.kind {
            Kind::Order => {
                picked.len() == self.choices.len()
                    && picked.iter().enumerate().all(|(i, &c)| i == c)
            }
            Kind::Single | Kind::Multiple => {
                let mut picked: Vec<usize> = picked.to_vec();
                picked.sort_unstable();
                picked.dedup();
                let right: Vec<usize> = (0..self.choices.len())
                    .filter(|&i| self.choices[i].correct)
                    .collect();
                picked == right
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    pub id: String,
    pub id_at: Pos,
    pub title: String,
    pub questions: Vec<Question>,
    pub file: String,
}

/// Questions for tests: each choice named by its place (`c0`, `c1`, ...) with a why of its own.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub(crate) fn choice(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.into(),
            correct,
            why: format!("why {text}"),
            holds: None,
            holds_at: Pos::default(),
        }
    }

    pub(crate) fn question(id: &str, kind: Kind, correct: &[bool]) -> Question {
        Question {
            id: id.into(),
            kind,
            prompt: format!("{id}?"),
            explanation: String::new(),
            review: None,
            review_at: Pos::default(),
            shuffle: true,
            setup: vec![],
            setup_at: Pos::default(),
            choices: correct
                .iter()
                .enumerate()
                .map(|(i, &c)| choice(&format!("c{i}"), c))
                .collect(),
            at: Pos::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::question;
    use super::*;

    #[test]
    fn a_single_answer_is_right_only_with_the_one_correct_choice() {
        let q = question("q", Kind::Single, &[false, true, false]);
        assert!(q.is_right(&[1]));
        assert!(!q.is_right(&[0]));
        assert!(!q.is_right(&[0, 1]));
        assert!(!q.is_right(&[]));
    }

    #[test]
    fn a_multiple_answer_must_be_exactly_the_correct_set() {
        let q = question("q", Kind::Multiple, &[true, false, true]);
        assert!(q.is_right(&[2, 0]));
        assert!(!q.is_right(&[0]));
        assert!(!q.is_right(&[0, 1, 2]));
    }

    #[test]
    fn an_order_answer_must_be_the_authored_sequence() {
        let q = question("q", Kind::Order, &[false, false, false]);
        assert!(q.is_right(&[0, 1, 2]));
        assert!(!q.is_right(&[1, 0, 2]));
        assert!(!q.is_right(&[0, 1]));
    }
}

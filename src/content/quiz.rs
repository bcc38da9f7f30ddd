//! Quizzes: questions of three kinds, each choice with the feedback a learner who picks it gets,
//! and scoring. A question may set up a situation in the model that `check` verifies.

use crate::model::language::ScriptLine;

use super::lesson::Choice;
use super::source::Pos;

/// The most choices a question may have: they are keyed a to h, and further letters are
/// taken by the quiz screen's own keys (j, k, l, q).
pub const MAX_CHOICES: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Order => "order",
        }
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

/// A small deterministic generator (SplitMix64): shuffles must repeat for a given seed on every
/// platform, and this is all the randomness the app needs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// The order in which a question's choices are shown: indices into `choices`. `order`
/// questions are always shuffled (never left in the answer's order when avoidable).
pub fn display_order(question: &Question, rng: &mut Rng) -> Vec<usize> {
    let n = question.choices.len();
    if !question.shuffle && question.kind != Kind::Order {
        return (0..n).collect();
    }
    let mut order = shuffled(n, rng);
    if question.kind == Kind::Order && n > 1 && order.iter().enumerate().all(|(i, &c)| i == c) {
        order.rotate_left(1);
    }
    order
}

/// The indices `0..n` in a random order drawn from `rng` (Fisher-Yates): the one shuffle that
/// quiz questions and the tour's predictions share, so a seed means the same thing for both.
pub fn shuffled(n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: Kind, correct: &[bool]) -> Question {
        Question {
            id: "q".into(),
            kind,
            prompt: String::new(),
            explanation: String::new(),
            review: None,
            review_at: Pos::default(),
            shuffle: true,
            setup: vec![],
            setup_at: Pos::default(),
            choices: correct
                .iter()
                .map(|&c| Choice {
                    text: String::new(),
                    correct: c,
                    why: String::new(),
                    holds: None,
                    holds_at: Pos::default(),
                })
                .collect(),
            at: Pos::default(),
        }
    }

    #[test]
    fn a_single_answer_is_right_only_with_the_one_correct_choice() {
        let q = question(Kind::Single, &[false, true, false]);
        assert!(q.is_right(&[1]));
        assert!(!q.is_right(&[0]));
        assert!(!q.is_right(&[0, 1]));
        assert!(!q.is_right(&[]));
    }

    #[test]
    fn a_multiple_answer_must_be_exactly_the_correct_set() {
        let q = question(Kind::Multiple, &[true, false, true]);
        assert!(q.is_right(&[2, 0]));
        assert!(!q.is_right(&[0]));
        assert!(!q.is_right(&[0, 1, 2]));
    }

    #[test]
    fn an_order_answer_must_be_the_authored_sequence() {
        let q = question(Kind::Order, &[false, false, false]);
        assert!(q.is_right(&[0, 1, 2]));
        assert!(!q.is_right(&[1, 0, 2]));
        assert!(!q.is_right(&[0, 1]));
    }

    #[test]
    fn the_same_seed_gives_the_same_order_and_order_questions_never_show_the_answer() {
        let q = question(Kind::Order, &[false; 4]);
        for seed in 0..50 {
            let a = display_order(&q, &mut Rng::new(seed));
            assert_eq!(a, display_order(&q, &mut Rng::new(seed)));
            assert_ne!(a, vec![0, 1, 2, 3]);
        }
    }

    #[test]
    fn pinned_questions_keep_the_authored_order() {
        let mut q = question(Kind::Single, &[true, false, false]);
        q.shuffle = false;
        assert_eq!(display_order(&q, &mut Rng::new(7)), vec![0, 1, 2]);
    }
}

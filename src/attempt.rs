//! One pass through a quiz: the questions asked, each with its choices in a seeded order, the
//! answers given, the score and what was missed. The plain mode and the quiz screen share it.

use crate::content::{Choice, Kind, Question, Quiz};
use crate::rng::Rng;

/// The order in which a question's choices are shown: indices into `choices`. `order`
/// questions are always shuffled (never left in the answer's order when avoidable).
pub fn display_order(question: &Question, rng: &mut Rng) -> Vec<usize> {
    let n = question.choices.len();
    if !question.shuffle && question.kind != Kind::Order {
        return (0..n).collect();
    }
    let mut order = rng.shuffled(n);
    if question.kind == Kind::Order && n > 1 && order.iter().enumerate().all(|(i, &c)| i == c) {
        order.rotate_left(1);
    }
    order
}

/// What the learner gave for one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Given {
    /// No answer: counted wrong.
    Skipped,
    /// Indices into the question's `choices`: the set picked (`single`, `multiple`) or the
    /// sequence given (`order`).
    Picked(Vec<usize>),
}

/// One question as asked in this attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// Index into the quiz's questions.
    pub question: usize,
    /// The choices as shown: `order[0]` is keyed `a`, and so on. Indices into `choices`.
    pub order: Vec<usize>,
    pub given: Option<Given>,
}

impl Asked {
    /// The letter a choice is keyed by in this attempt.
    pub fn letter_of(&self, choice: usize) -> char {
        let shown = self.order.iter().position(|&c| c == choice).unwrap_or(0);
        letter(shown)
    }
}

/// A seed from the clock, for a run without `--seed`: a different order each time.
pub fn time_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// The letter of the choice shown at `position` (from 0): a, b, c...
pub fn letter(position: usize) -> char {
    char::from(b'a' + (position % 26) as u8)
}

/// 1st, 2nd, 3rd, 4th... for "you had it 3rd".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The questions of a quiz, or of a retry of some of them, with their answers so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub quiz_id: String,
    pub asked: Vec<Asked>,
    /// Whether every question of the quiz is asked: only such attempts count as a score.
    pub whole: bool,
}

impl Attempt {
    /// Every question of the quiz, in the authored order, choices shuffled by `rng`.
    pub fn whole(quiz: &Quiz, rng: &mut Rng) -> Attempt {
        let mut attempt = Attempt::of(quiz, (0..quiz.questions.len()).collect(), rng);
        attempt.whole = true;
        attempt
    }

    /// Some questions of the quiz (indices), e.g. the ones missed last time.
    pub fn of(quiz: &Quiz, questions: Vec<usize>, rng: &mut Rng) -> Attempt {
        let asked = questions
            .into_iter()
            .filter_map(|i| {
                let q = quiz.questions.get(i)?;
                Some(Asked {
                    question: i,
                    order: display_order(q, rng),
                    given: None,
                })
            })
            .collect();
        Attempt {
            quiz_id: quiz.id.clone(),
            asked,
            whole: false,
        }
    }

    pub fn len(&self) -> usize {
        self.asked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.asked.is_empty()
    }

    /// The first question not answered yet, if any.
    pub fn next_open(&self) -> Option<usize> {
        self.asked.iter().position(|a| a.given.is_none())
    }

    /// Whether the answer to question `i` of this attempt is right (unanswered is not).
    pub fn is_right(&self, quiz: &Quiz, i: usize) -> bool {
        let Some(asked) = self.asked.get(i) else {
            return false;
        };
        match (&asked.given, quiz.questions.get(asked.question)) {
            (Some(Given::Picked(picked)), Some(q)) => q.is_right(picked),
            _ => false,
        }
    }

    /// Right answers, out of the questions asked.
    pub fn score(&self, quiz: &Quiz) -> (usize, usize) {
        let right = (0..self.len()).filter(|&i| self.is_right(quiz, i)).count();
        (right, self.len())
    }

    /// The quiz's questions (indices) answered wrong or skipped.
    pub fn missed(&self, quiz: &Quiz) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| !self.is_right(quiz, i))
            .map(|i| self.asked[i].question)
            .collect()
    }
}

/// A choice as feedback shows it: its letter in this attempt and whether it was right to pick
/// it (for `order`: whether the learner put it in its right place).
#[derive(Debug, Clone, Copy)]
pub struct Shown<'q> {
    pub letter: char,
    pub choice: &'q Choice,
    pub right: bool,
}

impl Shown<'_> {
    /// The `why` of a right choice the learner did not pick. Authors greet the one who picked
    /// it ("Yes. ...", "Right: ..."), which reads wrong to one who did not: the greeting goes.
    pub fn why_unpicked(&self) -> String {
        let why = self.choice.why.trim();
        for greeting in ["Yes", "Right", "True", "Correct", "Exactly"] {
            let Some(rest) = why.strip_prefix(greeting) else {
                continue;
            };
            let Some(rest) = rest.strip_prefix(['.', ':', ',', '!']) else {
                continue;
            };
            let rest = rest.trim_start();
            let mut chars = rest.chars();
            if let Some(first) = chars.next() {
                return first.to_uppercase().chain(chars).collect();
            }
        }
        why.to_string()
    }
}

/// What to tell the learner after an answer.
#[derive(Debug, Clone)]
pub struct Feedback<'q> {
    pub right: bool,
    pub skipped: bool,
    /// The choices picked, in the order shown (for `order`: in the order given).
    pub picked: Vec<Shown<'q>>,
    /// The right answer: the correct choices in the order shown, or for `order` every item in
    /// its right place.
    pub key: Vec<Shown<'q>>,
}

impl<'q> Feedback<'q> {
    pub fn new(question: &'q Question, asked: &Asked, given: &Given) -> Feedback<'q> {
        let shown = |choice: usize, right: bool| Shown {
            letter: asked.letter_of(choice),
            choice: &question.choices[choice],
            right,
        };
        let picked_ids: Vec<usize> = match given {
            Given::Skipped => Vec::new(),
            Given::Picked(p) => p
                .iter()
                .copied()
                .filter(|&c| c < question.choices.len())
                .collect(),
        };
        let (picked, key) = match question.kind {
            Kind::Order => (
                picked_ids
                    .iter()
                    .enumerate()
                    .map(|(place, &c)| shown(c, place == c))
                    .collect(),
                (0..question.choices.len())
                    .map(|c| shown(c, true))
                    .collect(),
            ),
            Kind::Single | Kind::Multiple => (
                asked
                    .order
                    .iter()
                    .filter(|c| picked_ids.contains(c))
                    .map(|&c| shown(c, question.choices[c].correct))
                    .collect(),
                asked
                    .order
                    .iter()
                    .filter(|&&c| question.choices[c].correct)
                    .map(|&c| shown(c, true))
                    .collect(),
            ),
        };
        Feedback {
            right: matches!(given, Given::Picked(p) if question.is_right(p)),
            skipped: matches!(given, Given::Skipped),
            picked,
            key,
        }
    }

    /// The letters of the right answer: "b", or "a, c", or for `order` "c, a, b".
    pub fn key_letters(&self) -> String {
        self.key
            .iter()
            .map(|s| s.letter.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::quiz::fixtures::{choice, question};
    use crate::content::source::Pos;

    fn quiz() -> Quiz {
        Quiz {
            id: "q".into(),
            id_at: Pos::default(),
            title: "Q".into(),
            questions: vec![
                question("single", Kind::Single, &[false, true, false]),
                question("multiple", Kind::Multiple, &[true, false, true]),
                question("order", Kind::Order, &[false, false, false]),
            ],
            file: "q.toml".into(),
        }
    }

    fn answered(given: [Given; 3]) -> (Quiz, Attempt) {
        let quiz = quiz();
        let mut attempt = Attempt::whole(&quiz, &mut Rng::new(1));
        for (asked, g) in attempt.asked.iter_mut().zip(given) {
            asked.given = Some(g);
        }
        (quiz, attempt)
    }

    #[test]
    fn ordinals_read_as_words_do() {
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21].map(ordinal),
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st"]
        );
    }

    #[test]
    fn every_kind_scores_only_the_exact_answer() {
        let (quiz, attempt) = answered([
            Given::Picked(vec![1]),
            Given::Picked(vec![2, 0]),
            Given::Picked(vec![0, 1, 2]),
        ]);
        assert_eq!(attempt.score(&quiz), (3, 3));
        assert!(attempt.missed(&quiz).is_empty());

        let (quiz, attempt) = answered([
            Given::Picked(vec![0]),
            Given::Picked(vec![0]),
            Given::Picked(vec![1, 0, 2]),
        ]);
        assert_eq!(attempt.score(&quiz), (0, 3));
        assert_eq!(attempt.missed(&quiz), vec![0, 1, 2]);
    }

    #[test]
    fn a_skipped_or_unanswered_question_counts_as_wrong() {
        let quiz = quiz();
        let mut attempt = Attempt::whole(&quiz, &mut Rng::new(1));
        attempt.asked[0].given = Some(Given::Skipped);
        attempt.asked[1].given = Some(Given::Picked(vec![0, 2]));
        assert_eq!(attempt.score(&quiz), (1, 3));
        assert_eq!(attempt.missed(&quiz), vec![0, 2]);
        assert_eq!(attempt.next_open(), Some(2));
    }

    #[test]
    fn a_retry_asks_only_the_questions_given_and_is_not_a_whole_attempt() {
        let quiz = quiz();
        let retry = Attempt::of(&quiz, vec![2, 0, 9], &mut Rng::new(3));
        let asked: Vec<usize> = retry.asked.iter().map(|a| a.question).collect();
        assert_eq!(asked, vec![2, 0]);
        assert!(!retry.whole);
        assert!(Attempt::whole(&quiz, &mut Rng::new(3)).whole);
    }

    #[test]
    fn feedback_names_the_picks_by_their_shown_letters_and_gives_the_key() {
        let quiz = quiz();
        let q = &quiz.questions[1];
        let asked = Asked {
            question: 1,
            order: vec![2, 1, 0],
            given: None,
        };
        let f = Feedback::new(q, &asked, &Given::Picked(vec![1, 2]));
        assert!(!f.right && !f.skipped);
        let picked: Vec<(char, bool)> = f.picked.iter().map(|s| (s.letter, s.right)).collect();
        assert_eq!(picked, vec![('a', true), ('b', false)]);
        assert_eq!(f.key_letters(), "a, c");
    }

    #[test]
    fn the_why_of_a_right_choice_not_picked_drops_its_greeting() {
        let shown = |why: &str| {
            let mut c = choice("x", true);
            c.why = why.into();
            Shown {
                letter: 'a',
                choice: Box::leak(Box::new(c)),
                right: true,
            }
            .why_unpicked()
        };
        assert_eq!(
            shown("Yes. The write model decides."),
            "The write model decides."
        );
        assert_eq!(shown("Right: a drawer per book."), "A drawer per book.");
        assert_eq!(shown("True. that is it."), "That is it.");
        assert_eq!(shown("Rightly so."), "Rightly so.");
        assert_eq!(shown("Yes."), "Yes.");
    }

    #[test]
    fn order_feedback_marks_each_item_in_or_out_of_its_place() {
        let quiz = quiz();
        let q = &quiz.questions[2];
        let asked = Asked {
            question: 2,
            order: vec![1, 2, 0],
            given: None,
        };
        let f = Feedback::new(q, &asked, &Given::Picked(vec![0, 2, 1]));
        let picked: Vec<(char, bool)> = f.picked.iter().map(|s| (s.letter, s.right)).collect();
        assert_eq!(picked, vec![('c', true), ('b', false), ('a', false)]);
        assert_eq!(f.key_letters(), "c, a, b");
        let skipped = Feedback::new(q, &asked, &Given::Skipped);
        assert!(skipped.skipped && !skipped.right && skipped.picked.is_empty());
    }

    #[test]
    fn the_same_seed_gives_the_same_order_and_order_questions_never_show_the_answer() {
        let q = question("q", Kind::Order, &[false; 4]);
        for seed in 0..50 {
            let a = display_order(&q, &mut Rng::new(seed));
            assert_eq!(a, display_order(&q, &mut Rng::new(seed)));
            assert_ne!(a, vec![0, 1, 2, 3]);
        }
    }

    #[test]
    fn pinned_questions_keep_the_authored_order() {
        let mut q = question("q", Kind::Single, &[true, false, false]);
        q.shuffle = false;
        assert_eq!(display_order(&q, &mut Rng::new(7)), vec![0, 1, 2]);
    }
}

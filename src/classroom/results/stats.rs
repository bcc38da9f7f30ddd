//! What a class's attempts add up to: each learner's best and last score per quiz, and per
//! question how many answered, skipped and missed it, with the mistake made most often, in
//! the letters the learners saw.

use std::collections::BTreeMap;

use super::record::{Answer, Attempt};
use crate::content::{Kind, Question, Quiz};

/// A learner's standing on one quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub name: String,
    pub quiz: String,
    pub best: (usize, usize),
    pub last: (usize, usize),
    pub attempts: usize,
}

/// The learners, by name then quiz. Names match whatever their case and surrounding spaces,
/// since learners type them; the first spelling seen is the one shown.
pub fn standings(attempts: &[Attempt]) -> Vec<Standing> {
    let mut by: BTreeMap<(String, String), Standing> = BTreeMap::new();
    for a in attempts {
        let key = (a.name.to_lowercase(), a.quiz.clone());
        let score = (a.score, a.total);
        let s = by.entry(key).or_insert_with(|| Standing {
            name: a.name.clone(),
            quiz: a.quiz.clone(),
            best: score,
            last: score,
            attempts: 0,
        });
        s.attempts += 1;
        // The file is in the order attempts were appended, so the latest comes last.
        s.last = score;
        // Compare as fractions, in case the quiz grew a question between attempts.
        if score.0 * s.best.1.max(1) > s.best.0 * score.1.max(1) {
            s.best = score;
        }
    }
    by.into_values().collect()
}

/// How the class did on one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionStats {
    pub question: String,
    /// Answers given (skips not counted).
    pub answered: usize,
    pub skipped: usize,
    /// Answers given that were wrong.
    pub missed: usize,
    pub mistake: Option<Mistake>,
}

/// The mistake made most often on a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// The choice, as authored.
    pub choice: usize,
    pub times: usize,
    pub kind: MistakeKind,
    /// The letters the learners who made it saw that choice under: one when the class shared
    /// a seed, more when the learners' orders differed.
    pub letters: Vec<char>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MistakeKind {
    /// A wrong choice picked.
    Picked,
    /// A right choice left out (a `multiple` question missed without any wrong pick).
    LeftOut,
    /// An item put in the wrong place (`order`).
    Misplaced,
}

/// Each question of a quiz someone answered or skipped, most missed first (ties in the quiz's
/// order). Every attempt counts, so a learner who tried three times is three answers.
pub fn question_stats(quiz: &Quiz, attempts: &[Attempt]) -> Vec<QuestionStats> {
    let mut stats: Vec<QuestionStats> = quiz
        .questions
        .iter()
        .map(|q| {
            let all: Vec<&Answer> = attempts
                .iter()
                .filter(|a| a.quiz == quiz.id)
                .flat_map(|a| a.answers.iter().filter(|x| x.question == q.id))
                .collect();
            let given: Vec<&Answer> = all.iter().copied().filter(|a| !a.skipped).collect();
            QuestionStats {
                question: q.id.clone(),
                answered: given.len(),
                skipped: all.len() - given.len(),
                missed: given.iter().filter(|a| !a.right).count(),
                mistake: most_common_mistake(q, &given),
            }
        })
        .filter(|s| s.answered + s.skipped > 0)
        .collect();
    stats.sort_by_key(|s| std::cmp::Reverse(s.missed));
    stats
}

/// Whether an answer made the mistake `kind` on `choice`.
fn makes(q: &Question, a: &Answer, choice: usize, kind: MistakeKind) -> bool {
    match kind {
        MistakeKind::Misplaced => a
            .picked
            .iter()
            .position(|&c| c == choice)
            .is_some_and(|place| place != choice),
        MistakeKind::Picked => a.picked.contains(&choice) && !q.choices[choice].correct,
        MistakeKind::LeftOut => {
            !a.picked.is_empty() && q.choices[choice].correct && !a.picked.contains(&choice)
        }
    }
}

/// The mistake most wrong answers share (the first of equals, so a report is the same on
/// every run), with the letters it was seen under.
pub fn most_common_mistake(q: &Question, answers: &[&Answer]) -> Option<Mistake> {
    let wrong: Vec<&Answer> = answers.iter().copied().filter(|a| !a.right).collect();
    let count = |kind| -> Vec<usize> {
        (0..q.choices.len())
            .map(|c| wrong.iter().filter(|a| makes(q, a, c, kind)).count())
            .collect()
    };
    let (kind, counts) = if q.kind == Kind::Order {
        (MistakeKind::Misplaced, count(MistakeKind::Misplaced))
    } else {
        let picked = count(MistakeKind::Picked);
        if picked.iter().any(|&n| n > 0) || q.kind != Kind::Multiple {
            (MistakeKind::Picked, picked)
        } else {
            (MistakeKind::LeftOut, count(MistakeKind::LeftOut))
        }
    };
    let (choice, &times) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    let mut letters: Vec<char> = wrong
        .iter()
        .filter(|a| makes(q, a, choice, kind))
        .map(|a| a.seen_letter(choice))
        .collect();
    letters.sort_unstable();
    letters.dedup();
    (times > 0).then_some(Mistake {
        choice,
        times,
        kind,
        letters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    fn content() -> Content {
        super::super::fixture_content()
    }

    fn answer(question: &str, shown: Vec<usize>, picked: Vec<usize>, right: bool) -> Answer {
        Answer {
            question: question.into(),
            shown,
            skipped: picked.is_empty(),
            picked,
            right,
        }
    }

    fn attempt(name: &str, score: usize, answers: Vec<Answer>) -> Attempt {
        Attempt {
            name: name.into(),
            quiz: "lag".into(),
            time: "2026-05-04T09:30:00Z".into(),
            seed: None,
            total: answers.len(),
            answers,
            score,
        }
    }

    #[test]
    fn best_and_last_follow_the_order_of_the_file_and_names_ignore_case() {
        let one = |name: &str, score| attempt(name, score, vec![]);
        let s = standings(&[one("Ada", 0), one("ADA", 1), one("Ada", 0)]);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].best, s[0].last, s[0].attempts), ((1, 0), (0, 0), 3));
    }

    #[test]
    fn the_commonest_mistake_is_named_in_the_letters_the_learners_saw() {
        let content = content();
        let quiz = content.quiz("lag").unwrap();
        let reversed = vec![3, 2, 1, 0];
        let stats = question_stats(
            quiz,
            &[
                attempt(
                    "Ada",
                    0,
                    vec![answer("eventual", reversed.clone(), vec![1], false)],
                ),
                attempt(
                    "Bob",
                    0,
                    vec![answer("eventual", reversed.clone(), vec![3], false)],
                ),
                attempt(
                    "Cy",
                    0,
                    vec![answer("eventual", reversed.clone(), vec![1], false)],
                ),
                attempt(
                    "Di",
                    1,
                    vec![answer("eventual", reversed.clone(), vec![0], true)],
                ),
                attempt("Ed", 0, vec![answer("eventual", reversed, vec![], false)]),
            ],
        );
        assert_eq!(
            stats,
            vec![QuestionStats {
                question: "eventual".into(),
                answered: 4,
                skipped: 1,
                missed: 3,
                // Authored B, shown third to these learners: they typed c.
                mistake: Some(Mistake {
                    choice: 1,
                    times: 2,
                    kind: MistakeKind::Picked,
                    letters: vec!['c'],
                }),
            }]
        );
    }

    #[test]
    fn a_missed_multiple_answer_without_wrong_picks_names_the_choice_left_out() {
        let content = content();
        let q = &content.quiz("lag").unwrap().questions[1];
        let right: Vec<usize> = (0..q.choices.len())
            .filter(|&i| q.choices[i].correct)
            .collect();
        assert!(right.len() > 1, "the fixture needs a multiple question");
        let order: Vec<usize> = (0..q.choices.len()).collect();
        let answers = [
            answer(&q.id, order.clone(), vec![right[0]], false),
            answer(&q.id, order, vec![right[0]], false),
        ];
        let refs: Vec<&Answer> = answers.iter().collect();
        let m = most_common_mistake(q, &refs).unwrap();
        assert_eq!(
            (m.choice, m.times, m.kind),
            (right[1], 2, MistakeKind::LeftOut)
        );
    }

    #[test]
    fn an_order_question_names_the_item_most_often_misplaced() {
        let content = content();
        let q = content.quizzes[0]
            .questions
            .iter()
            .find(|q| q.kind == Kind::Order)
            .expect("an order question in the fixture quiz");
        let n = q.choices.len();
        let order: Vec<usize> = (0..n).collect();
        let mut swapped = order.clone();
        swapped.swap(0, 1);
        let mut rotated = order.clone();
        rotated.rotate_left(1);
        let answers = [
            answer(&q.id, order.clone(), swapped, false),
            answer(&q.id, order, rotated, false),
        ];
        let refs: Vec<&Answer> = answers.iter().collect();
        // Item A is out of place in both answers; so is B, but A comes first.
        let m = most_common_mistake(q, &refs).unwrap();
        assert_eq!((m.choice, m.times, m.kind), (0, 2, MistakeKind::Misplaced));
    }
}

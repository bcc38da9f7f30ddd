//! Lessons of the guided tour: steps of narration, each running commands in the model, with
//! optional predictions and challenges. The model at a step is the replay of the lesson's
//! commands up to it, so the tour is itself event-sourced.

use crate::model::{Condition, Outcome, Session, language::ScriptLine};

use super::source::Pos;
use crate::rng::Rng;

/// The panels of the tour screen a step can put in focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum Panel {
    Narration,
    Office,
    Log,
    Catalogs,
    Command,
}

impl Panel {
    pub fn word(self) -> &'static str {
        self.into()
    }
}

/// A choice of a prediction or a quiz question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub why: String,
    /// A condition checked against the model after the question's setup.
    pub holds: Option<(String, Condition)>,
    pub holds_at: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Predict {
    pub question: String,
    pub reveal: Option<String>,
    pub choices: Vec<Choice>,
}

impl Predict {
    /// Puts the choices in the order `rng` draws, the shuffle quiz questions use.
    pub fn shuffle(&mut self, rng: &mut Rng) {
        let order = rng.shuffled(self.choices.len());
        self.choices = order.iter().map(|&i| self.choices[i].clone()).collect();
    }
}

/// The seed of the predictions' order when neither `tour --seed` nor the config names one. It
/// is fixed, not drawn from the clock as a quiz's is: a handout printed today then matches the
/// screen a room sees tomorrow, and an answer saved in progress still names the same choice.
pub const PREDICTION_SEED: u64 = 21;

/// Shows every prediction's choices in the order `seed` gives, so the right answer is not
/// wherever the author happened to write it. Each step draws from a generator of its own (the
/// seed mixed with the lesson's id and the step's title), so adding a lesson or a step leaves
/// every other step's order as it was.
pub fn shuffle_predictions(lessons: &mut [Lesson], seed: u64) {
    for lesson in lessons {
        let id = fnv1a(&lesson.id);
        for step in &mut lesson.steps {
            if let Some(predict) = &mut step.predict {
                // Keyed by the step's title, not its number: adding or moving a step leaves
                // every other step's order (and the answers saved by letter) as it was.
                let place = fnv1a(&step.title).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                predict.shuffle(&mut Rng::new(seed ^ id ^ place));
            }
        }
    }
}

/// A hash that is the same on every platform and in every Rust release (std's is not promised
/// to be), so a seed gives the same order everywhere.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    pub goal: String,
    /// Each condition with its text as written, for the checklist the learner sees.
    pub done_when: Vec<(String, Condition)>,
    pub hint: String,
    pub solution: Vec<ScriptLine>,
    pub solution_at: Pos,
}

impl Challenge {
    /// Whether every condition holds.
    pub fn reached(&self, session: &Session) -> bool {
        self.done_when.iter().all(|(_, c)| c.holds(session))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub title: String,
    pub text: String,
    pub run: Vec<ScriptLine>,
    pub run_at: Pos,
    pub focus: Option<Panel>,
    pub notes: Option<String>,
    pub predict: Option<Predict>,
    pub challenge: Option<Challenge>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub id: String,
    pub id_at: Pos,
    pub title: String,
    pub summary: String,
    pub steps: Vec<Step>,
    /// The file it came from, for problems found later.
    pub file: String,
}

/// What one command of a step did, for the screens.
#[derive(Debug, Clone)]
pub struct Ran {
    pub line: ScriptLine,
    pub outcome: Outcome,
}

impl Lesson {
    /// The session after the `run` of steps `0..=step`, and what the last step's commands did.
    pub fn replay(&self, step: usize) -> (Session, Vec<Ran>) {
        let mut session = Session::new();
        let mut last = Vec::new();
        for (i, s) in self.steps.iter().enumerate().take(step + 1) {
            last.clear();
            last.extend(run_lines(&mut session, &s.run));
            if i == step {
                break;
            }
        }
        (session, last)
    }
}

/// Executes lines in a session; a line that fails to execute (checked content has none) is
/// skipped so a screen never stops halfway.
pub fn run_lines(session: &mut Session, lines: &[ScriptLine]) -> Vec<Ran> {
    lines
        .iter()
        .filter_map(|line| {
            session.execute(&line.command).ok().map(|outcome| Ran {
                line: line.clone(),
                outcome,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn predict(n: usize) -> Predict {
        Predict {
            question: String::new(),
            reveal: None,
            choices: (0..n)
                .map(|i| Choice {
                    text: format!("choice {i}"),
                    correct: i == 0,
                    why: format!("why {i}"),
                    holds: None,
                    holds_at: Pos::default(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_shuffle_moves_whole_choices_and_repeats_for_the_same_seed() {
        let mut seen = std::collections::HashSet::new();
        for seed in 0..30 {
            let (mut a, mut b) = (predict(4), predict(4));
            a.shuffle(&mut Rng::new(seed));
            b.shuffle(&mut Rng::new(seed));
            assert_eq!(a, b, "seed {seed}");
            for c in &a.choices {
                let i = c.text.strip_prefix("choice ").unwrap();
                assert_eq!(c.why, format!("why {i}"), "a choice keeps its why");
                assert_eq!(c.correct, i == "0", "and its key");
            }
            seen.insert(a.choices.iter().position(|c| c.correct).unwrap());
        }
        assert_eq!(seen.len(), 4, "the right answer lands in every position");
    }

    #[test]
    fn fnv1a_is_the_published_hash_so_orders_are_the_same_everywhere() {
        // The FNV-1a test vectors.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}

//! Lessons of the guided tour: steps of narration, each running commands in the model, with
//! optional predictions and challenges. The model at a step is the replay of the lesson's
//! commands up to it, so the tour is itself event-sourced.

use crate::model::{Condition, Outcome, Session, language::ScriptLine};

use super::source::Pos;

/// The panels of the tour screen a step can put in focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Narration,
    Office,
    Log,
    Catalogs,
    Command,
}

impl Panel {
    pub const ALL: [Panel; 5] = [
        Panel::Narration,
        Panel::Office,
        Panel::Log,
        Panel::Catalogs,
        Panel::Command,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Panel::Narration => "narration",
            Panel::Office => "office",
            Panel::Log => "log",
            Panel::Catalogs => "catalogs",
            Panel::Command => "command",
        }
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

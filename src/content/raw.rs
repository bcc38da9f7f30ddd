//! The content files exactly as TOML spells them. Unknown keys are errors, and the fields whose
//! problems need a position keep their span.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFile {
    pub id: Spanned<String>,
    pub title: String,
    pub summary: String,
    pub steps: Spanned<Vec<StepFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    pub title: Spanned<String>,
    pub text: String,
    pub run: Option<Spanned<String>>,
    pub focus: Option<Spanned<String>>,
    pub notes: Option<String>,
    pub predict: Option<PredictFile>,
    pub challenge: Option<ChallengeFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictFile {
    pub question: Spanned<String>,
    pub reveal: Option<String>,
    pub choices: Vec<ChoiceFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeFile {
    pub goal: Spanned<String>,
    pub done_when: Vec<Spanned<String>>,
    pub hint: String,
    pub solution: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceFile {
    pub text: Spanned<String>,
    pub correct: Option<bool>,
    pub why: String,
    pub holds: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub id: Spanned<String>,
    pub title: String,
    pub questions: Vec<QuestionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub prompt: String,
    pub explanation: String,
    pub review: Option<Spanned<String>>,
    pub shuffle: Option<bool>,
    pub setup: Option<Spanned<String>>,
    pub choices: Vec<ChoiceFile>,
}

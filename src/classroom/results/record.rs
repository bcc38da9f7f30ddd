//! One learner's attempt as a class results file keeps it: who, which quiz, when, and per
//! question the choices in the order that learner saw them, what they picked, and whether it
//! was right. Letters in the file are the choices as authored (`A` is the first written);
//! `shown` lists them in the order they were on screen, so a report can say "picked d" in the
//! letters the learner typed.

use std::fmt::Write as _;

use crate::attempt::{Attempt as QuizAttempt, Given};
use crate::content::{Question, Quiz};

/// One learner's attempt at a quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub name: String,
    /// The quiz id.
    pub quiz: String,
    /// When the attempt was recorded: RFC 3339, UTC (`2026-05-04T09:30:00Z`).
    pub time: String,
    /// The seed the choices were shuffled with, when the learner's run had one.
    pub seed: Option<u64>,
    pub answers: Vec<Answer>,
    pub score: usize,
    pub total: usize,
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The question id.
    pub question: String,
    /// The choices as the learner saw them: `shown[0]` was keyed `a`. Indices into the
    /// question's choices as authored.
    pub shown: Vec<usize>,
    /// Indices into the question's choices as authored, never as shuffled on screen (the set
    /// picked; for `order`, the sequence given). Empty when skipped.
    pub picked: Vec<usize>,
    /// Left without an answer (an empty line, or the input ended first).
    pub skipped: bool,
    pub right: bool,
}

impl Answer {
    /// The letter the learner saw a choice under: `a` for the first shown. A record written
    /// before orders were kept shows the authored order.
    pub fn seen_letter(&self, choice: usize) -> char {
        let at = self
            .shown
            .iter()
            .position(|&c| c == choice)
            .unwrap_or(choice);
        crate::attempt::letter(at)
    }

    /// What was picked, in the letters the learner typed: "a, c"; for `order`, "c, a, b".
    pub fn seen_letters(&self, question: &Question) -> String {
        let mut letters: Vec<char> = self.picked.iter().map(|&c| self.seen_letter(c)).collect();
        if question.kind != crate::content::Kind::Order {
            letters.sort_unstable();
        }
        join_letters(&letters)
    }

    /// The right answer in the letters this learner saw.
    pub fn right_letters(&self, question: &Question) -> String {
        let mut letters: Vec<char> = (0..question.choices.len())
            .filter(|&c| {
                question.kind == crate::content::Kind::Order || question.choices[c].correct
            })
            .map(|c| self.seen_letter(c))
            .collect();
        if question.kind != crate::content::Kind::Order {
            letters.sort_unstable();
        }
        join_letters(&letters)
    }
}

fn join_letters(letters: &[char]) -> String {
    let words: Vec<String> = letters.iter().map(char::to_string).collect();
    words.join(", ")
}

impl Attempt {
    /// The record of a finished pass through a quiz, as the quiz screen and the plain mode keep
    /// it: their picks are already authored indices, and each question keeps the order it was
    /// shown in. A question skipped, or never reached because the input ended, is skipped.
    pub fn from_quiz(quiz: &Quiz, attempt: &QuizAttempt, name: &str, seed: Option<u64>) -> Self {
        let answers: Vec<Answer> = attempt
            .asked
            .iter()
            .enumerate()
            .filter_map(|(i, asked)| {
                let question = quiz.questions.get(asked.question)?;
                let (picked, skipped) = match &asked.given {
                    Some(Given::Picked(picked)) => (picked.clone(), false),
                    Some(Given::Skipped) | None => (Vec::new(), true),
                };
                Some(Answer {
                    question: question.id.clone(),
                    shown: asked.order.clone(),
                    picked,
                    skipped,
                    right: attempt.is_right(quiz, i),
                })
            })
            .collect();
        let (score, total) = attempt.score(quiz);
        Attempt {
            name: name.trim().to_string(),
            quiz: quiz.id.clone(),
            time: now_rfc3339(),
            seed,
            answers,
            score,
            total,
        }
    }

    /// The record as appended: one `[[attempts]]` table whose strings never span lines, so a
    /// reader can always find where each record starts.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("\n[[attempts]]\n");
        let _ = writeln!(out, "name = {}", quote(&self.name));
        let _ = writeln!(out, "quiz = {}", quote(&self.quiz));
        let _ = writeln!(out, "time = {}", self.time);
        if let Some(seed) = self.seed {
            let _ = writeln!(out, "seed = {seed}");
        }
        let _ = writeln!(out, "score = {}", self.score);
        let _ = writeln!(out, "total = {}", self.total);
        out.push_str("answers = [\n");
        let letters = |choices: &[usize]| -> String {
            let quoted: Vec<String> = choices.iter().map(|&i| quote(&letter(i))).collect();
            format!("[{}]", quoted.join(", "))
        };
        for a in &self.answers {
            let _ = write!(
                out,
                "  {{ question = {}, shown = {}, ",
                quote(&a.question),
                letters(&a.shown)
            );
            if a.skipped {
                out.push_str("skipped = true, ");
            } else {
                let _ = write!(out, "picked = {}, ", letters(&a.picked));
            }
            let _ = writeln!(out, "right = {} }},", a.right);
        }
        out.push_str("]\n");
        out
    }
}

/// A choice's letter as authored: 0 is `A`. Past `Z` (no quiz has that many), its number.
pub fn letter(index: usize) -> String {
    match u8::try_from(index) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => (index + 1).to_string(),
    }
}

/// The authored index a letter of the file stands for.
pub fn index_of(letter: &str) -> Option<usize> {
    match letter.as_bytes() {
        [c @ b'A'..=b'Z'] => Some(usize::from(c - b'A')),
        _ => letter
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 26)
            .map(|n| n - 1),
    }
}

/// A TOML basic string on one line: quotes, backslashes and control characters escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Now as RFC 3339 in UTC, to the second, without a date crate.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let day = secs % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::progress::civil_date(secs / 86_400),
        day / 3600,
        day % 3600 / 60,
        day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::rng::Rng;

    fn content() -> Content {
        super::super::fixture_content()
    }

    #[test]
    fn times_are_rfc3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400 + 3_723), "2000-02-29T01:02:03Z");
        let now = now_rfc3339();
        assert!(now.parse::<toml::value::Datetime>().is_ok(), "{now}");
    }

    #[test]
    fn letters_are_the_authored_order_and_read_back() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(3), "D");
        for i in [0, 1, 25, 26, 40] {
            assert_eq!(index_of(&letter(i)), Some(i));
        }
        assert_eq!(index_of("a"), None);
    }

    #[test]
    fn a_quiz_pass_keeps_the_order_seen_and_the_authored_choices() {
        let content = content();
        let quiz = content.quiz("lag").unwrap();
        let mut pass = QuizAttempt::whole(quiz, &mut Rng::new(7));
        let right_first: Vec<usize> = (0..quiz.questions[0].choices.len())
            .filter(|&i| quiz.questions[0].choices[i].correct)
            .collect();
        pass.asked[0].given = Some(Given::Picked(right_first.clone()));
        pass.asked[1].given = Some(Given::Skipped);
        let record = Attempt::from_quiz(quiz, &pass, " Ada ", Some(7));
        assert_eq!(record.name, "Ada");
        assert_eq!(record.seed, Some(7));
        assert_eq!((record.score, record.total), (1, quiz.questions.len()));
        let first = &record.answers[0];
        assert_eq!(first.picked, right_first);
        assert_eq!(first.shown, pass.asked[0].order);
        assert!(first.right && !first.skipped);
        // The letter the learner saw is where the choice stood on screen.
        let seen = pass.asked[0].letter_of(right_first[0]);
        assert_eq!(first.seen_letter(right_first[0]), seen);
        assert!(record.answers[1].skipped && !record.answers[1].right);
        assert!(record.answers[2].skipped, "never reached is skipped");
    }
}

//! `quiz --plain`: a quiz as plain lines, for scripts, screen readers and classrooms. Answers
//! are read one line per question; what is printed is the contract in the design document.

use std::io::{self, BufRead, Write};

use anyhow::Result;

use crate::attempt::{Asked, Attempt, Feedback, Given, letter, ordinal, time_seed};
use crate::content::{Content, Kind, Question, Quiz};
use crate::launch::{self, Options};
use crate::plain::tour::marks_resolved;
use crate::progress::today;
use crate::rng::Rng;

/// `cqrs-catalog quiz [ID] --plain [--seed N]`.
/// Where a class keeps its attempts: the learner's name and the shared results file.
#[derive(Debug, Clone, Copy)]
pub struct Class<'a> {
    pub name: &'a str,
    pub results: &'a std::path::Path,
}

/// A learner's name and the class results file their attempts go to.
pub type ClassFile = (String, std::path::PathBuf);

/// The command line's seed, name and results file, each falling back to the config file's
/// `[defaults]`. A results file with no name to file the attempt under is a usage error.
pub fn with_defaults(
    seed: Option<u64>,
    name: Option<String>,
    results: Option<std::path::PathBuf>,
) -> Result<(Option<u64>, Option<ClassFile>)> {
    let defaults = crate::config::load()?.config.defaults;
    let seed = seed.or(defaults.seed);
    let name = name.or(defaults.name);
    let class = match (name, results.or(defaults.results)) {
        (Some(name), Some(results)) if !name.trim().is_empty() => Some((name, results)),
        (_, Some(results)) => {
            return Err(crate::UsageError(format!(
                "--results {} needs the learner's name: add --name NAME (or `name` in the config's [defaults])",
                results.display()
            ))
            .into());
        }
        (_, None) => None,
    };
    Ok((seed, class))
}

pub fn quiz(
    options: &Options,
    id: Option<&str>,
    seed: Option<u64>,
    class: Option<Class>,
) -> Result<()> {
    let content = launch::content(options)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let Some(id) = id else {
        return finish(list(&content, &mut out).and_then(|()| out.flush()));
    };
    let quiz = content.find_quiz(id)?;
    if let Some(class) = &class {
        // A results file the answers cannot go to is found before the first question.
        crate::classroom::results::check_target(class.results)?;
    }
    let seed = seed.unwrap_or_else(time_seed);
    let stdin = io::stdin();
    let result = run_attempt(quiz, seed, stdin.lock(), &mut out);
    let flushed = out.flush();
    let (score, attempt) = match result {
        Ok(done) => done,
        Err(e) => return finish(Err(e)),
    };
    finish(flushed)?;
    // Input that ends before the first answer is a script gone wrong, not an attempt.
    if score.answered > 0 {
        // Skipping every question is a look at the quiz, not an attempt to keep a score of.
        let picked = attempt
            .asked
            .iter()
            .any(|a| matches!(a.given, Some(Given::Picked(_))));
        if picked {
            record(quiz, score.right, score.total);
        }
        if let Some(class) = class {
            let record = crate::classroom::results::Attempt::from_quiz(
                quiz,
                &attempt,
                class.name,
                Some(seed),
            );
            crate::classroom::results::append(class.results, &record)?;
        }
    }
    Ok(())
}

/// How a plain run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub right: usize,
    pub total: usize,
    /// Questions given an answer or skipped by an empty line (not by the end of input).
    pub answered: usize,
}

/// A closed pipe (`| head`) is the reader's choice, not a failure.
fn finish(result: io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Keeps the best score with the learner's progress, as the quiz screen does. A failure is a
/// warning on standard error: the score was already printed, and stdout stays the contract's.
fn record(quiz: &Quiz, right: usize, total: usize) {
    let (loaded, store) = launch::progress();
    if let Some(warning) = &loaded.warning {
        crate::output::warn(warning);
    }
    let Some(store) = store else { return };
    let mut progress = loaded.progress;
    progress.record_quiz(&quiz.id, right, total, today());
    if let Err(e) = store.save(&progress) {
        crate::output::warn(&format!(
            "could not save progress: {}",
            crate::error::chain(&e)
        ));
    }
}

/// Every quiz: id, title and number of questions, one a line.
pub fn list(content: &Content, out: &mut impl Write) -> io::Result<()> {
    let width = content
        .quizzes
        .iter()
        .map(|q| q.id.len())
        .max()
        .unwrap_or(0);
    for q in &content.quizzes {
        writeln!(
            out,
            "{:<width$}  {} ({} questions)",
            q.id,
            q.title,
            q.questions.len()
        )?;
    }
    Ok(())
}

/// Asks every question of `quiz`, reading one answer line each from `input`; returns the
/// score and the attempt with every answer (for a class's results file). At the end of input
/// the questions left count as skipped.
pub fn run_attempt(
    quiz: &Quiz,
    seed: u64,
    mut input: impl BufRead,
    out: &mut impl Write,
) -> io::Result<(Score, Attempt)> {
    let mut attempt = Attempt::whole(quiz, &mut Rng::new(seed));
    let total = attempt.len();
    writeln!(
        out,
        "{} · {} · seed {seed}",
        quiz.title,
        crate::words::plural(total, "question")
    )?;
    writeln!(
        out,
        "Answer each question on one line: a letter (b), several letters (a,c), or for an order every letter from first to last (c,a,b). An empty line skips."
    )?;
    let mut ended = false;
    let mut answered = 0;
    for i in 0..total {
        let asked = attempt.asked[i].clone();
        let Some(question) = quiz.questions.get(asked.question) else {
            continue;
        };
        if ended {
            attempt.asked[i].given = Some(Given::Skipped);
            continue;
        }
        writeln!(out)?;
        ask(question, &asked, i, total, out)?;
        let given = loop {
            out.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                ended = true;
                break Given::Skipped;
            }
            match parse_answer(line.trim(), question.kind, asked.order.len()) {
                Ok(None) => break Given::Skipped,
                Ok(Some(rows)) => {
                    break Given::Picked(rows.into_iter().map(|r| asked.order[r]).collect());
                }
                Err(message) => {
                    writeln!(out, "Not an answer: {message}")?;
                    writeln!(out, "{}", answer_prompt(question.kind, asked.order.len()))?;
                }
            }
        };
        if ended {
            let left = total - i;
            writeln!(
                out,
                "End of input: {} left, counted as skipped.",
                crate::words::plural(left, "question")
            )?;
            attempt.asked[i].given = Some(Given::Skipped);
            continue;
        }
        tell(question, &asked, &given, out)?;
        attempt.asked[i].given = Some(given);
        answered += 1;
    }
    let (right, total) = attempt.score(quiz);
    writeln!(out)?;
    writeln!(out, "Score: {right}/{total}")?;
    Ok((
        Score {
            right,
            total,
            answered,
        },
        attempt,
    ))
}

/// "a to d", or "a or b" where there are only two.
fn letters_range(n: usize) -> String {
    match n {
        0 | 1 => "a".to_string(),
        2 => "a or b".to_string(),
        _ => format!("a to {}", letter(n - 1)),
    }
}

fn answer_prompt(kind: Kind, n: usize) -> String {
    match kind {
        Kind::Single => format!("Your answer (one letter, {}):", letters_range(n)),
        Kind::Multiple => format!(
            "Your answer (every right letter, {}, separated by commas):",
            letters_range(n)
        ),
        Kind::Order => {
            format!("Your answer (all {n} letters, first to last, separated by commas):")
        }
    }
}

/// The question: its number, what to do, the prompt, the setup's commands, the choices.
fn ask(
    question: &Question,
    asked: &Asked,
    i: usize,
    total: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let what = match question.kind {
        Kind::Single => "pick one",
        Kind::Multiple => "pick every right one",
        Kind::Order => "put in order",
    };
    writeln!(out, "Question {} of {total} · {what}", i + 1)?;
    writeln!(out, "{}", marks_resolved(&question.prompt))?;
    if !question.setup.is_empty() {
        writeln!(out, "The situation, set up in a fresh library:")?;
        for line in &question.setup {
            writeln!(out, "  {}", line.text.trim())?;
        }
    }
    for (row, &choice) in asked.order.iter().enumerate() {
        writeln!(
            out,
            "{}) {}",
            letter(row),
            marks_resolved(&question.choices[choice].text)
        )?;
    }
    writeln!(out, "{}", answer_prompt(question.kind, asked.order.len()))
}

/// Right or wrong, the `why` of each choice picked (and of the right ones missed), then the
/// explanation.
fn tell(question: &Question, asked: &Asked, given: &Given, out: &mut impl Write) -> io::Result<()> {
    let f = Feedback::new(question, asked, given);
    let key = match (question.kind, f.key.len()) {
        (Kind::Order, _) => format!("The right order is {}.", f.key_letters()),
        (_, 1) => format!("The right answer is {}.", f.key_letters()),
        _ => format!("The right answers are {}.", f.key_letters()),
    };
    match (f.right, f.skipped) {
        (true, _) => writeln!(out, "Right.")?,
        (false, true) => writeln!(out, "Skipped, counted as wrong. {key}")?,
        (false, false) => writeln!(out, "Wrong. {key}")?,
    }
    match question.kind {
        Kind::Order => {
            if !f.right && !f.skipped {
                let yours: Vec<String> = f.picked.iter().map(|s| s.letter.to_string()).collect();
                writeln!(out, "Your order: {}", yours.join(", "))?;
            }
            for (place, shown) in f.key.iter().enumerate() {
                let yours = f
                    .picked
                    .iter()
                    .position(|p| std::ptr::eq(p.choice, shown.choice));
                let note = match yours {
                    Some(y) if y == place => ", in its place".to_string(),
                    Some(y) => format!(", you had it {}", ordinal(y + 1)),
                    None => String::new(),
                };
                writeln!(
                    out,
                    "{}. {}{note}: {}",
                    place + 1,
                    shown.letter,
                    shown.choice.why
                )?;
            }
        }
        Kind::Single | Kind::Multiple => {
            let several = question.kind == Kind::Multiple;
            for shown in &f.picked {
                let verdict = match (several, shown.right) {
                    (false, _) => "",
                    (true, true) => ", right",
                    (true, false) => ", wrong",
                };
                writeln!(
                    out,
                    "You picked {}{verdict}: {}",
                    shown.letter, shown.choice.why
                )?;
            }
            for shown in f
                .key
                .iter()
                .filter(|k| !f.picked.iter().any(|p| std::ptr::eq(p.choice, k.choice)))
            {
                let what = if several {
                    "Right, not picked"
                } else {
                    "The right one"
                };
                writeln!(out, "{what}, {}: {}", shown.letter, shown.why_unpicked())?;
            }
        }
    }
    writeln!(
        out,
        "Why: {}",
        marks_resolved(&one_line(&question.explanation))
    )
}

/// Explanations may hold line breaks; the plain mode gives each its own single line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why a line is not an answer; the learner is asked again.
#[derive(Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// A character that names none of the question's `n` choices.
    NotAChoice { given: char, n: usize },
    /// The same letter twice.
    Twice(char),
    /// More than one letter for a question that takes one.
    OneLetter { text: String, given: usize },
    /// An order that leaves some of the `n` choices out.
    WholeOrder {
        text: String,
        n: usize,
        given: usize,
    },
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::NotAChoice { given, n } => write!(
                f,
                "\"{given}\" is not a choice here; use the letters {}.",
                letters_range(*n)
            ),
            AnswerError::Twice(letter) => write!(f, "\"{letter}\" is given twice."),
            AnswerError::OneLetter { text, given } => write!(
                f,
                "this question takes one letter, and \"{text}\" has {given}."
            ),
            AnswerError::WholeOrder { text, n, given } => write!(
                f,
                "an order needs all {n} letters ({}), each once; \"{text}\" has {given}.",
                letters_range(*n)
            ),
        }
    }
}

/// Reads an answer line into rows (from 0, as shown). `Ok(None)` is an empty line: a skip.
/// Letters may be separated by commas or spaces, or written together (`ac`).
pub fn parse_answer(text: &str, kind: Kind, n: usize) -> Result<Option<Vec<usize>>, AnswerError> {
    let letters: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if letters.is_empty() {
        return Ok(None);
    }
    let mut rows = Vec::new();
    for c in letters.chars() {
        let lower = c.to_ascii_lowercase();
        let row = (lower as usize).wrapping_sub('a' as usize);
        if !lower.is_ascii_lowercase() || row >= n {
            return Err(AnswerError::NotAChoice { given: c, n });
        }
        if rows.contains(&row) {
            return Err(AnswerError::Twice(lower));
        }
        rows.push(row);
    }
    match kind {
        Kind::Single if rows.len() > 1 => Err(AnswerError::OneLetter {
            text: text.to_string(),
            given: rows.len(),
        }),
        Kind::Order if rows.len() != n => Err(AnswerError::WholeOrder {
            text: text.to_string(),
            n,
            given: rows.len(),
        }),
        _ => Ok(Some(rows)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_letters_with_commas_spaces_or_nothing_between() {
        assert_eq!(parse_answer("b", Kind::Single, 4), Ok(Some(vec![1])));
        assert_eq!(parse_answer(" B ", Kind::Single, 4), Ok(Some(vec![1])));
        assert_eq!(parse_answer("a,c", Kind::Multiple, 4), Ok(Some(vec![0, 2])));
        assert_eq!(
            parse_answer("a, c", Kind::Multiple, 4),
            Ok(Some(vec![0, 2]))
        );
        assert_eq!(parse_answer("cab", Kind::Order, 3), Ok(Some(vec![2, 0, 1])));
        assert_eq!(parse_answer("", Kind::Single, 4), Ok(None));
        assert_eq!(parse_answer(" , ", Kind::Order, 3), Ok(None));
    }

    #[test]
    fn invalid_answers_say_what_is_wrong() {
        let said = |text, kind, n| parse_answer(text, kind, n).unwrap_err().to_string();
        assert_eq!(
            said("e", Kind::Single, 4),
            "\"e\" is not a choice here; use the letters a to d."
        );
        assert_eq!(
            said("a,b", Kind::Single, 4),
            "this question takes one letter, and \"a,b\" has 2."
        );
        assert_eq!(said("a,a", Kind::Multiple, 4), "\"a\" is given twice.");
        assert_eq!(
            said("c,a", Kind::Order, 3),
            "an order needs all 3 letters (a to c), each once; \"c,a\" has 2."
        );
        assert!(parse_answer("1", Kind::Single, 4).is_err());
        assert!(parse_answer("é", Kind::Single, 4).is_err());
    }
}

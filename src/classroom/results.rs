//! Class quiz results: each attempt appended to one shared TOML file under a file lock, and the
//! teacher's report read back from it, a table per learner and per question, skipping bad records.
//!
//! The file is a run of self-contained `[[attempts]]` records, each written in one go by
//! `append`. Reading splits the file at those headers and parses each record alone, so a
//! damaged or hand-edited record costs only itself: it is reported at `file:line:col` and
//! skipped, and every other learner's record still counts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use ratatui::text::Span;
use serde::Deserialize;
use toml::Spanned;

use crate::content::attempt::{Attempt as QuizAttempt, Given};
use crate::content::{Content, Kind, Problem, Question, Quiz, Source};
use crate::model::language::nearest;

/// One learner's attempt at a quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub name: String,
    /// The quiz id.
    pub quiz: String,
    /// When the attempt was recorded: RFC 3339, UTC (`2026-05-04T09:30:00Z`).
    pub time: String,
    pub answers: Vec<Answer>,
    pub score: usize,
    pub total: usize,
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The question id.
    pub question: String,
    /// Indices into the question's choices as authored, never as shuffled on screen (the set
    /// picked; for `order`, the sequence given). Written as letters: 0 is `A`.
    pub picked: Vec<usize>,
    pub right: bool,
}

impl Attempt {
    /// An attempt finished now. `answers` holds, per question: its id, the authored indices
    /// picked, and whether that was right.
    pub fn new(
        quiz: &str,
        name: &str,
        answers: Vec<(String, Vec<usize>, bool)>,
        score: usize,
        total: usize,
    ) -> Attempt {
        Attempt {
            name: name.trim().to_string(),
            quiz: quiz.to_string(),
            time: now_rfc3339(),
            answers: answers
                .into_iter()
                .map(|(question, picked, right)| Answer {
                    question,
                    picked,
                    right,
                })
                .collect(),
            score,
            total,
        }
    }

    /// The record of a finished pass through a quiz, as the quiz screen and the plain mode keep
    /// it: their picks are already authored indices. A skipped or unanswered question is
    /// recorded with nothing picked, wrong.
    pub fn from_quiz(quiz: &Quiz, attempt: &QuizAttempt, name: &str) -> Attempt {
        let answers = attempt
            .asked
            .iter()
            .enumerate()
            .filter_map(|(i, asked)| {
                let question = quiz.questions.get(asked.question)?;
                let picked = match &asked.given {
                    Some(Given::Picked(picked)) => picked.clone(),
                    Some(Given::Skipped) | None => Vec::new(),
                };
                Some((question.id.clone(), picked, attempt.is_right(quiz, i)))
            })
            .collect();
        let (score, total) = attempt.score(quiz);
        Attempt::new(&quiz.id, name, answers, score, total)
    }

    /// The record as appended: one `[[attempts]]` table whose strings never span lines, so a
    /// reader can always find where each record starts.
    fn to_toml(&self) -> String {
        let mut out = String::from("\n[[attempts]]\n");
        let _ = writeln!(out, "name = {}", quote(&self.name));
        let _ = writeln!(out, "quiz = {}", quote(&self.quiz));
        let _ = writeln!(out, "time = {}", self.time);
        let _ = writeln!(out, "score = {}", self.score);
        let _ = writeln!(out, "total = {}", self.total);
        out.push_str("answers = [\n");
        for a in &self.answers {
            let picked: Vec<String> = a.picked.iter().map(|&i| quote(&letter(i))).collect();
            let _ = writeln!(
                out,
                "  {{ question = {}, picked = [{}], right = {} }},",
                quote(&a.question),
                picked.join(", "),
                a.right
            );
        }
        out.push_str("]\n");
        out
    }
}

/// Written at the top of a new results file, for whoever opens it.
const HEADER: &str = "\
# Class quiz results: one [[attempts]] record per attempt, appended by
# `cqrs-catalog quiz ID --plain --name NAME --results FILE`; read them with
# `cqrs-catalog results FILE`. Letters are the choices as authored, not as shuffled on screen.
";

/// Appends an attempt to a results file (created if missing) that other learners may be
/// appending to at the same moment: an exclusive lock makes each record land whole, one after
/// another, and the data is synced before the lock is released.
pub fn append(path: &Path, attempt: &Attempt) -> Result<()> {
    if attempt.name.trim().is_empty() {
        bail!("the learner's name is empty");
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("cannot open the results file {}", path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock the results file {}", path.display()))?;
    let mut record = String::new();
    let len = file.metadata()?.len();
    if len == 0 {
        record.push_str(HEADER);
    } else if !ends_with_newline(&mut file, len)? {
        // A file last edited by hand may lack its final newline; the header must start a line.
        record.push('\n');
    }
    record.push_str(&attempt.to_toml());
    file.write_all(record.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write to the results file {}", path.display()))?;
    // Dropping the file releases the lock.
    Ok(())
}

fn ends_with_newline(file: &mut File, len: u64) -> Result<bool> {
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// A choice's letter as authored: 0 is `A`. Past `Z` (no quiz has that many), its number.
fn letter(index: usize) -> String {
    match u8::try_from(index) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => (index + 1).to_string(),
    }
}

fn index_of(letter: &str) -> Option<usize> {
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

/// A record as TOML spells it; everything is checked against the quiz before it counts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    attempts: Vec<RawAttempt>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttempt {
    name: Spanned<String>,
    quiz: Spanned<String>,
    time: toml::value::Datetime,
    score: Spanned<usize>,
    total: usize,
    answers: Vec<RawAnswer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    question: Spanned<String>,
    picked: Vec<Spanned<String>>,
    right: bool,
}

/// Whether a line is an `[[attempts]]` header (spaces and a comment allowed, as TOML does).
fn is_record_header(line: &str) -> bool {
    let code = line.split('#').next().unwrap_or("");
    let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed == "[[attempts]]"
}

/// The byte offsets where records start: each `[[attempts]]` header line. The text before the
/// first one (the file's comments) is a part of its own.
fn record_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_record_header(line) && offset > 0 {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

/// Reads every record that is sound; each one that is not becomes one problem.
pub fn read(source: &Source, content: &Content) -> (Vec<Attempt>, Vec<Problem>) {
    let text = &source.text;
    let starts = record_starts(text);
    let has_records = text.lines().any(is_record_header);
    let mut attempts = Vec::new();
    let mut problems = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let part = &text[start..end];
        let raw: RawFile = match toml::from_str(part) {
            Ok(raw) => raw,
            Err(e) => {
                let at = start + e.span().map_or(0, |s| s.start);
                let message = e.message().lines().next().unwrap_or("invalid TOML").trim();
                // Without a single record header, the file is most likely something else.
                let message = if !has_records {
                    format!("not a results file: {message}")
                } else {
                    message.to_string()
                };
                problems.push(Problem::new(source, source.pos(at), message));
                continue;
            }
        };
        for record in raw.attempts {
            match check(&record, content) {
                Ok(attempt) => attempts.push(attempt),
                Err((span, message)) => {
                    problems.push(Problem::new(source, source.pos(start + span), message));
                }
            }
        }
    }
    (attempts, problems)
}

/// Checks a record against its quiz; the error is placed at an offset within its part.
fn check(raw: &RawAttempt, content: &Content) -> Result<Attempt, (usize, String)> {
    let name = raw.name.get_ref().trim();
    if name.is_empty() {
        return Err((raw.name.span().start, "the learner's name is empty".into()));
    }
    let quiz_id = raw.quiz.get_ref();
    let Some(quiz) = content.quiz(quiz_id) else {
        let hint = nearest(quiz_id, content.quizzes.iter().map(|q| q.id.as_str()))
            .map_or(String::new(), |n| format!(" (did you mean {n:?}?)"));
        return Err((
            raw.quiz.span().start,
            format!("unknown quiz {quiz_id:?}{hint}"),
        ));
    };
    if *raw.score.get_ref() > raw.total {
        return Err((
            raw.score.span().start,
            format!(
                "score {} is more than the total {}",
                raw.score.get_ref(),
                raw.total
            ),
        ));
    }
    let mut answers = Vec::new();
    for a in &raw.answers {
        let id = a.question.get_ref();
        let Some(question) = quiz.questions.iter().find(|q| &q.id == id) else {
            let hint = nearest(id, quiz.questions.iter().map(|q| q.id.as_str()))
                .map_or(String::new(), |n| format!(" (did you mean {n:?}?)"));
            return Err((
                a.question.span().start,
                format!("quiz {:?} has no question {id:?}{hint}", quiz.id),
            ));
        };
        let mut picked = Vec::new();
        for l in &a.picked {
            match index_of(l.get_ref()).filter(|&i| i < question.choices.len()) {
                Some(i) => picked.push(i),
                None => {
                    return Err((
                        l.span().start,
                        format!(
                            "question {id:?} has no choice {:?}: its choices are A to {}",
                            l.get_ref(),
                            letter(question.choices.len().saturating_sub(1))
                        ),
                    ));
                }
            }
        }
        answers.push(Answer {
            question: id.clone(),
            picked,
            right: a.right,
        });
    }
    Ok(Attempt {
        name: name.to_string(),
        quiz: quiz_id.clone(),
        time: raw.time.to_string(),
        answers,
        score: *raw.score.get_ref(),
        total: raw.total,
    })
}

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

/// How a class did on one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionStats {
    pub question: String,
    pub answered: usize,
    pub missed: usize,
    /// The most common mistake: which choice, how often, and what kind.
    pub mistake: Option<(usize, usize, Mistake)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mistake {
    /// A wrong choice picked.
    Picked,
    /// A right choice left out (a `multiple` question missed without any wrong pick).
    LeftOut,
    /// An item put in the wrong place (`order`).
    Misplaced,
}

/// Each answered question of a quiz, most missed first (ties in the quiz's order). Every
/// attempt counts, so a learner who tried three times is three answers.
pub fn question_stats(quiz: &Quiz, attempts: &[Attempt]) -> Vec<QuestionStats> {
    let mut stats: Vec<QuestionStats> = quiz
        .questions
        .iter()
        .map(|q| {
            let answers: Vec<&Answer> = attempts
                .iter()
                .filter(|a| a.quiz == quiz.id)
                .flat_map(|a| a.answers.iter().filter(|x| x.question == q.id))
                .collect();
            QuestionStats {
                question: q.id.clone(),
                answered: answers.len(),
                missed: answers.iter().filter(|a| !a.right).count(),
                mistake: most_common_mistake(q, &answers),
            }
        })
        .filter(|s| s.answered > 0)
        .collect();
    stats.sort_by_key(|s| std::cmp::Reverse(s.missed));
    stats
}

fn most_common_mistake(q: &Question, answers: &[&Answer]) -> Option<(usize, usize, Mistake)> {
    let wrong: Vec<&&Answer> = answers.iter().filter(|a| !a.right).collect();
    let mut counts = vec![0usize; q.choices.len()];
    let kind = if q.kind == Kind::Order {
        for a in &wrong {
            for (place, &item) in a.picked.iter().enumerate() {
                if place != item {
                    counts[item] += 1;
                }
            }
        }
        Mistake::Misplaced
    } else {
        for a in &wrong {
            for &i in &a.picked {
                if !q.choices[i].correct {
                    counts[i] += 1;
                }
            }
        }
        if counts.iter().any(|&n| n > 0) || q.kind != Kind::Multiple {
            Mistake::Picked
        } else {
            // Only answers that picked something: a skip says nothing about which was missed.
            for a in wrong.iter().filter(|a| !a.picked.is_empty()) {
                for (i, c) in q.choices.iter().enumerate() {
                    if c.correct && !a.picked.contains(&i) {
                        counts[i] += 1;
                    }
                }
            }
            Mistake::LeftOut
        }
    };
    // The first of equals, so the report is the same on every run.
    let (choice, &n) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    (n > 0).then_some((choice, n, kind))
}

/// A name from the file as one safe line of a table.
fn shown(text: &str) -> String {
    super::printable(text).replace(['\n', '\t'], " ")
}

/// Lays out rows in columns; numbers (columns marked `right`) are right-aligned.
fn table(out: &mut String, indent: &str, rows: &[Vec<String>], right: &[bool]) {
    let width = |s: &str| Span::raw(s).width();
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    for row in rows {
        let mut line = String::from(indent);
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - width(cell));
            let last = c + 1 == cols;
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if !last {
                    line.push_str(&pad);
                }
            }
            if !last {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The teacher's report: who did what, then what the class got wrong, quiz by quiz.
pub fn render(file: &str, attempts: &[Attempt], skipped: usize, content: &Content) -> String {
    let mut out = String::new();
    let learners = standings(attempts);
    let people = {
        let mut names: Vec<String> = attempts.iter().map(|a| a.name.to_lowercase()).collect();
        names.sort();
        names.dedup();
        names.len()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if attempts.is_empty() {
        let _ = write!(out, "{file}: no attempts");
    } else {
        let _ = write!(
            out,
            "{file}: {} by {}",
            plural(attempts.len(), "attempt"),
            plural(people, "learner")
        );
    }
    if skipped > 0 {
        let _ = write!(
            out,
            " ({} skipped, see above)",
            plural(skipped, "broken record")
        );
    }
    out.push('\n');
    if attempts.is_empty() {
        return out;
    }

    out.push_str("\nLearners\n");
    let mut rows = vec![vec![
        "name".into(),
        "quiz".into(),
        "best".into(),
        "last".into(),
        "attempts".into(),
    ]];
    for s in &learners {
        rows.push(vec![
            shown(&s.name),
            s.quiz.clone(),
            format!("{}/{}", s.best.0, s.best.1),
            format!("{}/{}", s.last.0, s.last.1),
            s.attempts.to_string(),
        ]);
    }
    table(&mut out, "  ", &rows, &[false, false, true, true, true]);

    out.push_str("\nQuestions, most missed first (every attempt counts)\n");
    for quiz in &content.quizzes {
        let stats = question_stats(quiz, attempts);
        if stats.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n  {}: {}", quiz.id, quiz.title);
        let mut rows = vec![vec![
            "question".into(),
            "answered".into(),
            "missed".into(),
            "most common mistake".into(),
        ]];
        for s in &stats {
            let question = quiz.questions.iter().find(|q| q.id == s.question);
            let mistake = match (s.mistake, question) {
                (Some((choice, n, kind)), Some(q)) => {
                    let what = match kind {
                        Mistake::Picked => "picked",
                        Mistake::LeftOut => "left out",
                        Mistake::Misplaced => "misplaced",
                    };
                    format!(
                        "{} {what} {}: {:?}",
                        letter(choice),
                        plural(n, "time"),
                        q.choices[choice].text
                    )
                }
                _ => "-".into(),
            };
            rows.push(vec![
                s.question.clone(),
                s.answered.to_string(),
                s.missed.to_string(),
                mistake,
            ]);
        }
        table(&mut out, "    ", &rows, &[false, true, true, false]);
    }
    out
}

/// The quizzes the records are checked against: the embedded ones, or a teacher's folder.
fn quizzes(dir: Option<&Path>) -> Result<(Content, Vec<Problem>)> {
    let mut problems = Vec::new();
    let sources = match dir {
        Some(dir) => crate::content::load::read_dir(dir, &mut problems)?,
        None => crate::content::load::embedded_quizzes(),
    };
    let (content, more) = Content::read(&[], &sources);
    problems.extend(more);
    Ok((content, problems))
}

/// Nothing in a results file could be read (its problems were printed already).
#[derive(Debug)]
pub struct Unreadable(pub String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no attempt could be read from {}", self.0)
    }
}

impl std::error::Error for Unreadable {}

/// `results FILE`: the report on stdout; each broken record one line on stderr, skipped. It
/// fails (exit 1) only when the file cannot be read or none of its records could.
pub fn report(file: &Path, quizzes_dir: Option<&Path>) -> Result<()> {
    let (content, content_problems) = quizzes(quizzes_dir)?;
    for p in &content_problems {
        eprintln!("{p}");
    }
    let mut handle = File::open(file)
        .with_context(|| format!("cannot read the results file {}", file.display()))?;
    // A shared lock, so a record being appended right now is read whole or not at all.
    handle
        .lock_shared()
        .with_context(|| format!("cannot lock the results file {}", file.display()))?;
    let mut bytes = Vec::new();
    handle
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the results file {}", file.display()))?;
    drop(handle);
    let name = file.display().to_string();
    let source = Source {
        name: name.clone(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    };
    let (attempts, problems) = read(&source, &content);
    for p in &problems {
        eprintln!("{p}");
    }
    if attempts.is_empty() && !problems.is_empty() {
        return Err(Unreadable(name).into());
    }
    crate::print_out(&render(&name, &attempts, problems.len(), &content))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture quiz `lag` (one question of each kind), which only these tests depend on.
    fn content() -> Content {
        let lag = Source {
            name: "lag.toml".into(),
            text: include_str!("../../tests/results/quizzes/lag.toml").into(),
        };
        let (content, problems) = Content::read(&[], &[lag]);
        assert_eq!(problems, vec![]);
        content
    }

    fn source(text: &str) -> Source {
        Source {
            name: "class.toml".into(),
            text: text.into(),
        }
    }

    fn attempt(name: &str, score: usize, picked_first: usize, right: bool) -> Attempt {
        Attempt {
            time: "2026-05-04T09:30:00Z".into(),
            ..Attempt::new(
                "lag",
                name,
                vec![("eventual".into(), vec![picked_first], right)],
                score,
                10,
            )
        }
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
    fn an_appended_attempt_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("class/results.toml");
        let mut a = attempt("Ada \"the first\" Lovelace\\", 7, 1, false);
        a.answers.push(Answer {
            question: "stale-find".into(),
            picked: vec![0, 2],
            right: true,
        });
        append(&path, &a).unwrap();
        append(&path, &attempt("Grace", 10, 0, true)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# Class quiz results"), "{text}");
        let (read, problems) = read(&source(&text), &content());
        assert_eq!(problems, vec![]);
        assert_eq!(read, vec![a, attempt("Grace", 10, 0, true)]);
    }

    #[test]
    fn a_file_without_a_final_newline_still_gets_whole_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("results.toml");
        std::fs::write(&path, "# our class").unwrap();
        append(&path, &attempt("Ada", 7, 1, false)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(read(&source(&text), &content()).0.len(), 1, "{text}");
    }

    #[test]
    fn an_attempt_needs_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = append(&dir.path().join("r.toml"), &attempt("  ", 1, 0, true)).unwrap_err();
        assert_eq!(err.to_string(), "the learner's name is empty");
    }

    #[test]
    fn concurrent_appends_lose_no_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("results.toml");
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..25 {
                        let a = attempt(&format!("learner {t}"), i % 11, i % 4, i % 4 == 0);
                        append(&path, &a).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (read, problems) = read(&source(&text), &content());
        assert_eq!(problems, vec![]);
        assert_eq!(read.len(), 200);
        for t in 0..8 {
            let mine: Vec<usize> = read
                .iter()
                .filter(|a| a.name == format!("learner {t}"))
                .map(|a| a.score)
                .collect();
            // Each learner's records are all there, in the order that learner wrote them.
            assert_eq!(
                mine,
                (0..25).map(|i| i % 11).collect::<Vec<_>>(),
                "learner {t}"
            );
        }
        let whole: RawFile = toml::from_str(&text).unwrap();
        assert_eq!(
            whole.attempts.len(),
            200,
            "the file is one valid TOML document"
        );
    }

    #[test]
    fn a_broken_record_is_reported_where_it_is_and_the_others_count() {
        let text = "\
[[attempts]]
name = \"Ada\"
quiz = \"lag\"
time = 2026-05-04T09:30:00Z
score = 1
total = 10
answers = [{ question = \"eventual\", picked = [\"A\"], right = true }]

[[attempts]]
name = \"Bob\"
quiz = \"lag\"
time = 2026-05-04T09:31:00Z
total = 10
answers = []

[[attempts]]
name = \"Cy\"
quiz = \"lga\"
time = 2026-05-04T09:32:00Z
score = 0
total = 10
answers = []

[[attempts]]
name = \"Di\"
quiz = \"lag\"
time = 2026-05-04T09:33:00Z
score = 0
total = 10
answers = [{ question = \"eventual\", picked = [\"Q\"], right = false }]

[[attempts]]
name = \"Ed\"
quiz = \"lag\"
time = \"yesterday\"
score = 0
total = 10
answers = []
";
        let (read, problems) = read(&source(text), &content());
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].name, "Ada");
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(
            lines[0].starts_with("class.toml:9:1: missing field `score`"),
            "{lines:#?}"
        );
        assert_eq!(
            lines[1],
            "class.toml:18:8: unknown quiz \"lga\" (did you mean \"lag\"?)"
        );
        assert_eq!(
            lines[2],
            "class.toml:30:47: question \"eventual\" has no choice \"Q\": its choices are A to D"
        );
        assert_eq!(
            lines[3],
            "class.toml:35:8: invalid type: string \"yesterday\", expected a TOML datetime"
        );
    }

    #[test]
    fn a_file_that_is_not_toml_is_one_problem() {
        let (read, problems) = read(&source("hello, teacher\n"), &content());
        assert!(read.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().starts_with("class.toml:1:"),
            "{problems:?}"
        );
    }

    #[test]
    fn best_and_last_follow_the_order_of_the_file_and_names_ignore_case() {
        let s = standings(&[
            attempt("Ada", 4, 0, true),
            attempt("ada ", 9, 0, true),
            attempt("Ada", 6, 0, true),
        ]);
        assert_eq!(
            s,
            vec![Standing {
                name: "Ada".into(),
                quiz: "lag".into(),
                best: (9, 10),
                last: (6, 10),
                attempts: 3,
            }]
        );
    }

    #[test]
    fn the_most_chosen_wrong_choice_is_named_per_question() {
        let content = content();
        let quiz = content.quiz("lag").unwrap();
        let stats = question_stats(
            quiz,
            &[
                attempt("Ada", 0, 1, false),
                attempt("Bob", 0, 3, false),
                attempt("Cy", 0, 1, false),
                attempt("Di", 0, 0, true),
            ],
        );
        assert_eq!(
            stats,
            vec![QuestionStats {
                question: "eventual".into(),
                answered: 4,
                missed: 3,
                mistake: Some((1, 2, Mistake::Picked)),
            }]
        );
    }

    #[test]
    fn a_missed_multiple_answer_without_wrong_picks_names_the_choice_left_out() {
        let content = content();
        let quiz = content.quiz("lag").unwrap();
        let q = quiz
            .questions
            .iter()
            .find(|q| q.id == "stale-find")
            .unwrap();
        let right: Vec<usize> = (0..q.choices.len())
            .filter(|&i| q.choices[i].correct)
            .collect();
        assert!(right.len() > 1, "the fixture needs a multiple question");
        let answer = |picked: Vec<usize>| Answer {
            question: q.id.clone(),
            picked,
            right: false,
        };
        let answers = [answer(vec![right[0]]), answer(vec![right[0]])];
        let refs: Vec<&Answer> = answers.iter().collect();
        assert_eq!(
            most_common_mistake(q, &refs),
            Some((right[1], 2, Mistake::LeftOut))
        );
    }

    #[test]
    fn an_order_question_names_the_item_most_often_misplaced() {
        let content = content();
        let q = content
            .quizzes
            .iter()
            .flat_map(|quiz| &quiz.questions)
            .find(|q| q.kind == Kind::Order)
            .expect("an order question in the fixture quiz");
        let n = q.choices.len();
        let mut swapped: Vec<usize> = (0..n).collect();
        swapped.swap(0, 1);
        let mut rotated: Vec<usize> = (0..n).collect();
        rotated.rotate_left(1);
        let answers = [
            Answer {
                question: q.id.clone(),
                picked: swapped,
                right: false,
            },
            Answer {
                question: q.id.clone(),
                picked: rotated,
                right: false,
            },
        ];
        let refs: Vec<&Answer> = answers.iter().collect();
        // Item A is out of place in both answers; so is B, but A comes first.
        assert_eq!(
            most_common_mistake(q, &refs),
            Some((0, 2, Mistake::Misplaced))
        );
    }

    #[test]
    fn a_quiz_pass_is_recorded_in_authored_choices_whatever_the_shuffle() {
        use crate::content::Rng;
        let content = content();
        let quiz = content.quiz("lag").unwrap();
        let mut pass = QuizAttempt::whole(quiz, &mut Rng::new(7));
        let right_first: Vec<usize> = (0..quiz.questions[0].choices.len())
            .filter(|&i| quiz.questions[0].choices[i].correct)
            .collect();
        pass.asked[0].given = Some(Given::Picked(right_first.clone()));
        pass.asked[1].given = Some(Given::Skipped);
        let record = Attempt::from_quiz(quiz, &pass, " Ada ");
        assert_eq!(record.name, "Ada");
        assert_eq!((record.score, record.total), (1, quiz.questions.len()));
        assert_eq!(
            record.answers[0],
            Answer {
                question: quiz.questions[0].id.clone(),
                picked: right_first,
                right: true,
            }
        );
        assert_eq!(record.answers[1].picked, Vec::<usize>::new());
        assert!(!record.answers[1].right);
        assert_eq!(record.answers.len(), quiz.questions.len());
    }

    #[test]
    fn names_are_shown_without_control_characters() {
        assert_eq!(shown("Ada\u{1b}[2J"), "Ada\u{FFFD}[2J");
    }
}

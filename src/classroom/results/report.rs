//! `results FILE`: the teacher's report, who did what and what the class got wrong, in the
//! letters the learners saw and the questions' own words, fitted to 100 columns; or with
//! `--csv` one row per learner and question for a spreadsheet or a learning platform.

use std::fmt::Write as _;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::file::{MAX_BYTES, read};
use super::record::Attempt;
use super::stats::{MistakeKind, QuestionStats, question_stats, standings};
use crate::content::{Content, Problem, Quiz, Source};
use crate::words::plural;

/// The width the report fits: a terminal a little wider than the classic 80, or a printout.
pub const WIDTH: usize = 100;

/// At most this many columns of a question's text, so the mistake beside it has room too.
const QUESTION_WIDTH: usize = 30;

/// A name from the file as one safe line of a table.
fn shown(text: &str) -> String {
    crate::classroom::printable(text).replace(['\n', '\t'], " ")
}

/// Text cut to `width` columns, an ellipsis marking the cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Lays out rows in columns; numbers (columns marked `right`) are right-aligned. A column
/// with a limit is cut to it.
fn table(out: &mut String, indent: &str, rows: &[Vec<String>], right: &[bool], limit: &[usize]) {
    let cols = rows.first().map_or(0, Vec::len);
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, cell)| fit(cell, limit.get(c).copied().unwrap_or(usize::MAX)))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let mut line = String::from(indent);
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.width());
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The report's first line: how many attempts by how many learners, and what was skipped.
fn summary(file: &str, attempts: &[Attempt], broken: usize) -> String {
    let mut names: Vec<String> = attempts.iter().map(|a| a.name.to_lowercase()).collect();
    names.sort();
    names.dedup();
    let mut out = if attempts.is_empty() {
        format!("{file}: no attempts")
    } else {
        format!(
            "{file}: {} by {}",
            plural(attempts.len(), "attempt"),
            plural(names.len(), "learner")
        )
    };
    if broken > 0 {
        let _ = write!(
            out,
            " ({} skipped, see above)",
            plural(broken, "broken record")
        );
    }
    out.push('\n');
    out
}

/// The teacher's report: who did what, then what the class got wrong, quiz by quiz.
pub fn render(file: &str, attempts: &[Attempt], broken: usize, content: &Content) -> String {
    let mut out = summary(file, attempts, broken);
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
    for s in standings(attempts) {
        rows.push(vec![
            shown(&s.name),
            s.quiz.clone(),
            format!("{}/{}", s.best.0, s.best.1),
            format!("{}/{}", s.last.0, s.last.1),
            s.attempts.to_string(),
        ]);
    }
    table(
        &mut out,
        "  ",
        &rows,
        &[false, false, true, true, true],
        &[30, 30],
    );
    out.push_str(
        "\nQuestions, most missed first (every attempt counts; letters as the learners saw them)\n",
    );
    for quiz in &content.quizzes {
        let stats = question_stats(quiz, attempts);
        if !stats.is_empty() {
            write_questions(&mut out, quiz, &stats);
        }
    }
    out
}

/// One quiz's questions: text, answered, skipped, missed and the commonest mistake.
fn write_questions(out: &mut String, quiz: &Quiz, stats: &[QuestionStats]) {
    let heading = format!("  {}: {}", quiz.id, quiz.title);
    let _ = writeln!(out, "\n{}", fit(&heading, WIDTH));
    let mut rows = vec![vec![
        "question".into(),
        "answered".into(),
        "skipped".into(),
        "missed".into(),
        "most common mistake".into(),
    ]];
    for s in stats {
        let Some(question) = quiz.questions.iter().find(|q| q.id == s.question) else {
            continue;
        };
        let mistake = s.mistake.as_ref().map_or("-".to_string(), |m| {
            let what = match m.kind {
                MistakeKind::Picked => "picked",
                MistakeKind::LeftOut => "left out",
                MistakeKind::Misplaced => "misplaced",
            };
            let letters: Vec<String> = m.letters.iter().map(char::to_string).collect();
            format!(
                "{} {what} {}: \"{}\"",
                letters.join("/"),
                plural(m.times, "time"),
                question.choices[m.choice].text
            )
        });
        rows.push(vec![
            question.prompt.clone(),
            s.answered.to_string(),
            s.skipped.to_string(),
            s.missed.to_string(),
            mistake,
        ]);
    }
    let question = rows.iter().map(|r| r[0].width()).max().unwrap_or(0);
    let question = question.min(QUESTION_WIDTH);
    // Indent, the question, three number columns as wide as their headings, the gaps.
    let rest = WIDTH.saturating_sub(4 + question + 8 + 7 + 6 + 4 * 2);
    let limits = [question, usize::MAX, usize::MAX, usize::MAX, rest];
    table(
        out,
        "    ",
        &rows,
        &[false, true, true, true, false],
        &limits,
    );
}

/// A cell as CSV writes it (RFC 4180): quoted when it holds a comma, a quote or a line
/// break. A cell a spreadsheet would run as a formula (a name typed as `=...`) is kept as
/// text by a leading apostrophe.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One row per learner and question, in the order of the file: who, which quiz and attempt,
/// when, the question, what was picked and what was right (in the letters that learner saw),
/// and whether it was right, wrong or skipped.
pub fn csv(attempts: &[Attempt], content: &Content) -> String {
    let mut out =
        String::from("learner,quiz,attempt,time,question,prompt,picked,right answer,result\r\n");
    let mut counts: std::collections::HashMap<(String, &str), usize> = Default::default();
    for a in attempts {
        let n = counts.entry((a.name.to_lowercase(), &a.quiz)).or_default();
        *n += 1;
        let Some(quiz) = content.quiz(&a.quiz) else {
            continue;
        };
        for answer in &a.answers {
            let Some(q) = quiz.questions.iter().find(|q| q.id == answer.question) else {
                continue;
            };
            let result = match (answer.skipped, answer.right) {
                (true, _) => "skipped",
                (false, true) => "right",
                (false, false) => "wrong",
            };
            let cells = [
                shown(&a.name),
                a.quiz.clone(),
                n.to_string(),
                a.time.clone(),
                q.id.clone(),
                q.prompt.clone(),
                answer.seen_letters(q),
                answer.right_letters(q),
                result.to_string(),
            ];
            let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
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

/// The file's text, read under a shared lock so a record being appended right now is read
/// whole or not at all. What is not a regular file of a sane size is refused unread.
fn read_text(file: &Path) -> Result<String> {
    let shown = file.display();
    let mut handle =
        File::open(file).with_context(|| format!("cannot read the results file {shown}"))?;
    let meta = handle.metadata()?;
    if !meta.is_file() {
        bail!("{shown} is not a regular file, so it cannot be a class results file");
    }
    if meta.len() > MAX_BYTES {
        bail!(
            "{shown} is {} MB, more than a results file holds (at most {} MB)",
            meta.len() / 1_000_000,
            MAX_BYTES / 1_000_000
        );
    }
    handle
        .lock_shared()
        .with_context(|| format!("cannot lock the results file {shown}"))?;
    let mut bytes = Vec::new();
    // A file that grows while it is read stops at the limit instead of filling memory.
    (&mut handle)
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the results file {shown}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `results FILE [--csv]`: the report (or the CSV) on stdout; each broken record one line on
/// stderr, skipped. It fails (exit 1) only when the file cannot be read or none of its
/// records could.
pub fn report(file: &Path, quizzes_dir: Option<&Path>, as_csv: bool) -> Result<()> {
    let (content, content_problems) = quizzes(quizzes_dir)?;
    for p in &content_problems {
        eprintln!("{p}");
    }
    let name = file.display().to_string();
    let source = Source {
        name: name.clone(),
        text: read_text(file)?,
    };
    let (attempts, problems) = read(&source, &content);
    for p in &problems {
        eprintln!("{p}");
    }
    if attempts.is_empty() && !problems.is_empty() {
        return Err(Unreadable(name).into());
    }
    if as_csv {
        crate::print_out(&csv(&attempts, &content))
    } else {
        crate::print_out(&render(&name, &attempts, problems.len(), &content))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_to_its_width_with_an_ellipsis() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("a question far too long", 12), "a question…");
        assert_eq!(fit("a question far too long", 12).width(), 11);
    }

    #[test]
    fn csv_cells_are_quoted_when_they_must_be_and_formulas_stay_text() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
    }

    #[test]
    fn names_are_shown_without_control_characters() {
        assert_eq!(shown("Ada\u{1b}[2J"), "Ada\u{FFFD}[2J");
    }
}

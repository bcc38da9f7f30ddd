//! `tour --markdown` and `tour --html`: the guided tour as a handout a class can read along
//! with or revise from. Each prediction is asked before anything that gives its answer away;
//! answers, hints and solutions wait in an answer key at the end (or a file of their own the
//! teacher keeps); a step shows what it changed in the model (`--full`: the whole model), and
//! `--teacher` adds the speaker notes.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

use crate::content::lesson::run_lines;
use crate::content::markup::{self, Mark};
use crate::content::{Challenge, Content, Lesson, Predict, Ran, Step, locate};
use crate::model::Session;
use crate::plain::{changes, checklist};
use crate::transcript;

/// What a handout holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Handout<'a> {
    /// One lesson by id, or the whole tour.
    pub lesson: Option<&'a str>,
    /// The whole model after each step instead of what the step changed.
    pub full: bool,
    /// The speaker notes of every step, for the teacher's copy.
    pub teacher: bool,
    /// The key is a file of its own: its entries name the steps instead of linking to them.
    pub separate_key: bool,
}

/// The format a handout is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    /// One self-contained page, rendered from the Markdown.
    Html,
}

/// A handout as Markdown: the pages a class reads, and the answer key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pages {
    pub handout: String,
    pub key: String,
}

/// Prints the handout; its answer key goes at the end, or into `answers` when given.
pub fn print(
    content: &Content,
    handout: Handout,
    format: Format,
    answers: Option<&Path>,
) -> Result<()> {
    let handout = Handout {
        separate_key: answers.is_some(),
        ..handout
    };
    let pages = pages(content, handout)?;
    let render = |markdown: &str, title: &str| match format {
        Format::Markdown => markdown.to_string(),
        Format::Html => super::html::page(title, markdown),
    };
    let text = match answers {
        Some(path) => {
            let key = render(&pages.key, "Answer key: the guided tour of cqrs-catalog");
            std::fs::write(path, key)
                .with_context(|| format!("cannot write the answer key to {}", path.display()))?;
            pages.handout
        }
        None => format!("{}\n{}", pages.handout, pages.key),
    };
    crate::print_out(&render(&text, "The guided tour of cqrs-catalog"))
}

/// The handout and its key, as Markdown. An unknown lesson is a usage error.
pub fn pages(content: &Content, handout: Handout) -> Result<Pages> {
    let total = content.lessons.len();
    let lessons: Vec<(usize, &Lesson)> = match handout.lesson {
        Some(id) => vec![locate::lesson(content, id)?],
        None => content.lessons.iter().enumerate().collect(),
    };
    let mut pages = Pages {
        handout: String::new(),
        key: String::from(
            "## Answer key\n\nThe answer to every prediction, with why, and a hint \
            and a solution for every challenge.\n",
        ),
    };
    if handout.lesson.is_none() {
        write_contents(&mut pages.handout, content);
    }
    for (index, lesson) in lessons {
        write_lesson(&mut pages, lesson, index, total, handout);
    }
    Ok(pages)
}

/// The title, what the handout is, and a linked list of the lessons.
fn write_contents(out: &mut String, content: &Content) {
    let total = content.lessons.len();
    let _ = writeln!(out, "# The guided tour of cqrs-catalog\n");
    let _ = writeln!(
        out,
        "A library's back office (the write model), its event log and its card catalogs \
         (the read models), step by step: {total} lessons. Answer each prediction before you \
         read on; the answers, hints and solutions are in the answer key.\n"
    );
    for (i, lesson) in content.lessons.iter().enumerate() {
        let _ = writeln!(
            out,
            "- [{}](#lesson-{}) — {}",
            escape(&lesson.title),
            i + 1,
            escape(&lesson.summary)
        );
    }
    out.push('\n');
}

/// Escapes what Markdown would read as markup in plain text.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '<' | '[' | ']' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// The longest run of backticks in the text: a code span or block must be fenced by more.
fn longest_backticks<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts
        .into_iter()
        .flat_map(|t| t.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// Text as an inline code span, whatever backticks it holds (a teacher's own content may).
fn code_span(text: &str) -> String {
    let ticks = "`".repeat(longest_backticks([text]) + 1);
    // A span that starts or ends with a backtick needs a space inside its fence.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A narration paragraph with its marks as Markdown: emphasis in stars, code in backticks.
fn paragraph(text: &str) -> String {
    markup::pieces(text)
        .into_iter()
        .map(|piece| match piece.mark {
            Mark::Code => code_span(&piece.text),
            Mark::Emphasis => format!("*{}*", escape(&piece.text)),
            Mark::Plain => escape(&piece.text),
        })
        .collect()
}

/// A fenced code block; the fence is longer than any run of backticks inside, so a title
/// holding "```" cannot end it early.
fn code_block(out: &mut String, lines: impl IntoIterator<Item = String>) {
    let lines: Vec<String> = lines.into_iter().collect();
    let fence = "`".repeat(3.max(longest_backticks(lines.iter().map(String::as_str)) + 1));
    let _ = writeln!(out, "{fence}text");
    for line in &lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{fence}");
}

/// Where a step is, for the key's links back to it: lesson and step numbered from 1.
#[derive(Debug, Clone, Copy)]
struct Place {
    lesson: usize,
    step: usize,
}

impl Place {
    fn anchor(self) -> String {
        format!("lesson-{}-step-{}", self.lesson, self.step)
    }

    fn name(self) -> String {
        format!("Lesson {}, step {}", self.lesson, self.step)
    }
}

fn write_lesson(pages: &mut Pages, lesson: &Lesson, index: usize, total: usize, handout: Handout) {
    let out = &mut pages.handout;
    let _ = writeln!(out, "<a id=\"lesson-{}\"></a>\n", index + 1);
    let title = escape(&lesson.title);
    let _ = writeln!(out, "## Lesson {} of {total}: {title}\n", index + 1);
    let _ = writeln!(out, "*{}*", escape(&lesson.summary));
    let has_key = lesson
        .steps
        .iter()
        .any(|s| s.predict.is_some() || s.challenge.is_some());
    if has_key {
        let _ = writeln!(pages.key, "\n### Lesson {}: {title}", index + 1);
    }
    let mut session = Session::new();
    for (i, step) in lesson.steps.iter().enumerate() {
        let before = session.clone();
        let ran = run_lines(&mut session, &step.run);
        let place = Place {
            lesson: index + 1,
            step: i + 1,
        };
        pages.handout.push('\n');
        write_step(&mut pages.handout, step, place, (&session, &ran), handout);
        write_model(&mut pages.handout, &before, &session, place, handout.full);
        write_key(&mut pages.key, step, place, handout.separate_key);
    }
}

/// A step as a class reads it: the prediction first, then the narration and commands that
/// answer it, then the challenge's goal and checklist (its hint and solution are in the key).
fn write_step(
    out: &mut String,
    step: &Step,
    place: Place,
    (session, ran): (&Session, &[Ran]),
    handout: Handout,
) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", place.anchor());
    let _ = writeln!(out, "### Step {}: {}", place.step, escape(&step.title));
    if let Some(predict) = &step.predict {
        write_prediction(out, predict, place);
    }
    for p in markup::paragraphs(&step.text) {
        let _ = writeln!(out, "\n{}", paragraph(&p));
    }
    if !ran.is_empty() {
        let _ = writeln!(out, "\nCommands run:\n");
        let mut lines = Vec::new();
        for r in ran {
            lines.push(format!("> {}", r.line.text));
            lines.extend(
                transcript::outcome_lines(session.library(), &r.outcome)
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
        }
        code_block(out, lines);
    }
    if let Some(challenge) = &step.challenge {
        write_challenge(out, challenge);
    }
    if let Some(notes) = step.notes.as_ref().filter(|_| handout.teacher) {
        let _ = writeln!(out, "\n> **Speaker notes:** {}", escape(notes));
    }
}

fn write_prediction(out: &mut String, predict: &Predict, place: Place) {
    let _ = writeln!(
        out,
        "\n**Predict, before the commands run:** {}\n",
        escape(&predict.question)
    );
    for (choice, letter) in predict.choices.iter().zip('a'..) {
        let _ = writeln!(out, "- {letter}) {}", escape(&choice.text));
    }
    let _ = writeln!(
        out,
        "\n*Choose before you read on. The answer is in the key, under {}.*",
        place.name().to_lowercase()
    );
}

fn write_challenge(out: &mut String, challenge: &Challenge) {
    let _ = writeln!(out, "\n**Challenge:** {}\n", escape(&challenge.goal));
    let _ = writeln!(out, "You are done when:\n");
    for (_, condition) in &challenge.done_when {
        let _ = writeln!(out, "- {}", escape(&checklist::sentence(condition)));
    }
    let _ = writeln!(out, "\n*A hint and a solution are in the answer key.*");
}

/// What the step changed in the model, or with `full` the whole model after it.
fn write_model(out: &mut String, before: &Session, after: &Session, place: Place, full: bool) {
    if full {
        let _ = writeln!(out, "\nThe model after step {}:\n", place.step);
        code_block(out, transcript::state_lines(after.library()));
        return;
    }
    let lines = changes::lines(before.library(), after.library());
    if lines.is_empty() {
        let _ = writeln!(out, "\nNothing changed in the model.");
        return;
    }
    let _ = writeln!(out, "\nWhat changed in the model:\n");
    for line in lines {
        let _ = writeln!(out, "- {}", escape(&line));
    }
}

/// The answer key's entries for a step: the prediction's answer and why, the challenge's hint
/// and a solution.
fn write_key(key: &mut String, step: &Step, place: Place, separate: bool) {
    let link = if separate {
        place.name()
    } else {
        format!("[{}](#{})", place.name(), place.anchor())
    };
    if let Some(predict) = &step.predict
        && let Some((choice, letter)) = predict.choices.iter().zip('a'..).find(|(c, _)| c.correct)
    {
        let _ = write!(
            key,
            "\n**{link}, prediction:** {} *{letter}) {}.* {}",
            escape(&predict.question),
            escape(&choice.text),
            escape(without_verdict(&choice.why))
        );
        if let Some(reveal) = &predict.reveal {
            let _ = write!(key, " {}", escape(reveal));
        }
        key.push('\n');
    }
    if let Some(challenge) = &step.challenge {
        let _ = writeln!(
            key,
            "\n**{link}, challenge:** {}\n\n*Hint:* {}\n\nA solution:\n",
            escape(&challenge.goal),
            escape(&challenge.hint)
        );
        code_block(key, challenge.solution.iter().map(|l| l.text.clone()));
    }
}

/// The explanation of a right choice without the "Right." it opens with on screen, where it
/// answers the learner who picked it; in a key it would be addressed to nobody.
pub(crate) fn without_verdict(why: &str) -> &str {
    let trimmed = why.trim_start();
    ["Right.", "Right!", "Correct.", "Correct!", "Yes."]
        .iter()
        .find_map(|v| trimmed.strip_prefix(v))
        .map_or(trimmed, str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_markdown_and_other_markup_characters_are_escaped() {
        assert_eq!(
            paragraph("a *damaged* catalog, after `damage authors` [sic] 2*3"),
            "a *damaged* catalog, after `damage authors` \\[sic\\] 2\\*3"
        );
    }

    #[test]
    fn code_is_fenced_by_more_backticks_than_it_holds() {
        assert_eq!(code_span("find titles"), "`find titles`");
        assert_eq!(code_span("a ` b"), "``a ` b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        let mut out = String::new();
        code_block(&mut out, ["b1 \"```\" by x".to_string()]);
        assert_eq!(out, "````text\nb1 \"```\" by x\n````\n");
    }
}

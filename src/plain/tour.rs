//! `tour --plain`: the guided tour as linear text with no escape codes, for screen readers,
//! pagers and tests. Each step: its narration, the commands run with their outcomes, the
//! prediction with its answer, the challenge, and what the step changed in the model (the
//! whole model's state with `--full`, which would otherwise bury the narration).

use std::io::{self, Write};

use anyhow::Result;

use crate::content::lesson::run_lines;
use crate::content::markup::{self, Mark};
use crate::content::{Content, Lesson, Panel, Ran, Step, locate};
use crate::model::Session;
use crate::transcript;

/// Width narration is wrapped to: readable in a pager, and a screen reader ignores it.
const WIDTH: usize = 78;

/// Where a printed tour starts and what it covers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'a> {
    /// One lesson by id, or the whole tour.
    pub lesson: Option<&'a str>,
    /// One step of that lesson, numbered from 1.
    pub step: Option<usize>,
    /// The whole model after each step instead of what the step changed.
    pub full: bool,
}

/// Prints the tour (or the selection of it) to standard output.
pub fn print(content: &Content, selection: Selection) -> Result<()> {
    crate::write_out(|mut out| write(&mut out, content, selection))
}

/// Writes the tour (or the selection) as text. An unknown lesson or a step out of range is a
/// usage error, reported before anything is written.
pub fn write(out: &mut impl Write, content: &Content, selection: Selection) -> Result<()> {
    let total = content.lessons.len();
    let Some(id) = selection.lesson else {
        writeln!(
            out,
            "The guided tour of cqrs-catalog: {}",
            crate::words::plural(total, "lesson")
        )?;
        for (i, lesson) in content.lessons.iter().enumerate() {
            writeln!(out)?;
            write_lesson(out, lesson, (i, total), None, selection.full)?;
        }
        return Ok(());
    };
    let (index, lesson) = locate::lesson(content, id)?;
    let step = selection
        .step
        .map(|n| locate::step(lesson, n))
        .transpose()?;
    write_lesson(out, lesson, (index, total), step, selection.full)?;
    Ok(())
}

fn write_lesson(
    out: &mut impl Write,
    lesson: &Lesson,
    (index, total): (usize, usize),
    only: Option<usize>,
    full: bool,
) -> io::Result<()> {
    writeln!(
        out,
        "Lesson {} of {total}: {} ({})",
        index + 1,
        lesson.title,
        lesson.id
    )?;
    for line in markup::wrap(&lesson.summary, WIDTH) {
        writeln!(out, "{line}")?;
    }
    let mut session = Session::new();
    let count = lesson.steps.len();
    for (i, step) in lesson.steps.iter().enumerate() {
        let before = session.clone();
        let ran = run_lines(&mut session, &step.run);
        if only.is_some_and(|only| only != i) {
            continue;
        }
        writeln!(out)?;
        write_step(out, step, (i, count), &session, &ran)?;
        write_model(out, i, &before, &session, full)?;
    }
    Ok(())
}

/// What the step changed in the model, or with `full` the whole model after it.
fn write_model(
    out: &mut impl Write,
    index: usize,
    before: &Session,
    after: &Session,
    full: bool,
) -> io::Result<()> {
    writeln!(out)?;
    if full {
        writeln!(out, "State after step {}:", index + 1)?;
        for line in transcript::state_lines(after.library()) {
            writeln!(out, "  {line}")?;
        }
        return Ok(());
    }
    let lines = super::changes::lines(before.library(), after.library());
    if lines.is_empty() {
        return writeln!(out, "Nothing changed in the model in step {}.", index + 1);
    }
    writeln!(out, "What changed in step {}:", index + 1)?;
    for line in lines {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

fn panel_name(panel: Panel) -> &'static str {
    match panel {
        Panel::Narration => "the narration",
        Panel::Office => "the back office",
        Panel::Log => "the event log",
        Panel::Catalogs => "the catalogs",
        Panel::Command => "the last command",
    }
}

/// A narration with its marks resolved for plain text: emphasis loses its stars (a screen
/// reader would read them out), code keeps its backticks (they say "type this").
fn narration(text: &str) -> Vec<String> {
    markup::paragraphs(text)
        .iter()
        .map(|p| marks_resolved(p))
        .collect()
}

/// Any text of the content (a question, a choice, a goal, a hint) with its marks resolved
/// the narration's way: one way of quoting code across every plain output.
pub(crate) fn marks_resolved(text: &str) -> String {
    markup::pieces(text)
        .into_iter()
        .map(|piece| match piece.mark {
            Mark::Code => format!("`{}`", piece.text),
            Mark::Plain | Mark::Emphasis => piece.text,
        })
        .collect()
}

fn write_wrapped(out: &mut impl Write, indent: &str, text: &str) -> io::Result<()> {
    write_hanging(out, indent, "", text)
}

/// Wraps text after a first-line label, continuation lines aligned under the text.
fn write_hanging(out: &mut impl Write, indent: &str, label: &str, text: &str) -> io::Result<()> {
    let hang = " ".repeat(label.chars().count());
    let width = WIDTH - indent.len() - hang.len();
    for (i, line) in markup::wrap(text, width).iter().enumerate() {
        let lead = if i == 0 { label } else { hang.as_str() };
        writeln!(out, "{indent}{lead}{line}")?;
    }
    Ok(())
}

fn write_step(
    out: &mut impl Write,
    step: &Step,
    (index, count): (usize, usize),
    session: &Session,
    ran: &[Ran],
) -> io::Result<()> {
    writeln!(out, "Step {} of {count}: {}", index + 1, step.title)?;
    if let Some(panel) = step.focus {
        writeln!(out, "Look at {}.", panel_name(panel))?;
    }
    for paragraph in narration(&step.text) {
        writeln!(out)?;
        write_wrapped(out, "", &paragraph)?;
    }
    if let Some(predict) = &step.predict {
        writeln!(out)?;
        writeln!(out, "Predict, before the commands run:")?;
        write_wrapped(out, "  ", &marks_resolved(&predict.question))?;
        for (choice, letter) in predict.choices.iter().zip('a'..) {
            write_hanging(
                out,
                "    ",
                &format!("{letter}) "),
                &marks_resolved(&choice.text),
            )?;
        }
        if let Some((choice, letter)) = predict.choices.iter().zip('a'..).find(|(c, _)| c.correct) {
            writeln!(out, "  Answer: {letter}")?;
            write_wrapped(out, "  ", &marks_resolved(&choice.why))?;
        }
        if let Some(reveal) = &predict.reveal {
            write_wrapped(out, "  ", &marks_resolved(reveal))?;
        }
    }
    if !ran.is_empty() {
        writeln!(out)?;
        writeln!(out, "Commands run:")?;
        for r in ran {
            writeln!(out, "  > {}", r.line.text)?;
            for line in transcript::outcome_lines(session.library(), &r.outcome) {
                writeln!(out, "    {line}")?;
            }
        }
    }
    if let Some(challenge) = &step.challenge {
        writeln!(out)?;
        writeln!(out, "Challenge:")?;
        write_wrapped(out, "  ", &marks_resolved(&challenge.goal))?;
        writeln!(out, "  Done when all of these hold:")?;
        for (text, _) in &challenge.done_when {
            writeln!(out, "    - {text}")?;
        }
        write_hanging(out, "  ", "Hint: ", &marks_resolved(&challenge.hint))?;
        writeln!(out, "  Solution:")?;
        for line in &challenge.solution {
            writeln!(out, "    {}", line.text)?;
        }
    }
    if let Some(notes) = &step.notes {
        writeln!(out)?;
        write_wrapped(out, "", &format!("Notes for a presenter: {notes}"))?;
    }
    Ok(())
}

//! `tour --markdown`: the guided tour as a Markdown handout, a heading per lesson and step,
//! the narration, predictions with their answers, challenges, and after each step a code block
//! with the model's state, so a class can read along or revise afterwards.

use std::io::{self, Write};

use anyhow::Result;

use crate::UsageError;
use crate::content::lesson::run_lines;
use crate::content::markup::{self, Mark};
use crate::content::{Content, Lesson, Ran, Step, locate};
use crate::model::Session;
use crate::transcript;

/// Prints the handout for the whole tour, or one lesson.
pub fn print(content: &Content, lesson: Option<&str>) -> Result<()> {
    crate::write_out(|mut out| write(&mut out, content, lesson))
}

pub fn write(out: &mut impl Write, content: &Content, lesson: Option<&str>) -> Result<()> {
    let total = content.lessons.len();
    match lesson {
        Some(id) => {
            let (index, lesson) = locate::lesson(content, id)
                .map_err(|m| UsageError(format!("cqrs-catalog: {m}")))?;
            write_lesson(out, lesson, index, total)?;
        }
        None => {
            writeln!(out, "# The guided tour of cqrs-catalog\n")?;
            writeln!(
                out,
                "A library's back office (the write model), its event log and its card catalogs \
                 (the read models), step by step: {total} lessons. Each step ends with the \
                 model's state, as the app shows it.\n"
            )?;
            for (i, lesson) in content.lessons.iter().enumerate() {
                writeln!(
                    out,
                    "- [{}](#lesson-{}) — {}",
                    escape(&lesson.title),
                    i + 1,
                    escape(&lesson.summary)
                )?;
            }
            for (i, lesson) in content.lessons.iter().enumerate() {
                writeln!(out)?;
                write_lesson(out, lesson, i, total)?;
            }
        }
    }
    Ok(())
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

fn write_lesson(
    out: &mut impl Write,
    lesson: &Lesson,
    index: usize,
    total: usize,
) -> io::Result<()> {
    writeln!(out, "<a id=\"lesson-{}\"></a>\n", index + 1)?;
    writeln!(
        out,
        "## Lesson {} of {total}: {}\n",
        index + 1,
        escape(&lesson.title)
    )?;
    writeln!(out, "*{}*", escape(&lesson.summary))?;
    let mut session = Session::new();
    for (i, step) in lesson.steps.iter().enumerate() {
        let ran = run_lines(&mut session, &step.run);
        writeln!(out)?;
        write_step(out, step, i, &session, &ran)?;
    }
    Ok(())
}

/// A fenced code block; the fence is longer than any run of backticks inside, so a title
/// holding "```" cannot end it early.
fn code_block(out: &mut impl Write, lines: impl IntoIterator<Item = String>) -> io::Result<()> {
    let lines: Vec<String> = lines.into_iter().collect();
    let fence = "`".repeat(3.max(longest_backticks(lines.iter().map(String::as_str)) + 1));
    writeln!(out, "{fence}text")?;
    for line in &lines {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{fence}")
}

fn write_step(
    out: &mut impl Write,
    step: &Step,
    index: usize,
    session: &Session,
    ran: &[Ran],
) -> io::Result<()> {
    writeln!(out, "### Step {}: {}", index + 1, escape(&step.title))?;
    for p in markup::paragraphs(&step.text) {
        writeln!(out, "\n{}", paragraph(&p))?;
    }
    if let Some(predict) = &step.predict {
        writeln!(
            out,
            "\n**Predict, before the commands run:** {}\n",
            escape(&predict.question)
        )?;
        for (choice, letter) in predict.choices.iter().zip('a'..) {
            writeln!(out, "- {letter}) {}", escape(&choice.text))?;
        }
        if let Some((choice, letter)) = predict.choices.iter().zip('a'..).find(|(c, _)| c.correct) {
            writeln!(out, "\n**Answer: {letter}.** {}", escape(&choice.why))?;
        }
        if let Some(reveal) = &predict.reveal {
            writeln!(out, "\n{}", escape(reveal))?;
        }
    }
    if !ran.is_empty() {
        writeln!(out, "\nCommands run:\n")?;
        let mut lines = Vec::new();
        for r in ran {
            lines.push(format!("> {}", r.line.text));
            lines.extend(
                transcript::outcome_lines(session.library(), &r.outcome)
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
        }
        code_block(out, lines)?;
    }
    if let Some(challenge) = &step.challenge {
        writeln!(out, "\n**Challenge:** {}\n", escape(&challenge.goal))?;
        for (text, _) in &challenge.done_when {
            writeln!(out, "- [ ] {}", code_span(text))?;
        }
        writeln!(
            out,
            "\n*Hint:* {}\n\nA solution:\n",
            escape(&challenge.hint)
        )?;
        code_block(out, challenge.solution.iter().map(|l| l.text.clone()))?;
    }
    writeln!(out, "\nThe model after step {}:\n", index + 1)?;
    code_block(out, transcript::state_lines(session.library()))
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
        let mut out = Vec::new();
        code_block(&mut out, ["b1 \"```\" by x".to_string()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "````text\nb1 \"```\" by x\n````\n"
        );
    }
}

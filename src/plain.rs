//! Headless modes: `run` (a script's transcript or JSON lines) and the usage text. Plain text
//! only, so they work in pipes, in tests and for screen readers.

pub mod quiz;

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;

use crate::content::Content;
use crate::error::{ContentProblems, PlacedErrors};
use crate::model::language::{Command, ParseError, parse_line, script_lines};
use crate::model::{Library, Outcome};
use crate::output::print_out;
use crate::storage;
use crate::transcript;
use crate::words::{plural, visible};

pub mod changes;
pub mod checklist;
pub mod html;
mod json;
pub mod markdown;
pub mod progress;
pub mod tour;

/// `check`: every problem of the lessons and quizzes, one line each (the first
/// `MAX_REPORTED`, then a count); exit 1 if any.
pub fn check(content_dir: Option<&Path>, quizzes_dir: Option<&Path>) -> Result<()> {
    let (content, problems) = Content::load(content_dir, quizzes_dir)?;
    if let Some(warning) = crate::content::check::answer_position_warning(&content) {
        print_out(&format!("{warning}\n"))?;
    }
    if problems.is_empty() {
        let questions: usize = content.quizzes.iter().map(|q| q.questions.len()).sum();
        let steps: usize = content.lessons.iter().map(|l| l.steps.len()).sum();
        return print_out(&format!(
            "checked {} ({}) and {} ({}): no problems\n",
            plural(content.lessons.len(), "lesson"),
            plural(steps, "step"),
            plural(content.quizzes.len(), "quiz"),
            plural(questions, "question"),
        ));
    }
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    print_out(&format!("{}\n", crate::error::capped(&lines)))?;
    Err(ContentProblems(problems.len()).into())
}

/// Reads a script from a file, or from standard input for `-`: a regular file of a sane size
/// (a symlink to `/dev/zero` is refused, not read).
fn read_script(file: &str) -> Result<String> {
    let text = if file == "-" {
        storage::read_stdin_text(storage::LARGE_FILE)?
    } else {
        storage::read_text(Path::new(file), storage::LARGE_FILE)?
    };
    Ok(text)
}

/// A line of the script, parsed, and where its text lies in the script (as `script_lines` cut
/// it): the text is sliced again when it is printed, not kept. 112 bytes, the size of the
/// command and 12 more.
struct Parsed {
    line: u32,
    start: u32,
    len: u32,
    command: Command,
}

/// How many parsed lines a chunk holds. Each chunk is freed once it has run, so the parsed
/// script shrinks as the model grows instead of adding to it at the peak.
const CHUNK: usize = 4096;

/// Every line of a script that holds a command, in chunks, or every line that does not parse.
fn parse_chunks(text: &str) -> Result<Vec<Vec<Parsed>>, Vec<ParseError>> {
    // A script is read whole and at most `storage::LARGE_FILE` long: its offsets fit in u32.
    let at = |n: usize| u32::try_from(n).expect("a script is at most 256 MB");
    let mut chunks: Vec<Vec<Parsed>> = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in script_lines(text).enumerate() {
        match parse_line(raw, i + 1) {
            Ok(Some(command)) if errors.is_empty() => {
                if chunks.last().is_none_or(|c| c.len() == CHUNK) {
                    chunks.push(Vec::with_capacity(CHUNK));
                }
                let start = at(raw.as_ptr().addr() - text.as_ptr().addr());
                let (line, len) = (at(i + 1), at(raw.len()));
                chunks.last_mut().expect("pushed").push(Parsed {
                    line,
                    start,
                    len,
                    command,
                });
            }
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(chunks)
    } else {
        Err(errors)
    }
}

/// A parsed line's text in the script, trimmed.
fn input_at<'t>(text: &'t str, parsed: &Parsed) -> &'t str {
    let start = parsed.start as usize;
    text[start..start + parsed.len as usize].trim()
}

/// `run`: parse the whole script (every bad line is reported, nothing runs), then execute it.
/// It runs on a bare `Library`, not a `Session`: a script has no undo, so nothing of what ran
/// is kept but the model itself, and memory follows the events, not the lines.
pub fn run(file: &str, json: bool) -> Result<()> {
    let text = read_script(file)?;
    let name = if file == "-" { "<stdin>" } else { file };
    let chunks = parse_chunks(&text)
        .map_err(|errors| PlacedErrors(errors.iter().map(|e| format!("{name}:{e}")).collect()))?;
    let mut library = Library::new();
    let (mut text_scratch, mut json_scratch) = (String::new(), Vec::new());
    let written = crate::output::write_out(|out| {
        for chunk in chunks {
            for parsed in chunk {
                let (line, input) = (parsed.line as usize, input_at(&text, &parsed));
                let command = &parsed.command;
                let outcome = library.execute(command).map_err(|e| {
                    let place = format!("{name}:{line}:{}", e.col());
                    PlacedErrors(vec![format!("{place}: {}", e.describe())])
                })?;
                if json {
                    let at = (line, input);
                    json::write_json_line(out, &mut json_scratch, &library, at, &outcome)?;
                } else {
                    write_transcript(out, &mut text_scratch, &library, (line, input), &outcome)?;
                }
            }
        }
        Ok(())
    });
    // The process ends here: freeing a million events card by card would take longer than a
    // tenth of the run and give nothing back, so the operating system reclaims it at exit.
    std::mem::forget(library);
    written
}

/// Indents a transcript's lines under the command.
const INDENT: &str = "     ";

/// The command as written, then what it came to, a line each, indented. A script may hold
/// escape sequences: the transcript shows them instead of sending them.
fn write_transcript(
    out: &mut dyn Write,
    scratch: &mut String,
    library: &Library,
    (line, input): (usize, &str),
    outcome: &Outcome,
) -> io::Result<()> {
    scratch.clear();
    let mut number = itoa::Buffer::new();
    let number = number.format(line);
    // The line number right-aligned in three columns, as `{line:>3}` would write it.
    scratch.extend(std::iter::repeat_n(
        ' ',
        3usize.saturating_sub(number.len()),
    ));
    scratch.push_str(number);
    scratch.push_str("  ");
    let command = scratch.len();
    scratch.push_str(input);
    write_visible(out, scratch, command)?;
    transcript::write_outcome(library, outcome, &mut |text| {
        scratch.clear();
        scratch.push_str(INDENT);
        fmt::Write::write_fmt(scratch, text).map_err(io::Error::other)?;
        write_visible(out, scratch, INDENT.len())
    })
}

/// Writes `line` and a newline, what follows its first `from` bytes made visible: one write
/// when there is nothing to show, as in nearly every line.
fn write_visible(out: &mut dyn Write, line: &mut String, from: usize) -> io::Result<()> {
    if let Cow::Owned(shown) = visible(&line[from..]) {
        line.truncate(from);
        line.push_str(&shown);
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parsed_line_stays_112_bytes() {
        assert_eq!(std::mem::size_of::<Parsed>(), 112);
    }

    #[test]
    fn each_parsed_line_is_sliced_again_as_script_lines_cut_it() {
        let text = "\u{feff}tick  \r\nstatus\rshow titles\n\n  # a comment\n  tick 2\t\nsync shelf";
        let parsed: Vec<Parsed> = parse_chunks(text)
            .expect("parses")
            .into_iter()
            .flatten()
            .collect();
        let sliced: Vec<(u32, &str)> = parsed.iter().map(|p| (p.line, input_at(text, p))).collect();
        assert_eq!(
            sliced,
            [
                (1, "tick"),
                (2, "status"),
                (3, "show titles"),
                (6, "tick 2"),
                (7, "sync shelf")
            ]
        );
    }
}

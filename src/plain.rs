//! Headless modes: `run` (a script's transcript or JSON lines) and the usage text. Plain text
//! only, so they work in pipes, in tests and for screen readers.

pub mod quiz;

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::sync::mpsc::SyncSender;

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

/// Every line of a script that does not parse, or none: the first pass of `run`, which keeps
/// nothing of the lines that do.
fn bad_lines(text: &str) -> Vec<ParseError> {
    script_lines(text)
        .enumerate()
        .filter_map(|(i, raw)| parse_line(raw, i + 1).err())
        .collect()
}

/// `run`: check the whole script (every bad line is reported, nothing runs), then parse it
/// again as it executes. Nothing is kept of a line once it has run, and it runs on a bare
/// `Library`, not a `Session` (a script has no undo): memory follows the events, not the
/// lines, beside the script's own text. Parsing twice costs less than keeping a million parsed
/// commands did (112 bytes a line, each a page the kernel had to clear), and the second parse
/// runs on a thread of its own, a chunk ahead of the model.
pub fn run(file: &str, json: bool) -> Result<()> {
    let text = read_script(file)?;
    let name = if file == "-" { "<stdin>" } else { file };
    let placed = |errors: &[ParseError]| {
        PlacedErrors(errors.iter().map(|e| format!("{name}:{e}")).collect())
    };
    let bad = bad_lines(&text);
    if !bad.is_empty() {
        return Err(placed(&bad).into());
    }
    let mut library = Library::new();
    let (mut text_scratch, mut json_scratch) = (String::new(), Vec::new());
    std::thread::scope(|scope| {
        let (to, parsed) = std::sync::mpsc::sync_channel(CHUNKS_AHEAD);
        scope.spawn(|| parse_ahead(&text, to));
        let written = crate::output::write_out(|out| {
            for chunk in &parsed {
                // The first pass parsed every line, so this cannot fail; were it to, it is
                // still an error of the script, placed as the first pass would place it.
                for (line, input, command) in chunk.map_err(|e| placed(&[e]))? {
                    let outcome = library.execute(&command).map_err(|e| {
                        let place = format!("{name}:{line}:{}", e.col());
                        PlacedErrors(vec![format!("{place}: {}", e.describe())])
                    })?;
                    let at = (line, input);
                    if json {
                        json::write_json_line(out, &mut json_scratch, &library, at, &outcome)?;
                    } else {
                        write_transcript(out, &mut text_scratch, &library, at, &outcome)?;
                    }
                }
            }
            Ok(())
        });
        // A run that stopped early (an error, a closed pipe) lets the parser's next send fail,
        // so the thread ends and the scope can join it.
        drop(parsed);
        // The process ends here: freeing a million events card by card would take longer than
        // a tenth of the run and give nothing back, so the operating system reclaims it at exit.
        std::mem::forget(library);
        written
    })
}

/// A line of the script that holds a command: its number, its text trimmed, its command.
type Line<'t> = (usize, &'t str, Command);

/// How many lines the parser sends at a time, and how many chunks it may get ahead: enough
/// that the model never waits, little enough that the parsed lines stay out of the peak.
const CHUNK: usize = 1024;
const CHUNKS_AHEAD: usize = 4;

/// The second pass's parser: every line that holds a command, in chunks, until the runner
/// stops taking them or a line does not parse.
fn parse_ahead<'t>(text: &'t str, to: SyncSender<Result<Vec<Line<'t>>, ParseError>>) {
    let mut chunk = Vec::with_capacity(CHUNK);
    for (i, raw) in script_lines(text).enumerate() {
        match parse_line(raw, i + 1) {
            Ok(Some(command)) => chunk.push((i + 1, raw.trim(), command)),
            Ok(None) => {}
            Err(e) => {
                // Nothing is lost if the runner has stopped: it reports its own error.
                let _ = to.send(Err(e));
                return;
            }
        }
        if chunk.len() == CHUNK {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            if to.send(Ok(full)).is_err() {
                return;
            }
        }
    }
    if !chunk.is_empty() {
        let _ = to.send(Ok(chunk));
    }
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
    fn the_first_pass_finds_every_bad_line_and_keeps_nothing_of_the_good_ones() {
        let text = "tick\nlned b1 to ada\n# fine\nshow\ntick 2";
        let lines: Vec<usize> = bad_lines(text).iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 4]);
        assert!(bad_lines("tick\r\nstatus\rshow titles\n").is_empty());
    }
}

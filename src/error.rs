//! The errors the program ends with, their exit codes (the design's contract: 1 a failure of
//! the program or its input files, 2 invalid usage or an invalid line of a script or config),
//! and how one is printed: `main` prefixes `cqrs-catalog: ` once, and a cause is never printed
//! twice.

use std::fmt;

use crate::words::plural;

/// The most error lines printed for one input; the rest are counted (a million bad lines
/// would otherwise print 72 MB).
pub const MAX_REPORTED: usize = 100;

/// The user's invocation or input is wrong: exit 2. The text is the message alone; `main`
/// adds the program's name.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Lines of an input that are wrong, each already placed as `file:line:col: message` (a
/// script, the config): exit 2, printed as they are, like a compiler's. Past
/// `MAX_REPORTED` they are counted.
#[derive(Debug)]
pub struct PlacedErrors(pub Vec<String>);

impl fmt::Display for PlacedErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&capped(&self.0))
    }
}

impl std::error::Error for PlacedErrors {}

/// The first `MAX_REPORTED` lines, and a line counting the rest.
pub fn capped(lines: &[String]) -> String {
    let shown = lines.len().min(MAX_REPORTED);
    let mut text = lines[..shown].join("\n");
    if lines.len() > shown {
        let more = lines.len() - shown;
        text.push_str(&format!("\n... and {}", plural(more, "more error")));
    }
    text
}

/// Content with problems: they were printed already; the count is for the summary line.
#[derive(Debug)]
pub struct ContentProblems(pub usize);

impl fmt::Display for ContentProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} found", plural(self.0, "problem"))
    }
}

impl std::error::Error for ContentProblems {}

/// The process's exit code for an error.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    let usage = err
        .chain()
        .any(|cause| cause.is::<UsageError>() || cause.is::<PlacedErrors>());
    if usage { 2 } else { 1 }
}

/// An error's message and causes joined by `: `, each cause only when the text before does not
/// already say it (a context that quotes its cause would otherwise print it twice).
pub fn chain(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let part = cause.to_string();
        if part.is_empty() || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// The text printed for an error: `chain`, prefixed with the program's name once, control
/// characters shown rather than sent; placed lines as they are.
pub fn render(err: &anyhow::Error) -> String {
    if let Some(placed) = err.downcast_ref::<PlacedErrors>() {
        return crate::words::visible_lines(&placed.to_string());
    }
    let text = chain(err);
    let text = text.strip_prefix("cqrs-catalog: ").unwrap_or(&text);
    format!("cqrs-catalog: {}", crate::words::visible_lines(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_in_the_message_is_not_printed_again() {
        let io = std::io::Error::other("Permission denied (os error 13)");
        let err = anyhow::Error::from(io).context("cannot read x: Permission denied (os error 13)");
        assert_eq!(
            render(&err),
            "cqrs-catalog: cannot read x: Permission denied (os error 13)"
        );
    }

    #[test]
    fn the_prefix_is_written_once() {
        let err = anyhow::Error::from(UsageError("cqrs-catalog: no such quiz".into()));
        assert_eq!(render(&err), "cqrs-catalog: no such quiz");
        assert_eq!(exit_code(&err), 2);
    }

    #[test]
    fn a_usage_error_under_context_still_exits_2() {
        let err = anyhow::Error::from(UsageError("bad".into())).context("while starting");
        assert_eq!(exit_code(&err), 2);
        assert_eq!(exit_code(&anyhow::anyhow!("disk on fire")), 1);
    }

    #[test]
    fn past_a_hundred_errors_the_rest_are_counted() {
        let lines: Vec<String> = (1..=250).map(|n| format!("f:{n}:1: bad")).collect();
        let text = PlacedErrors(lines).to_string();
        assert_eq!(text.lines().count(), 101);
        assert!(
            text.ends_with("f:100:1: bad\n... and 150 more errors"),
            "{text}"
        );
    }

    #[test]
    fn control_characters_in_an_error_are_shown_not_sent() {
        let err = anyhow::Error::from(UsageError("unknown command \"\u{1b}[2J\"".into()));
        assert_eq!(render(&err), "cqrs-catalog: unknown command \"\\x1b[2J\"");
    }
}

//! A content file's text and name, and the mapping from byte offsets to line and column that
//! every problem report needs.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Source {
    /// As problems name it: `content/01-why-cqrs.toml` or the path given by the user.
    pub name: String,
    pub text: String,
}

/// A position in a content file, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Source {
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos {
            line,
            col: before[line_start..].chars().count() + 1,
        }
    }

    /// Where the value of a TOML string starts, given the span of the string token: past the
    /// quotes, and past the newline that TOML trims after opening `'''` or `"""`.
    pub fn string_start(&self, span: &Range<usize>) -> Pos {
        let raw = self.text.get(span.clone()).unwrap_or("");
        let mut skip = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            3
        } else {
            1
        };
        if skip == 3 {
            if raw[3..].starts_with("\r\n") {
                skip += 2;
            } else if raw[3..].starts_with('\n') {
                skip += 1;
            }
        }
        self.pos(span.start + skip.min(raw.len()))
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem with content, printed as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub pos: Pos,
    pub message: String,
}

impl Problem {
    pub fn new(source: &Source, pos: Pos, message: impl Into<String>) -> Self {
        Problem {
            file: source.name.clone(),
            pos,
            message: message.into(),
        }
    }

    /// The message on one line, whatever the text it quotes: every problem is one line.
    fn one_line(&self) -> String {
        self.message
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.pos.line,
            self.pos.col,
            self.one_line()
        )
    }
}

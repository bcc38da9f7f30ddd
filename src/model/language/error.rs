//! The one error type of the command language: a position, what was wrong, and the nearest
//! valid word when the learner probably misspelt one.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Line in the script or content string, from 1.
    pub line: usize,
    /// Column of the offending token, from 1.
    pub col: usize,
    pub message: String,
    /// The nearest valid word, for "did you mean ...?".
    pub suggestion: Option<String>,
}

impl ParseError {
    pub fn new(line: usize, col: usize, message: impl Into<String>) -> Self {
        ParseError {
            line,
            col,
            message: message.into(),
            suggestion: None,
        }
    }

    pub fn with_suggestion(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// The message with its suggestion, without the position (screens place it themselves).
    pub fn describe(&self) -> String {
        match &self.suggestion {
            Some(s) => format!("{}{}", self.message, crate::words::suggesting(s)),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.describe())
    }
}

impl std::error::Error for ParseError {}

//! Errors of a command that parses but cannot be carried out: it names a catalog the library
//! does not have, adds one twice or one too many. A rejection by the back office is not one of
//! these (it is a normal outcome); these are mistakes in the script, found while executing it.

use std::fmt;

use super::language::{ParseError, nearest};
use crate::words::did_you_mean;

/// How many catalogs a library may hold. Each keeps a copy of every card, so the number is
/// what keeps memory sane: 4,000 `add-catalog` lines once took 4.2 GB.
pub const MAX_CATALOGS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecError {
    /// A catalog is named that the library does not have; `known` lists those it has.
    UnknownCatalog {
        name: String,
        col: usize,
        known: Vec<String>,
    },
    /// `add-catalog` with a name already taken.
    CatalogExists { name: String, col: usize },
    /// `add-catalog` when the library holds `MAX_CATALOGS` already.
    TooManyCatalogs { name: String, col: usize },
    /// A sequence number past the log head.
    BeyondHead { seq: u64, head: u64, col: usize },
    /// `retry` of a catalog with no parked event.
    NothingParked { catalog: String, col: usize },
    /// `office` after the back office has committed something: the mode is how its records
    /// are kept, chosen before the first.
    OfficeInUse { commits: u64, col: usize },
}

impl ExecError {
    /// The column of the word the error is about, from 1.
    pub fn col(&self) -> usize {
        match self {
            ExecError::UnknownCatalog { col, .. }
            | ExecError::CatalogExists { col, .. }
            | ExecError::TooManyCatalogs { col, .. }
            | ExecError::BeyondHead { col, .. }
            | ExecError::NothingParked { col, .. } => *col,
            ExecError::OfficeInUse { col, .. } => *col,
        }
    }

    /// The nearest valid word, for "did you mean ...?".
    pub fn suggestion(&self) -> Option<String> {
        match self {
            ExecError::UnknownCatalog { name, known, .. } => {
                nearest(name, known.iter().map(String::as_str))
            }
            _ => None,
        }
    }

    /// The message with its suggestion, without the position (screens place it themselves).
    pub fn describe(&self) -> String {
        match self {
            ExecError::UnknownCatalog { name, known, .. } => {
                format!(
                    "{self}{}",
                    did_you_mean(name, known.iter().map(String::as_str))
                )
            }
            _ => self.to_string(),
        }
    }

    /// The error as one of a script's, at its line.
    pub fn at_line(&self, line: usize) -> ParseError {
        ParseError::new(line, self.col(), self.to_string()).with_suggestion(self.suggestion())
    }
}

/// Worded here, beside the language's own errors: they are part of the language's contract.
impl fmt::Display for ExecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The nearest name, where there is one, is the suggestion `describe` adds; the
            // list is for a name like none of them, so the line offers one hint, not two.
            ExecError::UnknownCatalog { name, .. } if self.suggestion().is_some() => {
                write!(f, "no catalog is named \"{name}\"")
            }
            ExecError::UnknownCatalog { name, known, .. } => write!(
                f,
                "no catalog is named \"{name}\" (there are: {})",
                known.join(", ")
            ),
            ExecError::CatalogExists { name, .. } => {
                write!(f, "a catalog named \"{name}\" exists already")
            }
            ExecError::TooManyCatalogs { name, .. } => write!(
                f,
                "cannot add \"{name}\": a library holds at most {MAX_CATALOGS} catalogs \
                 (each keeps a copy of every card)"
            ),
            ExecError::BeyondHead { seq, head: 0, .. } => {
                write!(f, "there is no event #{seq}: the log is empty")
            }
            ExecError::BeyondHead { seq, head, .. } => {
                write!(f, "there is no event #{seq}: the log head is #{head}")
            }
            ExecError::NothingParked { catalog, .. } => {
                write!(f, "{catalog} has no parked event to retry")
            }
            ExecError::OfficeInUse { commits, .. } => write!(
                f,
                "`office` must come before the first back-office command: the back office \
                 has committed {commits} change{} already",
                crate::words::plural_s(*commits)
            ),
        }
    }
}

impl std::error::Error for ExecError {}

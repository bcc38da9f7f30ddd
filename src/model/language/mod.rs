//! The command language shared by the sandbox prompt, lesson steps, challenges, quiz setups and
//! `run` scripts: one command per line, `#` comments, double-quoted strings.

mod command;
mod complete;
mod error;
mod lexer;
mod parser;
mod reference;
mod suggest;

/// The domain's fields, which commands name: re-exported for the parser's callers.
pub use crate::model::field::{Field, RevisedField};
pub use command::{CatalogRef, Command};
pub use complete::{Names, complete};
pub use error::ParseError;
pub use lexer::script_lines;
pub use parser::{COMMAND_WORDS, MAX_TICKS, SYNONYMS, ScriptLine, parse_line, parse_script};
pub use reference::{Group, REFERENCE};
pub use suggest::nearest;

#[cfg(test)]
mod tests;

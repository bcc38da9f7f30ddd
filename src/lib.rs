//! cqrs-catalog as a library: the CQRS model, the content, the screens and the headless modes.
//! The binary in `main.rs` only parses arguments and dispatches; benches and tests use this.

pub mod cli;
pub mod content;
pub mod model;
pub mod plain;
pub mod sim;
pub mod transcript;

/// An error that is the user's invocation or input, not a failure of the program: exit code 2,
/// as the design's contract says. The text is printed as it is.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

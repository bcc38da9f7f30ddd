//! cqrs-catalog as a library: the CQRS model, the content, the screens and the headless modes.
//! The binary in `main.rs` only parses arguments and dispatches; benches and tests use this.

pub mod attempt;
pub mod classroom;
pub mod cli;
pub(crate) mod config;
pub mod content;
pub mod error;
pub(crate) mod launch;
pub mod model;
pub mod output;
pub mod plain;
pub mod progress;
pub mod rng;
pub mod sim;
pub(crate) mod storage;
pub(crate) mod transcript;
pub mod tui;
pub(crate) mod words;

pub use error::UsageError;
pub use output::{print_out, write_out};

//! cqrs-catalog as a library: the CQRS model, the content, the screens and the headless modes.
//! The binary in `main.rs` only parses arguments and dispatches; benches and tests use this.

pub mod attempt;
pub mod classroom;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod launch;
pub mod model;
pub mod output;
pub mod plain;
pub mod progress;
pub mod rng;
pub mod sim;
pub mod storage;
pub mod transcript;
pub mod tui;
pub mod words;

pub use error::UsageError;
pub use output::{print_out, write_out};

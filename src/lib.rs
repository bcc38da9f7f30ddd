//! cqrs-catalog as a library: the CQRS model, the content, the screens and the headless modes.
//! The binary in `main.rs` only parses arguments and dispatches; benches and tests use this.

pub mod classroom;
pub mod cli;
pub mod config;
pub mod content;
pub mod launch;
pub mod model;
pub mod plain;
pub mod progress;
pub mod sim;
pub mod storage;
pub mod transcript;
pub mod tui;

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

/// Runs `write` against buffered standard output. A reader that closes the pipe early
/// (`| head`) made its choice: that ends the output quietly, it is not a failure.
pub fn write_out(
    write: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = write(&mut out).and_then(|()| Ok(out.flush()?));
    match written {
        Err(e)
            if e.downcast_ref::<std::io::Error>().map(std::io::Error::kind)
                == Some(std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Writes text to standard output at once. A reader that closes the pipe early (`| head`) made
/// its choice; that is not a failure, and never a panic as `print!` would make it.
pub fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

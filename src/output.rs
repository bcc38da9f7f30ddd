//! The one writer to standard output and standard error. A reader that closes the pipe early
//! (`progress | head -1`) made its choice: that ends the output quietly, never a panic as
//! `println!` would make it. A full disk is an error the user sees. A closed standard error
//! leaves nothing to report to, so writes to it never fail.

use std::io::{self, Write};

use anyhow::Context;

/// Whether an error is, at its root, the reader closing the pipe.
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs `write` against buffered standard output, then flushes it.
pub fn write_out(write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let stdout = io::stdout();
    // `run` writes a transcript of a hundred megabytes and more: 8 KB writes (the default) cost
    // a system call each, sixteen thousand of them, where 256 KB writes cost a few hundred.
    let mut out = io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    let written = write(&mut out).and_then(|()| Ok(out.flush()?));
    match written {
        Err(e) if is_closed_pipe(&e) => Ok(()),
        Err(e) if e.downcast_ref::<io::Error>().is_some() => {
            Err(e).context("cannot write to standard output")
        }
        other => other,
    }
}

/// Writes text to standard output at once.
pub fn print_out(text: &str) -> anyhow::Result<()> {
    write_out(|out| Ok(out.write_all(text.as_bytes())?))
}

/// Writes lines to standard output, each ended by a newline.
pub fn print_lines<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> anyhow::Result<()> {
    write_out(|out| {
        for line in lines {
            writeln!(out, "{}", line.as_ref())?;
        }
        Ok(())
    })
}

/// Writes text to standard error as it is (lines that carry their own place, a report).
pub fn print_err(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// A warning on standard error, with the program's name: `cqrs-catalog: MESSAGE`.
pub fn warn(message: &str) {
    print_err(&format!("cqrs-catalog: {message}\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_found_under_context() {
        let err = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("x");
        assert!(is_closed_pipe(&err));
        assert!(!is_closed_pipe(&anyhow::anyhow!("broken")));
    }
}

//! Prints the benchmark workload as a `run` script: `cargo run --release --example workload --
//! 1000000 > script.txt`. `benches/run_process.sh` times the binary on it.

use std::io::{BufWriter, Write};

#[path = "../benches/support/workload.rs"]
mod workload;

fn main() -> std::io::Result<()> {
    let n: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "usage: workload [LINES]")
        })?,
        None => 1_000_000,
    };
    let mut w = workload::Workload::new();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for _ in 0..n {
        writeln!(out, "{}", w.next_line())?;
    }
    out.flush()
}

//! cqrs-catalog: parse the command line, dispatch, and turn errors into exit codes in one place.

use std::process::ExitCode;

use clap::Parser;
use cqrs_catalog::{UsageError, cli, plain, sim};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        Some(cli::Command::Run { file, json }) => plain::run(&file, json),
        Some(cli::Command::Check) => plain::check(cli.content.as_deref(), cli.quizzes.as_deref()),
        Some(cli::Command::Simulate(args)) => sim::report::simulate(&args),
        None => {
            println!("{}", plain::usage());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(usage) = err.downcast_ref::<UsageError>() {
                if !usage.0.is_empty() {
                    eprintln!("{usage}");
                }
                ExitCode::from(2)
            } else {
                eprintln!("cqrs-catalog: {err:#}");
                ExitCode::from(1)
            }
        }
    }
}

//! cqrs-catalog: parse the command line, run the subcommand, and turn an error into its exit
//! code in one place.

use std::process::ExitCode;

use cqrs_catalog::{cli, error, output};

fn main() -> ExitCode {
    match cli::parse().run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            output::print_err(&format!("{}\n", error::render(&err)));
            ExitCode::from(error::exit_code(&err))
        }
    }
}

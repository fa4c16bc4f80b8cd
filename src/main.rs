//! The `tandai` binary: parse the command line, dispatch, print the error and exit.

use std::process::ExitCode;

use clap::Parser;
use tandai::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tandai::run_cli(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("tandai: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

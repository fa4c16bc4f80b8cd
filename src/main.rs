//! The `tandai` binary: parse the command line and dispatch.

use std::process::ExitCode;

use clap::Parser;
use tandai::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tandai::run_cli(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("tandai: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

//! Which front end runs for a parsed command line.

use super::args::{Cli, Command};
use super::failure::Failure;
use super::session::{self, Global};
use super::{
    agree, annotate, check, export, import, reanchor, replay, review, show, stats, suggest,
};

/// Runs the command line.
pub fn run_cli(cli: Cli) -> Result<(), Failure> {
    let global = Global {
        keymap: cli.keymap,
        force: cli.force,
        suggest: crate::app::SuggestOptions {
            lexicons: cli.gazetteer.into_iter().chain(cli.patterns).collect(),
            cues: cli.cues,
            off: cli.no_suggestions,
        },
    };
    match cli.command {
        None => annotate::run(cli.file, &global),
        Some(Command::Replay(args)) => replay::run(&args, &global),
        Some(Command::Review(args)) => review::run(&args, &global),
        Some(Command::Reanchor(args)) => reanchor::run(&args, &global),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Stats(args)) => stats::run(&args),
        Some(Command::Show(args)) => show::run(&args),
        Some(Command::Export(args)) => {
            let keymap = session::load_keymap(global.keymap.as_deref(), false)?;
            export::run(&args, keymap.labels())
        }
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Suggest(args)) => suggest::run(&args),
        Some(Command::Agree(args)) => agree::run(&args),
    }
}

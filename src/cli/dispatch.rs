//! Which front end runs for a parsed command line.

use super::args::{Cli, Command};
use super::failure::Failure;
use super::session::{self, Global};
use super::{
    adjudicate, agree, annotate, assign, check, export, import, reanchor, replay, review, show,
    stats, suggest,
};

/// Runs the command line.
pub fn run_cli(cli: Cli) -> Result<(), Failure> {
    if cli.annotator.is_some()
        && !matches!(
            cli.command,
            None | Some(Command::Replay(_) | Command::Review(_))
        )
    {
        return Err(Failure::bad_input(
            "--annotator is taken by the annotator (`tandai [FILE|DIR]`), `tandai review` and \
             `tandai replay`; this command reads the gold files (`ARTICLE.ann.ron`) only",
        ));
    }
    let global = Global {
        keymap: cli.keymap,
        force: cli.force,
        annotator: cli.annotator,
        all_articles: cli.all_articles,
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
        Some(Command::Assign(args)) => assign::run(&args, global.force),
        Some(Command::MergeFile(args)) => super::merge_file::run(&args),
        Some(Command::GitSetup(args)) => super::git_setup::run(&args),
        Some(Command::Adjudicate(args)) => adjudicate::run(&args, &global),
        Some(Command::Agree(args)) => agree::run(&args),
        Some(Command::Report(args)) => super::html_report::run(&args),
    }
}

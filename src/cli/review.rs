//! `tandai review FILE|DIR`: the annotator opened in the review panel.

use std::path::PathBuf;

use clap::Args;

use super::failure::Failure;
use super::session::{self, Global};

/// `tandai review --help`, after the options.
pub const AFTER_HELP: &str = "In the panel: j/k move, Enter jumps to the annotation, y/r accept/reject, / filters, f cycles presets (all, entities, quotes, claims, problems, unreviewed), ? shows every key.\n\nExamples:\n  tandai review article.txt\n  tandai review corpus/        the document list; articles open in the review panel";

/// The arguments of `tandai review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The article (its annotations are read from the `.ann.ron` file beside it), or a
    /// folder of articles.
    pub file: PathBuf,
}

/// Runs `tandai review`.
pub fn run(args: &ReviewArgs, global: &Global) -> Result<(), Failure> {
    session::need_terminal()?;
    let keymap = session::load_keymap(global.keymap.as_deref(), true)?;
    if args.file.is_dir() {
        return session::run_corpus(&args.file, keymap, global, true);
    }
    session::run_annotator(session::open(&args.file, keymap, global, true, true)?)
}

//! `tandai adjudicate ARTICLE|DIR`: the gold file of an article opened in adjudication, with
//! every annotator's file beside it (`stem.ann.NAME.ron`) read only.

use std::path::{Path, PathBuf};

use clap::Args;

use super::failure::Failure;
use super::session::{self, Global};
use crate::action::Action;
use crate::model::disagreements::align;
use crate::model::{AnnotationSet, Document};

/// `tandai adjudicate --help`, after the options.
pub const AFTER_HELP: &str = "The gold file (ARTICLE.ann.ron) is opened as in `tandai ARTICLE` (locked, saved and journaled); each annotator's file beside it (ARTICLE.ann.NAME.ron) is read only. What every annotator agrees on and the gold lacks is settled first (one undo step). Then, per disagreement: n/N next/previous, 1-9 take that version, Space marks versions and Enter takes the marked ones, 0 takes none, e edits by hand (D comes back), a shows settled ones too, u undoes, ? shows every key.\n\nExamples:\n  tandai adjudicate article.txt\n  tandai adjudicate corpus/     the first article whose annotators' differences are not all settled";

/// The arguments of `tandai adjudicate`.
#[derive(Debug, Args)]
pub struct AdjudicateArgs {
    /// The article, or a folder of articles (the first, by path, with unsettled differences
    /// between its annotators is opened).
    pub path: PathBuf,
}

/// Runs `tandai adjudicate`.
pub fn run(args: &AdjudicateArgs, global: &Global) -> Result<(), Failure> {
    session::need_terminal()?;
    let keymap = session::load_keymap(global.keymap.as_deref(), true)?;
    let article = if args.path.is_dir() {
        first_unsettled(&args.path)?
    } else {
        args.path.clone()
    };
    // Every annotator's file is read and checked before the gold is opened (and locked).
    let alignment = {
        let doc = read_document(&article)?;
        let parties = crate::store::load_parties(&article, &doc).map_err(Failure::bad_input)?;
        if parties.is_empty() && !records_conflicts(&article, &doc)? {
            return Err(Failure::bad_input(format!(
                "{}: no annotator's file beside it (expected {}) and no conflict recorded in its gold",
                article.display(),
                article.with_extension("ann.NAME.ron").display()
            )));
        }
        let named: Vec<(&str, &AnnotationSet)> = parties
            .iter()
            .map(|p| (p.annotator.as_str(), &p.set))
            .collect();
        align(&named)
    };
    let mut session = session::open_gold(&article, keymap, global)?;
    if let Some(effect) = session
        .state
        .update(Action::StartAdjudication(Box::new(alignment)))
    {
        session.run(effect);
    }
    session::run_annotator(session)
}

/// Whether the gold file of `article` (with its journal; read only) records conflicts a merge
/// left, to settle in adjudication even without annotators' files.
fn records_conflicts(article: &Path, doc: &Document) -> Result<bool, Failure> {
    let gold = crate::store::load(article, doc).map_err(Failure::bad_input)?;
    Ok(gold.is_some_and(|loaded| !loaded.set.conflicts().is_empty()))
}

fn read_document(article: &Path) -> Result<Document, Failure> {
    crate::corpus::summary::read_article(article).map_err(|t| Failure::bad_input(t.to_string()))
}

/// The first article under `dir` (by path) whose annotators' differences its gold has not
/// all settled.
fn first_unsettled(dir: &Path) -> Result<PathBuf, Failure> {
    let walk = crate::corpus::walk(dir)
        .map_err(|e| Failure::bad_input(format!("{}: {e}", dir.display())))?;
    for article in walk.articles {
        let doc = read_document(&article)?;
        let left = crate::store::unsettled(&article, &doc).map_err(Failure::bad_input)?;
        if left.is_some_and(|n| n > 0) {
            return Ok(article);
        }
    }
    Err(Failure::bad_input(format!(
        "{}: no article with unsettled differences between annotators",
        dir.display()
    )))
}

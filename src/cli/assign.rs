//! `tandai assign DIR --annotators a,b,c --overlap 2 --seed N`: draws which annotators
//! annotate which article of a folder and writes the plan (`DIR/tandai-plan.ron`) that the
//! document list follows.

use std::path::PathBuf;

use clap::Args;

use super::failure::Failure;
use crate::corpus::plan::{self, Plan, assign, plan_path, relative_name};
use crate::store::Annotator;

/// `tandai assign --help`, after the options.
pub const AFTER_HELP: &str = "Every article (*.txt under DIR, hidden files and folders skipped) is given OVERLAP distinct annotators; each annotator gets as many articles as the others, or one fewer; the same seed draws the same plan. The plan is DIR/tandai-plan.ron; `tandai --annotator NAME DIR` then lists NAME's articles (--all-articles lists all).\n\nExample:\n  tandai assign corpus/ --annotators alice,budi,citra --overlap 2 --seed 7";

/// The arguments of `tandai assign`.
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// The folder of articles; the plan is written in it.
    pub dir: PathBuf,
    /// The annotators, separated by commas.
    #[arg(long, value_delimiter = ',', required = true, value_name = "A,B,C")]
    pub annotators: Vec<Annotator>,
    /// How many distinct annotators annotate each article.
    #[arg(long, default_value_t = 2)]
    pub overlap: usize,
    /// The seed of the draw.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

/// Runs `tandai assign`; `force` (the global `--force`) replaces an existing plan.
pub fn run(args: &AssignArgs, force: bool) -> Result<(), Failure> {
    println!("{}", assign_folder(args, force)?);
    Ok(())
}

/// Draws and writes the plan of `args.dir`; returns the report. Nothing is written when
/// anything is refused.
fn assign_folder(args: &AssignArgs, force: bool) -> Result<String, Failure> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Failure::bad_input(format!(
            "{}: not a folder of articles",
            dir.display()
        )));
    }
    let target = plan_path(dir);
    if target.exists() && !force {
        return Err(Failure::bad_input(format!(
            "{}: a plan is already there; --force replaces it",
            target.display()
        )));
    }
    let found = crate::corpus::walk(dir)
        .map_err(|e| Failure::bad_input(format!("{}: {e}", dir.display())))?;
    let mut articles = Vec::with_capacity(found.articles.len());
    for article in &found.articles {
        articles.push(relative_name(dir, article).ok_or_else(|| {
            Failure::bad_input(format!(
                "{}: a plan names articles by UTF-8 paths; rename this one",
                article.display()
            ))
        })?);
    }
    let plan =
        assign(&articles, &args.annotators, args.overlap, args.seed).map_err(|err| match err {
            plan::AssignError::NoArticles => {
                Failure::nothing_to_do(format!("{}: no articles (*.txt) to assign", dir.display()))
            }
            err => Failure::bad_input(err),
        })?;
    crate::store::atomic::write(&target, plan.to_ron().as_bytes())
        .map_err(|f| Failure::failed(format!("{}: {}: {}", target.display(), f.step, f.source)))?;
    Ok(report(&target, &plan))
}

/// What `tandai assign` says of the plan it wrote.
fn report(target: &std::path::Path, plan: &Plan) -> String {
    let loads: Vec<String> = plan
        .loads()
        .iter()
        .map(|(annotator, n)| format!("{annotator} {n}"))
        .collect();
    format!(
        "wrote {}: {} articles, each seen by {} of {} annotators (seed {}); articles per annotator: {}",
        target.display(),
        plan.articles.len(),
        plan.overlap,
        plan.annotators.len(),
        plan.seed,
        loads.join(", ")
    )
}

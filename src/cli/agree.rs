//! `tandai agree PATH [--json] [--gold] [--units]`: agreement between the annotators of each
//! article, per document and over the corpus.

use std::path::PathBuf;

use clap::Args;

use crate::agree::{AgreeError, Options};

use super::failure::Failure;

/// `tandai agree --help`, after the options.
pub const AFTER_HELP: &str = "\
The parties of an article are its annotators' files, ARTICLE.ann.NAME.ron beside it (with
--gold, the settled ARTICLE.ann.ron too, as the party `gold`). For entities, quotes and claims,
per label, for every pair of parties and overall: span precision / recall / F1 (exact and by
overlap), Cohen's κ on tokens, Krippendorff's α on characters; on matched quotes speaker, cue
and kind agreement; on matched claims check-worthiness κ. Apart: relation P / R / F1 per kind
(ends matched by overlap) and, per attribute name, agreement and κ on matched annotations.
Per document (the most differing first) and over the corpus (counts summed over documents). Articles with fewer than two
parties are listed as skipped; files that cannot be read are listed with their place and left
out (exit code 1). Nothing is written. Definitions: docs/agreement.md.

Examples:
  tandai agree corpus/
  tandai agree --gold sample-data/korut-dukung-rusia.txt
  tandai agree --json corpus/ | jq '.corpus.entities.overall'";

/// The arguments of `tandai agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// An article, an annotator's file, or a folder (searched recursively).
    pub path: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The settled annotation file (`ARTICLE.ann.ron`) takes part, as the party `gold`.
    #[arg(long)]
    pub gold: bool,
    /// With --json: also list each document's tokens per layer (for checking the figures with
    /// other tools).
    #[arg(long, requires = "json")]
    pub units: bool,
}

/// Runs `tandai agree`: exit 1 when a file could not be read, 2 when nothing was compared.
pub fn run(args: &AgreeArgs) -> Result<(), Failure> {
    let options = Options {
        gold: args.gold,
        units: args.units,
    };
    let report = crate::agree::agree(&args.path, options).map_err(|err| match err {
        AgreeError::NothingToDo { .. } => Failure::nothing_to_do(err),
        AgreeError::Unreadable { .. } => Failure::bad_input(err),
    })?;
    if args.json {
        print!("{}", report.to_json());
    } else {
        print!("{}", report.to_text());
    }
    if !report.problems.is_empty() {
        return Err(Failure::problems(format!(
            "{} file(s) could not be read; their documents were not compared",
            report.problems.len()
        )));
    }
    if report.documents.is_empty() {
        let hint = if args.gold {
            ""
        } else {
            " (--gold lets the settled .ann.ron take part)"
        };
        return Err(Failure::nothing_to_do(format!(
            "no article under {} has two parties to compare{hint}",
            args.path.display()
        )));
    }
    Ok(())
}

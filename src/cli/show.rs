//! `tandai show FILE [--json]`: the annotations of one article as a table, or as JSON.

use std::path::PathBuf;

use clap::Args;

use super::failure::Failure;
use super::report;

/// `tandai show --help`, after the options.
pub const AFTER_HELP: &str = "\
Prints the article's annotations as an aligned table: id, type (entity label, quote kind,
claim), character spans, text, links (cue, speaker, claimant, source quote, check-worthiness)
and note. Long texts are cut in the table; --json prints everything. An annotation file with a
problem is refused with its FILE:LINE:COL (exit code 2).

Examples:
  tandai show sample-data/korut-dukung-rusia.txt
  tandai show --json article.txt | jq '.quotes[] | {text, speaker}'";

/// The arguments of `tandai show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article (or its .ann.ron file).
    pub file: PathBuf,
    /// Print JSON (every field, full texts) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs `tandai show`: exit 2 when the article or its annotations cannot be read.
pub fn run(args: &ShowArgs) -> Result<(), Failure> {
    let report = crate::commands::show(&args.file).map_err(report::failure)?;
    if args.json {
        print!("{}", report.to_json());
    } else {
        print!("{}", report.to_text());
    }
    Ok(())
}

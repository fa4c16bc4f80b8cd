//! `tandai stats PATH [--json]`: counts per document and in total.

use std::path::PathBuf;

use clap::Args;

use super::failure::Failure;
use super::report;
use crate::corpus::shard::Shard;

/// `tandai stats --help`, after the options.
pub const AFTER_HELP: &str = "\
Prints, per document and in total: paragraphs done / skipped / flagged / to do, entities per
label, quotes per kind with and without speaker, claims and their check-worthiness. Documents
that cannot be read are listed with their problem and left out of the total (exit code 1).

Examples:
  tandai stats sample-data
  tandai stats article.txt
  tandai stats --json corpus/ | jq '.total.entities'";

/// The arguments of `tandai stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// An article, an annotation file, or a folder (searched recursively).
    pub path: PathBuf,
    /// Only the K-th (1-based) of N disjoint, stable parts of the corpus, chosen by a hash of
    /// each article's path below PATH (as `tandai export --shard`).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `tandai stats`: exit 1 when a document could not be counted.
pub fn run(args: &StatsArgs) -> Result<(), Failure> {
    let report = crate::commands::stats_shard(&args.path, args.shard).map_err(report::failure)?;
    if args.json {
        print!("{}", report.to_json());
    } else {
        print!("{}", report.to_text());
    }
    if report.problems == 0 {
        Ok(())
    } else {
        Err(Failure::problems(format!(
            "{} file(s) could not be counted; `tandai check` lists every problem",
            report.problems
        )))
    }
}

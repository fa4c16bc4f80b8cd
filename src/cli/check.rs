//! `tandai check PATH`: every problem of every annotation file, one line each.

use std::path::PathBuf;

use clap::Args;

use super::failure::Failure;
use super::report;
use crate::corpus::shard::Shard;

/// `tandai check --help`, after the options.
pub const AFTER_HELP: &str = "\
Checks, for every article (*.txt) under PATH and its annotation file (*.ann.ron): the article is
UTF-8; the annotation file parses, has a known version, was made for this text (SHA-256), keeps
every span inside the text and equal to its stored text, resolves every link and repeats no id.
An article without an annotation file is fine; an annotation file without its article is not.

Also reported: a journal of saved changes (*.ann.journal) that cannot be read or continues
another version of the annotation file, and each journal kept aside (*.ann.journal.aside).

Prints one line per problem, FILE:LINE:COL: MESSAGE, and exits 1 if there is any, 0 if none
(2 if PATH cannot be read or holds no article). A conflict that `tandai merge-file` recorded
and nobody settled yet is listed as `warning: unsettled conflict …` and does not change the
exit code (the file loads and is used as it is).

Examples:
  tandai check sample-data               every annotation file in a folder, recursively
  tandai check article.txt               one article and its annotations
  tandai check corpus/ || exit 1         in a CI script";

/// The arguments of `tandai check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// An article, an annotation file, or a folder (searched recursively).
    pub path: PathBuf,
    /// Only the K-th (1-based) of N disjoint, stable parts of the corpus, chosen by a hash of
    /// each article's path below PATH (as `tandai export --shard`).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
}

/// Runs `tandai check`: problems on stdout, a summary on stderr; exit 1 when any.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let report = crate::commands::check_shard(&args.path, args.shard).map_err(report::failure)?;
    print!("{}", report.lines());
    if report.is_clean() {
        eprintln!("tandai: {}", report.summary());
        Ok(())
    } else {
        Err(Failure::problems(report.summary()))
    }
}

//! The commands without a terminal user interface, for scripts and CI: `check`, `stats` and
//! `show`. Each builds a report (printed by `run.rs`), so tests can look at it directly.

pub mod check;
pub mod show;
pub mod stats;
mod table;

pub use check::{CheckReport, check};
pub use show::{ShowReport, show};
pub use stats::{StatsReport, stats};

use std::path::Path;

/// The message for a PATH that cannot be walked.
fn cannot_read(path: &Path, err: &std::io::Error) -> String {
    format!("{}: {err}", path.display())
}

/// The message for a PATH that holds nothing to work on: no article, no annotation file, no
/// folder that could not be listed. The commands treat it as bad input (exit 2), as `export`
/// does.
fn nothing_to_do(path: &Path, found: &crate::corpus::Walk) -> Result<(), String> {
    if found.articles.is_empty() && found.orphans.is_empty() && found.unreadable.is_empty() {
        return Err(format!("no articles in {}", path.display()));
    }
    Ok(())
}

/// What `tandai check`, `stats` and `show` print and how they exit, for `run.rs`.
mod dispatch {
    use std::path::Path;

    use crate::run::Failure;

    fn input(message: String) -> Failure {
        Failure { message, code: 2 }
    }

    /// `tandai check PATH`: problems on stdout, a summary on stderr; exit 1 when any.
    pub fn run_check(path: &Path) -> Result<(), Failure> {
        let report = super::check(path).map_err(input)?;
        print!("{}", report.lines());
        if report.is_clean() {
            eprintln!("tandai: {}", report.summary());
            Ok(())
        } else {
            Err(Failure {
                message: report.summary(),
                code: 1,
            })
        }
    }

    /// `tandai stats PATH [--json]`: exit 1 when a document could not be counted.
    pub fn run_stats(path: &Path, json: bool) -> Result<(), Failure> {
        let report = super::stats(path).map_err(input)?;
        if json {
            print!("{}", report.to_json());
        } else {
            print!("{}", report.to_text());
        }
        if report.problems == 0 {
            Ok(())
        } else {
            Err(Failure {
                message: format!(
                    "{} file(s) could not be counted; `tandai check` lists every problem",
                    report.problems
                ),
                code: 1,
            })
        }
    }

    /// `tandai show FILE [--json]`: exit 2 when the article or its annotations cannot be read.
    pub fn run_show(file: &Path, json: bool) -> Result<(), Failure> {
        let report = super::show(file).map_err(input)?;
        if json {
            print!("{}", report.to_json());
        } else {
            print!("{}", report.to_text());
        }
        Ok(())
    }
}

pub use dispatch::{run_check, run_show, run_stats};

/// The examples shown by `--help` of each command.
pub mod help {
    /// `tandai check --help`.
    pub const CHECK: &str = "\
Checks, for every article (*.txt) under PATH and its annotation file (*.ann.ron): the article is
UTF-8; the annotation file parses, has a known version, was made for this text (SHA-256), keeps
every span inside the text and equal to its stored text, resolves every link and repeats no id.
An article without an annotation file is fine; an annotation file without its article is not.

Also reported: a journal of saved changes (*.ann.journal) that cannot be read or continues
another version of the annotation file, and each journal kept aside (*.ann.journal.aside).

Prints one line per problem, FILE:LINE:COL: MESSAGE, and exits 1 if there is any, 0 if none
(2 if PATH cannot be read or holds no article).

Examples:
  tandai check sample-data               every annotation file in a folder, recursively
  tandai check article.txt               one article and its annotations
  tandai check corpus/ || exit 1         in a CI script";

    /// `tandai stats --help`.
    pub const STATS: &str = "\
Prints, per document and in total: paragraphs done / skipped / flagged / to do, entities per
label, quotes per kind with and without speaker, claims and their check-worthiness. Documents
that cannot be read are listed with their problem and left out of the total (exit code 1).

Examples:
  tandai stats sample-data
  tandai stats article.txt
  tandai stats --json corpus/ | jq '.total.entities'";

    /// `tandai show --help`.
    pub const SHOW: &str = "\
Prints the article's annotations as an aligned table: id, type (entity label, quote kind,
claim), character spans, text, links (cue, speaker, claimant, source quote, check-worthiness)
and note. Long texts are cut in the table; --json prints everything. An annotation file with a
problem is refused with its FILE:LINE:COL (exit code 2).

Examples:
  tandai show sample-data/korut-dukung-rusia.txt
  tandai show --json article.txt | jq '.quotes[] | {text, speaker}'";
}

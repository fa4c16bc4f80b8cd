//! `tandai report PATH --out DIR [--open]`: the static HTML report of an article or a corpus
//! (`crate::report`), and opening it in the platform's browser.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::Args;

use crate::report::{ReportError, Written};

use super::failure::Failure;

/// `tandai report --help`, after the options.
pub const AFTER_HELP: &str = "\
Writes DIR/index.html, DIR/corpus.html (every document with its progress, counts, review,
problems and annotators, sortable; charts of labels, quote kinds, quotes per speaker,
annotations per day, agreement between annotators), one page per article under DIR/articles/
(entities by label, quotes with their cue and a link to their speaker, claims with claimant and
check-worthiness, notes, review status, problems, stored suggestions apart), report.css and
report.js. The pages open from disk and load nothing from the network.

DIR must be new, empty, or a folder an earlier report wrote; it may not be PATH or hold it.
Files that cannot be read are reported on their page and here (exit code 1).

Examples:
  tandai report sample-data/korut-dukung-rusia.txt --out report --open
  tandai report corpus/ --out corpus-report";

/// The arguments of `tandai report`.
#[derive(Debug, Args)]
pub struct HtmlReportArgs {
    /// An article, an annotation file, or a folder of articles (searched recursively).
    pub path: PathBuf,
    /// The folder to write the report into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Open the report in the default browser (`xdg-open`, `open`) when there is one: the
    /// article's page for an article, the index for a folder.
    #[arg(long)]
    pub open: bool,
}

/// Runs `tandai report`: exit 2 when nothing could be written, 1 when some file could not be
/// read (the report is written all the same).
pub fn run(args: &HtmlReportArgs) -> Result<(), Failure> {
    let written = crate::report::report(&args.path, &args.out).map_err(|err| match err {
        ReportError::NothingToDo { .. } => Failure::nothing_to_do(err),
        ReportError::Write { .. } => Failure::failed(err),
        _ => Failure::bad_input(err),
    })?;
    let start = page_to_open(&args.path, &written);
    println!(
        "wrote {} article page(s), {} and {}",
        written.pages.len(),
        written.corpus.display(),
        written.index.display()
    );
    if args.open {
        open(start);
    }
    for trouble in &written.troubles {
        eprintln!("{trouble}");
    }
    if !written.troubles.is_empty() {
        return Err(Failure::problems(format!(
            "{} file(s) could not be read; their pages say so",
            written.troubles.len()
        )));
    }
    Ok(())
}

/// The article's page when one article was given, the index otherwise.
fn page_to_open<'a>(input: &Path, written: &'a Written) -> &'a Path {
    match written.pages.as_slice() {
        [one] if !input.is_dir() => one,
        _ => &written.index,
    }
}

/// The platform's command that opens a file in its default application.
const OPENERS: &[&str] = if cfg!(target_os = "macos") {
    &["open"]
} else if cfg!(windows) {
    &["explorer"]
} else {
    &["xdg-open"]
};

/// Opens `page` with the platform's opener; says so, and where the page is, when there is
/// none or it fails (the report itself stands).
fn open(page: &Path) {
    for opener in OPENERS {
        let started = Command::new(opener)
            .arg(page)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        match started {
            Ok(status) if status.success() => return,
            Ok(status) => {
                eprintln!(
                    "{opener} {} failed ({status}): open it yourself",
                    page.display()
                );
                return;
            }
            Err(_) => {}
        }
    }
    eprintln!(
        "no browser opener found ({}): open {} yourself",
        OPENERS.join(", "),
        page.display()
    );
}

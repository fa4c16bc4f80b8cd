//! `tandai export PATH --format F [--out OUT]`: every annotated article under PATH, streamed
//! document by document through [`crate::export::export_document`].
//!
//! - PATH is an article (`X.txt`, with `X.ann.ron` beside it) or a folder, searched recursively
//!   (hidden folders and symbolic links to folders are not followed) for `.txt` files with an
//!   `.ann.ron` beside them, in path order. A document's id is its path relative to PATH,
//!   without `.txt`, with `/` separators (for a single article, its file stem).
//! - Two workers load and export documents in parallel; the main thread writes their output in
//!   path order, so the output does not depend on timing. At most [`ordered::WINDOW`] documents are held
//!   in memory at once: a corpus does not need to fit in memory.
//! - A document that cannot be read (article not UTF-8, annotation file unreadable, made for
//!   another text, …) is skipped with a message on stderr, and the command exits with code 2
//!   at the end; `--strict` stops at the first one instead (and leaves no `--out` file).
//! - Every export warning (a span dropped by the overlap rule, a span that cannot align, …) is
//!   printed on stderr.
//! - Output: `--out FILE`, or stdout. brat writes a folder: `OUT/<id>.txt`, `OUT/<id>.ann` and
//!   `OUT/annotation.conf`; citron a folder of `OUT/<id>.json`; hf writes `label_names.json` beside its JSONL file. Every file is
//!   written whole or not at all (see [`sink`]).
//! - Before anything is written, every output path is checked against the corpus: an export
//!   never writes onto an article, onto a file kept beside one, nor onto a link to either (see
//!   [`inputs`]); it refuses with exit code 2 instead.
//! - A folder without articles, or without annotated ones, is refused with exit code 2.
//! - `--shard K/N` exports only the K-th of N stable parts of the corpus, `--split 80,10,10
//!   --seed N` cuts it into train, dev and test ([`parts`]).
//! - A progress bar (documents, rate, time left) is drawn on stderr only when stderr is a
//!   terminal.

pub mod args;
mod documents;
pub mod inputs;
pub mod ordered;
pub mod parts;
mod progress;
pub mod sink;
mod staged;

use std::path::{Path, PathBuf};

use crate::cli::failure::Failure;
use crate::corpus::split::Part;
use crate::export::Format;
use crate::model::LabelSet;

pub use args::ExportArgs;
use documents::{Found, Job};
use inputs::Inputs;
use ordered::ordered_map;
use progress::Progress;
use sink::Sink;

/// `tandai export --help`, after the options.
pub const AFTER_HELP: &str = "Token formats (conll, hf) export one layer (default: entities) and, by default, only paragraphs marked done.\n\nExamples:\n  tandai export corpus/ --format conll --out train.conll\n  tandai export corpus/ --format hf --layers quotes --out hf/quotes.jsonl\n  tandai export corpus/ --format brat --out brat/";

/// Runs `tandai export`.
pub fn run(args: &ExportArgs, labels: &LabelSet) -> Result<(), Failure> {
    let format = args.format;
    let options = args::options(args, labels)?;
    let Found { jobs, articles } = documents::find(&args.path)?;
    if articles.is_empty() {
        return Err(Failure::nothing_to_do(format!(
            "no articles in {}",
            args.path.display()
        )));
    }
    if jobs.is_empty() {
        return Err(Failure::nothing_to_do(format!(
            "no annotated articles in {} (an article is annotated when its .ann.ron is beside it)",
            args.path.display()
        )));
    }
    let jobs = parts::in_shard(&args.path, jobs, args.shard);
    let workers = usize::from(args.jobs).min(jobs.len()).max(1);
    // Where each document goes: the one output, or its part of the split.
    let (outs, part_of): (Vec<Option<PathBuf>>, Vec<usize>) = match args.split {
        None => (vec![args.out.clone()], vec![0; jobs.len()]),
        Some(shares) => {
            let Some(out) = &args.out else {
                return Err(Failure::bad_input(
                    "--split writes train, dev and test: give --out (a folder)",
                ));
            };
            if out.exists() && !out.is_dir() {
                return Err(Failure::bad_input(format!(
                    "{}: is a file; --split writes a folder",
                    out.display()
                )));
            }
            let seed = args.seed.unwrap_or(0);
            let parts = parts::assign(&jobs, &options, shares, seed, workers);
            let outs = Part::ALL
                .iter()
                .map(|&p| Some(parts::part_out(format, out, p)))
                .collect();
            (outs, parts.iter().map(|&p| p as usize).collect())
        }
    };
    for (n, out) in outs.iter().enumerate() {
        if let Some(out) = out {
            let mine: Vec<Job> = jobs
                .iter()
                .zip(&part_of)
                .filter(|(_, p)| **p == n)
                .map(|(j, _)| j.clone())
                .collect();
            check_outputs(format, out, &mine, articles.clone())?;
        }
    }
    let mut sinks = outs
        .iter()
        .map(|out| Sink::open(format, out.as_deref()))
        .collect::<Result<Vec<Sink>, Failure>>()?;
    let progress = Progress::new(jobs.len());
    let mut skipped = 0;
    let mut warned = 0;
    let mut written = 0;
    let mut write_error: Option<Failure> = None;
    let mut extra_labels: Vec<String> = Vec::new();
    let mut relation_kinds: Vec<String> = Vec::new();
    ordered_map(
        &jobs,
        workers,
        |job| documents::export_one(job, format, &options),
        |i, result| {
            let job = &jobs[i];
            progress.tick(&job.id);
            match result {
                Ok(done) => {
                    for w in &done.warnings {
                        progress.say(&format!("tandai: warning: {w}"));
                    }
                    warned += done.warnings.len();
                    for label in done.labels {
                        if !options.labels.contains(&label) && !extra_labels.contains(&label) {
                            extra_labels.push(label);
                        }
                    }
                    for kind in done.relation_kinds {
                        if !relation_kinds.contains(&kind) {
                            relation_kinds.push(kind);
                        }
                    }
                    let sink = &mut sinks[part_of[i]];
                    if let Err(e) = sink.write(&job.id, done.bytes, done.text) {
                        write_error = Some(e);
                        return false;
                    }
                    written += 1;
                    true
                }
                Err(why) => {
                    skipped += 1;
                    progress.say(&format!("tandai: skipped {why}"));
                    !args.strict
                }
            }
        },
    );
    progress.clear();
    if let Some(failure) = write_error {
        return Err(failure);
    }
    if args.strict && skipped > 0 {
        return Err(Failure::bad_input(
            "stopped at the first document that cannot be exported (--strict); nothing written to --out",
        ));
    }
    let mut all_labels = options.labels.clone();
    all_labels.extend(extra_labels);
    for sink in sinks {
        sink.finish(format, &options, &all_labels, &relation_kinds)?;
    }
    let shard = args
        .shard
        .map(|s| format!(" of shard {s}"))
        .unwrap_or_default();
    let split = if args.split.is_some() {
        let count = |p: usize| part_of.iter().filter(|&&q| q == p).count();
        format!(" (train {}, dev {}, test {})", count(0), count(1), count(2))
    } else {
        String::new()
    };
    eprintln!(
        "tandai: exported {written} of {} documents{shard} as {format}{split} ({warned} warnings, {skipped} skipped)",
        jobs.len()
    );
    if skipped > 0 {
        return Err(Failure::bad_input(format!(
            "{skipped} of {} documents skipped (see the messages above)",
            jobs.len()
        )));
    }
    Ok(())
}

/// Refuses `--out out` when any file the export would write there is an article of the corpus
/// or a file kept beside one, before anything is written.
fn check_outputs(
    format: Format,
    out: &Path,
    jobs: &[Job],
    articles: Vec<(PathBuf, bool)>,
) -> Result<(), Failure> {
    let inputs = Inputs::gather(articles);
    let refused = |e: inputs::Refusal| Failure::bad_input(e);
    inputs.check(out, out).map_err(refused)?;
    for file in sink::fixed_outputs(format, out) {
        inputs.check(out, &file).map_err(refused)?;
    }
    if format.file_per_document() {
        for job in jobs {
            for file in sink::document_outputs(format, out, &job.id) {
                inputs.check(out, &file).map_err(refused)?;
            }
        }
    }
    Ok(())
}

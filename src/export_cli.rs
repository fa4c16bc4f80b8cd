//! `tandai export PATH --format F [--out OUT]`: every annotated article under PATH, streamed
//! document by document through [`crate::export::export_document`].
//!
//! - PATH is an article (`X.txt`, with `X.ann.ron` beside it) or a folder, searched recursively
//!   (hidden folders and symbolic links to folders are not followed) for `.txt` files with an
//!   `.ann.ron` beside them, in path order. A document's id is its path relative to PATH,
//!   without `.txt`, with `/` separators (for a single article, its file stem).
//! - Two workers load and export documents in parallel; the main thread writes their output in
//!   path order, so the output does not depend on timing. At most [`WINDOW`] documents are held
//!   in memory at once: a corpus does not need to fit in memory.
//! - A document that cannot be read (article not UTF-8, annotation file unreadable, made for
//!   another text, …) is skipped with a message on stderr, and the command exits with code 2
//!   at the end; `--strict` stops at the first one instead (and leaves no `--out` file).
//! - Every export warning (a span dropped by the overlap rule, a span that cannot align, …) is
//!   printed on stderr.
//! - Output: `--out FILE`, or stdout. brat writes a folder: `OUT/<id>.txt`, `OUT/<id>.ann` and
//!   `OUT/annotation.conf`; hf writes `label_names.json` beside its JSONL file. Every file is
//!   written whole or not at all (see [`sink`]).
//! - Before anything is written, every output path is checked against the corpus: an export
//!   never writes onto an article, onto a file kept beside one, nor onto a link to either (see
//!   [`inputs`]); it refuses with exit code 2 instead.
//! - A folder without articles, or without annotated ones, is refused with exit code 2.
//! - A progress line is drawn on stderr only when stderr is a terminal.

pub mod inputs;
mod sink;
mod staged;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use clap::Args;

use crate::Failure;
use crate::export::{self, Format, Layer, Options, Scheme, Unit, Warning};
use crate::model::{Document, LabelSet};
use crate::store;

use inputs::Inputs;
use sink::Sink;

/// Documents exported ahead of the one being written, at most.
pub const WINDOW: usize = 8;

/// The arguments of `tandai export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// An article (with its .ann.ron beside it) or a folder searched recursively.
    pub path: PathBuf,
    /// Output format: conll, spacy, hf, brat, doccano, quotes, claims.
    #[arg(long, short = 'f')]
    pub format: Format,
    /// Output file (a folder for brat). Default: stdout (brat and hf need --out).
    #[arg(long, short = 'o', value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Layers to export, comma separated: entities, quotes, claims. Token formats (conll, hf)
    /// take exactly one (default: entities); the others default to all three.
    #[arg(long, value_delimiter = ',', value_name = "LAYERS")]
    pub layers: Vec<Layer>,
    /// Token formats: leave out every paragraph not marked done (the default), since its
    /// unannotated words are not known to be O.
    #[arg(long, conflicts_with = "all_paragraphs")]
    pub only_done: bool,
    /// Token formats: write every paragraph, done or not (unannotated words become O).
    #[arg(long)]
    pub all_paragraphs: bool,
    /// Token formats: one block per sentence (the default).
    #[arg(long, conflicts_with = "paragraphs")]
    pub sentences: bool,
    /// Token formats: one block per paragraph.
    #[arg(long)]
    pub paragraphs: bool,
    /// Token formats: tagging scheme, iob2 (default) or bioes.
    #[arg(long, value_name = "SCHEME")]
    pub scheme: Option<Scheme>,
    /// Stop at the first document that cannot be exported.
    #[arg(long, conflicts_with = "keep_going")]
    pub strict: bool,
    /// Skip documents that cannot be exported and exit with code 2 at the end (the default).
    #[arg(long)]
    pub keep_going: bool,
    /// Worker threads.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
}

/// One document to export.
#[derive(Clone, Debug)]
struct Job {
    article: PathBuf,
    id: String,
}

/// A document exported in memory, ready to be written.
struct Exported {
    bytes: Vec<u8>,
    warnings: Vec<Warning>,
    /// brat only: the document text, for `<id>.txt`.
    text: Option<String>,
    /// Entity labels used, for brat's `annotation.conf`.
    labels: Vec<String>,
}

/// Runs `tandai export`.
pub fn run(args: &ExportArgs, labels: &LabelSet) -> Result<(), Failure> {
    let format = args.format;
    let options = options(args, labels)?;
    let Found { jobs, articles } = find_documents(&args.path)?;
    if articles.is_empty() {
        return Err(Failure::input(format!(
            "no articles in {}",
            args.path.display()
        )));
    }
    if jobs.is_empty() {
        return Err(Failure::input(format!(
            "no annotated articles in {} (an article is annotated when its .ann.ron is beside it)",
            args.path.display()
        )));
    }
    if let Some(out) = &args.out {
        check_outputs(format, out, &jobs, articles)?;
    }
    let mut sink = Sink::open(format, args.out.as_deref())?;
    let mut progress = Progress::new(jobs.len());
    let mut skipped = 0;
    let mut warned = 0;
    let mut written = 0;
    let mut write_error: Option<Failure> = None;
    let mut extra_labels: Vec<String> = Vec::new();
    let workers = usize::from(args.jobs).min(jobs.len());
    ordered_map(
        &jobs,
        workers,
        |job| export_one(job, format, &options),
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
                    if let Err(e) = sink.write(&job.id, &done.bytes, done.text.as_deref()) {
                        write_error = Some(e);
                        return false;
                    }
                    written += 1;
                    true
                }
                Err(message) => {
                    skipped += 1;
                    progress.say(&format!("tandai: skipped {message}"));
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
        return Err(Failure::input(
            "stopped at the first document that cannot be exported (--strict); nothing written to --out",
        ));
    }
    let mut all_labels = options.labels.clone();
    all_labels.extend(extra_labels);
    sink.finish(format, &options, &all_labels)?;
    eprintln!(
        "tandai: exported {written} of {} documents as {format} ({warned} warnings, {skipped} skipped)",
        jobs.len()
    );
    if skipped > 0 {
        return Err(Failure::input(format!(
            "{skipped} of {} documents skipped (see the messages above)",
            jobs.len()
        )));
    }
    Ok(())
}

/// The export options from the command line, checked for the format.
fn options(args: &ExportArgs, labels: &LabelSet) -> Result<Options, Failure> {
    let format = args.format;
    let token = format.one_layer();
    if !token
        && (args.only_done
            || args.all_paragraphs
            || args.sentences
            || args.paragraphs
            || args.scheme.is_some())
    {
        return Err(Failure::input(format!(
            "--only-done, --all-paragraphs, --sentences, --paragraphs and --scheme apply to the token formats (conll, hf), not to {format}"
        )));
    }
    let mut layers: Vec<Layer> = Vec::new();
    for layer in &args.layers {
        if !layers.contains(layer) {
            layers.push(*layer);
        }
    }
    if layers.is_empty() {
        layers = if token {
            vec![Layer::Entities]
        } else {
            Layer::ALL.to_vec()
        };
    }
    let options = Options {
        layers,
        scheme: args.scheme.unwrap_or_default(),
        unit: if args.paragraphs {
            Unit::Paragraphs
        } else {
            Unit::Sentences
        },
        only_done: !args.all_paragraphs,
        labels: labels.labels().iter().map(|l| l.name.clone()).collect(),
    };
    options.check(format).map_err(Failure::input)?;
    Ok(options)
}

/// What the export found under its PATH.
struct Found {
    /// The documents to export: the articles with an `.ann.ron` beside them.
    jobs: Vec<Job>,
    /// Every article, with whether it is annotated.
    articles: Vec<(PathBuf, bool)>,
}

/// The articles under `path`: itself if it is a file, else every `.txt` below it
/// (recursively, in path order).
fn find_documents(path: &Path) -> Result<Found, Failure> {
    let meta =
        fs::metadata(path).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    if !meta.is_dir() {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let job = Job {
            article: path.to_owned(),
            id,
        };
        return Ok(Found {
            jobs: vec![job],
            articles: vec![(path.to_owned(), true)],
        });
    }
    let mut articles = Vec::new();
    walk(path, &mut articles).map_err(Failure::input)?;
    articles.sort();
    let jobs = articles
        .iter()
        .filter(|(_, annotated)| *annotated)
        .map(|(article, _)| {
            let rel = article.strip_prefix(path).unwrap_or(article);
            let id = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            Job {
                article: article.clone(),
                id,
            }
        })
        .collect();
    Ok(Found { jobs, articles })
}

fn walk(dir: &Path, found: &mut Vec<(PathBuf, bool)>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if kind.is_dir() {
            if !hidden {
                walk(&path, found)?;
            }
        } else if path.extension().is_some_and(|e| e == "txt") && path.is_file() {
            let annotated = store::annotation_path(&path).is_file();
            found.push((path, annotated));
        }
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
    let refused = |e: inputs::Refusal| Failure::input(e);
    inputs.check(out, out).map_err(refused)?;
    for file in sink::fixed_outputs(format, out) {
        inputs.check(out, &file).map_err(refused)?;
    }
    if format.file_per_document() {
        for job in jobs {
            for file in sink::brat_outputs(out, &job.id) {
                inputs.check(out, &file).map_err(refused)?;
            }
        }
    }
    Ok(())
}

/// Loads and exports one document in memory; the error is the message to print.
fn export_one(job: &Job, format: Format, options: &Options) -> Result<Exported, String> {
    let path = job.article.display();
    let bytes = fs::read(&job.article).map_err(|e| format!("{path}: {e}"))?;
    let doc = Document::from_bytes(bytes).map_err(|e| format!("{path}: {e}"))?;
    let loaded = match store::load(&job.article, &doc) {
        Ok(Some(loaded)) => loaded,
        Ok(None) => {
            return Err(format!(
                "{path}: no annotation file {}",
                store::annotation_path(&job.article).display()
            ));
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut out = Vec::new();
    let warnings = export::export_document(format, &doc, &loaded.set, &job.id, options, &mut out)
        .map_err(|e| format!("{path}: {e}"))?;
    let mut labels: Vec<String> = Vec::new();
    for e in &loaded.set.entities {
        if !labels.iter().any(|l| *l == e.label) {
            labels.push(e.label.to_string());
        }
    }
    Ok(Exported {
        bytes: out,
        warnings,
        text: (format == Format::Brat).then(|| doc.text().to_owned()),
        labels,
    })
}

/// Runs `work` on every item with `workers` threads and hands the results to `take` in item
/// order, on the calling thread. `take` returns false to stop early. At most [`WINDOW`]
/// results are computed ahead of the one `take` is waiting for.
fn ordered_map<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(usize, R) -> bool,
) {
    if workers <= 1 {
        for (i, item) in items.iter().enumerate() {
            if !take(i, work(item)) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let taken = Mutex::new(0_usize);
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, R)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, taken, moved, work) = (&next, &stop, &taken, &moved, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= items.len() {
                        break;
                    }
                    let mut done = lock(taken);
                    while i >= *done + WINDOW && !stop.load(Ordering::SeqCst) {
                        done = moved.wait(done).unwrap_or_else(|p| p.into_inner());
                    }
                    drop(done);
                    if stop.load(Ordering::SeqCst) || tx.send((i, work(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut want = 0;
        'results: for (i, result) in rx.iter() {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                let go = take(want, result);
                want += 1;
                {
                    let mut done = lock(&taken);
                    *done = want;
                    if !go {
                        stop.store(true, Ordering::SeqCst);
                    }
                }
                moved.notify_all();
                if !go {
                    break 'results;
                }
            }
        }
        drop(rx);
    });
}

fn lock(m: &Mutex<usize>) -> std::sync::MutexGuard<'_, usize> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A one-line progress display on stderr, drawn only when stderr is a terminal.
struct Progress {
    total: usize,
    done: usize,
    shown: bool,
    terminal: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Self {
            total,
            done: 0,
            shown: false,
            terminal: io::stderr().is_terminal(),
        }
    }

    fn tick(&mut self, id: &str) {
        self.done += 1;
        if self.terminal {
            let width = 30;
            let filled = width * self.done / self.total.max(1);
            let bar: String = "#".repeat(filled) + &"-".repeat(width - filled);
            let name: String = id
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            eprint!("\r\x1b[K[{bar}] {}/{} {name}", self.done, self.total);
            self.shown = true;
        }
    }

    /// Prints a message line, keeping the progress line below it.
    fn say(&mut self, message: &str) {
        self.clear();
        eprintln!("{message}");
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_map_keeps_item_order_and_stops_early() {
        let items: Vec<u64> = (0..100).collect();
        for workers in [1, 2, 3] {
            let mut seen = Vec::new();
            ordered_map(
                &items,
                workers,
                |x| {
                    // Uneven work, so that results arrive out of order.
                    std::thread::sleep(std::time::Duration::from_micros((x % 7) * 50));
                    x * 2
                },
                |i, r| {
                    seen.push((i, r));
                    true
                },
            );
            let expected: Vec<(usize, u64)> = (0..100).map(|i| (i, i as u64 * 2)).collect();
            assert_eq!(seen, expected, "{workers} workers");
            let mut count = 0;
            ordered_map(
                &items,
                workers,
                |x| *x,
                |_, _| {
                    count += 1;
                    count < 10
                },
            );
            assert_eq!(count, 10);
        }
    }
}

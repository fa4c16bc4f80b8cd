//! `tandai suggest --from spacy|doccano|brat|conll FILE [--model NAME] [ARTICLE or DIR]`:
//! another tool's output, read by the importers of [`crate::import`], stored beside each
//! article as suggestions (`ARTICLE.sug.ron`, [`crate::suggest::predictions`]), never as
//! annotations.
//!
//! Each predicted document goes to one article: the only one when ARTICLE is given (the input
//! must then hold one document); under DIR (default: the input's folder), the article named as
//! the document (`DIR/NAME.txt`: brat's documents, whose names are their files'), else the one
//! whose text it holds. The texts must be the same apart from white space (CoNLL keeps no
//! layout), and every predicted span is moved onto the article's offsets. Everything is read
//! and checked first; a document no article holds, a text that parts from the article's, a
//! span past its end: bad input (exit 2) naming the place, and nothing is written. Then each
//! side file is written whole and durable (atomically, the flushes to disk batched); a side
//! file that would replace an input is refused first.
//!
//! The documents are placed and staged, then their side files written, by `--jobs` workers
//! (as `tandai export` spreads its work); results are taken in document order, so the first
//! problem reported is the one a single worker would report.

mod align;
mod articles;
mod inputs;
mod stage;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use clap::Args;

use self::articles::Articles;
use self::inputs::Inputs;
use self::stage::stage;
use super::export::ordered::ordered_map;
use super::failure::Failure;
use super::import::Source;
use crate::durable;
use crate::import::{self, ImportError, Imported, InputFormat};
use crate::suggest::predictions::{Predictions, predictions_path};

/// `tandai suggest --help`, after the options.
pub const AFTER_HELP: &str = "Examples:\n  tandai suggest --from spacy predictions.jsonl corpus/\n  tandai suggest --from conll --model indobert tagged.conll article.txt\n  tandai suggest --from brat brat-output/ corpus/";

/// The arguments of `tandai suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The predictions: a JSONL or CoNLL file, or a brat folder or `.ann` file.
    pub file: PathBuf,
    /// The articles they are for: one article, or a folder of them (default: the input's
    /// folder).
    pub target: Option<PathBuf>,
    /// The predictions' format.
    #[arg(long, value_enum)]
    pub from: Source,
    /// The model's name, kept with each suggestion as `model:NAME` (default: the format).
    #[arg(long, value_name = "NAME")]
    pub model: Option<String>,
    /// Worker threads.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
}

/// One side file to write.
struct Staged {
    article: PathBuf,
    predictions: Predictions,
}

/// What a worker made of one document: its article, and the side file for it (or why not).
type Placed = Result<(PathBuf, Result<Predictions, String>), String>;

/// Runs `tandai suggest`: malformed or misplaced predictions are bad input (exit 2) and write
/// nothing; a failed write exit 1.
pub fn run(args: &SuggestArgs) -> Result<(), Failure> {
    let format = InputFormat::from(args.from);
    let model = args.model.clone().unwrap_or_else(|| format.name().into());
    if model.is_empty() || model.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Failure::bad_input(format!(
            "--model {model:?}: a model name is one word"
        )));
    }
    let jobs = usize::from(args.jobs);
    let docs = read_predictions(format, &args.file, jobs).map_err(Failure::bad_input)?;
    let target = args
        .target
        .clone()
        .unwrap_or_else(|| default_target(&args.file));
    let articles = Articles::new(&target, docs.len())?;
    let workers = jobs.min(docs.len()).max(1);
    let staged = place_all(args, format, &model, &docs, &articles, workers)?;
    let inputs = Inputs::gather(&args.file, &articles.list);
    if let Some(s) = staged
        .iter()
        .find(|s| inputs.holds(&predictions_path(&s.article)))
    {
        return Err(Failure::bad_input(format!(
            "{} is an input; it is not written over (nothing was written)",
            predictions_path(&s.article).display()
        )));
    }
    let written = write_all(&staged, workers)?;
    let count: usize = staged
        .iter()
        .map(|s| {
            s.predictions.entities.len() + s.predictions.quotes.len() + s.predictions.claims.len()
        })
        .sum();
    eprintln!(
        "tandai: {count} suggestions from model:{model} for {} articles ({written} side files written)",
        staged.len()
    );
    Ok(())
}

/// The predicted documents of `file`, as [`import::read`] reads them; a brat folder's
/// documents read on `jobs` workers ([`super::import::read`]).
fn read_predictions(
    format: InputFormat,
    file: &Path,
    jobs: usize,
) -> Result<Vec<Imported>, ImportError> {
    if format == InputFormat::LabelStudio {
        return import::label_studio::read_predictions(file);
    }
    super::import::read(format, file, jobs)
}

/// Every document placed on its article and staged, in document order; the first problem in
/// that order stops it.
fn place_all(
    args: &SuggestArgs,
    format: InputFormat,
    model: &str,
    docs: &[Imported],
    articles: &Articles,
    workers: usize,
) -> Result<Vec<Staged>, Failure> {
    let place = |imported: &Imported| -> Placed {
        let (article, doc) = articles.find(imported)?;
        let staged = stage(&article, &doc, imported, model);
        Ok((article, staged))
    };
    let mut staged: Vec<Staged> = Vec::with_capacity(docs.len());
    let mut taken: HashMap<PathBuf, usize> = HashMap::with_capacity(docs.len());
    let mut problem: Option<Failure> = None;
    ordered_map(docs, workers, place, |index, placed| {
        let imported = &docs[index];
        let origin = || origin(format, &args.file, index, imported);
        let (article, predictions) = match placed {
            Ok(placed) => placed,
            Err(why) => {
                problem = Some(Failure::bad_input(format!(
                    "{}: document {}: {why}",
                    origin(),
                    imported.name
                )));
                return false;
            }
        };
        if let Some(other) = taken.insert(article.clone(), index) {
            problem = Some(Failure::bad_input(format!(
                "{}: document {} is for {}, as document {} is",
                origin(),
                imported.name,
                article.display(),
                docs[other].name
            )));
            return false;
        }
        match predictions {
            Ok(predictions) => {
                staged.push(Staged {
                    article,
                    predictions,
                });
                true
            }
            Err(why) => {
                problem = Some(Failure::bad_input(format!("{}: {why}", origin())));
                false
            }
        }
    });
    match problem {
        Some(failure) => Err(failure),
        None => Ok(staged),
    }
}

/// Writes every side file, whole and durable: every temporary file written and flushed to
/// disk at once on a pool of threads, then each renamed over its side file, then each folder
/// flushed once ([`durable`]). A failure writing a temporary file leaves no side file changed
/// (every temporary file removed); one while renaming leaves those renamed before it. The
/// first failure (in document order) is reported, saying how many side files were written.
fn write_all(staged: &[Staged], workers: usize) -> Result<usize, Failure> {
    let failed = |e: &dyn std::fmt::Display, written: usize| {
        Failure::failed(format!(
            "{e} ({written} of {} side files were written)",
            staged.len()
        ))
    };
    let temps = durable::write_temporaries(staged, durable::FLUSHERS.max(workers), |s| {
        (
            predictions_path(&s.article),
            s.predictions.to_ron().into_bytes(),
        )
    })
    .map_err(|e| failed(&e, 0))?;
    durable::place(temps).map_err(|e| failed(&e.error, e.placed))
}

impl From<Source> for InputFormat {
    fn from(source: Source) -> Self {
        match source {
            Source::Brat => InputFormat::Brat,
            Source::Doccano => InputFormat::Doccano,
            Source::Spacy => InputFormat::Spacy,
            Source::Conll => InputFormat::Conll,
            Source::Citron => InputFormat::Citron,
            Source::LabelStudio => InputFormat::LabelStudio,
        }
    }
}

fn default_target(file: &Path) -> PathBuf {
    if file.is_dir() {
        return file.to_owned();
    }
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

/// Where a predicted document is in the input, for messages: `FILE:LINE` of a JSONL line or a
/// CoNLL `-DOCSTART-`, the `.ann` file of a brat document.
fn origin(format: InputFormat, file: &Path, index: usize, imported: &Imported) -> String {
    let line = |predicate: &dyn Fn(&str) -> bool| {
        fs::read_to_string(file).ok().and_then(|text| {
            text.lines()
                .enumerate()
                .filter(|(_, l)| predicate(l))
                .nth(index)
                .map(|(n, _)| n + 1)
        })
    };
    let at = match format {
        InputFormat::Spacy | InputFormat::Doccano => line(&|l: &str| !l.trim().is_empty()),
        InputFormat::Conll => line(&|l: &str| l.split_whitespace().next() == Some("-DOCSTART-")),
        InputFormat::Brat if file.is_dir() => {
            return file
                .join(format!("{}.ann", imported.name))
                .display()
                .to_string();
        }
        InputFormat::Citron if file.is_dir() => {
            return file
                .join(format!("{}.json", imported.name))
                .display()
                .to_string();
        }
        InputFormat::Brat | InputFormat::Citron | InputFormat::LabelStudio => None,
    };
    match at {
        Some(line) => format!("{}:{line}", file.display()),
        None => file.display().to_string(),
    }
}

#[cfg(test)]
mod tests;

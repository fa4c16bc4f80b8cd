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
//! side file is written whole (atomically); a side file that would replace an input is refused
//! first.

mod align;

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use clap::Args;

use self::align::{Parting, align};
use super::failure::Failure;
use super::import::Source;
use crate::corpus::walk::{Rules, walk_with};
use crate::import::{self, Imported, InputFormat};
use crate::model::{AnnotationSet, Document, Span};
use crate::suggest::predictions::{
    PredictedClaim, PredictedEntity, PredictedQuote, Predictions, predictions_path,
};

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
}

/// One side file to write.
struct Staged {
    article: PathBuf,
    predictions: Predictions,
}

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
    let docs = import::read(format, &args.file).map_err(Failure::bad_input)?;
    let target = args
        .target
        .clone()
        .unwrap_or_else(|| default_target(&args.file));
    let mut articles = Articles::new(&target, docs.len())?;
    let mut staged: Vec<Staged> = Vec::with_capacity(docs.len());
    let mut taken: HashMap<PathBuf, usize> = HashMap::new();
    for (index, imported) in docs.iter().enumerate() {
        let origin = origin(format, &args.file, index, imported);
        let (article, doc) = articles.find(imported).map_err(|why| {
            Failure::bad_input(format!("{origin}: document {}: {why}", imported.name))
        })?;
        if let Some(other) = taken.insert(article.clone(), index) {
            return Err(Failure::bad_input(format!(
                "{origin}: document {} is for {}, as document {} is",
                imported.name,
                article.display(),
                docs[other].name
            )));
        }
        let predictions = stage(&article, &doc, imported, &model)
            .map_err(|why| Failure::bad_input(format!("{origin}: {why}")))?;
        staged.push(Staged {
            article,
            predictions,
        });
    }
    refuse_inputs(&args.file, &staged, &articles)?;
    let mut written = 0;
    for s in &staged {
        s.predictions.save(&s.article).map_err(|e| {
            Failure::failed(format!(
                "{e} ({written} of {} side files were written)",
                staged.len()
            ))
        })?;
        written += 1;
    }
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

impl From<Source> for InputFormat {
    fn from(source: Source) -> Self {
        match source {
            Source::Brat => InputFormat::Brat,
            Source::Doccano => InputFormat::Doccano,
            Source::Spacy => InputFormat::Spacy,
            Source::Conll => InputFormat::Conll,
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
        InputFormat::Brat => None,
    };
    match at {
        Some(line) => format!("{}:{line}", file.display()),
        None => file.display().to_string(),
    }
}

/// The articles predictions may be for.
struct Articles {
    /// The one article given, or the folder's articles.
    single: Option<PathBuf>,
    dir: PathBuf,
    list: Vec<PathBuf>,
    /// The same, to look names up.
    names: std::collections::HashSet<PathBuf>,
    /// Articles by the hash of their characters other than white space, built when a document
    /// is not found by name.
    by_text: Option<HashMap<u64, Vec<PathBuf>>>,
}

fn read_article(path: &Path) -> Result<Document, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Document::from_bytes(bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn text_key(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        c.hash(&mut hasher);
    }
    hasher.finish()
}

impl Articles {
    fn new(target: &Path, documents: usize) -> Result<Self, Failure> {
        let meta = fs::metadata(target)
            .map_err(|e| Failure::bad_input(format!("{}: {e}", target.display())))?;
        if !meta.is_dir() {
            if documents != 1 {
                return Err(Failure::bad_input(format!(
                    "the input holds {documents} documents, and {} is one article (give a folder)",
                    target.display()
                )));
            }
            return Ok(Self {
                single: Some(target.to_owned()),
                dir: target.parent().map(Path::to_owned).unwrap_or_default(),
                list: vec![target.to_owned()],
                names: Default::default(),
                by_text: None,
            });
        }
        let found = walk_with(
            target,
            Rules {
                hidden_files: false,
            },
        )
        .map_err(|e| Failure::bad_input(format!("{}: {e}", target.display())))?;
        if found.articles.is_empty() {
            return Err(Failure::nothing_to_do(format!(
                "{}: no articles (*.txt) to suggest for",
                target.display()
            )));
        }
        Ok(Self {
            single: None,
            dir: target.to_owned(),
            names: found.articles.iter().cloned().collect(),
            list: found.articles,
            by_text: None,
        })
    }

    /// The article `imported` is for, read.
    fn find(&mut self, imported: &Imported) -> Result<(PathBuf, Document), String> {
        if let Some(single) = &self.single {
            return Ok((single.clone(), read_article(single)?));
        }
        let named = self.dir.join(format!("{}.txt", imported.name));
        if self.names.contains(&named) {
            return Ok((named.clone(), read_article(&named)?));
        }
        let key = text_key(imported.doc.text());
        let index = match &self.by_text {
            Some(index) => index,
            None => {
                let mut index: HashMap<u64, Vec<PathBuf>> = HashMap::new();
                for path in &self.list {
                    // An article that cannot be read is no candidate; one named is reported.
                    if let Ok(doc) = read_article(path) {
                        index
                            .entry(text_key(doc.text()))
                            .or_default()
                            .push(path.clone());
                    }
                }
                self.by_text.insert(index)
            }
        };
        for path in index.get(&key).into_iter().flatten() {
            let doc = read_article(path)?;
            if align(imported.doc.text(), doc.text()).is_ok() {
                return Ok((path.clone(), doc));
            }
        }
        Err(format!(
            "no article under {} holds its text (nor is one named {})",
            self.dir.display(),
            named.display()
        ))
    }
}

/// Line and column (1-based) of character `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before: String = text.chars().take(offset).collect();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn excerpt(text: &str, offset: usize) -> String {
    let piece: String = text.chars().skip(offset).take(20).collect();
    if piece.is_empty() {
        "the end".into()
    } else {
        format!("{piece:?}")
    }
}

/// The side file of `article` holding the predictions of `imported`.
fn stage(
    article: &Path,
    doc: &Document,
    imported: &Imported,
    model: &str,
) -> Result<Predictions, String> {
    let alignment = align(imported.doc.text(), doc.text()).map_err(|p: Parting| {
        let (line, column) = line_column(doc.text(), p.article);
        format!(
            "document {}: its text is not {}'s: at {}:{line}:{column} the article has {}, the predictions {}",
            imported.name,
            article.display(),
            article.display(),
            excerpt(doc.text(), p.article),
            excerpt(imported.doc.text(), p.predicted),
        )
    })?;
    let file_name = article
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut predictions = Predictions::new(&file_name, doc, model);
    let set: &AnnotationSet = &imported.set;
    let one = |what: &str, spans: &[Span]| -> Result<Span, String> {
        match spans {
            [span] => Ok(alignment.place(*span)),
            _ => Err(format!(
                "document {}: {what} {:?} has {} fragments; a suggestion covers one stretch of text",
                imported.name,
                imported.doc.slice_fragments(spans),
                spans.len()
            )),
        }
    };
    let entity_span = |id: &str| -> Result<Option<Span>, String> {
        set.entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| one("entity", &e.spans))
            .transpose()
    };
    for e in &set.entities {
        let span = one("entity", &e.spans)?;
        predictions.entities.push(PredictedEntity {
            span,
            text: doc.slice(span).into(),
            label: e.label.to_string(),
            score: None,
        });
    }
    for q in &set.quotes {
        let span = one("quote", &q.spans)?;
        let cue = q.cue.as_ref().map(|c| one("cue", &c.spans)).transpose()?;
        let speaker = match &q.speaker {
            Some(id) => entity_span(id)?,
            None => None,
        };
        predictions.quotes.push(PredictedQuote {
            span,
            text: doc.slice(span).into(),
            kind: q.kind,
            cue,
            speaker,
            score: None,
        });
    }
    for c in &set.claims {
        let span = one("claim", &c.spans)?;
        let claimant = match &c.claimant {
            Some(id) => entity_span(id)?,
            None => None,
        };
        let quote = match &c.quote {
            Some(id) => set
                .quotes
                .iter()
                .find(|q| q.id == *id)
                .map(|q| one("quote", &q.spans))
                .transpose()?,
            None => None,
        };
        predictions.claims.push(PredictedClaim {
            span,
            text: doc.slice(span).into(),
            claimant,
            quote,
            checkworthy: c.checkworthy,
            score: None,
        });
    }
    predictions.check(doc).map_err(|p| {
        format!(
            "document {}: {}[{}] on {}: {}",
            imported.name,
            p.field,
            p.index,
            article.display(),
            p.problem
        )
    })?;
    Ok(predictions)
}

/// Refuses, before anything is written, a side file that would replace an input: the
/// predictions file (or a `.ann` or `.txt` of the brat folder), or an article.
fn refuse_inputs(file: &Path, staged: &[Staged], articles: &Articles) -> Result<(), Failure> {
    let canonical = |p: &Path| fs::canonicalize(p).ok();
    let mut inputs: std::collections::HashSet<PathBuf> =
        articles.list.iter().filter_map(|p| canonical(p)).collect();
    if file.is_dir() {
        if let Ok(entries) = fs::read_dir(file) {
            inputs.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "ann" || x == "txt"))
                    .filter_map(|p| canonical(&p)),
            );
        }
    } else if let Some(c) = canonical(file) {
        inputs.insert(c);
    }
    for s in staged {
        let target = predictions_path(&s.article);
        if canonical(&target).is_some_and(|t| inputs.contains(&t)) {
            return Err(Failure::bad_input(format!(
                "{} is an input; it is not written over (nothing was written)",
                target.display()
            )));
        }
    }
    Ok(())
}

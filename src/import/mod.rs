//! `.txt` + `.ann.ron` pairs from existing data (brat, doccano, spaCy, CoNLL), so that it can be
//! reviewed in tandai; the front end of `tandai import` is `cli/import.rs`.
//!
//! The whole input is read and checked first; only then are files written, all atomically
//! and durable, the flushes batched ([`write_all`]). Malformed input is an error
//! naming the file and line, and nothing is written. An existing file is never replaced unless
//! `--force` is given (a `.txt` that already holds exactly the imported text is left as it is,
//! so a brat folder can be imported in place). If writing fails half-way, the files this run
//! created are removed again.
//!
//! Every paragraph of an imported document is marked Done (the source data is taken as fully
//! annotated), so exporting it again writes every paragraph. Each format reads back what
//! [`crate::export`] writes; see the format modules for what maps to what.

pub mod brat;
pub mod citron;
pub mod conll;
pub mod doccano;
pub mod label_studio;
pub mod lines;
pub mod spacy;

use std::fs;
use std::path::{Path, PathBuf};

use crate::durable;
use crate::model::format_compact;
use crate::model::{
    AnnotationSet, Claim, Cue, Document, Entity, ParagraphStatus, Quote, QuoteKind, Span,
};
use crate::store;

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// brat standoff: a folder of `X.txt` + `X.ann` (or one `.ann` file).
    Brat,
    /// doccano JSONL, with `entities` + `relations` or `label`.
    Doccano,
    /// spaCy character-offset JSONL (`text`, `entities`, `spans`).
    Spacy,
    /// CoNLL columns, `-DOCSTART-` between documents.
    Conll,
    /// citron's quote JSON: a folder of `.json` files (or one), a document each.
    Citron,
    /// Label Studio JSON: an array of tasks.
    LabelStudio,
}

impl InputFormat {
    /// The format's name, as `--from` spells it.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Brat => "brat",
            InputFormat::Doccano => "doccano",
            InputFormat::Spacy => "spacy",
            InputFormat::Conll => "conll",
            InputFormat::Citron => "citron",
            InputFormat::LabelStudio => "label-studio",
        }
    }
}

/// One document read from the input.
#[derive(Clone, Debug)]
pub struct Imported {
    /// Path of the `.txt` to write, relative to the output folder, without `.txt`.
    pub name: String,
    /// The text.
    pub doc: Document,
    /// Its annotations.
    pub set: AnnotationSet,
}

/// Malformed input: the file, the 1-based line when known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ImportError {
    /// The input file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// An error at `line` of `file`.
    pub fn at(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// An error about `file` as a whole.
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            message: message.into(),
        }
    }
}

/// Reads every document of the input; an input without any (an empty file, a brat folder
/// without `.ann` files) is an error, so that importing nothing never looks like success.
pub fn read(from: InputFormat, path: &Path) -> Result<Vec<Imported>, ImportError> {
    let docs = match from {
        InputFormat::Brat => brat::read(path),
        InputFormat::Doccano => doccano::read(path),
        InputFormat::Spacy => spacy::read(path),
        InputFormat::Conll => conll::read(path),
        InputFormat::Citron => citron::read(path),
        InputFormat::LabelStudio => label_studio::read(path),
    }?;
    if docs.is_empty() {
        return Err(ImportError::file(path, "no documents to import"));
    }
    Ok(docs)
}

/// Why the imported documents were not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Two documents have the same name.
    #[error("two documents would both be written to {name}.txt")]
    SameName {
        /// The name, without `.txt`.
        name: String,
    },
    /// An article with another text is in the way (and `force` was not given).
    #[error("{} exists with another text (use --force to replace it)", path.display())]
    OtherText {
        /// The article.
        path: PathBuf,
    },
    /// An annotation file is in the way (and `force` was not given).
    #[error("{} exists (use --force to replace it)", path.display())]
    Exists {
        /// The annotation file.
        path: PathBuf,
    },
    /// Writing failed half-way; the files this run created were removed again.
    #[error("{message} (the files created by this import were removed)")]
    Failed {
        /// What failed, naming the file.
        message: String,
    },
}

impl WriteError {
    /// True when nothing was attempted: a file or a name is in the way.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, WriteError::Failed { .. })
    }
}

/// Writes the pairs under `out`; returns how many files were written.
///
/// Every file is made (an annotation file checked and written as RON) and written to a
/// temporary file and flushed to disk on a pool of threads ([`durable`]), then all are renamed
/// into place and each folder is flushed once. A
/// failure before the renames leaves every file as it was; one while renaming removes the files
/// this run created (a file replaced with `force` keeps its new content).
pub fn write_all(
    docs: &[Imported],
    out: &Path,
    force: bool,
    annotator: &str,
) -> Result<usize, WriteError> {
    // Every check first, so that a refusal writes nothing.
    let mut plan = Vec::with_capacity(docs.len());
    let mut names = std::collections::HashSet::new();
    for d in docs {
        if !names.insert(d.name.as_str()) {
            return Err(WriteError::SameName {
                name: d.name.clone(),
            });
        }
        let txt = out.join(format!("{}.txt", d.name));
        let ann = store::annotation_path(&txt);
        let existing = fs::read(&txt).ok();
        let txt_existed = existing.is_some();
        let same_text = existing
            .and_then(|b| Document::from_bytes(b).ok())
            .is_some_and(|existing| existing.text() == d.doc.text());
        let ann_existed = ann.exists();
        if !force {
            if txt_existed && !same_text {
                return Err(WriteError::OtherText { path: txt });
            }
            if ann_existed {
                return Err(WriteError::Exists { path: ann });
            }
        }
        plan.push((d, txt, ann, same_text, txt_existed, ann_existed));
    }
    let failed = |message: String| WriteError::Failed { message };
    let mut files: Vec<Planned> = Vec::with_capacity(plan.len() * 2);
    let mut made: Option<PathBuf> = None;
    for (d, txt, ann, same_text, txt_existed, ann_existed) in plan {
        if let Some(parent) = txt.parent().filter(|p| made.as_deref() != Some(*p)) {
            fs::create_dir_all(parent).map_err(|e| failed(format!("{}: {e}", parent.display())))?;
            made = Some(parent.to_owned());
        }
        if !same_text {
            files.push(Planned {
                doc: d,
                target: txt.clone(),
                existed: txt_existed,
                article: None,
            });
        }
        files.push(Planned {
            doc: d,
            target: ann,
            existed: ann_existed,
            article: Some(txt),
        });
    }
    // Each annotation file is made (checked, then written as RON) on the pool's threads too.
    let temps = durable::try_write_temporaries(&files, durable::FLUSHERS, |f| {
        let bytes = match &f.article {
            None => f.doc.doc.text().as_bytes().to_vec(),
            Some(txt) => {
                store::to_checked_ron(txt, &f.doc.doc, &f.doc.set, annotator)?.into_bytes()
            }
        };
        Ok::<_, Unwritten>((f.target.clone(), bytes))
    })
    .map_err(|e| failed(e.to_string()))?;
    durable::place(temps).map_err(|e| {
        for f in files[..e.placed].iter().rev() {
            if !f.existed {
                let _ = fs::remove_file(&f.target);
            }
        }
        failed(e.error.to_string())
    })
}

/// A file [`write_all`] writes.
struct Planned<'a> {
    doc: &'a Imported,
    target: PathBuf,
    /// A file was at `target` before.
    existed: bool,
    /// For the annotation file, its article (else the file is the article).
    article: Option<PathBuf>,
}

/// Why a file of [`write_all`] was not written.
#[derive(Debug, thiserror::Error)]
enum Unwritten {
    #[error(transparent)]
    Invalid(#[from] store::StoreError),
    #[error(transparent)]
    Io(#[from] durable::DurableError),
}

/// Builds the annotation set of one imported document, numbering ids in creation order.
pub struct Builder<'a> {
    doc: &'a Document,
    /// The annotations so far.
    pub set: AnnotationSet,
}

impl<'a> Builder<'a> {
    /// An empty set for `doc`, every paragraph Done.
    pub fn new(doc: &'a Document) -> Self {
        let mut set = AnnotationSet::new(doc.paragraphs().len());
        set.paragraphs.fill(ParagraphStatus::Done);
        Self { doc, set }
    }

    /// Sorts `spans` and checks them against the text: none empty, none past the end, none
    /// overlapping another.
    pub fn spans(&self, mut spans: Vec<Span>) -> Result<Vec<Span>, String> {
        spans.sort();
        let len = self.doc.len_chars();
        let mut previous_end = 0;
        for s in &spans {
            if s.start >= s.end {
                return Err(format!("empty span {}..{}", s.start, s.end));
            }
            if s.end > len {
                return Err(format!(
                    "span {}..{} goes past the end of the text ({len} characters)",
                    s.start, s.end
                ));
            }
            if s.start < previous_end {
                return Err(format!("fragment {}..{} overlaps another", s.start, s.end));
            }
            previous_end = s.end;
        }
        if spans.is_empty() {
            return Err("no span".into());
        }
        Ok(spans)
    }

    /// Adds an entity; returns its index in `set.entities`.
    pub fn entity(&mut self, label: &str, spans: Vec<Span>) -> usize {
        let id = format_compact!("e{}", self.set.entities.len() + 1);
        self.set.entities.push(Entity {
            id,
            label: label.into(),
            text: self.doc.slice_fragments(&spans).into(),
            spans: spans.into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        self.set.entities.len() - 1
    }

    /// Adds a quote; returns its index in `set.quotes`.
    pub fn quote(&mut self, kind: QuoteKind, spans: Vec<Span>) -> usize {
        let id = format_compact!("q{}", self.set.quotes.len() + 1);
        self.set.quotes.push(Quote {
            id,
            kind,
            text: self.doc.slice_fragments(&spans).into(),
            spans: spans.into(),
            cue: None,
            speaker: None,
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        self.set.quotes.len() - 1
    }

    /// A cue over `spans`.
    pub fn cue(&self, spans: Vec<Span>) -> Cue {
        Cue {
            text: self.doc.slice_fragments(&spans).into(),
            spans: spans.into(),
        }
    }

    /// Adds a claim; returns its index in `set.claims`.
    pub fn claim(&mut self, spans: Vec<Span>) -> usize {
        let id = format_compact!("c{}", self.set.claims.len() + 1);
        self.set.claims.push(Claim {
            id,
            text: self.doc.slice_fragments(&spans).into(),
            spans: spans.into(),
            claimant: None,
            quote: None,
            checkworthy: None,
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        self.set.claims.len() - 1
    }

    /// The finished set: id counters past every id, stable order.
    pub fn finish(mut self) -> AnnotationSet {
        self.set.next_ids.entity = self.set.entities.len() as u64 + 1;
        self.set.next_ids.quote = self.set.quotes.len() as u64 + 1;
        self.set.next_ids.claim = self.set.claims.len() as u64 + 1;
        self.set.sort();
        self.set
    }
}

/// The quote kind named `name` (`Direct`, `Indirect`, `Mixed`, any case).
pub fn quote_kind(name: &str) -> Option<QuoteKind> {
    match name.to_ascii_lowercase().as_str() {
        "direct" => Some(QuoteKind::Direct),
        "indirect" => Some(QuoteKind::Indirect),
        "mixed" => Some(QuoteKind::Mixed),
        _ => None,
    }
}

/// Names `<stem>-<n>` (n from 1, zero-padded to the same width) for `count` documents read
/// from one file, so that path order is input order.
pub fn numbered_names(file: &Path, count: usize) -> Vec<String> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "doc".into());
    let width = count.to_string().len();
    (1..=count).map(|n| format!("{stem}-{n:0width$}")).collect()
}

/// Reads a whole input file as UTF-8 (a BOM is removed). The text is not made a
/// [`Document`] (its paragraphs are not needed); invalid UTF-8 is reported as
/// [`Document::from_bytes`] reports it.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = fs::read(path).map_err(|e| ImportError::file(path, e.to_string()))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => match Document::from_bytes(e.into_bytes()) {
            Ok(doc) => Ok(doc.text().to_owned()),
            Err(e) => Err(ImportError::at(path, e.line, e.to_string())),
        },
    }
}

/// What one region (Label Studio) or entity (doccano) of the input became, by its index in
/// the builder's lists; a cue by the index of its region in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Made {
    /// `set.entities[i]`.
    Entity(usize),
    /// `set.quotes[i]`.
    Quote(usize),
    /// `set.claims[i]`.
    Claim(usize),
    /// The cue region or entity `i` of the input.
    Cue(usize),
    /// Nothing (yet).
    None,
}

/// What [`link`] made of a relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Linked {
    /// A `Fragment` relation: the caller joined the fragments already.
    Fragment,
    /// One of tandai's links (speaker, claimant, source quote, cue) on this annotation id.
    Link(crate::model::Text),
    /// A relation of the label's kind, with this id.
    Relation(crate::model::Text),
    /// Nothing tandai models: an end is a cue (other than its quote's `Cue`) or nothing; the
    /// caller keeps the input's record.
    Unmodelled,
}

/// Puts the relation `label` from `from` to `to` in `b` as Label Studio's and doccano's
/// importers read it: `Speaker` (quote → entity), `Claimant` (claim → entity), `Source`
/// (claim → quote) and `Cue` (quote → cue) are tandai's links; any other label between two
/// annotations, or one of those between the wrong kinds or a second of one, a relation of
/// that kind (`r1`, …). `cue` gives the checked spans of cue `i` and `cued[i]` records that it
/// was taken. A second cue of a quote, a cue taken twice or an empty label (the store keeps no
/// relation without a kind) is an error.
pub fn link(
    b: &mut Builder,
    label: &str,
    from: Made,
    to: Made,
    cue: impl FnOnce(&Builder, usize) -> Result<Vec<Span>, String>,
    cued: &mut [bool],
) -> Result<Linked, String> {
    let id_of = |b: &Builder, m: Made| match m {
        Made::Entity(i) => Some(b.set.entities[i].id.clone()),
        Made::Quote(i) => Some(b.set.quotes[i].id.clone()),
        Made::Claim(i) => Some(b.set.claims[i].id.clone()),
        Made::Cue(_) | Made::None => None,
    };
    if label.trim().is_empty() {
        return Err(format!("a relation of the empty type {label:?}"));
    }
    let linked = match (label, from, to) {
        ("Fragment", _, _) => return Ok(Linked::Fragment),
        ("Speaker", Made::Quote(q), Made::Entity(e)) if b.set.quotes[q].speaker.is_none() => {
            b.set.quotes[q].speaker = Some(b.set.entities[e].id.clone());
            Some(b.set.quotes[q].id.clone())
        }
        ("Claimant", Made::Claim(c), Made::Entity(e)) if b.set.claims[c].claimant.is_none() => {
            b.set.claims[c].claimant = Some(b.set.entities[e].id.clone());
            Some(b.set.claims[c].id.clone())
        }
        ("Source", Made::Claim(c), Made::Quote(q)) if b.set.claims[c].quote.is_none() => {
            b.set.claims[c].quote = Some(b.set.quotes[q].id.clone());
            Some(b.set.claims[c].id.clone())
        }
        ("Cue", Made::Quote(q), Made::Cue(i)) => {
            if cued[i] || b.set.quotes[q].cue.is_some() {
                return Err("Cue relation: the quote already has a cue, or the cue a quote".into());
            }
            let spans = cue(b, i)?;
            cued[i] = true;
            b.set.quotes[q].cue = Some(b.cue(spans));
            Some(b.set.quotes[q].id.clone())
        }
        _ => None,
    };
    if let Some(id) = linked {
        return Ok(Linked::Link(id));
    }
    let (Some(from), Some(to)) = (id_of(b, from), id_of(b, to)) else {
        return Ok(Linked::Unmodelled);
    };
    let id = format_compact!("r{}", b.set.relations.len() + 1);
    b.set.relations.push(crate::model::Relation {
        id: id.clone(),
        kind: label.into(),
        from,
        to,
        note: None,
    });
    Ok(Linked::Relation(id))
}

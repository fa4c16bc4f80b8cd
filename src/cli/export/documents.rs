//! The documents of an export: found under its PATH by [`crate::corpus::walk`], and each one
//! loaded and exported in memory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::cli::failure::Failure;
use crate::corpus::walk::{Rules, walk_with};
use crate::export::{self, ExportError, Format, Options, Warning};
use crate::model::Document;
use crate::model::document::NotUtf8;
use crate::store::{self, StoreError};

/// One document to export.
#[derive(Clone, Debug)]
pub struct Job {
    /// The article.
    pub article: PathBuf,
    /// Its id in the output: its path below PATH, without `.txt`, `/`-separated.
    pub id: String,
}

/// What the export found under its PATH.
pub struct Found {
    /// The documents to export: the articles with an `.ann.ron` beside them.
    pub jobs: Vec<Job>,
    /// Every article, with whether it is annotated.
    pub articles: Vec<(PathBuf, bool)>,
}

/// The articles under `path`: itself if it is a file, else every `.txt` file below it, hidden
/// files included, in path order. A folder that cannot be listed fails the export.
pub fn find(path: &Path) -> Result<Found, Failure> {
    let cannot_read =
        |path: &Path, e: &io::Error| Failure::bad_input(format!("{}: {e}", path.display()));
    let meta = fs::metadata(path).map_err(|e| cannot_read(path, &e))?;
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
    let found = walk_with(path, Rules { hidden_files: true }).map_err(|e| cannot_read(path, &e))?;
    if let Some((folder, err)) = found.unreadable.first() {
        return Err(cannot_read(folder, err));
    }
    let articles: Vec<(PathBuf, bool)> = found
        .articles
        .into_iter()
        // A link to a folder or nowhere is not an article to export.
        .filter(|article| article.is_file())
        .map(|article| {
            let annotated = store::annotation_path(&article).is_file();
            (article, annotated)
        })
        .collect();
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

/// A document exported in memory, ready to be written.
pub struct Exported {
    /// The format's output for the document.
    pub bytes: Vec<u8>,
    /// What the writer could not keep.
    pub warnings: Vec<Warning>,
    /// brat only: the document text, for `<id>.txt`.
    pub text: Option<String>,
    /// Entity labels used, for brat's `annotation.conf`.
    pub labels: Vec<String>,
    /// Kinds of the relations, for Label Studio's `label_config.xml`.
    pub relation_kinds: Vec<String>,
}

/// Why a document was skipped.
#[derive(Debug, thiserror::Error)]
pub enum Skipped {
    /// The article cannot be read.
    #[error("{}: {source}", article.display())]
    Read {
        /// The article.
        article: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The article is not UTF-8.
    #[error("{}: {source}", article.display())]
    NotUtf8 {
        /// The article.
        article: PathBuf,
        /// Where.
        source: NotUtf8,
    },
    /// The annotation file went away after the walk.
    #[error("{}: no annotation file {}", article.display(), store::annotation_path(article).display())]
    NoAnnotations {
        /// The article.
        article: PathBuf,
    },
    /// The annotation file cannot be read (its message names the file and place).
    #[error("{0}")]
    Annotations(#[from] StoreError),
    /// The writer refused the document.
    #[error("{}: {source}", article.display())]
    Export {
        /// The article.
        article: PathBuf,
        /// Why.
        source: ExportError,
    },
}

/// Loads and exports one document in memory.
pub fn export_one(job: &Job, format: Format, options: &Options) -> Result<Exported, Skipped> {
    let article = || job.article.clone();
    let bytes = fs::read(&job.article).map_err(|source| Skipped::Read {
        article: article(),
        source,
    })?;
    let doc = Document::from_bytes(bytes).map_err(|source| Skipped::NotUtf8 {
        article: article(),
        source,
    })?;
    let Some(loaded) = store::load(&job.article, &doc)? else {
        return Err(Skipped::NoAnnotations { article: article() });
    };
    let mut out = Vec::new();
    let warnings = export::export_document(format, &doc, &loaded.set, &job.id, options, &mut out)
        .map_err(|source| Skipped::Export {
        article: article(),
        source,
    })?;
    let mut labels: Vec<String> = Vec::new();
    for e in &loaded.set.entities {
        if !labels.iter().any(|l| *l == e.label) {
            labels.push(e.label.to_string());
        }
    }
    let mut relation_kinds: Vec<String> = Vec::new();
    for r in &loaded.set.relations {
        if !relation_kinds.iter().any(|k| *k == r.kind) {
            relation_kinds.push(r.kind.to_string());
        }
    }
    Ok(Exported {
        relation_kinds,
        bytes: out,
        warnings,
        text: (format == Format::Brat).then(|| doc.text().to_owned()),
        labels,
    })
}

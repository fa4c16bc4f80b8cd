//! The articles predicted documents are for: found by name (`DIR/NAME.txt`), else by their
//! text (the same characters apart from white space). Shared by the workers: the index by
//! text is built once, by the first that needs it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::align::align;
use crate::cli::failure::Failure;
use crate::corpus::walk::{Rules, walk_with};
use crate::import::Imported;
use crate::model::Document;

/// The articles predictions may be for.
pub struct Articles {
    /// The one article given, or the folder's articles.
    single: Option<PathBuf>,
    dir: PathBuf,
    /// Every article.
    pub list: Vec<PathBuf>,
    /// The same, to look names up.
    names: HashSet<PathBuf>,
    /// Articles by the hash of their characters other than white space, built when a document
    /// is first not found by name.
    by_text: OnceLock<HashMap<u64, Vec<PathBuf>>>,
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
    /// The article `target`, or the articles under the folder `target`, for `documents`
    /// predicted documents.
    pub fn new(target: &Path, documents: usize) -> Result<Self, Failure> {
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
                by_text: OnceLock::new(),
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
            by_text: OnceLock::new(),
        })
    }

    /// The article `imported` is for, read.
    pub fn find(&self, imported: &Imported) -> Result<(PathBuf, Document), String> {
        if let Some(single) = &self.single {
            return Ok((single.clone(), read_article(single)?));
        }
        let named = self.dir.join(format!("{}.txt", imported.name));
        if self.names.contains(&named) {
            return Ok((named.clone(), read_article(&named)?));
        }
        let key = text_key(imported.doc.text());
        let index = self.by_text.get_or_init(|| {
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
            index
        });
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

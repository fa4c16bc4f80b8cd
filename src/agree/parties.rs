//! Who annotated an article, and reading their files: each annotator's `stem.ann.NAME.ron`,
//! and with `--gold` the settled `stem.ann.ron` as the party [`GOLD`].

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::corpus::Trouble;
use crate::model::{AnnotationSet, Document, Text};
use crate::store::{self, Annotator};

/// The name of the party of the settled file.
pub const GOLD: &str = "gold";

/// Where a party's annotations are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The settled file, read with its journal.
    Gold,
    /// An annotator's file.
    Annotator(PathBuf),
}

/// The parties of an article, gold first, then annotators by name.
pub type Parties = Vec<(Text, Source)>;

/// Per article, its annotators' files, as [`store::annotator_files`] lists them.
pub type AnnotatorFiles = HashMap<PathBuf, Vec<(Annotator, PathBuf)>>;

/// The annotators' files of every article of `articles`, each folder listed once; the lists
/// follow [`store::annotator_files`] (sorted, gold excluded). A folder that cannot be listed
/// is the error, with its path.
pub fn annotators_of(articles: &[PathBuf]) -> Result<AnnotatorFiles, (PathBuf, io::Error)> {
    let mut found = AnnotatorFiles::new();
    let mut folders: Vec<&Path> = articles.iter().filter_map(|a| a.parent()).collect();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders {
        let listed = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let entries = fs::read_dir(listed).map_err(|e| (folder.to_owned(), e))?;
        for entry in entries {
            let name = entry.map_err(|e| (folder.to_owned(), e))?.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some((stem, _)) = name
                .strip_suffix(".ron")
                .and_then(|rest| rest.rsplit_once(".ann."))
            else {
                continue;
            };
            let article = folder.join(format!("{stem}.txt"));
            let path = folder.join(name);
            if let Some(annotator) = store::annotator_of(&article, &path) {
                found.entry(article).or_default().push((annotator, path));
            }
        }
    }
    for files in found.values_mut() {
        files.sort();
    }
    Ok(found)
}

/// The parties of `article`: gold (when `gold` and its file or journal exists), then each
/// annotator in `annotators`.
pub fn parties(article: &Path, annotators: &[(Annotator, PathBuf)], gold: bool) -> Parties {
    let settled = store::annotation_path(article);
    let has_gold = gold && (settled.exists() || store::journal_path(article).exists());
    has_gold
        .then(|| (Text::from(GOLD), Source::Gold))
        .into_iter()
        .chain(
            annotators
                .iter()
                .map(|(a, path)| (Text::from(a.as_str()), Source::Annotator(path.clone()))),
        )
        .collect()
}

/// Reads one party's annotations of `article` (whose text is `doc`), each file with the journal
/// its session left beside it (read only: nothing is folded or written).
pub fn read(article: &Path, source: &Source, doc: &Document) -> Result<AnnotationSet, Trouble> {
    let file = match source {
        Source::Gold => store::AnnotationFile::gold(article),
        Source::Annotator(path) => {
            let Some(annotator) = store::annotator_of(article, path) else {
                return Err(Trouble {
                    file: path.clone(),
                    place: None,
                    message: "not an annotator's file of this article".into(),
                });
            };
            return load(store::AnnotationFile::of(article, Some(&annotator)), doc);
        }
    };
    load(file, doc)
}

fn load(file: store::AnnotationFile<'_>, doc: &Document) -> Result<AnnotationSet, Trouble> {
    Ok(match store::load(file, doc)? {
        Some(loaded) => loaded.set,
        None => AnnotationSet::new(doc.paragraphs().len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_is_listed_once_and_names_follow_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        for name in [
            "a.txt",
            "a.ann.ron",
            "a.ann.budi.ron",
            "a.ann.ana.ron",
            "a.ann.conflict.ron",
            "a.ann.ana.journal",
            "x.ann.y.txt",
            "x.ann.y.ann.citra.ron",
            "sub/b.txt",
            "sub/b.ann.dewi.ron",
        ] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        let a = dir.path().join("a.txt");
        let x = dir.path().join("x.ann.y.txt");
        let b = sub.join("b.txt");
        let found = annotators_of(&[a.clone(), x.clone(), b.clone()]).unwrap();
        let names = |article: &PathBuf| -> Vec<String> {
            found[article].iter().map(|(n, _)| n.to_string()).collect()
        };
        assert_eq!(names(&a), ["ana", "budi"]);
        assert_eq!(names(&x), ["citra"]);
        assert_eq!(names(&b), ["dewi"]);
        assert_eq!(
            found[&a],
            store::annotator_files(&a).unwrap(),
            "the same as the store's own listing"
        );
        let with_gold = parties(&a, &found[&a], true);
        let order: Vec<&str> = with_gold.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(order, ["gold", "ana", "budi"]);
        assert_eq!(parties(&a, &found[&a], false).len(), 2);
    }
}

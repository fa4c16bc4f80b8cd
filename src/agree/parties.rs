//! Who annotated an article, and reading their files: each annotator's `stem.ann.NAME.ron`,
//! and with `--gold` the settled `stem.ann.ron` as the party [`GOLD`].

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

/// The parties of `article`: gold (when `gold` and its file or journal exists), then each
/// annotator in `annotators`.
pub fn parties(article: &Path, annotators: &[Annotator], gold: bool) -> Parties {
    let settled = store::annotation_path(article);
    let has_gold = gold && (settled.exists() || store::journal_path(article).exists());
    has_gold
        .then(|| (Text::from(GOLD), Source::Gold))
        .into_iter()
        .chain(annotators.iter().map(|a| {
            let path = store::annotator_path(article, a);
            (Text::from(a.as_str()), Source::Annotator(path))
        }))
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
    fn gold_first_then_the_annotators_in_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(dir.path().join("a.ann.ron"), "").unwrap();
        let names = [
            Annotator::new("ana").unwrap(),
            Annotator::new("budi").unwrap(),
        ];
        let with_gold = parties(&a, &names, true);
        let order: Vec<&str> = with_gold.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(order, ["gold", "ana", "budi"]);
        assert_eq!(
            with_gold[2].1,
            Source::Annotator(dir.path().join("a.ann.budi.ron"))
        );
        assert_eq!(parties(&a, &names, false).len(), 2);
    }
}

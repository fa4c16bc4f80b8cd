//! The annotators' versions of an article read together, for adjudication and for the
//! document list's question "are there unsettled differences here?".

use std::path::{Path, PathBuf};

use crate::model::disagreements::align;
use crate::model::{AnnotationSet, Document};

use super::annotators::{Annotator, annotator_files};
use super::error::{Problem, StoreError};
use super::{AnnotationFile, load};

/// One annotator's version of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    /// Who.
    pub annotator: Annotator,
    /// Their file (`dir/stem.ann.NAME.ron`).
    pub path: PathBuf,
    /// Their annotations.
    pub set: AnnotationSet,
}

/// Every annotator's file beside `article`, read with the checks of the annotation file
/// and continued by the journal their session left (the first that cannot be read is the
/// error, with its path, line and column), in the order of the annotators' names. Read only:
/// nothing is written, no journal folded.
pub fn load_parties(article: &Path, doc: &Document) -> Result<Vec<Party>, StoreError> {
    let dir = article.parent().unwrap_or(Path::new("."));
    let files =
        annotator_files(article).map_err(|err| StoreError::new(dir, None, Problem::Read(err)))?;
    files
        .into_iter()
        .filter_map(|(annotator, path)| {
            match load(AnnotationFile::of(article, Some(&annotator)), doc) {
                Ok(Some(loaded)) => Some(Ok(Party {
                    annotator,
                    path,
                    set: loaded.set,
                })),
                // Gone since the folder was listed.
                Ok(None) => None,
                Err(err) => Some(Err(err)),
            }
        })
        .collect()
}

/// How many differences between the annotators of `article` its gold file (with its
/// journal) has not settled yet, plus the conflicts a merge recorded in the gold: `None` when
/// no annotator's file is beside it and the gold records no conflict. What every annotator
/// agrees on and the gold lacks does not count (adjudication settles it on entry).
pub fn unsettled(article: &Path, doc: &Document) -> Result<Option<usize>, StoreError> {
    let parties = load_parties(article, doc)?;
    let gold = load(article, doc)?.map(|loaded| loaded.set);
    let named: Vec<(&str, &AnnotationSet)> = parties
        .iter()
        .map(|p| (p.annotator.as_str(), &p.set))
        .collect();
    Ok(count_unsettled(&named, gold.as_ref()))
}

/// What [`unsettled`] counts, from the sets already read: the differences between the
/// `parties` (name and annotations) that `gold` (`None`: no gold file) has not settled, plus
/// the conflicts it records; `None` without parties nor recorded conflicts.
pub fn count_unsettled(
    parties: &[(&str, &AnnotationSet)],
    gold: Option<&AnnotationSet>,
) -> Option<usize> {
    let recorded = gold.map_or(0, |g| g.conflicts().len());
    if parties.is_empty() {
        return (recorded > 0).then_some(recorded);
    }
    let empty = AnnotationSet::default();
    Some(align(parties).unsettled(gold.unwrap_or(&empty)) + recorded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Entity, Item, Span, smallvec};
    use crate::store::fixtures::{full_set, sample_doc};
    use crate::store::{Saver, annotator_path, save_to};

    #[test]
    fn an_annotators_journal_is_read_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        let doc = sample_doc();
        let budi = Annotator::new("budi").unwrap();
        let file = AnnotationFile::of(&article, Some(&budi));
        let mut set = AnnotationSet::new(doc.paragraphs().len());
        let mut saver = Saver::default();
        saver.save(file, &doc, &set, "budi", None).unwrap();
        let mut ids = set.next_ids;
        ids.entity += 1;
        let edits = [
            Edit::Ids {
                before: set.next_ids,
                after: ids,
            },
            Edit::Insert(Item::Entity(Entity {
                id: "e1".into(),
                label: "LOC".into(),
                spans: smallvec![Span::new(0, 6)],
                text: doc.slice(Span::new(0, 6)).into(),
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            })),
        ];
        for edit in &edits {
            set.apply(edit);
        }
        saver.save(file, &doc, &set, "budi", Some(&edits)).unwrap();
        let journal = file.journal();
        let (file_bytes, journal_bytes) = (
            std::fs::read(file.path()).unwrap(),
            std::fs::read(&journal).unwrap(),
        );
        let parties = load_parties(&article, &doc).unwrap();
        assert_eq!(parties.len(), 1);
        assert_eq!(parties[0].set.entities.len(), 1, "the journaled entity");
        assert_eq!(parties[0].set.entities[0].text, "MOSKWA");
        assert_eq!(std::fs::read(file.path()).unwrap(), file_bytes);
        assert_eq!(std::fs::read(&journal).unwrap(), journal_bytes);
    }

    #[test]
    fn differences_are_counted_until_the_gold_settles_them() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        let doc = sample_doc();
        assert_eq!(unsettled(&article, &doc).unwrap(), None);
        let alice = full_set(&doc);
        let mut budi = alice.clone();
        budi.entities[1].label = "ORG".into();
        for (name, set) in [("alice", &alice), ("budi", &budi)] {
            let path = annotator_path(&article, &Annotator::new(name).unwrap());
            save_to(&path, &article, &doc, set, name).unwrap();
        }
        let parties = load_parties(&article, &doc).unwrap();
        let names: Vec<&str> = parties.iter().map(|p| p.annotator.as_str()).collect();
        assert_eq!(names, ["alice", "budi"]);
        // Lavrov's label, and the claim whose claimant he is.
        assert_eq!(unsettled(&article, &doc).unwrap(), Some(2));
        save_to(
            &crate::store::annotation_path(&article),
            &article,
            &doc,
            &alice,
            "ed",
        )
        .unwrap();
        assert_eq!(unsettled(&article, &doc).unwrap(), Some(0));
    }
}

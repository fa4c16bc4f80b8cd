//! Reading one document as the list and the commands see it: its summary, or every problem
//! of it. The counting itself is pure (`state::summary`); this module does the reading.

use std::path::Path;

use super::walk::article_of;
use crate::model::{AnnotationSet, Document};
use crate::state::list::{AnnotatorFile, Progress};
pub use crate::state::summary::{Claims, Paragraphs, Quotes, Review, Summary, Trouble};
use crate::store::{self, AnnotationFile, Annotator, StoreError, annotation_path};

impl From<StoreError> for Trouble {
    fn from(err: StoreError) -> Self {
        Self {
            file: err.path().to_owned(),
            place: err.place().map(|p| (p.line, p.column)),
            message: err.problem().to_string(),
        }
    }
}

/// Built here rather than beside the type: naming the article of an annotation file is the
/// folder walk's rule.
impl Trouble {
    /// The trouble of an annotation file whose article is missing.
    pub fn orphan(annotation: &Path) -> Self {
        let article = article_of(annotation);
        let name = article.file_name().unwrap_or_default().to_string_lossy();
        Self {
            file: annotation.to_owned(),
            place: None,
            message: format!("annotation file without its article: there is no {name} beside it"),
        }
    }
}

/// Reads an article: its text as a document, or the trouble with it.
pub fn read_article(article: &Path) -> Result<Document, Trouble> {
    let bytes = std::fs::read(article).map_err(|err| Trouble {
        file: article.to_owned(),
        place: None,
        message: format!("cannot read the article: {err}"),
    })?;
    Document::from_bytes(bytes).map_err(|err| Trouble {
        file: article.to_owned(),
        place: Some((err.line, err.column)),
        message: format!(
            "the article is not valid UTF-8 (byte {}); tandai reads UTF-8 text only",
            err.byte
        ),
    })
}

/// Reads an article and its annotations (as opening it would) and counts them: those of its
/// gold file (given the article's path), or of an annotator's [`AnnotationFile`]. The error is
/// the first problem met, as opening the article would report it.
pub fn summarize<'a>(file: impl Into<AnnotationFile<'a>>) -> Result<Summary, Trouble> {
    let file = file.into();
    let doc = read_article(file.article())?;
    summary_of(file, &doc)
}

/// The counts of `file`, whose article's text is `doc`.
fn summary_of(file: AnnotationFile<'_>, doc: &Document) -> Result<Summary, Trouble> {
    match store::load(file, doc)? {
        Some(loaded) => Ok(Summary::of(&loaded.set, true)),
        None => Ok(Summary::of(
            &AnnotationSet::new(doc.paragraphs().len()),
            false,
        )),
    }
}

/// What the document list knows of one article after reading it once.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamSummary {
    /// The counts of the file the list opens, or the first problem met.
    pub opened: Result<Summary, Trouble>,
    /// How far each annotator's own file is.
    pub annotators: Vec<AnnotatorFile>,
    /// The differences between the annotators the gold has not settled, plus the conflicts
    /// it records ([`store::count_unsettled`]); `None` without annotators' files nor
    /// recorded conflicts, or when a file cannot be read.
    pub unsettled: Option<usize>,
}

/// Reads `article` once for the document list: the counts of the file it opens (the gold file,
/// or `whose` annotator's), as [`summarize`] gives them, how far each of `annotators`' own
/// files is (an annotator whose file is broken has the first problem met), and what is left
/// to settle between them. Each file is read once (the gold once more when the list opens an
/// annotator's files).
pub fn summarize_team(
    article: &Path,
    whose: Option<&Annotator>,
    annotators: &[Annotator],
) -> TeamSummary {
    let doc = match read_article(article) {
        Ok(doc) => doc,
        Err(trouble) => {
            return TeamSummary {
                opened: Err(trouble),
                annotators: Vec::new(),
                unsettled: None,
            };
        }
    };
    let opened_set = set_of(AnnotationFile::of(article, whose), &doc);
    let opened = opened_set.as_ref().map(|set| summary(set.as_ref(), &doc));
    let opened = opened.map_err(Trouble::clone);
    let mut sets: Vec<(&Annotator, AnnotationSet)> = Vec::new();
    let mut broken = false;
    let files = annotators
        .iter()
        .map(|annotator| {
            let read = match &opened_set {
                Ok(set) if whose == Some(annotator) => Ok(set.clone()),
                _ => set_of(AnnotationFile::of(article, Some(annotator)), &doc),
            };
            let progress = match read {
                Ok(None) => Progress::NoFile,
                Ok(Some(set)) => {
                    let progress = Progress::Counted(Summary::of(&set, true).paragraphs);
                    sets.push((annotator, set));
                    progress
                }
                Err(trouble) => {
                    broken = true;
                    Progress::Broken(trouble.short())
                }
            };
            AnnotatorFile {
                annotator: annotator.to_string(),
                progress,
            }
        })
        .collect();
    let gold = match (whose, &opened_set) {
        (None, Ok(set)) => Ok(set.clone()),
        (None, Err(trouble)) => Err(trouble.clone()),
        (Some(_), _) => set_of(AnnotationFile::gold(article), &doc),
    };
    let unsettled = match gold {
        Ok(gold) if !broken => {
            let named: Vec<(&str, &AnnotationSet)> =
                sets.iter().map(|(a, set)| (a.as_str(), set)).collect();
            store::count_unsettled(&named, gold.as_ref())
        }
        _ => None,
    };
    TeamSummary {
        opened,
        annotators: files,
        unsettled,
    }
}

/// The annotations of `file` (with its journal), `None` without a file.
fn set_of(file: AnnotationFile<'_>, doc: &Document) -> Result<Option<AnnotationSet>, Trouble> {
    Ok(store::load(file, doc)?.map(|loaded| loaded.set))
}

/// The counts of what a file holds (`None`: no file).
fn summary(set: Option<&AnnotationSet>, doc: &Document) -> Summary {
    match set {
        Some(set) => Summary::of(set, true),
        None => Summary::of(&AnnotationSet::new(doc.paragraphs().len()), false),
    }
}

/// Every problem of an article, its annotation file and journal, and the journals set aside
/// beside it, for `tandai check`; empty when the article reads, its annotation file is absent
/// or clean and no journal is kept aside.
pub fn inspect(article: &Path) -> Vec<Trouble> {
    match read_article(article) {
        Ok(doc) => store::problems(article, &doc)
            .into_iter()
            .map(Trouble::from)
            .collect(),
        Err(trouble) => {
            let mut all = vec![trouble];
            if annotation_path(article).exists() {
                all.push(Trouble {
                    file: annotation_path(article),
                    place: None,
                    message: "not checked: its article cannot be read".into(),
                });
            }
            all.extend(
                store::aside_problems(article)
                    .into_iter()
                    .map(Trouble::from),
            );
            all
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{About, Conflict, Edit, Item, Version};

    const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");
    const GOLD: &str = include_str!("../../sample-data/korut-dukung-rusia.ann.ron");

    fn relabel(set: &mut AnnotationSet, id: &str, label: &str) {
        let before = Item::Entity(set.entity(id).unwrap().clone());
        let mut after = before.clone();
        if let Item::Entity(e) = &mut after {
            e.label = label.into();
        }
        set.apply(&Edit::Replace { before, after });
    }

    #[test]
    fn the_list_counts_what_is_left_to_settle_from_the_files_it_reads() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        std::fs::write(&article, SAMPLE).unwrap();
        let doc = Document::new(SAMPLE);
        let alice_set = store::parse(&article, GOLD, &doc).unwrap().set;
        assert_eq!(summarize_team(&article, None, &[]).unsettled, None);
        let mut budi_set = alice_set.clone();
        relabel(&mut budi_set, "e1", "ORG");
        let names = [
            Annotator::new("alice").unwrap(),
            Annotator::new("budi").unwrap(),
        ];
        for (annotator, set) in names.iter().zip([&alice_set, &budi_set]) {
            let path = store::annotator_path(&article, annotator);
            store::save_to(&path, &article, &doc, set, annotator.as_str()).unwrap();
        }
        // The gold holds neither version of e1, and records a conflict about e2.
        let mut gold = alice_set.clone();
        relabel(&mut gold, "e1", "PER");
        let e2 = |label: &str| {
            let mut e = gold.entity("e2").unwrap().clone();
            e.label = label.into();
            Some(Version::Item(Item::Entity(e)))
        };
        let conflict = Conflict {
            about: About::Annotation("e2".into()),
            reason: "relabelled two ways".into(),
            base: e2("PER"),
            ours: e2("LOC"),
            theirs: e2("ORG"),
        };
        gold.apply(&Edit::Record(conflict));
        store::save(&article, &doc, &gold, "ed").unwrap();
        for whose in [None, Some(&names[0])] {
            let read = summarize_team(&article, whose, &names);
            assert_eq!(read.unsettled, Some(2), "e1 and the conflict ({whose:?})");
            assert_eq!(
                read.unsettled,
                store::unsettled(&article, &doc).unwrap(),
                "as adjudication counts"
            );
        }
        // Only the conflict: no annotators' files listed.
        assert_eq!(summarize_team(&article, None, &[]).unsettled, Some(1));
    }
}

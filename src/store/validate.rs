//! Checks a parsed annotation file against its article: every problem is an error, so the app
//! never opens (and later overwrites) annotations it did not read exactly.
//!
//! [`problems`] gathers every problem of the file (for `tandai check`); [`check`] refuses on
//! the first of them (for opening).

use std::path::Path;

use foldhash::{HashMap as FastMap, HashSet as FastSet};

use crate::model::id::{self, IdKind};
use crate::model::{AnnotationSet, Claim, Document, Item, NextIds, Quote, Span};
use crate::model::{attributes, relation};

use super::error::{Place, Problem, StoreError};
use super::locate;

/// The article as the file describes it.
pub struct Header<'a> {
    /// Hex SHA-256 of the article text.
    pub sha256: &'a str,
    /// Length of the article in characters.
    pub chars: usize,
}

/// The file being checked, to point errors at the right place.
pub struct Source<'a> {
    /// Path of the annotation file.
    pub path: &'a Path,
    /// Its text.
    pub text: &'a str,
}

impl Source<'_> {
    fn at(&self, place: Option<Place>, problem: Problem) -> StoreError {
        StoreError::new(self.path, place, problem)
    }

    fn at_field(&self, name: &str, problem: Problem) -> StoreError {
        self.at(locate::field(self.text, name), problem)
    }

    fn at_id(&self, id: &str, problem: Problem) -> StoreError {
        self.at(locate::id(self.text, id, 0), problem)
    }
}

/// Checks the header, ids, spans, texts, links and id counters of `set` against `doc`;
/// the first problem found is the error.
pub fn check(
    src: &Source,
    header: &Header,
    set: &AnnotationSet,
    doc: &Document,
) -> Result<(), StoreError> {
    match problems(src, header, set, doc).into_iter().next() {
        Some(first) => Err(first),
        None => Ok(()),
    }
}

/// Every problem of `set` against `doc`, in the order [`check`] meets them.
///
/// When the article changed (another hash or length), the spans are not compared with it: each
/// would differ, and the one real problem is the changed article.
pub fn problems(
    src: &Source,
    header: &Header,
    set: &AnnotationSet,
    doc: &Document,
) -> Vec<StoreError> {
    let mut found = Vec::new();
    let actual = doc.sha256();
    let same_article = header.sha256 == actual && header.chars == doc.len_chars();
    if header.sha256 != actual {
        found.push(src.at_field(
            "sha256",
            Problem::ArticleChanged {
                stored: header.sha256.to_owned(),
                actual,
            },
        ));
    }
    if header.chars != doc.len_chars() {
        found.push(src.at_field(
            "chars",
            Problem::CharCount {
                stored: header.chars,
                actual: doc.len_chars(),
            },
        ));
    }
    if set.paragraphs.len() != doc.paragraphs().len() {
        found.push(src.at_field(
            "paragraphs",
            Problem::ParagraphCount {
                stored: set.paragraphs.len(),
                actual: doc.paragraphs().len(),
            },
        ));
    }
    check_ids(src, set, &mut found);
    if same_article {
        for e in &set.entities {
            check_text(src, doc, &e.id, false, &e.spans, &e.text, &mut found);
        }
        for q in &set.quotes {
            check_text(src, doc, &q.id, false, &q.spans, &q.text, &mut found);
            if let Some(cue) = &q.cue {
                check_text(src, doc, &q.id, true, &cue.spans, &cue.text, &mut found);
            }
        }
        for c in &set.claims {
            check_text(src, doc, &c.id, false, &c.spans, &c.text, &mut found);
        }
    }
    check_links(src, set, &mut found);
    check_relations(src, set, &mut found);
    check_attributes(src, set, &mut found);
    check_conflicts(src, set, doc, same_article, &mut found);
    check_by(src, set, &mut found);
    found
}

/// The conflict rule: each recorded conflict is about a well-formed id below its kind's counter
/// (and every annotation version has that id, fragments inside the article and, on the same
/// article, its text) or about a paragraph of the article (and every version is a status).
/// Links inside versions are not checked: a version may link to what the other side deleted.
fn check_conflicts(
    src: &Source,
    set: &AnnotationSet,
    doc: &Document,
    same_article: bool,
    found: &mut Vec<StoreError>,
) {
    use crate::model::{About, Version};
    for (i, conflict) in set.conflicts.iter().enumerate() {
        let about = match &conflict.about {
            About::Annotation(id) => id.to_string(),
            About::Paragraph(n) => format!("paragraph {n}"),
        };
        let versions = [&conflict.base, &conflict.ours, &conflict.theirs];
        let mut versions = versions.into_iter().flatten();
        let what = match &conflict.about {
            About::Annotation(id) => match id::parse(id) {
                Some((kind, _)) if id_fits(id, kind, &set.next_ids) => {
                    versions.find_map(|v| match v {
                        Version::Status(_) => {
                            Some("a paragraph status as an annotation's version".to_owned())
                        }
                        Version::Item(item) if item.id() != id.as_str() => {
                            Some(format!("a version has the id {:?}", item.id()))
                        }
                        Version::Item(item) => version_fault(doc, item, same_article),
                    })
                }
                Some((kind, _)) => Some(format!(
                    "the id is not below next_ids.{} ({})",
                    kind.name(),
                    set.next_ids.of(kind)
                )),
                None => Some("not a well-formed annotation id".to_owned()),
            },
            About::Paragraph(n) if *n >= doc.paragraphs().len() => Some(format!(
                "the article has {} paragraphs",
                doc.paragraphs().len()
            )),
            About::Paragraph(_) => versions
                .any(|v| matches!(v, Version::Item(_)))
                .then(|| "an annotation as a paragraph's version".to_owned()),
        };
        if let Some(what) = what {
            let place = locate::conflict(src.text, i);
            let problem = Problem::BadConflict {
                number: i + 1,
                about,
                what,
            };
            found.push(src.at(place, problem));
        }
    }
}

/// The relation rule: each relation has a well-formed id (`r<number>`), given once and below
/// `next_ids.relation`, a kind, and both ends among the file's annotations (orphans included).
fn check_relations(src: &Source, set: &AnnotationSet, found: &mut Vec<StoreError>) {
    if set.relations.is_empty() {
        return;
    }
    let annotations: FastSet<&str> = (set.entities.iter().map(|e| e.id.as_str()))
        .chain(set.quotes.iter().map(|q| q.id.as_str()))
        .chain(set.claims.iter().map(|c| c.id.as_str()))
        .chain(set.orphans.iter().map(Item::id))
        .collect();
    let mut seen: FastMap<&str, usize> = FastMap::default();
    for r in &set.relations {
        let copies = seen.entry(r.id.as_str()).or_default();
        *copies += 1;
        let what = if *copies > 1 {
            Some("the id is given twice".to_owned())
        } else {
            match relation::number(&r.id) {
                None => Some("not of the form r<number>".to_owned()),
                Some(n) if n >= set.next_ids.relation => Some(format!(
                    "the id is not below next_ids.relation ({})",
                    set.next_ids.relation
                )),
                Some(_) if r.kind.trim().is_empty() => Some("the kind is empty".to_owned()),
                Some(_) => [("from", &r.from), ("to", &r.to)]
                    .into_iter()
                    .find(|(_, end)| !annotations.contains(end.as_str()))
                    .map(|(name, end)| format!("{name} {end:?} is not the id of any annotation")),
            }
        };
        if let Some(what) = what {
            let place = locate::id(src.text, &r.id, *copies - 1);
            let problem = Problem::BadRelation {
                id: r.id.to_string(),
                what,
            };
            found.push(src.at(place, problem));
        }
    }
}

/// The attribute rule: an annotation's attributes are sorted by name, each name once and
/// none empty.
fn check_attributes(src: &Source, set: &AnnotationSet, found: &mut Vec<StoreError>) {
    let items = (set
        .entities
        .iter()
        .map(|e| (e.id.as_str(), &e.attributes[..])))
    .chain(
        set.quotes
            .iter()
            .map(|q| (q.id.as_str(), &q.attributes[..])),
    )
    .chain(
        set.claims
            .iter()
            .map(|c| (c.id.as_str(), &c.attributes[..])),
    )
    .chain(set.orphans.iter().map(|o| (o.id(), o.attributes())));
    for (id, list) in items {
        let what = if let Some(a) = list.iter().find(|a| a.name.trim().is_empty()) {
            Some(format!(
                "an attribute has an empty name{}",
                match &a.value {
                    Some(v) => format!(" (value {v:?})"),
                    None => String::new(),
                }
            ))
        } else {
            attributes::misplaced(list).map(|a| {
                format!(
                    "{:?} is named twice or out of order (names are sorted, each once)",
                    a.name
                )
            })
        };
        if let Some(what) = what {
            let problem = Problem::BadAttribute {
                id: id.to_owned(),
                what,
            };
            found.push(src.at_id(id, problem));
        }
    }
}

/// Every name of an annotation's `by` list is an annotator's name, given once.
fn check_by(src: &Source, set: &AnnotationSet, found: &mut Vec<StoreError>) {
    let items = set
        .entities
        .iter()
        .map(|e| (&e.id, &e.by))
        .chain(set.quotes.iter().map(|q| (&q.id, &q.by)))
        .chain(set.claims.iter().map(|c| (&c.id, &c.by)));
    let orphans = set.orphans.iter().map(|o| (o.id(), o.by()));
    let items = items.map(|(id, by)| (id.as_str(), by)).chain(orphans);
    for (id, by) in items {
        for (i, name) in by.names().iter().enumerate() {
            let reason = match super::annotators::Annotator::new(name) {
                Err(bad) => bad.to_string(),
                Ok(_) if by.names()[..i].contains(name) => format!("{name:?} is named twice"),
                Ok(_) => continue,
            };
            let problem = Problem::BadBy {
                id: id.into(),
                name: name.to_string(),
                reason,
            };
            found.push(src.at_id(id, problem));
        }
    }
}

/// What is wrong with the fragments (and cue) of an annotation kept as a conflict's version:
/// each must be inside the article; on the same article, cover the stored text.
fn version_fault(doc: &Document, item: &Item, same_article: bool) -> Option<String> {
    let cue = match item {
        Item::Quote(q) => q.cue.as_ref().map(|c| (&c.spans[..], c.text.as_str())),
        _ => None,
    };
    let parts = std::iter::once((item.spans(), item.text())).chain(cue);
    for (spans, text) in parts {
        let fault = if same_article {
            fragments_fault(doc, spans, text)
        } else {
            let len = doc.len_chars();
            spans
                .iter()
                .find(|s| s.start >= s.end || s.end > len)
                .map(|&span| Fault::BadSpan {
                    span,
                    reason: format!("is empty or past the end of the article ({len} characters)"),
                })
        };
        match fault {
            None => {}
            Some(Fault::NoSpan) => return Some("a version has no span".to_owned()),
            Some(Fault::BadSpan { span, reason }) => {
                return Some(format!("span ({}, {}) {reason}", span.start, span.end));
            }
            Some(Fault::TextMismatch { actual }) => {
                return Some(format!(
                    "a version's text {text:?} is not the article's text there, {actual:?}"
                ));
            }
        }
    }
    None
}

/// The id rule: `id` is a well-formed id of `kind` whose number is below the kind's counter.
pub(super) fn id_fits(id: &str, kind: IdKind, next: &NextIds) -> bool {
    id::number_of(id, kind).is_some_and(|n| n < next.of(kind))
}

fn check_ids(src: &Source, set: &AnnotationSet, found: &mut Vec<StoreError>) {
    let orphans = |kind: &'static str| {
        set.orphans
            .iter()
            .filter(move |o| o.kind_name() == kind)
            .map(Item::id)
    };
    let kinds: [(IdKind, Vec<&str>); 3] = [
        (
            IdKind::Entity,
            (set.entities.iter().map(|x| x.id.as_str()))
                .chain(orphans("entity"))
                .collect(),
        ),
        (
            IdKind::Quote,
            (set.quotes.iter().map(|x| x.id.as_str()))
                .chain(orphans("quote"))
                .collect(),
        ),
        (
            IdKind::Claim,
            (set.claims.iter().map(|x| x.id.as_str()))
                .chain(orphans("claim"))
                .collect(),
        ),
    ];
    let mut seen: FastMap<&str, usize> = FastMap::default();
    seen.reserve(kinds.iter().map(|k| k.1.len()).sum());
    for (kind, ids) in kinds {
        let (prefix, next) = (kind.prefix(), set.next_ids.of(kind));
        let mut highest = 0;
        for id in ids {
            let copies = seen.entry(id).or_default();
            *copies += 1;
            if *copies > 1 {
                let place = locate::id(src.text, id, *copies - 1);
                found.push(src.at(place, Problem::DuplicateId(id.to_owned())));
                continue;
            }
            match id::number_of(id, kind) {
                Some(number) => highest = highest.max(number),
                None => {
                    let problem = Problem::BadId {
                        id: id.to_owned(),
                        prefix,
                    };
                    found.push(src.at_id(id, problem));
                }
            }
        }
        if next <= highest {
            let problem = Problem::NextIds {
                kind: kind.name(),
                prefix,
                next,
                highest,
            };
            found.push(src.at_field("next_ids", problem));
        }
    }
}

/// What is wrong with the fragments of an annotation (or of its cue) and the text stored for
/// them.
pub(super) enum Fault {
    /// There are no fragments.
    NoSpan,
    /// A fragment is out of place; `reason` says how.
    BadSpan { span: Span, reason: String },
    /// The fragments cover another text than the one stored.
    TextMismatch { actual: String },
}

/// The fragment rule: at least one fragment, each non-empty, inside the article and after the
/// one before it, together covering exactly `stored`. Costs the fragments, not the article.
pub(super) fn fragments_fault(doc: &Document, spans: &[Span], stored: &str) -> Option<Fault> {
    if spans.is_empty() {
        return Some(Fault::NoSpan);
    }
    let len = doc.len_chars();
    let mut previous_end = 0;
    for &span in spans {
        let reason = if span.start > span.end {
            Some("ends before it starts".to_owned())
        } else if span.start == span.end {
            Some("is empty".to_owned())
        } else if span.end > len {
            Some(format!(
                "goes past the end of the article ({len} characters)"
            ))
        } else if span.start < previous_end {
            Some("overlaps or comes before the fragment before it".to_owned())
        } else {
            None
        };
        if let Some(reason) = reason {
            return Some(Fault::BadSpan { span, reason });
        }
        previous_end = span.end;
    }
    let same = match spans {
        [one] => doc.slice(*one) == stored,
        _ => doc.slice_fragments(spans) == stored,
    };
    (!same).then(|| Fault::TextMismatch {
        actual: doc.slice_fragments(spans),
    })
}

fn check_text(
    src: &Source,
    doc: &Document,
    id: &str,
    cue: bool,
    spans: &[Span],
    stored: &str,
    found: &mut Vec<StoreError>,
) {
    let problem = match fragments_fault(doc, spans, stored) {
        None => return,
        Some(Fault::NoSpan) => Problem::NoSpan {
            id: id.into(),
            what: if cue { "its cue" } else { "the annotation" },
        },
        Some(Fault::BadSpan { span, reason }) => Problem::BadSpan {
            id: id.into(),
            span,
            reason,
        },
        Some(Fault::TextMismatch { actual }) => Problem::TextMismatch {
            id: id.into(),
            what: if cue { "cue text" } else { "text" },
            stored: stored.into(),
            actual,
        },
    };
    found.push(src.at_id(id, problem));
}

/// A link from one annotation to another: the field holding it, the id it names and the kind
/// that id must be.
pub(super) struct Link<'a> {
    pub(super) field: &'static str,
    pub(super) target: &'a str,
    pub(super) kind: IdKind,
}

/// The link rule's links of a quote: its speaker is an entity.
pub(super) fn quote_links(q: &Quote) -> impl Iterator<Item = Link<'_>> {
    let speaker = q.speaker.as_deref().map(|target| Link {
        field: "speaker",
        target,
        kind: IdKind::Entity,
    });
    speaker.into_iter()
}

/// The link rule's links of a claim: its claimant is an entity, its quote a quote.
pub(super) fn claim_links(c: &Claim) -> impl Iterator<Item = Link<'_>> {
    let claimant = c.claimant.as_deref().map(|target| Link {
        field: "claimant",
        target,
        kind: IdKind::Entity,
    });
    let quote = c.quote.as_deref().map(|target| Link {
        field: "quote",
        target,
        kind: IdKind::Quote,
    });
    claimant.into_iter().chain(quote)
}

fn check_links<'a>(src: &Source, set: &'a AnnotationSet, found: &mut Vec<StoreError>) {
    let dangling = |id: &str, field, target: &str, kind| {
        let problem = Problem::DanglingLink {
            id: id.into(),
            field,
            target: target.into(),
            kind,
        };
        src.at_id(id, problem)
    };
    // The set is not sorted (nor indexed) yet: look ids up in sets, not by scanning. Orphans
    // are still annotations: links to and from them must resolve too.
    let ids = |kind: &str, listed: Vec<&'a str>| -> FastSet<&'a str> {
        let orphans = set.orphans.iter().filter(|o| o.kind_name() == kind);
        listed.into_iter().chain(orphans.map(Item::id)).collect()
    };
    let entities = ids(
        "entity",
        set.entities.iter().map(|e| e.id.as_str()).collect(),
    );
    let quotes = ids("quote", set.quotes.iter().map(|q| q.id.as_str()).collect());
    let check = |id: &str, links: &mut dyn Iterator<Item = Link>, found: &mut Vec<StoreError>| {
        for link in links {
            let known = match link.kind {
                IdKind::Entity => &entities,
                IdKind::Quote => &quotes,
                IdKind::Claim => continue,
            };
            if !known.contains(link.target) {
                found.push(dangling(id, link.field, link.target, link.kind.name()));
            }
        }
    };
    let check_quote = |q: &Quote, found: &mut Vec<StoreError>| {
        check(&q.id, &mut quote_links(q), found);
    };
    let check_claim = |c: &Claim, found: &mut Vec<StoreError>| {
        check(&c.id, &mut claim_links(c), found);
    };
    set.quotes.iter().for_each(|q| check_quote(q, found));
    set.claims.iter().for_each(|c| check_claim(c, found));
    for orphan in &set.orphans {
        match orphan {
            Item::Quote(q) => check_quote(q, found),
            Item::Claim(c) => check_claim(c, found),
            Item::Entity(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use crate::model::{About, Conflict, Edit, Item, ParagraphStatus, Version};
    use crate::store::fixtures::{full_set, sample_doc};
    use crate::store::{annotation_path, load, save};

    /// The full set with a relabel recorded as a conflict, and a paragraph status one.
    fn with_conflicts() -> crate::model::AnnotationSet {
        let doc = sample_doc();
        let mut set = full_set(&doc);
        let ours = set.get("e1").unwrap();
        let relabel = |label: &str| match ours.clone() {
            Item::Entity(mut e) => {
                e.label = label.into();
                Version::Item(Item::Entity(e))
            }
            _ => unreachable!(),
        };
        set.apply(&Edit::Record(Conflict {
            about: About::Annotation("e1".into()),
            reason: "relabelled two ways".into(),
            base: Some(relabel("ORG")),
            ours: Some(Version::Item(ours.clone())),
            theirs: None,
        }));
        set.apply(&Edit::Record(Conflict {
            about: About::Paragraph(1),
            reason: "status changed two ways".into(),
            base: Some(Version::Status(ParagraphStatus::Todo)),
            ours: Some(Version::Status(ParagraphStatus::Done)),
            theirs: Some(Version::Status(ParagraphStatus::Flagged)),
        }));
        set
    }

    #[test]
    fn recorded_conflicts_save_and_load_back_by_both_readers() {
        let doc = sample_doc();
        let set = with_conflicts();
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        save(&article, &doc, &set, "editor").unwrap();
        let text = fs::read_to_string(annotation_path(&article)).unwrap();
        assert!(text.contains("    conflicts: [\n        (about: Annotation(\"e1\"), reason: \"relabelled two ways\", base: Entity((id: \"e1\""), "{text}");
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
        // A hand edit outside the fast reader's subset goes to ron, which reads the same.
        let edited = text.replace("ours: Status(Done)", "ours: Some(Status(Done))");
        assert_ne!(edited, text);
        fs::write(annotation_path(&article), edited).unwrap();
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
    }

    #[test]
    fn a_conflict_that_does_not_fit_is_refused_with_its_place() {
        let doc = sample_doc();
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        save(&article, &doc, &with_conflicts(), "editor").unwrap();
        let text = fs::read_to_string(annotation_path(&article)).unwrap();
        let line = text
            .lines()
            .position(|l| l.contains("about: Paragraph"))
            .unwrap()
            + 1;
        for (from, to, message) in [
            (
                "Paragraph(1)",
                "Paragraph(99)",
                "conflict 2 (paragraph 99): the article has 24 paragraphs",
            ),
            (
                "ours: Status(Done)",
                "ours: Entity((id: \"e1\", label: \"PER\", spans: [(41, 53)], text: \"Choe Son Hui\"))",
                "an annotation as a paragraph's version",
            ),
        ] {
            fs::write(annotation_path(&article), text.replace(from, to)).unwrap();
            let err = load(&article, &doc).unwrap_err();
            assert_eq!((err.line(), err.column()), (Some(line), Some(10)), "{err}");
            assert!(err.to_string().contains(message), "{err}");
        }
        let first = text
            .lines()
            .position(|l| l.contains("about: Annotation"))
            .unwrap()
            + 1;
        for (from, to, message) in [
            (
                "Annotation(\"e1\")",
                "Annotation(\"e99\")",
                "not below next_ids.entity",
            ),
            (
                "Annotation(\"e1\")",
                "Annotation(\"x1\")",
                "not a well-formed annotation id",
            ),
            (
                "spans: [(41, 53)], text: \"Choe Son Hui\")), ours",
                "spans: [(41, 5300)], text: \"Choe Son Hui\")), ours",
                "span (41, 5300) goes past the end",
            ),
            (
                "base: Entity((id: \"e1\"",
                "base: Entity((id: \"e2\"",
                "a version has the id \"e2\"",
            ),
        ] {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            fs::write(annotation_path(&article), changed).unwrap();
            let err = load(&article, &doc).unwrap_err();
            assert_eq!((err.line(), err.column()), (Some(first), Some(10)), "{err}");
            assert!(err.to_string().contains(message), "{err}");
        }
    }
}

#[cfg(test)]
mod by_tests {
    use std::path::Path;

    use crate::model::Document;
    use crate::store::parse;

    const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.ann.ron");
    const ARTICLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

    fn read(text: &str) -> Result<crate::store::Loaded, crate::store::StoreError> {
        parse(Path::new("a.ann.ron"), text, &Document::new(ARTICLE))
    }

    /// The sample with `by` added to its first entity (`e3`).
    fn with_by(by: &str) -> String {
        let (line, rest) = SAMPLE.split_once("text: \"Choe Son Hui\"").unwrap();
        format!("{line}text: \"Choe Son Hui\", by: {by}{rest}")
    }

    #[test]
    fn who_made_an_annotation_is_read_back_and_old_files_load_unchanged() {
        let loaded = read(&with_by(r#"["alice", "budi"]"#)).unwrap();
        assert_eq!(
            loaded.set.entity("e3").unwrap().by.names(),
            ["alice", "budi"]
        );
        let old = read(SAMPLE).unwrap().set;
        assert!(old.items().all(|item| item.by().is_empty()));
    }

    #[test]
    fn a_name_that_is_no_annotators_or_is_there_twice_is_refused_with_its_place() {
        for (by, says) in [
            (
                r#"["alice", "al ice"]"#,
                "e3: by: the annotator's name \"al ice\"",
            ),
            (r#"["alice", "alice"]"#, "e3: by: \"alice\" is named twice"),
            (r#"[""]"#, "e3: by: an annotator's name cannot be empty"),
        ] {
            let err = read(&with_by(by)).unwrap_err().to_string();
            assert!(err.contains(says), "{err}");
            assert!(err.starts_with("a.ann.ron:39:10: "), "{err}");
        }
    }
}

#[cfg(test)]
mod interchange_tests {
    use std::path::Path;

    use crate::model::{Attribute, Document, Kept, Origin, Relation};
    use crate::store::fixtures::{full_set, sample_doc};
    use crate::store::{fast_v1, parse, to_ron};

    /// The full set with attributes, two relations and kept brat lines.
    fn with_interchange() -> (Document, crate::model::AnnotationSet) {
        let doc = sample_doc();
        let mut set = full_set(&doc);
        set.entities[0].attributes = vec![
            Attribute::valued("Category", "Person"),
            Attribute::flag("Negated"),
        ];
        let (e, q) = (set.entities[0].id.clone(), set.quotes[0].id.clone());
        set.relations = vec![
            Relation {
                id: "r1".into(),
                kind: "Mentions".into(),
                from: q.clone(),
                to: e.clone(),
                note: Some("tab\there".into()),
            },
            Relation {
                id: "r2".into(),
                kind: "Same".into(),
                from: e,
                to: q,
                note: None,
            },
        ];
        set.kept = vec![Kept {
            format: "brat".into(),
            lines: vec!["E1\tAttack:T3 Target:T1".into(), "*\tEquiv T1 T2".into()],
            ids: vec![
                Origin {
                    id: "T1".into(),
                    what: "e1".into(),
                },
                Origin {
                    id: "E1".into(),
                    what: "".into(),
                },
            ],
        }];
        set.next_ids.relation = 3;
        set.sort();
        (doc, set)
    }

    #[test]
    fn attributes_relations_and_kept_lines_save_and_read_back_by_both_readers() {
        let (doc, set) = with_interchange();
        let path = Path::new("korut-dukung-rusia.txt");
        let text = to_ron(path, &doc, &set, "editor");
        assert!(
            text.contains(
                ", attributes: [(name: \"Category\", value: \"Person\"), (name: \"Negated\")])"
            ),
            "{text}"
        );
        assert!(
            text.contains("    relations: [\n        (id: \"r1\", kind: \"Mentions\""),
            "{text}"
        );
        assert!(
            text.contains(
                "    kept: [\n        (format: \"brat\", lines: [\"E1\\tAttack:T3 Target:T1\""
            ),
            "{text}"
        );
        assert!(text.contains("        relation: 3,\n    ),\n)\n"), "{text}");
        let fast = fast_v1::read(&text).expect("in the fast reader's subset");
        assert_eq!(fast.set.relations, set.relations);
        assert_eq!(fast.set.kept, set.kept);
        let loaded = parse(Path::new("a.ann.ron"), &text, &doc).unwrap();
        assert_eq!(loaded.set, set);
        // ron reads what the fast reader declines (a hand edit) the same way.
        let edited = text.replace("note: \"tab\\there\"", "note: Some(\"tab\\there\")");
        assert_ne!(edited, text);
        assert!(fast_v1::read(&edited).is_none());
        assert_eq!(
            parse(Path::new("a.ann.ron"), &edited, &doc).unwrap().set,
            set
        );
    }

    #[test]
    fn a_dangling_or_misnumbered_relation_is_refused_with_its_place() {
        let (doc, set) = with_interchange();
        let text = to_ron(Path::new("korut-dukung-rusia.txt"), &doc, &set, "editor");
        let line = text
            .lines()
            .position(|l| l.contains("(id: \"r2\""))
            .unwrap()
            + 1;
        for (from, to, says) in [
            (
                "kind: \"Same\", from: \"e",
                "kind: \"Same\", from: \"e9",
                "from \"e9",
            ),
            (
                "(id: \"r2\"",
                "(id: \"r7\"",
                "relation r7: the id is not below next_ids.relation (3)",
            ),
            (
                "(id: \"r2\"",
                "(id: \"x2\"",
                "relation x2: not of the form r<number>",
            ),
            (
                "(id: \"r2\"",
                "(id: \"r1\"",
                "relation r1: the id is given twice",
            ),
        ] {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            let err = parse(Path::new("a.ann.ron"), &changed, &doc).unwrap_err();
            assert!(err.to_string().contains(says), "{err}");
            assert_eq!((err.line(), err.column()), (Some(line), Some(10)), "{err}");
        }
        let twice = text.replace("(name: \"Negated\")", "(name: \"Category\")");
        let err = parse(Path::new("a.ann.ron"), &twice, &doc)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("attributes: \"Category\" is named twice"),
            "{err}"
        );
    }
}

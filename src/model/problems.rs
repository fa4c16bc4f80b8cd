//! What a reviewer should look at: annotations that are incomplete or inconsistent.

use std::collections::BTreeMap;

use super::annotation::{Item, ParagraphStatus, Text};
use super::document::Document;
use super::set::AnnotationSet;

/// One thing wrong (or worth a second look) with an annotation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// A quote without a speaker.
    NoSpeaker,
    /// A claim without a claimant.
    NoClaimant,
    /// A link to an annotation that does not exist (any more).
    DanglingLink(Text),
    /// The text stored with the annotation is not what its spans cover in the article.
    TextMismatch,
    /// The annotation sits in a paragraph not marked done (1-based number).
    ParagraphNotDone(usize),
    /// The same entity text carries other labels elsewhere in the document.
    LabelConflict(Vec<Text>),
    /// Its text is no longer in the (changed) article: it has no place until re-attached.
    Orphan,
}

impl Problem {
    /// A short description for the review panel.
    pub fn describe(&self) -> String {
        match self {
            Problem::NoSpeaker => "no speaker".into(),
            Problem::NoClaimant => "no claimant".into(),
            Problem::DanglingLink(id) => format!("link to deleted {id}"),
            Problem::TextMismatch => "text no longer matches the article".into(),
            Problem::ParagraphNotDone(n) => format!("¶{n} not done"),
            Problem::LabelConflict(labels) => format!("also tagged {}", labels.join(", ")),
            Problem::Orphan => {
                "orphan: its text is not in the article (p re-attaches, x deletes)".into()
            }
        }
    }
}

/// Every problem of every annotation, by id (annotations without problems are left out).
pub fn problems(doc: &Document, set: &AnnotationSet) -> BTreeMap<String, Vec<Problem>> {
    let labels_of_text = labels_by_text(set);
    let mut found: BTreeMap<String, Vec<Problem>> = BTreeMap::new();
    for item in set.items() {
        let mut list = Vec::new();
        let dangling = |id: &Option<Text>, list: &mut Vec<Problem>| {
            if let Some(id) = id
                && set.get(id).is_none()
                && set.orphan(id).is_none()
            {
                list.push(Problem::DanglingLink(id.clone()));
            }
        };
        match &item {
            Item::Entity(e) => {
                let others: Vec<Text> = labels_of_text
                    .get(&text_key(&e.text))
                    .into_iter()
                    .flatten()
                    .filter(|l| **l != e.label)
                    .cloned()
                    .collect();
                if !others.is_empty() {
                    list.push(Problem::LabelConflict(others));
                }
            }
            Item::Quote(q) => {
                match &q.speaker {
                    None => list.push(Problem::NoSpeaker),
                    Some(id) if set.entity(id).is_none() && set.orphan(id).is_none() => {
                        list.push(Problem::DanglingLink(id.clone()));
                    }
                    Some(_) => {}
                }
                if q.cue
                    .as_ref()
                    .is_some_and(|c| doc.slice_fragments(&c.spans) != c.text)
                {
                    list.push(Problem::TextMismatch);
                }
            }
            Item::Claim(c) => {
                match &c.claimant {
                    None => list.push(Problem::NoClaimant),
                    Some(id) if set.entity(id).is_none() && set.orphan(id).is_none() => {
                        list.push(Problem::DanglingLink(id.clone()));
                    }
                    Some(_) => {}
                }
                dangling(&c.quote, &mut list);
            }
        }
        if doc.slice_fragments(item.spans()) != item_text(&item)
            && !list.contains(&Problem::TextMismatch)
        {
            list.push(Problem::TextMismatch);
        }
        let mut paragraphs: Vec<usize> = item
            .spans()
            .iter()
            .filter_map(|s| doc.paragraph_at(s.start))
            .collect();
        paragraphs.dedup();
        for p in paragraphs {
            let status = set.paragraphs.get(p).copied().unwrap_or_default();
            if status != ParagraphStatus::Done {
                list.push(Problem::ParagraphNotDone(p + 1));
            }
        }
        if !list.is_empty() {
            found.insert(item.id().to_owned(), list);
        }
    }
    for orphan in &set.orphans {
        found.insert(orphan.id().to_owned(), vec![Problem::Orphan]);
    }
    found
}

fn item_text(item: &Item) -> &str {
    match item {
        Item::Entity(e) => &e.text,
        Item::Quote(q) => &q.text,
        Item::Claim(c) => &c.text,
    }
}

/// Entity texts compare without case and surrounding space: "Korea Utara" = "korea utara".
fn text_key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The labels each entity text carries in the set, in first-seen order.
fn labels_by_text(set: &AnnotationSet) -> BTreeMap<String, Vec<Text>> {
    let mut map: BTreeMap<String, Vec<Text>> = BTreeMap::new();
    for e in &set.entities {
        let labels = map.entry(text_key(&e.text)).or_default();
        if !labels.contains(&e.label) {
            labels.push(e.label.clone());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, Edit, Entity, Quote, Span};
    use smallvec::smallvec;

    const TEXT: &str = "Korea Utara kata Ali.\nKorea utara dan Rusia.\n";

    fn entity(id: &str, label: &str, start: usize, end: usize) -> Item {
        let doc = Document::new(TEXT);
        Item::Entity(Entity {
            id: id.into(),
            label: label.into(),
            spans: smallvec![Span::new(start, end)],
            text: doc.slice(Span::new(start, end)).into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        })
    }

    fn set_with(items: Vec<Item>) -> AnnotationSet {
        let mut set = AnnotationSet::new(2);
        for item in items {
            set.apply(&Edit::Insert(item));
        }
        set
    }

    #[test]
    fn finds_each_kind_of_problem() {
        let doc = Document::new(TEXT);
        let mut set = set_with(vec![
            entity("e1", "LOC", 0, 11),
            entity("e2", "ORG", 22, 33),
            entity("e3", "PER", 17, 20),
            Item::Quote(Quote {
                id: "q1".into(),
                kind: Default::default(),
                spans: smallvec![Span::new(0, 11)],
                text: "Korea Utara".into(),
                cue: None,
                speaker: None,
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            }),
            Item::Claim(Claim {
                id: "c1".into(),
                spans: smallvec![Span::new(22, 43)],
                text: "stale text".into(),
                claimant: Some("e3".into()),
                quote: Some("q9".into()),
                checkworthy: None,
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            }),
        ]);
        set.paragraphs[0] = ParagraphStatus::Done;
        let found = problems(&doc, &set);
        assert_eq!(found["e1"], [Problem::LabelConflict(vec!["ORG".into()])]);
        assert_eq!(
            found["e2"],
            [
                Problem::LabelConflict(vec!["LOC".into()]),
                Problem::ParagraphNotDone(2)
            ]
        );
        assert!(!found.contains_key("e3"));
        assert_eq!(found["q1"], [Problem::NoSpeaker]);
        assert_eq!(
            found["c1"],
            [
                Problem::DanglingLink("q9".into()),
                Problem::TextMismatch,
                Problem::ParagraphNotDone(2)
            ]
        );
        assert_eq!(found["c1"][0].describe(), "link to deleted q9");
    }
}

//! All annotations of one article, kept in a stable order, changed only through [`Edit`]s.

use serde::{Deserialize, Serialize};

use super::annotation::{Claim, Entity, Item, ParagraphStatus, Quote};
use super::span::Span;

/// The next free number for each kind of id; ids are never reused after a delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextIds {
    /// Next entity number (`e<n>`).
    pub entity: u64,
    /// Next quote number (`q<n>`).
    pub quote: u64,
    /// Next claim number (`c<n>`).
    pub claim: u64,
}

impl Default for NextIds {
    fn default() -> Self {
        Self {
            entity: 1,
            quote: 1,
            claim: 1,
        }
    }
}

/// One reversible change to an [`AnnotationSet`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Adds an annotation.
    Insert(Item),
    /// Removes an annotation (matched by id).
    Remove(Item),
    /// Replaces `before` by `after` (same id).
    Replace {
        /// The annotation as it was.
        before: Item,
        /// The annotation as it becomes.
        after: Item,
    },
    /// Changes a paragraph's status.
    Status {
        /// Paragraph index.
        paragraph: usize,
        /// Status before.
        before: ParagraphStatus,
        /// Status after.
        after: ParagraphStatus,
    },
    /// Advances (or, undone, rewinds) the id counters.
    Ids {
        /// Counters before.
        before: NextIds,
        /// Counters after.
        after: NextIds,
    },
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Insert(item) => Edit::Remove(item.clone()),
            Edit::Remove(item) => Edit::Insert(item.clone()),
            Edit::Replace { before, after } => Edit::Replace {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Status {
                paragraph,
                before,
                after,
            } => Edit::Status {
                paragraph: *paragraph,
                before: *after,
                after: *before,
            },
            Edit::Ids { before, after } => Edit::Ids {
                before: *after,
                after: *before,
            },
        }
    }
}

/// The annotations of one article: paragraph statuses, entities, quotes and claims.
///
/// Each collection is kept sorted by first offset, then id number, so that saving is
/// deterministic and diffs stay small.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationSet {
    /// One status per paragraph of the article.
    pub paragraphs: Vec<ParagraphStatus>,
    /// Entities, in order.
    pub entities: Vec<Entity>,
    /// Quotes, in order.
    pub quotes: Vec<Quote>,
    /// Claims, in order.
    pub claims: Vec<Claim>,
    /// Id counters.
    pub next_ids: NextIds,
}

fn order_key(spans: &[Span], id: &str) -> (usize, u64, String) {
    let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let number = id
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(u64::MAX);
    (start, number, id.to_owned())
}

fn insert_sorted<T>(list: &mut Vec<T>, value: T, key: impl Fn(&T) -> (usize, u64, String)) {
    let k = key(&value);
    let at = list.partition_point(|x| key(x) < k);
    list.insert(at, value);
}

fn remove_by_id<T>(list: &mut Vec<T>, id: &str, get: impl Fn(&T) -> &str) -> Option<T> {
    let at = list.iter().position(|x| get(x) == id)?;
    Some(list.remove(at))
}

impl AnnotationSet {
    /// An empty set for an article of `paragraphs` paragraphs.
    pub fn new(paragraphs: usize) -> Self {
        Self {
            paragraphs: vec![ParagraphStatus::Todo; paragraphs],
            ..Self::default()
        }
    }

    /// Applies one edit. Edits built from the set's current contents always apply; an edit
    /// naming a missing id or paragraph changes nothing.
    pub fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Insert(item) => self.insert(item.clone()),
            Edit::Remove(item) => {
                self.remove(item.id());
            }
            Edit::Replace { before, after } => {
                self.remove(before.id());
                self.insert(after.clone());
            }
            Edit::Status {
                paragraph, after, ..
            } => {
                if let Some(status) = self.paragraphs.get_mut(*paragraph) {
                    *status = *after;
                }
            }
            Edit::Ids { after, .. } => self.next_ids = *after,
        }
    }

    fn insert(&mut self, item: Item) {
        match item {
            Item::Entity(e) => insert_sorted(&mut self.entities, e, |x| order_key(&x.spans, &x.id)),
            Item::Quote(q) => insert_sorted(&mut self.quotes, q, |x| order_key(&x.spans, &x.id)),
            Item::Claim(c) => insert_sorted(&mut self.claims, c, |x| order_key(&x.spans, &x.id)),
        }
    }

    fn remove(&mut self, id: &str) -> Option<Item> {
        remove_by_id(&mut self.entities, id, |x| &x.id)
            .map(Item::Entity)
            .or_else(|| remove_by_id(&mut self.quotes, id, |x| &x.id).map(Item::Quote))
            .or_else(|| remove_by_id(&mut self.claims, id, |x| &x.id).map(Item::Claim))
    }

    /// Restores the stable order after the collections were filled by hand (e.g. on load).
    pub fn sort(&mut self) {
        self.entities.sort_by_key(|x| order_key(&x.spans, &x.id));
        self.quotes.sort_by_key(|x| order_key(&x.spans, &x.id));
        self.claims.sort_by_key(|x| order_key(&x.spans, &x.id));
    }

    /// The annotation with this id.
    pub fn get(&self, id: &str) -> Option<Item> {
        self.entity(id)
            .cloned()
            .map(Item::Entity)
            .or_else(|| self.quote(id).cloned().map(Item::Quote))
            .or_else(|| {
                self.claims
                    .iter()
                    .find(|c| c.id == id)
                    .cloned()
                    .map(Item::Claim)
            })
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The quote with this id.
    pub fn quote(&self, id: &str) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.id == id)
    }

    /// Every annotation, entities first, then quotes, then claims.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        self.entities
            .iter()
            .cloned()
            .map(Item::Entity)
            .chain(self.quotes.iter().cloned().map(Item::Quote))
            .chain(self.claims.iter().cloned().map(Item::Claim))
    }

    /// Annotations touching character `offset` (a quote's cue counts), innermost first.
    pub fn at(&self, offset: usize) -> Vec<Item> {
        let mut found: Vec<Item> = self.items().filter(|i| i.touches(offset)).collect();
        found.sort_by_key(|i| (i.covered(), i.id().to_owned()));
        found
    }

    /// Annotations with a fragment overlapping `range`, in stable order.
    pub fn overlapping(&self, range: Span) -> Vec<Item> {
        self.items()
            .filter(|i| i.spans().iter().any(|s| s.overlaps(&range)))
            .collect()
    }

    /// Total counts of entities, quotes and claims.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.entities.len(), self.quotes.len(), self.claims.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, start: usize) -> Item {
        Item::Entity(Entity {
            id: id.into(),
            label: "PER".into(),
            spans: vec![Span::new(start, start + 3)],
            text: "abc".into(),
            note: None,
            review: Default::default(),
        })
    }

    #[test]
    fn insert_keeps_document_order_then_id_number() {
        let mut set = AnnotationSet::new(1);
        for (id, start) in [("e10", 5), ("e2", 5), ("e1", 9), ("e3", 0)] {
            set.apply(&Edit::Insert(entity(id, start)));
        }
        let ids: Vec<&str> = set.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e3", "e2", "e10", "e1"]);
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let mut set = AnnotationSet::new(2);
        set.apply(&Edit::Insert(entity("e1", 0)));
        let original = set.clone();
        let mut changed = entity("e1", 0);
        if let Item::Entity(e) = &mut changed {
            e.label = "ORG".into();
        }
        let edits = [
            Edit::Insert(entity("e2", 4)),
            Edit::Remove(entity("e1", 0)),
            Edit::Replace {
                before: entity("e1", 0),
                after: changed,
            },
            Edit::Status {
                paragraph: 1,
                before: ParagraphStatus::Todo,
                after: ParagraphStatus::Done,
            },
            Edit::Ids {
                before: NextIds::default(),
                after: NextIds {
                    entity: 3,
                    quote: 1,
                    claim: 1,
                },
            },
        ];
        for edit in &edits {
            let mut copy = original.clone();
            copy.apply(edit);
            assert_ne!(copy, original, "{edit:?} changed nothing");
            copy.apply(&edit.inverse());
            assert_eq!(copy, original, "{edit:?} not undone");
        }
    }

    #[test]
    fn at_lists_innermost_first() {
        let mut set = AnnotationSet::new(1);
        set.apply(&Edit::Insert(entity("e1", 0)));
        set.apply(&Edit::Insert(Item::Quote(Quote {
            id: "q1".into(),
            kind: Default::default(),
            spans: vec![Span::new(0, 10)],
            text: String::new(),
            cue: None,
            speaker: None,
            note: None,
            review: Default::default(),
        })));
        let ids: Vec<String> = set.at(1).iter().map(|i| i.id().to_owned()).collect();
        assert_eq!(ids, ["e1", "q1"]);
        assert_eq!(set.at(5).len(), 1);
    }
}

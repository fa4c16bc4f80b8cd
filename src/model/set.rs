//! All annotations of one article, kept in a stable order, changed only through [`Edit`]s.

mod index;
#[cfg(test)]
mod tests;

use super::annotation::{Claim, Entity, Item, ParagraphStatus, Quote};
use super::conflict::Conflict;
use super::edit::{Edit, NextIds};
use super::id;
use super::kept::Kept;
use super::rejection::Rejection;
use super::relation::{self, Relation};
use super::span::{self, Span};

pub use index::Index;
use index::Window;
use index::{Placed, key_of};

/// The annotations of one article: paragraph statuses, entities, quotes and claims.
///
/// Each collection is kept sorted by first offset, then id number, so that saving is
/// deterministic and diffs stay small.
///
/// A small index (how far an annotation reaches from its first offset, and ids to offsets)
/// makes lookups by place and by id logarithmic. It follows every [`Edit`] and is rebuilt by
/// [`sort`](Self::sort); after the collections are changed by hand (not through `apply`),
/// call `sort` before relying on speed: until then a change in their lengths is noticed and
/// lookups fall back to scanning, so they stay correct.
#[derive(Clone, Debug, Default)]
pub struct AnnotationSet {
    /// One status per paragraph of the article.
    pub paragraphs: Vec<ParagraphStatus>,
    /// Entities, in order.
    pub entities: Vec<Entity>,
    /// Quotes, in order.
    pub quotes: Vec<Quote>,
    /// Claims, in order.
    pub claims: Vec<Claim>,
    /// Orphans: annotations whose text is no longer in the (changed) article, kept unchanged
    /// (old offsets and text) until the editor re-attaches or deletes them; sorted by id.
    pub orphans: Vec<Item>,
    /// Suggestions the editor rejected, in order of place then layer (one per place and
    /// layer): not proposed again there.
    pub rejected: Vec<Rejection>,
    /// Conflicts a merge could not settle, in their canonical order (see
    /// [`conflicts`](Self::conflicts)); empty but for a merged set.
    pub conflicts: Vec<Conflict>,
    /// Relations between annotations, in id order.
    pub relations: Vec<Relation>,
    /// What an import could not model, per source format, carried for its export.
    pub kept: Vec<Kept>,
    /// Id counters.
    pub next_ids: NextIds,
    /// Derived from the collections; not part of the value.
    #[doc(hidden)]
    pub index: Index,
}

impl PartialEq for AnnotationSet {
    fn eq(&self, other: &Self) -> bool {
        self.paragraphs == other.paragraphs
            && self.entities == other.entities
            && self.quotes == other.quotes
            && self.claims == other.claims
            && self.orphans == other.orphans
            && self.rejected == other.rejected
            && self.conflicts == other.conflicts
            && self.relations == other.relations
            && self.kept == other.kept
            && self.next_ids == other.next_ids
    }
}

impl Eq for AnnotationSet {}

/// The stable order of a collection: first offset, then id number, then id.
fn order_key<T: Placed>(x: &T) -> (usize, u64, &str) {
    let id = x.id();
    (key_of(x), id::sort_number(id), id)
}

fn by_order<T: Placed>(a: &T, b: &T) -> std::cmp::Ordering {
    order_key(a).cmp(&order_key(b))
}

/// Orphans are kept in id order: kind letter, then number.
fn orphan_key(item: &Item) -> (String, u64) {
    let id = item.id();
    let letters: String = id.chars().take_while(|c| !c.is_ascii_digit()).collect();
    (letters, id::number(id).unwrap_or(u64::MAX))
}

fn insert_sorted<T: Placed>(list: &mut Vec<T>, value: T) {
    let key = order_key(&value);
    let at = list.partition_point(|x| order_key(x) < key);
    list.insert(at, value);
}

impl AnnotationSet {
    /// An empty set for an article of `paragraphs` paragraphs.
    pub fn new(paragraphs: usize) -> Self {
        Self {
            paragraphs: vec![ParagraphStatus::Todo; paragraphs],
            ..Self::default()
        }
    }

    /// A number that changes whenever the set changes through [`Self::apply`] or
    /// [`Self::sort`], and that no other set has had: what a view derived from the set can
    /// keep its results by. (A set filled by hand keeps its number until it is sorted.)
    pub fn generation(&self) -> u64 {
        self.index.generation()
    }

    /// Applies one edit. Edits built from the set's current contents always apply; an edit
    /// naming a missing id or paragraph changes nothing.
    pub fn apply(&mut self, edit: &Edit) {
        self.index.renew_generation();
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
            Edit::InsertOrphan(item) => {
                let key = orphan_key(item);
                let at = self.orphans.partition_point(|o| orphan_key(o) < key);
                self.orphans.insert(at, item.clone());
            }
            Edit::RemoveOrphan(item) => self.orphans.retain(|o| o.id() != item.id()),
            Edit::Dismiss(rejection) => {
                let key = rejection.key();
                match self.rejected.binary_search_by_key(&key, Rejection::key) {
                    Ok(at) => self.rejected[at] = rejection.clone(),
                    Err(at) => self.rejected.insert(at, rejection.clone()),
                }
            }
            Edit::Undismiss(rejection) => {
                let key = rejection.key();
                if let Ok(at) = self.rejected.binary_search_by_key(&key, Rejection::key) {
                    self.rejected.remove(at);
                }
            }
            Edit::Record(conflict) => {
                let at = self
                    .conflicts
                    .partition_point(|c| Conflict::order(c, conflict).is_lt());
                self.conflicts.insert(at, conflict.clone());
            }
            Edit::Settle(conflict) => {
                if let Some(at) = self.conflicts.iter().position(|c| c == conflict) {
                    self.conflicts.remove(at);
                }
            }
            Edit::Relate(r) => {
                let key = relation::order_key(r);
                match (self.relations).binary_search_by(|x| relation::order_key(x).cmp(&key)) {
                    Ok(at) => self.relations[at] = r.clone(),
                    Err(at) => self.relations.insert(at, r.clone()),
                }
            }
            Edit::Unrelate(r) => {
                if let Some(at) = self.relations.iter().position(|x| x.id == r.id) {
                    self.relations.remove(at);
                }
            }
            Edit::Ids { after, .. } => self.next_ids = *after,
        }
    }

    /// The relation with this id.
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// The relations that start or end at annotation `id`.
    pub fn relations_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Relation> + 'a {
        self.relations.iter().filter(move |r| r.touches(id))
    }

    /// The edits that remove every relation starting or ending at annotation `id`: what
    /// deleting it takes with it, as it clears the speaker and claimant links to it.
    pub fn unrelate_edits(&self, id: &str) -> Vec<Edit> {
        self.relations_of(id).cloned().map(Edit::Unrelate).collect()
    }

    /// The conflicts a merge recorded and nobody settled yet: each says what it is about, why,
    /// and holds the base, ours and theirs versions. [`Conflict::settle`] gives the edits that
    /// settle one.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// Whether a suggestion of `layer` at `span` was rejected.
    pub fn is_rejected(&self, layer: super::id::IdKind, span: Span) -> bool {
        let key = super::rejection::key(layer, span);
        self.rejected
            .binary_search_by_key(&key, Rejection::key)
            .is_ok()
    }

    /// The orphan with this id.
    pub fn orphan(&self, id: &str) -> Option<&Item> {
        self.orphans.iter().find(|o| o.id() == id)
    }

    fn lens(&self) -> [usize; 3] {
        [self.entities.len(), self.quotes.len(), self.claims.len()]
    }

    /// True when the index describes the collections (they were not changed by hand since).
    fn indexed(&self) -> bool {
        self.index.describes(self.lens())
    }

    /// Rebuilds the index if the collections were changed by hand since it was built.
    fn reindex(&mut self) {
        if !self.indexed() {
            self.index = Index::build(&self.entities, &self.quotes, &self.claims);
        }
    }

    fn insert(&mut self, item: Item) {
        self.reindex();
        match item {
            Item::Entity(e) => {
                self.index.note_added(&e);
                insert_sorted(&mut self.entities, e);
            }
            Item::Quote(q) => {
                self.index.note_added(&q);
                insert_sorted(&mut self.quotes, q);
            }
            Item::Claim(c) => {
                self.index.note_added(&c);
                insert_sorted(&mut self.claims, c);
            }
        }
        self.index.set_lens(self.lens());
    }

    fn remove(&mut self, id: &str) -> Option<Item> {
        self.reindex();
        let removed = if let Some(at) = self.position(&self.entities, id) {
            let e = self.entities.remove(at);
            self.index.note_removed(&e);
            Item::Entity(e)
        } else if let Some(at) = self.position(&self.quotes, id) {
            let q = self.quotes.remove(at);
            self.index.note_removed(&q);
            Item::Quote(q)
        } else {
            let at = self.position(&self.claims, id)?;
            let c = self.claims.remove(at);
            self.index.note_removed(&c);
            Item::Claim(c)
        };
        self.index.set_lens(self.lens());
        Some(removed)
    }

    /// Index in `list` of the annotation with this id: by its key when indexed, else by a scan.
    fn position<T: Placed>(&self, list: &[T], id: &str) -> Option<usize> {
        if self.indexed() {
            self.index.position(list, id)
        } else {
            list.iter().position(|x| x.id() == id)
        }
    }

    /// Restores the stable order after the collections were filled by hand (e.g. on load),
    /// and rebuilds the index.
    pub fn sort(&mut self) {
        self.entities.sort_by(by_order);
        self.quotes.sort_by(by_order);
        self.claims.sort_by(by_order);
        self.orphans.sort_by_cached_key(orphan_key);
        self.rejected.sort_by_key(Rejection::key);
        self.rejected.dedup_by_key(|r| r.key());
        self.conflicts.sort_by(Conflict::order);
        self.relations
            .sort_by(|a, b| relation::order_key(a).cmp(&relation::order_key(b)));
        self.index = Index::build(&self.entities, &self.quotes, &self.claims);
    }

    /// The annotation with this id.
    pub fn get(&self, id: &str) -> Option<Item> {
        self.entity(id)
            .cloned()
            .map(Item::Entity)
            .or_else(|| self.quote(id).cloned().map(Item::Quote))
            .or_else(|| {
                let at = self.position(&self.claims, id)?;
                Some(Item::Claim(self.claims[at].clone()))
            })
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        Some(&self.entities[self.position(&self.entities, id)?])
    }

    /// The quote with this id.
    pub fn quote(&self, id: &str) -> Option<&Quote> {
        Some(&self.quotes[self.position(&self.quotes, id)?])
    }

    fn window_of<'a, T: Placed>(&self, list: &'a [T], range: Span) -> &'a [T] {
        self.window_of_from(list, range, &mut Window::default())
    }

    fn window_of_from<'a, T: Placed>(
        &self,
        list: &'a [T],
        range: Span,
        hint: &mut Window,
    ) -> &'a [T] {
        if self.indexed() {
            self.index.window_from(list, range, hint)
        } else {
            list
        }
    }

    /// [`entities_near`](Self::entities_near), [`quotes_near`](Self::quotes_near) and
    /// [`claims_near`](Self::claims_near) at once, searched from where `cursor` last was:
    /// cheap for ranges asked for in reading order (paragraph after paragraph), the same
    /// answer for any range.
    pub fn near_from(&self, range: Span, cursor: &mut NearCursor) -> Near<'_> {
        Near {
            entities: self.window_of_from(&self.entities, range, &mut cursor.0[0]),
            quotes: self.window_of_from(&self.quotes, range, &mut cursor.0[1]),
            claims: self.window_of_from(&self.claims, range, &mut cursor.0[2]),
        }
    }

    /// Entities that may overlap `range`, in stable order: every entity with a fragment
    /// overlapping it is there (a few others may be too: filter on the spans).
    pub fn entities_near(&self, range: Span) -> &[Entity] {
        self.window_of(&self.entities, range)
    }

    /// Quotes that may overlap `range` with a fragment or their cue, in stable order (filter
    /// on the spans, as for [`entities_near`](Self::entities_near)).
    pub fn quotes_near(&self, range: Span) -> &[Quote] {
        self.window_of(&self.quotes, range)
    }

    /// Claims that may overlap `range`, in stable order (filter on the spans).
    pub fn claims_near(&self, range: Span) -> &[Claim] {
        self.window_of(&self.claims, range)
    }

    /// Every annotation that may overlap `range` (a quote's cue counts), not cloned.
    fn near(&self, range: Span) -> impl Iterator<Item = ItemRef<'_>> {
        self.entities_near(range)
            .iter()
            .map(ItemRef::Entity)
            .chain(self.quotes_near(range).iter().map(ItemRef::Quote))
            .chain(self.claims_near(range).iter().map(ItemRef::Claim))
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
        let mut found: Vec<Item> = self
            .near(Span::new(offset, offset + 1))
            .filter(|i| i.touches(offset))
            .map(ItemRef::to_item)
            .collect();
        found.sort_by_key(|i| (i.covered(), i.id().to_owned()));
        found
    }

    /// Annotations with a fragment overlapping `range`, in stable order.
    pub fn overlapping(&self, range: Span) -> Vec<Item> {
        self.near(range)
            .filter(|i| i.spans().iter().any(|s| s.overlaps(&range)))
            .map(ItemRef::to_item)
            .collect()
    }

    /// Total counts of entities, quotes and claims.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.entities.len(), self.quotes.len(), self.claims.len())
    }
}

/// A borrowed annotation, to filter before cloning.
#[derive(Clone, Copy)]
enum ItemRef<'a> {
    Entity(&'a Entity),
    Quote(&'a Quote),
    Claim(&'a Claim),
}

impl ItemRef<'_> {
    fn spans(&self) -> &[Span] {
        match self {
            ItemRef::Entity(e) => &e.spans,
            ItemRef::Quote(q) => &q.spans,
            ItemRef::Claim(c) => &c.spans,
        }
    }

    fn touches(&self, offset: usize) -> bool {
        let cue = match self {
            ItemRef::Quote(q) => q.cue_spans(),
            _ => &[],
        };
        span::any_contains(self.spans(), offset) || span::any_contains(cue, offset)
    }

    fn to_item(self) -> Item {
        match self {
            ItemRef::Entity(e) => Item::Entity(e.clone()),
            ItemRef::Quote(q) => Item::Quote(q.clone()),
            ItemRef::Claim(c) => Item::Claim(c.clone()),
        }
    }
}

/// The annotations of each layer that may overlap a range (filter on their spans), as
/// [`AnnotationSet::near_from`] gives them.
#[derive(Clone, Copy, Debug)]
pub struct Near<'a> {
    /// Entities, in stable order.
    pub entities: &'a [Entity],
    /// Quotes, in stable order.
    pub quotes: &'a [Quote],
    /// Claims, in stable order.
    pub claims: &'a [Claim],
}

/// Where [`AnnotationSet::near_from`] last looked in each layer; start from the default.
#[derive(Clone, Copy, Debug, Default)]
pub struct NearCursor([Window; 3]);

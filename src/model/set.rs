//! All annotations of one article, kept in a stable order, changed only through [`Edit`]s.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::annotation::{Claim, Entity, Item, ParagraphStatus, Quote};
use super::span::{self, Span};

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
    /// Adds an orphan: an annotation kept aside because its text is not in the article.
    InsertOrphan(Item),
    /// Removes an orphan (matched by id).
    RemoveOrphan(Item),
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
            Edit::InsertOrphan(item) => Edit::RemoveOrphan(item.clone()),
            Edit::RemoveOrphan(item) => Edit::InsertOrphan(item.clone()),
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
            && self.next_ids == other.next_ids
    }
}

impl Eq for AnnotationSet {}

/// How far the annotations of one collection reach around their sort key (first offset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Reach {
    /// Largest distance from the key to the end of any fragment (cues included).
    after: usize,
    /// Largest distance from the start of any fragment (cues included) back to the key.
    before: usize,
}

/// The index of an [`AnnotationSet`]: per collection, its length when indexed, its reach and
/// each id number's key. Built by `sort`, kept up to date by `apply`.
#[doc(hidden)]
#[derive(Clone, Debug, Default)]
pub struct Index {
    lens: [usize; 3],
    reach: [Reach; 3],
    keys: [IdKeys; 3],
    /// See [`AnnotationSet::generation`].
    generation: u64,
}

/// A number no set had before: sets take a new one at each change.
fn next_generation() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed) + 1
}

/// Marks a number without a key in [`IdKeys::dense`].
const ABSENT: usize = usize::MAX;

/// Id number → sort key, for one collection. tandai numbers ids from 1 and never reuses them,
/// so numbers up to a few times the count are kept in a vector indexed by number (8 bytes a
/// number, where a hash map takes about 2.5 times as much at 100,000 ids); any other number,
/// or the key `ABSENT`, goes to a map.
#[derive(Clone, Debug, Default)]
struct IdKeys {
    /// Key by number; `ABSENT` where there is none.
    dense: Vec<usize>,
    /// Numbers present in `dense`.
    in_dense: usize,
    /// Numbers and keys that do not fit `dense`.
    sparse: HashMap<u64, usize>,
    /// Two ids with one number were added (`e3` and `x3`, or `e3` twice): the keys cannot
    /// tell them apart, so a lookup that misses must scan.
    collided: bool,
}

impl IdKeys {
    /// Empty, with the vector sized for the numbers of `count` ids whose largest is `max`.
    fn for_ids(count: usize, max: u64) -> IdKeys {
        let mut keys = IdKeys::default();
        if count > 0
            && let Ok(max) = usize::try_from(max)
            && max <= Self::room(count)
        {
            keys.dense = vec![ABSENT; max + 1];
        }
        keys
    }

    /// The largest number the vector may grow to while `count` ids are kept.
    fn room(count: usize) -> usize {
        count.saturating_mul(4).saturating_add(1024)
    }

    fn get(&self, n: u64) -> Option<usize> {
        let dense = usize::try_from(n).ok().and_then(|i| self.dense.get(i));
        match dense {
            Some(&key) if key != ABSENT => Some(key),
            _ => self.sparse.get(&n).copied(),
        }
    }

    /// Sets the key of `n`, replacing any it had.
    fn insert(&mut self, n: u64, key: usize) {
        self.collided |= self.get(n).is_some();
        self.remove(n);
        let count = self.in_dense + self.sparse.len() + 1;
        match usize::try_from(n) {
            Ok(i) if key != ABSENT && (i < self.dense.len() || i <= Self::room(count)) => {
                if i >= self.dense.len() {
                    self.dense.resize(i + 1, ABSENT);
                }
                self.dense[i] = key;
                self.in_dense += 1;
            }
            _ => {
                self.sparse.insert(n, key);
            }
        }
    }

    fn remove(&mut self, n: u64) {
        let slot = usize::try_from(n).ok().and_then(|i| self.dense.get_mut(i));
        if let Some(slot) = slot
            && *slot != ABSENT
        {
            *slot = ABSENT;
            self.in_dense -= 1;
        }
        if !self.sparse.is_empty() {
            self.sparse.remove(&n);
        }
    }
}

/// What the index needs of an annotation.
trait Placed {
    const KIND: usize;
    fn id(&self) -> &str;
    fn spans(&self) -> &[Span];
    fn cue_spans(&self) -> &[Span] {
        &[]
    }
}

impl Placed for Entity {
    const KIND: usize = 0;
    fn id(&self) -> &str {
        &self.id
    }
    fn spans(&self) -> &[Span] {
        &self.spans
    }
}

impl Placed for Quote {
    const KIND: usize = 1;
    fn id(&self) -> &str {
        &self.id
    }
    fn spans(&self) -> &[Span] {
        &self.spans
    }
    fn cue_spans(&self) -> &[Span] {
        self.cue.as_ref().map_or(&[], |c| &c.spans)
    }
}

impl Placed for Claim {
    const KIND: usize = 2;
    fn id(&self) -> &str {
        &self.id
    }
    fn spans(&self) -> &[Span] {
        &self.spans
    }
}

/// The sort key of an annotation: its first offset.
fn key_of<T: Placed>(x: &T) -> usize {
    x.spans().iter().map(|s| s.start).min().unwrap_or(0)
}

/// The number of an id (`e12` → 12), the key of the id index.
pub(crate) fn id_number(id: &str) -> Option<u64> {
    let mut chars = id.chars();
    chars.next()?;
    let digits = chars.as_str();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

impl Reach {
    fn of<T: Placed>(x: &T) -> Reach {
        let key = key_of(x);
        let all = || x.spans().iter().chain(x.cue_spans());
        Reach {
            after: all().map(|s| s.end.saturating_sub(key)).max().unwrap_or(0),
            before: all()
                .map(|s| key.saturating_sub(s.start))
                .max()
                .unwrap_or(0),
        }
    }

    fn widen(&mut self, other: Reach) {
        self.after = self.after.max(other.after);
        self.before = self.before.max(other.before);
    }
}

impl Index {
    fn build(set: &AnnotationSet) -> Index {
        let mut index = Index {
            lens: set.lens(),
            generation: next_generation(),
            ..Index::default()
        };
        index.add_all(&set.entities);
        index.add_all(&set.quotes);
        index.add_all(&set.claims);
        index
    }

    fn add_all<T: Placed>(&mut self, list: &[T]) {
        let max = list.iter().filter_map(|x| id_number(x.id())).max();
        self.keys[T::KIND] = IdKeys::for_ids(list.len(), max.unwrap_or(0));
        for x in list {
            self.note_added(x);
        }
    }

    fn note_added<T: Placed>(&mut self, x: &T) {
        self.reach[T::KIND].widen(Reach::of(x));
        if let Some(n) = id_number(x.id()) {
            self.keys[T::KIND].insert(n, key_of(x));
        }
    }

    fn note_removed<T: Placed>(&mut self, x: &T) {
        if let Some(n) = id_number(x.id()) {
            self.keys[T::KIND].remove(n);
        }
    }
}

/// The stable order of a collection: first offset, then id number, then id.
fn order_key<T: Placed>(x: &T) -> (usize, u64, &str) {
    let id = x.id();
    let number = id
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(u64::MAX);
    (key_of(x), number, id)
}

fn by_order<T: Placed>(a: &T, b: &T) -> std::cmp::Ordering {
    order_key(a).cmp(&order_key(b))
}

/// Orphans are kept in id order: kind letter, then number.
fn orphan_key(item: &Item) -> (String, u64) {
    let id = item.id();
    let letters: String = id.chars().take_while(|c| !c.is_ascii_digit()).collect();
    (letters, id_number(id).unwrap_or(u64::MAX))
}

fn insert_sorted<T: Placed>(list: &mut Vec<T>, value: T) {
    let key = order_key(&value);
    let at = list.partition_point(|x| order_key(x) < key);
    list.insert(at, value);
}

/// The candidates of `list` (sorted by key) for `range`: every item with a fragment or cue
/// overlapping `range` is in the slice (some others may be too).
fn window<T: Placed>(list: &[T], reach: Reach, range: Span) -> &[T] {
    let first = list.partition_point(|x| key_of(x) + reach.after <= range.start);
    let last = list.partition_point(|x| key_of(x) < range.end.saturating_add(reach.before));
    list.get(first..last.max(first)).unwrap_or_default()
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
        self.index.generation
    }

    /// Applies one edit. Edits built from the set's current contents always apply; an edit
    /// naming a missing id or paragraph changes nothing.
    pub fn apply(&mut self, edit: &Edit) {
        self.index.generation = next_generation();
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
            Edit::Ids { after, .. } => self.next_ids = *after,
        }
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
        self.index.lens == self.lens()
    }

    fn insert(&mut self, item: Item) {
        if !self.indexed() {
            self.index = Index::build(self);
        }
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
        self.index.lens = self.lens();
    }

    fn remove(&mut self, id: &str) -> Option<Item> {
        if !self.indexed() {
            self.index = Index::build(self);
        }
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
        self.index.lens = self.lens();
        Some(removed)
    }

    /// Index in `list` of the annotation with this id: by its key when indexed, else by a scan.
    fn position<T: Placed>(&self, list: &[T], id: &str) -> Option<usize> {
        let indexed = self.indexed();
        if indexed && let Some(n) = id_number(id) {
            let keys = &self.index.keys[T::KIND];
            if let Some(key) = keys.get(n) {
                let first = list.partition_point(|x| key_of(x) < key);
                let found = list[first..]
                    .iter()
                    .take_while(|x| key_of(*x) == key)
                    .position(|x| x.id() == id);
                if let Some(i) = found {
                    return Some(first + i);
                }
            }
            // Without two ids of one number, the keys are exact: `q3` is not among the
            // entities even though `e3` holds the number 3.
            if !keys.collided {
                return None;
            }
        }
        list.iter().position(|x| x.id() == id)
    }

    /// Restores the stable order after the collections were filled by hand (e.g. on load),
    /// and rebuilds the index.
    pub fn sort(&mut self) {
        self.entities.sort_by(by_order);
        self.quotes.sort_by(by_order);
        self.claims.sort_by(by_order);
        self.orphans.sort_by_cached_key(orphan_key);
        self.index = Index::build(self);
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
        if self.indexed() {
            window(list, self.index.reach[T::KIND], range)
        } else {
            list
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

#[cfg(test)]
mod tests {
    use compact_str::format_compact;
    use smallvec::smallvec;

    use super::*;
    use crate::model::Text;

    fn entity(id: &str, start: usize) -> Item {
        Item::Entity(Entity {
            id: id.into(),
            label: "PER".into(),
            spans: smallvec![Span::new(start, start + 3)],
            text: "abc".into(),
            note: None,
            review: Default::default(),
        })
    }

    /// `sort` orders by first offset, then id number, then id (ids without a number last
    /// among equals), as the order written in files always has been.
    #[test]
    fn sort_orders_by_offset_then_id_number_then_id() {
        let mut set = AnnotationSet::new(1);
        let ids = ["e10", "e2", "x", "E2", "e1", "e", "e02", "e3"];
        for (i, id) in ids.iter().enumerate() {
            let Item::Entity(mut e) = entity(id, if i % 3 == 0 { 5 } else { 1 }) else {
                unreachable!()
            };
            if *id == "e3" {
                e.spans = smallvec![Span::new(9, 10), Span::new(0, 1)];
            }
            set.entities.push(e);
        }
        let mut owned_keys = set.entities.clone();
        owned_keys.sort_by_cached_key(|e| {
            let start = e.spans.iter().map(|s| s.start).min().unwrap_or(0);
            let digits = e.id.trim_start_matches(|c: char| !c.is_ascii_digit());
            (start, digits.parse().unwrap_or(u64::MAX), e.id.to_string())
        });
        set.sort();
        assert_eq!(set.entities, owned_keys);
        let order: Vec<&str> = set.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(order, ["e3", "e1", "e2", "e", "x", "E2", "e02", "e10"]);
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
            spans: smallvec![Span::new(0, 10)],
            text: Text::default(),
            cue: None,
            speaker: None,
            note: None,
            review: Default::default(),
        })));
        let ids: Vec<String> = set.at(1).iter().map(|i| i.id().to_owned()).collect();
        assert_eq!(ids, ["e1", "q1"]);
        assert_eq!(set.at(5).len(), 1);
    }

    #[test]
    fn ids_sharing_a_number_are_found_after_one_of_them_goes() {
        let mut set = AnnotationSet::new(1);
        set.sort();
        set.apply(&Edit::Insert(entity("e3", 0)));
        set.apply(&Edit::Insert(entity("x3", 8)));
        let x3 = set.get("x3").expect("x3 was added");
        set.apply(&Edit::Remove(x3));
        assert_eq!(set.entity("e3").map(|e| e.spans[0].start), Some(0));
        assert_eq!(set.entity("x3"), None);
        assert_eq!(set.quote("q3"), None);
    }

    #[test]
    fn the_generation_changes_with_every_change_and_is_never_shared() {
        let mut set = AnnotationSet::new(1);
        set.sort();
        let sorted = set.generation();
        let copy = set.clone();
        assert_eq!(copy.generation(), sorted);
        set.apply(&Edit::Insert(entity("e1", 0)));
        let inserted = set.generation();
        assert_ne!(inserted, sorted);
        set.apply(&Edit::Status {
            paragraph: 0,
            before: ParagraphStatus::Todo,
            after: ParagraphStatus::Done,
        });
        assert_ne!(set.generation(), inserted);
        let mut other = AnnotationSet::new(1);
        other.sort();
        assert_ne!(other.generation(), set.generation());
        assert_ne!(other.generation(), sorted);
    }

    /// Every lookup by place and by id agrees with a plain scan, through inserts, removes,
    /// a cue far before its quote, multi-fragment spans and collections changed by hand.
    #[test]
    fn indexed_lookups_match_a_scan() {
        let mut set = AnnotationSet::new(1);
        let mut next = 1;
        let mut add = |set: &mut AnnotationSet, start: usize, len: usize| {
            set.apply(&Edit::Insert(entity(&format!("e{next}"), start)));
            let mut q = Quote {
                id: format_compact!("q{next}"),
                kind: Default::default(),
                spans: smallvec![
                    Span::new(start + 2, start + 2 + len),
                    Span::new(start + 40, start + 41),
                ],
                text: Text::default(),
                cue: Some(crate::model::Cue {
                    spans: smallvec![Span::new(
                        start.saturating_sub(30),
                        start.saturating_sub(28),
                    )],
                    text: Text::default(),
                }),
                speaker: None,
                note: None,
                review: Default::default(),
            };
            if next % 3 == 0 {
                q.cue = None;
            }
            set.apply(&Edit::Insert(Item::Quote(q)));
            next += 1;
        };
        for k in 0..60 {
            add(&mut set, (k * 37) % 400 + 30, k % 7 + 1);
        }
        for id in ["e4", "q9", "e20", "q33"] {
            let item = set.get(id).unwrap();
            set.apply(&Edit::Remove(item));
        }
        let check = |set: &AnnotationSet| {
            for offset in 0..500 {
                let mut scan: Vec<Item> = set.items().filter(|i| i.touches(offset)).collect();
                scan.sort_by_key(|i| (i.covered(), i.id().to_owned()));
                assert_eq!(set.at(offset), scan, "at {offset}");
                let range = Span::new(offset, offset + 9);
                let scan: Vec<Item> = set
                    .items()
                    .filter(|i| i.spans().iter().any(|s| s.overlaps(&range)))
                    .collect();
                assert_eq!(set.overlapping(range), scan, "overlapping {range:?}");
            }
            for item in set.items() {
                assert_eq!(set.get(item.id()), Some(item.clone()));
            }
            assert_eq!(set.get("e4"), None);
            assert_eq!(set.get("q9"), None);
        };
        assert!(set.indexed());
        check(&set);
        let mut by_hand = set.clone();
        by_hand.entities.pop();
        assert!(!by_hand.indexed());
        check(&by_hand);
        by_hand.sort();
        assert!(by_hand.indexed());
        check(&by_hand);
    }

    /// The id index answers as a map would, whichever numbers it is given: dense ones, huge
    /// ones, a number given twice, removed, moved between the vector and the map.
    #[test]
    fn id_keys_answer_as_a_map() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;

        let number = prop_oneof![0u64..40, 0u64..3000, Just(u64::MAX), any::<u64>()];
        let key = prop_oneof![0usize..100, Just(ABSENT)];
        let op = (any::<bool>(), number, key);
        let start = (0usize..50, 0u64..3000);
        let case = (start, prop::collection::vec(op, 0..200));
        TestRunner::default()
            .run(&case, |((count, max), ops)| {
                let mut keys = IdKeys::for_ids(count, max);
                let mut map: HashMap<u64, usize> = HashMap::new();
                for (insert, n, key) in ops {
                    if insert {
                        keys.insert(n, key);
                        map.insert(n, key);
                    } else {
                        keys.remove(n);
                        map.remove(&n);
                    }
                    prop_assert_eq!(keys.get(n), map.get(&n).copied());
                }
                for (n, key) in &map {
                    prop_assert_eq!(keys.get(*n), Some(*key));
                }
                prop_assert_eq!(keys.in_dense + keys.sparse.len(), map.len());
                prop_assert!(keys.dense.len() <= IdKeys::room(map.len().max(count)) + 1);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn dense_ids_take_a_vector_not_a_map() {
        let mut set = AnnotationSet::new(1);
        for n in 1..=1000 {
            set.entities.push(match entity(&format!("e{n}"), n) {
                Item::Entity(e) => e,
                _ => unreachable!(),
            });
        }
        set.sort();
        let keys = &set.index.keys[0];
        assert_eq!((keys.dense.len(), keys.in_dense), (1001, 1000));
        assert!(keys.sparse.is_empty());
        set.apply(&Edit::Insert(entity("e1001", 2000)));
        set.apply(&Edit::Insert(entity("e99999999", 2001)));
        let keys = &set.index.keys[0];
        assert_eq!((keys.in_dense, keys.sparse.len()), (1001, 1));
        assert_eq!(
            set.entity("e99999999").map(|e| e.spans[0].start),
            Some(2001)
        );
        assert_eq!(set.entity("e1001").map(|e| e.spans[0].start), Some(2000));
        assert_eq!(set.entity("e500").map(|e| e.spans[0].start), Some(500));
    }
}

//! The index that makes an [`AnnotationSet`](super::AnnotationSet)'s lookups by place and by
//! id logarithmic: per collection, how far its annotations reach around their first offset, and
//! each id number's first offset.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::annotation::{Claim, Entity, Quote};
use crate::model::id;
use crate::model::span::Span;

/// How far the annotations of one collection reach around their sort key (first offset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Reach {
    /// Largest distance from the key to the end of any fragment (cues included).
    after: usize,
    /// Largest distance from the start of any fragment (cues included) back to the key.
    before: usize,
}

/// The index of an [`AnnotationSet`](super::AnnotationSet): per collection, its length when
/// indexed, its reach and each id number's key. Built by `sort`, kept up to date by `apply`.
#[doc(hidden)]
#[derive(Clone, Debug, Default)]
pub struct Index {
    lens: [usize; 3],
    reach: [Reach; 3],
    keys: [IdKeys; 3],
    /// See [`AnnotationSet::generation`](super::AnnotationSet::generation).
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
pub(super) trait Placed {
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
pub(super) fn key_of<T: Placed>(x: &T) -> usize {
    x.spans().iter().map(|s| s.start).min().unwrap_or(0)
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
    /// The index of three collections, each sorted by [`key_of`].
    pub(super) fn build(entities: &[Entity], quotes: &[Quote], claims: &[Claim]) -> Index {
        let mut index = Index {
            lens: [entities.len(), quotes.len(), claims.len()],
            generation: next_generation(),
            ..Index::default()
        };
        index.add_all(entities);
        index.add_all(quotes);
        index.add_all(claims);
        index
    }

    /// Whether the index describes collections of these lengths.
    pub(super) fn describes(&self, lens: [usize; 3]) -> bool {
        self.lens == lens
    }

    /// Notes the collections' lengths after a change the index followed.
    pub(super) fn set_lens(&mut self, lens: [usize; 3]) {
        self.lens = lens;
    }

    /// See [`AnnotationSet::generation`](super::AnnotationSet::generation).
    pub(super) fn generation(&self) -> u64 {
        self.generation
    }

    /// Takes a generation no set has had.
    pub(super) fn renew_generation(&mut self) {
        self.generation = next_generation();
    }

    fn add_all<T: Placed>(&mut self, list: &[T]) {
        let max = list.iter().filter_map(|x| id::number(x.id())).max();
        self.keys[T::KIND] = IdKeys::for_ids(list.len(), max.unwrap_or(0));
        for x in list {
            self.note_added(x);
        }
    }

    /// Follows the insertion of `x`.
    pub(super) fn note_added<T: Placed>(&mut self, x: &T) {
        self.reach[T::KIND].widen(Reach::of(x));
        if let Some(n) = id::number(x.id()) {
            self.keys[T::KIND].insert(n, key_of(x));
        }
    }

    /// Follows the removal of `x`.
    pub(super) fn note_removed<T: Placed>(&mut self, x: &T) {
        if let Some(n) = id::number(x.id()) {
            self.keys[T::KIND].remove(n);
        }
    }

    /// Index in `list` (which the index describes) of the annotation with this id.
    pub(super) fn position<T: Placed>(&self, list: &[T], id: &str) -> Option<usize> {
        if let Some(n) = id::number(id) {
            let keys = &self.keys[T::KIND];
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

    /// The candidates of `list` (which the index describes) for `range`: every item with a
    /// fragment or cue overlapping `range` is in the slice (some others may be too). It is
    /// searched from where the last window of `hint` was: ranges asked for in reading order
    /// cost a step or two each instead of a binary search over the whole list. Any range
    /// gives the same slice; `hint` then holds its place.
    pub(super) fn window_from<'a, T: Placed>(
        &self,
        list: &'a [T],
        range: Span,
        hint: &mut Window,
    ) -> &'a [T] {
        let reach = self.reach[T::KIND];
        let first = gallop(list, hint.first, |x| key_of(x) + reach.after <= range.start);
        let end = range.end.saturating_add(reach.before);
        let last = gallop(list, hint.last.max(first), |x| key_of(x) < end);
        *hint = Window { first, last };
        list.get(first..last.max(first)).unwrap_or_default()
    }
}

/// Where the last window of one collection began and ended (see [`Index::window_from`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    first: usize,
    last: usize,
}

/// `list.partition_point(pred)`, found by steps of 1, 2, 4 … from `from`, then a binary
/// search within the last step; when the point lies before `from`, by a binary search before
/// it.
fn gallop<T>(list: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    let from = from.min(list.len());
    if from > 0 && !pred(&list[from - 1]) {
        return list[..from].partition_point(pred);
    }
    let mut low = from;
    let mut step = 1;
    loop {
        let probe = low + step;
        if probe > list.len() {
            return low + list[low..].partition_point(pred);
        }
        if !pred(&list[probe - 1]) {
            return low + list[low..probe - 1].partition_point(pred);
        }
        low = probe;
        step *= 2;
    }
}

#[cfg(test)]
mod tests {

    use super::super::tests::entity;
    use super::*;
    use crate::model::{AnnotationSet, Edit, Item};

    /// Galloping from any place finds the point a binary search finds.
    #[test]
    fn gallop_finds_the_partition_point_from_anywhere() {
        for len in 0..40usize {
            let list: Vec<usize> = (0..len).map(|i| i * 3).collect();
            for bound in 0..len * 3 + 3 {
                let want = list.partition_point(|&x| x < bound);
                for from in 0..len + 3 {
                    assert_eq!(
                        gallop(&list, from, |&x| x < bound),
                        want,
                        "{len} {bound} {from}"
                    );
                }
            }
        }
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
                // The vector grows with the most ids ever held at once; removals leave it.
                let mut peak = 0;
                for (insert, n, key) in ops {
                    if insert {
                        keys.insert(n, key);
                        map.insert(n, key);
                    } else {
                        keys.remove(n);
                        map.remove(&n);
                    }
                    peak = peak.max(map.len());
                    prop_assert_eq!(keys.get(n), map.get(&n).copied());
                }
                for (n, key) in &map {
                    prop_assert_eq!(keys.get(*n), Some(*key));
                }
                prop_assert_eq!(keys.in_dense + keys.sparse.len(), map.len());
                prop_assert!(keys.dense.len() <= IdKeys::room(peak.max(count)) + 1);
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

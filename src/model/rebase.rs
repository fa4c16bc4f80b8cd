//! Putting one session's changes on top of the annotations another session saved meanwhile.
//!
//! A session that could not write (another held the article, or took it over) keeps its edits
//! since its last save. When it gets the article back, it reads what the other session saved
//! ("theirs") and replays the net effect of its own edits on top, annotation by annotation and
//! paragraph by paragraph, as a three-way merge whose base is what each touched annotation was
//! before the first edit of it:
//!
//! - changed by this session only: its version is taken;
//! - changed by both alike: nothing to do;
//! - changed by both differently: theirs is kept and the clash counted (the caller keeps this
//!   session's whole version in the conflict copy);
//! - created by this session under an id the other session also handed out: given a fresh id
//!   (links follow), unless the other session made the same annotation, which is then shared.
//!
//! Links are kept whole: a delete of this session that an annotation of theirs still points
//! at is undone, and a link of this session to an annotation theirs deleted is cleared; both
//! count as clashes.

use std::collections::HashMap;

use super::annotation::{Item, ParagraphStatus, Text};
use super::edit::{Edit, NextIds};
use super::format_compact;
use super::id;
use super::rejection::{Rejection, RejectionKey};
use super::relation::{self, Relation};
use super::set::AnnotationSet;

/// The merged annotations and what became of this session's changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebased {
    /// Theirs with this session's changes on top.
    pub set: AnnotationSet,
    /// Annotations and statuses changed by this session that are now in `set`.
    pub applied: usize,
    /// Changes of this session that clashed with theirs (theirs kept, or a link cleared).
    pub clashes: usize,
    /// Annotations of this session that were given a new id, as `(old, new)`.
    pub renamed: Vec<(Text, Text)>,
    /// Relations left out because an end is gone (deleted on one side); each is counted in
    /// `clashes` too, so that the session keeps all of its changes in a conflict copy.
    pub dropped: Vec<Relation>,
}

/// What a touched annotation or paragraph was before this session's first edit of it.
#[derive(Default)]
struct Bases {
    items: Vec<(Text, Option<Item>)>,
    orphans: Vec<(Text, Option<Item>)>,
    rejected: Vec<(RejectionKey, Option<Rejection>)>,
    statuses: Vec<(usize, ParagraphStatus)>,
    relations: Vec<(Text, Option<Relation>)>,
    next_ids: Option<NextIds>,
}

fn touch<K: PartialEq + Clone, V: Clone>(list: &mut Vec<(K, V)>, key: &K, base: V) {
    if !list.iter().any(|(k, _)| k == key) {
        list.push((key.clone(), base));
    }
}

fn bases(edits: &[Edit]) -> Bases {
    let mut b = Bases::default();
    for edit in edits {
        match edit {
            Edit::Insert(item) => touch(&mut b.items, &item.id().into(), None),
            Edit::Remove(item) => touch(&mut b.items, &item.id().into(), Some(item.clone())),
            Edit::Replace { before, after } => {
                touch(&mut b.items, &before.id().into(), Some(before.clone()));
                touch(&mut b.items, &after.id().into(), None);
            }
            Edit::InsertOrphan(item) => touch(&mut b.orphans, &item.id().into(), None),
            Edit::RemoveOrphan(item) => {
                touch(&mut b.orphans, &item.id().into(), Some(item.clone()));
            }
            Edit::Dismiss(r) => touch(&mut b.rejected, &r.key(), None),
            Edit::Undismiss(r) => touch(&mut b.rejected, &r.key(), Some(r.clone())),
            Edit::Status {
                paragraph, before, ..
            } => touch(&mut b.statuses, paragraph, *before),
            Edit::Ids { before, .. } => {
                b.next_ids.get_or_insert(*before);
            }
            Edit::Relate(r) => touch(&mut b.relations, &r.id, None),
            Edit::Unrelate(r) => touch(&mut b.relations, &r.id, Some(r.clone())),
            // Conflict records are not slots: see the end of `rebase`.
            Edit::Record(_) | Edit::Settle(_) => {}
        }
    }
    b
}

/// What the three-way rule makes of one slot, seen from the side the result starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    /// The resident value stays: the incoming side left it, or both agree.
    Keep,
    /// The incoming value replaces it: only the incoming side changed it.
    Take,
    /// Both changed it differently.
    Clash,
}

/// The three-way rule: `incoming` and `resident` are two versions of one slot whose common
/// ancestor is `base`.
pub(super) fn slot<T: PartialEq>(base: &T, incoming: &T, resident: &T) -> Slot {
    if incoming == base || resident == incoming {
        Slot::Keep
    } else if resident != base {
        Slot::Clash
    } else {
        Slot::Take
    }
}

/// Puts the incoming value `o` of one slot (an orphan, a rejection) on top of the resident
/// `t` in `set`, given its `base`, by [`slot`]'s rule: on [`Slot::Take`], `t` is replaced by `o`
/// through `remove` and `insert`; otherwise nothing changes. Returns the rule's answer.
pub(super) fn merge_slot<T: PartialEq>(
    set: &mut AnnotationSet,
    base: &Option<T>,
    o: Option<T>,
    t: Option<T>,
    remove: impl Fn(T) -> Edit,
    insert: impl Fn(T) -> Edit,
) -> Slot {
    let rule = slot(base, &o, &t);
    if rule == Slot::Take {
        if let Some(t) = t {
            set.apply(&remove(t));
        }
        if let Some(o) = o {
            set.apply(&insert(o));
        }
    }
    rule
}

impl Rebased {
    fn count(&mut self, rule: Slot) {
        match rule {
            Slot::Keep => {}
            Slot::Take => self.applied += 1,
            Slot::Clash => self.clashes += 1,
        }
    }
}

/// The counter of `item`'s kind.
pub(super) fn counter<'a>(ids: &'a mut NextIds, item: &Item) -> &'a mut u64 {
    match item {
        Item::Entity(_) => &mut ids.entity,
        Item::Quote(_) => &mut ids.quote,
        Item::Claim(_) => &mut ids.claim,
    }
}

pub(super) fn next_of(ids: &NextIds, item: &Item) -> u64 {
    *counter(&mut ids.clone(), item)
}

pub(super) fn with_id(item: &Item, id: &str) -> Item {
    let mut item = item.clone();
    match &mut item {
        Item::Entity(e) => e.id = id.into(),
        Item::Quote(q) => q.id = id.into(),
        Item::Claim(c) => c.id = id.into(),
    }
    item
}

/// The ids `item` links to, as mutable slots.
pub(super) fn links_mut(item: &mut Item) -> Vec<&mut Option<Text>> {
    match item {
        Item::Entity(_) => Vec::new(),
        Item::Quote(q) => vec![&mut q.speaker],
        Item::Claim(c) => vec![&mut c.claimant, &mut c.quote],
    }
}

pub(super) fn links(item: &Item) -> Vec<&str> {
    match item {
        Item::Entity(_) => Vec::new(),
        Item::Quote(q) => q.speaker.as_deref().into_iter().collect(),
        Item::Claim(c) => c
            .claimant
            .iter()
            .chain(&c.quote)
            .map(|s| s.as_str())
            .collect(),
    }
}

/// Puts the net effect of `unsaved` (the edits that turned this session's last saved state
/// into `ours`, in order) on top of `theirs`. See the module documentation for the rules.
pub fn rebase(theirs: &AnnotationSet, ours: &AnnotationSet, unsaved: &[Edit]) -> Rebased {
    let bases = bases(unsaved);
    let base_ids = bases.next_ids.unwrap_or(ours.next_ids);
    let mut set = theirs.clone();
    set.next_ids = NextIds {
        entity: theirs.next_ids.entity.max(ours.next_ids.entity),
        quote: theirs.next_ids.quote.max(ours.next_ids.quote),
        claim: theirs.next_ids.claim.max(ours.next_ids.claim),
        relation: theirs.next_ids.relation.max(ours.next_ids.relation),
    };
    let mut out = Rebased {
        set: AnnotationSet::default(),
        applied: 0,
        clashes: 0,
        renamed: Vec::new(),
        dropped: Vec::new(),
    };
    let mut renames: HashMap<Text, Text> = HashMap::new();
    // (id in the merged set, this session's version) for every annotation taken from ours.
    let mut taken: Vec<(Text, Option<Item>)> = Vec::new();
    for (id, base) in &bases.items {
        let (o, t) = (ours.get(id), theirs.get(id));
        if o == *base {
            continue;
        }
        if t == o {
            continue;
        }
        let created_here = o.as_ref().is_some_and(|item| {
            base.is_none() && id::number(id).is_some_and(|n| n >= next_of(&base_ids, item))
        });
        let Some(mine) = o.clone().filter(|_| created_here) else {
            if t == *base {
                taken.push((id.clone(), o));
            } else {
                out.clashes += 1;
            }
            continue;
        };
        let first = mine.spans().first().copied().unwrap_or_default();
        if let Some(same) = theirs
            .overlapping(first)
            .into_iter()
            .find(|x| with_id(x, id) == mine)
        {
            renames.insert(id.clone(), same.id().into());
            continue;
        }
        if t.is_none() && !handed_out(theirs, id, &mine) {
            taken.push((id.clone(), Some(mine)));
            continue;
        }
        let next = counter(&mut set.next_ids, &mine);
        let prefix = id.chars().next().unwrap_or('x');
        let fresh: Text = format!("{prefix}{next}").into();
        *next += 1;
        renames.insert(id.clone(), fresh.clone());
        out.renamed.push((id.clone(), fresh.clone()));
        taken.push((fresh, Some(mine)));
    }
    let rename = |item: Item| -> Item {
        let mut item = match renames.get(item.id()) {
            Some(new) => with_id(&item, new),
            None => item,
        };
        for link in links_mut(&mut item) {
            if let Some(new) = link.as_ref().and_then(|l| renames.get(l)) {
                *link = Some(new.clone());
            }
        }
        item
    };
    for (id, mine) in taken {
        let now = set.get(&id);
        let edit = match (now, mine.map(&rename)) {
            (Some(before), Some(after)) => Edit::Replace { before, after },
            (None, Some(after)) => Edit::Insert(after),
            (Some(before), None) => Edit::Remove(before),
            (None, None) => continue,
        };
        set.apply(&edit);
        out.applied += 1;
    }
    for (id, base) in &bases.orphans {
        let (o, t) = (ours.orphan(id).cloned(), theirs.orphan(id).cloned());
        let (remove, insert) = (Edit::RemoveOrphan, Edit::InsertOrphan);
        let rule = merge_slot(&mut set, base, o, t, remove, insert);
        out.count(rule);
    }
    for (key, base) in &bases.rejected {
        let find = |set: &AnnotationSet| set.rejected.iter().find(|r| r.key() == *key).cloned();
        let (remove, insert) = (Edit::Undismiss, Edit::Dismiss);
        let rule = merge_slot(&mut set, base, find(ours), find(theirs), remove, insert);
        out.count(rule);
    }
    for &(paragraph, base) in &bases.statuses {
        let (Some(&o), Some(&t)) = (
            ours.paragraphs.get(paragraph),
            theirs.paragraphs.get(paragraph),
        ) else {
            continue;
        };
        let rule = slot(&base, &o, &t);
        if rule == Slot::Take {
            set.apply(&Edit::Status {
                paragraph,
                before: t,
                after: o,
            });
        }
        out.count(rule);
    }
    // Conflicts this session settled stay settled; theirs stay recorded.
    for edit in unsaved {
        if let Edit::Settle(conflict) = edit
            && !ours.conflicts.contains(conflict)
        {
            set.apply(edit);
        }
    }
    rebase_relations(&bases, ours, theirs, &renames, &mut set, &mut out);
    out.clashes += mend_links(&mut set, theirs);
    let dangling: Vec<Relation> = (set.relations.iter())
        .filter(|r| {
            set.get(&r.from).is_none() && set.orphan(&r.from).is_none()
                || set.get(&r.to).is_none() && set.orphan(&r.to).is_none()
        })
        .cloned()
        .collect();
    for r in &dangling {
        set.apply(&Edit::Unrelate(r.clone()));
    }
    out.clashes += dangling.len();
    out.dropped = dangling;
    out.set = set;
    out
}

/// This session's relation changes put on top of theirs, as slots; a relation made here under
/// an id theirs made or handed out gets a fresh one; ends follow the annotations' renames.
fn rebase_relations(
    bases: &Bases,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    renames: &HashMap<Text, Text>,
    set: &mut AnnotationSet,
    out: &mut Rebased,
) {
    let follow = |id: &Text| renames.get(id).cloned().unwrap_or_else(|| id.clone());
    for (id, base) in &bases.relations {
        let o = ours.relation(id).map(|r| Relation {
            from: follow(&r.from),
            to: follow(&r.to),
            ..r.clone()
        });
        let t = theirs.relation(id).cloned();
        let taken_there = relation::number(id).is_some_and(|n| n < theirs.next_ids.relation);
        if base.is_none()
            && let Some(mine) = o.clone()
            && (t.is_some() || taken_there)
        {
            if t.as_ref() == Some(&mine) {
                continue;
            }
            let fresh = format_compact!("{}{}", relation::PREFIX, set.next_ids.relation);
            set.next_ids.relation += 1;
            set.apply(&Edit::Relate(Relation { id: fresh, ..mine }));
            out.applied += 1;
            continue;
        }
        let rule = merge_slot(set, base, o, t, Edit::Unrelate, Edit::Relate);
        out.count(rule);
    }
}

/// Whether `theirs` has handed out `id` (its counter is past it) for an annotation it no
/// longer holds: ids are never reused, so this session's annotation needs another.
fn handed_out(theirs: &AnnotationSet, id: &str, item: &Item) -> bool {
    id::number(id).is_some_and(|n| n < next_of(&theirs.next_ids, item))
}

/// Makes every link point at an annotation of the set: one that this session deleted while
/// theirs still links to it is put back (their version), and a link of this session to one
/// theirs deleted is cleared. Returns how many were mended.
fn mend_links(set: &mut AnnotationSet, theirs: &AnnotationSet) -> usize {
    let mut mended = 0;
    loop {
        let dangling: Vec<(Item, Text)> = set
            .items()
            .flat_map(|item| {
                links(&item)
                    .into_iter()
                    .filter(|l| set.get(l).is_none())
                    .map(|l| (item.clone(), Text::from(l)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let Some((from, to)) = dangling.into_iter().next() else {
            return mended;
        };
        mended += 1;
        match theirs.get(&to) {
            Some(restored) => set.apply(&Edit::Insert(restored)),
            None => {
                let mut after = from.clone();
                for link in links_mut(&mut after) {
                    if link.as_deref() == Some(to.as_str()) {
                        *link = None;
                    }
                }
                set.apply(&Edit::Replace {
                    before: from,
                    after,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;

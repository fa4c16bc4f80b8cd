//! The three-way merge of annotation sets: a common ancestor (`base`) and two sets made from it
//! (`ours`, `theirs`) become one set, with the true conflicts recorded in it.
//!
//! Each annotation is merged by id, field by field: a change of one side is taken, a change
//! both made alike is taken once, and a field both changed differently (a label, the spans, a
//! speaker, …) keeps ours and records a [`Conflict`] with the three whole versions. An
//! annotation deleted by one side and changed by the other is kept (the changed version) and
//! recorded; one deleted by one side and still linked by an annotation of the other is put
//! back and recorded. Paragraph statuses merge the same way (a clash is recorded); orphans and
//! rejected suggestions merge as slots (a clash keeps ours, or the other side's when ours
//! dropped it). The id counters are the larger of both sides.
//!
//! Ids: an annotation theirs created under an id ours also created (or handed out) gets a
//! fresh id, and links to it follow; when ours made the very same annotation, theirs' is the
//! same one and kept once. Conflicts recorded before on either side are kept unless a side
//! settled them.
//!
//! Nothing is lost: every annotation of either side is in the result, or was unchanged on its
//! side while the other changed or deleted it, or is a version in a recorded conflict.

use std::collections::{BTreeSet, HashMap};

use super::annotation::{Item, Text};
use super::attributes::{self, Attribute};
use super::conflict::{About, Conflict, Version};
use super::edit::{Edit, NextIds};
use super::format_compact;
use super::id::IdKind;
use super::rebase::{Slot, counter, links, links_mut, merge_slot, slot, with_id};
use super::relation::{self, Relation};
use super::set::AnnotationSet;

/// The merged set and what the merge did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The merged annotations, the conflicts recorded before and by this merge included.
    pub set: AnnotationSet,
    /// The conflicts this merge recorded (also in `set`).
    pub recorded: Vec<Conflict>,
    /// Annotations of theirs given a new id, as `(old, new)`.
    pub renamed: Vec<(Text, Text)>,
    /// Relations left out because an end of theirs is gone from the merged set (the other side
    /// deleted the annotation), for the caller to report.
    pub dropped: Vec<Relation>,
}

fn kind_of(item: &Item) -> IdKind {
    match item {
        Item::Entity(_) => IdKind::Entity,
        Item::Quote(_) => IdKind::Quote,
        Item::Claim(_) => IdKind::Claim,
    }
}

/// Whether `set` holds `id`, as an annotation or an orphan.
fn holds(set: &AnnotationSet, id: &str) -> bool {
    set.get(id).is_some() || set.orphan(id).is_some()
}

fn larger(a: NextIds, b: NextIds) -> NextIds {
    NextIds {
        entity: a.entity.max(b.entity),
        quote: a.quote.max(b.quote),
        claim: a.claim.max(b.claim),
        relation: a.relation.max(b.relation),
    }
}

/// Merges `ours` and `theirs`, both made from `base`. See the module documentation.
pub fn merge3(base: &AnnotationSet, ours: &AnnotationSet, theirs: &AnnotationSet) -> Merged {
    let mut next_ids = larger(base.next_ids, larger(ours.next_ids, theirs.next_ids));
    let renames = renames(base, ours, theirs, &mut next_ids);
    let theirs = &renamed_set(theirs, &renames);
    let mut set = ours.clone();
    let mut recorded = Vec::new();
    merge_items(base, ours, theirs, &mut set, &mut recorded);
    merge_orphans(base, theirs, &mut set, &mut next_ids);
    mend_links(base, ours, theirs, &mut set, &mut recorded);
    merge_statuses(base, theirs, &mut set, &mut recorded);
    merge_rejections(base, theirs, &mut set);
    merge_records(base, theirs, &mut set);
    let dropped = merge_relations(base, theirs, &mut set, &mut next_ids);
    for conflict in &recorded {
        if !set.conflicts.contains(conflict) {
            set.apply(&Edit::Record(conflict.clone()));
        }
    }
    set.next_ids = next_ids;
    let mut renamed: Vec<(Text, Text)> = renames.into_iter().collect();
    renamed.sort_by(|a, b| (kind_and_number(&a.0)).cmp(&kind_and_number(&b.0)));
    Merged {
        set,
        recorded,
        renamed,
        dropped,
    }
}

fn kind_and_number(id: &str) -> (u64, &str) {
    (super::id::sort_number(id), id)
}

/// The new ids of theirs' annotations: one also made by ours takes ours' id; one under an id
/// ours holds or handed out gets a fresh one from `next_ids`.
fn renames(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    next_ids: &mut NextIds,
) -> HashMap<Text, Text> {
    let created = |set: &AnnotationSet| -> Vec<Item> {
        let all = set.items().chain(set.orphans.iter().cloned());
        all.filter(|x| !holds(base, x.id())).collect()
    };
    let (theirs_new, ours_new) = (created(theirs), created(ours));
    let same = |x: &Item| ours.get(x.id()).as_ref() == Some(x) || ours.orphan(x.id()) == Some(x);
    let mut claimed: BTreeSet<Text> = theirs_new
        .iter()
        .filter(|x| same(x))
        .map(|x| x.id().into())
        .collect();
    let mut renames = HashMap::new();
    for x in theirs_new
        .iter()
        .filter(|x| !same(x) && theirs.get(x.id()).is_some())
    {
        let twin = ours_new.iter().find(|y| {
            !claimed.contains(y.id()) && ours.get(y.id()).is_some() && with_id(x, y.id()) == **y
        });
        if let Some(y) = twin {
            claimed.insert(y.id().into());
            renames.insert(Text::from(x.id()), Text::from(y.id()));
        }
    }
    for x in theirs_new.iter().filter(|x| !same(x)) {
        if renames.contains_key(x.id()) {
            continue;
        }
        let kind = kind_of(x);
        let handed_out = super::id::number_of(x.id(), kind)
            .is_some_and(|n| n >= base.next_ids.of(kind) && n < ours.next_ids.of(kind));
        if holds(ours, x.id()) || handed_out {
            let next = counter(next_ids, x);
            let fresh: Text = format!("{}{next}", kind.prefix()).into();
            *next += 1;
            renames.insert(x.id().into(), fresh);
        }
    }
    renames
}

fn rename_item(item: &Item, renames: &HashMap<Text, Text>) -> Item {
    let mut item = match renames.get(item.id()) {
        Some(new) => with_id(item, new),
        None => item.clone(),
    };
    for link in links_mut(&mut item) {
        if let Some(new) = link.as_ref().and_then(|l| renames.get(l)) {
            *link = Some(new.clone());
        }
    }
    item
}

fn rename_conflict(conflict: &Conflict, renames: &HashMap<Text, Text>) -> Conflict {
    let version = |v: &Option<Version>| match v {
        Some(Version::Item(item)) => Some(Version::Item(rename_item(item, renames))),
        other => other.clone(),
    };
    Conflict {
        about: match &conflict.about {
            About::Annotation(id) => About::Annotation(renames.get(id).unwrap_or(id).clone()),
            about => about.clone(),
        },
        reason: conflict.reason.clone(),
        base: version(&conflict.base),
        ours: version(&conflict.ours),
        theirs: version(&conflict.theirs),
    }
}

/// `set` with its ids (and links, and recorded conflicts) renamed.
fn renamed_set(set: &AnnotationSet, renames: &HashMap<Text, Text>) -> AnnotationSet {
    if renames.is_empty() {
        return set.clone();
    }
    let mut out = AnnotationSet {
        paragraphs: set.paragraphs.clone(),
        orphans: set
            .orphans
            .iter()
            .map(|o| rename_item(o, renames))
            .collect(),
        rejected: set.rejected.clone(),
        conflicts: (set.conflicts.iter())
            .map(|c| rename_conflict(c, renames))
            .collect(),
        relations: (set.relations.iter())
            .map(|r| {
                let follow = |id: &Text| renames.get(id).cloned().unwrap_or_else(|| id.clone());
                Relation {
                    from: follow(&r.from),
                    to: follow(&r.to),
                    ..r.clone()
                }
            })
            .collect(),
        kept: set.kept.clone(),
        next_ids: set.next_ids,
        ..AnnotationSet::default()
    };
    for item in set.items() {
        match rename_item(&item, renames) {
            Item::Entity(e) => out.entities.push(e),
            Item::Quote(q) => out.quotes.push(q),
            Item::Claim(c) => out.claims.push(c),
        }
    }
    out.sort();
    out
}

/// Makes `set`'s annotation `id` be `after`.
fn put(set: &mut AnnotationSet, id: &str, after: Option<Item>) {
    let edit = match (set.get(id), after) {
        (Some(before), Some(after)) if before == after => return,
        (Some(before), Some(after)) => Edit::Replace { before, after },
        (None, Some(after)) => Edit::Insert(after),
        (Some(before), None) => Edit::Remove(before),
        (None, None) => return,
    };
    set.apply(&edit);
}

fn annotation_conflict(id: &str, reason: String, versions: [Option<Item>; 3]) -> Conflict {
    let [base, ours, theirs] = versions.map(|v| v.map(Version::Item));
    Conflict {
        about: About::Annotation(id.into()),
        reason: reason.into(),
        base,
        ours,
        theirs,
    }
}

/// Merges the annotations by id; `set` starts as ours.
fn merge_items(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    set: &mut AnnotationSet,
    recorded: &mut Vec<Conflict>,
) {
    let ids: BTreeSet<(u8, u64, Text)> = (base.items().chain(ours.items()))
        .chain(theirs.items())
        .map(|x| {
            let id = x.id();
            (kind_of(&x).order(), super::id::sort_number(id), id.into())
        })
        .collect();
    for (_, _, id) in ids {
        let (b, o, t) = (base.get(&id), ours.get(&id), theirs.get(&id));
        match slot(&b, &t, &o) {
            Slot::Keep => {}
            Slot::Take => put(set, &id, t),
            Slot::Clash => {
                let (merged, reason) = match (&b, &o, &t) {
                    (Some(b), Some(o), Some(t)) => match merge_fields(b, o, t) {
                        Some((merged, clashed)) if clashed.is_empty() => {
                            (Some(merged), String::new())
                        }
                        Some((merged, clashed)) => (Some(merged), describe(&clashed)),
                        None => (Some(o.clone()), "changed two ways".to_owned()),
                    },
                    (None, Some(o), Some(_)) => (Some(o.clone()), "made two ways".to_owned()),
                    (_, None, Some(t)) => (
                        Some(t.clone()),
                        "deleted by ours, changed by theirs".to_owned(),
                    ),
                    (_, Some(o), None) => (
                        Some(o.clone()),
                        "changed by ours, deleted by theirs".to_owned(),
                    ),
                    (_, None, None) => (None, String::new()),
                };
                put(set, &id, merged);
                if !reason.is_empty() {
                    recorded.push(annotation_conflict(&id, reason, [b, o, t]));
                }
            }
        }
    }
}

/// One field of a three-way merge of an annotation: `out` (ours) takes theirs when only theirs
/// changed it; a clash keeps ours and names the field.
fn field<T: PartialEq + Clone>(
    out: &mut T,
    base: &T,
    theirs: &T,
    name: &'static str,
    clashed: &mut Vec<&'static str>,
) {
    let ours = out.clone();
    match slot(base, theirs, &ours) {
        Slot::Keep => {}
        Slot::Take => *out = theirs.clone(),
        Slot::Clash => clashed.push(name),
    }
}

/// The attributes merged name by name: theirs' change of one name is taken, a name both
/// changed differently keeps ours and is a clash of `attributes`.
fn merge_attributes(
    out: &mut Vec<Attribute>,
    base: &[Attribute],
    theirs: &[Attribute],
    clashed: &mut Vec<&'static str>,
) {
    if base == theirs {
        return;
    }
    let names: BTreeSet<Text> = (base.iter().chain(theirs.iter()).chain(out.iter()))
        .map(|a| a.name.clone())
        .collect();
    let mut clash = false;
    for name in names {
        let find = |list: &[Attribute]| attributes::get(list, &name).cloned();
        let (b, o, t) = (find(base), find(out), find(theirs));
        match slot(&b, &t, &o) {
            Slot::Keep => {}
            Slot::Take => match t {
                Some(t) => {
                    attributes::set(out, t);
                }
                None => {
                    attributes::remove(out, &name);
                }
            },
            Slot::Clash => clash = true,
        }
    }
    if clash {
        clashed.push("attributes");
    }
}

/// Merges the relations by id, as slots: theirs' change of one is taken, a clash keeps ours.
/// One theirs made under an id ours also made differently gets a fresh id (its ends followed
/// the annotations' renames in [`renamed_set`]). A relation an end of which is no longer in
/// the merged set goes (the side that deleted the annotation deleted its relations with it)
/// and is returned, to be reported.
fn merge_relations(
    base: &AnnotationSet,
    theirs: &AnnotationSet,
    set: &mut AnnotationSet,
    next_ids: &mut NextIds,
) -> Vec<Relation> {
    for t in &theirs.relations {
        let t = t.clone();
        let b = base.relation(&t.id).cloned();
        let o = set.relation(&t.id).cloned();
        if b.is_none() && o.as_ref().is_some_and(|o| *o != t) {
            let id = format_compact!("{}{}", relation::PREFIX, next_ids.relation);
            next_ids.relation += 1;
            set.apply(&Edit::Relate(Relation { id, ..t }));
            continue;
        }
        merge_slot(set, &b, Some(t), o, Edit::Unrelate, Edit::Relate);
    }
    let gone: Vec<Relation> = (set.relations.iter())
        .filter(|o| theirs.relation(&o.id).is_none() && base.relation(&o.id) == Some(*o))
        .cloned()
        .collect();
    for r in gone {
        set.apply(&Edit::Unrelate(r));
    }
    let dangling: Vec<Relation> = (set.relations.iter())
        .filter(|r| !holds(set, &r.from) || !holds(set, &r.to))
        .cloned()
        .collect();
    for r in &dangling {
        set.apply(&Edit::Unrelate(r.clone()));
    }
    dangling
}

/// Takes theirs' changes to the fields every kind of annotation has (place with its text,
/// note, review, source, makers) into `$m`, ours `$m` kept where both changed them.
macro_rules! common_fields {
    ($m:ident, $b:ident, $t:ident, $c:ident) => {
        let mut place = ($m.spans.clone(), $m.text.clone());
        let base = ($b.spans.clone(), $b.text.clone());
        let theirs = ($t.spans.clone(), $t.text.clone());
        field(&mut place, &base, &theirs, "spans", $c);
        ($m.spans, $m.text) = place;
        field(&mut $m.note, &$b.note, &$t.note, "note", $c);
        field(&mut $m.review, &$b.review, &$t.review, "review", $c);
        field(&mut $m.source, &$b.source, &$t.source, "source", $c);
        field(&mut $m.by, &$b.by, &$t.by, "makers (by)", $c);
        merge_attributes(&mut $m.attributes, &$b.attributes, &$t.attributes, $c);
    };
}

/// Ours `o` with theirs' changes since `b` taken field by field, and the fields both changed
/// differently (ours kept there); `None` when the three are not of one kind.
fn merge_fields(b: &Item, o: &Item, t: &Item) -> Option<(Item, Vec<&'static str>)> {
    let mut clashed = Vec::new();
    let c = &mut clashed;
    let merged = match (b, o, t) {
        (Item::Entity(b), Item::Entity(o), Item::Entity(t)) => {
            let mut m = o.clone();
            common_fields!(m, b, t, c);
            field(&mut m.label, &b.label, &t.label, "label", c);
            Item::Entity(m)
        }
        (Item::Quote(b), Item::Quote(o), Item::Quote(t)) => {
            let mut m = o.clone();
            common_fields!(m, b, t, c);
            field(&mut m.kind, &b.kind, &t.kind, "kind", c);
            field(&mut m.cue, &b.cue, &t.cue, "cue", c);
            field(&mut m.speaker, &b.speaker, &t.speaker, "speaker", c);
            Item::Quote(m)
        }
        (Item::Claim(b), Item::Claim(o), Item::Claim(t)) => {
            let mut m = o.clone();
            common_fields!(m, b, t, c);
            field(&mut m.claimant, &b.claimant, &t.claimant, "claimant", c);
            field(&mut m.quote, &b.quote, &t.quote, "quote", c);
            let (bc, tc) = (&b.checkworthy, &t.checkworthy);
            field(&mut m.checkworthy, bc, tc, "check-worthiness", c);
            Item::Claim(m)
        }
        _ => return None,
    };
    Some((merged, clashed))
}

/// The reason of a conflict on the fields `clashed`, e.g. `relabelled two ways`.
fn describe(clashed: &[&str]) -> String {
    let what: Vec<String> = clashed
        .iter()
        .map(|f| match *f {
            "label" => "relabelled".to_owned(),
            "spans" => "moved (spans)".to_owned(),
            other => format!("{other} changed"),
        })
        .collect();
    format!("{} two ways", what.join(" and "))
}

/// Merges the orphans by id; a clash keeps ours, or theirs where ours dropped it. An orphan
/// whose id is now an annotation's gets a fresh id (nothing links to an orphan's new id).
fn merge_orphans(
    base: &AnnotationSet,
    theirs: &AnnotationSet,
    set: &mut AnnotationSet,
    next_ids: &mut NextIds,
) {
    let ids: BTreeSet<Text> = (base.orphans.iter().chain(&set.orphans))
        .chain(&theirs.orphans)
        .map(|o| o.id().into())
        .collect();
    for id in ids {
        let (b, o, t) = (
            base.orphan(&id).cloned(),
            set.orphan(&id).cloned(),
            theirs.orphan(&id).cloned(),
        );
        let ours_dropped = o.is_none();
        let rule = merge_slot(
            set,
            &b,
            t.clone(),
            o,
            Edit::RemoveOrphan,
            Edit::InsertOrphan,
        );
        if rule == Slot::Clash
            && ours_dropped
            && let Some(t) = t
        {
            set.apply(&Edit::InsertOrphan(t));
        }
    }
    let clashing: Vec<Item> = (set.orphans.iter())
        .filter(|o| set.get(o.id()).is_some())
        .cloned()
        .collect();
    for orphan in clashing {
        set.apply(&Edit::RemoveOrphan(orphan.clone()));
        let next = counter(next_ids, &orphan);
        let fresh = format!("{}{next}", kind_of(&orphan).prefix());
        *next += 1;
        set.apply(&Edit::InsertOrphan(with_id(&orphan, &fresh)));
    }
}

/// Puts back every annotation that an annotation of the set links to and a side deleted,
/// recording why; a link to an annotation no side has (only in damaged input) is cleared.
fn mend_links(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    set: &mut AnnotationSet,
    recorded: &mut Vec<Conflict>,
) {
    loop {
        let dangling = set.items().find_map(|item| {
            let to = links(&item)
                .into_iter()
                .find(|l| !holds(set, l))
                .map(Text::from)?;
            Some((item, to))
        });
        let Some((from, to)) = dangling else {
            return;
        };
        let (b, o, t) = (base.get(&to), ours.get(&to), theirs.get(&to));
        let Some(restored) = o.clone().or_else(|| t.clone()).or_else(|| b.clone()) else {
            let mut after = from.clone();
            for link in links_mut(&mut after) {
                if link.as_deref() == Some(to.as_str()) {
                    *link = None;
                }
            }
            let reason = format!("linked {to}, which no side has");
            let versions = [
                base.get(from.id()),
                ours.get(from.id()),
                theirs.get(from.id()),
            ];
            recorded.push(annotation_conflict(from.id(), reason, versions));
            put(set, from.id(), Some(after));
            continue;
        };
        set.apply(&Edit::Insert(restored));
        let deleter = match (o.is_none(), t.is_none()) {
            (true, true) => "both sides",
            (true, false) => "ours",
            _ => "theirs",
        };
        let new = if base.get(from.id()).is_none() {
            "new"
        } else {
            "changed"
        };
        let reason = format!(
            "deleted by {deleter}, still linked by the {new} {} {}",
            from.kind_name(),
            from.id()
        );
        recorded.push(annotation_conflict(&to, reason, [b, o, t]));
    }
}

/// Merges the paragraph statuses; a clash keeps ours and is recorded.
fn merge_statuses(
    base: &AnnotationSet,
    theirs: &AnnotationSet,
    set: &mut AnnotationSet,
    recorded: &mut Vec<Conflict>,
) {
    for paragraph in 0..set.paragraphs.len() {
        let (Some(&b), Some(&t)) = (
            base.paragraphs.get(paragraph),
            theirs.paragraphs.get(paragraph),
        ) else {
            continue;
        };
        let o = set.paragraphs[paragraph];
        match slot(&b, &t, &o) {
            Slot::Keep => {}
            Slot::Take => set.apply(&Edit::Status {
                paragraph,
                before: o,
                after: t,
            }),
            Slot::Clash => recorded.push(Conflict {
                about: About::Paragraph(paragraph),
                reason: "status changed two ways".into(),
                base: Some(Version::Status(b)),
                ours: Some(Version::Status(o)),
                theirs: Some(Version::Status(t)),
            }),
        }
    }
}

/// Merges the rejected suggestions by place; a clash keeps ours, or theirs where ours
/// forgot it (a rejection is a memory, not an annotation: it is not recorded as a conflict).
fn merge_rejections(base: &AnnotationSet, theirs: &AnnotationSet, set: &mut AnnotationSet) {
    let keys: BTreeSet<_> = (base.rejected.iter().chain(&set.rejected))
        .chain(&theirs.rejected)
        .map(|r| r.key())
        .collect();
    for key in keys {
        let find = |s: &AnnotationSet| s.rejected.iter().find(|r| r.key() == key).cloned();
        let (b, o, t) = (find(base), find(set), find(theirs));
        let ours_forgot = o.is_none();
        let rule = merge_slot(set, &b, t.clone(), o, Edit::Undismiss, Edit::Dismiss);
        if rule == Slot::Clash
            && ours_forgot
            && let Some(t) = t
        {
            set.apply(&Edit::Dismiss(t));
        }
    }
}

/// Merges the conflicts recorded before: one a side settled (dropped since the base) goes,
/// one a side recorded since the base stays.
fn merge_records(base: &AnnotationSet, theirs: &AnnotationSet, set: &mut AnnotationSet) {
    let settled: Vec<Conflict> = (set.conflicts.iter())
        .filter(|c| base.conflicts.contains(c) && !theirs.conflicts.contains(c))
        .cloned()
        .collect();
    for conflict in settled {
        set.apply(&Edit::Settle(conflict));
    }
    let new: Vec<Conflict> = (theirs.conflicts.iter())
        .filter(|c| !base.conflicts.contains(c) && !set.conflicts.contains(c))
        .cloned()
        .collect();
    for conflict in new {
        set.apply(&Edit::Record(conflict));
    }
}

#[cfg(test)]
mod tests;

//! The operations a journal line holds: assignments to the set, so that replaying a line twice
//! gives the same set.

use serde::{Deserialize, Serialize};

use crate::model::{
    AnnotationSet, Claim, Edit, Entity, Item, NextIds, ParagraphStatus, Quote, Relation,
};

/// One assignment to the set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Op {
    Entity(Entity),
    Quote(Quote),
    Claim(Claim),
    Delete(String),
    Status(usize, ParagraphStatus),
    Ids(NextIds),
    /// Puts a relation (replacing the one of its id).
    Relation(Relation),
    /// Removes the relation of this id.
    Unrelate(String),
}

fn put(item: &Item) -> Op {
    match item {
        Item::Entity(e) => Op::Entity(e.clone()),
        Item::Quote(q) => Op::Quote(q.clone()),
        Item::Claim(c) => Op::Claim(c.clone()),
    }
}

/// The assignments that `edits`, applied in order, amount to; `None` when one of them is not
/// journaled (orphans and rejected suggestions change rarely: their edits are saved by a full
/// rewrite).
pub(super) fn ops_of(edits: &[Edit]) -> Option<Vec<Op>> {
    let mut ops = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit {
            Edit::InsertOrphan(_)
            | Edit::RemoveOrphan(_)
            | Edit::Dismiss(_)
            | Edit::Undismiss(_)
            | Edit::Record(_)
            | Edit::Settle(_) => return None,
            Edit::Insert(item) => ops.push(put(item)),
            Edit::Remove(item) => ops.push(Op::Delete(item.id().to_owned())),
            Edit::Replace { before, after } => {
                if before.id() != after.id() {
                    // Not made by the app (a replace keeps the id), but written faithfully.
                    ops.push(Op::Delete(before.id().to_owned()));
                }
                ops.push(put(after));
            }
            Edit::Status {
                paragraph, after, ..
            } => ops.push(Op::Status(*paragraph, *after)),
            Edit::Ids { after, .. } => ops.push(Op::Ids(*after)),
            Edit::Relate(r) => ops.push(Op::Relation(r.clone())),
            Edit::Unrelate(r) => ops.push(Op::Unrelate(r.id.to_string())),
        }
    }
    Some(ops)
}

/// The id an operation assigns, if it assigns an annotation.
pub(super) fn op_id(op: &Op) -> Option<&str> {
    match op {
        Op::Entity(e) => Some(&e.id),
        Op::Quote(q) => Some(&q.id),
        Op::Claim(c) => Some(&c.id),
        Op::Delete(id) => Some(id),
        Op::Relation(r) => Some(&r.id),
        Op::Unrelate(id) => Some(id),
        Op::Status(..) | Op::Ids(_) => None,
    }
}

/// Why an operation cannot be applied to a set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(super) enum OpError {
    /// A status for a paragraph the article does not have.
    #[error("paragraph {0} does not exist")]
    NoParagraph(usize),
}

/// Applies `op` to `set`.
pub(super) fn apply(set: &mut AnnotationSet, op: &Op) -> Result<(), OpError> {
    let replace = |set: &mut AnnotationSet, after: Item| {
        let edit = match set.get(after.id()) {
            Some(before) => Edit::Replace { before, after },
            None => Edit::Insert(after),
        };
        set.apply(&edit);
    };
    match op {
        Op::Entity(e) => replace(set, Item::Entity(e.clone())),
        Op::Quote(q) => replace(set, Item::Quote(q.clone())),
        Op::Claim(c) => replace(set, Item::Claim(c.clone())),
        Op::Delete(id) => {
            if let Some(item) = set.get(id) {
                set.apply(&Edit::Remove(item));
            }
        }
        Op::Status(paragraph, status) => match set.paragraphs.get_mut(*paragraph) {
            Some(slot) => *slot = *status,
            None => return Err(OpError::NoParagraph(*paragraph)),
        },
        Op::Ids(ids) => set.next_ids = *ids,
        Op::Relation(r) => set.apply(&Edit::Relate(r.clone())),
        Op::Unrelate(id) => {
            if let Some(r) = set.relation(id).cloned() {
                set.apply(&Edit::Unrelate(r));
            }
        }
    }
    Ok(())
}

/// Whether applying `op` to `set` would change it.
pub(super) fn changes(set: &AnnotationSet, op: &Op) -> bool {
    match op {
        Op::Entity(e) => set.entity(&e.id) != Some(e),
        Op::Quote(q) => set.quote(&q.id) != Some(q),
        Op::Claim(c) => set.get(&c.id) != Some(Item::Claim(c.clone())),
        Op::Delete(id) => set.get(id).is_some(),
        Op::Status(paragraph, status) => set.paragraphs.get(*paragraph) != Some(status),
        Op::Ids(ids) => set.next_ids != *ids,
        Op::Relation(r) => set.relation(&r.id) != Some(r),
        Op::Unrelate(id) => set.relation(id).is_some(),
    }
}

//! The quick check of a journal save: whether the set a change leaves would still load, by
//! the rules of [`validate`](crate::store::validate), applied to what the change touched.
//!
//! Its cost follows the change, not the set: each assigned annotation is looked up through the
//! set's index and its own fragments compared with the article; only two rarer operations scan
//! the set's ids, as they always have (lowering the id counters, which only undoing an insert
//! does, and a delete, after which nothing may still link to what went). When the check
//! fails, the save falls back to the full check of a rewrite, which names the problem.

use crate::model::relation;
use crate::model::{AnnotationSet, Document, IdKind, Item};
use crate::store::validate::{Link, claim_links, fragments_fault, id_fits, quote_links};

use super::ops::{Op, op_id};

/// Whether `set`, which `ops` made from a set that loads, loads too.
pub(super) fn change_keeps_set_valid(doc: &Document, set: &AnnotationSet, ops: &[Op]) -> bool {
    let fits =
        |spans: &[crate::model::Span], stored: &str| fragments_fault(doc, spans, stored).is_none();
    let resolves = |link: Link| match link.kind {
        IdKind::Entity => set.entity(link.target).is_some(),
        IdKind::Quote => set.quote(link.target).is_some(),
        IdKind::Claim => false,
    };
    let next = &set.next_ids;
    let mut deleted = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        // An annotation assigned again later is checked at its last assignment.
        if let Some(id) = op_id(op)
            && ops[i + 1..].iter().any(|o| op_id(o) == Some(id))
        {
            continue;
        }
        let ok = match op {
            Op::Entity(e) => {
                id_fits(&e.id, IdKind::Entity, next)
                    && set.entity(&e.id) == Some(e)
                    && fits(&e.spans, &e.text)
            }
            Op::Quote(q) => {
                id_fits(&q.id, IdKind::Quote, next)
                    && set.quote(&q.id) == Some(q)
                    && fits(&q.spans, &q.text)
                    && q.cue.as_ref().is_none_or(|c| fits(&c.spans, &c.text))
                    && quote_links(q).all(resolves)
            }
            Op::Claim(c) => {
                id_fits(&c.id, IdKind::Claim, next)
                    && set.get(&c.id) == Some(Item::Claim(c.clone()))
                    && fits(&c.spans, &c.text)
                    && claim_links(c).all(resolves)
            }
            Op::Delete(id) => {
                deleted.push(id.as_str());
                set.get(id).is_none()
            }
            Op::Relation(r) => {
                let holds = |id: &str| set.get(id).is_some() || set.orphan(id).is_some();
                relation::number(&r.id).is_some_and(|n| n < next.relation)
                    && set.relation(&r.id) == Some(r)
                    && holds(&r.from)
                    && holds(&r.to)
            }
            Op::Unrelate(id) => set.relation(id).is_none(),
            Op::Status(paragraph, _) => *paragraph < set.paragraphs.len(),
            // Counters may go down (an undone insert): no id may reach them.
            Op::Ids(ids) => {
                set.entities
                    .iter()
                    .all(|e| id_fits(&e.id, IdKind::Entity, ids))
                    && set
                        .quotes
                        .iter()
                        .all(|q| id_fits(&q.id, IdKind::Quote, ids))
                    && set
                        .claims
                        .iter()
                        .all(|c| id_fits(&c.id, IdKind::Claim, ids))
                    && (set.relations.iter())
                        .all(|r| relation::number(&r.id).is_some_and(|n| n < ids.relation))
            }
        };
        if !ok {
            return false;
        }
    }
    // Nothing may still point at a deleted annotation.
    let kept = |link: Link| !deleted.contains(&link.target);
    deleted.is_empty()
        || (set.quotes.iter().all(|q| quote_links(q).all(kept))
            && set.claims.iter().all(|c| claim_links(c).all(kept))
            && (set.relations.iter()).all(|r| !deleted.iter().any(|d| r.touches(d))))
}

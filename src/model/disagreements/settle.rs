//! Putting a chosen version of a unit in the gold set: the edits, with fresh ids, links
//! translated from places to the gold's ids, and who made each annotation.

use thiserror::Error;

use crate::model::annotation::{Claim, Cue, Entity, Item, Quote, Text};
use crate::model::by::By;
use crate::model::document::Document;
use crate::model::edit::Edit;
use crate::model::id::IdKind;
use crate::model::set::AnnotationSet;
use crate::model::span::Span;
use crate::model::{Attribute, Relation};

use super::{Alignment, Content, Layer, Target, Unit};

/// Why a chosen version cannot be put in the gold yet.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the gold lacks its end {end} ({kind} relation): settle that first")]
pub struct Blocked {
    /// The kind of the relation that cannot be put there.
    pub kind: Text,
    /// The end the gold lacks, as [`End::describe`](super::End::describe) names it.
    pub end: String,
}

/// The attributes of a chosen annotation, as the file holds them.
fn attributes(content: &Content) -> Vec<Attribute> {
    content
        .attributes()
        .iter()
        .map(|(name, value)| Attribute {
            name: name.clone(),
            value: value.clone(),
        })
        .collect()
}

/// The gold set as the edits so far leave it, and those edits.
struct Work<'a> {
    doc: &'a Document,
    alignment: &'a Alignment,
    set: AnnotationSet,
    edits: Vec<Edit>,
}

/// The edits that make `gold` hold, at `unit`, exactly the annotations (or relations) of its
/// versions `chosen` (none: nothing there), each annotation saying which parties made it.
///
/// An annotation of the gold already there as chosen stays (its id and the links to it too);
/// one at the same place but different is changed in place, keeping its id, note and review;
/// any other there is removed, and links and relations to it from the gold are cleared. A
/// chosen annotation the gold lacks gets a fresh id; what its links point at is found in the
/// gold by place, and put there (with the same parties) when the gold lacks it too. Then the
/// relations every party agrees on that join an annotation of the unit to one the gold holds
/// are put there too, when the gold has no relation between the two.
///
/// At a unit of relations, the gold's relations between its two places become exactly the
/// chosen ones, each with the gold's ids for its ends (a relation kept as it is keeps its id; a
/// new one gets a fresh id and the note of the first party that drew it). A chosen relation
/// whose end the gold lacks (by place, and label for an entity) is refused: nothing changes.
pub fn settle(
    doc: &Document,
    gold: &AnnotationSet,
    alignment: &Alignment,
    unit: &Unit,
    chosen: &[usize],
) -> Result<Vec<Edit>, Blocked> {
    let mut work = Work {
        doc,
        alignment,
        set: gold.clone(),
        edits: Vec::new(),
    };
    if unit.layer == Layer::Relation {
        work.settle_relations(unit, chosen)?;
    } else {
        work.settle(unit, chosen);
        work.carry_relations(unit);
    }
    Ok(work.edits)
}

/// The edits that put in `gold` every unit all parties agree on where the gold has nothing of
/// that layer, entities first (so the links of quotes and claims find them), relations last
/// (each only when the gold holds both its ends), and how many units they settle.
pub fn settle_agreed(
    doc: &Document,
    gold: &AnnotationSet,
    alignment: &Alignment,
) -> (Vec<Edit>, usize) {
    let mut work = Work {
        doc,
        alignment,
        set: gold.clone(),
        edits: Vec::new(),
    };
    let mut settled = 0;
    for layer in Layer::ALL {
        for unit in alignment.units.iter().filter(|u| u.layer == layer) {
            if !unit.agreed() || !unit.gold(&work.set).is_empty() {
                continue;
            }
            if layer == Layer::Relation {
                if work.settle_relations(unit, &[0]).is_err() {
                    // An end is disputed: the relation comes when that end is settled.
                    continue;
                }
            } else {
                work.settle(unit, &[0]);
            }
            settled += 1;
        }
    }
    (work.edits, settled)
}

/// What a link to a quote is compared by (its fragments) and where to find it.
struct Wanted {
    content: Content,
    by: By,
    /// The first party that gave it (whose quotes a claim's link is looked up in).
    party: usize,
}

impl Work<'_> {
    fn push(&mut self, edit: Edit) {
        self.set.apply(&edit);
        self.edits.push(edit);
    }

    fn new_id(&mut self, layer: Layer) -> Text {
        let before = self.set.next_ids;
        let mut after = before;
        let (prefix, counter) = match layer {
            Layer::Entity => (IdKind::Entity.prefix(), &mut after.entity),
            Layer::Quote => (IdKind::Quote.prefix(), &mut after.quote),
            Layer::Claim => (IdKind::Claim.prefix(), &mut after.claim),
            Layer::Relation => (crate::model::relation::PREFIX, &mut after.relation),
        };
        let id = crate::model::format_compact!("{prefix}{counter}");
        *counter += 1;
        self.push(Edit::Ids { before, after });
        id
    }

    fn text(&self, spans: &[Span]) -> Text {
        Text::from(self.doc.slice_fragments(spans))
    }

    fn settle(&mut self, unit: &Unit, chosen: &[usize]) {
        let mut wanted: Vec<Wanted> = unit
            .union(chosen)
            .into_iter()
            .map(|content| {
                let makers: Vec<usize> = (0..self.alignment.parties.len())
                    .filter(|&p| {
                        chosen.iter().any(|&v| {
                            let version = &unit.versions[v];
                            version.contents.contains(&content)
                                && version.parties.contains(&self.alignment.parties[p])
                        })
                    })
                    .collect();
                Wanted {
                    by: By::new(makers.iter().map(|&p| self.alignment.parties[p].clone())),
                    party: makers.first().copied().unwrap_or(0),
                    content,
                }
            })
            .collect();
        let mut existing: Vec<(Item, Content)> = self.items_at(unit);
        // Already there as chosen: kept, saying who made it.
        existing.retain(|(item, content)| {
            let Some(at) = wanted.iter().position(|w| &w.content == content) else {
                return true;
            };
            let w = wanted.remove(at);
            if item.by() != &w.by {
                let mut after = item.clone();
                after.set_by(w.by);
                self.push(Edit::Replace {
                    before: item.clone(),
                    after,
                });
            }
            false
        });
        // At the same place but different: changed in place.
        existing.retain(|(item, content)| {
            let Some(at) = wanted
                .iter()
                .position(|w| w.content.spans() == content.spans())
            else {
                return true;
            };
            let w = wanted.remove(at);
            let current = self.set.get(item.id()).unwrap_or_else(|| item.clone());
            if let Some(mut after) = self.build(&w, Text::from(item.id())) {
                after.set_note(current.note().map(Text::from));
                after.set_review(current.review());
                self.push(Edit::Replace {
                    before: current,
                    after,
                });
            }
            false
        });
        for (item, _) in existing {
            self.remove(item.id());
        }
        for w in wanted {
            let id = self.new_id(w.content.layer());
            if let Some(item) = self.build(&w, id) {
                self.push(Edit::Insert(item));
            }
        }
    }

    /// Puts in the gold the relations every party agrees on that have an end at annotation
    /// unit `unit`, where the gold holds both their ends and no relation between the two.
    fn carry_relations(&mut self, unit: &Unit) {
        let agreed = self
            .alignment
            .units
            .iter()
            .filter(|r| r.layer == Layer::Relation && r.agreed() && r.joins(unit));
        for relations in agreed {
            if relations.gold(&self.set).is_empty() {
                // Refused when the other end is not settled yet: it comes with that end.
                self.settle_relations(relations, &[0]).ok();
            }
        }
    }

    /// Makes the gold's relations between the two places of relation unit `unit` exactly those
    /// of its versions `chosen`; refused, with nothing changed, when the gold lacks an end.
    fn settle_relations(&mut self, unit: &Unit, chosen: &[usize]) -> Result<(), Blocked> {
        let mut wanted: Vec<(Content, Text, Text)> = Vec::new();
        for content in unit.union(chosen) {
            let Content::Relation { kind, from, to } = &content else {
                continue;
            };
            let ids = (from.find_in(&self.set), to.find_in(&self.set));
            let (Some(from_id), Some(to_id)) = ids else {
                let end = if ids.0.is_none() { from } else { to };
                return Err(Blocked {
                    kind: kind.clone(),
                    end: end.describe(self.doc),
                });
            };
            wanted.push((content, from_id, to_id));
        }
        let Some(places) = unit.places() else {
            return Ok(());
        };
        let held: Vec<(Relation, Content)> = self
            .set
            .relations
            .iter()
            .filter_map(|r| {
                let placed = super::PlacedRelation {
                    kind: r.kind.clone(),
                    note: None,
                    from: super::end(&self.set, &r.from)?,
                    to: super::end(&self.set, &r.to)?,
                };
                let at = super::pair(placed.from.place(), placed.to.place()) == places;
                at.then(|| (r.clone(), placed.content()))
            })
            .collect();
        for (relation, content) in held {
            match wanted.iter().position(|(w, ..)| *w == content) {
                Some(at) => {
                    wanted.remove(at);
                }
                None => self.push(Edit::Unrelate(relation)),
            }
        }
        for (content, from, to) in wanted {
            let Content::Relation { kind, .. } = &content else {
                continue;
            };
            let note = self.note(unit, chosen, &content);
            let id = self.new_id(Layer::Relation);
            self.push(Edit::Relate(Relation {
                id,
                kind: kind.clone(),
                from,
                to,
                note,
            }));
        }
        Ok(())
    }

    /// The note of relation `content` as the first party of the `chosen` versions that drew it
    /// gave it.
    fn note(&self, unit: &Unit, chosen: &[usize], content: &Content) -> Option<Text> {
        let Content::Relation { kind, from, to } = content else {
            return None;
        };
        chosen
            .iter()
            .filter_map(|&v| unit.versions.get(v))
            .filter(|v| v.contents.contains(content))
            .flat_map(|v| &v.parties)
            .filter_map(|name| self.alignment.parties.iter().position(|p| p == name))
            .filter_map(|p| self.alignment.relations.get(p))
            .flatten()
            .find(|r| r.kind == *kind && r.from == *from && r.to == *to)
            .and_then(|r| r.note.clone())
    }

    /// The gold's annotations of the unit's layer at its place, with their contents.
    fn items_at(&self, unit: &Unit) -> Vec<(Item, Content)> {
        let overlaps = |spans: &[Span]| {
            crate::model::span::hull(spans).is_some_and(|h| h.overlaps(&unit.range))
        };
        let set = &self.set;
        match unit.layer {
            Layer::Relation => Vec::new(),
            Layer::Entity => set
                .entities_near(unit.range)
                .iter()
                .filter(|e| overlaps(&e.spans))
                .map(|e| (Item::Entity(e.clone()), Content::of_entity(e)))
                .collect(),
            Layer::Quote => set
                .quotes_near(unit.range)
                .iter()
                .filter(|q| overlaps(&q.spans))
                .map(|q| (Item::Quote(q.clone()), Content::of_quote(q, set)))
                .collect(),
            Layer::Claim => set
                .claims_near(unit.range)
                .iter()
                .filter(|c| overlaps(&c.spans))
                .map(|c| (Item::Claim(c.clone()), Content::of_claim(c, set)))
                .collect(),
        }
    }

    /// The annotation `id` of the gold, after clearing every link to it.
    fn remove(&mut self, id: &str) {
        let linking: Vec<Item> = self
            .set
            .quotes
            .iter()
            .filter(|q| q.speaker.as_deref() == Some(id))
            .cloned()
            .map(Item::Quote)
            .chain(
                self.set
                    .claims
                    .iter()
                    .filter(|c| c.claimant.as_deref() == Some(id) || c.quote.as_deref() == Some(id))
                    .cloned()
                    .map(Item::Claim),
            )
            .collect();
        for before in linking {
            let mut after = before.clone();
            match &mut after {
                Item::Quote(q) => q.speaker = None,
                Item::Claim(c) => {
                    if c.claimant.as_deref() == Some(id) {
                        c.claimant = None;
                    }
                    if c.quote.as_deref() == Some(id) {
                        c.quote = None;
                    }
                }
                Item::Entity(_) => {}
            }
            self.push(Edit::Replace { before, after });
        }
        for unrelate in self.set.unrelate_edits(id) {
            self.push(unrelate);
        }
        if let Some(item) = self.set.get(id) {
            self.push(Edit::Remove(item));
        }
    }

    /// The annotation `w` with id `id`, its links pointing at the gold's annotations (put
    /// there when missing); `None` for a relation, which is no annotation.
    fn build(&mut self, w: &Wanted, id: Text) -> Option<Item> {
        let item = match &w.content {
            Content::Relation { .. } => return None,
            Content::Entity { spans, label, .. } => Item::Entity(Entity {
                id,
                label: label.clone(),
                spans: spans.clone(),
                text: self.text(spans),
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: w.by.clone(),
                attributes: attributes(&w.content),
            }),
            Content::Quote {
                spans,
                kind,
                cue,
                speaker,
                ..
            } => Item::Quote(Quote {
                id,
                kind: *kind,
                spans: spans.clone(),
                text: self.text(spans),
                cue: cue.as_ref().map(|spans| Cue {
                    spans: spans.clone(),
                    text: self.text(spans),
                }),
                speaker: speaker.as_ref().map(|t| self.entity(t, &w.by)),
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: w.by.clone(),
                attributes: attributes(&w.content),
            }),
            Content::Claim {
                spans,
                claimant,
                quote,
                checkworthy,
                ..
            } => Item::Claim(Claim {
                id,
                spans: spans.clone(),
                text: self.text(spans),
                claimant: claimant.as_ref().map(|t| self.entity(t, &w.by)),
                quote: quote.as_ref().and_then(|q| self.quote(q, w)),
                checkworthy: *checkworthy,
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: w.by.clone(),
                attributes: attributes(&w.content),
            }),
        };
        Some(item)
    }

    /// The id of the gold's entity at `target`'s place with its label, put there if missing.
    fn entity(&mut self, target: &Target, by: &By) -> Text {
        let found = self
            .set
            .entities_near(crate::model::span::hull(&target.spans).unwrap_or_default())
            .iter()
            .find(|e| e.spans == target.spans && e.label == target.label);
        if let Some(e) = found {
            return e.id.clone();
        }
        let content = Content::Entity {
            spans: target.spans.clone(),
            label: target.label.clone(),
            attributes: Vec::new(),
        };
        self.insert(content, by.clone(), 0)
    }

    /// The id of the gold's quote at `spans`; when the gold has none, the quote as the party
    /// that made `w` gave it is put there. `None` when that party has no quote there either.
    fn quote(&mut self, spans: &[Span], w: &Wanted) -> Option<Text> {
        let found = self.set.quotes.iter().find(|q| q.spans[..] == *spans);
        if let Some(q) = found {
            return Some(q.id.clone());
        }
        let content = self.alignment.quote_of(w.party, spans)?.clone();
        Some(self.insert(content, w.by.clone(), w.party))
    }

    fn insert(&mut self, content: Content, by: By, party: usize) -> Text {
        let id = self.new_id(content.layer());
        let w = Wanted { content, by, party };
        if let Some(item) = self.build(&w, id.clone()) {
            self.push(Edit::Insert(item));
        }
        id
    }
}

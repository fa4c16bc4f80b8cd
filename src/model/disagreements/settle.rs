//! Putting a chosen version of a unit in the gold set: the edits, with fresh ids, links
//! translated from places to the gold's ids, and who made each annotation.

use crate::model::annotation::{Claim, Cue, Entity, Item, Quote, Text};
use crate::model::by::By;
use crate::model::document::Document;
use crate::model::edit::Edit;
use crate::model::id::IdKind;
use crate::model::set::AnnotationSet;
use crate::model::span::Span;
use crate::model::{Attribute, Relation};

use super::{Alignment, Content, End, Target, Unit};

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

/// The edits that make `gold` hold, at `unit`, exactly the annotations of its versions
/// `chosen` (none: nothing there), each saying which parties made it.
///
/// An annotation of the gold already there as chosen stays (its id and the links to it too);
/// one at the same place but different is changed in place, keeping its id, note and review;
/// any other there is removed, and links to it from the gold are cleared. A chosen annotation
/// the gold lacks gets a fresh id; what its links point at is found in the gold by place, and
/// put there (with the same parties) when the gold lacks it too.
pub fn settle(
    doc: &Document,
    gold: &AnnotationSet,
    alignment: &Alignment,
    unit: &Unit,
    chosen: &[usize],
) -> Vec<Edit> {
    let mut work = Work {
        doc,
        alignment,
        set: gold.clone(),
        edits: Vec::new(),
    };
    work.settle(unit, chosen);
    work.edits
}

/// The edits that put in `gold` every unit all parties agree on where the gold has nothing of
/// that layer, entities first (so the links of quotes and claims find them), and how many
/// units they settle.
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
    for layer in IdKind::ALL {
        for unit in alignment.units.iter().filter(|u| u.layer == layer) {
            if unit.agreed() && unit.gold(&work.set).is_empty() {
                work.settle(unit, &[0]);
                settled += 1;
            }
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

    fn new_id(&mut self, kind: IdKind) -> Text {
        let before = self.set.next_ids;
        let mut after = before;
        let counter = match kind {
            IdKind::Entity => &mut after.entity,
            IdKind::Quote => &mut after.quote,
            IdKind::Claim => &mut after.claim,
        };
        let id = crate::model::format_compact!("{}{counter}", kind.prefix());
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
            let mut after = self.build(&w, Text::from(item.id()));
            after.set_note(current.note().map(Text::from));
            after.set_review(current.review());
            self.push(Edit::Replace {
                before: current,
                after,
            });
            false
        });
        for (item, _) in existing {
            self.remove(item.id());
        }
        for w in wanted {
            let id = self.new_id(w.content.layer());
            let item = self.build(&w, id);
            self.push(Edit::Insert(item));
        }
        self.carry_relations(unit, chosen);
    }

    /// Puts in the gold the relations the makers of the `chosen` versions gave at `unit` whose
    /// both ends the gold now holds (by place), with fresh ids, unless it has one of that kind
    /// between the same two annotations.
    fn carry_relations(&mut self, unit: &Unit, chosen: &[usize]) {
        let makers: Vec<usize> = (0..self.alignment.parties.len())
            .filter(|&p| {
                chosen.iter().any(|&v| {
                    unit.versions.get(v).is_some_and(|version| {
                        !version.is_none() && version.parties.contains(&self.alignment.parties[p])
                    })
                })
            })
            .collect();
        for p in makers {
            let Some(relations) = self.alignment.relations.get(p) else {
                continue;
            };
            for r in relations
                .iter()
                .filter(|r| r.from.at(unit) || r.to.at(unit))
            {
                let (Some(from), Some(to)) = (self.find(&r.from), self.find(&r.to)) else {
                    continue;
                };
                let held = self
                    .set
                    .relations
                    .iter()
                    .any(|x| x.kind == r.kind && x.from == from && x.to == to);
                if held {
                    continue;
                }
                let before = self.set.next_ids;
                let mut after = before;
                let id = crate::model::format_compact!(
                    "{}{}",
                    crate::model::relation::PREFIX,
                    after.relation
                );
                after.relation += 1;
                self.push(Edit::Ids { before, after });
                self.push(Edit::Relate(Relation {
                    id,
                    kind: r.kind.clone(),
                    from,
                    to,
                    note: r.note.clone(),
                }));
            }
        }
    }

    /// The id of the gold's annotation at `end`'s place (with its label, for an entity).
    fn find(&self, end: &End) -> Option<Text> {
        let range = crate::model::span::hull(&end.spans)?;
        let set = &self.set;
        match end.layer {
            IdKind::Entity => set
                .entities_near(range)
                .iter()
                .find(|e| e.spans == end.spans && Some(&e.label) == end.label.as_ref())
                .map(|e| e.id.clone()),
            IdKind::Quote => set
                .quotes_near(range)
                .iter()
                .find(|q| q.spans == end.spans)
                .map(|q| q.id.clone()),
            IdKind::Claim => set
                .claims_near(range)
                .iter()
                .find(|c| c.spans == end.spans)
                .map(|c| c.id.clone()),
        }
    }

    /// The gold's annotations of the unit's layer at its place, with their contents.
    fn items_at(&self, unit: &Unit) -> Vec<(Item, Content)> {
        let overlaps = |spans: &[Span]| {
            crate::model::span::hull(spans).is_some_and(|h| h.overlaps(&unit.range))
        };
        let set = &self.set;
        match unit.layer {
            IdKind::Entity => set
                .entities_near(unit.range)
                .iter()
                .filter(|e| overlaps(&e.spans))
                .map(|e| (Item::Entity(e.clone()), Content::of_entity(e)))
                .collect(),
            IdKind::Quote => set
                .quotes_near(unit.range)
                .iter()
                .filter(|q| overlaps(&q.spans))
                .map(|q| (Item::Quote(q.clone()), Content::of_quote(q, set)))
                .collect(),
            IdKind::Claim => set
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
    /// there when missing).
    fn build(&mut self, w: &Wanted, id: Text) -> Item {
        match &w.content {
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
        }
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
        let item = self.build(&w, id.clone());
        self.push(Edit::Insert(item));
        id
    }
}

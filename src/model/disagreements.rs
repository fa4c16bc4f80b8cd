//! Where several annotators' versions of one article agree and where they differ.
//!
//! Each party's annotations (all made for the same [`Document`](super::Document)) are compared
//! by place, never by id: an annotation is its [`Content`] (its spans and label; a quote's
//! kind, cue and speaker; a claim's claimant, quote and check-worthiness), and a link is the
//! place (and, for an entity, the label) of what it points at. Per layer, annotations whose
//! places overlap, in any party, make one [`Unit`]; each unit lists the distinct
//! [`Version`]s the parties gave there (a party with nothing there gives the version "none").
//! A unit with one version that is not "none" is agreed by everyone; any other is a
//! disagreement. [`settle`] and [`settle_agreed`] turn a choice into edits of the gold set.

mod settle;
#[cfg(test)]
mod tests;

pub use settle::{settle, settle_agreed};

use super::annotation::{Checkworthy, Claim, Entity, Quote, QuoteKind, Spans, Text};
use super::id::IdKind;
use super::set::AnnotationSet;
use super::span::{self, Span};

/// An entity named by place: what a speaker or claimant link points at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Target {
    /// The entity's fragments.
    pub spans: Spans,
    /// The entity's label.
    pub label: Text,
}

/// An annotation's attributes as compared: name and value (none for a flag), sorted by name.
pub type Attributes = Vec<(Text, Option<Text>)>;

fn attributes(list: &[super::Attribute]) -> Attributes {
    list.iter()
        .map(|a| (a.name.clone(), a.value.clone()))
        .collect()
}

/// An annotation as the parties compare it: by place, with its attributes, without id, note,
/// review or source.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Content {
    /// An entity: its fragments and label.
    Entity {
        /// Fragments.
        spans: Spans,
        /// Label.
        label: Text,
        /// Attributes.
        attributes: Attributes,
    },
    /// A quote: its fragments, kind, cue and speaker.
    Quote {
        /// Fragments.
        spans: Spans,
        /// Direct, indirect or mixed.
        kind: QuoteKind,
        /// The cue's fragments.
        cue: Option<Spans>,
        /// The speaker, by place and label.
        speaker: Option<Target>,
        /// Attributes.
        attributes: Attributes,
    },
    /// A claim: its fragments, claimant, quote and check-worthiness.
    Claim {
        /// Fragments.
        spans: Spans,
        /// The claimant, by place and label.
        claimant: Option<Target>,
        /// The quote it was made in, by its fragments.
        quote: Option<Spans>,
        /// Whether it is worth checking.
        checkworthy: Option<Checkworthy>,
        /// Attributes.
        attributes: Attributes,
    },
}

impl Content {
    /// The layer of the annotation.
    pub fn layer(&self) -> IdKind {
        match self {
            Content::Entity { .. } => IdKind::Entity,
            Content::Quote { .. } => IdKind::Quote,
            Content::Claim { .. } => IdKind::Claim,
        }
    }

    /// The annotation's attributes.
    pub fn attributes(&self) -> &Attributes {
        match self {
            Content::Entity { attributes, .. }
            | Content::Quote { attributes, .. }
            | Content::Claim { attributes, .. } => attributes,
        }
    }

    /// The annotation's own fragments.
    pub fn spans(&self) -> &[Span] {
        match self {
            Content::Entity { spans, .. }
            | Content::Quote { spans, .. }
            | Content::Claim { spans, .. } => spans,
        }
    }

    /// The smallest span covering the fragments.
    pub fn hull(&self) -> Span {
        span::hull(self.spans()).unwrap_or_default()
    }

    /// An entity of `set` as compared.
    pub fn of_entity(e: &Entity) -> Content {
        Content::Entity {
            spans: e.spans.clone(),
            label: e.label.clone(),
            attributes: attributes(&e.attributes),
        }
    }

    /// A quote of `set` as compared: its speaker by place.
    pub fn of_quote(q: &Quote, set: &AnnotationSet) -> Content {
        Content::Quote {
            spans: q.spans.clone(),
            kind: q.kind,
            cue: q.cue.as_ref().map(|c| c.spans.clone()),
            speaker: target(set, q.speaker.as_deref()),
            attributes: attributes(&q.attributes),
        }
    }

    /// A claim of `set` as compared: its claimant and quote by place.
    pub fn of_claim(c: &Claim, set: &AnnotationSet) -> Content {
        Content::Claim {
            spans: c.spans.clone(),
            claimant: target(set, c.claimant.as_deref()),
            quote: c
                .quote
                .as_deref()
                .and_then(|id| set.quote(id))
                .map(|q| q.spans.clone()),
            checkworthy: c.checkworthy,
            attributes: attributes(&c.attributes),
        }
    }
}

/// The entity `id` of `set` by place (`None` for no link, or one that does not resolve).
fn target(set: &AnnotationSet, id: Option<&str>) -> Option<Target> {
    let e = set.entity(id?)?;
    Some(Target {
        spans: e.spans.clone(),
        label: e.label.clone(),
    })
}

/// Every annotation of `layer` in `set`, as compared, in the set's order.
pub fn contents(set: &AnnotationSet, layer: IdKind) -> Vec<Content> {
    match layer {
        IdKind::Entity => set.entities.iter().map(Content::of_entity).collect(),
        IdKind::Quote => set
            .quotes
            .iter()
            .map(|q| Content::of_quote(q, set))
            .collect(),
        IdKind::Claim => set
            .claims
            .iter()
            .map(|c| Content::of_claim(c, set))
            .collect(),
    }
}

/// The annotations of `layer` in `set` whose places (from first to last character) overlap
/// `range`, as compared, sorted.
pub fn contents_at(set: &AnnotationSet, layer: IdKind, range: Span) -> Vec<Content> {
    let overlaps = |spans: &[Span]| span::hull(spans).is_some_and(|h| h.overlaps(&range));
    let mut found: Vec<Content> = match layer {
        IdKind::Entity => set
            .entities_near(range)
            .iter()
            .filter(|e| overlaps(&e.spans))
            .map(Content::of_entity)
            .collect(),
        IdKind::Quote => set
            .quotes_near(range)
            .iter()
            .filter(|q| overlaps(&q.spans))
            .map(|q| Content::of_quote(q, set))
            .collect(),
        IdKind::Claim => set
            .claims_near(range)
            .iter()
            .filter(|c| overlaps(&c.spans))
            .map(|c| Content::of_claim(c, set))
            .collect(),
    };
    found.sort();
    found
}

/// What some parties gave at a unit: the same annotations (an empty list is "none").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// The annotations, sorted; empty when these parties have nothing there.
    pub contents: Vec<Content>,
    /// The parties who gave it, in the order the parties were given.
    pub parties: Vec<Text>,
}

impl Version {
    /// Whether this is the version "nothing here".
    pub fn is_none(&self) -> bool {
        self.contents.is_empty()
    }
}

/// One place of one layer where at least one party annotated, with every version given there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The layer.
    pub layer: IdKind,
    /// From the first to the last character any party's annotation covers there.
    pub range: Span,
    /// The distinct versions, in the order of the first party that gave each.
    pub versions: Vec<Version>,
}

impl Unit {
    /// Whether every party gave the same annotations there.
    pub fn agreed(&self) -> bool {
        self.versions.len() == 1 && !self.versions[0].is_none()
    }

    /// What `gold` holds there, as compared.
    pub fn gold(&self, gold: &AnnotationSet) -> Vec<Content> {
        contents_at(gold, self.layer, self.range)
    }

    /// The versions `gold` settled the unit with: one version it equals, or else a few whose
    /// annotations together are exactly what it holds there (looked for among up to 8
    /// versions); `None` while the gold holds something else, or nothing (nothing there is
    /// not told apart from not yet decided: adjudication remembers a "none" it was given).
    pub fn settled(&self, gold: &AnnotationSet) -> Option<Vec<usize>> {
        let held = self.gold(gold);
        if held.is_empty() {
            return None;
        }
        if let Some(i) = self.versions.iter().position(|v| v.contents == held) {
            return Some(vec![i]);
        }
        let n = self.versions.len();
        if n > 8 {
            return None;
        }
        (1u32..1 << n)
            .filter(|mask| mask.count_ones() > 1)
            .map(|mask| (0..n).filter(|i| mask & (1 << i) != 0).collect::<Vec<_>>())
            .find(|chosen| self.union(chosen) == held)
    }

    /// The annotations of the `chosen` versions together, sorted, each once.
    pub fn union(&self, chosen: &[usize]) -> Vec<Content> {
        let mut all: Vec<Content> = chosen
            .iter()
            .filter_map(|&i| self.versions.get(i))
            .flat_map(|v| v.contents.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

/// The versions of several parties aligned by place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    /// The parties' names, in the order given.
    pub parties: Vec<Text>,
    /// Every unit, agreed or not, by place (start, then layer, then end).
    pub units: Vec<Unit>,
    /// Each party's quotes as compared, to put a quote a chosen claim links to in the gold
    /// when the gold lacks it.
    quotes: Vec<Vec<Content>>,
    /// Each party's relations by the places of their ends, to carry into the gold those whose
    /// ends it holds.
    relations: Vec<Vec<PlacedRelation>>,
}

/// An end of a relation named by place: its layer, fragments and (an entity's) label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct End {
    /// The layer of the annotation.
    pub layer: IdKind,
    /// Its fragments.
    pub spans: Spans,
    /// An entity's label; none for a quote or claim.
    pub label: Option<Text>,
}

impl End {
    /// Whether the annotation lies at `unit`.
    pub fn at(&self, unit: &Unit) -> bool {
        self.layer == unit.layer && span::hull(&self.spans).is_some_and(|h| h.overlaps(&unit.range))
    }
}

/// A relation of a party with its ends by place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedRelation {
    /// Its kind.
    pub kind: Text,
    /// Its note.
    pub note: Option<Text>,
    /// Where it starts.
    pub from: End,
    /// Where it points.
    pub to: End,
}

/// The annotation `id` of `set` by place.
fn end(set: &AnnotationSet, id: &str) -> Option<End> {
    if let Some(e) = set.entity(id) {
        return Some(End {
            layer: IdKind::Entity,
            spans: e.spans.clone(),
            label: Some(e.label.clone()),
        });
    }
    let (layer, spans) = match set.quote(id) {
        Some(q) => (IdKind::Quote, q.spans.clone()),
        None => (
            IdKind::Claim,
            set.claims.iter().find(|c| c.id == id)?.spans.clone(),
        ),
    };
    Some(End {
        layer,
        spans,
        label: None,
    })
}

/// The relations of `set` whose both ends it holds, by place.
fn placed_relations(set: &AnnotationSet) -> Vec<PlacedRelation> {
    set.relations
        .iter()
        .filter_map(|r| {
            Some(PlacedRelation {
                kind: r.kind.clone(),
                note: r.note.clone(),
                from: end(set, &r.from)?,
                to: end(set, &r.to)?,
            })
        })
        .collect()
}

impl Alignment {
    /// The units on which the parties disagree.
    pub fn disagreements(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| !u.agreed())
    }

    /// How many units `gold` has not settled: disagreements where it holds none of the
    /// versions (or nothing), and agreed units where it holds something else (an agreed unit
    /// where it holds nothing is settled on entering adjudication, so it does not count).
    pub fn unsettled(&self, gold: &AnnotationSet) -> usize {
        self.units
            .iter()
            .filter(|u| u.settled(gold).is_none() && (!u.agreed() || !u.gold(gold).is_empty()))
            .count()
    }

    /// The index of the version "none" of unit `index`, if a party gave it.
    pub fn none_version(&self, index: usize) -> Option<usize> {
        self.units
            .get(index)?
            .versions
            .iter()
            .position(Version::is_none)
    }

    /// The quote at `spans` as `party` (an index into [`parties`](Self::parties)) gave it.
    fn quote_of(&self, party: usize, spans: &[Span]) -> Option<&Content> {
        self.quotes.get(party)?.iter().find(|q| q.spans() == spans)
    }
}

/// Aligns the versions of `parties` (name and annotations, all for the same article) by
/// place: per layer, annotations whose places overlap (in any party) make one unit.
pub fn align(parties: &[(&str, &AnnotationSet)]) -> Alignment {
    let mut units = Vec::new();
    for layer in IdKind::ALL {
        let mut placed: Vec<(Span, usize, Content)> = parties
            .iter()
            .enumerate()
            .flat_map(|(p, (_, set))| {
                contents(set, layer)
                    .into_iter()
                    .map(move |c| (c.hull(), p, c))
            })
            .collect();
        placed.sort_by_key(|(hull, ..)| (hull.start, hull.end));
        let mut group: Vec<(usize, Content)> = Vec::new();
        let mut range = Span::default();
        for (hull, party, content) in placed {
            if !group.is_empty() && hull.start >= range.end {
                units.push(unit(layer, range, std::mem::take(&mut group), parties));
            }
            range = if group.is_empty() {
                hull
            } else {
                range.union(&hull)
            };
            group.push((party, content));
        }
        if !group.is_empty() {
            units.push(unit(layer, range, group, parties));
        }
    }
    units.sort_by_key(|u| (u.range.start, u.layer.order(), u.range.end));
    Alignment {
        parties: parties.iter().map(|(name, _)| Text::from(*name)).collect(),
        units,
        quotes: parties
            .iter()
            .map(|(_, set)| contents(set, IdKind::Quote))
            .collect(),
        relations: parties
            .iter()
            .map(|(_, set)| placed_relations(set))
            .collect(),
    }
}

/// The unit of the annotations `group` (party index and content) found at `range`.
fn unit(
    layer: IdKind,
    range: Span,
    group: Vec<(usize, Content)>,
    parties: &[(&str, &AnnotationSet)],
) -> Unit {
    let mut versions: Vec<Version> = Vec::new();
    for (p, (name, _)) in parties.iter().enumerate() {
        let mut mine: Vec<Content> = group
            .iter()
            .filter(|(party, _)| *party == p)
            .map(|(_, c)| c.clone())
            .collect();
        mine.sort();
        match versions.iter_mut().find(|v| v.contents == mine) {
            Some(v) => v.parties.push(Text::from(*name)),
            None => versions.push(Version {
                contents: mine,
                parties: vec![Text::from(*name)],
            }),
        }
    }
    Unit {
        layer,
        range,
        versions,
    }
}

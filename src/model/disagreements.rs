//! Where several annotators' versions of one article agree and where they differ.
//!
//! Each party's annotations (all made for the same [`Document`]) are compared
//! by place, never by id: an annotation is its [`Content`] (its spans and label; a quote's
//! kind, cue and speaker; a claim's claimant, quote and check-worthiness), and a link is the
//! place (and, for an entity, the label) of what it points at. Per layer, annotations whose
//! places overlap, in any party, make one [`Unit`]; the relations between the same two places
//! (either way round) make one unit of the [`Layer::Relation`] layer. Each unit lists the
//! distinct [`Version`]s the parties gave there (a party with nothing there gives the version
//! "none"). A unit with one version that is not "none" is agreed by everyone; any other is a
//! disagreement. [`settle`] and [`settle_agreed`] turn a choice into edits of the gold set.

mod settle;
#[cfg(test)]
mod tests;

pub use settle::{Blocked, settle, settle_agreed};

use std::collections::BTreeMap;

use super::annotation::{Checkworthy, Claim, Entity, Quote, QuoteKind, Spans, Text};
use super::document::Document;
use super::id::IdKind;
use super::set::AnnotationSet;
use super::span::{self, Span};

/// What the units of one layer are made of: annotations of one kind, or relations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// Entities.
    Entity,
    /// Quotes.
    Quote,
    /// Claims.
    Claim,
    /// Relations, a unit per pair of places they join.
    Relation,
}

impl Layer {
    /// Every layer, in the order they are settled (a relation's ends first).
    pub const ALL: [Layer; 4] = [Layer::Entity, Layer::Quote, Layer::Claim, Layer::Relation];

    /// The layer's place in that order: at one place in the text, entities come first.
    pub fn order(self) -> u8 {
        match self {
            Layer::Entity => 0,
            Layer::Quote => 1,
            Layer::Claim => 2,
            Layer::Relation => 3,
        }
    }

    /// The layer's name in lower case (`entity`, …, `relation`).
    pub fn name(self) -> &'static str {
        match self.kind() {
            Some(kind) => kind.name(),
            None => "relation",
        }
    }

    /// The kind of annotation the layer holds; `None` for relations.
    pub fn kind(self) -> Option<IdKind> {
        match self {
            Layer::Entity => Some(IdKind::Entity),
            Layer::Quote => Some(IdKind::Quote),
            Layer::Claim => Some(IdKind::Claim),
            Layer::Relation => None,
        }
    }
}

impl From<IdKind> for Layer {
    fn from(kind: IdKind) -> Self {
        match kind {
            IdKind::Entity => Layer::Entity,
            IdKind::Quote => Layer::Quote,
            IdKind::Claim => Layer::Claim,
        }
    }
}

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
/// review or source; or a relation, by its kind and the places of its ends.
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
    /// A relation: its kind, where it starts and where it points (its note aside).
    Relation {
        /// Its kind.
        kind: Text,
        /// Where it starts.
        from: End,
        /// Where it points.
        to: End,
    },
}

impl Content {
    /// The layer of the annotation or relation.
    pub fn layer(&self) -> Layer {
        match self {
            Content::Entity { .. } => Layer::Entity,
            Content::Quote { .. } => Layer::Quote,
            Content::Claim { .. } => Layer::Claim,
            Content::Relation { .. } => Layer::Relation,
        }
    }

    /// The annotation's attributes (none for a relation).
    pub fn attributes(&self) -> &[(Text, Option<Text>)] {
        match self {
            Content::Entity { attributes, .. }
            | Content::Quote { attributes, .. }
            | Content::Claim { attributes, .. } => attributes,
            Content::Relation { .. } => &[],
        }
    }

    /// The annotation's own fragments (none for a relation: its ends have them).
    pub fn spans(&self) -> &[Span] {
        match self {
            Content::Entity { spans, .. }
            | Content::Quote { spans, .. }
            | Content::Claim { spans, .. } => spans,
            Content::Relation { .. } => &[],
        }
    }

    /// A relation's ends, where it starts and where it points.
    pub fn ends(&self) -> Option<(&End, &End)> {
        match self {
            Content::Relation { from, to, .. } => Some((from, to)),
            _ => None,
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

/// One place of one layer where at least one party annotated (for relations: two places some
/// party joined by a relation), with every version given there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The layer.
    pub layer: Layer,
    /// From the first to the last character any party's annotation covers there (for
    /// relations: from the start of the first end to the end of the last).
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
        match self.layer.kind() {
            Some(kind) => contents_at(gold, kind, self.range),
            None => self.places().map_or_else(Vec::new, |places| {
                let mut found = relations_at(gold, &places);
                found.sort();
                found
            }),
        }
    }

    /// A relation unit's two places (the layer and fragments of the annotations its relations
    /// join), sorted; `None` for a unit of annotations.
    pub fn places(&self) -> Option<[Place; 2]> {
        let (from, to) = self
            .versions
            .iter()
            .flat_map(|v| v.contents.first())
            .find_map(Content::ends)?;
        Some(pair(from.place(), to.place()))
    }

    /// Where the unit comes among the others, in the order of the article: by start, layer,
    /// then end; a unit of relations at the start of its later end, after both its ends.
    pub fn key(&self) -> (usize, u8, usize) {
        let start = match self.places() {
            Some(places) => places
                .iter()
                .filter_map(|(_, spans)| span::hull(spans))
                .map(|h| h.start)
                .max()
                .unwrap_or(self.range.start),
            None => self.range.start,
        };
        (start, self.layer.order(), self.range.end)
    }

    /// Whether a relation unit has an end at annotation unit `other`.
    pub fn joins(&self, other: &Unit) -> bool {
        self.versions
            .iter()
            .flat_map(|v| &v.contents)
            .filter_map(Content::ends)
            .any(|(from, to)| from.at(other) || to.at(other))
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
    /// Every unit, agreed or not, by place ([`Unit::key`]).
    pub units: Vec<Unit>,
    /// Each party's quotes as compared, to put a quote a chosen claim links to in the gold
    /// when the gold lacks it.
    quotes: Vec<Vec<Content>>,
    /// Each party's relations by the places of their ends, for the note of a relation put in
    /// the gold.
    relations: Vec<Vec<PlacedRelation>>,
}

/// The place of an annotation: its kind and fragments.
pub type Place = (IdKind, Spans);

/// Two places in order, so that a relation and its reverse are at the same pair.
fn pair(a: Place, b: Place) -> [Place; 2] {
    if a <= b { [a, b] } else { [b, a] }
}

/// An end of a relation named by place: its layer, fragments and (an entity's) label.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct End {
    /// The layer of the annotation.
    pub layer: IdKind,
    /// Its fragments.
    pub spans: Spans,
    /// An entity's label; none for a quote or claim.
    pub label: Option<Text>,
}

impl End {
    /// Whether the annotation lies at `unit` (a unit of annotations).
    pub fn at(&self, unit: &Unit) -> bool {
        Layer::from(self.layer) == unit.layer
            && span::hull(&self.spans).is_some_and(|h| h.overlaps(&unit.range))
    }

    /// Its place, the label aside.
    pub fn place(&self) -> Place {
        (self.layer, self.spans.clone())
    }

    /// How the adjudication panel and its messages name it: `LOC “Jakarta”`, `quote “…”`.
    pub fn describe(&self, doc: &Document) -> String {
        let what = self.label.as_deref().unwrap_or(self.layer.name());
        format!("{what} “{}”", doc.slice_fragments(&self.spans))
    }

    /// The id of the annotation of `set` at this place (with this label, for an entity).
    pub fn find_in(&self, set: &AnnotationSet) -> Option<Text> {
        let range = span::hull(&self.spans)?;
        match self.layer {
            IdKind::Entity => set
                .entities_near(range)
                .iter()
                .find(|e| e.spans == self.spans && Some(&e.label) == self.label.as_ref())
                .map(|e| e.id.clone()),
            IdKind::Quote => set
                .quotes_near(range)
                .iter()
                .find(|q| q.spans == self.spans)
                .map(|q| q.id.clone()),
            IdKind::Claim => set
                .claims_near(range)
                .iter()
                .find(|c| c.spans == self.spans)
                .map(|c| c.id.clone()),
        }
    }
}

/// The end of relation content `content` that `gold` lacks (by place, and label for an
/// entity), if any: such a relation cannot be put in the gold yet.
pub fn missing_end<'a>(gold: &AnnotationSet, content: &'a Content) -> Option<&'a End> {
    let (from, to) = content.ends()?;
    [from, to]
        .into_iter()
        .find(|end| end.find_in(gold).is_none())
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

/// The two places `relation` of `set` joins, sorted as [`Unit::places`] gives them; `None`
/// when an end is not in `set`.
pub fn relation_places(set: &AnnotationSet, relation: &super::Relation) -> Option<[Place; 2]> {
    let (from, to) = (end(set, &relation.from)?, end(set, &relation.to)?);
    Some(pair(from.place(), to.place()))
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

/// The relations of `set` between the two `places` (either way round), as compared.
fn relations_at(set: &AnnotationSet, places: &[Place; 2]) -> Vec<Content> {
    placed_relations(set)
        .into_iter()
        .filter(|r| pair(r.from.place(), r.to.place()) == *places)
        .map(PlacedRelation::content)
        .collect()
}

impl PlacedRelation {
    /// The relation as compared.
    pub fn content(self) -> Content {
        Content::Relation {
            kind: self.kind,
            from: self.from,
            to: self.to,
        }
    }
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
/// place: per layer, annotations whose places overlap (in any party) make one unit; relations
/// between the same two places (either way round) make one unit.
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
                units.push(unit(
                    layer.into(),
                    range,
                    std::mem::take(&mut group),
                    parties,
                ));
            }
            range = if group.is_empty() {
                hull
            } else {
                range.union(&hull)
            };
            group.push((party, content));
        }
        if !group.is_empty() {
            units.push(unit(layer.into(), range, group, parties));
        }
    }
    let relations: Vec<Vec<PlacedRelation>> = parties
        .iter()
        .map(|(_, set)| placed_relations(set))
        .collect();
    let mut joined: BTreeMap<[Place; 2], Vec<(usize, Content)>> = BTreeMap::new();
    for (p, list) in relations.iter().enumerate() {
        for r in list {
            let places = pair(r.from.place(), r.to.place());
            joined
                .entry(places)
                .or_default()
                .push((p, r.clone().content()));
        }
    }
    for (places, group) in joined {
        let hulls = places.map(|(_, spans)| span::hull(&spans).unwrap_or_default());
        units.push(unit(
            Layer::Relation,
            hulls[0].union(&hulls[1]),
            group,
            parties,
        ));
    }
    units.sort_by_key(Unit::key);
    Alignment {
        parties: parties.iter().map(|(name, _)| Text::from(*name)).collect(),
        units,
        quotes: parties
            .iter()
            .map(|(_, set)| contents(set, IdKind::Quote))
            .collect(),
        relations,
    }
}

/// The unit of the annotations `group` (party index and content) found at `range`.
fn unit(
    layer: Layer,
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

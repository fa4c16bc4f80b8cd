//! What agreement compares in one layer of one party's annotations: each annotation as a
//! [`Unit`] (label, characters, and the attributes compared on matched quotes and claims), and
//! the label of every character ([`Runs`]).

use std::cmp::Reverse;

use serde::Serialize;

use crate::model::{AnnotationSet, Checkworthy, QuoteKind, Span, Spans, Text};

/// A layer of annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Entities, labelled by their label.
    Entities,
    /// Quotes, all labelled [`QUOTE`].
    Quotes,
    /// Claims, all labelled [`CLAIM`].
    Claims,
}

impl Layer {
    /// The three layers, in report order.
    pub const ALL: [Layer; 3] = [Layer::Entities, Layer::Quotes, Layer::Claims];

    /// The layer's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Entities => "entities",
            Layer::Quotes => "quotes",
            Layer::Claims => "claims",
        }
    }
}

/// The label of every quote.
pub const QUOTE: &str = "QUOTE";
/// The label of every claim.
pub const CLAIM: &str = "CLAIM";

/// What is compared on a matched pair beside the spans.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attributes {
    /// An entity: nothing beyond its label.
    Entity,
    /// A quote.
    Quote {
        /// `direct`, `indirect` or `mixed`.
        kind: &'static str,
        /// The cue's characters.
        cue: Option<Spans>,
        /// The characters of the speaker entity (the speaker by place: ids differ between files).
        speaker: Option<Spans>,
    },
    /// A claim.
    Claim {
        /// Check-worthiness: `yes`, `no` or `unset`.
        checkworthy: &'static str,
    },
}

/// One annotation as agreement sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The annotation's id in its party's file (relations name their ends by id).
    pub id: Text,
    /// The index of its label (the entity's label, or [`QUOTE`], [`CLAIM`]) in the layer's
    /// [`Labels`].
    pub label: usize,
    /// The characters covered, as sorted fragments, overlapping and touching ones merged.
    pub spans: Spans,
    /// What else is compared.
    pub attributes: Attributes,
}

impl Unit {
    /// The smallest span covering the unit.
    pub fn hull(&self) -> Span {
        crate::model::span::hull(&self.spans).unwrap_or_default()
    }
}

/// A quote's kind as reports name it.
pub fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

/// A claim's check-worthiness as reports name it.
pub fn checkworthy_name(value: Option<Checkworthy>) -> &'static str {
    match value {
        Some(Checkworthy::Yes) => "yes",
        Some(Checkworthy::No) => "no",
        None => "unset",
    }
}

/// `spans` sorted, with overlapping and touching fragments merged (empty ones dropped).
pub fn normalise(spans: &[Span]) -> Spans {
    let mut sorted: Spans = spans.iter().copied().filter(|s| !s.is_empty()).collect();
    sorted.sort_unstable();
    let mut merged = Spans::with_capacity(sorted.len());
    for span in sorted {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// Whether `spans` cover a character.
fn covers(spans: &[Span]) -> bool {
    spans.iter().any(|s| !s.is_empty())
}

/// The labels of one layer of a document: [`OUTSIDE`](super::stats::OUTSIDE) first (index 0),
/// then every label some party used, in byte order; a label's index is its place here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labels(Vec<Text>);

impl Labels {
    /// The labels the parties' `sets` use in `layer`.
    pub fn of(sets: &[&AnnotationSet], layer: Layer) -> Self {
        let mut used: Vec<&str> = match layer {
            Layer::Entities => sets
                .iter()
                .flat_map(|s| s.entities.iter().filter(|e| covers(&e.spans)))
                .map(|e| e.label.as_str())
                .collect(),
            Layer::Quotes => sets
                .iter()
                .any(|s| s.quotes.iter().any(|q| covers(&q.spans)))
                .then_some(QUOTE)
                .into_iter()
                .collect(),
            Layer::Claims => sets
                .iter()
                .any(|s| s.claims.iter().any(|c| covers(&c.spans)))
                .then_some(CLAIM)
                .into_iter()
                .collect(),
        };
        used.sort_unstable();
        used.dedup();
        let outside = Text::from(super::stats::OUTSIDE);
        Self(
            std::iter::once(outside)
                .chain(used.into_iter().map(Text::from))
                .collect(),
        )
    }

    /// Every label, `O` first.
    pub fn names(&self) -> &[Text] {
        &self.0
    }

    /// The index of `label` (0, the index of `O`, for a label not in the table).
    pub fn index(&self, label: &str) -> usize {
        self.0[1..]
            .binary_search_by(|l| l.as_str().cmp(label))
            .map_or(0, |i| i + 1)
    }

    /// The label at `index`.
    pub fn name(&self, index: usize) -> &Text {
        &self.0[index]
    }

    /// How many labels, `O` included.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no party used a label (the table holds only `O`).
    pub fn is_empty(&self) -> bool {
        self.0.len() <= 1
    }
}

/// The units of `layer` in `set`, sorted by spans then label; annotations equal in both keep
/// the file's order.
pub fn units(set: &AnnotationSet, layer: Layer, labels: &Labels) -> Vec<Unit> {
    let mut units: Vec<Unit> = match layer {
        Layer::Entities => set
            .entities
            .iter()
            .map(|e| Unit {
                id: e.id.clone(),
                label: labels.index(&e.label),
                spans: normalise(&e.spans),
                attributes: Attributes::Entity,
            })
            .collect(),
        Layer::Quotes => set
            .quotes
            .iter()
            .map(|q| Unit {
                id: q.id.clone(),
                label: labels.index(QUOTE),
                spans: normalise(&q.spans),
                attributes: Attributes::Quote {
                    kind: kind_name(q.kind),
                    cue: q.cue.as_ref().map(|c| normalise(&c.spans)),
                    speaker: q
                        .speaker
                        .as_deref()
                        .and_then(|id| set.entity(id))
                        .map(|e| normalise(&e.spans)),
                },
            })
            .collect(),
        Layer::Claims => set
            .claims
            .iter()
            .map(|c| Unit {
                id: c.id.clone(),
                label: labels.index(CLAIM),
                spans: normalise(&c.spans),
                attributes: Attributes::Claim {
                    checkworthy: checkworthy_name(c.checkworthy),
                },
            })
            .collect(),
    };
    units.retain(|u| !u.spans.is_empty());
    units.sort_by(|a, b| (&a.spans, a.label).cmp(&(&b.spans, b.label)));
    units
}

/// The label of every character one party covers in one layer: sorted, non-overlapping runs,
/// each with the index of its label in the document's label table (characters in no run are
/// [`OUTSIDE`](super::stats::OUTSIDE)).
///
/// A character covered by several annotations takes the label of the longest fragment
/// covering it; of fragments equally long, the one starting first; of fragments at the same
/// place, the label first in byte order.
pub type Runs = Vec<(Span, usize)>;

/// The [`Runs`] of `units` (label indices follow the labels' byte order).
pub fn runs(units: &[Unit]) -> Runs {
    let mut fragments: Vec<(Span, usize)> = units
        .iter()
        .flat_map(|u| u.spans.iter().map(move |s| (*s, u.label)))
        .collect();
    fragments.sort_unstable_by_key(|&(s, label)| (s.start, s.end, label));
    let simple = fragments.windows(2).all(|w| w[0].0.end <= w[1].0.start);
    if simple {
        return fragments;
    }
    let mut edges: Vec<usize> = fragments
        .iter()
        .flat_map(|(s, _)| [s.start, s.end])
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut out: Runs = Vec::new();
    let mut next = 0;
    let mut active: Vec<(Span, usize)> = Vec::new();
    for pair in edges.windows(2) {
        let piece = Span::new(pair[0], pair[1]);
        active.retain(|(s, _)| s.end > piece.start);
        while next < fragments.len() && fragments[next].0.start <= piece.start {
            active.push(fragments[next]);
            next += 1;
        }
        let best = active
            .iter()
            .min_by_key(|(s, label)| (Reverse(s.len()), s.start, *label));
        if let Some(&(_, label)) = best {
            match out.last_mut() {
                Some((last, l)) if *l == label && last.end == piece.start => last.end = piece.end,
                _ => out.push((piece, label)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(label: &str, spans: &[(usize, usize)]) -> Unit {
        Unit {
            id: Text::default(),
            label: ["O", "LOC", "ORG", "PER"]
                .iter()
                .position(|l| *l == label)
                .unwrap(),
            spans: spans.iter().map(|&(a, b)| Span::new(a, b)).collect(),
            attributes: Attributes::Entity,
        }
    }

    #[test]
    fn fragments_are_sorted_and_merged() {
        let s = |a, b| Span::new(a, b);
        assert_eq!(
            normalise(&[s(5, 8), s(0, 2), s(2, 3), s(6, 7), s(9, 9)])[..],
            [s(0, 3), s(5, 8)]
        );
    }

    #[test]
    fn the_longest_fragment_labels_a_character() {
        // ORG 0..10 holds LOC 4..6; PER 8..14 overlaps the ORG's end; ties go to the earlier.
        let units = [
            unit("ORG", &[(0, 10)]),
            unit("LOC", &[(4, 6)]),
            unit("PER", &[(8, 14)]),
            unit("LOC", &[(20, 23)]),
            unit("PER", &[(20, 23)]),
        ];
        let runs = runs(&units);
        let s = |a, b| Span::new(a, b);
        assert_eq!(
            runs,
            [(s(0, 10), 2), (s(10, 14), 3), (s(20, 23), 1)],
            "{runs:?}"
        );
        let simple = super::runs(&[unit("PER", &[(0, 2)]), unit("LOC", &[(2, 4)])]);
        assert_eq!(simple, [(s(0, 2), 3), (s(2, 4), 1)]);
    }
}

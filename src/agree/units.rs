//! What agreement compares in one layer of one party's annotations: each annotation as a
//! [`Unit`] (label, characters, and the attributes compared on matched quotes and claims), and
//! the label of every character ([`Runs`]).

use std::cmp::Reverse;

use serde::Serialize;

use crate::model::{AnnotationSet, Checkworthy, QuoteKind, Span, Text};

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
        cue: Option<Vec<Span>>,
        /// The characters of the speaker entity (the speaker by place: ids differ between files).
        speaker: Option<Vec<Span>>,
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
    /// The entity's label, or [`QUOTE`], [`CLAIM`].
    pub label: Text,
    /// The characters covered, as sorted fragments, overlapping and touching ones merged.
    pub spans: Vec<Span>,
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
pub fn normalise(spans: &[Span]) -> Vec<Span> {
    let mut sorted: Vec<Span> = spans.iter().copied().filter(|s| !s.is_empty()).collect();
    sorted.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(sorted.len());
    for span in sorted {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// The units of `layer` in `set`, sorted by spans then label; annotations equal in both keep
/// the file's order.
pub fn units(set: &AnnotationSet, layer: Layer) -> Vec<Unit> {
    let mut units: Vec<Unit> = match layer {
        Layer::Entities => set
            .entities
            .iter()
            .map(|e| Unit {
                label: e.label.clone(),
                spans: normalise(&e.spans),
                attributes: Attributes::Entity,
            })
            .collect(),
        Layer::Quotes => set
            .quotes
            .iter()
            .map(|q| Unit {
                label: Text::from(QUOTE),
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
                label: Text::from(CLAIM),
                spans: normalise(&c.spans),
                attributes: Attributes::Claim {
                    checkworthy: checkworthy_name(c.checkworthy),
                },
            })
            .collect(),
    };
    units.retain(|u| !u.spans.is_empty());
    units.sort_by(|a, b| (&a.spans, &a.label).cmp(&(&b.spans, &b.label)));
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

/// The [`Runs`] of `units`, with `label_index` giving each label's index.
pub fn runs(units: &[Unit], label_index: impl Fn(&str) -> usize) -> Runs {
    let mut fragments: Vec<(Span, usize, &str)> = units
        .iter()
        .flat_map(|u| {
            let label = label_index(&u.label);
            u.spans.iter().map(move |s| (*s, label, u.label.as_str()))
        })
        .collect();
    fragments.sort_unstable_by_key(|&(s, _, name)| (s.start, s.end, name));
    let simple = fragments.windows(2).all(|w| w[0].0.end <= w[1].0.start);
    if simple {
        return fragments.into_iter().map(|(s, l, _)| (s, l)).collect();
    }
    let mut edges: Vec<usize> = fragments
        .iter()
        .flat_map(|(s, _, _)| [s.start, s.end])
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut out: Runs = Vec::new();
    let mut next = 0;
    let mut active: Vec<(Span, usize, &str)> = Vec::new();
    for pair in edges.windows(2) {
        let piece = Span::new(pair[0], pair[1]);
        active.retain(|(s, _, _)| s.end > piece.start);
        while next < fragments.len() && fragments[next].0.start <= piece.start {
            active.push(fragments[next]);
            next += 1;
        }
        let best = active
            .iter()
            .min_by_key(|(s, _, name)| (Reverse(s.len()), s.start, *name));
        if let Some(&(_, label, _)) = best {
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
            label: label.into(),
            spans: spans.iter().map(|&(a, b)| Span::new(a, b)).collect(),
            attributes: Attributes::Entity,
        }
    }

    fn index(label: &str) -> usize {
        ["O", "LOC", "ORG", "PER"]
            .iter()
            .position(|l| *l == label)
            .unwrap()
    }

    #[test]
    fn fragments_are_sorted_and_merged() {
        let s = |a, b| Span::new(a, b);
        assert_eq!(
            normalise(&[s(5, 8), s(0, 2), s(2, 3), s(6, 7), s(9, 9)]),
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
        let runs = runs(&units, index);
        let s = |a, b| Span::new(a, b);
        assert_eq!(
            runs,
            [(s(0, 10), 2), (s(10, 14), 3), (s(20, 23), 1)],
            "{runs:?}"
        );
        let simple = super::runs(&[unit("PER", &[(0, 2)]), unit("LOC", &[(2, 4)])], index);
        assert_eq!(simple, [(s(0, 2), 3), (s(2, 4), 1)]);
    }
}

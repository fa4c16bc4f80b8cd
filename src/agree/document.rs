//! The counts of one document: for every layer and every pair of parties, the matches, the
//! token and character tables and the attributes of matched quotes and claims; for every
//! layer, Krippendorff's sums over all parties. Figures are made from counts
//! ([`super::figures`]), so documents add up into the corpus before any division.

use std::collections::{BTreeMap, BTreeSet};

use crate::export::tokenize;
use crate::model::{AnnotationSet, Document, Span, Text};

use super::links::{self, LinkCounts};
use super::matching;
use super::stats::{AlphaSums, Confusion, Counts, Disagreement};
use super::units::{self, Attributes, Labels, Layer, Runs, Unit};

/// The counts of two parties in one layer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PairCounts {
    /// Per label, exact matches.
    pub exact: BTreeMap<Text, Counts>,
    /// Per label, overlap matches.
    pub overlap: BTreeMap<Text, Counts>,
    /// The label each party gave each token.
    pub tokens: Confusion,
    /// The label each party gave each character.
    pub chars: Confusion,
    /// On quotes matched by overlap (quotes layer only).
    pub quotes: Option<QuoteCounts>,
    /// On claims matched by overlap (claims layer only).
    pub claims: Option<ClaimCounts>,
}

/// What two parties' quotes matched by overlap agree on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuoteCounts {
    /// Matched pairs.
    pub matched: u64,
    /// Pairs whose speakers are the same entity by place (or both without speaker).
    pub speaker: u64,
    /// Pairs whose cues cover the same characters (or both without cue).
    pub cue: u64,
    /// Pairs of the same kind.
    pub kind: u64,
    /// The kinds of the pairs.
    pub kinds: Confusion,
}

/// What two parties' claims matched by overlap agree on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimCounts {
    /// Matched pairs.
    pub matched: u64,
    /// Pairs with the same check-worthiness (`yes`, `no` or `unset`).
    pub checkworthy: u64,
    /// The check-worthiness of the pairs.
    pub values: Confusion,
}

/// The counts of one layer of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerCounts {
    /// One per pair of parties, in [`pairs`] order.
    pub pairs: Vec<PairCounts>,
    /// Krippendorff's sums over the characters, all parties together.
    pub alpha: AlphaSums,
    /// Per label, the disagreement of the label against every other value (the values are
    /// in `alpha`).
    pub label_disagreement: BTreeMap<Text, Disagreement>,
    /// Labels some party used.
    pub labels: BTreeSet<Text>,
    /// The tokens compared (for checking by other tools).
    pub tokens: Vec<Span>,
}

/// The counts of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentCounts {
    /// The parties, in the order given.
    pub parties: Vec<Text>,
    /// Per layer, in [`Layer::ALL`] order.
    pub layers: Vec<LayerCounts>,
    /// Per pair: what of both sides has an identical twin on the other side, and all of it:
    /// annotations (every layer, every property of quotes and claims compared), relations
    /// matched, and attribute values of matched annotations given alike
    /// ([`LinkCounts::identical`]).
    pub identical: Vec<(u64, u64)>,
    /// Per pair: relations and attributes of the annotations matched by overlap (every
    /// layer).
    pub links: Vec<LinkCounts>,
}

/// The pairs of `n` parties: `(0, 1), (0, 2), …, (1, 2), …`.
pub fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

/// The counts of `doc` annotated by `parties` (two or more).
pub fn compare(doc: &Document, parties: &[(Text, &AnnotationSet)]) -> DocumentCounts {
    let words: Vec<Span> = (0..doc.paragraphs().len())
        .flat_map(|i| tokenize::words(doc, i))
        .collect();
    let sets: Vec<&AnnotationSet> = parties.iter().map(|(_, set)| *set).collect();
    let mut counts = DocumentCounts {
        parties: parties.iter().map(|(name, _)| name.clone()).collect(),
        identical: vec![(0, 0); pairs(parties.len()).count()],
        ..Default::default()
    };
    // Per pair, the ids of the annotations matched by overlap, every layer.
    let mut matched: Vec<Vec<(Text, Text)>> = vec![Vec::new(); counts.identical.len()];
    for layer in Layer::ALL {
        let labels = Labels::of(&sets, layer);
        let each: Vec<Vec<Unit>> = sets
            .iter()
            .map(|set| units::units(set, layer, &labels))
            .collect();
        for (p, (i, j)) in pairs(parties.len()).enumerate() {
            let same = match layer {
                // An entity's only attribute is its label: identical twins are exact matches.
                Layer::Entities => matching::exact(&each[i], &each[j], labels.len())
                    .iter()
                    .map(|c| c.matched)
                    .sum(),
                _ => matching::identical(&each[i], &each[j]),
            };
            counts.identical[p].0 += 2 * same;
            counts.identical[p].1 += (each[i].len() + each[j].len()) as u64;
        }
        let (layer_counts, pairs_matched) =
            compare_layer(doc.len_chars(), &words, layer, &labels, &each);
        for (p, ((i, j), found)) in pairs(parties.len()).zip(pairs_matched).enumerate() {
            matched[p].extend(
                found
                    .into_iter()
                    .map(|(x, y)| (each[i][x].id.clone(), each[j][y].id.clone())),
            );
        }
        counts.layers.push(layer_counts);
    }
    counts.links = pairs(parties.len())
        .zip(&matched)
        .map(|((i, j), found)| links::compare(sets[i], sets[j], found))
        .collect();
    for (share, links) in counts.identical.iter_mut().zip(&counts.links) {
        let (same, all) = links.identical();
        share.0 += same;
        share.1 += all;
    }
    counts
}

/// A table of `width × width` cells as a [`Confusion`] of label names.
fn named(cells: &[u64], labels: &Labels) -> Confusion {
    let width = labels.len();
    cells
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(k, &n)| {
            let key = (
                labels.name(k / width).clone(),
                labels.name(k % width).clone(),
            );
            (key, n)
        })
        .collect()
}

/// Per label index counts as a map of label names, leaving out labels neither side used.
fn by_name(counts: Vec<Counts>, labels: &Labels) -> BTreeMap<Text, Counts> {
    counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.a + c.b > 0)
        .map(|(l, c)| (labels.name(l).clone(), c))
        .collect()
}

/// The counts of one layer, and per pair the indices of the units matched by overlap.
fn compare_layer(
    chars: usize,
    words: &[Span],
    layer: Layer,
    labels: &Labels,
    each: &[Vec<Unit>],
) -> (LayerCounts, Vec<Vec<(usize, usize)>>) {
    let runs: Vec<Runs> = each.iter().map(|u| units::runs(u)).collect();
    let width = labels.len();
    let pair_list: Vec<(usize, usize)> = pairs(each.len()).collect();
    let m = each.len() as u64;
    // Every edge of a run is a cut, so each token lies inside one piece and takes its labels.
    let tokens = cut(words, &cuts(each));
    let mut next_token = 0;
    // Per pair, the tables of the characters and the tokens; Krippendorff's sums over all
    // parties.
    let mut char_tables = vec![vec![0u64; width * width]; pair_list.len()];
    let mut token_tables = vec![vec![0u64; width * width]; pair_list.len()];
    let mut disagreement = 0u64;
    let mut label_disagreement = vec![0u64; width];
    let mut values = vec![0u64; width];
    let mut per_unit = vec![0u64; width];
    for_each_segment(&runs, chars, |piece, given| {
        let len = piece.len() as u64;
        let first = next_token;
        while next_token < tokens.len() && tokens[next_token].start < piece.end {
            next_token += 1;
        }
        let held = (next_token - first) as u64;
        for (p, &(i, j)) in pair_list.iter().enumerate() {
            let cell = given[i] * width + given[j];
            char_tables[p][cell] += len;
            token_tables[p][cell] += held;
        }
        for &l in given {
            per_unit[l] += 1;
        }
        let squares: u64 = given.iter().map(|&l| per_unit[l]).sum();
        disagreement += len * (m * m - squares);
        for &l in given {
            let x = std::mem::take(&mut per_unit[l]);
            if x > 0 {
                label_disagreement[l] += len * 2 * x * (m - x);
                values[l] += len * x;
            }
        }
    });
    let mut matches = Vec::with_capacity(pair_list.len());
    let pairs = pair_list
        .iter()
        .enumerate()
        .map(|(p, &(i, j))| {
            let (a, b) = (&each[i], &each[j]);
            let matched = matching::overlap(a, b);
            let counts = PairCounts {
                exact: by_name(matching::exact(a, b, width), labels),
                overlap: by_name(matching::overlap_counts(a, b, &matched, width), labels),
                tokens: named(&token_tables[p], labels),
                chars: named(&char_tables[p], labels),
                quotes: (layer == Layer::Quotes).then(|| quote_counts(a, b, &matched)),
                claims: (layer == Layer::Claims).then(|| claim_counts(a, b, &matched)),
            };
            matches.push(matched);
            counts
        })
        .collect();
    let mut alpha = AlphaSums::default();
    alpha.disagreement.add_units(m, disagreement);
    alpha.values = labels
        .names()
        .iter()
        .zip(&values)
        .filter(|(_, n)| **n > 0)
        .map(|(l, &n)| (l.clone(), n))
        .collect();
    let counts = LayerCounts {
        pairs,
        alpha,
        label_disagreement: labels
            .names()
            .iter()
            .zip(&label_disagreement)
            .skip(1)
            .map(|(l, &d)| {
                let mut sums = Disagreement::default();
                sums.add_units(m, d);
                (l.clone(), sums)
            })
            .collect(),
        labels: labels.names()[1..].iter().cloned().collect(),
        tokens,
    };
    (counts, matches)
}

/// Calls `each` with every piece of `0..chars` between the edges of every party's runs, and
/// the label index every party gives it.
fn for_each_segment(runs: &[Runs], chars: usize, mut each: impl FnMut(Span, &[usize])) {
    let mut cursors = vec![0usize; runs.len()];
    let mut given = vec![0usize; runs.len()];
    let mut at = 0;
    while at < chars {
        let mut end = chars;
        for ((runs, cursor), g) in runs.iter().zip(&mut cursors).zip(&mut given) {
            while *cursor < runs.len() && runs[*cursor].0.end <= at {
                *cursor += 1;
            }
            *g = match runs.get(*cursor) {
                Some((span, label)) if span.start <= at => {
                    end = end.min(span.end);
                    *label
                }
                Some((span, _)) => {
                    end = end.min(span.start);
                    0
                }
                None => 0,
            };
        }
        each(Span::new(at, end), &given);
        at = end;
    }
}

/// Every edge of every party's fragments, sorted without duplicates.
fn cuts(each: &[Vec<Unit>]) -> Vec<usize> {
    let mut cuts: Vec<usize> = each
        .iter()
        .flatten()
        .flat_map(|u| u.spans.iter().flat_map(|s| [s.start, s.end]))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// `words` (sorted, not overlapping) cut at every offset of `cuts` (sorted): the tokens of
/// [`tokenize::tokens`] for those cuts, as spans.
pub fn cut(words: &[Span], cuts: &[usize]) -> Vec<Span> {
    let mut tokens = Vec::with_capacity(words.len());
    let mut next = 0;
    for word in words {
        while next < cuts.len() && cuts[next] <= word.start {
            next += 1;
        }
        let mut start = word.start;
        while next < cuts.len() && cuts[next] < word.end {
            tokens.push(Span::new(start, cuts[next]));
            start = cuts[next];
            next += 1;
        }
        tokens.push(Span::new(start, word.end));
    }
    tokens
}

fn quote_counts(a: &[Unit], b: &[Unit], matched: &[(usize, usize)]) -> QuoteCounts {
    let mut counts = QuoteCounts::default();
    for &(i, j) in matched {
        let (
            Attributes::Quote {
                kind: ka,
                cue: ca,
                speaker: sa,
            },
            Attributes::Quote {
                kind: kb,
                cue: cb,
                speaker: sb,
            },
        ) = (&a[i].attributes, &b[j].attributes)
        else {
            continue;
        };
        counts.matched += 1;
        counts.speaker += u64::from(sa == sb);
        counts.cue += u64::from(ca == cb);
        counts.kind += u64::from(ka == kb);
        let key = (Text::from(*ka), Text::from(*kb));
        *counts.kinds.entry(key).or_default() += 1;
    }
    counts
}

fn claim_counts(a: &[Unit], b: &[Unit], matched: &[(usize, usize)]) -> ClaimCounts {
    let mut counts = ClaimCounts::default();
    for &(i, j) in matched {
        let (Attributes::Claim { checkworthy: x }, Attributes::Claim { checkworthy: y }) =
            (&a[i].attributes, &b[j].attributes)
        else {
            continue;
        };
        counts.matched += 1;
        counts.checkworthy += u64::from(x == y);
        let key = (Text::from(*x), Text::from(*y));
        *counts.values.entry(key).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, smallvec};

    fn entity(id: &str, label: &str, doc: &Document, start: usize, end: usize) -> Entity {
        Entity {
            by: Default::default(),
            id: id.into(),
            label: label.into(),
            spans: smallvec![Span::new(start, end)],
            text: doc.slice(Span::new(start, end)).into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            attributes: Vec::new(),
        }
    }

    #[test]
    fn cutting_words_gives_the_exports_tokens() {
        let doc = Document::new("“Kami siap,” kata Dewi di Baratlah 1/11/2024.\nYa.");
        let cuts = [3, 6, 30, 31, 40];
        for i in 0..doc.paragraphs().len() {
            let expected: Vec<Span> = tokenize::tokens(&doc, i, &cuts)
                .iter()
                .map(|t| t.span)
                .collect();
            assert_eq!(cut(&tokenize::words(&doc, i), &cuts), expected);
        }
    }

    #[test]
    fn a_pair_disagreeing_on_one_label() {
        let doc = Document::new("Dewi tiba di Bandung.");
        let mut a = AnnotationSet::new(1);
        a.entities.push(entity("e1", "PER", &doc, 0, 4));
        a.entities.push(entity("e2", "LOC", &doc, 13, 20));
        let mut b = a.clone();
        b.entities[1].label = "ORG".into();
        let counts = compare(&doc, &[("a".into(), &a), ("b".into(), &b)]);
        let entities = &counts.layers[0];
        assert_eq!(entities.tokens.len(), 5);
        let pair = &entities.pairs[0];
        assert_eq!(
            pair.exact["PER"],
            Counts {
                matched: 1,
                a: 1,
                b: 1
            }
        );
        assert_eq!(
            pair.exact["LOC"],
            Counts {
                matched: 0,
                a: 1,
                b: 0
            }
        );
        let t = |x: &str, y: &str| (Text::from(x), Text::from(y));
        assert_eq!(pair.tokens[&t("O", "O")], 3);
        assert_eq!(pair.tokens[&t("LOC", "ORG")], 1);
        assert_eq!(pair.chars[&t("LOC", "ORG")], 7);
        assert_eq!(pair.chars[&t("O", "O")], 10);
        // Two parties: the sums over all parties are the pair's.
        assert_eq!(entities.alpha, AlphaSums::of_pair(&pair.chars));
        assert_eq!(counts.identical, [(2, 4)]);
    }

    fn relation(id: &str, kind: &str, from: &str, to: &str) -> crate::model::Relation {
        crate::model::Relation {
            id: id.into(),
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
            note: None,
        }
    }

    #[test]
    fn relations_and_attributes_count_among_the_identical_twins() {
        let doc = Document::new("Dewi tiba di Bandung.");
        let mut a = AnnotationSet::new(1);
        a.entities.push(entity("e1", "PER", &doc, 0, 4));
        a.entities.push(entity("e2", "LOC", &doc, 13, 20));
        let mut b = a.clone();
        // Every span agreed, every relation not: 2 of 2 annotations on each side, 0 of 1
        // relation on each side.
        a.relations = vec![relation("r1", "LivesIn", "e1", "e2")];
        b.relations = vec![relation("r1", "Visits", "e1", "e2")];
        let counts = compare(&doc, &[("a".into(), &a), ("b".into(), &b)]);
        assert_eq!(counts.identical, [(4, 4 + 2)]);
        // The relations the same: all identical again.
        b.relations = a.relations.clone();
        let counts = compare(&doc, &[("a".into(), &a), ("b".into(), &b)]);
        assert_eq!(counts.identical, [(6, 6)]);
        // Role host / guest on Dewi (one value each side, not alike), Negated on Bandung on
        // both sides (alike): 2 of 4 values.
        let role = |v: &str| crate::model::Attribute::valued("Role", v);
        let negated = crate::model::Attribute::flag("Negated");
        a.entities[0].attributes = vec![role("host")];
        b.entities[0].attributes = vec![role("guest")];
        a.entities[1].attributes = vec![negated.clone()];
        b.entities[1].attributes = vec![negated];
        let counts = compare(&doc, &[("a".into(), &a), ("b".into(), &b)]);
        assert_eq!(counts.identical, [(6 + 2, 6 + 4)]);
    }
}

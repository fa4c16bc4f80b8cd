//! The counts of one document: for every layer and every pair of parties, the matches, the
//! token and character tables and the attributes of matched quotes and claims; for every
//! layer, Krippendorff's sums over all parties. Figures are made from counts
//! ([`super::figures`]), so documents add up into the corpus before any division.

use std::collections::{BTreeMap, BTreeSet};

use crate::export::tokenize;
use crate::model::{AnnotationSet, Document, Span, Text};

use super::matching;
use super::stats::{AlphaSums, Confusion, Counts, OUTSIDE};
use super::units::{self, Attributes, Layer, Runs, Unit};

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
    pub label_disagreement: BTreeMap<Text, f64>,
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
    /// Per pair: annotations of both sides with an identical twin on the other side (every
    /// layer, every attribute compared), and annotations of both sides.
    pub identical: Vec<(u64, u64)>,
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
    let mut counts = DocumentCounts {
        parties: parties.iter().map(|(name, _)| name.clone()).collect(),
        identical: vec![(0, 0); pairs(parties.len()).count()],
        ..Default::default()
    };
    for layer in Layer::ALL {
        let each: Vec<Vec<Unit>> = parties
            .iter()
            .map(|(_, set)| units::units(set, layer))
            .collect();
        for (p, (i, j)) in pairs(parties.len()).enumerate() {
            let same = matching::identical(&each[i], &each[j]);
            counts.identical[p].0 += 2 * same;
            counts.identical[p].1 += (each[i].len() + each[j].len()) as u64;
        }
        counts
            .layers
            .push(compare_layer(doc.len_chars(), &words, layer, &each));
    }
    counts
}

/// The label table of a layer: `O` first, then every label used, in byte order.
fn label_table(each: &[Vec<Unit>]) -> Vec<Text> {
    let used: BTreeSet<&Text> = each.iter().flatten().map(|u| &u.label).collect();
    std::iter::once(Text::from(OUTSIDE))
        .chain(used.into_iter().cloned())
        .collect()
}

fn compare_layer(chars: usize, words: &[Span], layer: Layer, each: &[Vec<Unit>]) -> LayerCounts {
    let table = label_table(each);
    let index = |label: &str| {
        table[1..]
            .binary_search_by(|l| l.as_str().cmp(label))
            .map_or(0, |i| i + 1)
    };
    let runs: Vec<Runs> = each.iter().map(|u| units::runs(u, index)).collect();
    let width = table.len();
    let pair_list: Vec<(usize, usize)> = pairs(each.len()).collect();
    let mut char_tables = vec![vec![0u64; width * width]; pair_list.len()];
    let mut alpha_disagreement = 0u64;
    let mut label_disagreement = vec![0u64; width];
    let mut values = vec![0u64; width];
    let m = each.len() as u64;
    let mut per_unit = vec![0u64; width];
    for (piece, labels) in Segments::new(&runs, chars) {
        let len = piece.len() as u64;
        for (p, &(i, j)) in pair_list.iter().enumerate() {
            char_tables[p][labels[i] * width + labels[j]] += len;
        }
        for &l in &labels {
            per_unit[l] += 1;
        }
        let squares: u64 = labels.iter().map(|&l| per_unit[l]).sum();
        alpha_disagreement += len * (m * m - squares);
        for &l in &labels {
            if per_unit[l] > 0 {
                let x = per_unit[l];
                label_disagreement[l] += len * 2 * x * (m - x);
                values[l] += len * x;
                per_unit[l] = 0;
            }
        }
    }
    let tokens = cut(words, &cuts(each));
    let mut token_tables = vec![vec![0u64; width * width]; pair_list.len()];
    let mut cursors = vec![0usize; runs.len()];
    for token in &tokens {
        let labels: Vec<usize> = runs
            .iter()
            .zip(&mut cursors)
            .map(|(r, c)| label_at(r, c, token.start))
            .collect();
        for (p, &(i, j)) in pair_list.iter().enumerate() {
            token_tables[p][labels[i] * width + labels[j]] += 1;
        }
    }
    let dense = |cells: &[u64]| -> Confusion {
        cells
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(k, &n)| ((table[k / width].clone(), table[k % width].clone()), n))
            .collect()
    };
    let pairs = pair_list
        .iter()
        .enumerate()
        .map(|(p, &(i, j))| {
            let (a, b) = (&each[i], &each[j]);
            let matched = matching::overlap(a, b);
            PairCounts {
                exact: matching::exact(a, b),
                overlap: matching::overlap_counts(a, b, &matched),
                tokens: dense(&token_tables[p]),
                chars: dense(&char_tables[p]),
                quotes: (layer == Layer::Quotes).then(|| quote_counts(a, b, &matched)),
                claims: (layer == Layer::Claims).then(|| claim_counts(a, b, &matched)),
            }
        })
        .collect();
    let divisor = (m - 1) as f64;
    LayerCounts {
        pairs,
        alpha: AlphaSums {
            disagreement: alpha_disagreement as f64 / divisor,
            values: table
                .iter()
                .zip(&values)
                .filter(|(_, n)| **n > 0)
                .map(|(l, &n)| (l.clone(), n))
                .collect(),
        },
        label_disagreement: table
            .iter()
            .zip(&label_disagreement)
            .skip(1)
            .map(|(l, &d)| (l.clone(), d as f64 / divisor))
            .collect(),
        labels: table[1..].iter().cloned().collect(),
        tokens,
    }
}

/// The label index of the run holding `offset` (0 when none does); `cursor` walks `runs`
/// forward as offsets grow.
fn label_at(runs: &Runs, cursor: &mut usize, offset: usize) -> usize {
    while *cursor < runs.len() && runs[*cursor].0.end <= offset {
        *cursor += 1;
    }
    match runs.get(*cursor) {
        Some((span, label)) if span.start <= offset => *label,
        _ => 0,
    }
}

/// The pieces of `0..chars` between every edge of every party's runs, each with the label
/// index every party gives it.
struct Segments<'a> {
    runs: &'a [Runs],
    cursors: Vec<usize>,
    at: usize,
    chars: usize,
}

impl<'a> Segments<'a> {
    fn new(runs: &'a [Runs], chars: usize) -> Self {
        Self {
            runs,
            cursors: vec![0; runs.len()],
            at: 0,
            chars,
        }
    }
}

impl Iterator for Segments<'_> {
    type Item = (Span, Vec<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.chars {
            return None;
        }
        let mut end = self.chars;
        let mut labels = Vec::with_capacity(self.runs.len());
        for (runs, cursor) in self.runs.iter().zip(&mut self.cursors) {
            while *cursor < runs.len() && runs[*cursor].0.end <= self.at {
                *cursor += 1;
            }
            match runs.get(*cursor) {
                Some((span, label)) if span.start <= self.at => {
                    labels.push(*label);
                    end = end.min(span.end);
                }
                Some((span, _)) => {
                    labels.push(0);
                    end = end.min(span.start);
                }
                None => labels.push(0),
            }
        }
        let piece = Span::new(self.at, end.min(self.chars));
        self.at = piece.end;
        Some((piece, labels))
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
            id: id.into(),
            label: label.into(),
            spans: smallvec![Span::new(start, end)],
            text: doc.slice(Span::new(start, end)).into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
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
}

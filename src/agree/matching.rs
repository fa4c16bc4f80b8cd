//! Which annotations of two parties match: exactly (same label and characters), or by overlap
//! (same label, some character shared), one to one.

use std::cmp::Reverse;

use crate::model::{Span, Spans};

use super::stats::Counts;
use super::units::{Attributes, Unit};

/// Per label index (`width` labels): annotations of each side.
fn sizes(a: &[Unit], b: &[Unit], width: usize) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); width];
    for u in a {
        counts[u.label].a += 1;
    }
    for u in b {
        counts[u.label].b += 1;
    }
    counts
}

/// Per label index (`width` labels): annotations of each side and pairs with the same label
/// and characters (each annotation used once: duplicates on one side match as many on the
/// other).
pub fn exact(a: &[Unit], b: &[Unit], width: usize) -> Vec<Counts> {
    let mut counts = sizes(a, b, width);
    // Both sides are sorted by (spans, label).
    fn key(u: &Unit) -> (&Spans, usize) {
        (&u.spans, u.label)
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match key(&a[i]).cmp(&key(&b[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                counts[a[i].label].matched += 1;
                i += 1;
                j += 1;
            }
        }
    }
    counts
}

/// Annotations of each side that have a twin on the other: same label, characters and
/// attributes (a quote's kind, cue and speaker by place; a claim's check-worthiness).
pub fn identical(a: &[Unit], b: &[Unit]) -> u64 {
    fn key(u: &Unit) -> (&Spans, usize, &Attributes) {
        (&u.spans, u.label, &u.attributes)
    }
    let mut left: Vec<_> = a.iter().map(key).collect();
    let mut right: Vec<_> = b.iter().map(key).collect();
    left.sort_unstable();
    right.sort_unstable();
    let (mut i, mut j, mut same) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                same += 1;
                i += 1;
                j += 1;
            }
        }
    }
    same
}

/// Characters two sorted lists of non-overlapping fragments share.
pub fn shared(a: &[Span], b: &[Span]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += x.end.min(y.end).saturating_sub(x.start.max(y.start));
        if x.end <= y.end {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// The one-to-one overlap matching of `a` and `b` (each sorted by spans then label), as pairs
/// of indices sorted by the first.
///
/// Candidates are pairs with the same label sharing at least one character. They are taken
/// greedily: most shared characters first, then by the index in `a`, then in `b`; a pair is
/// kept when neither side is matched yet. An annotation overlapping several of the other side
/// is matched to the one it shares most with, and the others stay unmatched.
pub fn overlap(a: &[Unit], b: &[Unit]) -> Vec<(usize, usize)> {
    let hulls: Vec<Span> = b.iter().map(Unit::hull).collect();
    // The furthest end among b[..=j]: the scan back from an annotation's end stops once no
    // earlier one reaches its start.
    let reach: Vec<usize> = hulls
        .iter()
        .scan(0, |far, h| {
            *far = (*far).max(h.end);
            Some(*far)
        })
        .collect();
    let mut candidates: Vec<(Reverse<usize>, usize, usize)> = Vec::new();
    for (i, u) in a.iter().enumerate() {
        let hull = u.hull();
        let upto = hulls.partition_point(|h| h.start < hull.end);
        for j in (0..upto).rev() {
            if reach[j] <= hull.start {
                break;
            }
            if b[j].label != u.label || hulls[j].end <= hull.start {
                continue;
            }
            let n = shared(&u.spans, &b[j].spans);
            if n > 0 {
                candidates.push((Reverse(n), i, j));
            }
        }
    }
    candidates.sort_unstable();
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Per label index (`width` labels), the counts of an overlap matching.
pub fn overlap_counts(
    a: &[Unit],
    b: &[Unit],
    pairs: &[(usize, usize)],
    width: usize,
) -> Vec<Counts> {
    let mut counts = sizes(a, b, width);
    for &(i, _) in pairs {
        counts[a[i].label].matched += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: [&str; 5] = ["O", "LOC", "ORG", "PER", "QUOTE"];

    fn unit(label: &str, spans: &[(usize, usize)]) -> Unit {
        Unit {
            id: Default::default(),
            label: LABELS.iter().position(|l| *l == label).unwrap(),
            spans: spans.iter().map(|&(a, b)| Span::new(a, b)).collect(),
            attributes: Attributes::Entity,
        }
    }

    #[test]
    fn exact_counts_duplicates_once_each() {
        let a = [
            unit("PER", &[(0, 3)]),
            unit("PER", &[(0, 3)]),
            unit("LOC", &[(5, 8)]),
        ];
        let b = [unit("PER", &[(0, 3)]), unit("ORG", &[(5, 8)])];
        let c = exact(&a, &b, LABELS.len());
        let counts = |matched, a, b| Counts { matched, a, b };
        assert_eq!(c[3], counts(1, 2, 1), "PER");
        assert_eq!(c[1], counts(0, 1, 0), "LOC");
        assert_eq!(c[2], counts(0, 0, 1), "ORG");
    }

    #[test]
    fn shared_characters_of_fragments() {
        let s = |a, b| Span::new(a, b);
        assert_eq!(shared(&[s(0, 5), s(10, 12)], &[s(3, 11)]), 3);
        assert_eq!(shared(&[s(0, 5)], &[s(5, 9)]), 0);
    }

    #[test]
    fn overlap_is_one_to_one_by_most_shared() {
        // a0 overlaps b0 (2 chars) and b1 (4 chars): it takes b1; a1 then takes b0.
        let a = [unit("PER", &[(0, 10)]), unit("PER", &[(2, 4)])];
        let b = [unit("PER", &[(2, 4)]), unit("PER", &[(6, 20)])];
        assert_eq!(overlap(&a, &b), [(0, 1), (1, 0)]);
        // Different labels never match; a long span earlier in b is still found.
        let a = [unit("PER", &[(30, 32)]), unit("LOC", &[(40, 41)])];
        let b = [
            unit("PER", &[(0, 35)]),
            unit("PER", &[(1, 2)]),
            unit("ORG", &[(40, 41)]),
        ];
        assert_eq!(overlap(&a, &b), [(0, 0)]);
        // One wide span over two: only one is matched.
        let a = [unit("LOC", &[(0, 10)])];
        let b = [unit("LOC", &[(0, 5)]), unit("LOC", &[(5, 10)])];
        assert_eq!(overlap(&a, &b), [(0, 0)]);
    }
}

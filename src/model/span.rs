//! Half-open character ranges, the one offset unit of tandai.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of Unicode scalar values (Rust `char`s) counted from the
/// start of the whole document. Stored in RON as a pair `(start, end)`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(from = "(usize, usize)", into = "(usize, usize)")]
pub struct Span {
    /// First character of the range.
    pub start: usize,
    /// One past the last character of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (half-open).
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of characters covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no character.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when `offset` lies inside `[start, end)`.
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when the two spans share at least one character.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn union(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Distance in characters between the two spans (0 when they touch or overlap).
    pub fn distance(&self, other: &Span) -> usize {
        if self.end <= other.start {
            other.start - self.end
        } else {
            self.start.saturating_sub(other.end)
        }
    }
}

impl From<(usize, usize)> for Span {
    fn from((start, end): (usize, usize)) -> Self {
        Span::new(start, end)
    }
}

impl From<Span> for (usize, usize) {
    fn from(span: Span) -> Self {
        (span.start, span.end)
    }
}

/// The smallest span covering every fragment, or `None` for no fragment.
pub fn hull(spans: &[Span]) -> Option<Span> {
    let first = *spans.first()?;
    Some(spans.iter().fold(first, |acc, s| acc.union(s)))
}

/// True when any fragment contains `offset`.
pub fn any_contains(spans: &[Span], offset: usize) -> bool {
    spans.iter().any(|s| s.contains(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_is_half_open() {
        let s = Span::new(3, 5);
        assert!(!s.contains(2));
        assert!(s.contains(3));
        assert!(s.contains(4));
        assert!(!s.contains(5));
    }

    #[test]
    fn distance_and_overlap() {
        let a = Span::new(0, 4);
        let b = Span::new(6, 9);
        assert_eq!(a.distance(&b), 2);
        assert_eq!(b.distance(&a), 2);
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&Span::new(3, 7)));
        assert_eq!(a.distance(&Span::new(3, 7)), 0);
    }

    #[test]
    fn serialises_as_a_pair() {
        let text = ron::to_string(&Span::new(41, 53)).unwrap();
        assert_eq!(text, "(41,53)");
        let back: Span = ron::from_str("(41, 53)").unwrap();
        assert_eq!(back, Span::new(41, 53));
    }

    #[test]
    fn hull_covers_all_fragments() {
        assert_eq!(
            hull(&[Span::new(5, 8), Span::new(1, 2)]),
            Some(Span::new(1, 8))
        );
        assert_eq!(hull(&[]), None);
    }
}

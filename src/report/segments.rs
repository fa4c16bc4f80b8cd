//! Cutting a paragraph at every annotation edge, and nesting the pieces: the marks (fragments
//! of entities, quotes, cues and claims) that cover each piece, outermost first, and what to
//! close and open between pieces. Marks that cross each other are closed and opened again,
//! so the HTML stays well nested; a mark inside another (an entity in a quote) nests.

use crate::model::{AnnotationSet, Span};

/// What a mark belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    /// A claim (index in the set).
    Claim(usize),
    /// A quote's content.
    Quote(usize),
    /// A quote's cue.
    Cue(usize),
    /// An entity.
    Entity(usize),
}

impl Owner {
    /// Outer kinds first when two marks cover the same characters.
    fn rank(self) -> u8 {
        match self {
            Owner::Claim(_) => 0,
            Owner::Quote(_) => 1,
            Owner::Cue(_) => 2,
            Owner::Entity(_) => 3,
        }
    }
}

/// One fragment of an annotation, clipped to the paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// What it belongs to.
    pub owner: Owner,
    /// Its characters (document offsets).
    pub span: Span,
    /// The annotation's first fragment.
    pub first: bool,
    /// The annotation's last fragment.
    pub last: bool,
}

/// A step of the paragraph's HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Open mark `marks[i]`; `again` when it was closed before its end (a crossing).
    Open { mark: usize, again: bool },
    /// Close mark `marks[i]`; `ends` when its last character was just written.
    Close { mark: usize, ends: bool },
    /// Write the characters of this range.
    Text(Span),
}

/// The marks of every annotation touching `range` (a paragraph), clipped to it.
pub fn marks(set: &AnnotationSet, range: Span) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut add = |owner: Owner, spans: &[Span]| {
        let n = spans.len();
        for (i, s) in spans.iter().enumerate() {
            let span = Span::new(s.start.max(range.start), s.end.min(range.end));
            if span.start < span.end {
                out.push(Mark {
                    owner,
                    span,
                    first: i == 0,
                    last: i + 1 == n,
                });
            }
        }
    };
    for (i, c) in set.claims.iter().enumerate() {
        add(Owner::Claim(i), &c.spans);
    }
    for (i, q) in set.quotes.iter().enumerate() {
        add(Owner::Quote(i), &q.spans);
        if let Some(cue) = &q.cue {
            add(Owner::Cue(i), &cue.spans);
        }
    }
    for (i, e) in set.entities.iter().enumerate() {
        add(Owner::Entity(i), &e.spans);
    }
    out
}

/// The steps that write `range` with `marks`: text pieces between every edge, each inside the
/// marks that cover it, outer (earlier start, then longer, then claim ⊃ quote ⊃ cue ⊃ entity)
/// first.
pub fn steps(range: Span, marks: &[Mark]) -> Vec<Step> {
    let mut edges: Vec<usize> = vec![range.start, range.end];
    for m in marks {
        edges.push(m.span.start);
        edges.push(m.span.end);
    }
    edges.sort_unstable();
    edges.dedup();
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| {
        let m = &marks[i];
        (
            m.span.start,
            std::cmp::Reverse(m.span.end),
            m.owner.rank(),
            m.owner,
        )
    });
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut opened_once = vec![false; marks.len()];
    for pair in edges.windows(2) {
        let piece = Span::new(pair[0], pair[1]);
        let covering: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| marks[i].span.start <= piece.start && piece.end <= marks[i].span.end)
            .collect();
        let keep = open
            .iter()
            .zip(&covering)
            .take_while(|(a, b)| a == b)
            .count();
        while open.len() > keep {
            let mark = open.pop().expect("longer than keep");
            out.push(Step::Close {
                mark,
                ends: marks[mark].span.end == piece.start,
            });
        }
        for &mark in &covering[keep..] {
            out.push(Step::Open {
                mark,
                again: opened_once[mark],
            });
            opened_once[mark] = true;
            open.push(mark);
        }
        out.push(Step::Text(piece));
    }
    while let Some(mark) = open.pop() {
        out.push(Step::Close {
            mark,
            ends: marks[mark].span.end == range.end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(owner: Owner, start: usize, end: usize) -> Mark {
        Mark {
            owner,
            span: Span::new(start, end),
            first: true,
            last: true,
        }
    }

    /// The steps as a bracketed string: `[0` opens mark 0, `]0` closes it (`)0` before its end).
    fn show(steps: &[Step], text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut s = String::new();
        for step in steps {
            match *step {
                Step::Open { mark, again } => {
                    s += &format!("{}{mark}", if again { "(" } else { "[" })
                }
                Step::Close { mark, ends } => {
                    s += &format!("{}{mark}", if ends { "]" } else { ")" })
                }
                Step::Text(span) => s.extend(&chars[span.start..span.end]),
            }
        }
        s
    }

    #[test]
    fn an_entity_inside_a_quote_nests() {
        let marks = [mark(Owner::Entity(0), 4, 7), mark(Owner::Quote(0), 2, 9)];
        let steps = steps(Span::new(0, 10), &marks);
        assert_eq!(show(&steps, "abcdefghij"), "ab[1cd[0efg]0hi]1j");
    }

    #[test]
    fn crossing_marks_are_split_and_reopened() {
        let marks = [mark(Owner::Claim(0), 0, 6), mark(Owner::Quote(0), 3, 9)];
        let steps = steps(Span::new(0, 10), &marks);
        assert_eq!(show(&steps, "abcdefghij"), "[0abc[1def)1]0(1ghi]1j");
    }

    #[test]
    fn same_characters_nest_claim_quote_cue_entity() {
        let marks = [
            mark(Owner::Entity(0), 0, 3),
            mark(Owner::Cue(0), 0, 3),
            mark(Owner::Claim(0), 0, 3),
            mark(Owner::Quote(0), 0, 3),
        ];
        let steps = steps(Span::new(0, 3), &marks);
        assert_eq!(show(&steps, "abc"), "[2[3[1[0abc]0]1]3]2");
    }

    #[test]
    fn text_without_marks_is_one_piece() {
        assert_eq!(
            steps(Span::new(5, 9), &[]),
            vec![Step::Text(Span::new(5, 9))]
        );
    }
}

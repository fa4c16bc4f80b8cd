//! What tandai cannot model, kept from an import so that an export gives it back: the
//! original lines of one source format (brat events, equivalences, normalisations, other
//! notes; the leftovers of doccano, spaCy and CoNLL), in their order, and the original ids of
//! what was modelled, so that a re-export writes the ids (and the order) the source had.

use super::annotation::Text;

/// The lines of one source format that tandai carries without modelling them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Kept {
    /// The format they come from (`brat`, `doccano`, `spacy`, `conll`).
    pub format: Text,
    /// The original lines (or records), in order, exactly as read.
    pub lines: Vec<Text>,
    /// The original layout: one entry per original line or record, in order. Each names the
    /// original id (`T3`, `R1`, `#2`, `E1`, `*`) and what tandai made of it (see
    /// [`Origin`]); an empty `what` for a kept line. Format-specific; see
    /// `docs/interchange.md`.
    pub ids: Vec<Origin>,
}

/// One line of the original layout: its original id and what it became in tandai.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The id the source gave it.
    pub id: Text,
    /// What tandai made of it: an annotation id (`e1`), a relation id (`r1`), or a link,
    /// attribute or note of an annotation (`q1 Speaker`, `e1 A Negated`, `e1 #`); empty for a
    /// kept line.
    pub what: Text,
}

impl Kept {
    /// The kept lines of `format` in `kept`, if any.
    pub fn of<'a>(kept: &'a [Kept], format: &str) -> Option<&'a Kept> {
        kept.iter().find(|k| k.format == format)
    }

    /// Whether its lines are listed as one row rather than one row each: CoNLL's, one per line
    /// of the document (mostly the columns of a token line), which would bury everything else.
    pub fn listed_as_one(&self) -> bool {
        self.format == "conll"
    }

    /// How many rows of the review panel it takes (see [`Kept::listed_as_one`]).
    pub fn rows(&self) -> usize {
        if self.listed_as_one() {
            usize::from(!self.lines.is_empty())
        } else {
            self.lines.len()
        }
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.ids.is_empty()
    }
}

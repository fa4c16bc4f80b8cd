//! The three kinds of annotation and the status of a paragraph.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::attributes::Attribute;
use super::by::By;
use super::provenance::Source;
use super::span::{self, Span};

/// A string of the model (id, label, covered text, note, link): up to 24 bytes are kept inline,
/// without an allocation, so most ids, labels and entity texts cost nothing beyond the struct.
/// It reads and writes (serde) exactly as a `String` does.
pub type Text = CompactString;

/// The fragments of an annotation: one is kept inline, without an allocation; more spill to
/// the heap. It reads and writes (serde) exactly as a `Vec<Span>` does.
pub type Spans = SmallVec<[Span; 1]>;

/// Where an annotation stands in review: unreviewed until someone accepts or rejects it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ReviewStatus {
    /// Nobody has looked at it yet.
    #[default]
    Unreviewed,
    /// A reviewer agreed with it.
    Accepted,
    /// A reviewer disagreed with it (kept, so the disagreement is on record).
    Rejected,
}

impl ReviewStatus {
    /// The status in lower case, as filters and messages write it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unreviewed => "unreviewed",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }
}

/// For `skip_serializing_if`: an unreviewed annotation writes no `review` field.
pub fn is_unreviewed(status: &ReviewStatus) -> bool {
    *status == ReviewStatus::Unreviewed
}

/// A named thing mentioned in the article: a person, an organisation, a place, …
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable id (`e1`, `e2`, …), never reused after a delete.
    pub id: Text,
    /// Label name from the label set (`PER`, `ORG`, …).
    pub label: Text,
    /// Fragments covered, in document order.
    pub spans: Spans,
    /// The text covered (fragments joined by ` … `).
    pub text: Text,
    /// A free note from the annotator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Review status (unreviewed unless someone accepted or rejected it).
    #[serde(default, skip_serializing_if = "is_unreviewed")]
    pub review: ReviewStatus,
    /// How it was made: typed (the default, not written) or an accepted suggestion's source.
    #[serde(default, skip_serializing_if = "Source::is_typed")]
    pub source: Source,
    /// The annotators whose versions it was taken from in adjudication (not written when
    /// empty).
    #[serde(default, skip_serializing_if = "By::is_empty")]
    pub by: By,
    /// Its attributes, sorted by name, each name once (not written when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

/// How a quote renders its speaker's words (PARC).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum QuoteKind {
    /// Verbatim, between quotation marks.
    #[default]
    Direct,
    /// Reported speech, paraphrased.
    Indirect,
    /// Partly verbatim, partly paraphrased.
    Mixed,
}

impl QuoteKind {
    /// The next kind in the cycle Direct → Indirect → Mixed → Direct.
    pub fn next(self) -> Self {
        match self {
            Self::Direct => Self::Indirect,
            Self::Indirect => Self::Mixed,
            Self::Mixed => Self::Direct,
        }
    }
}

/// The cue of a quote: the verb or phrase that introduces it (`kata`, `ujar` of `ujarnya`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    /// Fragments covered (may cover part of a word).
    pub spans: Spans,
    /// The text covered.
    pub text: Text,
}

/// Reported speech, with who said it and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Stable id (`q1`, …).
    pub id: Text,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Fragments of the quoted content (several when the quote is interrupted).
    pub spans: Spans,
    /// The text covered.
    pub text: Text,
    /// The cue word(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Cue>,
    /// Id of the entity who speaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Text>,
    /// A free note from the annotator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Review status (unreviewed unless someone accepted or rejected it).
    #[serde(default, skip_serializing_if = "is_unreviewed")]
    pub review: ReviewStatus,
    /// How it was made: typed (the default, not written) or an accepted suggestion's source.
    #[serde(default, skip_serializing_if = "Source::is_typed")]
    pub source: Source,
    /// The annotators whose versions it was taken from in adjudication (not written when
    /// empty).
    #[serde(default, skip_serializing_if = "By::is_empty")]
    pub by: By,
    /// Its attributes, sorted by name, each name once (not written when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

/// Whether a claim is worth fact-checking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Checkworthy {
    /// Worth checking.
    Yes,
    /// Not worth checking.
    No,
}

/// Cycles check-worthiness: unset → yes → no → unset.
pub fn next_checkworthy(value: Option<Checkworthy>) -> Option<Checkworthy> {
    match value {
        None => Some(Checkworthy::Yes),
        Some(Checkworthy::Yes) => Some(Checkworthy::No),
        Some(Checkworthy::No) => None,
    }
}

/// A factual assertion that could be checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id (`c1`, …).
    pub id: Text,
    /// Fragments covered.
    pub spans: Spans,
    /// The text covered.
    pub text: Text,
    /// Id of the entity who makes the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<Text>,
    /// Id of the quote the claim was made in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Text>,
    /// Whether it is worth checking (unset until decided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkworthy: Option<Checkworthy>,
    /// A free note from the annotator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Review status (unreviewed unless someone accepted or rejected it).
    #[serde(default, skip_serializing_if = "is_unreviewed")]
    pub review: ReviewStatus,
    /// How it was made: typed (the default, not written) or an accepted suggestion's source.
    #[serde(default, skip_serializing_if = "Source::is_typed")]
    pub source: Source,
    /// The annotators whose versions it was taken from in adjudication (not written when
    /// empty).
    #[serde(default, skip_serializing_if = "By::is_empty")]
    pub by: By,
    /// Its attributes, sorted by name, each name once (not written when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

/// Progress of a paragraph; decides on export whether unannotated words are known to be `O`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ParagraphStatus {
    /// Not yet annotated.
    #[default]
    Todo,
    /// Fully annotated.
    Done,
    /// Deliberately left out.
    Skipped,
    /// Needs another look.
    Flagged,
}

/// Any one annotation, for code that treats the three kinds alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// An entity.
    Entity(Entity),
    /// A quote.
    Quote(Quote),
    /// A claim.
    Claim(Claim),
}

impl Item {
    /// The annotation's id.
    pub fn id(&self) -> &str {
        match self {
            Item::Entity(e) => &e.id,
            Item::Quote(q) => &q.id,
            Item::Claim(c) => &c.id,
        }
    }

    /// The annotation's own fragments (a quote's cue not included).
    pub fn spans(&self) -> &[Span] {
        match self {
            Item::Entity(e) => &e.spans,
            Item::Quote(q) => &q.spans,
            Item::Claim(c) => &c.spans,
        }
    }

    /// The text the annotation covers (fragments joined).
    pub fn text(&self) -> &str {
        match self {
            Item::Entity(e) => &e.text,
            Item::Quote(q) => &q.text,
            Item::Claim(c) => &c.text,
        }
    }

    /// The annotation's note.
    pub fn note(&self) -> Option<&str> {
        match self {
            Item::Entity(e) => e.note.as_deref(),
            Item::Quote(q) => q.note.as_deref(),
            Item::Claim(c) => c.note.as_deref(),
        }
    }

    /// Sets the annotation's note (`None` or empty removes it).
    pub fn set_note(&mut self, note: Option<Text>) {
        let note = note.filter(|n| !n.trim().is_empty());
        match self {
            Item::Entity(e) => e.note = note,
            Item::Quote(q) => q.note = note,
            Item::Claim(c) => c.note = note,
        }
    }

    /// The annotation's review status.
    pub fn review(&self) -> ReviewStatus {
        match self {
            Item::Entity(e) => e.review,
            Item::Quote(q) => q.review,
            Item::Claim(c) => c.review,
        }
    }

    /// Sets the annotation's review status.
    pub fn set_review(&mut self, status: ReviewStatus) {
        match self {
            Item::Entity(e) => e.review = status,
            Item::Quote(q) => q.review = status,
            Item::Claim(c) => c.review = status,
        }
    }

    /// The annotators it was taken from in adjudication.
    pub fn by(&self) -> &By {
        match self {
            Item::Entity(e) => &e.by,
            Item::Quote(q) => &q.by,
            Item::Claim(c) => &c.by,
        }
    }

    /// Sets the annotators it was taken from.
    pub fn set_by(&mut self, by: By) {
        match self {
            Item::Entity(e) => e.by = by,
            Item::Quote(q) => q.by = by,
            Item::Claim(c) => c.by = by,
        }
    }

    /// Its attributes, sorted by name.
    pub fn attributes(&self) -> &[Attribute] {
        match self {
            Item::Entity(e) => &e.attributes,
            Item::Quote(q) => &q.attributes,
            Item::Claim(c) => &c.attributes,
        }
    }

    /// Its attributes, to change (keep them sorted by name, each name once:
    /// [`super::attributes::set`]).
    pub fn attributes_mut(&mut self) -> &mut Vec<Attribute> {
        match self {
            Item::Entity(e) => &mut e.attributes,
            Item::Quote(q) => &mut q.attributes,
            Item::Claim(c) => &mut c.attributes,
        }
    }

    /// The kind of annotation, in lower case (`entity`, `quote`, `claim`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Item::Entity(_) => "entity",
            Item::Quote(_) => "quote",
            Item::Claim(_) => "claim",
        }
    }

    /// Total characters covered, to find the innermost annotation at a place.
    pub fn covered(&self) -> usize {
        self.spans().iter().map(Span::len).sum()
    }

    /// True when a fragment (or, for a quote, its cue) contains `offset`.
    pub fn touches(&self, offset: usize) -> bool {
        span::any_contains(self.spans(), offset)
            || matches!(self, Item::Quote(Quote { cue: Some(cue), .. }) if span::any_contains(&cue.spans, offset))
    }
}

#[cfg(test)]
mod tests {
    use std::mem::size_of;

    use super::*;

    #[test]
    fn texts_and_spans_stay_three_words() {
        assert_eq!(size_of::<Text>(), 24);
        assert_eq!(size_of::<Option<Text>>(), 24);
        assert_eq!(size_of::<Spans>(), 24);
    }

    /// The provenance (`source`, 24 bytes: a model's name is kept inline) added 24 bytes to
    /// each; who made it (`by`, a boxed slice) 16; the attributes (a `Vec`) 24.
    #[test]
    fn annotations_keep_their_size() {
        assert_eq!(size_of::<Entity>(), 192);
        assert_eq!(size_of::<Cue>(), 48);
        assert_eq!(size_of::<Quote>(), 240);
        assert_eq!(size_of::<Claim>(), 216);
    }

    #[test]
    fn short_texts_and_one_span_do_not_allocate() {
        let id = Text::from("e100044");
        let label = Text::from("PER");
        let text = Text::from("Kementerian Luar Negeri R");
        assert!(!id.is_heap_allocated());
        assert!(!label.is_heap_allocated());
        assert!(text.is_heap_allocated(), "25 bytes go to the heap");
        let spans: Spans = [Span::new(41, 53)].into();
        assert!(!spans.spilled());
    }
}

//! How well the quote finder does against a gold annotation: precision and recall for the
//! quote's content (overlap), its speaker, its cue and its kind, taken separately.
//!
//! The finder runs paragraph by paragraph with the gold entities as mentions and no known
//! quote, the speaker carried from one paragraph to the next as the engine does.

use std::fmt;

use crate::model::{AnnotationSet, Document, Span};
use crate::suggest::cues::Cues;
use crate::suggest::quotes::find_quotes;
use crate::suggest::{Mention, Proposal, Suggestion};

/// Found and gold counts of one aspect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Quotes found that are right in this aspect.
    pub found_right: usize,
    /// Quotes found.
    pub found: usize,
    /// Gold quotes found right in this aspect.
    pub gold_right: usize,
    /// Gold quotes.
    pub gold: usize,
}

impl Counts {
    /// Share of the quotes found that are right (1 when nothing was found).
    pub fn precision(&self) -> f64 {
        ratio(self.found_right, self.found)
    }

    /// Share of the gold quotes found right (1 when there is none).
    pub fn recall(&self) -> f64 {
        ratio(self.gold_right, self.gold)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The finder's scores on one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// A found quote matches a gold quote whose content it overlaps.
    pub content: Counts,
    /// …and names the same speaker (the same place, or a mention with the same text).
    pub speaker: Counts,
    /// …and has the same cue (the same place).
    pub cue: Counts,
    /// …and has the same kind.
    pub kind: Counts,
}

/// Runs the finder over `doc` with the gold entities of `gold` and scores it against the gold
/// quotes.
pub fn evaluate(doc: &Document, gold: &AnnotationSet, cues: &Cues) -> Scores {
    let found = run(doc, gold, cues);
    score(doc, gold, &found)
}

/// The finder's suggestions for every paragraph, with the gold entities as mentions.
pub fn run(doc: &Document, gold: &AnnotationSet, cues: &Cues) -> Vec<Suggestion> {
    let mut mentions: Vec<Mention> = gold
        .entities
        .iter()
        .flat_map(|e| {
            e.spans.iter().map(|s| Mention {
                span: *s,
                label: e.label.clone(),
            })
        })
        .collect();
    mentions.sort_by_key(|m| m.span.start);
    let mut carry = None;
    let mut out = Vec::new();
    for (p, para) in doc.paragraphs().iter().enumerate() {
        let from = mentions.partition_point(|m| m.span.start < para.chars.start);
        let to = mentions.partition_point(|m| m.span.start < para.chars.end);
        let (found, next) = find_quotes(doc, p, &mentions[from..to], &[], carry, cues);
        carry = next;
        out.extend(found);
    }
    out
}

/// Scores suggestions against the gold quotes of `gold`.
pub fn score(doc: &Document, gold: &AnnotationSet, found: &[Suggestion]) -> Scores {
    let mut scores = Scores::default();
    let quotes: Vec<_> = found
        .iter()
        .filter_map(|s| match &s.what {
            Proposal::Quote { kind, cue, speaker } => Some((s.span, *kind, *cue, *speaker)),
            _ => None,
        })
        .collect();
    let speaker_of = |id: Option<&str>| -> Option<Span> {
        id.and_then(|id| gold.entity(id))
            .and_then(|e| e.spans.first().copied())
    };
    let same_speaker = |a: Option<Span>, b: Option<Span>| match (a, b) {
        (Some(a), Some(b)) => a == b || doc.slice(a) == doc.slice(b),
        (None, None) => true,
        _ => false,
    };
    let cue_of = |q: &crate::model::Quote| q.cue.as_ref().and_then(|c| c.spans.first().copied());
    // Each found quote against the gold quote it overlaps most.
    let mut gold_hits = vec![[false; 4]; gold.quotes.len()];
    for (span, kind, cue, speaker) in &quotes {
        let best = gold
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| (i, q, overlap(&q.spans, *span)))
            .filter(|(_, _, o)| *o > 0)
            .max_by_key(|(_, _, o)| *o);
        for counts in [
            &mut scores.content,
            &mut scores.speaker,
            &mut scores.cue,
            &mut scores.kind,
        ] {
            counts.found += 1;
        }
        let Some((i, q, _)) = best else { continue };
        let right = [
            true,
            same_speaker(*speaker, speaker_of(q.speaker.as_deref())),
            *cue == cue_of(q),
            *kind == q.kind,
        ];
        let counts = [
            &mut scores.content,
            &mut scores.speaker,
            &mut scores.cue,
            &mut scores.kind,
        ];
        for ((counts, right), hit) in counts.into_iter().zip(right).zip(&mut gold_hits[i]) {
            if right {
                counts.found_right += 1;
                *hit = true;
            }
        }
    }
    for hits in &gold_hits {
        let counts = [
            &mut scores.content,
            &mut scores.speaker,
            &mut scores.cue,
            &mut scores.kind,
        ];
        for (counts, hit) in counts.into_iter().zip(hits) {
            counts.gold += 1;
            counts.gold_right += usize::from(*hit);
        }
    }
    scores
}

/// Characters `span` shares with the fragments.
fn overlap(spans: &[Span], span: Span) -> usize {
    spans
        .iter()
        .map(|s| s.end.min(span.end).saturating_sub(s.start.max(span.start)))
        .sum()
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "aspect    precision          recall")?;
        for (name, c) in [
            ("content", self.content),
            ("speaker", self.speaker),
            ("cue", self.cue),
            ("kind", self.kind),
        ] {
            writeln!(
                f,
                "{name:<8}  {:>5.1} % ({:>2}/{:>2})   {:>5.1} % ({:>2}/{:>2})",
                100.0 * c.precision(),
                c.found_right,
                c.found,
                100.0 * c.recall(),
                c.gold_right,
                c.gold,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cue, smallvec};
    use crate::model::{Entity, Quote, QuoteKind};

    #[test]
    fn scores_count_each_aspect_apart() {
        let doc = Document::new("“Satu dua,” kata Putin. Ia mengatakan bahwa tiga empat lima.");
        let mut gold = AnnotationSet::new(1);
        gold.entities.push(Entity {
            id: "e1".into(),
            label: "PER".into(),
            spans: smallvec![Span::new(17, 22)],
            text: "Putin".into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        let quote = |id: &str, span: Span, cue: Span, kind| Quote {
            id: id.into(),
            kind,
            spans: smallvec![span],
            text: doc.slice(span).into(),
            cue: Some(Cue {
                spans: smallvec![cue],
                text: doc.slice(cue).into(),
            }),
            speaker: Some("e1".into()),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        };
        gold.quotes.push(quote(
            "q1",
            Span::new(1, 10),
            Span::new(12, 16),
            QuoteKind::Direct,
        ));
        gold.quotes.push(quote(
            "q2",
            Span::new(44, 59),
            Span::new(27, 37),
            QuoteKind::Mixed,
        ));
        gold.sort();
        let scores = evaluate(&doc, &gold, &Cues::builtin());
        assert_eq!(scores.content.recall(), 1.0);
        assert_eq!(scores.speaker.found_right, 2, "{scores}");
        assert_eq!(scores.kind.found_right, 1, "{scores}");
        assert_eq!(scores.kind.gold_right, 1);
        assert_eq!(scores.cue.gold_right, 2);
    }
}

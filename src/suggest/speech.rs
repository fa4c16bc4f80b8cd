//! tandai's own quote and claim finders, as the suggester calls them.

use super::claims::find_claims;
use super::cues::Cues;
use super::engine::SpeechFinder;
use super::quotes::find_quotes;
use super::{Mention, QuoteMention, Suggestion};
use crate::model::{Document, Span};

/// The quote finder with its cue lexicon, and the claim finder.
#[derive(Debug)]
pub struct Speech {
    cues: Cues,
}

impl Speech {
    /// The finders, reading cues from `cues`.
    pub fn new(cues: Cues) -> Self {
        Self { cues }
    }
}

impl Default for Speech {
    /// The finders with tandai's built-in cue lexicon.
    fn default() -> Self {
        Self::new(Cues::builtin())
    }
}

impl SpeechFinder for Speech {
    fn quotes(
        &self,
        doc: &Document,
        index: usize,
        mentions: &[Mention],
        known: &[QuoteMention],
        carry: Option<Span>,
    ) -> (Vec<Suggestion>, Option<Span>) {
        find_quotes(doc, index, mentions, known, carry, &self.cues)
    }

    fn claims(
        &self,
        doc: &Document,
        index: usize,
        quotes: &[QuoteMention],
        known: &[Span],
    ) -> Vec<Suggestion> {
        find_claims(doc, index, quotes, known)
    }
}

//! Suggestions: annotations tandai proposes and the editor accepts or rejects with one key.
//!
//! Every source is a pure function of the article and what is known about it, so the state
//! can recompute a paragraph's suggestions after any change:
//!
//! - propagation: other occurrences of texts labelled in this article or in other documents of
//!   the folder ([`propagate`]);
//! - the editor's gazetteers and patterns ([`gazetteer`], [`patterns`]);
//! - the quote finder and the claim finder ([`quotes`], [`claims`]);
//! - another tool's predictions, stored beside the article ([`predictions`]).
//!
//! Nothing here reads a terminal; files are read only by the loaders the app calls.

pub mod claims;
pub mod cues;
pub mod edges;
pub mod engine;
pub mod evaluate;
pub mod gazetteer;
pub mod lexicon;
pub mod patterns;
pub mod predictions;
pub mod propagate;
pub mod quotes;
pub mod speech;

use std::sync::Arc;

use crate::model::{Checkworthy, QuoteKind, Source, Span, Text};

/// One proposed annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The characters the annotation would cover (a quote's or claim's content).
    pub span: Span,
    /// What it would be.
    pub what: Proposal,
    /// Where the proposal comes from (the accepted annotation keeps it as its provenance).
    pub source: Source,
    /// How sure the source is, from 0 to 1, where it says.
    pub score: Option<f32>,
    /// One line for the side panel: why this is proposed (`“Rusia” is LOC in this
    /// article`); shared by the proposals of one reason, so it costs no allocation each.
    pub reason: Arc<str>,
}

/// The annotation a suggestion would make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proposal {
    /// An entity with this label.
    Entity {
        /// Label name (`PER`, `LOC`, …).
        label: Text,
    },
    /// A quote; its speaker is named by the place of an entity (an annotation, or an entity
    /// suggestion accepted with it).
    Quote {
        /// Direct, indirect or mixed.
        kind: QuoteKind,
        /// The cue's characters.
        cue: Option<Span>,
        /// The speaker entity's characters.
        speaker: Option<Span>,
    },
    /// A claim; its claimant and quote are named by their places, as a quote's speaker.
    Claim {
        /// The claimant entity's characters.
        claimant: Option<Span>,
        /// The content of the quote the claim was made in.
        quote: Option<Span>,
        /// Whether it looks worth checking.
        checkworthy: Option<Checkworthy>,
    },
}

impl Proposal {
    /// The layer the proposal belongs to.
    pub fn layer(&self) -> crate::model::IdKind {
        match self {
            Proposal::Entity { .. } => crate::model::IdKind::Entity,
            Proposal::Quote { .. } => crate::model::IdKind::Quote,
            Proposal::Claim { .. } => crate::model::IdKind::Claim,
        }
    }

    /// The entity label, for an entity proposal.
    pub fn label(&self) -> Option<&str> {
        match self {
            Proposal::Entity { label } => Some(label),
            _ => None,
        }
    }
}

/// An entity known in a paragraph, as finders see it: an annotation or an entity suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Its characters.
    pub span: Span,
    /// Its label.
    pub label: Text,
}

/// A quote known in a paragraph (annotated or proposed), as the claim finder and the quote
/// finder's speaker carry see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMention {
    /// The quote's content.
    pub span: Span,
    /// Its kind.
    pub kind: QuoteKind,
    /// Its speaker's characters.
    pub speaker: Option<Span>,
}

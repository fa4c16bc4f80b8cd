//! Agreement between annotators (`tandai agree`): per layer (entities, quotes, claims), per
//! label, per pair of parties and overall, per document and over the corpus.
//!
//! The parties of an article are its annotators' files `stem.ann.NAME.ron` and, when asked,
//! the settled `stem.ann.ron` as the party `gold` ([`parties`]). For each layer:
//!
//! - span precision, recall and F1, exact (same label and characters) and by overlap (same
//!   label, a shared character; one to one, the pairs sharing most taken first:
//!   [`matching::overlap`]);
//! - Cohen's κ on the tokens of tandai's tokeniser (the CoNLL export's, cut at every edge of
//!   every party's fragments), each labelled by the annotation covering it or `O`;
//! - Krippendorff's α, nominal, on every character of the article, labelled the same way;
//! - on quotes matched by overlap: speaker, cue and kind agreement and κ on kind; on claims
//!   matched by overlap: check-worthiness agreement and κ.
//!
//! Figures are made from counts, so the corpus figures sum the counts of every document
//! (micro) before dividing. Overall figures are means over pairs, except α, which takes all
//! parties at once. Every definition, and how the figures are checked against scikit-learn,
//! `krippendorff` and seqeval, is in `docs/agreement.md`.
//!
//! Nothing here prints or writes a file.

pub mod document;
pub mod figures;
pub mod link_figures;
pub mod links;
pub mod matching;
pub mod parties;
pub mod report;
pub mod run;
pub mod stats;
mod text;
pub mod units;

pub use report::{CorpusReport, DocumentReport, Report, Skipped};
pub use run::{AgreeError, Options, agree};
pub use units::Layer;

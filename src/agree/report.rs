//! The report of `tandai agree`: per document (the most differing first) and over the corpus,
//! with the articles skipped and the files that could not be read. Serialised as JSON with
//! keys in a fixed order (the fields' order; labels sorted).

use std::cmp::Ordering;
use std::path::PathBuf;

use serde::Serialize;

use crate::corpus::Trouble;
use crate::model::{Span, Text};

use super::document::DocumentCounts;
use super::figures::{LayerFigures, LayerTotals};
use super::link_figures::{AttributesFigures, LinkTotals, RelationFigures};
use super::parties::GOLD;
use super::units::Layer;

/// The tokens compared in each layer of a document (with `--units`), for checking the figures
/// with other tools.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Units {
    /// Tokens of the entities layer.
    pub entities: Vec<Span>,
    /// Tokens of the quotes layer.
    pub quotes: Vec<Span>,
    /// Tokens of the claims layer.
    pub claims: Vec<Span>,
}

/// The figures of one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentReport {
    /// The article.
    pub path: PathBuf,
    /// Its parties, gold first, then annotators by name.
    pub parties: Vec<Text>,
    /// How much the parties differ: 1 minus the mean over pairs of the share of what both
    /// sides hold that has an identical twin on the other side: annotations (every layer),
    /// relations (matched as the relation figures match them) and attribute values of
    /// annotations matched by overlap (as the attribute figures compare them).
    pub differing: f64,
    /// Entities.
    pub entities: LayerFigures,
    /// Quotes.
    pub quotes: LayerFigures,
    /// Claims.
    pub claims: LayerFigures,
    /// Relations between matched annotations.
    pub relations: RelationFigures,
    /// Attributes of matched annotations.
    pub attributes: AttributesFigures,
    /// The tokens compared (with `--units`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Units>,
}

/// The figures over the corpus: every count summed over the documents (micro), then divided.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorpusReport {
    /// Documents compared.
    pub documents: usize,
    /// Entities.
    pub entities: LayerFigures,
    /// Quotes.
    pub quotes: LayerFigures,
    /// Claims.
    pub claims: LayerFigures,
    /// Relations between matched annotations.
    pub relations: RelationFigures,
    /// Attributes of matched annotations.
    pub attributes: AttributesFigures,
}

/// An article with fewer than two parties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The article.
    pub path: PathBuf,
    /// Its only party, if any.
    pub parties: Vec<Text>,
}

/// What `tandai agree` found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Every party met, gold first, then annotators by name.
    pub parties: Vec<Text>,
    /// The documents compared, the most differing first (then by path).
    pub documents: Vec<DocumentReport>,
    /// Over the corpus.
    pub corpus: CorpusReport,
    /// Articles with fewer than two parties.
    pub skipped: Vec<Skipped>,
    /// Files that could not be read (their documents are left out).
    pub problems: Vec<Trouble>,
}

/// One article's outcome.
#[derive(Debug)]
pub enum Outcome {
    /// Compared.
    Compared(Box<DocumentReport>),
    /// Fewer than two parties.
    Skipped(Skipped),
    /// A file could not be read.
    Trouble(Trouble),
}

/// The order of parties: gold first, then by name.
fn party_order(a: &Text, b: &Text) -> Ordering {
    (a != GOLD, a).cmp(&(b != GOLD, b))
}

/// The counts of a corpus, summed over its documents: exact integers, so that they add up in
/// any order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusTotals {
    /// Per layer, in [`Layer::ALL`] order (empty: none yet).
    pub layers: Vec<LayerTotals>,
    /// Relations and attributes.
    pub links: LinkTotals,
}

/// Adds the totals of one document or corpus into `into`.
pub fn add_totals(into: &mut CorpusTotals, other: &CorpusTotals) {
    if into.layers.is_empty() {
        into.layers.resize(Layer::ALL.len(), LayerTotals::default());
    }
    for (all, one) in into.layers.iter_mut().zip(&other.layers) {
        all.add(one);
    }
    into.links.add(&other.links);
}

impl DocumentReport {
    /// The report of one document, compared as `counts`, with its totals for the corpus; the
    /// tokens compared are kept with `units`.
    pub fn of(path: PathBuf, counts: DocumentCounts, units: bool) -> (Self, CorpusTotals) {
        let totals = CorpusTotals {
            layers: counts
                .layers
                .iter()
                .map(|layer| LayerTotals::of(layer, &counts.parties))
                .collect(),
            links: LinkTotals::of(&counts.links, &counts.parties),
        };
        let figures = |l: Layer| totals.layers[l as usize].figures(l);
        let shares: Vec<f64> = counts
            .identical
            .iter()
            .map(|&(same, all)| {
                if all == 0 {
                    1.0
                } else {
                    same as f64 / all as f64
                }
            })
            .collect();
        let differing = 1.0 - shares.iter().sum::<f64>() / shares.len() as f64;
        let report = DocumentReport {
            path,
            parties: counts.parties.clone(),
            differing,
            entities: figures(Layer::Entities),
            quotes: figures(Layer::Quotes),
            claims: figures(Layer::Claims),
            relations: totals.links.relations(),
            attributes: totals.links.attributes(),
            units: units.then(|| {
                let mut layers = counts.layers.into_iter().map(|l| l.tokens);
                Units {
                    entities: layers.next().unwrap_or_default(),
                    quotes: layers.next().unwrap_or_default(),
                    claims: layers.next().unwrap_or_default(),
                }
            }),
        };
        (report, totals)
    }

    /// The figures of `layer`.
    pub fn layer(&self, layer: Layer) -> &LayerFigures {
        match layer {
            Layer::Entities => &self.entities,
            Layer::Quotes => &self.quotes,
            Layer::Claims => &self.claims,
        }
    }
}

impl Report {
    /// The report of `outcomes` (in path order) and the corpus `totals` of the documents
    /// compared.
    pub fn build(outcomes: Vec<Outcome>, mut totals: CorpusTotals) -> Report {
        let mut parties: Vec<Text> = Vec::new();
        let mut documents = Vec::new();
        let mut skipped = Vec::new();
        let mut problems = Vec::new();
        for outcome in outcomes {
            match outcome {
                Outcome::Compared(doc) => {
                    for p in &doc.parties {
                        if !parties.contains(p) {
                            parties.push(p.clone());
                        }
                    }
                    documents.push(*doc);
                }
                Outcome::Skipped(s) => skipped.push(s),
                Outcome::Trouble(t) => problems.push(t),
            }
        }
        parties.sort_by(party_order);
        if totals.layers.is_empty() {
            totals
                .layers
                .resize(Layer::ALL.len(), LayerTotals::default());
        }
        let rank = |p: &Text| parties.iter().position(|q| q == p).unwrap_or(usize::MAX);
        for layer in &mut totals.layers {
            layer.pairs.sort_by_key(|((a, b), _)| (rank(a), rank(b)));
        }
        totals
            .links
            .pairs
            .sort_by_key(|((a, b), _)| (rank(a), rank(b)));
        documents.sort_by(|a, b| {
            b.differing
                .total_cmp(&a.differing)
                .then_with(|| a.path.cmp(&b.path))
        });
        let figures = |l: Layer| totals.layers[l as usize].figures(l);
        Report {
            corpus: CorpusReport {
                documents: documents.len(),
                entities: figures(Layer::Entities),
                quotes: figures(Layer::Quotes),
                claims: figures(Layer::Claims),
                relations: totals.links.relations(),
                attributes: totals.links.attributes(),
            },
            parties,
            documents,
            skipped,
            problems,
        }
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data always serialises") + "\n"
    }
}

impl CorpusReport {
    /// The figures of `layer`.
    pub fn layer(&self, layer: Layer) -> &LayerFigures {
        match layer {
            Layer::Entities => &self.entities,
            Layer::Quotes => &self.quotes,
            Layer::Claims => &self.claims,
        }
    }
}

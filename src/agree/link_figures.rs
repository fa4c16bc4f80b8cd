//! Figures of relations and attributes, reported apart from the layers' figures: per pair of
//! parties (relation precision, recall and F1 per kind and over every kind; per attribute name
//! the share of matched pairs with the same value and Cohen's κ on the values) and overall
//! (means over pairs).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Text;

use super::figures::{MeanPrf, Share};
use super::links::LinkCounts;
use super::stats::{Counts, Prf, kappa, mean};

/// Two parties' relations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelationPair {
    /// The first party (the reference of precision and recall).
    pub a: Text,
    /// The second party.
    pub b: Text,
    /// Every kind together.
    pub all: Prf,
    /// Per kind either party used.
    pub kinds: BTreeMap<Text, Prf>,
}

/// Relations over all pairs: means over pairs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelationOverall {
    /// Pairs of parties.
    pub pairs: usize,
    /// Every kind together.
    pub all: MeanPrf,
    /// Per kind, the mean over the pairs where either party used it.
    pub kinds: BTreeMap<Text, MeanPrf>,
}

/// Relation agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelationFigures {
    /// Per pair of parties.
    pub pairs: Vec<RelationPair>,
    /// Over all pairs.
    pub overall: RelationOverall,
}

/// One attribute name on two parties' matched annotations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributeFigures {
    /// Matched pairs where at least one side has the attribute.
    pub compared: u64,
    /// Of those, pairs where both sides give the same value (or both the flag).
    pub same: Share,
    /// Cohen's κ on the values (absent and flag counted as values).
    pub kappa: Option<f64>,
}

/// Two parties' attributes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributePair {
    /// The first party.
    pub a: Text,
    /// The second party.
    pub b: Text,
    /// Per attribute name.
    pub names: BTreeMap<Text, AttributeFigures>,
}

/// One attribute name over all pairs: means over the pairs where it was compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributeOverall {
    /// Mean share of the same value.
    pub same: Option<f64>,
    /// Mean κ.
    pub kappa: Option<f64>,
}

/// Attribute agreement on matched annotations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributesFigures {
    /// Per pair of parties.
    pub pairs: Vec<AttributePair>,
    /// Per attribute name, over all pairs.
    pub overall: BTreeMap<Text, AttributeOverall>,
}

/// Relation and attribute counts per pair of parties, summed over documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkTotals {
    /// Per pair of party names, in the order met.
    pub pairs: Vec<((Text, Text), LinkCounts)>,
}

impl LinkTotals {
    /// The totals of one document, whose parties are `parties` and counts per pair `links`.
    pub fn of(links: &[LinkCounts], parties: &[Text]) -> Self {
        let names = super::document::pairs(parties.len())
            .map(|(i, j)| (parties[i].clone(), parties[j].clone()));
        Self {
            pairs: names.zip(links.iter().cloned()).collect(),
        }
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &LinkTotals) {
        for (names, counts) in &other.pairs {
            match self.pairs.iter_mut().find(|(n, _)| n == names) {
                Some((_, mine)) => mine.add(counts),
                None => self.pairs.push((names.clone(), counts.clone())),
            }
        }
    }

    /// The relation figures.
    pub fn relations(&self) -> RelationFigures {
        let pairs: Vec<RelationPair> = self
            .pairs
            .iter()
            .map(|((a, b), counts)| {
                let mut all = Counts::default();
                for c in counts.relations.values() {
                    all.add(*c);
                }
                RelationPair {
                    a: a.clone(),
                    b: b.clone(),
                    all: all.into(),
                    kinds: counts
                        .relations
                        .iter()
                        .map(|(k, c)| (k.clone(), Prf::from(*c)))
                        .collect(),
                }
            })
            .collect();
        let mut kinds: BTreeMap<Text, Vec<&Prf>> = BTreeMap::new();
        for p in &pairs {
            for (k, prf) in &p.kinds {
                kinds.entry(k.clone()).or_default().push(prf);
            }
        }
        let overall = RelationOverall {
            pairs: pairs.len(),
            all: MeanPrf::of(pairs.iter().map(|p| &p.all)),
            kinds: kinds
                .into_iter()
                .map(|(k, each)| (k, MeanPrf::of(each.into_iter())))
                .collect(),
        };
        RelationFigures { pairs, overall }
    }

    /// The attribute figures.
    pub fn attributes(&self) -> AttributesFigures {
        let pairs: Vec<AttributePair> = self
            .pairs
            .iter()
            .map(|((a, b), counts)| AttributePair {
                a: a.clone(),
                b: b.clone(),
                names: counts
                    .attributes
                    .iter()
                    .map(|(name, table)| {
                        let compared: u64 = table.values().sum();
                        let same: u64 = table
                            .iter()
                            .filter(|((x, y), _)| x == y)
                            .map(|(_, n)| n)
                            .sum();
                        let figures = AttributeFigures {
                            compared,
                            same: Share::of(same, compared),
                            kappa: kappa(table),
                        };
                        (name.clone(), figures)
                    })
                    .collect(),
            })
            .collect();
        let mut names: BTreeMap<Text, Vec<&AttributeFigures>> = BTreeMap::new();
        for p in &pairs {
            for (name, f) in &p.names {
                names.entry(name.clone()).or_default().push(f);
            }
        }
        let overall = names
            .into_iter()
            .map(|(name, each)| {
                let figures = AttributeOverall {
                    same: mean(each.iter().map(|f| f.same.share)),
                    kappa: mean(each.iter().map(|f| f.kappa)),
                };
                (name, figures)
            })
            .collect();
        AttributesFigures { pairs, overall }
    }
}

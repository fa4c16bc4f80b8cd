//! Figures made from counts: per pair of parties, and overall (P/R/F1 and κ: the mean over
//! pairs; α: all parties together).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::Text;

use super::document::{ClaimCounts, LayerCounts, PairCounts, QuoteCounts};
use super::stats::{
    self, AlphaSums, Counts, Disagreement, Prf, add_confusion, kappa, mean, one_against_rest,
};
use super::units::Layer;

/// Agreeing pairs and their share of the matched pairs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Share {
    /// Matched pairs that agree.
    pub agree: u64,
    /// `agree / matched`.
    pub share: Option<f64>,
}

impl Share {
    pub(super) fn of(agree: u64, matched: u64) -> Self {
        Self {
            agree,
            share: stats::ratio(agree as f64, matched as f64),
        }
    }
}

/// One label's figures for a pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelFigures {
    /// Exact span matches of this label.
    pub exact: Prf,
    /// Overlap span matches of this label.
    pub overlap: Prf,
    /// Cohen's κ on tokens, this label against every other value.
    pub kappa: Option<f64>,
    /// Krippendorff's α on characters, this label against every other value.
    pub alpha: Option<f64>,
}

/// What two parties' matched quotes agree on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteFigures {
    /// Quotes matched by overlap.
    pub matched: u64,
    /// Same speaker entity (by place), or both none.
    pub speaker: Share,
    /// Same cue characters, or both none.
    pub cue: Share,
    /// Same kind.
    pub kind: Share,
    /// Cohen's κ on the kinds of the matched quotes.
    pub kind_kappa: Option<f64>,
}

/// What two parties' matched claims agree on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimFigures {
    /// Claims matched by overlap.
    pub matched: u64,
    /// Same check-worthiness (`yes`, `no`, `unset`).
    pub checkworthy: Share,
    /// Cohen's κ on the check-worthiness of the matched claims.
    pub kappa: Option<f64>,
}

/// The figures of two parties in one layer; the first party is the reference of precision
/// and recall.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairFigures {
    /// The first party.
    pub a: Text,
    /// The second party.
    pub b: Text,
    /// Exact span matches (same label and characters).
    pub exact: Prf,
    /// Overlap span matches (same label, a shared character; one to one).
    pub overlap: Prf,
    /// Tokens compared.
    pub tokens: u64,
    /// Cohen's κ on the tokens' labels (`O` included).
    pub kappa: Option<f64>,
    /// Characters compared.
    pub chars: u64,
    /// Krippendorff's α (nominal) on the characters' labels (`O` included).
    pub alpha: Option<f64>,
    /// Per label (entities only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<Text, LabelFigures>>,
    /// On matched quotes (quotes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<QuoteFigures>,
    /// On matched claims (claims only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkworthy: Option<ClaimFigures>,
}

/// Precision, recall and F1, each the mean over pairs where it is defined.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MeanPrf {
    /// Mean precision.
    pub precision: Option<f64>,
    /// Mean recall.
    pub recall: Option<f64>,
    /// Mean F1.
    pub f1: Option<f64>,
}

impl MeanPrf {
    pub(super) fn of<'a>(each: impl Iterator<Item = &'a Prf> + Clone) -> Self {
        Self {
            precision: mean(each.clone().map(|p| p.precision)),
            recall: mean(each.clone().map(|p| p.recall)),
            f1: mean(each.map(|p| p.f1)),
        }
    }
}

/// One label's overall figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverallLabel {
    /// Exact matches, means over pairs.
    pub exact: MeanPrf,
    /// Overlap matches, means over pairs.
    pub overlap: MeanPrf,
    /// Mean over pairs of the label's κ.
    pub kappa: Option<f64>,
    /// α of the label against every other value, all parties together.
    pub alpha: Option<f64>,
}

/// Overall quote figures: means over pairs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverallQuotes {
    /// Mean speaker share.
    pub speaker: Option<f64>,
    /// Mean cue share.
    pub cue: Option<f64>,
    /// Mean kind share.
    pub kind: Option<f64>,
    /// Mean kind κ.
    pub kind_kappa: Option<f64>,
}

/// Overall claim figures: means over pairs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverallClaims {
    /// Mean check-worthiness share.
    pub checkworthy: Option<f64>,
    /// Mean check-worthiness κ.
    pub kappa: Option<f64>,
}

/// The overall figures of a layer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overall {
    /// Pairs of parties.
    pub pairs: usize,
    /// Exact matches, means over pairs.
    pub exact: MeanPrf,
    /// Overlap matches, means over pairs.
    pub overlap: MeanPrf,
    /// Mean over pairs of Cohen's κ (Light's κ).
    pub kappa: Option<f64>,
    /// Krippendorff's α over all parties together.
    pub alpha: Option<f64>,
    /// Per label (entities only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<Text, OverallLabel>>,
    /// On matched quotes (quotes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<OverallQuotes>,
    /// On matched claims (claims only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkworthy: Option<OverallClaims>,
}

/// The figures of one layer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LayerFigures {
    /// Per pair of parties.
    pub pairs: Vec<PairFigures>,
    /// Over all pairs or parties.
    pub overall: Overall,
}

/// Counts of one layer, ready for figures: per pair (named), the sums over all parties and
/// the labels used. Documents add up into the corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerTotals {
    /// Per pair of party names, in the order they are met.
    pub pairs: Vec<((Text, Text), PairCounts)>,
    /// α sums over all parties.
    pub alpha: AlphaSums,
    /// Per label, its disagreement against every other value, all parties.
    pub label_disagreement: BTreeMap<Text, Disagreement>,
    /// Labels used.
    pub labels: BTreeSet<Text>,
}

impl LayerTotals {
    /// The totals of one document's layer, whose parties are `parties`.
    pub fn of(counts: &LayerCounts, parties: &[Text]) -> Self {
        let names = super::document::pairs(parties.len())
            .map(|(i, j)| (parties[i].clone(), parties[j].clone()));
        Self {
            pairs: names.zip(counts.pairs.iter().cloned()).collect(),
            alpha: counts.alpha.clone(),
            label_disagreement: counts.label_disagreement.clone(),
            labels: counts.labels.clone(),
        }
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &LayerTotals) {
        for (names, counts) in &other.pairs {
            match self.pairs.iter_mut().find(|(n, _)| n == names) {
                Some((_, mine)) => add_pair(mine, counts),
                None => self.pairs.push((names.clone(), counts.clone())),
            }
        }
        self.alpha.add(&other.alpha);
        for (label, d) in &other.label_disagreement {
            self.label_disagreement
                .entry(label.clone())
                .or_default()
                .add(d);
        }
        self.labels.extend(other.labels.iter().cloned());
    }

    /// The figures of these counts.
    pub fn figures(&self, layer: Layer) -> LayerFigures {
        let pairs: Vec<PairFigures> = self
            .pairs
            .iter()
            .map(|((a, b), counts)| pair_figures(a, b, counts, layer, &self.labels))
            .collect();
        let labels = (layer == Layer::Entities).then(|| {
            self.labels
                .iter()
                .map(|label| {
                    let each = pairs
                        .iter()
                        .filter_map(|p| p.labels.as_ref().and_then(|l| l.get(label)));
                    let figures = OverallLabel {
                        exact: MeanPrf::of(each.clone().map(|l| &l.exact)),
                        overlap: MeanPrf::of(each.clone().map(|l| &l.overlap)),
                        kappa: mean(each.map(|l| l.kappa)),
                        alpha: self.label_alpha(label),
                    };
                    (label.clone(), figures)
                })
                .collect()
        });
        let quotes = (layer == Layer::Quotes).then(|| {
            let each = pairs.iter().filter_map(|p| p.quotes.as_ref());
            OverallQuotes {
                speaker: mean(each.clone().map(|q| q.speaker.share)),
                cue: mean(each.clone().map(|q| q.cue.share)),
                kind: mean(each.clone().map(|q| q.kind.share)),
                kind_kappa: mean(each.map(|q| q.kind_kappa)),
            }
        });
        let checkworthy = (layer == Layer::Claims).then(|| {
            let each = pairs.iter().filter_map(|p| p.checkworthy.as_ref());
            OverallClaims {
                checkworthy: mean(each.clone().map(|c| c.checkworthy.share)),
                kappa: mean(each.map(|c| c.kappa)),
            }
        });
        let overall = Overall {
            pairs: pairs.len(),
            exact: MeanPrf::of(pairs.iter().map(|p| &p.exact)),
            overlap: MeanPrf::of(pairs.iter().map(|p| &p.overlap)),
            kappa: mean(pairs.iter().map(|p| p.kappa)),
            alpha: self.alpha.alpha(),
            labels,
            quotes,
            checkworthy,
        };
        LayerFigures { pairs, overall }
    }

    /// α of `label` against every other value, all parties together.
    fn label_alpha(&self, label: &str) -> Option<f64> {
        let all: u64 = self.alpha.values.values().sum();
        let mine = self.alpha.values.get(label).copied().unwrap_or(0);
        let sums = AlphaSums {
            disagreement: self
                .label_disagreement
                .get(label)
                .cloned()
                .unwrap_or_default(),
            values: [(Text::from("1"), mine), (Text::from("0"), all - mine)]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .collect(),
        };
        sums.alpha()
    }
}

fn add_counts(into: &mut BTreeMap<Text, Counts>, other: &BTreeMap<Text, Counts>) {
    for (label, c) in other {
        into.entry(label.clone()).or_default().add(*c);
    }
}

fn add_pair(into: &mut PairCounts, other: &PairCounts) {
    add_counts(&mut into.exact, &other.exact);
    add_counts(&mut into.overlap, &other.overlap);
    add_confusion(&mut into.tokens, &other.tokens);
    add_confusion(&mut into.chars, &other.chars);
    if let Some(q) = &other.quotes {
        let mine = into.quotes.get_or_insert_with(QuoteCounts::default);
        mine.matched += q.matched;
        mine.speaker += q.speaker;
        mine.cue += q.cue;
        mine.kind += q.kind;
        add_confusion(&mut mine.kinds, &q.kinds);
    }
    if let Some(c) = &other.claims {
        let mine = into.claims.get_or_insert_with(ClaimCounts::default);
        mine.matched += c.matched;
        mine.checkworthy += c.checkworthy;
        add_confusion(&mut mine.values, &c.values);
    }
}

fn total(counts: &BTreeMap<Text, Counts>) -> Counts {
    let mut all = Counts::default();
    for c in counts.values() {
        all.add(*c);
    }
    all
}

fn pair_figures(
    a: &Text,
    b: &Text,
    counts: &PairCounts,
    layer: Layer,
    labels: &BTreeSet<Text>,
) -> PairFigures {
    let labels = (layer == Layer::Entities).then(|| {
        labels
            .iter()
            .map(|label| {
                let get = |m: &BTreeMap<Text, Counts>| m.get(label).copied().unwrap_or_default();
                let figures = LabelFigures {
                    exact: get(&counts.exact).into(),
                    overlap: get(&counts.overlap).into(),
                    kappa: kappa(&one_against_rest(&counts.tokens, label)),
                    alpha: AlphaSums::of_pair(&one_against_rest(&counts.chars, label)).alpha(),
                };
                (label.clone(), figures)
            })
            .collect()
    });
    PairFigures {
        a: a.clone(),
        b: b.clone(),
        exact: total(&counts.exact).into(),
        overlap: total(&counts.overlap).into(),
        tokens: counts.tokens.values().sum(),
        kappa: kappa(&counts.tokens),
        chars: counts.chars.values().sum(),
        alpha: AlphaSums::of_pair(&counts.chars).alpha(),
        labels,
        quotes: counts.quotes.as_ref().map(|q| QuoteFigures {
            matched: q.matched,
            speaker: Share::of(q.speaker, q.matched),
            cue: Share::of(q.cue, q.matched),
            kind: Share::of(q.kind, q.matched),
            kind_kappa: kappa(&q.kinds),
        }),
        checkworthy: counts.claims.as_ref().map(|c| ClaimFigures {
            matched: c.matched,
            checkworthy: Share::of(c.checkworthy, c.matched),
            kappa: kappa(&c.values),
        }),
    }
}

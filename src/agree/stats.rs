//! The formulas: span precision, recall and F1 from counts, Cohen's κ from a confusion table,
//! Krippendorff's α (nominal) from coincidence sums. Each figure is `None` where its formula
//! divides by zero.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Text;

/// The value of a unit no annotation covers (a token or a character outside every span).
pub const OUTSIDE: &str = "O";

/// How often the first party gave value `.0` where the second gave `.1`.
pub type Confusion = BTreeMap<(Text, Text), u64>;

/// Adds `other` into `into`.
pub fn add_confusion(into: &mut Confusion, other: &Confusion) {
    for (key, n) in other {
        *into.entry(key.clone()).or_default() += n;
    }
}

/// Matches between the annotations of two parties: `a` annotations of the first, `b` of the
/// second, `matched` pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Pairs matched.
    pub matched: u64,
    /// Annotations of the first party.
    pub a: u64,
    /// Annotations of the second party.
    pub b: u64,
}

impl Counts {
    /// Adds `other` into `self`.
    pub fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.a += other.a;
        self.b += other.b;
    }
}

/// Precision, recall and F1 of the second party against the first, with their counts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Prf {
    /// Pairs matched.
    pub matched: u64,
    /// Annotations of the first party (the reference).
    pub a: u64,
    /// Annotations of the second party.
    pub b: u64,
    /// `matched / b`.
    pub precision: Option<f64>,
    /// `matched / a`.
    pub recall: Option<f64>,
    /// `2 matched / (a + b)`.
    pub f1: Option<f64>,
}

/// `numerator / denominator`, `None` for a zero denominator.
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

impl From<Counts> for Prf {
    fn from(c: Counts) -> Self {
        let m = c.matched as f64;
        Prf {
            matched: c.matched,
            a: c.a,
            b: c.b,
            precision: ratio(m, c.b as f64),
            recall: ratio(m, c.a as f64),
            f1: ratio(2.0 * m, (c.a + c.b) as f64),
        }
    }
}

/// Cohen's κ of a confusion table: `1 - (N - agreed) / (N - Σ_c rows_c cols_c / N)`, the form
/// scikit-learn's `cohen_kappa_score` computes. `None` for an empty table or when chance
/// agreement is certain (both parties used one and the same value throughout).
pub fn kappa(table: &Confusion) -> Option<f64> {
    let mut rows: BTreeMap<&str, u64> = BTreeMap::new();
    let mut cols: BTreeMap<&str, u64> = BTreeMap::new();
    let (mut total, mut agreed) = (0u64, 0u64);
    for ((a, b), &n) in table {
        *rows.entry(a).or_default() += n;
        *cols.entry(b).or_default() += n;
        total += n;
        if a == b {
            agreed += n;
        }
    }
    let total = total as f64;
    let chance: f64 = rows
        .iter()
        .map(|(value, &r)| r as f64 * cols.get(value).copied().unwrap_or(0) as f64)
        .sum::<f64>();
    let expected_disagreement = total - ratio(chance, total)?;
    ratio(total - agreed as f64, expected_disagreement).map(|k| 1.0 - k)
}

/// The two-value table of `label` against every other value, from a confusion table.
pub fn one_against_rest(table: &Confusion, label: &str) -> Confusion {
    let mut binary = Confusion::new();
    let side = |value: &str| Text::from(if value == label { "1" } else { "0" });
    for ((a, b), &n) in table {
        *binary.entry((side(a), side(b))).or_default() += n;
    }
    binary
}

/// The observed disagreement of Krippendorff's α, `Σ_u (m_u² - Σ_c n_uc²) / (m_u - 1)` over
/// units with `m_u ≥ 2` values, `n_uc` of them `c`: kept as exact integer sums per `m_u`, so
/// that sums over documents are the same in any order; divided only by [`Self::value`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Disagreement(BTreeMap<u64, u64>);

impl Disagreement {
    /// Adds `amount` (`Σ (m² - Σ_c n_uc²)` over some units) for units of `m` values.
    pub fn add_units(&mut self, m: u64, amount: u64) {
        if m >= 2 && amount > 0 {
            *self.0.entry(m).or_default() += amount;
        }
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &Disagreement) {
        for (&m, &amount) in &other.0 {
            self.add_units(m, amount);
        }
    }

    /// The disagreement, `Σ_m amount_m / (m - 1)`.
    pub fn value(&self) -> f64 {
        self.0
            .iter()
            .map(|(&m, &amount)| amount as f64 / (m - 1) as f64)
            .sum()
    }
}

/// What Krippendorff's α (nominal) needs, summed over units: the observed disagreement and
/// the pairable values of each value, `n_c` (units with fewer than two values left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlphaSums {
    /// Observed coincidences of different values.
    pub disagreement: Disagreement,
    /// Pairable values per value, `n_c`.
    pub values: BTreeMap<Text, u64>,
}

impl AlphaSums {
    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &AlphaSums) {
        self.disagreement.add(&other.disagreement);
        for (value, n) in &other.values {
            *self.values.entry(value.clone()).or_default() += n;
        }
    }

    /// α = `1 - (n - 1) D_o / (n² - Σ_c n_c²)`, with `n = Σ_c n_c`: the `krippendorff`
    /// package's `1 - Σ o·d / Σ e·d` for the nominal distance. `None` when fewer than two
    /// values are pairable, or all pairable values are one value.
    pub fn alpha(&self) -> Option<f64> {
        let n: f64 = self.values.values().map(|&v| v as f64).sum();
        let squares: f64 = self.values.values().map(|&v| (v as f64) * (v as f64)).sum();
        ratio((n - 1.0) * self.disagreement.value(), n * n - squares).map(|d| 1.0 - d)
    }

    /// The sums of two parties that both gave a value to every unit, from their confusion
    /// table: each unit where they differ adds `2² - 1 - 1 = 2`.
    pub fn of_pair(table: &Confusion) -> AlphaSums {
        let mut sums = AlphaSums::default();
        for ((a, b), &n) in table {
            *sums.values.entry(a.clone()).or_default() += n;
            *sums.values.entry(b.clone()).or_default() += n;
            if a != b {
                sums.disagreement.add_units(2, 2 * n);
            }
        }
        sums
    }
}

/// The mean of the values that are defined; `None` when none is.
pub fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, count) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    ratio(sum, count as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: &[(&str, &str, u64)]) -> Confusion {
        cells
            .iter()
            .map(|&(a, b, n)| ((Text::from(a), Text::from(b)), n))
            .collect()
    }

    #[test]
    fn kappa_of_a_textbook_table() {
        // 50 items: both yes 20, both no 15, yes/no 5, no/yes 10: p_o = 0.7, p_e = 0.5.
        let t = table(&[
            ("y", "y", 20),
            ("y", "n", 5),
            ("n", "y", 10),
            ("n", "n", 15),
        ]);
        assert!((kappa(&t).unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(kappa(&table(&[("O", "O", 7)])), None);
        assert_eq!(kappa(&Confusion::new()), None);
        assert_eq!(kappa(&table(&[("a", "a", 3), ("b", "b", 4)])), Some(1.0));
    }

    #[test]
    fn one_against_rest_folds_the_other_values() {
        let t = table(&[("PER", "PER", 2), ("PER", "LOC", 1), ("LOC", "O", 3)]);
        let b = one_against_rest(&t, "PER");
        assert_eq!(b, table(&[("1", "1", 2), ("1", "0", 1), ("0", "0", 3)]));
    }

    /// Krippendorff's own example (Krippendorff 2011, "Computing Krippendorff's alpha"), as
    /// the `krippendorff` package's doctest gives it: nominal α = 0.691358 for three coders.
    #[test]
    fn alpha_of_krippendorffs_example() {
        let data: [[Option<u8>; 15]; 3] = {
            let n = None;
            [
                [
                    n,
                    n,
                    n,
                    n,
                    n,
                    Some(3),
                    Some(4),
                    Some(1),
                    Some(2),
                    Some(1),
                    Some(1),
                    Some(3),
                    Some(3),
                    n,
                    Some(3),
                ],
                [
                    Some(1),
                    n,
                    Some(2),
                    Some(1),
                    Some(3),
                    Some(3),
                    Some(4),
                    Some(3),
                    n,
                    n,
                    n,
                    n,
                    n,
                    n,
                    n,
                ],
                [
                    n,
                    n,
                    Some(2),
                    Some(1),
                    Some(3),
                    Some(4),
                    Some(4),
                    n,
                    Some(2),
                    Some(1),
                    Some(1),
                    Some(3),
                    Some(3),
                    n,
                    Some(4),
                ],
            ]
        };
        let mut sums = AlphaSums::default();
        for u in 0..15 {
            let values: Vec<u8> = data.iter().filter_map(|row| row[u]).collect();
            let m = values.len() as u64;
            if m < 2 {
                continue;
            }
            let mut counts: BTreeMap<u8, u64> = BTreeMap::new();
            for v in values {
                *counts.entry(v).or_default() += 1;
            }
            let squares: u64 = counts.values().map(|&c| c * c).sum();
            sums.disagreement.add_units(m, m * m - squares);
            for (v, c) in counts {
                *sums.values.entry(Text::from(v.to_string())).or_default() += c;
            }
        }
        assert!((sums.alpha().unwrap() - 0.691358).abs() < 1e-6);
    }

    #[test]
    fn alpha_of_a_pair_from_its_table() {
        let t = table(&[
            ("y", "y", 20),
            ("y", "n", 5),
            ("n", "y", 10),
            ("n", "n", 15),
        ]);
        let sums = AlphaSums::of_pair(&t);
        // n = 100, n_y = 55, n_n = 45, D_o = 30: α = 1 - 99·30 / (10000 - 3025 - 2025).
        assert!((sums.alpha().unwrap() - (1.0 - 99.0 * 30.0 / 4950.0)).abs() < 1e-12);
        assert_eq!(AlphaSums::of_pair(&table(&[("O", "O", 9)])).alpha(), None);
    }

    #[test]
    fn prf_and_means() {
        let p = Prf::from(Counts {
            matched: 3,
            a: 4,
            b: 6,
        });
        assert_eq!(
            (p.precision, p.recall, p.f1),
            (Some(0.5), Some(0.75), Some(0.6))
        );
        let none = Prf::from(Counts::default());
        assert_eq!((none.precision, none.recall, none.f1), (None, None, None));
        assert_eq!(mean([Some(1.0), None, Some(0.5)]), Some(0.75));
        assert_eq!(mean([None]), None);
    }
}

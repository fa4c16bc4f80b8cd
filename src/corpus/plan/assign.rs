//! Drawing a plan: every article given `overlap` distinct annotators, each annotator about as
//! many articles as every other (at most one apart), pairs of annotators sharing articles as
//! evenly as the loads allow, the same plan for the same seed.
//!
//! The articles are taken in an order shuffled by the seed; each is given, one by one, the
//! annotator with the fewest articles so far, then among those the one who shares the fewest
//! articles with the annotators it already has, then one drawn by the seed. Taking the least
//! loaded first keeps every load within one of the others after each article.

use super::Plan;
use crate::store::Annotator;

/// Why no plan can be drawn.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AssignError {
    /// No annotator was given.
    #[error("no annotators: give them as --annotators a,b,c")]
    NoAnnotators,
    /// An annotator was given twice.
    #[error("{0:?} is given twice in --annotators")]
    Twice(String),
    /// The overlap cannot be met: 0, or more than there are annotators.
    #[error(
        "an overlap of {overlap} cannot be met with {annotators} annotator(s): each article needs 1 to {annotators} distinct annotators"
    )]
    Overlap {
        /// The overlap asked for.
        overlap: usize,
        /// The annotators given.
        annotators: usize,
    },
    /// There is no article to give.
    #[error("no articles to assign")]
    NoArticles,
}

/// The plan giving each of `articles` (paths relative to the folder) to `overlap` of
/// `annotators`, drawn with `seed`.
pub fn assign(
    articles: &[String],
    annotators: &[Annotator],
    overlap: usize,
    seed: u64,
) -> Result<Plan, AssignError> {
    if annotators.is_empty() {
        return Err(AssignError::NoAnnotators);
    }
    for (i, a) in annotators.iter().enumerate() {
        if annotators[..i].contains(a) {
            return Err(AssignError::Twice(a.to_string()));
        }
    }
    let k = annotators.len();
    if overlap == 0 || overlap > k {
        return Err(AssignError::Overlap {
            overlap,
            annotators: k,
        });
    }
    if articles.is_empty() {
        return Err(AssignError::NoArticles);
    }
    let mut draw = SplitMix(seed);
    let mut order: Vec<usize> = (0..articles.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, draw.below(i + 1));
    }
    let mut load = vec![0usize; k];
    let mut shared = vec![vec![0usize; k]; k];
    let mut given = vec![Vec::new(); articles.len()];
    for &article in &order {
        let mut chosen: Vec<usize> = Vec::with_capacity(overlap);
        for _ in 0..overlap {
            let pick = (0..k)
                .filter(|i| !chosen.contains(i))
                .map(|i| {
                    let together: usize = chosen.iter().map(|&c| shared[i][c]).sum();
                    ((load[i], together, draw.next()), i)
                })
                .min()
                .map(|(_, i)| i)
                .expect("overlap ≤ annotators leaves a candidate");
            for &c in &chosen {
                shared[pick][c] += 1;
                shared[c][pick] += 1;
            }
            load[pick] += 1;
            chosen.push(pick);
        }
        let mut names: Vec<Annotator> = chosen.iter().map(|&i| annotators[i].clone()).collect();
        names.sort();
        given[article] = names;
    }
    Ok(Plan {
        seed,
        overlap,
        annotators: annotators.to_vec(),
        articles: articles.iter().cloned().zip(given).collect(),
    })
}

/// SplitMix64: a small generator whose whole state is one number, so a seed gives one
/// sequence on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (> 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

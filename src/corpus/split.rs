//! `--split 80,10,10 --seed N`: a corpus cut into train, dev and test by document,
//! deterministically and stratified by label.
//!
//! The documents are put in the order of a hash of the seed and their id (so the split depends
//! on the ids and the seed, never on the order the documents were found in nor on thread
//! timing), then placed in three passes:
//!
//! 1. **Cover**: label by label, rarest first (ties by name), the documents holding a label that
//!    is in at least as many documents as there are parts with a non-zero share go, in hash
//!    order, each to a part still lacking that label (the one furthest below its size). A label
//!    seen in three documents thus reaches each of train, dev and test.
//! 2. **Fill**: every other document, in hash order, goes to the part furthest below its size.
//! 3. **Repair**: a label a part still lacks (its documents were all placed earlier for rarer
//!    labels) is brought there by moving one of its documents from a part that holds the label
//!    twice or more, when that move takes no other label away from its last document in that
//!    part; a document of the receiving part that can go without taking a label away goes the
//!    other way, so the sizes stay.
//!
//! Sizes are the shares of the document count rounded by largest remainder, at least one
//! document for each part with a non-zero share when there are enough documents. Covering a
//! label comes before the exact sizes: on a small corpus a part may get a document or two more
//! than its share.
//!
//! When each document holds one label (or none), every label in at least three documents ends
//! up in all three parts (with shares all non-zero). With several labels per document that is
//! not always possible (four documents, each triple of them sharing a label, cannot be cut in
//! three parts all holding every label); when the three passes leave a part without a label, a
//! depth-first search over the documents holding such labels (at most [`SEARCH_BUDGET`]
//! placements tried) looks for a placement that covers them all, and is used when found.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// One of the three parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// Training data.
    Train,
    /// Development (validation) data.
    Dev,
    /// Test data.
    Test,
}

impl Part {
    /// The three parts, in the order of `--split`'s numbers.
    pub const ALL: [Part; 3] = [Part::Train, Part::Dev, Part::Test];

    /// `train`, `dev`, `test`: the name of the part's file or folder.
    pub fn name(self) -> &'static str {
        match self {
            Part::Train => "train",
            Part::Dev => "dev",
            Part::Test => "test",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The shares of train, dev and test, in percent, summing to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shares([u32; 3]);

/// A `--split` argument that is not three whole percentages summing to 100.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "--split {given:?}: {why} (expected three whole percentages for train, dev and test that sum to 100, e.g. 80,10,10)"
)]
pub struct BadShares {
    /// The argument.
    pub given: String,
    /// What is wrong with it.
    pub why: String,
}

impl Shares {
    /// The shares `train`, `dev`, `test`, or `None` unless they sum to 100.
    pub fn new(train: u32, dev: u32, test: u32) -> Option<Self> {
        (train.checked_add(dev)?.checked_add(test)? == 100).then_some(Self([train, dev, test]))
    }

    /// The share of `part`, in percent.
    pub fn of(self, part: Part) -> u32 {
        self.0[part.index()]
    }

    /// How many of `n` documents each part should get: the shares rounded by largest
    /// remainder (ties to the earlier part), then at least one for each part with a non-zero
    /// share, taken from the largest part, while there are enough documents.
    pub fn sizes(self, n: usize) -> [usize; 3] {
        let exact: Vec<u128> = self.0.iter().map(|&s| n as u128 * u128::from(s)).collect();
        let mut sizes = [0usize; 3];
        for i in 0..3 {
            sizes[i] = (exact[i] / 100) as usize;
        }
        let mut order = [0usize, 1, 2];
        order.sort_by_key(|&i| (std::cmp::Reverse(exact[i] % 100), i));
        let mut left = n - sizes.iter().sum::<usize>();
        for &i in order.iter().cycle() {
            if left == 0 {
                break;
            }
            if self.0[i] > 0 {
                sizes[i] += 1;
                left -= 1;
            }
        }
        let positive = self.0.iter().filter(|&&s| s > 0).count();
        if n >= positive {
            while let Some(empty) = (0..3).find(|&i| self.0[i] > 0 && sizes[i] == 0) {
                let largest = (0..3).max_by_key(|&i| (sizes[i], 3 - i)).unwrap_or(0);
                sizes[largest] -= 1;
                sizes[empty] += 1;
            }
        }
        sizes
    }
}

impl FromStr for Shares {
    type Err = BadShares;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: String| BadShares {
            given: s.to_owned(),
            why,
        };
        let numbers = s
            .split(',')
            .map(|n| n.trim().parse::<u32>())
            .collect::<Result<Vec<u32>, _>>()
            .map_err(|_| bad("not whole numbers".into()))?;
        let [train, dev, test] = numbers[..] else {
            return Err(bad(format!("{} numbers given", numbers.len())));
        };
        Shares::new(train, dev, test).ok_or_else(|| {
            bad(format!(
                "they sum to {}",
                u64::from(train) + u64::from(dev) + u64::from(test)
            ))
        })
    }
}

impl fmt::Display for Shares {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{}", self.0[0], self.0[1], self.0[2])
    }
}

/// The place of each of `docs` (its id and the labels it holds), in the order given.
///
/// The result depends only on the set of (id, labels) pairs, `shares` and `seed`: the same
/// documents in another order get the same parts.
pub fn assign<S: AsRef<str>>(docs: &[(S, Vec<S>)], shares: Shares, seed: u64) -> Vec<Part> {
    let n = docs.len();
    let mut order: Vec<usize> = (0..n).collect();
    let keys: Vec<[u8; 8]> = docs.iter().map(|(id, _)| key(seed, id.as_ref())).collect();
    order.sort_by(|&a, &b| {
        (
            keys[a],
            docs[a].0.as_ref(),
            &docs[a].1.iter().map(AsRef::as_ref).collect::<Vec<_>>(),
        )
            .cmp(&(
                keys[b],
                docs[b].0.as_ref(),
                &docs[b].1.iter().map(AsRef::as_ref).collect(),
            ))
    });
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, labels) in docs {
        for l in labels {
            let next = names.len();
            names.entry(l.as_ref()).or_insert(next);
        }
    }
    // Labels as numbers, each document's sorted and unique.
    let doc_labels: Vec<Vec<usize>> = docs
        .iter()
        .map(|(_, labels)| {
            let mut ls: Vec<usize> = labels.iter().map(|l| names[l.as_ref()]).collect();
            ls.sort_unstable();
            ls.dedup();
            ls
        })
        .collect();
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for &d in &order {
        for &l in &doc_labels[d] {
            holders[l].push(d);
        }
    }
    let positive: Vec<usize> = (0..3).filter(|&p| shares.0[p] > 0).collect();
    let mut rarity: Vec<(usize, &str, usize)> = names
        .iter()
        .map(|(name, &l)| (holders[l].len(), *name, l))
        .filter(|(count, _, _)| *count >= positive.len())
        .collect();
    rarity.sort();
    let covered: Vec<usize> = rarity.iter().map(|(_, _, l)| *l).collect();
    let mut state = State {
        sizes: shares.sizes(n),
        filled: [0; 3],
        part: vec![None; n],
        counts: vec![[0; 3]; names.len()],
        doc_labels: &doc_labels,
    };
    for &l in &covered {
        for &d in &holders[l] {
            if state.part[d].is_some() {
                continue;
            }
            let lacking: Vec<usize> = positive
                .iter()
                .copied()
                .filter(|&p| state.counts[l][p] == 0)
                .collect();
            let Some(p) = state.emptiest(&lacking) else {
                break;
            };
            state.place(d, p);
        }
    }
    for &d in &order {
        if state.part[d].is_none() {
            let p = state.emptiest(&positive).unwrap_or(0);
            state.place(d, p);
        }
    }
    state.repair(&covered, &holders, &positive, &order);
    if state.lacks(&covered, &positive) {
        let mut fresh = State {
            sizes: state.sizes,
            filled: [0; 3],
            part: vec![None; n],
            counts: vec![[0; 3]; names.len()],
            doc_labels: &doc_labels,
        };
        let mut is_covered = vec![false; names.len()];
        for &l in &covered {
            is_covered[l] = true;
        }
        let list: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&d| doc_labels[d].iter().any(|&l| is_covered[l]))
            .collect();
        let mut left = vec![0usize; names.len()];
        for &d in &list {
            for &l in &doc_labels[d] {
                left[l] += 1;
            }
        }
        let mut search = Search {
            list: &list,
            is_covered: &is_covered,
            positive: &positive,
            left,
            budget: SEARCH_BUDGET,
        };
        if search.run(&mut fresh, 0) {
            for &d in &order {
                if fresh.part[d].is_none() {
                    let p = fresh.emptiest(&positive).unwrap_or(0);
                    fresh.place(d, p);
                }
            }
            state = fresh;
        }
    }
    state
        .part
        .into_iter()
        .map(|p| Part::ALL[p.unwrap_or(0)])
        .collect()
}

/// The first 8 bytes of SHA-256 of the seed (little-endian) and the id.
fn key(seed: u64, id: &str) -> [u8; 8] {
    let mut hasher = Sha256::new();
    hasher.update(seed.to_le_bytes());
    hasher.update(id.as_bytes());
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    first
}

struct State<'a> {
    sizes: [usize; 3],
    filled: [usize; 3],
    part: Vec<Option<usize>>,
    /// Per label, per part: how many documents holding it.
    counts: Vec<[usize; 3]>,
    doc_labels: &'a [Vec<usize>],
}

impl State<'_> {
    /// Of `parts`, the one furthest below its size (the earliest on a tie).
    fn emptiest(&self, parts: &[usize]) -> Option<usize> {
        parts.iter().copied().max_by_key(|&p| {
            (
                self.sizes[p] as i64 - self.filled[p] as i64,
                std::cmp::Reverse(p),
            )
        })
    }

    fn place(&mut self, d: usize, p: usize) {
        if let Some(old) = self.part[d] {
            self.filled[old] -= 1;
            for &l in &self.doc_labels[d] {
                self.counts[l][old] -= 1;
            }
        }
        self.part[d] = Some(p);
        self.filled[p] += 1;
        for &l in &self.doc_labels[d] {
            self.counts[l][p] += 1;
        }
    }

    fn unplace(&mut self, d: usize) {
        if let Some(old) = self.part[d].take() {
            self.filled[old] -= 1;
            for &l in &self.doc_labels[d] {
                self.counts[l][old] -= 1;
            }
        }
    }

    /// True when moving `d` out of its part leaves every covered label of it still there.
    fn can_leave(&self, d: usize, covered: &[bool]) -> bool {
        let Some(from) = self.part[d] else {
            return true;
        };
        self.doc_labels[d]
            .iter()
            .all(|&l| !covered[l] || self.counts[l][from] >= 2)
    }

    /// True when a covered label is missing from a part with a non-zero share.
    fn lacks(&self, covered: &[usize], positive: &[usize]) -> bool {
        covered
            .iter()
            .any(|&l| positive.iter().any(|&p| self.counts[l][p] == 0))
    }

    fn repair(
        &mut self,
        covered: &[usize],
        holders: &[Vec<usize>],
        positive: &[usize],
        order: &[usize],
    ) {
        let mut is_covered = vec![false; self.counts.len()];
        for &l in covered {
            is_covered[l] = true;
        }
        // Each move adds a (label, part) pair and takes none away, so this ends.
        'again: loop {
            for &l in covered {
                for &p in positive {
                    if self.counts[l][p] > 0 {
                        continue;
                    }
                    let Some(&d) = holders[l].iter().find(|&&d| {
                        self.part[d] != Some(p)
                            && self.counts[l][self.part[d].unwrap_or(p)] >= 2
                            && self.can_leave(d, &is_covered)
                    }) else {
                        continue;
                    };
                    let from = self.part[d].unwrap_or(p);
                    self.place(d, p);
                    if let Some(&e) = order.iter().find(|&&e| {
                        e != d && self.part[e] == Some(p) && self.can_leave(e, &is_covered)
                    }) {
                        self.place(e, from);
                    }
                    continue 'again;
                }
            }
            break;
        }
    }
}

/// How many placements the exact search may try before the greedy result is kept.
pub const SEARCH_BUDGET: usize = 200_000;

/// A depth-first search for a placement of the documents holding covered labels in which every
/// covered label is in every part; parts are tried emptiest first, so sizes stay near their
/// shares.
struct Search<'a> {
    list: &'a [usize],
    is_covered: &'a [bool],
    positive: &'a [usize],
    /// Per label: its documents of `list` not placed yet.
    left: Vec<usize>,
    budget: usize,
}

impl Search<'_> {
    fn run(&mut self, state: &mut State<'_>, i: usize) -> bool {
        let Some(&d) = self.list.get(i) else {
            return true;
        };
        let labels = &state.doc_labels[d];
        for &l in labels {
            self.left[l] -= 1;
        }
        let mut parts = self.positive.to_vec();
        parts.sort_by_key(|&p| {
            (
                std::cmp::Reverse(state.sizes[p] as i64 - state.filled[p] as i64),
                p,
            )
        });
        for p in parts {
            if self.budget == 0 {
                break;
            }
            self.budget -= 1;
            state.place(d, p);
            let possible = labels.iter().all(|&l| {
                !self.is_covered[l]
                    || self
                        .positive
                        .iter()
                        .filter(|&&q| state.counts[l][q] == 0)
                        .count()
                        <= self.left[l]
            });
            if possible && self.run(state, i + 1) {
                return true;
            }
            state.unplace(d);
        }
        for &l in labels {
            self.left[l] += 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn corpus(labels: &[&[&str]]) -> Vec<(String, Vec<String>)> {
        labels
            .iter()
            .enumerate()
            .map(|(i, ls)| {
                (
                    format!("doc{i:03}"),
                    ls.iter().map(|l| l.to_string()).collect(),
                )
            })
            .collect()
    }

    fn shares() -> Shares {
        "80,10,10".parse().unwrap()
    }

    #[test]
    fn shares_must_be_three_numbers_summing_to_100() {
        assert_eq!(shares(), Shares::new(80, 10, 10).unwrap());
        assert_eq!(shares().to_string(), "80,10,10");
        for bad in [
            "80,10",
            "80,10,5",
            "80,10,20",
            "a,b,c",
            "80,10,10,0",
            "",
            "-10,100,10",
        ] {
            let err = bad.parse::<Shares>().unwrap_err();
            assert!(err.to_string().contains("sum to 100"), "{bad}: {err}");
        }
        assert!(
            "90,10,5"
                .parse::<Shares>()
                .unwrap_err()
                .to_string()
                .contains("they sum to 105")
        );
    }

    #[test]
    fn sizes_follow_the_shares_with_one_document_at_least() {
        assert_eq!(shares().sizes(100), [80, 10, 10]);
        assert_eq!(shares().sizes(10), [8, 1, 1]);
        assert_eq!(shares().sizes(3), [1, 1, 1]);
        assert_eq!(shares().sizes(2), [2, 0, 0]);
        assert_eq!(shares().sizes(0), [0, 0, 0]);
        assert_eq!(Shares::new(100, 0, 0).unwrap().sizes(5), [5, 0, 0]);
        assert_eq!(Shares::new(50, 0, 50).unwrap().sizes(3), [2, 0, 1]);
        for n in 0..200 {
            assert_eq!(shares().sizes(n).iter().sum::<usize>(), n);
        }
    }

    #[test]
    fn a_label_in_three_documents_reaches_every_part() {
        let mut docs: Vec<&[&str]> = vec![&[]; 30];
        docs[3] = &["RARE"];
        docs[17] = &["RARE", "PER"];
        docs[25] = &["RARE"];
        let docs = corpus(&docs);
        let parts = assign(&docs, shares(), 7);
        let rare: Vec<Part> = [3, 17, 25].iter().map(|&i| parts[i]).collect();
        for p in Part::ALL {
            assert!(rare.contains(&p), "{p} lacks RARE: {rare:?}");
        }
        assert_eq!(parts.iter().filter(|&&p| p == Part::Train).count(), 24);
    }

    #[test]
    fn another_seed_gives_another_split() {
        let docs = corpus(&vec![&[][..]; 50]);
        assert_ne!(assign(&docs, shares(), 1), assign(&docs, shares(), 2));
        assert_eq!(assign(&docs, shares(), 1), assign(&docs, shares(), 1));
    }

    fn arb_corpus(
        max_labels: usize,
        max_docs: usize,
    ) -> impl Strategy<Value = Vec<(String, Vec<String>)>> {
        prop::collection::vec(
            prop::collection::vec(
                prop::sample::select(vec!["PER", "ORG", "LOC", "QUOTE", "CLAIM", "X"]),
                0..=max_labels,
            ),
            0..max_docs,
        )
        .prop_map(|docs| {
            docs.into_iter()
                .enumerate()
                .map(|(i, ls)| (format!("d/{i}"), ls.into_iter().map(String::from).collect()))
                .collect()
        })
    }

    fn check_common(docs: &[(String, Vec<String>)], seed: u64, shuffle: u64) -> Vec<Part> {
        let parts = assign(docs, shares(), seed);
        assert_eq!(
            parts.len(),
            docs.len(),
            "every document in exactly one part"
        );
        // Another order of the same documents: the same part for each id.
        let mut shuffled: Vec<usize> = (0..docs.len()).collect();
        shuffled.sort_by_key(|&i| key(shuffle, &docs[i].0));
        let other: Vec<(String, Vec<String>)> = shuffled.iter().map(|&i| docs[i].clone()).collect();
        let other_parts = assign(&other, shares(), seed);
        let by_id: HashMap<&str, Part> = other
            .iter()
            .zip(&other_parts)
            .map(|((id, _), p)| (id.as_str(), *p))
            .collect();
        for ((id, _), p) in docs.iter().zip(&parts) {
            assert_eq!(by_id[id.as_str()], *p, "{id}");
        }
        parts
    }

    fn lacking(docs: &[(String, Vec<String>)], parts: &[Part]) -> Vec<(String, Part)> {
        let mut holders: BTreeMap<&str, (usize, Vec<Part>)> = BTreeMap::new();
        for ((_, labels), p) in docs.iter().zip(parts) {
            let mut labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            labels.sort_unstable();
            labels.dedup();
            for l in labels {
                let entry = holders.entry(l).or_default();
                entry.0 += 1;
                entry.1.push(*p);
            }
        }
        let mut missing = Vec::new();
        for (label, (count, ps)) in holders {
            for p in Part::ALL {
                if count >= 3 && !ps.contains(&p) {
                    missing.push((label.to_owned(), p));
                }
            }
        }
        missing
    }

    /// Whether some placement (of 3^n) puts every label of three documents or more in every
    /// part.
    fn feasible(docs: &[(String, Vec<String>)]) -> bool {
        let n = docs.len();
        (0..3usize.pow(n as u32)).any(|mut code| {
            let parts: Vec<Part> = (0..n)
                .map(|_| {
                    let p = Part::ALL[code % 3];
                    code /= 3;
                    p
                })
                .collect();
            lacking(docs, &parts).is_empty()
        })
    }

    #[test]
    fn three_labels_shared_around_a_ring_are_found() {
        let docs = corpus(&[
            &[],
            &["ORG", "PER"],
            &["ORG"],
            &["X"],
            &["PER"],
            &["PER", "X"],
            &["X", "ORG"],
        ]);
        let parts = assign(&docs, shares(), 2958493658415715778);
        assert_eq!(lacking(&docs, &parts), Vec::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn one_label_per_document_reaches_every_part(docs in arb_corpus(1, 60), seed in any::<u64>(), shuffle in any::<u64>()) {
            let parts = check_common(&docs, seed, shuffle);
            prop_assert_eq!(lacking(&docs, &parts), Vec::<(String, Part)>::new());
        }

        #[test]
        fn several_labels_per_document_reach_every_part_where_they_can(docs in arb_corpus(3, 10), seed in any::<u64>(), shuffle in any::<u64>()) {
            let parts = check_common(&docs, seed, shuffle);
            if docs.len() <= 9 && feasible(&docs) {
                prop_assert_eq!(lacking(&docs, &parts), Vec::<(String, Part)>::new());
            }
        }
    }
}

//! `--shard K/N`: the K-th of N disjoint, stable parts of a corpus, so that a batch system can
//! spread the work on a very large corpus over many machines.
//!
//! An article belongs to shard `1 + h mod N`, where `h` is the first 8 bytes (big-endian) of
//! the SHA-256 of its path relative to the corpus root, written with `/` between folders (for
//! a single article given as PATH: its file name). The part an article falls in depends only
//! on that path and N: adding or removing an article moves no other, and the shards of one N
//! are disjoint and together the whole corpus.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// One part of a corpus: the `index`-th (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shard {
    index: u64,
    count: u64,
}

/// A `--shard` argument that is not `K/N` with 1 ≤ K ≤ N.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--shard {given:?}: {why} (expected K/N with 1 <= K <= N, e.g. 3/8)")]
pub struct BadShard {
    /// The argument.
    pub given: String,
    /// What is wrong with it.
    pub why: &'static str,
}

impl Shard {
    /// The `index`-th (1-based) of `count` shards, or `None` unless 1 ≤ index ≤ count.
    pub fn new(index: u64, count: u64) -> Option<Self> {
        (1..=count)
            .contains(&index)
            .then_some(Self { index, count })
    }

    /// K, 1-based.
    pub fn index(self) -> u64 {
        self.index
    }

    /// N.
    pub fn count(self) -> u64 {
        self.count
    }

    /// The shard (1-based) of the article whose path relative to the corpus root is `relative`
    /// (`/`-separated), among `count`.
    pub fn of_relative(relative: &str, count: u64) -> u64 {
        let digest = Sha256::digest(relative.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        1 + u64::from_be_bytes(first) % count.max(1)
    }

    /// True when `relative` (a `/`-separated path below the corpus root) is in this shard.
    pub fn holds_relative(self, relative: &str) -> bool {
        Self::of_relative(relative, self.count) == self.index
    }

    /// True when `path`, found under `root`, is in this shard. When `root` is the file itself
    /// (a single article), its file name stands for it.
    pub fn holds(self, root: &Path, path: &Path) -> bool {
        self.holds_relative(&relative(root, path))
    }
}

/// `path` relative to `root`, `/`-separated; a path not below `root` (or `root` itself) is
/// named by its file name.
pub fn relative(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

impl FromStr for Shard {
    type Err = BadShard;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why| BadShard {
            given: s.to_owned(),
            why,
        };
        let (k, n) = s.trim().split_once('/').ok_or_else(|| bad("no `/`"))?;
        let k: u64 = k.trim().parse().map_err(|_| bad("K is not a number"))?;
        let n: u64 = n.trim().parse().map_err(|_| bad("N is not a number"))?;
        if n == 0 {
            return Err(bad("N must be at least 1"));
        }
        Shard::new(k, n).ok_or_else(|| bad("K must be between 1 and N"))
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    // Computed apart, with Python's hashlib.
    const FIXED: [u64; 3] = [630, 982, 946];

    #[test]
    fn parses_k_of_n_and_refuses_the_rest() {
        assert_eq!("3/8".parse::<Shard>(), Ok(Shard::new(3, 8).unwrap()));
        assert_eq!(" 1 / 1 ".parse::<Shard>().unwrap().to_string(), "1/1");
        for bad in ["0/4", "5/4", "1/0", "1", "a/2", "1/b", "-1/2", ""] {
            let err = bad.parse::<Shard>().unwrap_err();
            assert!(err.to_string().contains("K/N"), "{bad}: {err}");
        }
    }

    #[test]
    fn every_path_is_in_exactly_one_shard_and_stays_there() {
        let names: Vec<String> = (0..500).map(|i| format!("news/{i:04}.txt")).collect();
        for n in [1, 2, 3, 7] {
            let mut sizes = vec![0; n as usize];
            for name in &names {
                let holders: Vec<u64> = (1..=n)
                    .filter(|&k| Shard::new(k, n).unwrap().holds_relative(name))
                    .collect();
                assert_eq!(holders.len(), 1, "{name} in {holders:?} of {n}");
                sizes[holders[0] as usize - 1] += 1;
            }
            assert!(sizes.iter().all(|&s| s > 0), "{n}: {sizes:?}");
        }
        // Fixed values: the shard of a path never changes between versions or machines.
        let fixed: Vec<u64> = ["a.txt", "news/0001.txt", "x/y/z.txt"]
            .iter()
            .map(|p| Shard::of_relative(p, 1000))
            .collect();
        assert_eq!(fixed, FIXED);
    }

    #[test]
    fn relative_paths_use_slashes_and_a_lone_file_its_name() {
        let root = PathBuf::from("/corpus");
        assert_eq!(relative(&root, Path::new("/corpus/a/b.txt")), "a/b.txt");
        assert_eq!(
            relative(Path::new("/corpus/b.txt"), Path::new("/corpus/b.txt")),
            "b.txt"
        );
    }
}

//! The files `tandai suggest` reads, which no side file may replace: the predictions file (or
//! every `.ann` and `.txt` of the brat folder) and the articles. Compared by identity (device
//! and inode, links followed), which catches a path spelt otherwise, a symbolic link and a hard
//! link, at one `stat` a file.

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The identities of the inputs.
pub struct Inputs(HashSet<(u64, u64)>);

fn identity(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

impl Inputs {
    /// The predictions `file` (a folder: its `.ann` and `.txt` files) and the `articles`.
    pub fn gather(file: &Path, articles: &[PathBuf]) -> Self {
        let mut inputs: HashSet<(u64, u64)> = articles.iter().filter_map(|p| identity(p)).collect();
        if file.is_dir() {
            if let Ok(entries) = fs::read_dir(file) {
                inputs.extend(
                    entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "ann" || x == "txt"))
                        .filter_map(|p| identity(&p)),
                );
            }
        } else if let Some(id) = identity(file) {
            inputs.insert(id);
        }
        Self(inputs)
    }

    /// Whether `target` exists and is one of the inputs.
    pub fn holds(&self, target: &Path) -> bool {
        identity(target).is_some_and(|id| self.0.contains(&id))
    }
}

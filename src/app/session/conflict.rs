//! The conflict copy of a session: where its annotations go when it may not write the
//! annotation file. Each session claims a name of its own, so no session ever overwrites the
//! copy another one (or an earlier run) left: `stem.ann.conflict.ron`, else
//! `stem.ann.conflict-2.ron`, `stem.ann.conflict-3.ron`, …

use std::fs::OpenOptions;
use std::io;
use std::path::{Path, PathBuf};

use crate::store;

/// The `n`th conflict copy name of `article` (1 is [`store::conflict_path`]).
pub(super) fn nth(article: &Path, n: usize) -> PathBuf {
    match n {
        0 | 1 => store::conflict_path(article),
        n => article.with_extension(format!("ann.conflict-{n}.ron")),
    }
}

/// Claims the first conflict copy name of `article` that no file has yet, by creating it
/// empty (the caller then replaces it whole).
pub(super) fn claim(article: &Path) -> io::Result<PathBuf> {
    for n in 1..10_000 {
        let path = nth(article, n);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => {
                return Err(io::Error::new(
                    err.kind(),
                    format!("{}: {err}", path.display()),
                ));
            }
        }
    }
    Err(io::Error::other(format!(
        "{}: every conflict copy name is taken",
        store::conflict_path(article).display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_left_before_is_never_claimed_again() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(nth(&article, 1), "an earlier session's").unwrap();
        let claimed = claim(&article).unwrap();
        assert_eq!(claimed.file_name().unwrap(), "a.ann.conflict-2.ron");
        assert_eq!(
            claim(&article).unwrap().file_name().unwrap(),
            "a.ann.conflict-3.ron"
        );
        assert_eq!(
            std::fs::read_to_string(nth(&article, 1)).unwrap(),
            "an earlier session's"
        );
    }
}

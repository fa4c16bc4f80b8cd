//! The conflict copy of a session: where its annotations go when it may not write the
//! annotation file. Each session claims a name of its own, so no session ever overwrites the
//! copy another one (or an earlier run) left: `stem.ann.conflict.ron`, else
//! `stem.ann.conflict-2.ron`, `stem.ann.conflict-3.ron`, … (for an annotator's file,
//! `stem.ann.NAME.conflict.ron`, … [`store::AnnotationFile::conflict`])

use std::fs::OpenOptions;
use std::io;
use std::path::PathBuf;

use crate::store::AnnotationFile;

/// Claims the first conflict copy name of `file` that no file has yet, by creating it
/// empty (the caller then replaces it whole).
pub(super) fn claim(file: AnnotationFile<'_>) -> io::Result<PathBuf> {
    for n in 1..10_000 {
        let path = file.conflict(n);
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
        file.conflict(1).display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Annotator;

    #[test]
    fn a_copy_left_before_is_never_claimed_again() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let gold = AnnotationFile::gold(&article);
        std::fs::write(gold.conflict(1), "an earlier session's").unwrap();
        let claimed = claim(gold).unwrap();
        assert_eq!(claimed.file_name().unwrap(), "a.ann.conflict-2.ron");
        assert_eq!(
            claim(gold).unwrap().file_name().unwrap(),
            "a.ann.conflict-3.ron"
        );
        assert_eq!(
            std::fs::read_to_string(gold.conflict(1)).unwrap(),
            "an earlier session's"
        );
    }

    #[test]
    fn an_annotator_claims_copies_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let alice = Annotator::new("alice").unwrap();
        let file = AnnotationFile::of(&article, Some(&alice));
        claim(AnnotationFile::gold(&article)).unwrap();
        assert_eq!(
            claim(file).unwrap().file_name().unwrap(),
            "a.ann.alice.conflict.ron",
            "the gold's copy is not alice's"
        );
        assert_eq!(
            claim(file).unwrap().file_name().unwrap(),
            "a.ann.alice.conflict-2.ron"
        );
    }
}

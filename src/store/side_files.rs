//! Files kept beside the annotation file when the normal save cannot be used: the recovery
//! file written after a crash and the copy kept when someone else changed the file on disk.

use std::path::{Path, PathBuf};

use crate::model::{AnnotationSet, Document};

use super::error::{Problem, StoreError};
use super::{Loaded, load};

/// Where a crash writes the annotations it held: `dir/stem.ann.recovery.ron`.
pub fn recovery_path(article: &Path) -> PathBuf {
    article.with_extension("ann.recovery.ron")
}

/// Where tandai keeps its own version when the annotation file changed under it:
/// `dir/stem.ann.conflict.ron`.
pub fn conflict_path(article: &Path) -> PathBuf {
    article.with_extension("ann.conflict.ron")
}

/// Where the annotation file is copied before re-anchoring rewrites it:
/// `dir/stem.ann.before-reanchor.ron`.
pub fn before_reanchor_path(article: &Path) -> PathBuf {
    article.with_extension("ann.before-reanchor.ron")
}

/// Writes the annotations of `article`, in the annotation file's format, atomically to `target`.
pub fn save_to(
    target: &Path,
    article: &Path,
    doc: &Document,
    set: &AnnotationSet,
    annotator: &str,
) -> Result<(), StoreError> {
    super::save::write_set(target, &super::save::text_ref(article, doc), set, annotator)
}

/// Reads annotations for `doc` from the file at `path` (a recovery or conflict copy), with the
/// same checks as the annotation file itself.
pub fn load_from(path: &Path, doc: &Document) -> Result<Loaded, StoreError> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| StoreError::new(path, None, Problem::Read(err)))?;
    load::parse(path, &text, doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{full_set, sample_doc};

    #[test]
    fn a_recovery_copy_loads_back_equal() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        let doc = sample_doc();
        let set = full_set(&doc);
        let target = recovery_path(&article);
        save_to(&target, &article, &doc, &set, "ed").unwrap();
        assert_eq!(
            target.file_name().unwrap(),
            "korut-dukung-rusia.ann.recovery.ron"
        );
        let loaded = load_from(&target, &doc).unwrap();
        assert_eq!(loaded.set, set);
        assert_eq!(loaded.annotator, "ed");
    }

    #[test]
    fn a_missing_copy_names_its_path() {
        let err = load_from(Path::new("/nonexistent/x.ann.recovery.ron"), &sample_doc());
        assert!(
            err.unwrap_err()
                .to_string()
                .starts_with("/nonexistent/x.ann.recovery.ron")
        );
    }
}

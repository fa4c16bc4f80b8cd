//! Files kept beside the annotation file when the normal save cannot be used: the recovery
//! file written after a crash, the copy kept when someone else changed the file on disk, the
//! copy made before re-anchoring, and journals set aside.
//!
//! A journal that continues another version of the annotation file and holds changes the file
//! lacks ([`Problem::StaleJournal`]) is set aside by [`set_journal_aside`]: renamed to
//! `dir/stem.ann.journal.aside`, or, when that name is taken, `stem.ann.journal.aside.2`,
//! `.aside.3` and so on; an earlier one is never written over. `tandai check` reports each
//! ([`aside_journals`]) until someone applies it (restoring the header the report shows and
//! renaming it back) or deletes it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::{AnnotationSet, Document};

use super::error::{Problem, StoreError};
use super::{AnnotationFile, Loaded, load};

/// Where a crash writes the annotations it held: `dir/stem.ann.recovery.ron`
/// ([`AnnotationFile::recovery`]).
pub fn recovery_path<'a>(file: impl Into<AnnotationFile<'a>>) -> PathBuf {
    file.into().recovery()
}

/// Where tandai keeps its own version when the annotation file changed under it:
/// `dir/stem.ann.conflict.ron` ([`AnnotationFile::conflict`]).
pub fn conflict_path<'a>(file: impl Into<AnnotationFile<'a>>) -> PathBuf {
    file.into().conflict(1)
}

/// Where the annotation file is copied before re-anchoring rewrites it:
/// `dir/stem.ann.before-reanchor.ron` ([`AnnotationFile::before_reanchor`]).
pub fn before_reanchor_path<'a>(file: impl Into<AnnotationFile<'a>>) -> PathBuf {
    file.into().before_reanchor()
}

/// Sets the journal of an annotation file aside: renames it to the first free name of
/// `stem.ann.journal.aside`, `stem.ann.journal.aside.2`, … (never over an earlier one), syncs
/// the folder, and returns the new path. For a journal that `load` refused as
/// [`Problem::StaleJournal`]: the annotations then load without it, and `tandai check` lists
/// it until it is applied or deleted.
pub fn set_journal_aside<'a>(file: impl Into<AnnotationFile<'a>>) -> Result<PathBuf, StoreError> {
    let journal = file.into().journal();
    let failed = |step: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::new(path, None, Problem::Write { step, source })
    };
    for n in 1.. {
        let aside = aside_name(&journal, n);
        // A hard link fails when the name is taken, where a rename would replace it.
        match fs::hard_link(&journal, &aside) {
            Ok(()) => {
                fs::remove_file(&journal).map_err(failed("setting the journal aside", &journal))?;
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) if !journal.exists() => {
                return Err(StoreError::new(&journal, None, Problem::Read(err)));
            }
            // A file system without hard links: the name is checked, then taken by a rename.
            Err(_) if aside.exists() => continue,
            Err(_) => {
                fs::rename(&journal, &aside)
                    .map_err(failed("setting the journal aside", &journal))?;
            }
        }
        super::atomic::sync_folder(&aside).map_err(|f| {
            let problem = Problem::Write {
                step: f.step,
                source: f.source,
            };
            StoreError::new(&aside, None, problem)
        })?;
        return Ok(aside);
    }
    unreachable!("some name is free")
}

/// `journal` with `.aside` added, and `.n` after it from the second on.
fn aside_name(journal: &Path, n: usize) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(".aside");
    if n > 1 {
        name.push(format!(".{n}"));
    }
    journal.with_file_name(name)
}

/// The journals of an annotation file set aside by [`set_journal_aside`], in the order they were set
/// aside.
pub fn aside_journals<'a>(file: impl Into<AnnotationFile<'a>>) -> Vec<PathBuf> {
    let journal = file.into().journal();
    let first = aside_name(&journal, 1);
    let Some(first_name) = first.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let folder = match journal.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(usize, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name();
            let rest = name.to_str()?.strip_prefix(first_name)?;
            let n = match rest.strip_prefix('.') {
                None if rest.is_empty() => 1,
                Some(digits) if !digits.starts_with('0') => digits.parse().ok()?,
                _ => return None,
            };
            Some((n, journal.with_file_name(name)))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, path)| path).collect()
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
    fn journals_set_aside_never_replace_one_another_and_are_listed_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let journal = crate::store::journal_path(&article);
        let mut names = Vec::new();
        for n in 1..=11 {
            std::fs::write(&journal, format!("journal {n}")).unwrap();
            let aside = set_journal_aside(&article).unwrap();
            assert!(!journal.exists());
            assert_eq!(
                std::fs::read_to_string(&aside).unwrap(),
                format!("journal {n}")
            );
            names.push(aside.file_name().unwrap().to_string_lossy().into_owned());
        }
        assert_eq!(
            names[..3],
            [
                "a.ann.journal.aside",
                "a.ann.journal.aside.2",
                "a.ann.journal.aside.3"
            ]
        );
        std::fs::write(dir.path().join("a.ann.journal.aside.x"), "").unwrap();
        std::fs::write(dir.path().join("b.ann.journal.aside"), "").unwrap();
        let listed: Vec<String> = aside_journals(&article)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(listed, names, "in the order set aside, 10 and 11 last");
        let err = set_journal_aside(&article).unwrap_err();
        assert_eq!(err.path(), journal);
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

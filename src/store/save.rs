//! Writing an annotation file: deterministic RON, checked, then replaced atomically.

use std::path::Path;

use crate::model::{AnnotationSet, Document, Fingerprint};

use super::error::{Problem, StoreError};
use super::validate::{self, Header, Source};
use super::{AnnotationFile, atomic, v1, write_v1};

/// What a file says of its article: the reference in its header, and each paragraph's
/// fingerprint beside its status.
pub(super) struct ArticleRef {
    /// The header's reference.
    pub text: v1::TextRef,
    /// The fingerprint of each paragraph.
    pub prints: Vec<Option<Fingerprint>>,
}

/// What a file says of the article `article`, whose text is `doc`.
pub(super) fn text_ref(article: &Path, doc: &Document) -> ArticleRef {
    let text = v1::TextRef {
        file: article
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sha256: doc.sha256(),
        chars: doc.len_chars(),
    };
    let prints = doc
        .paragraph_fingerprints()
        .iter()
        .copied()
        .map(Some)
        .collect();
    ArticleRef { text, prints }
}

/// The text of the annotation file for `article` (whose text is `doc`).
///
/// The same inputs always give the same bytes: collections are written in the set's order, one
/// annotation per line, with `\n` line ends.
pub fn to_ron(article: &Path, doc: &Document, set: &AnnotationSet, annotator: &str) -> String {
    let mut out = Vec::new();
    let about = text_ref(article, doc);
    write_v1::write(&mut out, &about.text, &about.prints, annotator, set)
        .expect("writing to memory does not fail");
    String::from_utf8(out).expect("the writer writes UTF-8")
}

/// [`to_ron`], after the checks [`save`] runs (a set that would not load is refused, naming
/// `article`'s annotation file): for writers that put many files in place at once.
pub fn to_checked_ron(
    article: &Path,
    doc: &Document,
    set: &AnnotationSet,
    annotator: &str,
) -> Result<String, StoreError> {
    check_before_writing(&super::annotation_path(article), doc, set)?;
    Ok(to_ron(article, doc, set, annotator))
}

/// The text of a version-1 file as ron's serializer writes it with the settings the writer
/// follows: the reference the tests compare the writer with.
#[cfg(test)]
pub(super) fn v1_text(file: &v1::Annotations) -> String {
    use ron::ser::PrettyConfig;

    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .depth_limit(2)
        .struct_names(false);
    // The options enable implicit_some without writing its line, so that the header line
    // and the top-level struct name come first; ron then writes `(` and the fields.
    let options = v1::ron_options();
    let mut out = "#![enable(implicit_some)]\nAnnotations".to_owned();
    options
        .to_writer_pretty(&mut out, file, config)
        .expect("the version-1 structs always serialise to RON");
    out.push('\n');
    out
}

/// Saves the annotations of `article` to its `.ann.ron` file (or, for an
/// [`AnnotationFile`] of an annotator, to theirs), replacing it atomically.
///
/// The set is checked first with the checks of [`load`](super::load) (ids, spans, texts,
/// links, counters), so a file that would not load again is never written. On any failure the
/// previous file is unchanged and the error names the path.
pub fn save<'a>(
    file: impl Into<AnnotationFile<'a>>,
    doc: &Document,
    set: &AnnotationSet,
    annotator: &str,
) -> Result<(), StoreError> {
    let file = file.into();
    let path = file.path();
    check_before_writing(&path, doc, set)?;
    write_set(&path, &text_ref(file.article(), doc), set, annotator)
}

/// Refuses a set that would not load: the checks [`load`](super::load) runs on a parsed file,
/// run on the set itself (the file holds exactly the set, written by `to_ron`, whose
/// round trip the tests and the fuzz target check), instead of parsing the text back.
pub(super) fn check_before_writing(
    path: &Path,
    doc: &Document,
    set: &AnnotationSet,
) -> Result<(), StoreError> {
    let sha256 = doc.sha256();
    let header = Header {
        sha256: &sha256,
        chars: doc.len_chars(),
    };
    // No file text: errors carry no line and column (they are wrapped as "inconsistent").
    let src = Source { path, text: "" };
    match validate::problems(&src, &header, set, doc)
        .into_iter()
        .next()
    {
        Some(err) => {
            let problem = Problem::Inconsistent(Box::new(err.into_problem()));
            Err(StoreError::new(path, None, problem))
        }
        None => Ok(()),
    }
}

/// Writes the file of an already checked set atomically to `path`, streaming its text.
pub(super) fn write_set(
    path: &Path,
    about: &ArticleRef,
    set: &AnnotationSet,
    annotator: &str,
) -> Result<(), StoreError> {
    atomic::write_with(path, |out| {
        write_v1::write(out, &about.text, &about.prints, annotator, set)
    })
    .map_err(|failed| {
        let problem = Problem::Write {
            step: failed.step,
            source: failed.source,
        };
        StoreError::new(path, None, problem)
    })
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::*;
    use crate::model::Checkworthy;
    use crate::store::annotation_path;
    use crate::store::fixtures::{full_set, sample_doc};
    use crate::store::{Loaded, Problem, load};

    fn article_in(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().join("korut-dukung-rusia.txt")
    }

    #[test]
    fn every_field_round_trips_and_resaves_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let article = article_in(&dir);
        let doc = sample_doc();
        let set = full_set(&doc);
        save(&article, &doc, &set, "editor").unwrap();
        let first = fs::read(annotation_path(&article)).unwrap();

        let loaded = load(&article, &doc).unwrap().expect("file was saved");
        let expected = Loaded {
            set: set.clone(),
            annotator: "editor".into(),
        };
        assert_eq!(loaded, expected);

        save(&article, &doc, &loaded.set, &loaded.annotator).unwrap();
        assert_eq!(fs::read(annotation_path(&article)).unwrap(), first);
    }

    #[test]
    fn output_is_deterministic_and_shaped_as_documented() {
        let doc = sample_doc();
        let set = full_set(&doc);
        let article = Path::new("somewhere/korut-dukung-rusia.txt");
        let text = to_ron(article, &doc, &set, "editor");
        assert_eq!(text, to_ron(article, &doc, &set.clone(), "editor"));
        assert!(text.starts_with("#![enable(implicit_some)]\nAnnotations(\n    version: 1,\n"));
        assert!(text.contains("\n    text: (\n        file: \"korut-dukung-rusia.txt\",\n"));
        assert!(text.contains(&format!("sha256: \"{}\"", doc.sha256())));
        assert!(text.contains("chars: 3726,"));
        assert!(text.contains(
            "\n        (id: \"e1\", label: \"PER\", spans: [(41, 53)], text: \"Choe Son Hui\"),\n"
        ));
        assert!(text.contains("speaker: \"e1\""), "options are written bare");
        assert!(text.contains("checkworthy: Yes"));
        assert!(text.contains("note: \"dua fragmen\", review: Rejected)"));
        assert!(text.contains("note: \"cek angka\", review: Accepted)"));
        assert_eq!(
            text.matches("review:").count(),
            2,
            "unreviewed writes no field"
        );
        assert!(!text.contains("Some("));
        assert!(!text.contains('\r'));
        assert!(text.ends_with(")\n"));
    }

    #[test]
    fn refuses_to_write_annotations_that_would_not_load() {
        let dir = tempfile::tempdir().unwrap();
        let article = article_in(&dir);
        let doc = sample_doc();
        let mut set = full_set(&doc);
        set.claims[0].claimant = Some("e7".into());
        set.claims[0].checkworthy = Some(Checkworthy::No);
        let err = save(&article, &doc, &set, "editor").unwrap_err();
        assert!(matches!(err.problem(), Problem::Inconsistent(_)));
        assert_eq!(err.path(), annotation_path(&article));
        assert!(
            err.to_string()
                .contains("c1: claimant \"e7\" is not the id of any entity")
        );
        assert!(!annotation_path(&article).exists());
    }

    /// The temporary file's name is the annotation file's name with a dot before it and a
    /// process and counter suffix after it: an annotation file whose name is just under the
    /// system's limit for one name (255 bytes) can exist, but its temporary file cannot be
    /// created, for any user, root included.
    #[cfg(unix)]
    #[test]
    fn failed_save_names_the_path_and_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("long");
        fs::create_dir(&folder).unwrap();
        let stem = "k".repeat(250 - ".ann.ron".len());
        let article = folder.join(format!("{stem}.txt"));
        let target = annotation_path(&article);
        assert_eq!(target.file_name().unwrap().len(), 250);
        let doc = sample_doc();
        let set = full_set(&doc);
        fs::write(&target, b"the previous file").unwrap();

        let err = save(&article, &doc, &set, "editor").unwrap_err();

        assert_eq!(err.path(), target);
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{}: cannot save", target.display())),
            "{message}"
        );
        assert!(matches!(err.problem(), Problem::Write { .. }), "{message}");
        assert_eq!(fs::read(&target).unwrap(), b"the previous file");
        assert_eq!(
            fs::read_dir(&folder).unwrap().count(),
            1,
            "temporary file left"
        );
    }

    #[test]
    fn failed_rename_removes_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let article = article_in(&dir);
        let target = annotation_path(&article);
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), b"x").unwrap();
        let doc = sample_doc();
        let err = save(&article, &doc, &full_set(&doc), "editor").unwrap_err();
        assert_eq!(err.path(), target);
        assert!(
            err.to_string()
                .contains("cannot save the annotations (replacing the previous file)"),
            "{err}"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file left"
        );
        assert_eq!(fs::read(target.join("keep")).unwrap(), b"x");
    }
}

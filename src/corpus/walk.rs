//! Finding the articles of a corpus: every `*.txt` under a folder, the annotators' files beside
//! them (`stem.ann.NAME.ron`), and the annotation files (gold or an annotator's) whose article
//! is missing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::store::{self, Annotator, annotation_path, annotator_of};

/// What a walk found, each list sorted by path.
#[derive(Debug, Default)]
pub struct Walk {
    /// The articles (`*.txt`).
    pub articles: Vec<PathBuf>,
    /// Annotation files (`*.ann.ron`, `*.ann.NAME.ron`) with no article beside them.
    pub orphans: Vec<PathBuf>,
    /// The annotators with a file of their own beside an article, by article, sorted by name.
    pub annotators: BTreeMap<PathBuf, Vec<Annotator>>,
    /// Folders that could not be listed, with the reason.
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

/// Whether `path` names an annotation file (`*.ann.ron`).
pub fn is_annotation_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".ann.ron") && n.len() > ".ann.ron".len())
}

/// The article an annotation file belongs to: `dir/stem.ann.ron` (or an annotator's
/// `dir/stem.ann.NAME.ron`) → `dir/stem.txt`.
pub fn article_of(annotation: &Path) -> PathBuf {
    if let Some((article, _)) = annotator_file(annotation) {
        return article;
    }
    let name = annotation
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".ann.ron").unwrap_or(&name);
    annotation.with_file_name(format!("{stem}.txt"))
}

/// The article and annotator of an annotator's file `dir/stem.ann.NAME.ron`; `None` for any
/// other file (the gold file, a recovery or conflict copy, …).
pub fn annotator_file(path: &Path) -> Option<(PathBuf, Annotator)> {
    let name = path.file_name()?.to_str()?;
    let (stem, _) = name.strip_suffix(".ron")?.rsplit_once('.')?;
    let article = path.with_file_name(format!("{}.txt", stem.strip_suffix(".ann")?));
    let annotator = annotator_of(&article, path)?;
    Some((article, annotator))
}

fn is_article(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "txt")
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// Which entries of a folder a walk looks at; hidden folders and symbolic links to folders are
/// never entered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// Also list hidden files (`.draft.txt`), as `tandai export` does; the document list,
    /// `check` and `stats` skip them.
    pub hidden_files: bool,
}

/// Walks `root`: a folder (recursively; hidden entries and symbolic links to folders are
/// skipped), or a single file (an article, or an annotation file, the gold's or an
/// annotator's, standing for its article), with the annotators' files beside it.
///
/// Fails only when `root` itself does not exist or cannot be read.
pub fn walk(root: &Path) -> io::Result<Walk> {
    walk_with(root, Rules::default())
}

/// [`walk`] with its [`Rules`].
pub fn walk_with(root: &Path, rules: Rules) -> io::Result<Walk> {
    let meta = fs::metadata(root)?;
    let mut found = Walk::default();
    if !meta.is_dir() {
        let stands_for = is_annotation_file(root) || annotator_file(root).is_some();
        let article = if stands_for {
            article_of(root)
        } else {
            root.to_owned()
        };
        if stands_for && !article.is_file() {
            found.orphans.push(root.to_owned());
            return Ok(found);
        }
        match store::annotator_files(&article) {
            Ok(files) if !files.is_empty() => {
                let names = files.into_iter().map(|(annotator, _)| annotator).collect();
                found.annotators.insert(article.clone(), names);
            }
            Ok(_) => {}
            Err(err) => {
                let folder = article.parent().unwrap_or(Path::new(".")).to_owned();
                found.unreadable.push((folder, err));
            }
        }
        found.articles.push(article);
        return Ok(found);
    }
    fs::read_dir(root)?;
    let mut annotations = Vec::new();
    let mut annotator_files = Vec::new();
    // The folder being listed at each depth, to name the folder of an error without a path.
    let mut folders: Vec<PathBuf> = Vec::new();
    let entries = WalkDir::new(root).into_iter().filter_entry(|entry| {
        entry.depth() == 0
            || !is_hidden(entry)
            || (rules.hidden_files && !entry.file_type().is_dir())
    });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                if let Some(folder) = unreadable_folder(&err, &folders) {
                    let err = err
                        .into_io_error()
                        .unwrap_or_else(|| io::Error::other("loop"));
                    found.unreadable.push((folder, err));
                }
                continue;
            }
        };
        let depth = entry.depth();
        if depth == 0 || entry.file_type().is_dir() {
            folders.truncate(depth);
            folders.push(entry.into_path());
            continue;
        }
        let path = entry.into_path();
        if is_annotation_file(&path) {
            annotations.push(path);
        } else if let Some(file) = annotator_file(&path) {
            annotator_files.push((path, file));
        } else if is_article(&path) {
            found.articles.push(path);
        }
    }
    found.articles.sort();
    let articles: BTreeSet<&Path> = found.articles.iter().map(PathBuf::as_path).collect();
    found.orphans = annotations
        .into_iter()
        .filter(|a| !articles.contains(article_of(a).as_path()))
        .collect();
    for (path, (article, annotator)) in annotator_files {
        if articles.contains(article.as_path()) {
            found.annotators.entry(article).or_default().push(annotator);
        } else {
            found.orphans.push(path);
        }
    }
    for names in found.annotators.values_mut() {
        names.sort();
    }
    found.orphans.sort();
    found.unreadable.sort_by(|a, b| a.0.cmp(&b.0));
    debug_assert!(
        found
            .articles
            .iter()
            .all(|a| article_of(&annotation_path(a)) == *a)
    );
    Ok(found)
}

/// The folder a walk error is about, or `None` for an entry whose type could not be read
/// (skipped, as `read_dir` callers do): walkdir reports a folder it cannot list with the
/// folder's path, and a failure while listing one without a path, one level below it.
fn unreadable_folder(err: &walkdir::Error, folders: &[PathBuf]) -> Option<PathBuf> {
    match err.path() {
        Some(path) => folders.iter().any(|f| f == path).then(|| path.to_owned()),
        None => folders.get(err.depth().checked_sub(1)?).cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_sorted_skipping_hidden_and_finds_orphans() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for file in [
            "z.txt",
            "a.txt",
            "a.ann.ron",
            "b/c/d.txt",
            "b/lost.ann.ron",
            "notes.md",
            ".hidden.txt",
            ".git/x.txt",
        ] {
            fs::write(root.join(file), "x").unwrap();
        }
        let found = walk(root).unwrap();
        let rel = |v: &[PathBuf]| -> Vec<String> {
            v.iter()
                .map(|p| p.strip_prefix(root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(rel(&found.articles), ["a.txt", "b/c/d.txt", "z.txt"]);
        assert_eq!(rel(&found.orphans), ["b/lost.ann.ron"]);
    }

    #[test]
    fn annotators_files_are_listed_by_article_and_orphans_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a.txt",
            "a.ann.ron",
            "a.ann.budi.ron",
            "a.ann.alice.ron",
            "a.ann.alice.journal",
            "a.ann.alice.recovery.ron",
            "a.ann.recovery.ron",
            "a.ann.conflict-2.ron",
            "x.y.txt",
            "x.y.ann.citra.ron",
            "gone.ann.dewi.ron",
        ] {
            fs::write(root.join(file), "x").unwrap();
        }
        let found = walk(root).unwrap();
        let names = |article: &str| -> Vec<String> {
            found.annotators[&root.join(article)]
                .iter()
                .map(|a| a.to_string())
                .collect()
        };
        assert_eq!(found.annotators.len(), 2);
        assert_eq!(names("a.txt"), ["alice", "budi"]);
        assert_eq!(names("x.y.txt"), ["citra"]);
        assert_eq!(found.orphans, [root.join("gone.ann.dewi.ron")]);
        assert_eq!(
            article_of(&root.join("gone.ann.dewi.ron")),
            root.join("gone.txt")
        );
        assert_eq!(found.articles, [root.join("a.txt"), root.join("x.y.txt")]);
    }

    #[test]
    fn a_file_stands_for_itself_and_an_annotation_file_for_its_article() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "x").unwrap();
        fs::write(dir.path().join("a.ann.ron"), "x").unwrap();
        fs::write(dir.path().join("b.ann.ron"), "x").unwrap();
        assert_eq!(
            walk(&article).unwrap().articles,
            std::slice::from_ref(&article)
        );
        assert_eq!(
            walk(&dir.path().join("a.ann.ron")).unwrap().articles,
            std::slice::from_ref(&article)
        );
        let orphan = dir.path().join("b.ann.ron");
        assert_eq!(walk(&orphan).unwrap().orphans, [orphan]);
        assert!(walk(&dir.path().join("missing")).is_err());

        // An annotator's file stands for its article too; the annotators beside it are listed.
        fs::write(dir.path().join("a.ann.budi.ron"), "x").unwrap();
        fs::write(dir.path().join("a.ann.ana.ron"), "x").unwrap();
        fs::write(dir.path().join("b.ann.citra.ron"), "x").unwrap();
        for root in [article.clone(), dir.path().join("a.ann.budi.ron")] {
            let found = walk(&root).unwrap();
            assert_eq!(found.articles, std::slice::from_ref(&article));
            let names: Vec<String> = found.annotators[&article]
                .iter()
                .map(|a| a.to_string())
                .collect();
            assert_eq!(names, ["ana", "budi"], "{}", root.display());
        }
        let orphan = dir.path().join("b.ann.citra.ron");
        assert_eq!(walk(&orphan).unwrap().orphans, [orphan]);
    }

    #[test]
    fn hidden_files_only_by_rule_and_links_to_folders_never_entered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        for file in ["sub/a.txt", ".draft.txt", ".hidden/b.txt"] {
            fs::write(root.join(file), "x").unwrap();
        }
        std::os::unix::fs::symlink(root.join("sub"), root.join("linked")).unwrap();
        std::os::unix::fs::symlink(root.join("sub/a.txt"), root.join("c.txt")).unwrap();
        let rel = |found: &Walk| -> Vec<String> {
            found
                .articles
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(rel(&walk(&root).unwrap()), ["c.txt", "sub/a.txt"]);
        let hidden_files = Rules { hidden_files: true };
        assert_eq!(
            rel(&walk_with(&root, hidden_files).unwrap()),
            [".draft.txt", "c.txt", "sub/a.txt"]
        );
        // A root given through a link is walked, and a hidden root is not skipped.
        let link = dir.path().join(".link");
        std::os::unix::fs::symlink(&root, &link).unwrap();
        assert_eq!(walk(&link).unwrap().articles.len(), 2);
        assert!(walk(&link).unwrap().unreadable.is_empty());
    }
}

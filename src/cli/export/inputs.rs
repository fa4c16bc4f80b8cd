//! The files an export must never write onto: every article of the corpus and the files tandai
//! keeps beside one (annotation file, journal, lock file, recovery file, conflict copies, copy
//! before re-anchoring), whether they exist yet or not.
//!
//! A path is compared by identity, not by spelling: its folder is resolved through symbolic
//! links and `..` to the canonical folder, its name is matched against the articles of that
//! folder, and an existing file is also matched by (device, inode), which catches hard and
//! symbolic links from anywhere.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

/// What a protected file is to its article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The article itself (`stem.txt`).
    Article,
    /// `stem.ann.ron`.
    AnnotationFile,
    /// `stem.ann.journal`.
    Journal,
    /// `stem.ann.lock`.
    LockFile,
    /// `stem.ann.recovery.ron`.
    RecoveryFile,
    /// `stem.ann.conflict*.ron`.
    ConflictCopy,
    /// `stem.ann.before-reanchor.ron`.
    ReanchorCopy,
}

impl Kind {
    /// The side file kind of the file `name` for an article whose stem is `stem`.
    fn side_file(name: &str, stem: &str) -> Option<Self> {
        let rest = name.strip_prefix(stem)?.strip_prefix(".ann.")?;
        Some(match rest {
            "ron" => Self::AnnotationFile,
            "journal" => Self::Journal,
            "lock" => Self::LockFile,
            "recovery.ron" => Self::RecoveryFile,
            "before-reanchor.ron" => Self::ReanchorCopy,
            r if r.starts_with("conflict") && r.ends_with(".ron") => Self::ConflictCopy,
            _ => return None,
        })
    }
}

/// A protected file that a path turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// What the file is.
    pub kind: Kind,
    /// The article it belongs to, as the export found it.
    pub article: PathBuf,
    /// Whether the export reads that article (it is annotated), rather than only finding it
    /// in the corpus.
    pub read: bool,
}

impl fmt::Display for Hit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let article = self.article.display();
        match self.kind {
            Kind::Article => write!(f, "the article {article}")?,
            Kind::AnnotationFile => write!(f, "the annotation file of {article}")?,
            Kind::Journal => write!(f, "the journal of {article}")?,
            Kind::LockFile => write!(f, "the lock file of {article}")?,
            Kind::RecoveryFile => write!(f, "the recovery file of {article}")?,
            Kind::ConflictCopy => write!(f, "a conflict copy of {article}")?,
            Kind::ReanchorCopy => write!(f, "the copy before re-anchoring of {article}")?,
        }
        if self.read {
            write!(f, ", an input of this export")
        } else {
            write!(f, ", part of the exported corpus")
        }
    }
}

/// Why an output path is refused.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// `--out` itself is a protected file.
    #[error("--out {} is {hit}; choose another path", out.display())]
    Input {
        /// The `--out` argument.
        out: PathBuf,
        /// What it is.
        hit: Hit,
    },
    /// A file written under `--out` (brat's folder, hf's label names) is a protected file.
    #[error("--out {} would write {}, which is {hit}; choose another path", out.display(), file.display())]
    Beside {
        /// The `--out` argument.
        out: PathBuf,
        /// The file that would be written.
        file: PathBuf,
        /// What it is.
        hit: Hit,
    },
    /// A folder on the way to the output is a file.
    #[error("--out {}: {} is a file, not a folder", out.display(), file.display())]
    NotAFolder {
        /// The `--out` argument.
        out: PathBuf,
        /// The file standing where a folder is needed.
        file: PathBuf,
    },
}

/// One article of the corpus.
#[derive(Debug)]
struct Article {
    path: PathBuf,
    name: OsString,
    stem: String,
    read: bool,
}

/// The protected files of a corpus.
#[derive(Debug, Default)]
pub struct Inputs {
    articles: Vec<Article>,
    /// Indexes into `articles`, by the canonical folder of the article.
    by_folder: HashMap<PathBuf, Vec<usize>>,
    /// Existing protected files by (device, inode): article index and kind.
    by_id: HashMap<(u64, u64), (usize, Kind)>,
}

impl Inputs {
    /// The protected files of `articles`, each with whether the export reads it. An article
    /// whose folder cannot be resolved is still protected by (device, inode) if it can be read.
    pub fn gather(articles: impl IntoIterator<Item = (PathBuf, bool)>) -> Self {
        let mut inputs = Self::default();
        for (path, read) in articles {
            let name = path.file_name().unwrap_or_default().to_owned();
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let folder = fs::canonicalize(parent_or_dot(&path)).unwrap_or_else(|_| path.clone());
            inputs
                .by_folder
                .entry(folder)
                .or_default()
                .push(inputs.articles.len());
            inputs.articles.push(Article {
                path,
                name,
                stem,
                read,
            });
        }
        for (folder, indexes) in &inputs.by_folder {
            let Ok(entries) = fs::read_dir(folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some((i, kind)) = match_name(&inputs.articles, indexes, &name) else {
                    continue;
                };
                if let Ok(meta) = fs::metadata(entry.path()) {
                    inputs.by_id.insert((meta.dev(), meta.ino()), (i, kind));
                }
            }
        }
        // An article outside its listed folder (a symbolic link to it) by its own identity.
        for (i, article) in inputs.articles.iter().enumerate() {
            if let Ok(meta) = fs::metadata(&article.path) {
                inputs
                    .by_id
                    .entry((meta.dev(), meta.ino()))
                    .or_insert((i, Kind::Article));
            }
        }
        inputs
    }

    /// Checks `file`, a file the export would write for `--out out` (often `out` itself).
    pub fn check(&self, out: &Path, file: &Path) -> Result<(), Refusal> {
        let refuse = |hit: Hit| {
            if file == out {
                Refusal::Input {
                    out: out.to_owned(),
                    hit,
                }
            } else {
                Refusal::Beside {
                    out: out.to_owned(),
                    file: file.to_owned(),
                    hit,
                }
            }
        };
        let Some(name) = file.file_name() else {
            return Ok(());
        };
        let folder = resolve_folder(parent_or_dot(file)).map_err(|at| Refusal::NotAFolder {
            out: out.to_owned(),
            file: at,
        })?;
        if let Some(hit) = self.by_place(&folder, name) {
            return Err(refuse(hit));
        }
        if let Ok(meta) = fs::metadata(file)
            && let Some(&(i, kind)) = self.by_id.get(&(meta.dev(), meta.ino()))
        {
            return Err(refuse(self.hit(i, kind)));
        }
        if let Ok(target) = fs::canonicalize(file)
            && let (Some(folder), Some(name)) = (target.parent(), target.file_name())
            && let Some(hit) = self.by_place(folder, name)
        {
            return Err(refuse(hit));
        }
        Ok(())
    }

    fn by_place(&self, folder: &Path, name: &std::ffi::OsStr) -> Option<Hit> {
        let indexes = self.by_folder.get(folder)?;
        let (i, kind) = match_name(&self.articles, indexes, name)?;
        Some(self.hit(i, kind))
    }

    fn hit(&self, i: usize, kind: Kind) -> Hit {
        let article = &self.articles[i];
        Hit {
            kind,
            article: article.path.clone(),
            read: article.read,
        }
    }
}

/// Which of the articles `indexes` the file `name` in their folder belongs to, and as what.
fn match_name(
    articles: &[Article],
    indexes: &[usize],
    name: &std::ffi::OsStr,
) -> Option<(usize, Kind)> {
    for &i in indexes {
        let article = &articles[i];
        if article.name == name {
            return Some((i, Kind::Article));
        }
        if let Some(kind) = name
            .to_str()
            .and_then(|n| Kind::side_file(n, &article.stem))
        {
            return Some((i, kind));
        }
    }
    None
}

fn parent_or_dot(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The canonical form of `folder`, which may not exist yet: its nearest existing ancestor,
/// resolved, with the rest appended (`..` and `.` taken as they will be once created). Fails
/// with the ancestor when that ancestor is not a folder.
fn resolve_folder(folder: &Path) -> Result<PathBuf, PathBuf> {
    for ancestor in folder.ancestors() {
        let at = if ancestor.as_os_str().is_empty() {
            Path::new(".")
        } else {
            ancestor
        };
        let Ok(meta) = fs::metadata(at) else {
            continue;
        };
        if !meta.is_dir() {
            return Err(at.to_owned());
        }
        let Ok(mut resolved) = fs::canonicalize(at) else {
            continue;
        };
        let rest = folder.strip_prefix(ancestor).unwrap_or(Path::new(""));
        for component in rest.components() {
            match component {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(part) => resolved.push(part),
                _ => {}
            }
        }
        return Ok(resolved);
    }
    Ok(folder.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_file_names_are_recognised_for_their_stem_only() {
        assert_eq!(
            Kind::side_file("a.ann.ron", "a"),
            Some(Kind::AnnotationFile)
        );
        assert_eq!(Kind::side_file("a.ann.journal", "a"), Some(Kind::Journal));
        assert_eq!(
            Kind::side_file("a.ann.conflict-3.ron", "a"),
            Some(Kind::ConflictCopy)
        );
        assert_eq!(Kind::side_file("a.b.ann.lock", "a.b"), Some(Kind::LockFile));
        assert_eq!(Kind::side_file("ab.ann.ron", "a"), None);
        assert_eq!(Kind::side_file("a.ann", "a"), None);
        assert_eq!(Kind::side_file("a.ann.conll", "a"), None);
    }

    #[test]
    fn a_folder_to_be_created_resolves_through_existing_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let real = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(real.join("x")).unwrap();
        std::os::unix::fs::symlink(real.join("x"), real.join("link")).unwrap();
        assert_eq!(
            resolve_folder(&real.join("link/new/../y")).unwrap(),
            real.join("x/y")
        );
        fs::write(real.join("f.txt"), "").unwrap();
        assert_eq!(
            resolve_folder(&real.join("f.txt/sub")).unwrap_err(),
            real.join("f.txt")
        );
    }
}

//! `tandai merge-file BASE OURS THEIRS`: git's merge driver for annotation files. A three-way
//! merge of the annotation sets ([`crate::model::merge3()`]) written over OURS, with the true
//! conflicts recorded in the file instead of conflict markers.

use std::path::{Path, PathBuf};

use clap::Args;

use super::failure::Failure;
use crate::model::{AnnotationSet, Document, merge3};
use crate::store::{self, Loaded};

/// `tandai merge-file --help`, after the options.
pub const AFTER_HELP: &str = "\
Git's merge driver for annotation files (`tandai git-setup` registers it). Reads the three
versions of one annotation file (BASE the common ancestor, OURS the current branch's, THEIRS
the other's), merges them annotation by annotation and field by field, and writes the result
over OURS atomically. The article is the one named in OURS's `text: (file: …)`, in the folder
of --path (git's %P), else of OURS.

Exit codes: 0 merged cleanly; 1 merged, with conflicts recorded in the file (git marks the path
conflicted: settle them in the adjudication view, then `git add` the file); 2 nothing written
(a side unreadable or damaged, made for another text, the article missing, or a journal of
unfolded changes beside the file), with the file, line and column.

Examples:
  git config merge.tandai.driver 'tandai merge-file %O %A %B --path %P'
  tandai merge-file base.ann.ron ours.ann.ron theirs.ann.ron --path news/a.ann.ron";

/// The arguments of `tandai merge-file`.
#[derive(Debug, Args)]
pub struct MergeFileArgs {
    /// The common ancestor's version (git's %O); an empty file when there is none.
    pub base: PathBuf,
    /// The current branch's version (git's %A): the merged file is written here.
    pub ours: PathBuf,
    /// The other branch's version (git's %B).
    pub theirs: PathBuf,
    /// Conflict marker size (git's %L): accepted for git, unused (no markers are written).
    #[arg(long, value_name = "N")]
    pub marker_size: Option<usize>,
    /// Where the file is in the working tree (git's %P): its article is found beside it.
    #[arg(long, value_name = "P")]
    pub path: Option<PathBuf>,
}

/// The file name in the `file:` field of an annotation file's text reference, when it is a
/// plain string.
fn article_name(text: &str) -> Option<String> {
    let (_, _, at) = crate::ron_locate::fields(text).find(|(name, _, _)| *name == "file")?;
    let rest = text[at..].strip_prefix('"')?;
    let name = &rest[..rest.find('"')?];
    (!name.contains('\\') && !name.is_empty()).then(|| name.to_owned())
}

fn read(side: &str, path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|err| {
        Failure::bad_input(format!("{side} {}: cannot read it: {err}", path.display()))
    })
}

/// The journal that would sit beside the working-tree file `path`: `a.ann.ron` →
/// `a.ann.journal`, `a.ann.NAME.ron` → `a.ann.NAME.journal`.
fn journal_beside(path: &Path) -> PathBuf {
    path.with_extension("journal")
}

/// Runs the driver; see [`AFTER_HELP`].
pub fn run(args: &MergeFileArgs) -> Result<(), Failure> {
    let shown = args.path.as_deref().unwrap_or(&args.ours);
    let keep = |why: String| {
        Failure::bad_input(format!(
            "{why}; {} is left as it is (nothing merged)",
            shown.display()
        ))
    };
    if let Some(path) = &args.path {
        let journal = journal_beside(path);
        if journal.exists() {
            return Err(keep(format!(
                "{} holds changes saved since {} was last written: quit tandai on that article \
                 (q folds the journal into the file), commit the file, then merge again",
                journal.display(),
                path.display()
            )));
        }
    }
    let ours_text = read("OURS", &args.ours)?;
    let name = article_name(&ours_text).ok_or_else(|| {
        keep(format!(
            "OURS {}: no `text: (file: \"…\")` naming its article",
            args.ours.display()
        ))
    })?;
    let folder = shown.parent().unwrap_or(Path::new(""));
    let article = folder.join(&name);
    let bytes = std::fs::read(&article).map_err(|err| {
        keep(format!(
            "the article {} (named by the annotation file) cannot be read: {err}",
            article.display()
        ))
    })?;
    let doc = Document::from_bytes(bytes).map_err(|err| {
        keep(format!(
            "the article {} is not UTF-8 text ({err:?})",
            article.display()
        ))
    })?;
    let side = |label: &str, path: &Path, text: &str| -> Result<Loaded, Failure> {
        store::parse(path, text, &doc).map_err(|err| keep(format!("{label}: {err}")))
    };
    let ours = side("OURS", &args.ours, &ours_text)?;
    let theirs_text = read("THEIRS", &args.theirs)?;
    let theirs = side("THEIRS", &args.theirs, &theirs_text)?;
    let base_text = read("BASE", &args.base)?;
    let base = if base_text.trim().is_empty() {
        AnnotationSet::new(doc.paragraphs().len())
    } else {
        side("BASE", &args.base, &base_text)?.set
    };
    let merged = merge3(&base, &ours.set, &theirs.set);
    write_checked(&args.ours, &article, &doc, &merged.set, &ours.annotator).map_err(keep)?;
    for r in &merged.dropped {
        eprintln!(
            "tandai merge-file: {}: relation {} ({} {} → {}) left out: an end was deleted",
            shown.display(),
            r.id,
            r.kind,
            r.from,
            r.to
        );
    }
    let renamed = match merged.renamed.len() {
        0 => String::new(),
        n => format!("; {n} of theirs renumbered"),
    };
    match merged.recorded.len() {
        0 => {
            eprintln!(
                "tandai merge-file: {}: merged cleanly{renamed}",
                shown.display()
            );
            Ok(())
        }
        n => {
            for conflict in &merged.recorded {
                eprintln!(
                    "tandai merge-file: {}: {}",
                    shown.display(),
                    crate::commands::check::describe(conflict)
                );
            }
            let s = if n == 1 { "" } else { "s" };
            Err(Failure::problems(format!(
                "{}: merged with {n} conflict{s} recorded in the file{renamed}: settle them in \
                 the adjudication view, then `git add {}` (`tandai check` lists them)",
                shown.display(),
                shown.display()
            )))
        }
    }
}

/// Writes `set` over `target` atomically, once its text was read back by the strict reader as
/// the same set: a file that would not load is never written.
fn write_checked(
    target: &Path,
    article: &Path,
    doc: &Document,
    set: &AnnotationSet,
    annotator: &str,
) -> Result<(), String> {
    let text = store::to_ron(article, doc, set, annotator);
    match store::parse(target, &text, doc) {
        Ok(back) if back.set == *set => {}
        Ok(_) => return Err("the merged file would not read back as merged (a bug)".into()),
        Err(err) => return Err(format!("the merged file would not load: {err}")),
    }
    store::atomic::write(target, text.as_bytes()).map_err(|failed| {
        format!(
            "{}: {} failed: {}",
            target.display(),
            failed.step,
            failed.source
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_read_from_the_text_reference() {
        let text = "Annotations(version: 1, text: (file: \"a b.txt\", sha256: \"x\"))";
        assert_eq!(article_name(text).as_deref(), Some("a b.txt"));
        assert_eq!(article_name("Annotations(text: (file: \"a\\\"b\"))"), None);
        assert_eq!(article_name("(version: 1)"), None);
    }

    #[test]
    fn journals_are_looked_for_beside_the_file() {
        assert_eq!(
            journal_beside(Path::new("n/a.ann.ron")),
            Path::new("n/a.ann.journal")
        );
        assert_eq!(
            journal_beside(Path::new("n/a.ann.budi.ron")),
            Path::new("n/a.ann.budi.journal")
        );
    }
}

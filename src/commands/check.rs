//! `tandai check PATH`: every problem of every annotation file, one line each.

use std::path::Path;

use super::ReportError;
use crate::corpus::summary::read_article;
use crate::corpus::{Trouble, inspect};
use crate::model::{About, Conflict, Item, Version};

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Articles looked at.
    pub articles: usize,
    /// Annotation files looked at (orphans included).
    pub annotation_files: usize,
    /// Every problem, in path order.
    pub troubles: Vec<Trouble>,
    /// Every conflict a merge recorded and nobody settled yet, in path order: a warning, not a
    /// problem (the file loads and is used as it is).
    pub warnings: Vec<Trouble>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.troubles.is_empty()
    }

    /// One line per problem, `file:line:col: message`, then one per warning.
    pub fn lines(&self) -> String {
        (self.troubles.iter().chain(&self.warnings))
            .map(|t| format!("{t}\n"))
            .collect()
    }

    /// `; N unsettled conflicts (warnings)`, or nothing without any.
    fn warnings_note(&self) -> String {
        match self.warnings.len() {
            0 => String::new(),
            1 => "; 1 unsettled conflict (a warning)".to_owned(),
            n => format!("; {n} unsettled conflicts (warnings)"),
        }
    }

    /// A one-line summary, e.g. `2 problems in 1 of 3 annotation files (5 articles)`.
    pub fn summary(&self) -> String {
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let articles = if self.articles == 1 {
            "article"
        } else {
            "articles"
        };
        if self.is_clean() {
            return format!(
                "no problems: {} annotation {} of {} {articles} checked{}",
                self.annotation_files,
                files(self.annotation_files),
                self.articles,
                self.warnings_note()
            );
        }
        let mut with_trouble: Vec<&Path> = self.troubles.iter().map(|t| t.file.as_path()).collect();
        with_trouble.dedup();
        let problems = if self.troubles.len() == 1 {
            "problem"
        } else {
            "problems"
        };
        format!(
            "{} {problems} in {} {} ({} annotation {}, {} {articles} checked){}",
            self.troubles.len(),
            with_trouble.len(),
            files(with_trouble.len()),
            self.annotation_files,
            files(self.annotation_files),
            self.articles,
            self.warnings_note()
        )
    }
}

/// Checks the article or folder at `path`: each article must be readable UTF-8, and each
/// annotation file must parse, have a known version, match its article's hash, keep every span
/// inside the text and equal to its stored text, resolve every link and repeat no id. An
/// article without an annotation file is fine; an annotation file without its article is not.
///
/// Fails when `path` cannot be read at all or holds nothing to check.
pub fn check(path: &Path) -> Result<CheckReport, ReportError> {
    check_shard(path, None)
}

/// [`check`] of the articles of `shard` only (see [`crate::corpus::shard`]).
pub fn check_shard(
    path: &Path,
    shard: Option<crate::corpus::shard::Shard>,
) -> Result<CheckReport, ReportError> {
    let found = super::walk_shard(path, shard)?;
    let mut report = CheckReport {
        articles: found.articles.len(),
        annotation_files: found.orphans.len(),
        troubles: Vec::new(),
        warnings: Vec::new(),
    };
    for (folder, err) in &found.unreadable {
        report.troubles.push(Trouble {
            file: folder.clone(),
            place: None,
            message: format!("cannot list the folder: {err}"),
        });
    }
    for article in &found.articles {
        if crate::store::annotation_path(article).exists() {
            report.annotation_files += 1;
        }
        report.troubles.extend(inspect(article));
        report.warnings.extend(conflicts(article));
    }
    report
        .troubles
        .extend(found.orphans.iter().map(|o| Trouble::orphan(o)));
    report.troubles.sort_by(|a, b| a.file.cmp(&b.file));
    report.warnings.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(report)
}

/// A warning for each conflict recorded in the annotation files of `article` (the gold file
/// and each annotator's) that load; a file that does not load is a problem reported apart.
/// Recording and settling a conflict always rewrite the file, so its text holds them all.
fn conflicts(article: &Path) -> Vec<Trouble> {
    let Ok(doc) = read_article(article) else {
        return Vec::new();
    };
    let mut files = vec![crate::store::annotation_path(article)];
    files.extend(
        (crate::store::annotator_files(article).unwrap_or_default())
            .into_iter()
            .map(|(_, path)| path),
    );
    let mut found = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(loaded) = crate::store::parse(&file, &text, &doc) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        for (i, conflict) in loaded.set.conflicts().iter().enumerate() {
            let place = crate::store::conflict_place(text, i).map(|p| (p.line, p.column));
            found.push(Trouble {
                file: file.clone(),
                place,
                message: format!("warning: {}", describe(conflict)),
            });
        }
    }
    found
}

/// One line of a recorded conflict: what, why, and each version.
pub fn describe(conflict: &Conflict) -> String {
    let about = match &conflict.about {
        About::Annotation(id) => id.to_string(),
        About::Paragraph(n) => format!("paragraph {}", n + 1),
    };
    let version = |v: &Option<Version>| match v {
        None => "none".to_owned(),
        Some(Version::Status(s)) => format!("{s:?}"),
        Some(Version::Item(item)) => {
            let (start, end) = match (item.spans().first(), item.spans().last()) {
                (Some(a), Some(b)) => (a.start, b.end),
                _ => (0, 0),
            };
            let what = match item {
                Item::Entity(e) => e.label.to_string(),
                other => other.kind_name().to_owned(),
            };
            format!("{what} {:?} ({start}, {end})", item.text())
        }
    };
    format!(
        "unsettled conflict about {about}: {}; base {}, ours {}, theirs {}; \
         settle it in the adjudication view",
        conflict.reason,
        version(&conflict.base),
        version(&conflict.ours),
        version(&conflict.theirs)
    )
}

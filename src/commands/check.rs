//! `tandai check PATH`: every problem of every annotation file, one line each.

use std::path::Path;

use super::ReportError;
use crate::corpus::{Trouble, inspect};

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Articles looked at.
    pub articles: usize,
    /// Annotation files looked at (orphans included).
    pub annotation_files: usize,
    /// Every problem, in path order.
    pub troubles: Vec<Trouble>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.troubles.is_empty()
    }

    /// One line per problem, `file:line:col: message`.
    pub fn lines(&self) -> String {
        self.troubles.iter().map(|t| format!("{t}\n")).collect()
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
                "no problems: {} annotation {} of {} {articles} checked",
                self.annotation_files,
                files(self.annotation_files),
                self.articles
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
            "{} {problems} in {} {} ({} annotation {}, {} {articles} checked)",
            self.troubles.len(),
            with_trouble.len(),
            files(with_trouble.len()),
            self.annotation_files,
            files(self.annotation_files),
            self.articles
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
    let found = super::walk(path)?;
    let mut report = CheckReport {
        articles: found.articles.len(),
        annotation_files: found.orphans.len(),
        troubles: Vec::new(),
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
    }
    report
        .troubles
        .extend(found.orphans.iter().map(|o| Trouble::orphan(o)));
    report.troubles.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(report)
}

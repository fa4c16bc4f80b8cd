//! The assignment plan of a corpus: which annotators annotate which article. `tandai assign`
//! writes it as `DIR/tandai-plan.ron` ([`assign()`] makes it); the document list of `DIR`
//! follows it. Paths are relative to `DIR`, with `/` between folders:
//!
//! ```text
//! // tandai's assignment plan (`tandai assign`): the annotators of each article, which the
//! // document list follows. Paths are relative to this folder.
//! Plan(
//!     version: 1,
//!     seed: 7,
//!     overlap: 2,
//!     annotators: ["alice", "budi", "citra"],
//!     articles: {
//!         "a.txt": ["alice", "citra"],
//!         "sub/b.txt": ["budi", "citra"],
//!     },
//! )
//! ```
//!
//! Reading is strict: a file that is not this shape, names a bad annotator, one the plan's
//! `annotators` do not list, one twice for an article, or a path outside the folder is refused
//! with its line and column.

mod assign;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

pub use assign::{AssignError, assign};

use crate::ron_locate::{self, Place};
use crate::store::{Annotator, BadName};

/// The plan's file name inside the corpus folder.
pub const FILE_NAME: &str = "tandai-plan.ron";

/// The version of the plan's format this tandai reads and writes.
pub const VERSION: u32 = 1;

/// Which annotators annotate which article of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The seed it was drawn with.
    pub seed: u64,
    /// How many annotators each article was given.
    pub overlap: usize,
    /// Every annotator of the plan, in the order given.
    pub annotators: Vec<Annotator>,
    /// Per article (its path relative to the folder, `/` between folders), its annotators,
    /// sorted by name.
    pub articles: BTreeMap<String, Vec<Annotator>>,
}

/// Why a plan file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// It exists but cannot be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// It is not a plan, or holds something a plan cannot.
    #[error("{}:{}:{}: {message}", path.display(), place.line, place.column)]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Where.
        place: Place,
        /// What is wrong.
        message: String,
    },
}

/// The plan file of the folder `dir`.
pub fn plan_path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// The file's shape, as serde reads it.
#[derive(Deserialize)]
#[serde(rename = "Plan", deny_unknown_fields)]
struct Text {
    version: u32,
    seed: u64,
    overlap: usize,
    annotators: Vec<String>,
    articles: BTreeMap<String, Vec<String>>,
}

impl Plan {
    /// The plan of the folder `dir`, if it has one.
    pub fn read(dir: &Path) -> Result<Option<Plan>, PlanError> {
        let path = plan_path(dir);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&path, &text).map(Some),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(PlanError::Read { path, source }),
        }
    }

    /// Parses the text of the plan file at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Plan, PlanError> {
        let invalid = |place: Place, message: String| PlanError::Invalid {
            path: path.to_owned(),
            place,
            message,
        };
        let read: Text = ron::Options::default().from_str(text).map_err(|err| {
            let start = Place {
                line: err.span.start.line,
                column: err.span.start.col,
            };
            invalid(ron_locate::skip_blank(text, start), err.code.to_string())
        })?;
        let field = |name: &str| {
            ron_locate::fields(text)
                .find(|(n, _, _)| *n == name)
                .map_or(Place { line: 1, column: 1 }, |(_, _, value)| {
                    ron_locate::place_of_byte(text, value)
                })
        };
        if read.version != VERSION {
            return Err(invalid(
                field("version"),
                format!(
                    "version {} of the plan is not known to this tandai (it reads version {VERSION})",
                    read.version
                ),
            ));
        }
        let quoted =
            |s: &str, after: &str| quoted_place(text, s, field(after)).unwrap_or(field(after));
        let name = |s: &str, after: &str| {
            Annotator::new(s).map_err(|err: BadName| invalid(quoted(s, after), err.to_string()))
        };
        let mut annotators = Vec::new();
        for s in &read.annotators {
            let annotator = name(s, "annotators")?;
            if annotators.contains(&annotator) {
                return Err(invalid(
                    quoted(s, "annotators"),
                    format!("{s:?} is listed twice"),
                ));
            }
            annotators.push(annotator);
        }
        let mut articles = BTreeMap::new();
        for (article, names) in read.articles {
            if !is_relative_inside(&article) {
                return Err(invalid(
                    quoted(&article, "articles"),
                    format!("{article:?} is not a path inside the plan's folder"),
                ));
            }
            let mut given = Vec::new();
            for s in &names {
                let annotator = name(s, "articles")?;
                if !annotators.contains(&annotator) {
                    return Err(invalid(
                        quoted(&article, "articles"),
                        format!("{s:?} of {article:?} is not among the plan's annotators"),
                    ));
                }
                if given.contains(&annotator) {
                    return Err(invalid(
                        quoted(&article, "articles"),
                        format!("{s:?} is given {article:?} twice"),
                    ));
                }
                given.push(annotator);
            }
            given.sort();
            articles.insert(article, given);
        }
        Ok(Plan {
            seed: read.seed,
            overlap: read.overlap,
            annotators,
            articles,
        })
    }

    /// The plan's file text: deterministic, one article per line.
    pub fn to_ron(&self) -> String {
        let string = |s: &str| ron::to_string(s).expect("a string always serialises to RON");
        let list = |names: &[Annotator]| {
            let names: Vec<String> = names.iter().map(|a| string(a.as_str())).collect();
            format!("[{}]", names.join(", "))
        };
        let mut out = String::from(
            "// tandai's assignment plan (`tandai assign`): the annotators of each article, which the\n\
             // document list follows. Paths are relative to this folder.\n",
        );
        let _ = writeln!(out, "Plan(");
        let _ = writeln!(out, "    version: {VERSION},");
        let _ = writeln!(out, "    seed: {},", self.seed);
        let _ = writeln!(out, "    overlap: {},", self.overlap);
        let _ = writeln!(out, "    annotators: {},", list(&self.annotators));
        let _ = writeln!(out, "    articles: {{");
        for (article, names) in &self.articles {
            let _ = writeln!(out, "        {}: {},", string(article), list(names));
        }
        let _ = writeln!(out, "    }},");
        let _ = writeln!(out, ")");
        out
    }

    /// How many articles each annotator is given, in the order of [`Plan::annotators`].
    pub fn loads(&self) -> Vec<(Annotator, usize)> {
        self.annotators
            .iter()
            .map(|a| {
                let n = self
                    .articles
                    .values()
                    .filter(|names| names.contains(a))
                    .count();
                (a.clone(), n)
            })
            .collect()
    }

    /// The plan's annotators per article, by the article's path under `dir`.
    pub fn by_path(&self, dir: &Path) -> HashMap<PathBuf, Vec<String>> {
        self.articles
            .iter()
            .map(|(article, names)| {
                let path = article
                    .split('/')
                    .fold(dir.to_owned(), |p, part| p.join(part));
                (path, names.iter().map(Annotator::to_string).collect())
            })
            .collect()
    }
}

/// The path of `article` under `dir` as a plan writes it: relative, `/` between folders;
/// `None` when it is not under `dir` or is not UTF-8.
pub fn relative_name(dir: &Path, article: &Path) -> Option<String> {
    let rest = article.strip_prefix(dir).ok()?;
    let parts: Option<Vec<&str>> = rest
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether `article` is a relative path that stays inside the folder (no `..`, no root).
fn is_relative_inside(article: &str) -> bool {
    !article.is_empty()
        && !article.starts_with('/')
        && article
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// The place of the first string literal `s` at or after `from`.
fn quoted_place(text: &str, s: &str, from: Place) -> Option<Place> {
    let literal = ron::to_string(s).ok()?;
    let start = text
        .split_inclusive('\n')
        .take(from.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let at = text.get(start..)?.find(&literal)? + start;
    Some(ron_locate::place_of_byte(text, at))
}

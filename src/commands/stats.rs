//! `tandai stats PATH`: counts per document and in total.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::ReportError;
use crate::corpus::{Summary, Trouble, summarize};

/// One document's line of the report.
#[derive(Debug, Serialize)]
pub struct DocumentStats {
    /// The article.
    pub path: PathBuf,
    /// Its counts, when it could be read.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Why it could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// What `stats` found.
#[derive(Debug, Serialize)]
pub struct StatsReport {
    /// Per document, in path order.
    pub documents: Vec<DocumentStats>,
    /// The documents that could be read, together.
    pub total: Summary,
    /// Files that could not be read (their documents are not in the total).
    pub problems: usize,
}

/// Counts the annotations of the article or folder at `path`. Documents that cannot be read are
/// listed with their problem and left out of the total. Fails when `path` cannot be read at
/// all or holds nothing to count.
pub fn stats(path: &Path) -> Result<StatsReport, ReportError> {
    stats_shard(path, None)
}

/// [`stats`] of the articles of `shard` only (see [`crate::corpus::shard`]).
pub fn stats_shard(
    path: &Path,
    shard: Option<crate::corpus::shard::Shard>,
) -> Result<StatsReport, ReportError> {
    let found = super::walk_shard(path, shard)?;
    let mut report = StatsReport {
        documents: Vec::new(),
        total: Summary::default(),
        problems: 0,
    };
    for article in &found.articles {
        let (summary, problem) = match summarize(article) {
            Ok(summary) => {
                report.total.add(&summary);
                (Some(summary), None)
            }
            Err(trouble) => (None, Some(trouble.to_string())),
        };
        report.problems += usize::from(problem.is_some());
        report.documents.push(DocumentStats {
            path: article.clone(),
            summary,
            problem,
        });
    }
    for orphan in &found.orphans {
        report.problems += 1;
        report.documents.push(DocumentStats {
            path: orphan.clone(),
            summary: None,
            problem: Some(Trouble::orphan(orphan).to_string()),
        });
    }
    Ok(report)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The line of the sources, when suggestions were used: per source, the annotations it made
/// (accepted, or typed) and the suggestions rejected.
fn describe_sources(s: &Summary) -> String {
    if !s.used_suggestions() {
        return String::new();
    }
    let each: Vec<String> = s
        .sources
        .iter()
        .map(|(name, n)| match name.as_str() {
            "typed" => format!("typed {}", n.made),
            _ => format!("{name} {} accepted, {} rejected", n.made, n.rejected),
        })
        .collect();
    format!("  sources     {}\n", each.join("; "))
}

/// The lines describing one summary, indented by two spaces.
fn describe(s: &Summary) -> String {
    let p = &s.paragraphs;
    let labels = if s.entities.is_empty() {
        String::new()
    } else {
        let each: Vec<String> = s.entities.iter().map(|(l, n)| format!("{l} {n}")).collect();
        format!(" ({})", each.join(", "))
    };
    let q = &s.quotes;
    let c = &s.claims;
    format!(
        "  paragraphs  {} of {} done, {} skipped, {} flagged, {} to do\n\
         \x20 entities    {}{labels}\n\
         \x20 quotes      {} (direct {}, indirect {}, mixed {}): {} with speaker, {} without; {} with cue\n\
         \x20 claims      {}: {} with claimant; check-worthy {} yes, {} no, {} undecided\n\
         \x20 review      {} of {} reviewed: {} accepted, {} rejected\n{}",
        p.done,
        p.total,
        p.skipped,
        p.flagged,
        p.todo(),
        s.entity_count(),
        q.total,
        q.direct,
        q.indirect,
        q.mixed,
        q.with_speaker,
        q.without_speaker,
        q.with_cue,
        c.total,
        c.with_claimant,
        c.checkworthy,
        c.not_checkworthy,
        c.undecided,
        s.review.reviewed(),
        s.review.total,
        s.review.accepted,
        s.review.rejected,
        describe_sources(s),
    )
}

impl StatsReport {
    /// The report as text: a block per document, then the total.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for doc in &self.documents {
            out.push_str(&doc.path.display().to_string());
            match (&doc.summary, &doc.problem) {
                (Some(summary), _) => {
                    if summary.annotated == 0 {
                        out.push_str("  (not annotated yet)");
                    }
                    out.push('\n');
                    out.push_str(&describe(summary));
                }
                (None, problem) => {
                    out.push('\n');
                    out.push_str(&format!(
                        "  not counted: {}\n",
                        problem.as_deref().unwrap_or("unreadable")
                    ));
                }
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "total: {}, {} annotated{}\n",
            plural(self.total.documents, "document", "documents"),
            self.total.annotated,
            if self.problems > 0 {
                format!(", {} not counted", plural(self.problems, "file", "files"))
            } else {
                String::new()
            }
        ));
        out.push_str(&describe(&self.total));
        out
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data always serialises") + "\n"
    }
}

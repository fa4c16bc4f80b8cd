//! `tandai show FILE`: the annotations of one article as a table, or as JSON.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ReportError, table};
use crate::corpus::summary::read_article;
use crate::corpus::walk::{article_of, is_annotation_file};
use crate::model::{AnnotationSet, Checkworthy, Claim, Entity, ParagraphStatus, Quote, Span, Text};
use crate::store;

/// Widest text cell of the table, in columns.
const TEXT_WIDTH: usize = 48;

/// One article's annotations.
#[derive(Debug, Serialize)]
pub struct ShowReport {
    /// The article.
    pub article: PathBuf,
    /// Who annotated (empty without an annotation file).
    pub annotator: String,
    /// Status per paragraph.
    pub paragraphs: Vec<ParagraphStatus>,
    /// Entities, in order.
    pub entities: Vec<Entity>,
    /// Quotes, in order.
    pub quotes: Vec<Quote>,
    /// Claims, in order.
    pub claims: Vec<Claim>,
}

/// Reads the article `file` (or the article of the annotation file `file`) and its annotations,
/// as opening it would: a file with a problem is an error, `file:line:col: message`.
pub fn show(file: &Path) -> Result<ShowReport, ReportError> {
    let article = if is_annotation_file(file) {
        article_of(file)
    } else {
        file.to_owned()
    };
    let doc = read_article(&article).map_err(ReportError::Article)?;
    let (set, annotator) = match store::load(&article, &doc)? {
        Some(loaded) => (loaded.set, loaded.annotator),
        None => (AnnotationSet::new(doc.paragraphs().len()), String::new()),
    };
    Ok(ShowReport {
        article,
        annotator,
        paragraphs: set.paragraphs,
        entities: set.entities,
        quotes: set.quotes,
        claims: set.claims,
    })
}

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| format!("{}-{}", s.start, s.end))
        .collect::<Vec<_>>()
        .join(",")
}

impl ShowReport {
    fn entity_text(&self, id: &str) -> String {
        match self.entities.iter().find(|e| e.id == id) {
            Some(e) => format!("{id} {}", table::cell(&e.text, 24)),
            None => id.to_owned(),
        }
    }

    /// The annotations as an aligned table: entities, then quotes, then claims.
    pub fn to_text(&self) -> String {
        let done = self
            .paragraphs
            .iter()
            .filter(|s| **s == ParagraphStatus::Done)
            .count();
        let mut out = format!(
            "{}: {} of {} paragraphs done; {} entities, {} quotes, {} claims{}\n",
            self.article.display(),
            done,
            self.paragraphs.len(),
            self.entities.len(),
            self.quotes.len(),
            self.claims.len(),
            if self.annotator.is_empty() {
                " (no annotation file)".to_owned()
            } else {
                format!(" (annotator {})", self.annotator)
            }
        );
        if self.entities.is_empty() && self.quotes.is_empty() && self.claims.is_empty() {
            return out;
        }
        let mut rows = vec![
            ["ID", "TYPE", "SPANS", "TEXT", "LINKS", "NOTE"]
                .map(String::from)
                .to_vec(),
        ];
        let note = |n: &Option<Text>| table::cell(n.as_deref().unwrap_or(""), 30);
        for e in &self.entities {
            rows.push(vec![
                e.id.to_string(),
                e.label.to_string(),
                spans(&e.spans),
                table::cell(&e.text, TEXT_WIDTH),
                String::new(),
                note(&e.note),
            ]);
        }
        for q in &self.quotes {
            let mut links = Vec::new();
            if let Some(cue) = &q.cue {
                links.push(format!("cue \"{}\"", table::cell(&cue.text, 20)));
            }
            if let Some(speaker) = &q.speaker {
                links.push(format!("speaker {}", self.entity_text(speaker)));
            }
            rows.push(vec![
                q.id.to_string(),
                format!("{:?} quote", q.kind).to_lowercase(),
                spans(&q.spans),
                table::cell(&q.text, TEXT_WIDTH),
                links.join("; "),
                note(&q.note),
            ]);
        }
        for c in &self.claims {
            let mut links = Vec::new();
            if let Some(claimant) = &c.claimant {
                links.push(format!("claimant {}", self.entity_text(claimant)));
            }
            if let Some(quote) = &c.quote {
                links.push(format!("in {quote}"));
            }
            match c.checkworthy {
                Some(Checkworthy::Yes) => links.push("check-worthy".into()),
                Some(Checkworthy::No) => links.push("not check-worthy".into()),
                None => {}
            }
            rows.push(vec![
                c.id.to_string(),
                "claim".into(),
                spans(&c.spans),
                table::cell(&c.text, TEXT_WIDTH),
                links.join("; "),
                note(&c.note),
            ]);
        }
        out.push('\n');
        out.push_str(&table::render(&rows));
        out
    }

    /// The annotations as pretty JSON: offsets as `[start, end]` pairs of characters.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data always serialises") + "\n"
    }
}

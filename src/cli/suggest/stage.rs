//! A predicted document's annotations made into the side file of its article: spans moved
//! onto the article's offsets, links named by their spans, every entry checked.

use foldhash::{HashMap, HashMapExt};
use std::path::Path;

use super::align::{Parting, align};
use crate::import::Imported;
use crate::model::{AnnotationSet, Document, Span};
use crate::suggest::predictions::{PredictedClaim, PredictedEntity, PredictedQuote, Predictions};

/// Line and column (1-based) of character `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before: String = text.chars().take(offset).collect();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn excerpt(text: &str, offset: usize) -> String {
    let piece: String = text.chars().skip(offset).take(20).collect();
    if piece.is_empty() {
        "the end".into()
    } else {
        format!("{piece:?}")
    }
}

/// The side file of `article` (read: `doc`) holding the predictions of `imported`, checked.
pub fn stage(
    article: &Path,
    doc: &Document,
    imported: &Imported,
    model: &str,
) -> Result<Predictions, String> {
    let alignment = align(imported.doc.text(), doc.text()).map_err(|p: Parting| {
        let (line, column) = line_column(doc.text(), p.article);
        format!(
            "document {}: its text is not {}'s: at {}:{line}:{column} the article has {}, the predictions {}",
            imported.name,
            article.display(),
            article.display(),
            excerpt(doc.text(), p.article),
            excerpt(imported.doc.text(), p.predicted),
        )
    })?;
    let file_name = article
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut predictions = Predictions::new(&file_name, doc, model);
    let set: &AnnotationSet = &imported.set;
    let one = |what: &str, spans: &[Span]| -> Result<Span, String> {
        match spans {
            [span] => Ok(alignment.place(*span)),
            _ => Err(format!(
                "document {}: {what} {:?} has {} fragments; a suggestion covers one stretch of text",
                imported.name,
                imported.doc.slice_fragments(spans),
                spans.len()
            )),
        }
    };
    // Links name their target by id: where each id's entry is (the first, if one repeats);
    // only quotes and claims link to entities.
    let linked = !set.quotes.is_empty() || !set.claims.is_empty();
    let mut entity_at: HashMap<&str, usize> = HashMap::new();
    for e in &set.entities {
        let span = one("entity", &e.spans)?;
        if linked {
            entity_at
                .entry(e.id.as_str())
                .or_insert(predictions.entities.len());
        }
        predictions.entities.push(PredictedEntity {
            span,
            text: doc.slice(span).into(),
            label: e.label.to_string(),
            score: None,
        });
    }
    let entity_span = |id: &str| entity_at.get(id).map(|&i| predictions.entities[i].span);
    let mut quotes = Vec::with_capacity(set.quotes.len());
    let mut quote_at: HashMap<&str, usize> = HashMap::with_capacity(set.quotes.len());
    for q in &set.quotes {
        let span = one("quote", &q.spans)?;
        let cue = q.cue.as_ref().map(|c| one("cue", &c.spans)).transpose()?;
        quote_at.entry(q.id.as_str()).or_insert(quotes.len());
        quotes.push(PredictedQuote {
            span,
            text: doc.slice(span).into(),
            kind: q.kind,
            cue,
            speaker: q.speaker.as_deref().and_then(entity_span),
            score: None,
        });
    }
    let mut claims = Vec::with_capacity(set.claims.len());
    for c in &set.claims {
        let span = one("claim", &c.spans)?;
        claims.push(PredictedClaim {
            span,
            text: doc.slice(span).into(),
            claimant: c.claimant.as_deref().and_then(entity_span),
            quote: c
                .quote
                .as_deref()
                .and_then(|id| quote_at.get(id))
                .map(|&i| quotes[i].span),
            checkworthy: c.checkworthy,
            score: None,
        });
    }
    predictions.quotes = quotes;
    predictions.claims = claims;
    predictions.check(doc).map_err(|p| {
        format!(
            "document {}: {}[{}] on {}: {}",
            imported.name,
            p.field,
            p.index,
            article.display(),
            p.problem
        )
    })?;
    Ok(predictions)
}

//! Checks a parsed annotation file against its article: every problem is an error, so the app
//! never opens (and later overwrites) annotations it did not read exactly.

use std::collections::HashSet;
use std::path::Path;

use crate::model::{AnnotationSet, Document, Span};

use super::error::{Place, Problem, StoreError};
use super::locate;

/// The article as the file describes it.
pub struct Header<'a> {
    /// Hex SHA-256 of the article text.
    pub sha256: &'a str,
    /// Length of the article in characters.
    pub chars: usize,
}

/// The file being checked, to point errors at the right place.
pub struct Source<'a> {
    /// Path of the annotation file.
    pub path: &'a Path,
    /// Its text.
    pub text: &'a str,
}

impl Source<'_> {
    fn at(&self, place: Option<Place>, problem: Problem) -> StoreError {
        StoreError::new(self.path, place, problem)
    }

    fn at_field(&self, name: &str, problem: Problem) -> StoreError {
        self.at(locate::field(self.text, name), problem)
    }

    fn at_id(&self, id: &str, problem: Problem) -> StoreError {
        self.at(locate::id(self.text, id, 0), problem)
    }
}

/// Checks the header, ids, spans, texts, links and id counters of `set` against `doc`.
pub fn check(
    src: &Source,
    header: &Header,
    set: &AnnotationSet,
    doc: &Document,
) -> Result<(), StoreError> {
    let actual = doc.sha256();
    if header.sha256 != actual {
        return Err(src.at_field(
            "sha256",
            Problem::ArticleChanged {
                stored: header.sha256.to_owned(),
                actual,
            },
        ));
    }
    if header.chars != doc.len_chars() {
        return Err(src.at_field(
            "chars",
            Problem::CharCount {
                stored: header.chars,
                actual: doc.len_chars(),
            },
        ));
    }
    if set.paragraphs.len() != doc.paragraphs().len() {
        return Err(src.at_field(
            "paragraphs",
            Problem::ParagraphCount {
                stored: set.paragraphs.len(),
                actual: doc.paragraphs().len(),
            },
        ));
    }
    check_ids(src, set)?;
    for e in &set.entities {
        check_text(src, doc, &e.id, false, &e.spans, &e.text)?;
    }
    for q in &set.quotes {
        check_text(src, doc, &q.id, false, &q.spans, &q.text)?;
        if let Some(cue) = &q.cue {
            check_text(src, doc, &q.id, true, &cue.spans, &cue.text)?;
        }
    }
    for c in &set.claims {
        check_text(src, doc, &c.id, false, &c.spans, &c.text)?;
    }
    check_links(src, set)
}

/// The number of an id `<prefix><number>`, if it has that form.
fn id_number(id: &str, prefix: char) -> Option<u64> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn check_ids(src: &Source, set: &AnnotationSet) -> Result<(), StoreError> {
    let kinds: [(&str, char, Vec<&str>, u64); 3] = [
        (
            "entity",
            'e',
            set.entities.iter().map(|x| x.id.as_str()).collect(),
            set.next_ids.entity,
        ),
        (
            "quote",
            'q',
            set.quotes.iter().map(|x| x.id.as_str()).collect(),
            set.next_ids.quote,
        ),
        (
            "claim",
            'c',
            set.claims.iter().map(|x| x.id.as_str()).collect(),
            set.next_ids.claim,
        ),
    ];
    let mut seen = HashSet::new();
    for (kind, prefix, ids, next) in kinds {
        let mut highest = 0;
        for id in ids {
            let Some(number) = id_number(id, prefix) else {
                let problem = Problem::BadId {
                    id: id.to_owned(),
                    prefix,
                };
                return Err(src.at_id(id, problem));
            };
            if !seen.insert(id) {
                let place = locate::id(src.text, id, 1);
                return Err(src.at(place, Problem::DuplicateId(id.to_owned())));
            }
            highest = highest.max(number);
        }
        if next <= highest {
            let problem = Problem::NextIds {
                kind,
                prefix,
                next,
                highest,
            };
            return Err(src.at_field("next_ids", problem));
        }
    }
    Ok(())
}

fn check_text(
    src: &Source,
    doc: &Document,
    id: &str,
    cue: bool,
    spans: &[Span],
    stored: &str,
) -> Result<(), StoreError> {
    if spans.is_empty() {
        let what = if cue { "its cue" } else { "the annotation" };
        return Err(src.at_id(
            id,
            Problem::NoSpan {
                id: id.into(),
                what,
            },
        ));
    }
    let len = doc.len_chars();
    let mut previous_end = 0;
    for &span in spans {
        let reason = if span.start > span.end {
            Some("ends before it starts".to_owned())
        } else if span.start == span.end {
            Some("is empty".to_owned())
        } else if span.end > len {
            Some(format!(
                "goes past the end of the article ({len} characters)"
            ))
        } else if span.start < previous_end {
            Some("overlaps or comes before the fragment before it".to_owned())
        } else {
            None
        };
        if let Some(reason) = reason {
            let problem = Problem::BadSpan {
                id: id.into(),
                span,
                reason,
            };
            return Err(src.at_id(id, problem));
        }
        previous_end = span.end;
    }
    let actual = doc.slice_fragments(spans);
    if actual != stored {
        let what = if cue { "cue text" } else { "text" };
        let problem = Problem::TextMismatch {
            id: id.into(),
            what,
            stored: stored.into(),
            actual,
        };
        return Err(src.at_id(id, problem));
    }
    Ok(())
}

fn check_links(src: &Source, set: &AnnotationSet) -> Result<(), StoreError> {
    let dangling = |id: &str, field, target: &str, kind| {
        let problem = Problem::DanglingLink {
            id: id.into(),
            field,
            target: target.into(),
            kind,
        };
        src.at_id(id, problem)
    };
    // The set is not sorted (nor indexed) yet: look ids up in sets, not by scanning.
    let entities: HashSet<&str> = set.entities.iter().map(|e| e.id.as_str()).collect();
    let quotes: HashSet<&str> = set.quotes.iter().map(|q| q.id.as_str()).collect();
    for q in &set.quotes {
        if let Some(speaker) = &q.speaker
            && !entities.contains(speaker.as_str())
        {
            return Err(dangling(&q.id, "speaker", speaker, "entity"));
        }
    }
    for c in &set.claims {
        if let Some(claimant) = &c.claimant
            && !entities.contains(claimant.as_str())
        {
            return Err(dangling(&c.id, "claimant", claimant, "entity"));
        }
        if let Some(quote) = &c.quote
            && !quotes.contains(quote.as_str())
        {
            return Err(dangling(&c.id, "quote", quote, "quote"));
        }
    }
    Ok(())
}

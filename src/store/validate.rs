//! Checks a parsed annotation file against its article: every problem is an error, so the app
//! never opens (and later overwrites) annotations it did not read exactly.
//!
//! [`problems`] gathers every problem of the file (for `tandai check`); [`check`] refuses on
//! the first of them (for opening).

use std::path::Path;

use foldhash::{HashMap as FastMap, HashSet as FastSet};

use crate::model::{AnnotationSet, Claim, Document, Item, Quote, Span};

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

/// Checks the header, ids, spans, texts, links and id counters of `set` against `doc`;
/// the first problem found is the error.
pub fn check(
    src: &Source,
    header: &Header,
    set: &AnnotationSet,
    doc: &Document,
) -> Result<(), StoreError> {
    match problems(src, header, set, doc).into_iter().next() {
        Some(first) => Err(first),
        None => Ok(()),
    }
}

/// Every problem of `set` against `doc`, in the order [`check`] meets them.
///
/// When the article changed (another hash or length), the spans are not compared with it: each
/// would differ, and the one real problem is the changed article.
pub fn problems(
    src: &Source,
    header: &Header,
    set: &AnnotationSet,
    doc: &Document,
) -> Vec<StoreError> {
    let mut found = Vec::new();
    let actual = doc.sha256();
    let same_article = header.sha256 == actual && header.chars == doc.len_chars();
    if header.sha256 != actual {
        found.push(src.at_field(
            "sha256",
            Problem::ArticleChanged {
                stored: header.sha256.to_owned(),
                actual,
            },
        ));
    }
    if header.chars != doc.len_chars() {
        found.push(src.at_field(
            "chars",
            Problem::CharCount {
                stored: header.chars,
                actual: doc.len_chars(),
            },
        ));
    }
    if set.paragraphs.len() != doc.paragraphs().len() {
        found.push(src.at_field(
            "paragraphs",
            Problem::ParagraphCount {
                stored: set.paragraphs.len(),
                actual: doc.paragraphs().len(),
            },
        ));
    }
    check_ids(src, set, &mut found);
    if same_article {
        for e in &set.entities {
            check_text(src, doc, &e.id, false, &e.spans, &e.text, &mut found);
        }
        for q in &set.quotes {
            check_text(src, doc, &q.id, false, &q.spans, &q.text, &mut found);
            if let Some(cue) = &q.cue {
                check_text(src, doc, &q.id, true, &cue.spans, &cue.text, &mut found);
            }
        }
        for c in &set.claims {
            check_text(src, doc, &c.id, false, &c.spans, &c.text, &mut found);
        }
    }
    check_links(src, set, &mut found);
    found
}

/// The number of an id `<prefix><number>`, if it has that form.
fn id_number(id: &str, prefix: char) -> Option<u64> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn check_ids(src: &Source, set: &AnnotationSet, found: &mut Vec<StoreError>) {
    let orphans = |kind: &'static str| {
        set.orphans
            .iter()
            .filter(move |o| o.kind_name() == kind)
            .map(Item::id)
    };
    let kinds: [(&str, char, Vec<&str>, u64); 3] = [
        (
            "entity",
            'e',
            (set.entities.iter().map(|x| x.id.as_str()))
                .chain(orphans("entity"))
                .collect(),
            set.next_ids.entity,
        ),
        (
            "quote",
            'q',
            (set.quotes.iter().map(|x| x.id.as_str()))
                .chain(orphans("quote"))
                .collect(),
            set.next_ids.quote,
        ),
        (
            "claim",
            'c',
            (set.claims.iter().map(|x| x.id.as_str()))
                .chain(orphans("claim"))
                .collect(),
            set.next_ids.claim,
        ),
    ];
    let mut seen: FastMap<&str, usize> = FastMap::default();
    seen.reserve(kinds.iter().map(|k| k.2.len()).sum());
    for (kind, prefix, ids, next) in kinds {
        let mut highest = 0;
        for id in ids {
            let copies = seen.entry(id).or_default();
            *copies += 1;
            if *copies > 1 {
                let place = locate::id(src.text, id, *copies - 1);
                found.push(src.at(place, Problem::DuplicateId(id.to_owned())));
                continue;
            }
            match id_number(id, prefix) {
                Some(number) => highest = highest.max(number),
                None => {
                    let problem = Problem::BadId {
                        id: id.to_owned(),
                        prefix,
                    };
                    found.push(src.at_id(id, problem));
                }
            }
        }
        if next <= highest {
            let problem = Problem::NextIds {
                kind,
                prefix,
                next,
                highest,
            };
            found.push(src.at_field("next_ids", problem));
        }
    }
}

fn check_text(
    src: &Source,
    doc: &Document,
    id: &str,
    cue: bool,
    spans: &[Span],
    stored: &str,
    found: &mut Vec<StoreError>,
) {
    if spans.is_empty() {
        let what = if cue { "its cue" } else { "the annotation" };
        found.push(src.at_id(
            id,
            Problem::NoSpan {
                id: id.into(),
                what,
            },
        ));
        return;
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
            found.push(src.at_id(id, problem));
            return;
        }
        previous_end = span.end;
    }
    let same = match spans {
        [one] => doc.slice(*one) == stored,
        _ => doc.slice_fragments(spans) == stored,
    };
    if !same {
        let actual = doc.slice_fragments(spans);
        let what = if cue { "cue text" } else { "text" };
        let problem = Problem::TextMismatch {
            id: id.into(),
            what,
            stored: stored.into(),
            actual,
        };
        found.push(src.at_id(id, problem));
    }
}

fn check_links<'a>(src: &Source, set: &'a AnnotationSet, found: &mut Vec<StoreError>) {
    let dangling = |id: &str, field, target: &str, kind| {
        let problem = Problem::DanglingLink {
            id: id.into(),
            field,
            target: target.into(),
            kind,
        };
        src.at_id(id, problem)
    };
    // The set is not sorted (nor indexed) yet: look ids up in sets, not by scanning. Orphans
    // are still annotations: links to and from them must resolve too.
    let ids = |kind: &str, listed: Vec<&'a str>| -> FastSet<&'a str> {
        let orphans = set.orphans.iter().filter(|o| o.kind_name() == kind);
        listed.into_iter().chain(orphans.map(Item::id)).collect()
    };
    let entities = ids(
        "entity",
        set.entities.iter().map(|e| e.id.as_str()).collect(),
    );
    let quotes = ids("quote", set.quotes.iter().map(|q| q.id.as_str()).collect());
    let check_quote = |q: &Quote, found: &mut Vec<StoreError>| {
        if let Some(speaker) = &q.speaker
            && !entities.contains(speaker.as_str())
        {
            found.push(dangling(&q.id, "speaker", speaker, "entity"));
        }
    };
    let check_claim = |c: &Claim, found: &mut Vec<StoreError>| {
        if let Some(claimant) = &c.claimant
            && !entities.contains(claimant.as_str())
        {
            found.push(dangling(&c.id, "claimant", claimant, "entity"));
        }
        if let Some(quote) = &c.quote
            && !quotes.contains(quote.as_str())
        {
            found.push(dangling(&c.id, "quote", quote, "quote"));
        }
    };
    set.quotes.iter().for_each(|q| check_quote(q, found));
    set.claims.iter().for_each(|c| check_claim(c, found));
    for orphan in &set.orphans {
        match orphan {
            Item::Quote(q) => check_quote(q, found),
            Item::Claim(c) => check_claim(c, found),
            Item::Entity(_) => {}
        }
    }
}

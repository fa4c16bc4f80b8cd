//! Test helpers: the sample article and an annotation set using every field.

use crate::model::{
    AnnotationSet, Checkworthy, Claim, Cue, Document, Entity, NextIds, ParagraphStatus, Quote,
    QuoteKind, ReviewStatus, Span,
};

/// The sample article.
pub const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

/// The sample article as a document.
pub fn sample_doc() -> Document {
    Document::new(SAMPLE)
}

/// Char span of the `nth` (0-based) occurrence of `needle` in `doc`.
pub fn find(doc: &Document, needle: &str, nth: usize) -> Span {
    let (byte, _) = doc.text().match_indices(needle).nth(nth).expect(needle);
    let start = doc.text()[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

/// A set over the sample with every field and every paragraph status in use.
pub fn full_set(doc: &Document) -> AnnotationSet {
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    let statuses = [
        ParagraphStatus::Done,
        ParagraphStatus::Skipped,
        ParagraphStatus::Flagged,
    ];
    for (slot, status) in set.paragraphs.iter_mut().zip(statuses) {
        *slot = status;
    }
    let entity = |id: &str, label: &str, spans: Vec<Span>, note: Option<&str>| Entity {
        id: id.into(),
        label: label.into(),
        text: doc.slice_fragments(&spans).into(),
        spans: spans.into(),
        note: note.map(Into::into),
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    };
    let choe = Span::new(41, 53);
    let lavrov = find(doc, "Sergei Lavrov", 0);
    set.entities = vec![
        entity("e1", "PER", vec![choe], None),
        entity(
            "e2",
            "PER",
            vec![lavrov],
            Some("Menlu \"Rusia\"\nbaris dua"),
        ),
    ];
    let quote_spans = vec![
        find(doc, "Korea Utara akan", 0),
        find(doc, "mendukung Rusia", 0),
    ];
    let cue = vec![find(doc, "menyatakan", 0)];
    set.quotes = vec![Quote {
        id: "q1".into(),
        kind: QuoteKind::Mixed,
        text: doc.slice_fragments(&quote_spans).into(),
        spans: quote_spans.into(),
        cue: Some(Cue {
            text: doc.slice_fragments(&cue).into(),
            spans: cue.into(),
        }),
        speaker: Some("e1".into()),
        note: Some("dua fragmen".into()),
        review: ReviewStatus::Rejected,
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }];
    let claim = vec![find(doc, "ribuan pasukan Korea Utara", 0)];
    set.claims = vec![Claim {
        id: "c1".into(),
        text: doc.slice_fragments(&claim).into(),
        spans: claim.into(),
        claimant: Some("e2".into()),
        quote: Some("q1".into()),
        checkworthy: Some(Checkworthy::Yes),
        note: Some("cek angka".into()),
        review: ReviewStatus::Accepted,
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }];
    set.next_ids = NextIds {
        entity: 3,
        quote: 2,
        claim: 2,
        relation: 1,
    };
    set.sort();
    set
}

//! Conversions between the frozen version-1 structs and the model.

use crate::model::IdKind;
use crate::model::{
    self, About, AnnotationSet, Checkworthy, Claim, Conflict, Cue, Entity, Fingerprint, Item,
    ParagraphStatus, Quote, QuoteKind, Rejection, ReviewStatus, Span, Spans, Text, Version,
};

use super::v1;

fn spans_in(pairs: &[v1::Pair]) -> Spans {
    pairs.iter().copied().map(Span::from).collect()
}

fn text_in(text: String) -> Text {
    Text::from(text)
}

fn attributes_in(list: Vec<v1::Attribute>) -> Vec<model::Attribute> {
    list.into_iter()
        .map(|a| model::Attribute {
            name: text_in(a.name),
            value: a.value.map(text_in),
        })
        .collect()
}

#[cfg(test)]
fn attributes_out(list: &[model::Attribute]) -> Vec<v1::Attribute> {
    list.iter()
        .map(|a| v1::Attribute {
            name: text_out(&a.name),
            value: a.value.as_ref().map(text_out),
        })
        .collect()
}

pub(super) fn relation_in(r: v1::Relation) -> model::Relation {
    model::Relation {
        id: text_in(r.id),
        kind: text_in(r.kind),
        from: text_in(r.from),
        to: text_in(r.to),
        note: r.note.map(text_in),
    }
}

#[cfg(test)]
fn relation_out(r: &model::Relation) -> v1::Relation {
    v1::Relation {
        id: text_out(&r.id),
        kind: text_out(&r.kind),
        from: text_out(&r.from),
        to: text_out(&r.to),
        note: r.note.as_ref().map(text_out),
    }
}

pub(super) fn kept_in(k: v1::Kept) -> model::Kept {
    model::Kept {
        format: text_in(k.format),
        lines: k.lines.into_iter().map(text_in).collect(),
        ids: (k.ids.into_iter())
            .map(|(id, what)| model::Origin {
                id: text_in(id),
                what: text_in(what),
            })
            .collect(),
    }
}

#[cfg(test)]
fn kept_out(k: &model::Kept) -> v1::Kept {
    v1::Kept {
        format: text_out(&k.format),
        lines: k.lines.iter().map(text_out).collect(),
        ids: (k.ids.iter())
            .map(|o| (text_out(&o.id), text_out(&o.what)))
            .collect(),
    }
}

fn by_in(names: Vec<String>) -> model::By {
    model::By::from_vec(names.into_iter().map(text_in).collect())
}

#[cfg(test)]
fn text_out(text: &Text) -> String {
    text.as_str().to_owned()
}

#[cfg(test)]
fn spans_out(spans: &[Span]) -> Vec<v1::Pair> {
    spans.iter().copied().map(<(usize, usize)>::from).collect()
}

pub(super) fn status_in(status: v1::Status) -> ParagraphStatus {
    match status {
        v1::Status::Todo => ParagraphStatus::Todo,
        v1::Status::Done => ParagraphStatus::Done,
        v1::Status::Skipped => ParagraphStatus::Skipped,
        v1::Status::Flagged => ParagraphStatus::Flagged,
    }
}

pub(super) fn status_out(status: ParagraphStatus) -> v1::Status {
    match status {
        ParagraphStatus::Todo => v1::Status::Todo,
        ParagraphStatus::Done => v1::Status::Done,
        ParagraphStatus::Skipped => v1::Status::Skipped,
        ParagraphStatus::Flagged => v1::Status::Flagged,
    }
}

pub(super) fn kind_in(kind: v1::QuoteKind) -> QuoteKind {
    match kind {
        v1::QuoteKind::Direct => QuoteKind::Direct,
        v1::QuoteKind::Indirect => QuoteKind::Indirect,
        v1::QuoteKind::Mixed => QuoteKind::Mixed,
    }
}

pub(super) fn kind_out(kind: QuoteKind) -> v1::QuoteKind {
    match kind {
        QuoteKind::Direct => v1::QuoteKind::Direct,
        QuoteKind::Indirect => v1::QuoteKind::Indirect,
        QuoteKind::Mixed => v1::QuoteKind::Mixed,
    }
}

pub(super) fn checkworthy_in(value: v1::Checkworthy) -> Checkworthy {
    match value {
        v1::Checkworthy::Yes => Checkworthy::Yes,
        v1::Checkworthy::No => Checkworthy::No,
    }
}

pub(super) fn checkworthy_out(value: Checkworthy) -> v1::Checkworthy {
    match value {
        Checkworthy::Yes => v1::Checkworthy::Yes,
        Checkworthy::No => v1::Checkworthy::No,
    }
}

pub(super) fn review_in(value: v1::Review) -> ReviewStatus {
    match value {
        v1::Review::Unreviewed => ReviewStatus::Unreviewed,
        v1::Review::Accepted => ReviewStatus::Accepted,
        v1::Review::Rejected => ReviewStatus::Rejected,
    }
}

pub(super) fn review_out(value: ReviewStatus) -> v1::Review {
    match value {
        ReviewStatus::Unreviewed => v1::Review::Unreviewed,
        ReviewStatus::Accepted => v1::Review::Accepted,
        ReviewStatus::Rejected => v1::Review::Rejected,
    }
}

pub(super) fn entity_in(e: v1::Entity) -> Entity {
    Entity {
        id: text_in(e.id),
        label: text_in(e.label),
        spans: spans_in(&e.spans),
        text: text_in(e.text),
        note: e.note.map(text_in),
        review: review_in(e.review),
        source: e.source,
        by: by_in(e.by),
        attributes: attributes_in(e.attributes),
    }
}

pub(super) fn quote_in(q: v1::Quote) -> Quote {
    Quote {
        id: text_in(q.id),
        kind: kind_in(q.kind),
        spans: spans_in(&q.spans),
        text: text_in(q.text),
        cue: q.cue.map(|c| Cue {
            spans: spans_in(&c.spans),
            text: text_in(c.text),
        }),
        speaker: q.speaker.map(text_in),
        note: q.note.map(text_in),
        review: review_in(q.review),
        source: q.source,
        by: by_in(q.by),
        attributes: attributes_in(q.attributes),
    }
}

pub(super) fn claim_in(c: v1::Claim) -> Claim {
    Claim {
        id: text_in(c.id),
        spans: spans_in(&c.spans),
        text: text_in(c.text),
        claimant: c.claimant.map(text_in),
        quote: c.quote.map(text_in),
        checkworthy: c.checkworthy.map(checkworthy_in),
        note: c.note.map(text_in),
        review: review_in(c.review),
        source: c.source,
        by: by_in(c.by),
        attributes: attributes_in(c.attributes),
    }
}

#[cfg(test)]
fn entity_out(e: &Entity) -> v1::Entity {
    v1::Entity {
        id: text_out(&e.id),
        label: text_out(&e.label),
        spans: spans_out(&e.spans),
        text: text_out(&e.text),
        note: e.note.as_ref().map(text_out),
        review: review_out(e.review),
        source: e.source.clone(),
        by: e.by.names().iter().map(text_out).collect(),
        attributes: attributes_out(&e.attributes),
    }
}

#[cfg(test)]
fn quote_out(q: &Quote) -> v1::Quote {
    v1::Quote {
        id: text_out(&q.id),
        kind: kind_out(q.kind),
        spans: spans_out(&q.spans),
        text: text_out(&q.text),
        cue: q.cue.as_ref().map(|c| v1::Cue {
            spans: spans_out(&c.spans),
            text: text_out(&c.text),
        }),
        speaker: q.speaker.as_ref().map(text_out),
        note: q.note.as_ref().map(text_out),
        review: review_out(q.review),
        source: q.source.clone(),
        by: q.by.names().iter().map(text_out).collect(),
        attributes: attributes_out(&q.attributes),
    }
}

#[cfg(test)]
fn claim_out(c: &Claim) -> v1::Claim {
    v1::Claim {
        id: text_out(&c.id),
        spans: spans_out(&c.spans),
        text: text_out(&c.text),
        claimant: c.claimant.as_ref().map(text_out),
        quote: c.quote.as_ref().map(text_out),
        checkworthy: c.checkworthy.map(checkworthy_out),
        note: c.note.as_ref().map(text_out),
        review: review_out(c.review),
        source: c.source.clone(),
        by: c.by.names().iter().map(text_out).collect(),
        attributes: attributes_out(&c.attributes),
    }
}

/// A version-1 file as read: its header, and its annotations as a model set, not yet checked
/// against the article nor sorted.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The file's version.
    pub version: u64,
    /// The article it describes.
    pub text: v1::TextRef,
    /// Who annotated.
    pub annotator: String,
    /// The annotations.
    pub set: AnnotationSet,
    /// Each paragraph's fingerprint, where the file has one that reads as such.
    pub fingerprints: Vec<Option<Fingerprint>>,
}

/// A paragraph's fingerprint as the file writes it, when it reads as one.
pub(super) fn fingerprint_in(hash: Option<&str>) -> Option<Fingerprint> {
    hash.and_then(Fingerprint::parse)
}

/// The file read by ron, as [`Parsed`].
pub fn parsed_from_v1(file: v1::Annotations) -> Parsed {
    let fingerprints = file
        .paragraphs
        .iter()
        .map(|p| fingerprint_in(p.hash.as_deref()))
        .collect();
    Parsed {
        version: file.version,
        text: file.text.clone(),
        annotator: file.annotator.clone(),
        set: set_from_v1(file),
        fingerprints,
    }
}

fn rejected_in(r: v1::Rejected) -> Rejection {
    Rejection {
        layer: match r.layer {
            v1::Layer::Entity => IdKind::Entity,
            v1::Layer::Quote => IdKind::Quote,
            v1::Layer::Claim => IdKind::Claim,
        },
        label: r.label.map(Text::from),
        span: Span::new(r.span.0, r.span.1),
        text: r.text.into(),
        source: r.source,
    }
}

/// The file's name of a rejection's layer.
pub(super) fn layer_out(layer: IdKind) -> v1::Layer {
    match layer {
        IdKind::Entity => v1::Layer::Entity,
        IdKind::Quote => v1::Layer::Quote,
        IdKind::Claim => v1::Layer::Claim,
    }
}

#[cfg(test)]
fn rejected_out(r: &Rejection) -> v1::Rejected {
    v1::Rejected {
        layer: layer_out(r.layer),
        label: r.label.as_ref().map(|l| l.to_string()),
        span: (r.span.start, r.span.end),
        text: r.text.to_string(),
        source: r.source.clone(),
    }
}

pub(super) fn version_in(version: v1::Version) -> Version {
    match version {
        v1::Version::Entity(e) => Version::Item(Item::Entity(entity_in(e))),
        v1::Version::Quote(q) => Version::Item(Item::Quote(quote_in(q))),
        v1::Version::Claim(c) => Version::Item(Item::Claim(claim_in(c))),
        v1::Version::Status(s) => Version::Status(status_in(s)),
    }
}

fn conflict_in(c: v1::Conflict) -> Conflict {
    Conflict {
        about: match c.about {
            v1::About::Annotation(id) => About::Annotation(id.into()),
            v1::About::Paragraph(n) => About::Paragraph(n),
        },
        reason: c.reason.into(),
        base: c.base.map(version_in),
        ours: c.ours.map(version_in),
        theirs: c.theirs.map(version_in),
    }
}

#[cfg(test)]
fn version_out(version: &Version) -> v1::Version {
    match version {
        Version::Item(Item::Entity(e)) => v1::Version::Entity(entity_out(e)),
        Version::Item(Item::Quote(q)) => v1::Version::Quote(quote_out(q)),
        Version::Item(Item::Claim(c)) => v1::Version::Claim(claim_out(c)),
        Version::Status(s) => v1::Version::Status(status_out(*s)),
    }
}

#[cfg(test)]
fn conflict_out(c: &Conflict) -> v1::Conflict {
    v1::Conflict {
        about: match &c.about {
            About::Annotation(id) => v1::About::Annotation(id.to_string()),
            About::Paragraph(n) => v1::About::Paragraph(*n),
        },
        reason: c.reason.to_string(),
        base: c.base.as_ref().map(version_out),
        ours: c.ours.as_ref().map(version_out),
        theirs: c.theirs.as_ref().map(version_out),
    }
}

/// The model's annotation set described by a version-1 file (not yet validated nor sorted);
/// the file's strings are moved, not copied.
///
/// The collections are converted in place, in the buffers the parser grew by doubling, so
/// they are shrunk to their length: at 100,000 annotations that gives back several MB.
pub fn set_from_v1(file: v1::Annotations) -> AnnotationSet {
    let orphans = file.orphans;
    let mut set = AnnotationSet {
        paragraphs: file
            .paragraphs
            .iter()
            .map(|p| status_in(p.status))
            .collect(),
        entities: file.entities.into_iter().map(entity_in).collect(),
        quotes: file.quotes.into_iter().map(quote_in).collect(),
        claims: file.claims.into_iter().map(claim_in).collect(),
        orphans: (orphans
            .entities
            .into_iter()
            .map(|e| Item::Entity(entity_in(e))))
        .chain(orphans.quotes.into_iter().map(|q| Item::Quote(quote_in(q))))
        .chain(orphans.claims.into_iter().map(|c| Item::Claim(claim_in(c))))
        .collect(),
        rejected: file.rejected.into_iter().map(rejected_in).collect(),
        conflicts: file.conflicts.into_iter().map(conflict_in).collect(),
        relations: file.relations.into_iter().map(relation_in).collect(),
        kept: file.kept.into_iter().map(kept_in).collect(),
        next_ids: model::NextIds {
            entity: file.next_ids.entity,
            quote: file.next_ids.quote,
            claim: file.next_ids.claim,
            relation: file.next_ids.relation,
        },
        ..AnnotationSet::default()
    };
    set.entities.shrink_to_fit();
    set.quotes.shrink_to_fit();
    set.claims.shrink_to_fit();
    set
}

/// The version-1 file describing `set` (already in its stable order): what ron serialises in
/// the tests of the writer, which writes the same text straight from the set.
#[cfg(test)]
pub fn set_to_v1(
    set: &AnnotationSet,
    prints: &[Option<Fingerprint>],
    text: v1::TextRef,
    annotator: &str,
) -> v1::Annotations {
    let mut orphans = v1::Orphans::default();
    for item in &set.orphans {
        match item {
            Item::Entity(e) => orphans.entities.push(entity_out(e)),
            Item::Quote(q) => orphans.quotes.push(quote_out(q)),
            Item::Claim(c) => orphans.claims.push(claim_out(c)),
        }
    }
    v1::Annotations {
        version: 1,
        text,
        annotator: annotator.to_owned(),
        paragraphs: set
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, s)| v1::ParagraphEntry {
                status: status_out(*s),
                hash: prints.get(i).copied().flatten().map(|p| p.to_string()),
            })
            .collect(),
        entities: set.entities.iter().map(entity_out).collect(),
        quotes: set.quotes.iter().map(quote_out).collect(),
        claims: set.claims.iter().map(claim_out).collect(),
        orphans,
        rejected: set.rejected.iter().map(rejected_out).collect(),
        conflicts: set.conflicts.iter().map(conflict_out).collect(),
        relations: set.relations.iter().map(relation_out).collect(),
        kept: set.kept.iter().map(kept_out).collect(),
        next_ids: v1::NextIds {
            entity: set.next_ids.entity,
            quote: set.next_ids.quote,
            claim: set.next_ids.claim,
            relation: set.next_ids.relation,
        },
    }
}

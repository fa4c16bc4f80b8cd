//! Random version-1 files for the property tests of the reader and the writer.

use proptest::prelude::*;

use super::v1::{
    About, Annotations, Attribute, Checkworthy, Claim, Conflict, Cue, Entity, Kept, Layer, NextIds,
    Orphans, Pair, ParagraphEntry, Quote, QuoteKind, Rejected, Relation, Review, Status, TextRef,
    Version,
};
use crate::model::Source;

/// Characters that test the escapes: quotes, backslashes, controls, combining marks,
/// bidi marks, a BOM, non-BMP, and RON's own punctuation.
pub(super) fn tricky_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        'a', 'Z', ' ', '"', '\\', '\'', '\n', '\t', '\r', '\0', '\u{1}', '\u{7f}', '\u{85}',
        '\u{301}', '\u{200e}', '\u{2028}', '\u{feff}', '“', '”', '–', 'é', '😀', '#', '/', '{',
        '}', '(', ')', ',', ':', '[',
    ])
}

pub(super) fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..12).prop_map(String::from_iter)
}

pub(super) fn spans() -> impl Strategy<Value = Vec<Pair>> {
    prop::collection::vec((0..5_000_000usize, 0..5_000_000usize), 0..3)
}

pub(super) fn review() -> impl Strategy<Value = Review> {
    prop::sample::select(vec![Review::Unreviewed, Review::Accepted, Review::Rejected])
}

/// A provenance: mostly typed (which the file leaves out), or any source, models named with
/// tricky characters where a name allows them.
pub(super) fn source() -> impl Strategy<Value = Source> {
    let model = "[a-zA-Z0-9_.:é😀-]{1,8}".prop_map(|name| Source::Model(name.into()));
    prop_oneof![
        3 => Just(Source::Typed),
        2 => prop::sample::select(Source::FIXED.to_vec()),
        1 => model,
    ]
}

/// Who made an annotation: mostly nobody (which the file leaves out), or a few names, tricky
/// characters included.
pub(super) fn by() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        3 => Just(Vec::new()),
        1 => prop::collection::vec(text(), 1..4),
    ]
}

/// An annotation's attributes: mostly none (which the file leaves out), or a few flags and
/// values with tricky characters.
pub(super) fn attributes() -> impl Strategy<Value = Vec<Attribute>> {
    let one =
        (text(), prop::option::of(text())).prop_map(|(name, value)| Attribute { name, value });
    prop_oneof![
        3 => Just(Vec::new()),
        1 => prop::collection::vec(one, 1..3),
    ]
}

/// A relation between two annotations.
pub(super) fn relation() -> impl Strategy<Value = Relation> {
    (text(), text(), text(), text(), prop::option::of(text())).prop_map(
        |(id, kind, from, to, note)| Relation {
            id,
            kind,
            from,
            to,
            note,
        },
    )
}

/// Kept lines of a source format, with their original layout.
pub(super) fn kept() -> impl Strategy<Value = Kept> {
    (
        text(),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec((text(), text()), 0..3),
    )
        .prop_map(|(format, lines, ids)| Kept { format, lines, ids })
}

/// A rejected suggestion.
pub(super) fn rejected() -> impl Strategy<Value = Rejected> {
    let layer = prop::sample::select(vec![Layer::Entity, Layer::Quote, Layer::Claim]);
    (
        layer,
        prop::option::of(text()),
        (0..5_000_000usize, 0..5_000_000usize),
        text(),
        source(),
    )
        .prop_map(|(layer, label, span, text, source)| Rejected {
            layer,
            label,
            span,
            text,
            source,
        })
}

pub(super) fn entity() -> impl Strategy<Value = Entity> {
    (
        text(),
        text(),
        spans(),
        text(),
        prop::option::of(text()),
        review(),
        (source(), by(), attributes()),
    )
        .prop_map(
            |(id, label, spans, text, note, review, (source, by, attributes))| Entity {
                id,
                label,
                spans,
                text,
                note,
                review,
                source,
                by,
                attributes,
            },
        )
}

pub(super) fn quote() -> impl Strategy<Value = Quote> {
    let kind = prop::sample::select(vec![
        QuoteKind::Direct,
        QuoteKind::Indirect,
        QuoteKind::Mixed,
    ]);
    let cue = prop::option::of((spans(), text()).prop_map(|(spans, text)| Cue { spans, text }));
    (
        (text(), kind, spans(), text()),
        (
            cue,
            prop::option::of(text()),
            prop::option::of(text()),
            review(),
            (source(), by(), attributes()),
        ),
    )
        .prop_map(
            |((id, kind, spans, text), (cue, speaker, note, review, (source, by, attributes)))| {
                Quote {
                    id,
                    kind,
                    spans,
                    text,
                    cue,
                    speaker,
                    note,
                    review,
                    source,
                    by,
                    attributes,
                }
            },
        )
}

pub(super) fn claim() -> impl Strategy<Value = Claim> {
    let checkworthy = prop::option::of(prop::sample::select(vec![
        Checkworthy::Yes,
        Checkworthy::No,
    ]));
    (
        (text(), spans(), text(), prop::option::of(text())),
        (
            prop::option::of(text()),
            checkworthy,
            prop::option::of(text()),
            review(),
            (source(), by(), attributes()),
        ),
    )
        .prop_map(
            |(
                (id, spans, text, claimant),
                (quote, checkworthy, note, review, (source, by, attributes)),
            )| {
                Claim {
                    id,
                    spans,
                    text,
                    claimant,
                    quote,
                    checkworthy,
                    note,
                    review,
                    source,
                    by,
                    attributes,
                }
            },
        )
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(vec![
        Status::Todo,
        Status::Done,
        Status::Skipped,
        Status::Flagged,
    ])
}

/// One side's version in a conflict: any annotation or status.
fn version() -> impl Strategy<Value = Version> {
    prop_oneof![
        entity().prop_map(Version::Entity),
        quote().prop_map(Version::Quote),
        claim().prop_map(Version::Claim),
        status().prop_map(Version::Status),
    ]
}

/// A recorded conflict, about an annotation or a paragraph, with any versions.
pub(super) fn conflict() -> impl Strategy<Value = Conflict> {
    let about = prop_oneof![
        text().prop_map(About::Annotation),
        any::<usize>().prop_map(About::Paragraph),
    ];
    (
        about,
        text(),
        prop::option::of(version()),
        prop::option::of(version()),
        prop::option::of(version()),
    )
        .prop_map(|(about, reason, base, ours, theirs)| Conflict {
            about,
            reason,
            base,
            ours,
            theirs,
        })
}

/// A paragraph's fingerprint as a file may hold it: valid, in capitals, or not one at all.
fn hash() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<u32>().prop_map(|n| format!("{n:08x}")),
        1 => any::<u32>().prop_map(|n| format!("{n:08X}")),
        1 => text(),
    ]
}

pub(super) fn file() -> impl Strategy<Value = Annotations> {
    let status = status();
    let orphans = (
        prop::collection::vec(entity(), 0..2),
        prop::collection::vec(quote(), 0..2),
        prop::collection::vec(claim(), 0..2),
    )
        .prop_map(|(entities, quotes, claims)| Orphans {
            entities,
            quotes,
            claims,
        });
    (
        (text(), text(), any::<usize>(), text()),
        prop::collection::vec(
            (status, prop::option::of(hash()))
                .prop_map(|(status, hash)| ParagraphEntry { status, hash }),
            0..4,
        ),
        (
            prop::collection::vec(entity(), 0..4),
            prop::collection::vec(quote(), 0..3),
            prop::collection::vec(claim(), 0..3),
        ),
        (
            orphans,
            prop::collection::vec(rejected(), 0..3),
            prop::collection::vec(conflict(), 0..3),
        ),
        (any::<u64>(), any::<u64>(), any::<u64>(), any::<u64>()),
        (
            prop::collection::vec(relation(), 0..3),
            prop::collection::vec(kept(), 0..2),
        ),
    )
        .prop_map(
            |(
                (file, sha256, chars, annotator),
                paragraphs,
                (entities, quotes, claims),
                (orphans, rejected, conflicts),
                ids,
                (relations, kept),
            )| {
                Annotations {
                    version: 1,
                    text: TextRef {
                        file,
                        sha256,
                        chars,
                    },
                    annotator,
                    paragraphs,
                    entities,
                    quotes,
                    claims,
                    orphans,
                    rejected,
                    conflicts,
                    relations,
                    kept,
                    next_ids: NextIds {
                        entity: ids.0,
                        quote: ids.1,
                        claim: ids.2,
                        relation: if ids.3 % 2 == 0 { 1 } else { ids.3 },
                    },
                }
            },
        )
}

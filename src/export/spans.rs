//! The spans of a layer, checked against the article, and the overlap rule of token formats.

use std::collections::BTreeMap;

use crate::model::span::hull;
use crate::model::{AnnotationSet, Document, Span};

use super::{CLAIM_TAG, Layer, QUOTE_TAG, Warning};

/// One contiguous fragment of an annotation, ready to be exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The characters covered.
    pub span: Span,
    /// The tag label (`PER`, `QUOTE`, `CLAIM`, …).
    pub label: String,
    /// Id of the annotation it belongs to.
    pub id: String,
}

/// The fragments of annotation `id` that can be exported: empty fragments and fragments
/// reaching past the end of the article are dropped with a warning, and a stored `text` that
/// differs from the article's text under the fragments is reported (the fragments are kept:
/// offsets are what every format writes).
pub fn checked_fragments(
    doc: &Document,
    doc_id: &str,
    id: &str,
    spans: &[Span],
    stored: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<Span> {
    let len = doc.len_chars();
    let mut kept = Vec::with_capacity(spans.len());
    for &span in spans {
        if span.is_empty() || span.end > len {
            warnings.push(Warning {
                doc_id: doc_id.to_owned(),
                span,
                text: String::new(),
                reason: format!(
                    "{id}: dropped, empty or past the end of the article ({len} chars)"
                ),
            });
        } else {
            kept.push(span);
        }
    }
    // One fragment (the usual case) is compared in place, without joining a copy.
    let differs = |spans: &[Span]| match spans {
        [one] => doc.slice(*one) != stored,
        _ => doc.slice_fragments(spans) != stored,
    };
    if kept.len() == spans.len() && !stored.is_empty() && differs(spans) {
        let actual = doc.slice_fragments(spans);
        let whole = hull(spans).unwrap_or_default();
        warnings.push(Warning::new(
            doc,
            doc_id,
            whole,
            format!(
                "{id}: stored text {stored:?} differs from the article's {actual:?} (offsets exported as stored)"
            ),
        ));
    }
    kept
}

/// Every exportable fragment of `layer`, in document order, labelled for token formats
/// (entity label, [`QUOTE_TAG`], [`CLAIM_TAG`]).
pub fn layer_pieces(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    warnings: &mut Vec<Warning>,
) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut add = |id: &str, label: &str, spans: &[Span], text: &str| {
        for span in checked_fragments(doc, doc_id, id, spans, text, warnings) {
            pieces.push(Piece {
                span,
                label: label.to_owned(),
                id: id.to_owned(),
            });
        }
    };
    match layer {
        Layer::Entities => {
            for e in &set.entities {
                add(&e.id, &e.label, &e.spans, &e.text);
            }
        }
        Layer::Quotes => {
            for q in &set.quotes {
                add(&q.id, QUOTE_TAG, &q.spans, &q.text);
            }
        }
        Layer::Claims => {
            for c in &set.claims {
                add(&c.id, CLAIM_TAG, &c.spans, &c.text);
            }
        }
    }
    pieces.sort_by_key(|p| (p.span.start, p.span.end));
    pieces
}

/// Removes overlaps within one layer: of two overlapping fragments the longer is kept (the
/// earlier on a tie in length), the other dropped and reported. Returns the kept fragments in
/// document order.
pub fn resolve_overlaps(
    doc: &Document,
    doc_id: &str,
    pieces: Vec<Piece>,
    warnings: &mut Vec<Warning>,
) -> Vec<Piece> {
    let mut by_priority: Vec<(usize, Piece)> = pieces.into_iter().enumerate().collect();
    by_priority.sort_by_key(|(order, p)| (std::cmp::Reverse(p.span.len()), p.span.start, *order));
    // Kept fragments never overlap, so by start they are also sorted by end: the ones a new
    // fragment overlaps are the last few starting before its end. Each maps to the order in
    // which it was kept, so the reported winner is the first kept, as a scan would find.
    let mut kept: BTreeMap<usize, (usize, Piece)> = BTreeMap::new();
    let mut dropped: Vec<(Span, Warning)> = Vec::new();
    for (_, piece) in by_priority {
        let winner = kept
            .range(..piece.span.end)
            .rev()
            .take_while(|(_, (_, k))| k.span.end > piece.span.start)
            .filter(|(_, (_, k))| k.span.overlaps(&piece.span))
            .min_by_key(|(_, (rank, _))| *rank)
            .map(|(_, (_, k))| k);
        match winner {
            Some(winner) => {
                let reason = format!(
                    "{} {}: dropped, overlaps the longer {} {} {}..{} in the same layer",
                    piece.id,
                    piece.label,
                    winner.id,
                    winner.label,
                    winner.span.start,
                    winner.span.end
                );
                dropped.push((piece.span, Warning::new(doc, doc_id, piece.span, reason)));
            }
            None => {
                let rank = kept.len();
                kept.insert(piece.span.start, (rank, piece));
            }
        }
    }
    dropped.sort_by_key(|(span, _)| (span.start, span.end));
    warnings.extend(dropped.into_iter().map(|(_, w)| w));
    kept.into_values().map(|(_, piece)| piece).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(id: &str, start: usize, end: usize) -> Piece {
        Piece {
            span: Span::new(start, end),
            label: "PER".into(),
            id: id.into(),
        }
    }

    #[test]
    fn longer_wins_then_earlier_and_every_loser_is_reported() {
        let doc = Document::new("abcdefghijklmnopqrstuvwxyz");
        let mut warnings = Vec::new();
        let kept = resolve_overlaps(
            &doc,
            "d",
            vec![
                piece("e1", 0, 3),
                piece("e2", 2, 10),
                piece("e3", 12, 15),
                piece("e4", 14, 17),
                piece("e5", 20, 22),
            ],
            &mut warnings,
        );
        let ids: Vec<&str> = kept.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["e2", "e3", "e5"]);
        let lost: Vec<(Span, &str)> = warnings.iter().map(|w| (w.span, w.text.as_str())).collect();
        assert_eq!(lost, [(Span::new(0, 3), "abc"), (Span::new(14, 17), "opq")]);
        assert!(warnings[0].reason.contains("e2"), "{}", warnings[0].reason);
    }

    #[test]
    fn bad_fragments_are_dropped_and_text_mismatch_reported() {
        let doc = Document::new("Satu dua tiga");
        let mut warnings = Vec::new();
        let kept = checked_fragments(
            &doc,
            "d",
            "e1",
            &[Span::new(0, 4), Span::new(5, 5), Span::new(9, 99)],
            "",
            &mut warnings,
        );
        assert_eq!(kept, [Span::new(0, 4)]);
        assert_eq!(warnings.len(), 2);
        warnings.clear();
        checked_fragments(&doc, "d", "e2", &[Span::new(0, 4)], "Dua", &mut warnings);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].reason.contains("differs"));
        warnings.clear();
        checked_fragments(
            &doc,
            "d",
            "e3",
            &[Span::new(0, 4), Span::new(9, 13)],
            "Satu … tiga",
            &mut warnings,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

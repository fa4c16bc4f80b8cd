//! Token tags (IOB2 or BIOES) for one layer of a document, shared by CoNLL and Hugging Face.

use crate::model::{AnnotationSet, Document, ParagraphStatus, Span};

use super::spans::{Piece, layer_pieces, resolve_overlaps};
use super::tokenize::{self, Token};
use super::{Layer, Options, Scheme, Unit, Warning};

/// The tag of tokens outside every span.
pub const OUTSIDE: &str = "O";

/// One token's tag, without building its string: `O`, or a prefix (`B`, `I`, `E`, `S`) and
/// a label. Displays as the tag (`O`, `B-PER`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    /// `None` for [`OUTSIDE`], else the prefix letter.
    pub prefix: Option<&'static str>,
    /// The label (empty for [`OUTSIDE`]).
    pub label: &'a str,
}

impl Tag<'_> {
    /// Writes the tag's bytes.
    pub fn write_to<W: std::io::Write + ?Sized>(&self, out: &mut W) -> std::io::Result<()> {
        match self.prefix {
            None => out.write_all(OUTSIDE.as_bytes()),
            Some(prefix) => {
                out.write_all(prefix.as_bytes())?;
                out.write_all(b"-")?;
                out.write_all(self.label.as_bytes())
            }
        }
    }
}

impl std::fmt::Display for Tag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.prefix {
            None => f.write_str(OUTSIDE),
            Some(prefix) => write!(f, "{prefix}-{}", self.label),
        }
    }
}

/// One block of a token format: a sentence or a paragraph, with a tag per token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedUnit<'a> {
    /// Number of the block in the document, counting from 0 over every block of the chosen
    /// unit, including those left out, so it stays the same as paragraphs get done.
    pub number: usize,
    /// The paragraph holding the block.
    pub paragraph: usize,
    /// The tokens.
    pub tokens: Vec<Token<'a>>,
    /// One tag per token (`O`, `B-PER`, …).
    pub tags: Vec<Tag<'a>>,
}

/// A [`TaggedUnit`] with owned token texts and tag strings, as [`tag_document`] returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedUnit {
    /// See [`TaggedUnit::number`].
    pub number: usize,
    /// The paragraph holding the block.
    pub paragraph: usize,
    /// The token texts.
    pub tokens: Vec<String>,
    /// One tag per token (`O`, `B-PER`, …).
    pub tags: Vec<String>,
}

/// Tags for a run of tokens, given for each token the index of the span holding it.
///
/// A span's tokens that follow each other form one run: `B-` then `I-` (IOB2), `I-` only
/// (IOB1, `B-` for the first token of a run that directly follows a run of the same label),
/// or `S-` for a single token, `B-`, `I-`, `E-` otherwise (BIOES; BILOU writes `U-` and `L-`
/// for `S-` and `E-`). Two runs of different spans touching each
/// other stay distinct (the second starts with `B-`/`S-`).
pub fn encode<'a>(
    owners: &[Option<usize>],
    label: impl Fn(usize) -> &'a str,
    scheme: Scheme,
) -> Vec<String> {
    encode_tags(owners, label, scheme)
        .iter()
        .map(Tag::to_string)
        .collect()
}

/// [`encode`] without building the tag strings.
pub fn encode_tags<'a>(
    owners: &[Option<usize>],
    label: impl Fn(usize) -> &'a str,
    scheme: Scheme,
) -> Vec<Tag<'a>> {
    (0..owners.len())
        .map(|t| {
            let Some(owner) = owners[t] else {
                return Tag {
                    prefix: None,
                    label: "",
                };
            };
            let begins = t == 0 || owners[t - 1] != Some(owner);
            let ends = t + 1 == owners.len() || owners[t + 1] != Some(owner);
            let after_same_label = begins
                && t > 0
                && owners[t - 1].is_some_and(|before| label(before) == label(owner));
            let prefix = match (scheme, begins, ends) {
                (Scheme::Iob2, true, _) => "B",
                (Scheme::Iob2, false, _) => "I",
                (Scheme::Iob1, true, _) if after_same_label => "B",
                (Scheme::Iob1, _, _) => "I",
                (Scheme::Bioes, true, true) => "S",
                (Scheme::Bioes, true, false) => "B",
                (Scheme::Bioes, false, true) => "E",
                (Scheme::Bioes, false, false) => "I",
                (Scheme::Bilou, true, true) => "U",
                (Scheme::Bilou, true, false) => "B",
                (Scheme::Bilou, false, true) => "L",
                (Scheme::Bilou, false, false) => "I",
            };
            Tag {
                prefix: Some(prefix),
                label: label(owner),
            }
        })
        .collect()
}

/// What was seen of one kept span while tagging.
#[derive(Default)]
struct Seen {
    /// Blocks holding a token of the span (numbers only grow, so the last one is enough to
    /// count them).
    units: usize,
    last_unit: Option<usize>,
    left_out: bool,
    hull: Option<Span>,
}

/// Tokenises and tags `layer` of the document: the blocks to write (paragraphs left out by
/// `only_done` are not returned) and the warnings (spans dropped by the overlap rule, spans
/// without any token, spans split over blocks, spans whose edges lie in white space).
pub fn tag_document(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    options: &Options,
) -> (Vec<OwnedUnit>, Vec<Warning>) {
    let mut units = Vec::new();
    let warnings = tag_document_each(doc, set, doc_id, layer, options, |unit| {
        units.push(OwnedUnit {
            number: unit.number,
            paragraph: unit.paragraph,
            tokens: unit.tokens.iter().map(|t| t.text.to_owned()).collect(),
            tags: unit.tags.iter().map(Tag::to_string).collect(),
        });
        Ok::<(), std::convert::Infallible>(())
    });
    match warnings {
        Ok(warnings) => (units, warnings),
        Err(never) => match never {},
    }
}

/// [`tag_document`] handing each block to `each` as soon as it is tagged, so a document's
/// blocks are never all in memory; stops at the first error of `each`. Returns the warnings.
pub fn tag_document_each<E>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    options: &Options,
    mut each: impl FnMut(TaggedUnit<'_>) -> Result<(), E>,
) -> Result<Vec<Warning>, E> {
    let mut warnings = Vec::new();
    let pieces = layer_pieces(doc, set, doc_id, layer, &mut warnings);
    let kept: Vec<Piece> = resolve_overlaps(doc, doc_id, pieces, &mut warnings);
    let mut cuts: Vec<usize> = kept
        .iter()
        .flat_map(|p| [p.span.start, p.span.end])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let spans: Vec<Span> = kept.iter().map(|p| p.span).collect();
    let mut seen: Vec<Seen> = kept.iter().map(|_| Seen::default()).collect();
    let mut owners_of = Owners {
        spans: &spans,
        next: 0,
    };
    let mut number = 0;
    for paragraph in 0..doc.paragraphs().len() {
        let status = set.paragraphs.get(paragraph).copied().unwrap_or_default();
        let included = !options.only_done || status == ParagraphStatus::Done;
        let tokens = tokenize::tokens(doc, paragraph, &cuts);
        let ranges = match options.unit {
            Unit::Sentences => tokenize::sentences(doc, paragraph, &tokens, &spans),
            Unit::Paragraphs if tokens.is_empty() => Vec::new(),
            Unit::Paragraphs => std::iter::once(0..tokens.len()).collect(),
        };
        // The ranges cover the tokens in order: move each block's tokens out, no copies.
        let mut rest = tokens.into_iter();
        for range in ranges {
            let unit_tokens: Vec<Token> = rest.by_ref().take(range.len()).collect();
            let owners: Vec<Option<usize>> =
                unit_tokens.iter().map(|t| owners_of.of(t.span)).collect();
            for (token, owner) in unit_tokens.iter().zip(&owners) {
                if let Some(o) = *owner {
                    let s = &mut seen[o];
                    if included {
                        if s.last_unit != Some(number) {
                            s.units += 1;
                            s.last_unit = Some(number);
                        }
                        s.hull = Some(s.hull.map_or(token.span, |h| h.union(&token.span)));
                    } else {
                        s.left_out = true;
                    }
                }
            }
            if included {
                let tags = encode_tags(&owners, |o| kept[o].label.as_str(), options.scheme);
                each(TaggedUnit {
                    number,
                    paragraph,
                    tokens: unit_tokens,
                    tags,
                })?;
            }
            number += 1;
        }
    }
    for (piece, s) in kept.iter().zip(&seen) {
        let name = format!("{} {}", piece.id, piece.label);
        let reason = if s.units == 0 && !s.left_out {
            format!("{name}: dropped, covers no token")
        } else if s.units > 1 {
            format!(
                "{name}: split over {} blocks, each part starts a new span",
                s.units
            )
        } else if s.left_out && s.units > 0 {
            format!(
                "{name}: partly in a paragraph left out, only the part in a Done one is written"
            )
        } else if let Some(hull) = s.hull.filter(|h| *h != piece.span) {
            format!(
                "{name}: edges in white space, tokens cover {}..{}",
                hull.start, hull.end
            )
        } else {
            continue;
        };
        warnings.push(Warning::new(doc, doc_id, piece.span, reason));
    }
    Ok(warnings)
}

/// Finds which of the spans (sorted, not overlapping) holds each token, for tokens asked
/// about in document order: one cursor moves forward through the spans.
struct Owners<'a> {
    spans: &'a [Span],
    /// The first span that does not end before the last token asked about.
    next: usize,
}

impl Owners<'_> {
    /// Index of the span holding the whole `token`, if any; `token` must not start before
    /// the one asked about last.
    fn of(&mut self, token: Span) -> Option<usize> {
        while self
            .spans
            .get(self.next)
            .is_some_and(|s| s.end <= token.start)
        {
            self.next += 1;
        }
        let i = self.next;
        self.spans
            .get(i)
            .filter(|s| s.start <= token.start && token.end <= s.end)
            .map(|_| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_iob2_and_bioes() {
        let owners = [None, Some(0), Some(0), Some(0), Some(1), None, Some(2)];
        let labels = ["PER", "ORG", "LOC"];
        assert_eq!(
            encode(&owners, |o| labels[o], Scheme::Iob2),
            ["O", "B-PER", "I-PER", "I-PER", "B-ORG", "O", "B-LOC"]
        );
        assert_eq!(
            encode(&owners, |o| labels[o], Scheme::Bioes),
            ["O", "B-PER", "I-PER", "E-PER", "S-ORG", "O", "S-LOC"]
        );
    }

    #[test]
    fn iob1_writes_b_only_between_runs_of_one_label() {
        let owners = [Some(0), Some(0), Some(1), Some(2), None, Some(3)];
        let labels = ["PER", "PER", "PER", "LOC"];
        assert_eq!(
            encode(&owners, |o| labels[o], Scheme::Iob1),
            ["I-PER", "I-PER", "B-PER", "B-PER", "O", "I-LOC"]
        );
        let owners = [Some(0), Some(1)];
        assert_eq!(
            encode(&owners, |o| ["PER", "LOC"][o], Scheme::Iob1),
            ["I-PER", "I-LOC"]
        );
    }

    #[test]
    fn adjacent_spans_of_one_label_stay_apart() {
        let owners = [Some(0), Some(1), Some(1)];
        assert_eq!(
            encode(&owners, |_| "PER", Scheme::Iob2),
            ["B-PER", "B-PER", "I-PER"]
        );
    }

    #[test]
    fn owner_needs_the_whole_token_inside() {
        let spans = [Span::new(2, 5), Span::new(7, 9), Span::new(12, 13)];
        let mut owners = Owners {
            spans: &spans,
            next: 0,
        };
        assert_eq!(owners.of(Span::new(0, 1)), None);
        assert_eq!(owners.of(Span::new(2, 3)), Some(0));
        assert_eq!(owners.of(Span::new(4, 5)), Some(0));
        assert_eq!(owners.of(Span::new(5, 7)), None);
        assert_eq!(owners.of(Span::new(7, 9)), Some(1));
        assert_eq!(owners.of(Span::new(8, 10)), None);
        assert_eq!(owners.of(Span::new(13, 14)), None);
    }
}

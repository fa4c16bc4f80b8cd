//! Quote roles as token tags, for training quote attribution models: every token tagged with
//! its role in a quote, PolNeAR's attribution roles (as in the Indonesian PFSA-ID data).
//!
//! - `SOURCE`: the quote's speaker (the fragments of its speaker entity);
//! - `CUE`: the quote's cue (`kata`, `ujar` of `ujarnya`);
//! - `CONTENT`: the quoted content.
//!
//! Lines are CoNLL-like columns, `TOKEN -X- QUOTES TAG`: `QUOTES` names the quote(s) the
//! token's role belongs to (`q1`, or `q1,q3` for a speaker of two quotes; `_` outside every
//! role), `TAG` is the role in IOB2 (`B-SOURCE`), BIOES or BILOU (`--scheme`). Each document
//! starts with `-DOCSTART- -X- _ O` and a blank line; each block (sentence or paragraph,
//! [`super::Unit`]) ends with a blank line. Tokens are tandai's ([`super::tokenize`]), cut at
//! every edge of every role, so every role falls on token boundaries; paragraphs not Done are
//! left out unless `--all-paragraphs`.
//!
//! **Overlaps.** A token in several roles takes one: a cue before a source before content (the
//! smaller, more specific role wins, so a speaker named inside someone else's quote, or a
//! cue inside mixed content, keeps its own tag and cuts the content around it); within one
//! role, the longer span, then the earlier. The same span in the same role for several quotes
//! (one speaker of two quotes) is one run naming every quote. A role left with no token is
//! reported.

use std::io::Write;

use crate::model::{AnnotationSet, Document, ParagraphStatus, Span};

use super::bio::encode_tags;
use super::spans::checked_fragments;
use super::tokenize::{self, Token};
use super::{ExportError, Options, Unit, Warning};

/// The line opening every document.
pub const DOCSTART_ROLES: &str = "-DOCSTART- -X- _ O";

/// A role in a quote, in the order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The cue.
    Cue,
    /// The speaker.
    Source,
    /// The quoted content.
    Content,
}

impl Role {
    /// The tag label.
    pub fn label(self) -> &'static str {
        match self {
            Role::Cue => "CUE",
            Role::Source => "SOURCE",
            Role::Content => "CONTENT",
        }
    }
}

/// One contiguous span in one role, with the quotes it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolePiece {
    /// The characters.
    pub span: Span,
    /// The role.
    pub role: Role,
    /// The ids of the quotes, in the set's order, joined by `,`.
    pub quotes: String,
}

/// Every role span of the document's quotes, sorted by start, identical ones merged.
pub fn role_pieces(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<RolePiece> {
    let mut pieces: Vec<RolePiece> = Vec::new();
    let mut add = |span: Span, role: Role, quote: &str| match pieces
        .iter_mut()
        .find(|p| p.span == span && p.role == role)
    {
        Some(p) if !p.quotes.split(',').any(|q| q == quote) => {
            p.quotes.push(',');
            p.quotes.push_str(quote);
        }
        Some(_) => {}
        None => pieces.push(RolePiece {
            span,
            role,
            quotes: quote.to_owned(),
        }),
    };
    for q in &set.quotes {
        for span in checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, warnings) {
            add(span, Role::Content, &q.id);
        }
        if let Some(cue) = &q.cue {
            let id = format!("{} cue", q.id);
            for span in checked_fragments(doc, doc_id, &id, &cue.spans, &cue.text, warnings) {
                add(span, Role::Cue, &q.id);
            }
        }
        let Some(speaker) = q.speaker.as_deref() else {
            continue;
        };
        let Some(e) = set.entity(speaker) else {
            warnings.push(Warning {
                doc_id: doc_id.to_owned(),
                span: Span::default(),
                text: String::new(),
                reason: format!("{}: speaker {speaker} does not exist; no SOURCE", q.id),
            });
            continue;
        };
        for span in checked_fragments(doc, doc_id, &e.id, &e.spans, &e.text, warnings) {
            add(span, Role::Source, &q.id);
        }
    }
    pieces.sort_by_key(|p| (p.span.start, p.span.end, p.role));
    pieces
}

/// The piece a token takes among those holding it (see the module docs), or `None`.
fn owner(pieces: &[RolePiece], candidates: &[usize], token: Span) -> Option<usize> {
    candidates
        .iter()
        .copied()
        .filter(|&i| pieces[i].span.start <= token.start && token.end <= pieces[i].span.end)
        .min_by_key(|&i| {
            let p = &pieces[i];
            (p.role, std::cmp::Reverse(p.span.len()), p.span.start, i)
        })
}

/// The union of `spans` (sorted by start) as sorted spans that do not overlap.
fn merged(spans: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Writes the quote roles of one document; returns what was dropped.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let mut warnings = Vec::new();
    let pieces = role_pieces(doc, set, doc_id, &mut warnings);
    let mut cuts: Vec<usize> = pieces
        .iter()
        .flat_map(|p| [p.span.start, p.span.end])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut used = vec![false; pieces.len()];
    let mut shown = vec![false; pieces.len()];
    writeln!(out, "{DOCSTART_ROLES}\n")?;
    for paragraph in 0..doc.paragraphs().len() {
        let status = set.paragraphs.get(paragraph).copied().unwrap_or_default();
        if options.only_done && status != ParagraphStatus::Done {
            continue;
        }
        let Some(p) = doc.paragraph(paragraph) else {
            continue;
        };
        let here: Vec<usize> = (0..pieces.len())
            .filter(|&i| pieces[i].span.overlaps(&p.chars))
            .collect();
        for &i in &here {
            shown[i] = true;
        }
        let tokens = tokenize::tokens(doc, paragraph, &cuts);
        let ranges = match options.unit {
            Unit::Sentences => {
                let keep = merged(here.iter().map(|&i| pieces[i].span));
                tokenize::sentences(doc, paragraph, &tokens, &keep)
            }
            Unit::Paragraphs if tokens.is_empty() => Vec::new(),
            Unit::Paragraphs => std::iter::once(0..tokens.len()).collect(),
        };
        for range in ranges {
            let block: &[Token] = &tokens[range];
            let owners: Vec<Option<usize>> = block
                .iter()
                .map(|t| owner(&pieces, &here, t.span))
                .collect();
            let tags = encode_tags(&owners, |o| pieces[o].role.label(), options.scheme);
            for ((token, tag), owner) in block.iter().zip(&tags).zip(&owners) {
                out.write_all(token.text.as_bytes())?;
                out.write_all(b" -X- ")?;
                match owner {
                    Some(o) => {
                        used[*o] = true;
                        out.write_all(pieces[*o].quotes.as_bytes())?;
                    }
                    None => out.write_all(b"_")?,
                }
                out.write_all(b" ")?;
                tag.write_to(out)?;
                out.write_all(b"\n")?;
            }
            out.write_all(b"\n")?;
        }
    }
    for (i, piece) in pieces.iter().enumerate() {
        if shown[i] && !used[i] {
            warnings.push(Warning::new(
                doc,
                doc_id,
                piece.span,
                format!(
                    "{} {}: every token taken by another role, not written",
                    piece.quotes,
                    piece.role.label()
                ),
            ));
        }
    }
    Ok(warnings)
}

//! Claims for check-worthiness models, sentence by sentence: the CheckThat! lab's TSV and
//! ClaimBuster's CSV.
//!
//! Each sentence (UAX #29, as [`Document::sentences`] gives them, trailing white space left
//! out) of a paragraph marked Done is one row; paragraphs not Done are left out, since their
//! sentences without a claim are not known to hold none. A sentence overlapping a fragment of
//! a claim is positive; every other sentence is negative:
//!
//! | sentence | CheckThat! `class_label` | ClaimBuster `Verdict` |
//! | --- | --- | --- |
//! | overlaps a claim marked check-worthy, or not yet marked | `Yes` | `1` (check-worthy factual) |
//! | overlaps only claims marked not check-worthy | `No` | `0` (unimportant factual) |
//! | overlaps no claim | `No` | `-1` (non-factual) |
//!
//! A claim is a factual assertion that could be checked, so one marked not worth checking is
//! ClaimBuster's "unimportant factual sentence" (0); a sentence in which the annotator marked
//! no claim holds no checkable fact, ClaimBuster's "non-factual sentence" (-1).
//!
//! `Sentence_id` is `<doc id>:<n>`, `n` counting every sentence of the document from 1 (those
//! of paragraphs left out too), so it stays the same as paragraphs get done. ClaimBuster's
//! `Speaker` is the claimant of the first deciding claim that has one (else the speaker of its
//! quote), or empty.
//!
//! CheckThat! follows the 2024 lab's Task 1 (check-worthiness estimation in text), whose
//! English files are `Sentence_id<TAB>Text<TAB>class_label` with `Yes` / `No`. ClaimBuster's
//! columns are a subset of its dataset's (`Sentence_id`, `Text`, `Speaker`, `Verdict`). Both
//! quote a field as CSV does (RFC 4180): a field holding the separator, a `"`, a CR or a LF is
//! put between double quotes with each `"` doubled, which is what pandas' `read_csv` (with
//! `sep="\t"` for the TSV) and Python's `csv` module read back exactly.

use std::io::Write;

use crate::model::{AnnotationSet, Checkworthy, Claim, Document, ParagraphStatus, Span};

use super::tokenize::sentence_bounds;
use super::{ExportError, Warning};

/// The header row of the CheckThat! TSV.
pub const CHECKTHAT_HEADER: &str = "Sentence_id\tText\tclass_label\n";
/// The header row of the ClaimBuster CSV.
pub const CLAIMBUSTER_HEADER: &str = "Sentence_id,Text,Speaker,Verdict\n";

/// What a sentence is, by the claims it overlaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// No claim: ClaimBuster's non-factual sentence.
    NonFactual,
    /// Only claims marked not worth checking: ClaimBuster's unimportant factual sentence.
    Unimportant,
    /// A claim marked check-worthy or not yet marked.
    CheckWorthy,
}

impl Verdict {
    /// ClaimBuster's number: -1, 0 or 1.
    pub fn claimbuster(self) -> &'static str {
        match self {
            Verdict::NonFactual => "-1",
            Verdict::Unimportant => "0",
            Verdict::CheckWorthy => "1",
        }
    }

    /// CheckThat!'s label: `Yes` for check-worthy, else `No`.
    pub fn checkthat(self) -> &'static str {
        match self {
            Verdict::CheckWorthy => "Yes",
            _ => "No",
        }
    }

    fn of(claim: &Claim) -> Self {
        match claim.checkworthy {
            Some(Checkworthy::No) => Verdict::Unimportant,
            Some(Checkworthy::Yes) | None => Verdict::CheckWorthy,
        }
    }
}

/// One row: a sentence of a Done paragraph and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The sentence's number in the document, from 1.
    pub number: usize,
    /// Its characters.
    pub span: Span,
    /// Its text.
    pub text: &'a str,
    /// Its verdict.
    pub verdict: Verdict,
    /// The claimant (or quote speaker) of the first deciding claim that has one.
    pub speaker: Option<&'a str>,
}

/// The rows of one document, handed to `each` in order; returns a warning for each claim
/// that reaches no row (all of it in paragraphs left out).
pub fn rows<'a, E>(
    doc: &'a Document,
    set: &'a AnnotationSet,
    doc_id: &str,
    mut each: impl FnMut(Row<'a>) -> Result<(), E>,
) -> Result<Vec<Warning>, E> {
    let mut written: Vec<bool> = vec![false; set.claims.len()];
    let mut number = 0;
    for paragraph in 0..doc.paragraphs().len() {
        let done = set.paragraphs.get(paragraph) == Some(&ParagraphStatus::Done);
        let Some(p) = doc.paragraph(paragraph) else {
            continue;
        };
        let text = doc.paragraph_text(paragraph);
        let ascii = text.is_ascii();
        let (mut byte, mut chars) = (0, p.chars.start);
        for (b, sentence) in sentence_bounds(text) {
            let sentence = sentence.trim_end();
            if sentence.is_empty() {
                continue;
            }
            chars += if ascii {
                b - byte
            } else {
                text[byte..b].chars().count()
            };
            byte = b;
            number += 1;
            if !done {
                continue;
            }
            let len = if ascii {
                sentence.len()
            } else {
                sentence.chars().count()
            };
            let span = Span::new(chars, chars + len);
            let (verdict, speaker) = judge(set, span, &mut written);
            each(Row {
                number,
                span,
                text: sentence,
                verdict,
                speaker,
            })?;
        }
    }
    let warnings = set
        .claims
        .iter()
        .zip(&written)
        .filter(|(_, written)| !**written)
        .map(|(claim, _)| {
            let whole = crate::model::span::hull(&claim.spans).unwrap_or_default();
            let span = Span::new(
                whole.start.min(doc.len_chars()),
                whole.end.min(doc.len_chars()),
            );
            Warning::new(
                doc,
                doc_id,
                span,
                format!("{}: in no sentence of a Done paragraph, left out", claim.id),
            )
        })
        .collect();
    Ok(warnings)
}

/// The verdict of the sentence `span` and its speaker; marks the claims it overlaps.
fn judge<'a>(
    set: &'a AnnotationSet,
    span: Span,
    written: &mut [bool],
) -> (Verdict, Option<&'a str>) {
    let near = set.claims_near(span);
    // `near` is a window of `set.claims`: its position there gives each claim's index.
    let first = offset_in(&set.claims, near);
    let mut verdict = Verdict::NonFactual;
    let mut speaker = None;
    for (i, claim) in near.iter().enumerate() {
        if !claim.spans.iter().any(|s| s.overlaps(&span)) {
            continue;
        }
        written[first + i] = true;
        let this = Verdict::of(claim);
        let this_speaker = speaker_of(set, claim);
        if this > verdict {
            verdict = this;
            speaker = this_speaker;
        } else if this == verdict && speaker.is_none() {
            speaker = this_speaker;
        }
    }
    (verdict, speaker)
}

/// Index of the first element of `window` (a subslice of `list`) in `list`.
fn offset_in<T>(list: &[T], window: &[T]) -> usize {
    if window.is_empty() || std::mem::size_of::<T>() == 0 {
        return 0;
    }
    (window.as_ptr() as usize - list.as_ptr() as usize) / std::mem::size_of::<T>()
}

/// The claimant's text, else the text of the speaker of the claim's quote.
fn speaker_of<'a>(set: &'a AnnotationSet, claim: &Claim) -> Option<&'a str> {
    let claimant = claim.claimant.as_deref().and_then(|id| set.entity(id));
    let speaker = || {
        let quote = set.quote(claim.quote.as_deref()?)?;
        set.entity(quote.speaker.as_deref()?)
    };
    claimant.or_else(speaker).map(|e| e.text.as_str())
}

/// Writes `field` for a table separated by `separator`, quoted when it must be (see the
/// module docs).
pub fn write_field<W: Write + ?Sized>(
    out: &mut W,
    field: &str,
    separator: u8,
) -> std::io::Result<()> {
    let needs = field
        .bytes()
        .any(|b| b == separator || matches!(b, b'"' | b'\r' | b'\n'));
    if !needs {
        return out.write_all(field.as_bytes());
    }
    out.write_all(b"\"")?;
    let mut rest = field;
    while let Some(at) = rest.find('"') {
        out.write_all(&rest.as_bytes()[..=at])?;
        out.write_all(b"\"")?;
        rest = &rest[at + 1..];
    }
    out.write_all(rest.as_bytes())?;
    out.write_all(b"\"")
}

/// Writes one `Sentence_id` (`<doc id>:<n>`) field.
fn write_id<W: Write + ?Sized>(
    out: &mut W,
    doc_id: &str,
    number: usize,
    separator: u8,
) -> std::io::Result<()> {
    write_field(out, &format!("{doc_id}:{number}"), separator)
}

/// Writes the CheckThat! rows of one document (the header is the format's framing).
pub fn write_checkthat<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let warnings = rows(doc, set, doc_id, |row| {
        write_id(out, doc_id, row.number, b'\t')?;
        out.write_all(b"\t")?;
        write_field(out, row.text, b'\t')?;
        out.write_all(b"\t")?;
        out.write_all(row.verdict.checkthat().as_bytes())?;
        out.write_all(b"\n")
    })?;
    Ok(warnings)
}

/// Writes the ClaimBuster rows of one document (the header is the format's framing).
pub fn write_claimbuster<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let warnings = rows(doc, set, doc_id, |row| {
        write_id(out, doc_id, row.number, b',')?;
        out.write_all(b",")?;
        write_field(out, row.text, b',')?;
        out.write_all(b",")?;
        write_field(out, row.speaker.unwrap_or_default(), b',')?;
        out.write_all(b",")?;
        out.write_all(row.verdict.claimbuster().as_bytes())?;
        out.write_all(b"\n")
    })?;
    Ok(warnings)
}

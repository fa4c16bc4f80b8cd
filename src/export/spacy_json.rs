//! spaCy v2's JSON training format, which `python -m spacy convert FILE.json OUT/` turns into
//! the `.spacy` files `spacy train` reads.
//!
//! The file is one JSON array (see [`super::Format::framing`]); each document is one element:
//!
//! ```json
//! {"id": "<doc id>", "paragraphs": [
//!   {"raw": "<paragraph text>", "sentences": [
//!     {"tokens": [{"id": 0, "orth": "Menlu", "space": " ", "ner": "O"}, …], "brackets": []}]}]}
//! ```
//!
//! One spaCy paragraph per paragraph of the article (left out unless Done, as in every token
//! format), one sentence per block ([`super::Unit`]), tandai's own tokens ([`super::tokenize`]:
//! cut at every span edge, so every span of the layer aligns) with `ner` in BILUO whatever
//! `--scheme` says. `space` is the white space after a token as spaCy keeps it: `" "` or
//! `""`; any other white space between two tokens (two spaces, a tab, a no-break space)
//! becomes a token of its own, as spaCy's tokenizer makes it, so that the tokens and their
//! spaces give back `raw` exactly. Such a token inside a span continues it (`I-`), else `O`.

use std::io::{self, Write};

use crate::model::{AnnotationSet, Document};

use super::bio::{OUTSIDE, Tag, TaggedUnit, tag_document_each};
use super::{ExportError, Layer, Options, Scheme, Warning};

/// Writes `layer` of one document as an element of spaCy's JSON array (without the comma or
/// the brackets of the array); returns the warnings of tagging.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    out.write_all(b"{\"id\":")?;
    serde_json::to_writer(&mut *out, doc_id)?;
    out.write_all(b",\"paragraphs\":[")?;
    let options = Options {
        scheme: Scheme::Bilou,
        ..options.clone()
    };
    let mut writer = Paragraphs {
        doc,
        out: &mut *out,
        paragraph: None,
        next_id: 0,
        sentence_empty: true,
        last: None,
    };
    let warnings = tag_document_each(doc, set, doc_id, layer, &options, |unit| writer.unit(&unit))?;
    writer.finish_paragraph()?;
    out.write_all(b"]}")?;
    Ok(warnings)
}

/// The last token of a sentence, waiting to learn the white space after it.
struct Last {
    /// Byte offset of its end in the paragraph's text.
    end: usize,
    orth: String,
    ner: String,
    /// The tag of white space after it: `I-LABEL` inside a span, else `O`.
    gap_ner: String,
}

/// The writer of one document's paragraphs, fed block by block.
struct Paragraphs<'a, W: Write + ?Sized> {
    doc: &'a Document,
    out: &'a mut W,
    /// The paragraph being written.
    paragraph: Option<usize>,
    /// The id of the next token in the paragraph.
    next_id: usize,
    /// No token written yet in the sentence being written.
    sentence_empty: bool,
    last: Option<Last>,
}

/// Byte offset of `inner` (a slice of `outer`) in `outer`.
fn byte_in(outer: &str, inner: &str) -> usize {
    let offset = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    debug_assert!(offset + inner.len() <= outer.len());
    offset
}

/// The tag of white space after a token tagged `tag`: inside the span when it goes on.
fn gap_tag(tag: &Tag) -> String {
    match tag.prefix {
        Some("B" | "I") => format!("I-{}", tag.label),
        _ => OUTSIDE.to_owned(),
    }
}

impl<W: Write + ?Sized> Paragraphs<'_, W> {
    fn unit(&mut self, unit: &TaggedUnit) -> io::Result<()> {
        let Some(first) = unit.tokens.first() else {
            return Ok(());
        };
        let text = self.doc.paragraph_text(unit.paragraph);
        let start = byte_in(text, first.text);
        if self.paragraph == Some(unit.paragraph) {
            self.flush_last(start)?;
            self.out.write_all(b"],\"brackets\":[]},{\"tokens\":[")?;
            self.sentence_empty = true;
        } else {
            self.finish_paragraph()?;
            if self.paragraph.is_some() {
                self.out.write_all(b",")?;
            }
            self.paragraph = Some(unit.paragraph);
            self.next_id = 0;
            self.out.write_all(b"{\"raw\":")?;
            serde_json::to_writer(&mut *self.out, text)?;
            self.out.write_all(b",\"sentences\":[{\"tokens\":[")?;
            self.sentence_empty = true;
            if start > 0 {
                self.token(&text[..start], "", OUTSIDE)?;
            }
        }
        let count = unit.tokens.len();
        for (i, (token, tag)) in unit.tokens.iter().zip(&unit.tags).enumerate() {
            let end = byte_in(text, token.text) + token.text.len();
            if i + 1 < count {
                let next = byte_in(text, unit.tokens[i + 1].text);
                let ner = tag.to_string();
                self.token_with_gap(token.text, &ner, &text[end..next], &gap_tag(tag))?;
            } else {
                self.last = Some(Last {
                    end,
                    orth: token.text.to_owned(),
                    ner: tag.to_string(),
                    gap_ner: gap_tag(tag),
                });
            }
        }
        Ok(())
    }

    /// Writes the waiting last token, with the white space up to byte `next` of the paragraph.
    fn flush_last(&mut self, next: usize) -> io::Result<()> {
        if let (Some(last), Some(paragraph)) = (self.last.take(), self.paragraph) {
            let text = self.doc.paragraph_text(paragraph);
            self.token_with_gap(&last.orth, &last.ner, &text[last.end..next], &last.gap_ner)?;
        }
        Ok(())
    }

    /// Closes the paragraph being written, if any.
    fn finish_paragraph(&mut self) -> io::Result<()> {
        let Some(paragraph) = self.paragraph else {
            return Ok(());
        };
        self.flush_last(self.doc.paragraph_text(paragraph).len())?;
        self.out.write_all(b"],\"brackets\":[]}]}")
    }

    /// Writes a token followed by `gap`, the white space before the next token: a single
    /// leading space is the token's `space`, the rest a white space token tagged `gap_ner`.
    fn token_with_gap(
        &mut self,
        orth: &str,
        ner: &str,
        gap: &str,
        gap_ner: &str,
    ) -> io::Result<()> {
        let (space, rest) = match gap.strip_prefix(' ') {
            Some(rest) => (" ", rest),
            None => ("", gap),
        };
        self.token(orth, space, ner)?;
        if !rest.is_empty() {
            self.token(rest, "", gap_ner)?;
        }
        Ok(())
    }

    fn token(&mut self, orth: &str, space: &str, ner: &str) -> io::Result<()> {
        if !self.sentence_empty {
            self.out.write_all(b",")?;
        }
        self.sentence_empty = false;
        write!(self.out, "{{\"id\":{},\"orth\":", self.next_id)?;
        serde_json::to_writer(&mut *self.out, orth)?;
        write!(self.out, ",\"space\":\"{space}\",\"ner\":")?;
        serde_json::to_writer(&mut *self.out, ner)?;
        self.out.write_all(b"}")?;
        self.next_id += 1;
        Ok(())
    }
}

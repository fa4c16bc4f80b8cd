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

use super::bio::{Tag, TaggedUnit, tag_document_each};
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

/// A `ner` value: `O`, or a prefix and a label, written without building its string.
#[derive(Clone, Copy)]
struct Ner<'a> {
    prefix: Option<&'static str>,
    label: &'a str,
}

impl<'a> Ner<'a> {
    const OUTSIDE: Ner<'static> = Ner {
        prefix: None,
        label: "",
    };

    fn of(tag: &Tag<'a>) -> Self {
        Ner {
            prefix: tag.prefix,
            label: tag.label,
        }
    }

    /// The tag of white space after a token tagged `tag`: inside the span when it goes on.
    fn gap(tag: &Tag<'a>) -> Self {
        match tag.prefix {
            Some("B" | "I") => Ner {
                prefix: Some("I"),
                label: tag.label,
            },
            _ => Ner::OUTSIDE,
        }
    }

    /// Writes the value as a JSON string.
    fn write_to<W: Write + ?Sized>(self, out: &mut W) -> io::Result<()> {
        let Some(prefix) = self.prefix else {
            return out.write_all(b"\"O\"");
        };
        if self
            .label
            .bytes()
            .any(|b| b < 0x20 || b == b'"' || b == b'\\')
        {
            return Ok(serde_json::to_writer(
                out,
                &format!("{prefix}-{}", self.label),
            )?);
        }
        out.write_all(b"\"")?;
        out.write_all(prefix.as_bytes())?;
        out.write_all(b"-")?;
        out.write_all(self.label.as_bytes())?;
        out.write_all(b"\"")
    }
}

/// Writes `n` in decimal.
fn write_number<W: Write + ?Sized>(out: &mut W, n: usize) -> io::Result<()> {
    out.write_all(itoa::Buffer::new().format(n).as_bytes())
}

/// The last token of a sentence, waiting to learn the white space after it.
struct Last {
    /// Byte offset of its end in the paragraph's text.
    end: usize,
    orth: String,
    /// Its tag's prefix and label.
    prefix: Option<&'static str>,
    label: String,
    /// The prefix of the tag of white space after it (`I` inside a span; the same label).
    gap_prefix: Option<&'static str>,
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
                self.token(&text[..start], "", Ner::OUTSIDE)?;
            }
        }
        let count = unit.tokens.len();
        for (i, (token, tag)) in unit.tokens.iter().zip(&unit.tags).enumerate() {
            let end = byte_in(text, token.text) + token.text.len();
            if i + 1 < count {
                let next = byte_in(text, unit.tokens[i + 1].text);
                self.token_with_gap(token.text, Ner::of(tag), &text[end..next], Ner::gap(tag))?;
            } else {
                self.last = Some(Last {
                    end,
                    orth: token.text.to_owned(),
                    prefix: tag.prefix,
                    label: tag.label.to_owned(),
                    gap_prefix: Ner::gap(tag).prefix,
                });
            }
        }
        Ok(())
    }

    /// Writes the waiting last token, with the white space up to byte `next` of the paragraph.
    fn flush_last(&mut self, next: usize) -> io::Result<()> {
        if let (Some(last), Some(paragraph)) = (self.last.take(), self.paragraph) {
            let text = self.doc.paragraph_text(paragraph);
            let ner = Ner {
                prefix: last.prefix,
                label: &last.label,
            };
            let gap = Ner {
                prefix: last.gap_prefix,
                label: &last.label,
            };
            self.token_with_gap(&last.orth, ner, &text[last.end..next], gap)?;
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
    fn token_with_gap(&mut self, orth: &str, ner: Ner, gap: &str, gap_ner: Ner) -> io::Result<()> {
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

    fn token(&mut self, orth: &str, space: &str, ner: Ner) -> io::Result<()> {
        if !self.sentence_empty {
            self.out.write_all(b",")?;
        }
        self.sentence_empty = false;
        self.out.write_all(b"{\"id\":")?;
        write_number(self.out, self.next_id)?;
        self.out.write_all(b",\"orth\":")?;
        serde_json::to_writer(&mut *self.out, orth)?;
        self.out.write_all(b",\"space\":\"")?;
        self.out.write_all(space.as_bytes())?;
        self.out.write_all(b"\",\"ner\":")?;
        ner.write_to(self.out)?;
        self.out.write_all(b"}")?;
        self.next_id += 1;
        Ok(())
    }
}

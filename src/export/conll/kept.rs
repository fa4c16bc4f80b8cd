//! A CoNLL document written in the layout it was imported in: the kept lines give the
//! `-DOCSTART-` line, the blank lines and, for each token line, the columns between token and
//! tag; tandai gives the tokens and the tags.
//!
//! The `n`-th sentence of the kept lines (a run of token lines) is the document's `n`-th
//! paragraph, tagged as one block. When tandai's tokens of that paragraph are as many as the
//! sentence's lines, token `k` takes line `k`'s columns; otherwise the paragraph's tokens are
//! written with `_` in each middle column (a warning says so). A paragraph left out
//! (`--only-done`) leaves out its lines and the blank line after them; paragraphs past the
//! kept sentences (text changed since the import) come last, as tandai writes them.

use std::convert::Infallible;
use std::io::Write;

use crate::export::bio::tag_document_each;
use crate::export::{ExportError, Layer, Options, Scheme, Unit, Warning};
use crate::model::{AnnotationSet, Document, Kept, Text};

use super::SCHEME_ID;

/// The kept lines of one document and the scheme it came in.
pub struct Layout<'a> {
    scheme: Scheme,
    lines: &'a [Text],
}

impl<'a> Layout<'a> {
    /// The layout `kept` holds; `None` without a known scheme.
    pub fn of(kept: &'a Kept) -> Option<Self> {
        let scheme = kept
            .ids
            .iter()
            .find(|o| o.id == SCHEME_ID)
            .and_then(|o| o.what.parse().ok())?;
        Some(Self {
            scheme,
            lines: &kept.lines,
        })
    }
}

/// A kept token line: the columns between token and tag, which start with a separator.
fn is_token_line(line: &str) -> bool {
    line.starts_with(char::is_whitespace)
}

/// `middle` with each column replaced by `_`, separators kept.
fn blanked(middle: &str) -> String {
    let mut out = String::with_capacity(middle.len());
    let mut in_column = false;
    for c in middle.chars() {
        if c.is_whitespace() {
            out.push(c);
            in_column = false;
        } else if !in_column {
            out.push('_');
            in_column = true;
        }
    }
    out
}

/// Writes `layer` of the document in `layout`; returns the tagger's warnings and one for
/// each sentence whose tokens tandai cuts otherwise.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    options: &Options,
    layout: &Layout<'_>,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let options = Options {
        scheme: if options.scheme_chosen {
            options.scheme
        } else {
            layout.scheme
        },
        unit: Unit::Paragraphs,
        ..options.clone()
    };
    let mut units: Vec<Option<Vec<(String, String)>>> = vec![None; doc.paragraphs().len()];
    let tagged = tag_document_each(doc, set, doc_id, layer, &options, |unit| {
        let pairs = unit.tokens.iter().zip(&unit.tags);
        units[unit.paragraph] = Some(
            pairs
                .map(|(t, g)| (t.text.to_owned(), g.to_string()))
                .collect(),
        );
        Ok::<(), Infallible>(())
    });
    let mut warnings = match tagged {
        Ok(warnings) => warnings,
        Err(never) => match never {},
    };
    let lines = layout.lines;
    let mut sentence = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].as_str();
        if !is_token_line(line) {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
            i += 1;
            continue;
        }
        let end = i + lines[i..].iter().take_while(|l| is_token_line(l)).count();
        let middles = &lines[i..end];
        i = end;
        let paragraph = sentence;
        sentence += 1;
        let Some(tokens) = units.get_mut(paragraph).and_then(Option::take) else {
            if lines.get(i).is_some_and(|l| l.is_empty()) {
                i += 1;
            }
            continue;
        };
        if tokens.len() == middles.len() {
            for ((token, tag), middle) in tokens.iter().zip(middles) {
                write_line(out, token, middle, tag)?;
            }
        } else {
            let middle = blanked(&middles[0]);
            for (token, tag) in &tokens {
                write_line(out, token, &middle, tag)?;
            }
            let reason = format!(
                "sentence {}: tandai cuts its {} token lines into {} tokens, written with `_` in their middle columns",
                paragraph + 1,
                middles.len(),
                tokens.len()
            );
            warnings.push(Warning::new(
                doc,
                doc_id,
                doc.paragraphs()[paragraph].chars,
                reason,
            ));
        }
    }
    for tokens in units.into_iter().skip(sentence).flatten() {
        for (token, tag) in &tokens {
            write_line(out, token, " -X- _ ", tag)?;
        }
        out.write_all(b"\n")?;
    }
    Ok(warnings)
}

fn write_line<W: Write + ?Sized>(
    out: &mut W,
    token: &str,
    middle: &str,
    tag: &str,
) -> std::io::Result<()> {
    out.write_all(token.as_bytes())?;
    out.write_all(middle.as_bytes())?;
    out.write_all(tag.as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanked_keeps_separators_and_column_count() {
        assert_eq!(blanked(" NNP B-NP "), " _ _ ");
        assert_eq!(blanked("\tNN\t"), "\t_\t");
        assert_eq!(blanked(" "), " ");
    }
}

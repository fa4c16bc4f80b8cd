//! Any bytes as an article and its predictions side file (`.sug.ron`), cut at the first
//! `0xFF` byte; in the side file, `$sha256` and `$chars` stand for the article's hash and
//! length, so that mutated inputs still reach the checks past the header. The reader returns
//! the predictions or an error at a line and column of the file, and never panics; what it
//! accepts gives suggestions inside one paragraph each and saves and reads back equal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandai::model::Document;
use tandai::suggest::predictions::{self, PredictionsError};
use tandai_fuzz::{assert_place_within, parts};

fuzz_target!(|data: &[u8]| {
    let files = parts(data, 2);
    let (Ok(article), Ok(side)) = (std::str::from_utf8(files[0]), std::str::from_utf8(files[1]))
    else {
        return;
    };
    let doc = Document::new(article);
    let side = side
        .replace("$sha256", &doc.sha256())
        .replace("$chars", &doc.len_chars().to_string());
    let file = Path::new("fuzz.sug.ron");
    let read = match predictions::parse(file, &side, &doc) {
        Ok(read) => read,
        Err(PredictionsError::Invalid {
            file: named,
            place,
            problem,
        }) => {
            assert_eq!(named, file);
            assert_place_within(&side, place.line, Some(place.column), &problem);
            return;
        }
        Err(e) => panic!("reading text in memory failed: {e}"),
    };
    for s in read.suggestions() {
        let index = doc.paragraph_at(s.span.start).expect("a paragraph");
        tandai_fuzz::assert_in_paragraph(&doc, index, s.span, "suggestion");
    }
    let saved = read.to_ron();
    let again = predictions::parse(file, &saved, &doc)
        .unwrap_or_else(|e| panic!("saved predictions do not read: {e}\n{saved}"));
    assert_eq!(again, read, "{saved}");
});

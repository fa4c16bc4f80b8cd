//! Any bytes as an annotation file of the sample article: the loader returns a value or an
//! error naming a place, and never panics; whatever it accepts saves and loads back equal;
//! the fast reader of version-1 files reads what ron reads whenever it reads anything.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandai::model::Document;

const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    assert!(tandai::store::fast_reader_agrees(text));
    let doc = Document::new(SAMPLE);
    let path = Path::new("korut-dukung-rusia.ann.ron");
    if let Ok(loaded) = tandai::store::parse(path, text, &doc) {
        let article = Path::new("korut-dukung-rusia.txt");
        let saved = tandai::store::to_ron(article, &doc, &loaded.set, &loaded.annotator);
        let again = tandai::store::parse(path, &saved, &doc).expect("a saved file loads");
        assert_eq!(again, loaded);
    }
});

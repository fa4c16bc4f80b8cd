//! Any bytes as a brat pair: the article `.txt` before the first `0xFF` byte, its `.ann` after.
//! The reader returns the document's annotations or an error naming the `.ann` file and a line
//! of it, and never panics; what it returns the store accepts and reads back equal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandai::import::{Imported, brat};
use tandai::model::Document;
use tandai_fuzz::{check_import, parts};

fuzz_target!(|data: &[u8]| {
    let files = parts(data, 2);
    let (Ok(txt), Ok(ann)) = (std::str::from_utf8(files[0]), std::str::from_utf8(files[1])) else {
        return;
    };
    let doc = Document::new(txt);
    let file = Path::new("fuzz.ann");
    let result = brat::parse(file, ann, &doc).map(|set| {
        vec![Imported {
            name: "fuzz".into(),
            doc,
            set,
        }]
    });
    check_import(file, ann, result);
});

//! Any text as a doccano JSONL file: the reader returns its documents or an error naming the
//! file and a line of it, and never panics; what it returns the store accepts and reads back
//! equal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandai::import::doccano;
use tandai_fuzz::check_import;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("fuzz.jsonl");
    check_import(file, source, doccano::parse(file, source));
});

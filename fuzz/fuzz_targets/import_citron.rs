//! Any text as a citron JSON file: the reader returns the document or an error naming the file
//! (and a line of it when it gives one), and never panics; what it returns the store accepts
//! and reads back equal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandai::import::citron;
use tandai_fuzz::check_import;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("fuzz.json");
    let result = citron::parse(file, "fuzz".into(), source).map(|doc| vec![doc]);
    check_import(file, source, result);
});

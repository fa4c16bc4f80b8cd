//! Any text as a Label Studio JSON file, read for its annotations and for its predictions:
//! each read returns the documents or an error naming the file and a line of it, and never
//! panics; what it returns the store accepts and reads back equal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandai::import::label_studio::{self, Results};
use tandai_fuzz::check_import;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("fuzz.json");
    for which in [Results::Annotations, Results::Predictions] {
        check_import(
            file,
            source,
            label_studio::parse_results(file, source, which),
        );
    }
});

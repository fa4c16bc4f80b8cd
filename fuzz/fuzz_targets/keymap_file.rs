//! Any bytes as a keymap file: loading alone and over the default either succeeds or gives
//! an error, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandai::keymap::{Keymap, Mode, Resolution};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Keymap::from_ron(text, "fuzz.ron");
    if let Ok(keymap) = Keymap::embedded_default().merged_with(text, "fuzz.ron") {
        for mode in Mode::ALL {
            for (keys, action) in keymap.help_entries(mode) {
                assert_eq!(keymap.resolve(mode, &keys), Resolution::Matched(action));
            }
        }
    }
});

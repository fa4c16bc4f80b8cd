//! Times computing every suggestion of an article afresh, as opening it does:
//! `cargo run --release --example suggest_reset -- ARTICLE` (the article's folder may hold a
//! gazetteer). Prints the time and how many suggestions there are.

use std::path::Path;

use tandai::app::{Session, SuggestOptions};
use tandai::keymap::Keymap;

fn main() {
    let Some(article) = std::env::args().nth(1) else {
        eprintln!("usage: suggest_reset ARTICLE");
        std::process::exit(2);
    };
    let options = SuggestOptions::default();
    let mut session = Session::open_suggesting(
        Path::new(&article),
        Keymap::embedded_default(),
        false,
        &options,
    )
    .unwrap_or_else(|e| panic!("{article}: {e}"));
    let state = &mut session.state;
    let start = std::time::Instant::now();
    state.suggestions.reset(&state.doc, &state.annotations);
    println!(
        "every suggestion in {:?}: {}",
        start.elapsed(),
        state.suggestions.total()
    );
}

//! Times computing every suggestion of an article afresh, as opening it does:
//! `cargo run --release --example suggest_reset -- ARTICLE [--dump FILE] [--repeat N]` (the article's folder
//! may hold a gazetteer). Prints the time and how many suggestions there are; `--repeat` times
//! it N times (for a profiler); `--dump` writes every suggestion, one a line, to compare two builds.

use std::io::Write as _;
use std::path::Path;

use tandai::app::{Session, SuggestOptions};
use tandai::keymap::Keymap;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(article) = args.next() else {
        eprintln!("usage: suggest_reset ARTICLE [--dump FILE]");
        std::process::exit(2);
    };
    let mut dump = None;
    let mut repeat = 1;
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--dump", Some(file)) => dump = Some(file),
            ("--repeat", Some(n)) if n.parse::<usize>().is_ok_and(|n| n > 0) => {
                repeat = n.parse().unwrap_or(1);
            }
            _ => {
                eprintln!("usage: suggest_reset ARTICLE [--dump FILE] [--repeat N]");
                std::process::exit(2);
            }
        }
    }
    let options = SuggestOptions::default();
    let mut session = Session::open_suggesting(
        Path::new(&article),
        Keymap::embedded_default(),
        false,
        &options,
    )
    .unwrap_or_else(|e| panic!("{article}: {e}"));
    let state = &mut session.state;
    for _ in 0..repeat {
        let start = std::time::Instant::now();
        state.suggestions.reset(&state.doc, &state.annotations);
        println!(
            "every suggestion in {:?}: {}",
            start.elapsed(),
            state.suggestions.total()
        );
    }
    if let Some(file) = dump {
        let out = std::fs::File::create(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut out = std::io::BufWriter::new(out);
        for s in state.suggestions.all() {
            writeln!(out, "{s:?}").unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        out.flush().unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

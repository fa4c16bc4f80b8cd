//! Prints what tandai proposes in an article after a key script, paragraph by paragraph: a
//! help for writing key scripts such as `sample-data/korut-dukung-rusia.suggest.keys`.
//! `cargo run --release --example suggestions -- ARTICLE KEYS_FILE [PARAGRAPH]`

use std::path::Path;

use tandai::app::{Session, SuggestOptions};
use tandai::keymap::{Keymap, parse_keystrokes};
use tandai::suggest::Proposal;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: suggestions ARTICLE KEYS_FILE [PARAGRAPH]");
        std::process::exit(2);
    }
    let options = SuggestOptions::default();
    let mut session = Session::open_suggesting(
        Path::new(&args[1]),
        Keymap::embedded_default(),
        false,
        &options,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", args[1]));
    let keys = std::fs::read_to_string(&args[2]).expect("a keys file");
    for line in keys.lines().filter(|l| !l.starts_with('#')) {
        for key in parse_keystrokes(line).expect("keys in keymap notation") {
            if let Some(effect) = session.state.handle_key(key) {
                session.run(effect);
            }
        }
    }
    let only: Option<usize> = args.get(3).and_then(|a| a.parse().ok());
    let state = &session.state;
    let doc = &state.doc;
    let text = |span: Option<tandai::model::Span>| span.map(|s| doc.slice(s));
    for p in 0..doc.paragraphs().len() {
        let list = state.suggestions.in_paragraph(p);
        if list.is_empty() || only.is_some_and(|o| o != p + 1) {
            continue;
        }
        println!("¶{} ({:?})", p + 1, state.annotations.paragraphs[p]);
        for s in list {
            let covered = doc.slice(s.span);
            match &s.what {
                Proposal::Entity { label } => {
                    println!("  entity {label} {covered:?} [{}]", s.source)
                }
                Proposal::Quote { kind, cue, speaker } => println!(
                    "  quote {kind:?} cue {:?} speaker {:?} {covered:?}",
                    text(*cue),
                    text(*speaker)
                ),
                Proposal::Claim {
                    claimant,
                    checkworthy,
                    ..
                } => println!(
                    "  claim {checkworthy:?} claimant {:?} {covered:?}",
                    text(*claimant)
                ),
            }
        }
    }
}

//! The quote finder against the gold quotes of both sample articles: precision and recall of
//! content, speaker, cue and kind, printed and pinned.

use std::path::Path;

use tandai::model::Document;
use tandai::suggest::Proposal;
use tandai::suggest::cues::Cues;
use tandai::suggest::evaluate::{Scores, evaluate, run};

fn scores(name: &str) -> Scores {
    let article = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name);
    let doc = Document::from_bytes(std::fs::read(&article).unwrap()).unwrap();
    let gold = tandai::store::load(&article, &doc)
        .unwrap()
        .expect("the sample has its gold file")
        .set;
    assert!(!gold.quotes.is_empty());
    for s in run(&doc, &gold, &Cues::builtin()) {
        if let Proposal::Quote { kind, cue, speaker } = s.what {
            let text = |span: Option<_>| span.map_or("-", |s| doc.slice(s));
            println!(
                "{kind:?} [{}] cue {} speaker {}",
                doc.slice(s.span),
                text(cue),
                text(speaker)
            );
        }
    }
    evaluate(&doc, &gold, &Cues::builtin())
}

#[test]
fn indonesian_sample() {
    let scores = scores("korut-dukung-rusia.txt");
    println!("korut-dukung-rusia\n{scores}");
    assert!(
        scores.speaker.recall() >= 0.8,
        "recall of quotes with the right speaker below 80 %:\n{scores}"
    );
    insta::assert_snapshot!("korut_dukung_rusia", scores.to_string());
}

#[test]
fn english_sample() {
    let scores = scores("grain-corridor.txt");
    println!("grain-corridor\n{scores}");
    insta::assert_snapshot!("grain_corridor", scores.to_string());
}

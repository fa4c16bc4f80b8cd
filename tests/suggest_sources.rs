//! The sources of a session's suggestions, through the binary: another tool's predictions
//! stored by `tandai suggest` are proposed and accepted with their model as source; a wrong
//! gazetteer, pattern file or cue lexicon stops the opening with its place, and nothing is
//! written.

mod common;

use std::path::Path;

use common::{sample_copy, tandai};
use tandai::model::{Document, Source};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/suggest/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn replay(article: &Path, extra: &[&str], keys: &str) -> std::process::Output {
    tandai()
        .args(["replay", "--size", "120x40", "--keys", keys])
        .args(extra)
        .arg(article)
        .output()
        .unwrap()
}

#[test]
fn a_models_predictions_are_proposed_and_accepted_with_the_model_as_source() {
    let (_dir, article) = sample_copy();
    let out = tandai()
        .args([
            "suggest",
            "--from",
            "spacy",
            &fixture("spacy.jsonl"),
            "--model",
            "ner-id",
        ])
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let screen = replay(&article, &[], "fy");
    assert!(screen.status.success());
    let screen = String::from_utf8_lossy(&screen.stdout);
    assert!(screen.contains("model:ner-id"), "{screen}");
    let doc = Document::new(std::fs::read_to_string(&article).unwrap());
    let set = tandai::store::load(&article, &doc).unwrap().unwrap().set;
    let sources: Vec<Source> = set.entities.iter().map(|e| e.source.clone()).collect();
    assert_eq!(sources, [Source::Model("ner-id".into())]);
}

#[test]
fn a_wrong_gazetteer_pattern_file_or_cue_lexicon_stops_the_opening_with_its_place() {
    let (dir, article) = sample_copy();
    let bad = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let gazetteer = bad("places.tsv", "Jakarta\tLOC\nBandung LOC\n");
    let patterns = bad(
        "orgs.jsonl",
        "{\"label\": \"ORG\", \"pattern\": [{\"POS\": \"NOUN\"}]}\n",
    );
    let cues = bad("cues.ron", "Cues(nonsense");
    for (flag, file, place) in [
        ("--gazetteer", &gazetteer, "places.tsv:2:"),
        ("--patterns", &patterns, "orgs.jsonl:1:"),
        ("--cues", &cues, "cues.ron:1:"),
    ] {
        let out = replay(&article, &[flag, file.to_str().unwrap()], "1q");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag}: {stderr}");
        assert!(stderr.contains(place), "{flag}: {stderr}");
        assert!(
            !tandai::store::annotation_path(&article).exists(),
            "{flag}: nothing written"
        );
    }
    // The same gazetteer found beside the article, with no flag, stops it too.
    std::fs::copy(&gazetteer, dir.path().join("places.gazetteer.tsv")).unwrap();
    let out = replay(&article, &[], "1q");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("places.gazetteer.tsv:2:"));
}

#[test]
fn a_damaged_predictions_file_is_skipped_with_a_message_and_left_as_it_is() {
    let (_dir, article) = sample_copy();
    let side = tandai::suggest::predictions::predictions_path(&article);
    std::fs::write(&side, "Suggestions(version: 1, garbage").unwrap();
    let out = replay(&article, &[], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("predictions not used"), "{screen}");
    let out = replay(&article, &[], "1");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = Document::new(std::fs::read_to_string(&article).unwrap());
    let set = tandai::store::load(&article, &doc).unwrap().unwrap().set;
    assert_eq!(set.entities.len(), 1, "the article is annotated as usual");
    assert_eq!(
        std::fs::read_to_string(&side).unwrap(),
        "Suggestions(version: 1, garbage"
    );
}

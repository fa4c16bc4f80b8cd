//! `tandai suggest`: another tool's predictions for the sample, in each format, stored beside
//! the article as suggestions; predictions for another text refused with the place, exit 2 and
//! nothing written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tandai::model::{Document, Source};
use tandai::suggest::predictions::{self, Predictions};

const SAMPLE: &str = include_str!("../sample-data/korut-dukung-rusia.txt");
const NAME: &str = "korut-dukung-rusia";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/suggest")
        .join(name)
}

/// A temporary folder holding the sample article alone.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join(format!("{NAME}.txt"));
    fs::write(&article, SAMPLE).unwrap();
    (dir, article)
}

fn suggest(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .arg("suggest")
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file of `dir` with its content.
fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn side_file(article: &Path) -> Predictions {
    let doc = Document::new(SAMPLE);
    predictions::load(article, &doc)
        .expect("the side file fits the article")
        .expect("the side file was written")
}

#[test]
fn each_format_s_predictions_become_the_article_s_suggestions() {
    // (format, input, has quotes, links speakers)
    for (format, input, quotes, speakers) in [
        ("spacy", "spacy.jsonl", true, false),
        ("doccano", "doccano.jsonl", true, true),
        ("conll", "conll.conll", false, false),
        ("brat", "brat", true, true),
    ] {
        let (dir, article) = folder();
        let out = suggest(&[
            "--from",
            format,
            fixture(input).to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let p = side_file(&article);
        assert_eq!(p.model, format);
        let first = &p.entities[0];
        assert_eq!(
            (first.text.as_str(), first.label.as_str()),
            ("MOSKWA", "LOC")
        );
        let s = p.suggestions();
        assert!(s.iter().all(|s| s.source == Source::Model(format.into())));
        assert_eq!(!p.quotes.is_empty(), quotes, "{format}: quotes");
        assert_eq!(
            p.quotes.iter().any(|q| q.speaker.is_some()),
            speakers,
            "{format}: speakers"
        );
    }
}

#[test]
fn one_article_and_a_model_name() {
    let (_dir, article) = folder();
    let out = suggest(&[
        "--from",
        "conll",
        "--model",
        "indobert",
        fixture("conll.conll").to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let p = side_file(&article);
    assert_eq!(p.source(), Source::Model("indobert".into()));
    assert!(p.entities.iter().any(|e| e.text == "Choe Son Hui"));
    // Run again: the side file is replaced, not refused.
    let again = suggest(&[
        "--from",
        "spacy",
        fixture("spacy.jsonl").to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(side_file(&article).model, "spacy");
}

/// Runs `tandai suggest` expecting a refusal: exit 2, nothing written; returns stderr.
fn refused(args: &[&str], dir: &Path) -> String {
    let before = listing(dir);
    let out = suggest(args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(listing(dir), before, "nothing is written");
    stderr(&out)
}

#[test]
fn offsets_past_the_end_are_refused_with_the_line() {
    let (dir, _) = folder();
    let input = fixture("spacy-past-end.jsonl");
    let err = refused(
        &[
            "--from",
            "spacy",
            input.to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(err.contains("spacy-past-end.jsonl:1:"), "{err}");
    assert!(err.contains("3736..3742 goes past the end"), "{err}");
}

#[test]
fn another_text_is_refused_at_the_place_it_parts() {
    let (dir, article) = folder();
    let input = fixture("spacy-other-text.jsonl");
    let err = refused(
        &[
            "--from",
            "spacy",
            input.to_str().unwrap(),
            article.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(err.contains("spacy-other-text.jsonl:1:"), "{err}");
    assert!(
        err.contains(&format!(
            "{}:1:162 the article has \"on dalam",
            article.display()
        )),
        "{err}"
    );
    // In a folder, no article holds that text.
    let err = refused(
        &[
            "--from",
            "spacy",
            input.to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(err.contains("no article under"), "{err}");
}

#[test]
fn an_unknown_document_writes_nothing_for_the_known_ones() {
    let (dir, _) = folder();
    let input = fixture("spacy-unknown.jsonl");
    let err = refused(
        &[
            "--from",
            "spacy",
            input.to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(
        err.contains("spacy-unknown.jsonl:2: document spacy-unknown-2"),
        "{err}"
    );
}

#[test]
fn a_side_file_is_never_written_over_an_input() {
    let (dir, _) = folder();
    let input = dir.path().join(format!("{NAME}.sug.ron"));
    fs::copy(fixture("spacy.jsonl"), &input).unwrap();
    let err = refused(
        &[
            "--from",
            "spacy",
            input.to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(err.contains("is an input"), "{err}");
}

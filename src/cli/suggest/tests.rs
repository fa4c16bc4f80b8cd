//! The workers change nothing but the time: the same side files, the same first problem, and
//! nothing written when there is one.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

const TEXT: &str = include_str!("../../../sample-data/korut-dukung-rusia.txt");
const ANN: &str = include_str!("../../../tests/fixtures/suggest/brat/korut-dukung-rusia.ann");
const DOCS: usize = 12;

/// `corpus/` with `DOCS` copies of the sample and `brat/` with their predictions.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, brat) = (dir.path().join("corpus"), dir.path().join("brat"));
    fs::create_dir_all(&corpus).unwrap();
    fs::create_dir_all(&brat).unwrap();
    for i in 0..DOCS {
        fs::write(corpus.join(format!("a{i:02}.txt")), TEXT).unwrap();
        fs::write(brat.join(format!("a{i:02}.txt")), TEXT).unwrap();
        fs::write(brat.join(format!("a{i:02}.ann")), ANN).unwrap();
    }
    (dir, corpus, brat)
}

fn args(brat: &Path, corpus: &Path, jobs: u16) -> SuggestArgs {
    SuggestArgs {
        file: brat.to_owned(),
        target: Some(corpus.to_owned()),
        from: Source::Brat,
        model: Some("m".into()),
        jobs,
    }
}

fn side_files(corpus: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(corpus)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".sug.ron"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn any_number_of_workers_writes_the_same_side_files() {
    let (_dir, corpus, brat) = setup();
    run(&args(&brat, &corpus, 1)).unwrap();
    let one = side_files(&corpus);
    assert_eq!(one.len(), DOCS);
    for jobs in [2, 3, 16] {
        for (name, _) in &one {
            fs::remove_file(corpus.join(name)).unwrap();
        }
        run(&args(&brat, &corpus, jobs)).unwrap();
        assert_eq!(side_files(&corpus), one, "{jobs} workers");
    }
}

#[test]
fn the_first_bad_document_is_reported_whatever_the_workers_and_nothing_is_written() {
    let (_dir, corpus, brat) = setup();
    // Two documents that cannot be read: the earlier is named.
    let broken = ANN.replacen('\t', "\tPER 99999999 99999999 x\t", 1);
    for bad in ["a05", "a09"] {
        fs::write(brat.join(format!("{bad}.ann")), &broken).unwrap();
    }
    for jobs in [1, 2, 3] {
        let e = run(&args(&brat, &corpus, jobs)).unwrap_err();
        assert!(e.message.contains("a05.ann"), "{jobs} workers: {e}");
        assert!(side_files(&corpus).is_empty());
    }
    for bad in ["a05", "a09"] {
        fs::write(brat.join(format!("{bad}.ann")), ANN).unwrap();
    }
    // Two documents for articles whose text is another: the earlier is named.
    for bad in ["a04", "a08"] {
        fs::write(
            corpus.join(format!("{bad}.txt")),
            TEXT.replacen("Rusia", "Ruslan", 1),
        )
        .unwrap();
    }
    for jobs in [1, 2, 3] {
        let e = run(&args(&brat, &corpus, jobs)).unwrap_err();
        assert!(
            e.message.contains("a04.txt") && !e.message.contains("a08"),
            "{jobs} workers: {e}"
        );
        assert!(side_files(&corpus).is_empty());
    }
}

#[test]
fn a_side_file_linked_to_an_input_is_refused_before_anything_is_written() {
    for link in [
        |from: &Path, to: &Path| fs::hard_link(from, to),
        |from: &Path, to: &Path| std::os::unix::fs::symlink(from, to),
    ] {
        let (_dir, corpus, brat) = setup();
        let side = corpus.join("a07.sug.ron");
        link(&corpus.join("a02.txt"), &side).unwrap();
        let e = run(&args(&brat, &corpus, 2)).unwrap_err();
        assert!(e.message.contains("a07.sug.ron is an input"), "{e}");
        assert_eq!(side_files(&corpus).len(), 1, "only the link");
        assert_eq!(fs::read_to_string(corpus.join("a02.txt")).unwrap(), TEXT);
    }
}

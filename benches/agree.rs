//! `tandai agree` over 10,000 article pairs: 10,000 articles, each annotated by two
//! annotators, `ana` and `budi`, in 100 folders of 100. Measures [`tandai::agree::agree`]: the
//! folder walk, reading every article and both annotation files, and every figure; the
//! throughput is in bytes of article text (the target: 20 MB/s).
//!
//! Two corpora, both from `tandai::bench_support`:
//!
//! - `generated`: the article `bench_support::generate` makes for 10 kB and 100 annotations
//!   (three copies of the sample, one annotated: about the density of its 10 MB article with
//!   100,000 annotations); `ana` has those annotations, `budi` the sample's second annotator's
//!   shifted onto the same copy (`bench_support::repeated_set`).
//! - `dense`: the sample itself, annotated throughout (an annotation every 30 characters,
//!   annotation files eight times the size of the article): `ana` the gold, `budi` the
//!   sample's second annotator.
//!
//! `cargo bench --bench agree` (criterion; medians are the figures to read). Not run by CI.
//! The files are in the page cache after the first iteration: these are warm-cache figures.
//! With `TANDAI_AGREE_CORPUS=DIR`, the corpora are written to `DIR/generated` and `DIR/dense`
//! and kept, for timing the binary (`hyperfine 'tandai agree DIR/generated'`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tandai::agree::{Options, agree};
use tandai::bench_support::{self, Spec};
use tandai::model::Document;
use tandai::store;

/// Articles, each compared between two annotators (the figure).
const ARTICLES: usize = 10_000;

/// The sample's second annotator.
const BUDI: &str = include_str!("../sample-data/korut-dukung-rusia.ann.budi.ron");

/// The three files of one article: its text, `ana`'s and `budi`'s annotations.
struct Files {
    text: Vec<u8>,
    ana: Vec<u8>,
    budi: Vec<u8>,
}

/// The article `bench_support::generate` makes for `spec`, with `budi`'s annotations shifted
/// onto the same copies as the gold's.
fn generated(spec: Spec) -> Files {
    let dir = bench_support::tempfile_dir("bench-agree-one");
    let made = bench_support::generate(&dir, "article", spec).expect("temporary folder");
    let text = std::fs::read(&made.article).expect("written");
    let ana = std::fs::read(store::annotation_path(&made.article)).expect("written");
    let sample = Document::new(bench_support::SAMPLE_TEXT);
    let budi = store::parse(Path::new("budi.ann.ron"), BUDI, &sample)
        .expect("the shipped file loads")
        .set;
    let doc = Document::new(String::from_utf8(text.clone()).expect("UTF-8"));
    let shifted = bench_support::repeated_set(&budi, made.copies, made.annotated_copies);
    let budi = store::to_ron(&made.article, &doc, &shifted, "budi").into_bytes();
    let _ = std::fs::remove_dir_all(&dir);
    Files { text, ana, budi }
}

/// The sample article, its gold as `ana`, its second annotator as `budi`.
fn dense() -> Files {
    Files {
        text: bench_support::SAMPLE_TEXT.as_bytes().to_vec(),
        ana: bench_support::SAMPLE_ANNOTATIONS.as_bytes().to_vec(),
        budi: BUDI.as_bytes().to_vec(),
    }
}

/// Where a corpus is written: under `TANDAI_AGREE_CORPUS` when set (and kept), else a fresh
/// temporary folder.
fn corpus_dir(name: &str) -> (PathBuf, bool) {
    match std::env::var_os("TANDAI_AGREE_CORPUS") {
        Some(root) => (PathBuf::from(root).join(name), true),
        None => (
            bench_support::tempfile_dir(&format!("bench-agree-{name}")),
            false,
        ),
    }
}

/// Writes [`ARTICLES`] copies of `files` into `dir`; returns the bytes of article text.
fn write_corpus(dir: &Path, files: &Files) -> u64 {
    for i in 0..ARTICLES {
        let folder = dir.join(format!("d{:02}", i / 100));
        std::fs::create_dir_all(&folder).expect("temporary folder");
        let stem = folder.join(format!("article-{i:05}"));
        let write = |ext: &str, bytes: &[u8]| {
            std::fs::write(stem.with_extension(ext), bytes).expect("temporary folder");
        };
        write("txt", &files.text);
        write("ann.ana.ron", &files.ana);
        write("ann.budi.ron", &files.budi);
    }
    (files.text.len() * ARTICLES) as u64
}

fn bench_corpus(c: &mut Criterion, name: &str, files: &Files) {
    let (dir, keep) = corpus_dir(name);
    let bytes = write_corpus(&dir, files);
    // Once outside the measurement: the checks, and a warm page cache.
    let report = agree(&dir, Options::default()).expect("the corpus reads");
    assert_eq!(report.documents.len(), ARTICLES);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let f1 = report.corpus.entities.overall.exact.f1.expect("defined");
    assert!((f1 - 89.0 / 93.0).abs() < 1e-12, "{f1}");

    let mut group = c.benchmark_group("agree_10000_pairs");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function(name, |b| {
        b.iter(|| black_box(agree(&dir, Options::default()).expect("the corpus reads")));
    });
    group.finish();
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn agree_corpora(c: &mut Criterion) {
    let spec = Spec {
        bytes: 10_000,
        annotations: 100,
    };
    bench_corpus(c, "generated", &generated(spec));
    bench_corpus(c, "dense", &dense());
}

criterion_group!(benches, agree_corpora);
criterion_main!(benches);

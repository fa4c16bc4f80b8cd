//! `tandai report` over 10,000 news-sized articles: the sample (3.7 kB, 126 annotations, its
//! gold file) copied 10,000 times into 100 folders of 100. Measures [`tandai::report::report`]:
//! the folder walk, reading every article and annotation file, writing one page per article,
//! the corpus page and the index (the target: the whole report in 10 s or less).
//!
//! `cargo bench --bench report` (criterion; medians are the figures to read). Not run by CI.
//! The files are in the page cache after the first iteration: these are warm-cache figures.
//! With `TANDAI_REPORT_CORPUS=DIR`, the corpus is written to `DIR/corpus` and kept, for timing
//! the binary (`hyperfine 'tandai report DIR/corpus --out DIR/report'`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tandai::bench_support;
use tandai::report::report;

/// Articles in the corpus (the figure).
const ARTICLES: usize = 10_000;

/// Where the corpus and the report go: under `TANDAI_REPORT_CORPUS` when set (and kept), else
/// a fresh temporary folder.
fn root() -> (PathBuf, bool) {
    match std::env::var_os("TANDAI_REPORT_CORPUS") {
        Some(root) => (PathBuf::from(root), true),
        None => (bench_support::tempfile_dir("bench-report"), false),
    }
}

fn report_corpus(c: &mut Criterion) {
    let (root, keep) = root();
    let corpus = root.join("corpus");
    for i in 0..ARTICLES {
        let folder = corpus.join(format!("d{:02}", i / 100));
        std::fs::create_dir_all(&folder).expect("temporary folder");
        let stem = folder.join(format!("article-{i:05}"));
        let write = |ext: &str, text: &str| {
            std::fs::write(stem.with_extension(ext), text).expect("temporary folder");
        };
        write("txt", bench_support::SAMPLE_TEXT);
        write("ann.ron", bench_support::SAMPLE_ANNOTATIONS);
    }
    let out = root.join("report");
    // Once outside the measurement: the checks, and a warm page cache.
    let written = report(&corpus, &out).expect("the report is written");
    assert_eq!(written.pages.len(), ARTICLES);
    assert!(written.troubles.is_empty(), "{:?}", written.troubles);

    let mut group = c.benchmark_group("report_10000_articles");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Elements(ARTICLES as u64));
    group.bench_function("sample_copies", |b| {
        b.iter(|| black_box(report(&corpus, &out).expect("the report is written")));
    });
    group.finish();
    if !keep {
        let _ = std::fs::remove_dir_all(&root);
    }
}

criterion_group!(benches, report_corpus);
criterion_main!(benches);

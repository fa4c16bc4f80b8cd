//! Suggestions from the editor's lexicons and from another tool's predictions:
//!
//! - `lexicon_find_10mb`: [`Lexicon::find`] over every paragraph of the 10 MB article, with a
//!   gazetteer of the sample's entity texts and a pattern file (phrases and token patterns),
//!   each padded with a thousand entries found nowhere;
//! - `suggest_corpus`: `tandai suggest --from brat` (its front end, as the binary runs it) over
//!   a corpus of 2,000 generated articles of two copies of the sample (7.5 kB, some 190
//!   entities each; 15 MB in all) with a brat folder of predictions (every entity of the gold
//!   annotation): reads, aligns, checks and writes every side file.
//!
//! `cargo bench --bench suggest` (criterion; medians are the figures to read). Not run by CI.
//! With `TANDAI_SUGGEST_CORPUS=DIR`, the corpus (`DIR/corpus`) and its predictions
//! (`DIR/brat`) are made there and kept, for timing the binary on them (hyperfine).

use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tandai::bench_support::{self, Spec};
use tandai::cli::import::Source as Format;
use tandai::cli::suggest::{SuggestArgs, run};
use tandai::model::Document;
use tandai::store;
use tandai::suggest::lexicon::Lexicon;

/// A gazetteer and a pattern file in `dir`.
fn lexicon_files(dir: &Path) -> Vec<PathBuf> {
    let (_, gold) = bench_support::sample_gold();
    let mut tsv = String::from("# the sample's entities\n");
    let mut seen = std::collections::BTreeSet::new();
    for e in &gold.entities {
        if seen.insert(e.text.to_string()) && !e.text.contains('\t') {
            writeln!(tsv, "{}\t{}", e.text, e.label).unwrap();
        }
    }
    for n in 0..1000 {
        writeln!(tsv, "Kota Tak Ada {n}\tLOC").unwrap();
    }
    let mut jsonl = String::new();
    jsonl.push_str("{\"label\": \"ORG\", \"pattern\": \"AFP\"}\n");
    jsonl.push_str(
        "{\"label\": \"LOC\", \"pattern\": [{\"LOWER\": \"korea\"}, {\"ORTH\": \"Utara\"}]}\n",
    );
    jsonl.push_str(
        "{\"label\": \"PER\", \"pattern\": [{\"ORTH\": \"Sergei\"}, {\"LOWER\": \"lavrov\"}]}\n",
    );
    for n in 0..1000 {
        writeln!(
            jsonl,
            "{{\"label\": \"ORG\", \"pattern\": [{{\"LOWER\": \"partai\"}}, {{\"ORTH\": \"Nomor{n}\"}}]}}"
        )
        .unwrap();
    }
    let gazetteer = dir.join("sample.gazetteer.tsv");
    let patterns = dir.join("sample.patterns.jsonl");
    fs::write(&gazetteer, tsv).unwrap();
    fs::write(&patterns, jsonl).unwrap();
    vec![gazetteer, patterns]
}

/// A brat folder holding, for every article of the corpus, its text and its entities.
fn brat_predictions(articles: &[PathBuf], out: &Path) {
    fs::create_dir_all(out).unwrap();
    for article in articles {
        let text = fs::read_to_string(article).unwrap();
        let doc = Document::new(text.as_str());
        let set = store::load(article, &doc).unwrap().unwrap().set;
        let mut ann = String::new();
        for (i, e) in set
            .entities
            .iter()
            .filter(|e| e.spans.len() == 1)
            .enumerate()
        {
            let s = e.spans[0];
            writeln!(
                ann,
                "T{}\t{} {} {}\t{}",
                i + 1,
                e.label,
                s.start,
                s.end,
                e.text
            )
            .unwrap();
        }
        let name = article.file_stem().unwrap().to_string_lossy();
        fs::write(out.join(format!("{name}.txt")), &text).unwrap();
        fs::write(out.join(format!("{name}.ann")), ann).unwrap();
    }
}

fn all(c: &mut Criterion) {
    let kept = std::env::var_os("TANDAI_SUGGEST_CORPUS").map(PathBuf::from);
    let dir = kept
        .clone()
        .unwrap_or_else(|| bench_support::tempfile_dir("suggest-bench"));
    fs::create_dir_all(&dir).unwrap();

    let text = bench_support::repeated_text(bench_support::copies_for(Spec::LARGE.bytes));
    let doc = Document::new(text);
    let lexicon = Lexicon::load(&lexicon_files(&dir)).unwrap();
    let found: usize = (0..doc.paragraphs().len())
        .map(|p| lexicon.find(&doc, p).len())
        .sum();
    eprintln!(
        "lexicon: {} entries, {} suggestions in {} bytes",
        lexicon.len(),
        found,
        doc.text().len()
    );
    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(doc.text().len() as u64));
    group.bench_function("lexicon_find_10mb", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in 0..doc.paragraphs().len() {
                n += lexicon.find(black_box(&doc), p).len();
            }
            n
        })
    });

    let corpus = dir.join("corpus");
    let spec = Spec {
        bytes: 7_000,
        annotations: 1_000,
    };
    let generated = bench_support::generate_corpus(&corpus, 2000, spec).unwrap();
    let articles: Vec<PathBuf> = generated.iter().map(|g| g.article.clone()).collect();
    let bytes: usize = generated.iter().map(|g| g.bytes).sum();
    let brat = dir.join("brat");
    brat_predictions(&articles, &brat);
    let args = SuggestArgs {
        file: brat.clone(),
        target: Some(corpus.clone()),
        from: Format::Brat,
        model: Some("bench".into()),
        jobs: 2,
    };
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("suggest_corpus_2000x7kb", |b| {
        b.iter(|| run(&args).unwrap())
    });
    group.finish();
    if kept.is_none() {
        let _ = fs::remove_dir_all(&dir);
    }
}

criterion_group!(benches, all);
criterion_main!(benches);

//! The document list of a generated corpus of 5,000 small articles (`tandai::corpus::generate`,
//! written once to a temporary folder): the time from starting the scan to every row
//! summarised, and the time from starting it to the first frame of the list (names only, the
//! counts still being read).
//!
//! `cargo bench --bench corpus` (criterion; medians are the figures to read). Not run by CI.
//! The files are in the page cache after the first iteration: these are warm-cache figures.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tandai::app::{CorpusApp, buffer_text};
use tandai::bench_support;
use tandai::corpus;
use tandai::keymap::Keymap;
use tandai::state::{CorpusList, ListAction};
use tandai::ui::Theme;

/// Articles in the corpus (the figure).
const ARTICLES: usize = 5000;

/// Walks and summarises every article, as the list's background scan does, taking in each
/// event as the list does.
fn scan_to_the_end(root: &Path) -> CorpusList {
    let mut list = CorpusList::new(root);
    for event in corpus::spawn_scan(root.to_owned()) {
        list.update(ListAction::Scanned(event));
    }
    list.prepare();
    list
}

/// Starts the app on `root` and draws its first frame once the names are listed; returns the
/// frame's text.
fn first_frame(root: &Path, keymap: &Keymap, terminal: &mut Terminal<TestBackend>) -> String {
    let mut app = CorpusApp::open(root, keymap.clone(), false);
    while app.list.rows.is_empty() {
        assert!(
            app.poll_scan() || !app.list.rows.is_empty(),
            "scan ended empty"
        );
        std::thread::yield_now();
    }
    terminal
        .draw(|frame| app.render(frame, &Theme::plain()))
        .expect("draws");
    buffer_text(terminal.backend().buffer())
}

fn corpus_list(c: &mut Criterion) {
    let dir = bench_support::tempfile_dir("bench-corpus");
    corpus::generate(&dir, ARTICLES).expect("temporary folder");
    // Once outside the measurement: the checks, and a warm page cache.
    let list = scan_to_the_end(&dir);
    assert_eq!(list.counts(), (ARTICLES, 0, 0));
    let keymap = Keymap::embedded_default();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    let frame = first_frame(&dir, &keymap, &mut terminal);
    assert!(frame.contains("d0/article-00000.txt"), "{frame}");

    let mut group = c.benchmark_group("corpus_5000");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("scan_every_row_summarised", |b| {
        b.iter(|| black_box(scan_to_the_end(&dir)));
    });
    group.bench_function("first_frame_names_only", |b| {
        b.iter(|| black_box(first_frame(&dir, &keymap, &mut terminal)));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, corpus_list);
criterion_main!(benches);

//! Performance benchmarks: a key plus its frame (navigation keys, suggestion keys), computing
//! every suggestion, opening an article, saving after a change;
//! each on the bundled sample and on the generated 10 MB article (see `tandai::bench_support`).
//!
//! `cargo bench --bench perf` (criterion; medians are the figures to read). Not run by CI.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tandai::app::Session;
use tandai::bench_support::{self, Spec};
use tandai::keymap::{Keymap, parse_keystrokes};
use tandai::ui::{self, Theme};

/// The gazetteer of the samples, offered to every article of the benchmarks.
const GAZETTEER: &str = include_str!("../sample-data/newsroom.gazetteer.tsv");

/// The terminal size of the targets.
const SIZE: (u16, u16) = (120, 40);

/// Navigation keys cycled through by the key benchmark (they change no annotation, so they
/// ask for no save): paragraphs, words, paragraph edges, a selection and its cancel.
const KEYS: &str = "jwwwwbbk$0vwwb<Esc>sjjkk";

struct Case {
    name: &'static str,
    article: PathBuf,
    _dir: PathBuf,
}

fn cases() -> Vec<Case> {
    let dir = bench_support::tempfile_dir("bench-sample");
    let sample = dir.join(bench_support::SAMPLE_NAME);
    bench_support::write_sample(&sample).expect("temporary folder");
    let large_dir = bench_support::tempfile_dir("bench-large");
    let large = bench_support::generate(&large_dir, "large", Spec::LARGE).expect("generated");
    // Suggestions as the samples have them: the newsroom gazetteer beside each article.
    for dir in [&dir, &large_dir] {
        std::fs::write(dir.join("newsroom.gazetteer.tsv"), GAZETTEER).expect("temporary folder");
    }
    vec![
        Case {
            name: "sample",
            article: sample,
            _dir: dir,
        },
        Case {
            name: "10MB",
            article: large.article,
            _dir: large_dir,
        },
    ]
}

fn open(article: &Path) -> Session {
    let mut session = Session::open(article, Keymap::embedded_default()).expect("opens");
    let state = &mut session.state;
    let busy = bench_support::busy_paragraph(&state.doc, &state.annotations);
    state.focus_paragraph(busy);
    session
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test backend")
}

fn keys(c: &mut Criterion, cases: &[Case]) {
    let keys = parse_keystrokes(KEYS).expect("valid keys");
    let theme = Theme::plain();
    let mut group = c.benchmark_group("key_and_frame_120x40");
    for case in cases {
        let mut session = open(&case.article);
        let mut terminal = terminal();
        let mut i = 0;
        group.bench_function(case.name, |b| {
            b.iter(|| {
                let key = keys[i % keys.len()];
                i += 1;
                let effect = session.state.handle_key(key);
                assert!(effect.is_none(), "navigation keys ask for nothing");
                terminal
                    .draw(|frame| ui::render(frame, &session.state, &theme))
                    .expect("draws");
            });
        });
    }
    group.finish();
}

fn open_and_first_frame(c: &mut Criterion, cases: &[Case]) {
    let theme = Theme::plain();
    let mut group = c.benchmark_group("open_and_first_frame");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for case in cases {
        group.bench_function(case.name, |b| {
            b.iter(|| {
                let session =
                    Session::open(&case.article, Keymap::embedded_default()).expect("opens");
                let mut terminal = terminal();
                terminal
                    .draw(|frame| ui::render(frame, &session.state, &theme))
                    .expect("draws");
                black_box(session)
            });
        });
    }
    group.finish();
}

fn save_after_change(c: &mut Criterion, cases: &[Case]) {
    let change = parse_keystrokes("1u").expect("valid keys");
    let mut group = c.benchmark_group("save_after_change");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for case in cases {
        let mut session = open(&case.article);
        let mut i = 0;
        group.bench_function(case.name, |b| {
            b.iter(|| {
                // Tag the word under the cursor, then undo it: every save writes a change.
                let key = change[i % change.len()];
                i += 1;
                match session.state.handle_key(key) {
                    Some(effect) => session.run(effect),
                    None => session.save().is_ok(),
                }
            });
        });
    }
    group.finish();
}

/// Computing every suggestion of the article afresh (what opening it costs, and turning
/// suggestions back on).
fn suggest_all(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("suggest_all");
    group.sample_size(10);
    for case in cases {
        let mut session = open(&case.article);
        let state = &mut session.state;
        group.bench_function(case.name, |b| {
            b.iter(|| {
                state.suggestions.reset(&state.doc, &state.annotations);
                black_box(state.suggestions.total())
            });
        });
    }
    group.finish();
}

/// Suggestion keys and their frame: step to the next suggestion, accept it (a change: the
/// proposals of its text are brought up to date), undo; the saves are not run.
fn suggestion_keys(c: &mut Criterion, cases: &[Case]) {
    let keys = parse_keystrokes("fyuffru").expect("valid keys");
    let theme = Theme::plain();
    let mut group = c.benchmark_group("suggestion_key_and_frame_120x40");
    for case in cases {
        let mut session = open(&case.article);
        let mut terminal = terminal();
        let mut i = 0;
        group.bench_function(case.name, |b| {
            b.iter(|| {
                let key = keys[i % keys.len()];
                i += 1;
                black_box(session.state.handle_key(key));
                terminal
                    .draw(|frame| ui::render(frame, &session.state, &theme))
                    .expect("draws");
            });
        });
    }
    group.finish();
}

fn all(c: &mut Criterion) {
    let cases = cases();
    suggest_all(c, &cases);
    suggestion_keys(c, &cases);
    keys(c, &cases);
    open_and_first_frame(c, &cases);
    save_after_change(c, &cases);
    for case in cases {
        let _ = std::fs::remove_dir_all(&case._dir);
    }
}

criterion_group!(benches, all);
criterion_main!(benches);

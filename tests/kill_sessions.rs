//! Kill -9 at random moments while three sessions work on one article: one that opened it
//! first, one started with `--force` that takes it over, and one that finds it held and so may
//! not write. After every round, each change that any session showed as saved is in the
//! annotation file, its journal or a conflict copy, and `tandai check` finds no problem.
//!
//! What a session showed as saved comes from `replay --saved-log`: after each save that left
//! the screen saying "saved", one line naming every annotation in memory.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::*;
use tandai::model::Document;

/// Tags 40 words from paragraph `start` on with label `label`.
fn keys(start: usize, label: u8) -> String {
    let mut keys = "j".repeat(start);
    for _ in 0..40 {
        keys.push_str(&format!("{label}w"));
    }
    keys
}

fn session(article: &Path, log: &Path, keys: &str, force: bool) -> Child {
    let mut cmd = tandai();
    cmd.arg("replay");
    if force {
        cmd.arg("--force");
    }
    cmd.args(["--size", "80x20", "--keys", keys, "--saved-log"])
        .arg(log)
        .arg(article)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A small deterministic generator, so that a failing round can be run again.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below_ms: u64) -> Duration {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        Duration::from_millis((self.0 >> 33) % below_ms)
    }
}

/// The annotations named by the complete lines of a saved log, line by line.
fn saved_lines(log: &Path) -> Vec<BTreeSet<String>> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let complete = text.rfind('\n').map_or("", |end| &text[..end]);
    complete
        .lines()
        .map(|line| line.split_whitespace().map(str::to_owned).collect())
        .collect()
}

/// Every annotation in the annotation file (with its journal) and in every conflict copy.
fn kept(dir: &Path, article: &Path, doc: &Document) -> BTreeSet<String> {
    let mut kept = BTreeSet::new();
    let mut add = |set: &tandai::model::AnnotationSet| {
        kept.extend(
            tandai::app::saved_line(set)
                .split_whitespace()
                .map(str::to_owned),
        );
    };
    if let Some(loaded) = tandai::store::load(article, doc).unwrap() {
        add(&loaded.set);
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains(".ann.conflict") && name.ends_with(".ron") {
            // An empty file is a name claimed by a session killed before it wrote there.
            if std::fs::metadata(&path).unwrap().len() > 0 {
                add(&tandai::store::load_from(&path, doc).unwrap().set);
            }
        }
    }
    kept
}

#[test]
fn killed_at_any_moment_no_session_loses_what_it_showed_as_saved() {
    let doc = Document::new(std::fs::read_to_string(SAMPLE).unwrap());
    let mut moments = Moments(7);
    let (mut saved_lines_seen, mut rounds_with_copy, mut forced_saves) = (0, 0, 0);
    for round in 0..30 {
        let (dir, article) = sample_copy();
        let log = |name: &str| -> PathBuf { dir.path().join(format!("{name}.log")) };
        let start = Instant::now();
        let first = session(&article, &log("first"), &keys(0, 1), false);
        sleep(moments.next(150));
        let forced = session(&article, &log("forced"), &keys(8, 2), true);
        sleep(moments.next(150));
        let reader = session(&article, &log("reader"), &keys(16, 3), false);
        let mut children = [first, forced, reader];
        let kill_at: Vec<Duration> = (0..3).map(|_| moments.next(900)).collect();
        let mut order: Vec<usize> = (0..3).collect();
        order.sort_by_key(|&i| kill_at[i]);
        for i in order {
            if let Some(wait) = kill_at[i].checked_sub(start.elapsed()) {
                sleep(wait);
            }
            let _ = children[i].kill();
        }
        for child in &mut children {
            let _ = child.wait();
        }
        let kept = kept(dir.path(), &article, &doc);
        for name in ["first", "forced", "reader"] {
            for (n, line) in saved_lines(&log(name)).iter().enumerate() {
                saved_lines_seen += 1;
                if name == "forced" {
                    forced_saves += 1;
                }
                let missing: Vec<_> = line.difference(&kept).collect();
                assert!(
                    missing.is_empty(),
                    "round {round}: {name}'s save {n} showed {missing:?} as saved; \
                     they are in no file"
                );
            }
        }
        if std::fs::read_dir(dir.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".ann.conflict")
        }) {
            rounds_with_copy += 1;
        }
        let check = tandai().arg("check").arg(dir.path()).output().unwrap();
        assert!(
            check.status.success(),
            "round {round}: check failed:\n{}{}",
            stdout(&check),
            stderr(&check)
        );
    }
    // The rounds must have exercised what they are about.
    assert!(saved_lines_seen > 0, "no session ever saved");
    assert!(forced_saves > 0, "the forced session never saved");
    assert!(
        rounds_with_copy > 0,
        "no session ever needed its conflict copy"
    );
}

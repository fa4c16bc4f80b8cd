//! Kill -9 at random moments while tandai saves after every change: the annotation file is
//! always either absent or complete and loadable, and holds a prefix of the work. Changes
//! after the first are saved to the journal beside it (`.ann.journal`), so most kills land
//! with one, possibly with a torn last line: loading replays it.

mod common;

use std::process::Stdio;
use std::thread::sleep;
use std::time::Duration;

use common::*;
use tandai::model::Document;

#[test]
fn killed_at_any_moment_the_file_is_whole() {
    let keys = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/korut-dukung-rusia.keys"
    );
    let gold_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/korut-dukung-rusia.txt"
    );
    let doc = Document::new(std::fs::read_to_string(gold_path).unwrap());
    let gold = tandai::store::load(std::path::Path::new(gold_path), &doc)
        .unwrap()
        .unwrap();
    let mut seen_partial = 0;
    let mut seen_journal = 0;
    for run in 0..40u64 {
        let (_dir, article) = sample_copy();
        let mut child = tandai()
            .args(["replay", "--keys-file", keys])
            .arg(&article)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Deterministic spread of kill moments over the run (a few ms to ~half a second).
        sleep(Duration::from_millis(3 + (run * 37) % 500));
        let _ = child.kill();
        let _ = child.wait();
        if tandai::store::journal_path(&article).exists() {
            seen_journal += 1;
        }
        let loaded = tandai::store::load(&article, &doc)
            .unwrap_or_else(|e| panic!("run {run}: the file does not load after a kill: {e}"));
        let Some(loaded) = loaded else { continue };
        for entity in &loaded.set.entities {
            assert_eq!(gold.set.entity(&entity.id), Some(entity), "run {run}");
        }
        if loaded.set != gold.set {
            seen_partial += 1;
        }
        let leftovers: Vec<_> = std::fs::read_dir(article.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        // A kill between creating and renaming the temporary file may leave one behind; it is
        // never mistaken for the annotation file.
        assert!(leftovers.len() <= 1, "run {run}: {leftovers:?}");
    }
    assert!(seen_partial > 0, "no kill landed in the middle of the work");
    assert!(seen_journal > 0, "no kill left a journal to replay");
}

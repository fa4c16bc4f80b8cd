//! Through the binary: a gold file that `tandai merge-file` left with a recorded conflict (the
//! same entity relabelled two ways) is settled in the adjudication view by replayed keys, and
//! the file saved holds the version taken, without the record.

use std::fs;
use std::path::Path;
use std::process::Command;

use tandai::model::{AnnotationSet, Document};

const TANDAI: &str = env!("CARGO_BIN_EXE_tandai");
const ARTICLE: &str = include_str!("../sample-data/korut-dukung-rusia.txt");
const GOLD: &str = include_str!("../sample-data/korut-dukung-rusia.ann.ron");
const MOSKWA: &str = r#"(id: "e1", label: "LOC", spans: [(0, 6)], text: "MOSKWA")"#;

fn read(path: &Path) -> AnnotationSet {
    let doc = Document::new(ARTICLE);
    let text = fs::read_to_string(path).unwrap();
    tandai::store::parse(path, &text, &doc).unwrap().set
}

/// The sample's article and a gold file where ours relabelled MOSKWA PER and theirs ORG,
/// merged by `tandai merge-file` (exit 1: a conflict recorded).
fn merged(dir: &Path) -> std::path::PathBuf {
    let article = dir.join("korut-dukung-rusia.txt");
    fs::write(&article, ARTICLE).unwrap();
    assert!(GOLD.contains(MOSKWA));
    let side = |label: &str| GOLD.replace(MOSKWA, &MOSKWA.replace("LOC", label));
    let gold = dir.join("korut-dukung-rusia.ann.ron");
    let (base, theirs) = (dir.join("base.ron"), dir.join("theirs.ron"));
    fs::write(&base, GOLD).unwrap();
    fs::write(&gold, side("PER")).unwrap();
    fs::write(&theirs, side("ORG")).unwrap();
    let out = Command::new(TANDAI)
        .arg("merge-file")
        .args([&base, &gold, &theirs])
        .arg("--path")
        .arg(&gold)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let set = read(&gold);
    assert_eq!(set.conflicts().len(), 1, "the relabelling is recorded");
    assert_eq!(set.entity("e1").unwrap().label, "PER", "ours in use");
    article
}

fn replay(article: &Path, keys: &str) -> std::process::Output {
    Command::new(TANDAI)
        .env("HOME", article.parent().unwrap())
        .env("XDG_CONFIG_HOME", article.parent().unwrap().join("config"))
        .args(["replay", "--keys", keys])
        .arg(article)
        .output()
        .unwrap()
}

#[test]
fn a_conflict_the_merge_driver_recorded_is_settled_by_taking_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let article = merged(dir.path());
    // D: adjudication of the recorded conflicts; 3: theirs.
    let out = replay(&article, "D3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains("took theirs (relabelled two ways)"),
        "{screen}"
    );
    let set = read(&dir.path().join("korut-dukung-rusia.ann.ron"));
    assert!(set.conflicts().is_empty(), "the record is gone");
    assert_eq!(set.entity("e1").unwrap().label, "ORG");
}

#[test]
fn the_view_lists_base_ours_and_theirs_and_undo_brings_the_conflict_back() {
    let dir = tempfile::tempdir().unwrap();
    let article = merged(dir.path());
    let out = replay(&article, "D");
    let screen = String::from_utf8_lossy(&out.stdout);
    for shown in [
        "Conflict about e1 “MOSKWA”",
        "recorded by a merge: relabelled two ways",
        "1 base",
        "LOC “MOSKWA”",
        "2 ours  ✓ gold",
        "PER “MOSKWA”",
        "3 theirs",
        "ORG “MOSKWA”",
        "1 disagreement left",
    ] {
        assert!(screen.contains(shown), "{shown:?} not in\n{screen}");
    }
    let out = replay(&article, "D1u");
    assert!(out.status.success());
    let set = read(&dir.path().join("korut-dukung-rusia.ann.ron"));
    assert_eq!(set.conflicts().len(), 1, "undone");
    assert_eq!(set.entity("e1").unwrap().label, "PER");
}

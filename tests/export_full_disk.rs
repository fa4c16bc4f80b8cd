//! `tandai export` when a write fails half-way: every output file is written whole or not at
//! all, and a file already at that path keeps its previous content.
//!
//! The failure is a file size limit (`ulimit -f 8`, with SIGXFSZ ignored, so writes past it
//! fail with EFBIG): unlike a read-only folder, root cannot bypass it. `sh` counts the limit in
//! blocks of 512 bytes (dash) or 1024 (bash): 4 or 8 KiB, both above the sample article (3752
//! bytes) and below its brat `.ann` (about 9 KiB) and its CoNLL export.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");
const STEM: &str = "korut-dukung-rusia";

/// Runs the binary with `args` under a file size limit of 8 blocks.
fn limited(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 8 || exit 99; exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_tandai"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .output()
        .expect("sh must be installed to run this test")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `dir/corpus/a/` holding the sample article and its annotations.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    fs::create_dir_all(root.join("a")).unwrap();
    for ext in ["txt", "ann.ron"] {
        fs::copy(
            Path::new(SAMPLE_DIR).join(format!("{STEM}.{ext}")),
            root.join(format!("a/{STEM}.{ext}")),
        )
        .unwrap();
    }
    (dir, root)
}

/// Names of the files under `dir` (recursively) that look like temporary files.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with(".tmp")
            {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn the_limit_is_small_enough_to_fail_and_large_enough_for_the_article() {
    let (dir, root) = corpus();
    let article = root.join(format!("a/{STEM}.txt"));
    let copy = dir.path().join("copy.txt");
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 8 || exit 99; cat "$0" > "$1""#)
        .args([s(&article), s(&copy)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(fs::read(&copy).unwrap(), fs::read(&article).unwrap());
    let ann = root.join(format!("a/{STEM}.ann.ron"));
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 8 || exit 99; cat "$0" > "$1""#)
        .args([s(&ann), s(&dir.path().join("big"))])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the limit did not apply");
}

#[test]
fn brat_on_a_full_disk_leaves_no_cut_ann_and_keeps_the_previous_one() {
    let (dir, root) = corpus();
    let brat = dir.path().join("brat");
    fs::create_dir_all(brat.join("a")).unwrap();
    let ann = brat.join(format!("a/{STEM}.ann"));
    fs::write(&ann, "T1\tPER 0 1\tprevious\n").unwrap();

    let out = limited(&["export", s(&root), "--format", "brat", "--out", s(&brat)]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&ann.display().to_string()), "{err}");
    assert!(err.contains("File too large"), "{err}");
    assert_eq!(
        fs::read_to_string(&ann).unwrap(),
        "T1\tPER 0 1\tprevious\n",
        "the previous .ann must be intact"
    );
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());

    // Without a previous file, none is left either.
    fs::remove_file(&ann).unwrap();
    let out = limited(&["export", s(&root), "--format", "brat", "--out", s(&brat)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!ann.exists(), "a cut .ann was left");
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
    // The inputs are untouched.
    assert_eq!(
        fs::read(root.join(format!("a/{STEM}.ann.ron"))).unwrap(),
        fs::read(Path::new(SAMPLE_DIR).join(format!("{STEM}.ann.ron"))).unwrap()
    );
}

#[test]
fn a_single_file_on_a_full_disk_keeps_the_previous_one() {
    let (dir, root) = corpus();
    for (format, name) in [
        ("conll", "out.conll"),
        ("doccano", "out.jsonl"),
        ("hf", "train.jsonl"),
    ] {
        let target = dir.path().join(name);
        fs::write(&target, "previous\n").unwrap();
        let out = limited(&["export", s(&root), "--format", format, "--out", s(&target)]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
        assert!(err.contains(name), "{format}: {err}");
        assert_eq!(
            fs::read_to_string(&target).unwrap(),
            "previous\n",
            "{format}"
        );
        assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new(), "{format}");
        fs::remove_file(&target).unwrap();
        let out = limited(&["export", s(&root), "--format", format, "--out", s(&target)]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(!target.exists(), "{format}: a cut output was left");
        assert!(!dir.path().join("label_names.json").exists(), "{format}");
        assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new(), "{format}");
    }
}

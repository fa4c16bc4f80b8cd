//! Folders written in one batch (`tandai export --format brat|citron`, `tandai import`): when
//! one file of the batch cannot be written, no file of the folder changes, none is left
//! half-made, no temporary file stays, and the message names the file; the exit code is 1.
//!
//! The failure: a document whose name is long enough for its own files (at most 255 bytes) but
//! not for their temporary files beside them (`.NAME.PID-N.tmp`), so creating the temporary
//! file fails with "File name too long" — for root too, who ignores permissions.
//!
//! Each test runs on a corpus of 20 documents, whose files are flushed to disk one by one, and
//! on one of 70, more files than `durable::SYNCFS_ABOVE`: flushed by file system.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");
const STEM: &str = "korut-dukung-rusia";

fn tandai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .output()
        .unwrap()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The sizes of the corpora: below `durable::SYNCFS_ABOVE` files, and above it.
const SIZES: [usize; 2] = [20, 70];

/// The name of the document that cannot be written: 240 bytes, sorted after `d60`.
fn long_name() -> String {
    format!("d60{}", "x".repeat(237))
}

/// `dir/corpus` holding the sample article as `d00` … and the long-named document.
fn corpus(dir: &Path, docs: usize) -> PathBuf {
    let root = dir.join("corpus");
    fs::create_dir_all(&root).unwrap();
    let names = (0..docs).map(|i| format!("d{i:02}")).chain([long_name()]);
    for name in names {
        for ext in ["txt", "ann.ron"] {
            fs::copy(
                Path::new(SAMPLE_DIR).join(format!("{STEM}.{ext}")),
                root.join(format!("{name}.{ext}")),
            )
            .unwrap();
        }
    }
    root
}

/// Every file under `dir` with its content, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                found.push((path, bytes));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn an_export_to_a_folder_that_fails_on_one_file_changes_no_file_of_it() {
    for docs in SIZES {
        an_export_that_fails_changes_no_file(docs);
    }
}

fn an_export_that_fails_changes_no_file(docs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), docs);
    for (format, previous) in [("brat", "d05.ann"), ("citron", "d15.json")] {
        let out = dir.path().join(format);
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(previous), "previous\n").unwrap();
        let before = snapshot(&out);
        let run = tandai(&["export", s(&root), "--format", format, "--out", s(&out)]);
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{format}: {err}");
        assert!(err.contains(&long_name()), "{format}: {err}");
        assert!(err.contains("File name too long"), "{format}: {err}");
        assert_eq!(snapshot(&out), before, "{format}: the folder changed");
    }
    // The same corpus without the long name exports whole: the failure was that one file.
    fs::remove_file(root.join(format!("{}.txt", long_name()))).unwrap();
    fs::remove_file(root.join(format!("{}.ann.ron", long_name()))).unwrap();
    let out = dir.path().join("brat");
    let run = tandai(&["export", s(&root), "--format", "brat", "--out", s(&out)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        snapshot(&out).len(),
        2 * docs + 1,
        "{docs} .txt, {docs} .ann, annotation.conf"
    );
}

#[test]
fn an_import_that_fails_on_one_file_writes_nothing() {
    for docs in SIZES {
        an_import_that_fails_writes_nothing(docs);
    }
}

fn an_import_that_fails_writes_nothing(docs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), docs);
    let brat = dir.path().join("brat");
    // The brat folder to import: exported from the corpus without the long name, then the
    // long-named document added (brat's files fit; the import's temporary files do not).
    let short = dir.path().join("short");
    fs::create_dir_all(&short).unwrap();
    for i in 0..docs {
        for ext in ["txt", "ann.ron"] {
            fs::copy(
                root.join(format!("d{i:02}.{ext}")),
                short.join(format!("d{i:02}.{ext}")),
            )
            .unwrap();
        }
    }
    let run = tandai(&["export", s(&short), "--format", "brat", "--out", s(&brat)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for ext in ["txt", "ann"] {
        fs::copy(
            brat.join(format!("d00.{ext}")),
            brat.join(format!("{}.{ext}", long_name())),
        )
        .unwrap();
    }
    let out = dir.path().join("imported");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("d03.ann.ron"), "previous\n").unwrap();
    let before = snapshot(&out);
    let run = tandai(&[
        "import",
        s(&brat),
        "--from",
        "brat",
        "--out",
        s(&out),
        "--force",
    ]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains(&long_name()), "{err}");
    assert!(err.contains("File name too long"), "{err}");
    assert_eq!(snapshot(&out), before, "the folder changed");

    // Without the long name, every pair is written.
    for ext in ["txt", "ann"] {
        fs::remove_file(brat.join(format!("{}.{ext}", long_name()))).unwrap();
    }
    let run = tandai(&[
        "import",
        s(&brat),
        "--from",
        "brat",
        "--out",
        s(&out),
        "--force",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(snapshot(&out).len(), 2 * docs);
    assert_ne!(fs::read(out.join("d03.ann.ron")).unwrap(), b"previous\n");
}

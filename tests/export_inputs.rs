//! `tandai export --out` never writes onto a file the export reads, nor onto an article of the
//! corpus, however the path is spelled: the binary refuses with exit 2 before writing anything.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");
const STEM: &str = "korut-dukung-rusia";

fn tandai(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `dir/corpus` with the sample in `a/` and `b/`, an unannotated `notes.txt`, and side files of
/// `a`'s article (a journal, a lock, a recovery file, conflict copies, a re-anchoring backup).
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    for sub in ["a", "b"] {
        let to = root.join(sub);
        fs::create_dir_all(&to).unwrap();
        for ext in ["txt", "ann.ron"] {
            fs::copy(
                Path::new(SAMPLE_DIR).join(format!("{STEM}.{ext}")),
                to.join(format!("{STEM}.{ext}")),
            )
            .unwrap();
        }
    }
    fs::write(root.join("notes.txt"), "not annotated\n").unwrap();
    for side in [
        "ann.journal",
        "ann.lock",
        "ann.recovery.ron",
        "ann.conflict.ron",
        "ann.conflict-2.ron",
        "ann.before-reanchor.ron",
    ] {
        fs::write(root.join(format!("a/{STEM}.{side}")), format!("{side}\n")).unwrap();
    }
    (dir, root)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                todo.push(path);
            } else if meta.file_type().is_symlink() {
                files.insert(
                    path.clone(),
                    fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs the export, expects the refusal with `expected` in the message, and checks that no file
/// under `dir` changed, appeared or vanished.
fn refused(dir: &Path, args: &[&str], expected: &str) {
    let before = snapshot(dir);
    let out = tandai(dir, args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(
        err.contains(expected),
        "{args:?}:\n{err}\nwanted: {expected}"
    );
    assert!(err.contains("choose another path"), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(snapshot(dir), before, "{args:?}: files changed");
}

#[test]
fn out_onto_the_annotation_file_is_refused_with_a_message_naming_it() {
    let (dir, root) = corpus();
    let ann = root.join(format!("a/{STEM}.ann.ron"));
    let article = root.join(format!("a/{STEM}.txt"));
    for format in ["conll", "doccano", "quotes"] {
        let before = snapshot(dir.path());
        let out = tandai(
            dir.path(),
            &["export", s(&root), "--format", format, "--out", s(&ann)],
        );
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert_eq!(
            text(&out.stderr),
            format!(
                "tandai: --out {} is the annotation file of {}, an input of this export; choose another path\n",
                ann.display(),
                article.display()
            )
        );
        assert_eq!(snapshot(dir.path()), before, "{format}");
    }
}

#[test]
fn out_onto_any_input_or_corpus_article_is_refused() {
    let (dir, root) = corpus();
    let a = root.join(format!("a/{STEM}.txt"));
    let b = root.join(format!("b/{STEM}.txt"));
    let side = |sub: &str, ext: &str| root.join(format!("{sub}/{STEM}.{ext}"));
    let cases: Vec<(PathBuf, String)> = vec![
        (
            a.clone(),
            format!("is the article {}, an input", a.display()),
        ),
        (
            b.clone(),
            format!("is the article {}, an input", b.display()),
        ),
        (
            root.join("notes.txt"),
            format!(
                "is the article {}, part of the exported corpus",
                root.join("notes.txt").display()
            ),
        ),
        (
            side("a", "ann.journal"),
            format!("is the journal of {}", a.display()),
        ),
        // A journal that does not exist yet would be replayed by the next load all the same.
        (
            side("b", "ann.journal"),
            format!("is the journal of {}", b.display()),
        ),
        (
            side("a", "ann.lock"),
            format!("is the lock file of {}", a.display()),
        ),
        (
            side("a", "ann.recovery.ron"),
            format!("is the recovery file of {}", a.display()),
        ),
        (
            side("a", "ann.conflict.ron"),
            format!("is a conflict copy of {}", a.display()),
        ),
        (
            side("a", "ann.conflict-2.ron"),
            format!("is a conflict copy of {}", a.display()),
        ),
        (
            side("a", "ann.before-reanchor.ron"),
            format!("is the copy before re-anchoring of {}", a.display()),
        ),
    ];
    for (target, expected) in &cases {
        refused(
            dir.path(),
            &["export", s(&root), "--format", "conll", "--out", s(target)],
            expected,
        );
    }
}

#[test]
fn out_spelled_otherwise_or_linked_to_an_input_is_refused() {
    let (dir, root) = corpus();
    let a = root.join(format!("a/{STEM}.txt"));
    let ann = root.join(format!("a/{STEM}.ann.ron"));
    // Relative spellings, run from the temporary folder.
    let dotted = format!("./corpus/b/../a/{STEM}.txt");
    refused(
        dir.path(),
        &["export", "corpus", "--format", "quotes", "--out", &dotted],
        &format!("--out {dotted} is the article corpus/a/{STEM}.txt, an input"),
    );
    let dotted_ann = format!("corpus/./a/../a/{STEM}.ann.ron");
    refused(
        dir.path(),
        &[
            "export",
            "./corpus",
            "--format",
            "quotes",
            "--out",
            &dotted_ann,
        ],
        "is the annotation file of ./corpus/a/",
    );
    // A symbolic link to the article, one to its folder, and a hard link to the annotation file.
    let link = dir.path().join("link.conll");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    refused(
        dir.path(),
        &["export", s(&root), "--format", "conll", "--out", s(&link)],
        &format!("--out {} is the article {}", link.display(), a.display()),
    );
    let folder_link = dir.path().join("here");
    std::os::unix::fs::symlink(root.join("a"), &folder_link).unwrap();
    let through = folder_link.join(format!("{STEM}.ann.journal"));
    refused(
        dir.path(),
        &[
            "export",
            s(&root),
            "--format",
            "conll",
            "--out",
            s(&through),
        ],
        &format!("is the journal of {}", a.display()),
    );
    let hard = dir.path().join("hard.jsonl");
    fs::hard_link(&ann, &hard).unwrap();
    refused(
        dir.path(),
        &["export", s(&root), "--format", "doccano", "--out", s(&hard)],
        &format!(
            "--out {} is the annotation file of {}",
            hard.display(),
            a.display()
        ),
    );
}

#[test]
fn a_single_article_protects_its_own_files() {
    let (dir, root) = corpus();
    let a = root.join(format!("a/{STEM}.txt"));
    let ann = root.join(format!("a/{STEM}.ann.ron"));
    refused(
        dir.path(),
        &["export", s(&a), "--format", "spacy", "--out", s(&ann)],
        &format!("is the annotation file of {}", a.display()),
    );
    refused(
        dir.path(),
        &["export", s(&a), "--format", "spacy", "--out", s(&a)],
        &format!("is the article {}, an input", a.display()),
    );
}

#[test]
fn brat_into_the_corpus_folder_is_refused() {
    let (dir, root) = corpus();
    refused(
        dir.path(),
        &["export", s(&root), "--format", "brat", "--out", s(&root)],
        &format!(
            "--out {} would write {}, which is the article {}, an input of this export",
            root.display(),
            root.join(format!("a/{STEM}.txt")).display(),
            root.join(format!("a/{STEM}.txt")).display()
        ),
    );
    let a = root.join(format!("a/{STEM}.txt"));
    refused(
        dir.path(),
        &[
            "export",
            s(&a),
            "--format",
            "brat",
            "--out",
            s(&root.join("a")),
        ],
        &format!("which is the article {}", a.display()),
    );
}

#[test]
fn an_ordinary_out_inside_the_corpus_is_written_and_nothing_else_changes() {
    let (dir, root) = corpus();
    for side in fs::read_dir(root.join("a")).unwrap() {
        let path = side.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains(".ann.") && !name.ends_with(".ann.ron") {
            fs::remove_file(path).unwrap();
        }
    }
    let before = snapshot(&root);
    let target = root.join("a/out.conll");
    let out = tandai(
        dir.path(),
        &["export", s(&root), "--format", "conll", "--out", s(&target)],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut after = snapshot(&root);
    assert!(after.remove(&target).is_some());
    assert_eq!(after, before);
}

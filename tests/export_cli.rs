//! `tandai export` end to end: the binary on a temporary copy of the sample corpus.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");
const STEM: &str = "korut-dukung-rusia";

fn tandai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A corpus of three copies of the sample: `a/`, `b/` and `c/deep/`.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    for sub in ["a", "b", "c/deep"] {
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
    // An article without annotations is not part of the corpus.
    fs::write(root.join("notes.txt"), "not annotated\n").unwrap();
    (dir, root)
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn conll_of_a_folder_is_in_path_order_and_identical_to_one_worker() {
    let (dir, root) = corpus();
    let two = dir.path().join("two.conll");
    let out = tandai(&["export", s(&root), "--format", "conll", "--out", s(&two)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let conll = fs::read_to_string(&two).unwrap();
    assert_eq!(conll.matches("-DOCSTART- -X- O O").count(), 3);
    assert!(conll.contains("\nBarat -X- _ B-LOC\nlah -X- _ O\n"));
    let one = dir.path().join("one.conll");
    let out = tandai(&[
        "export",
        s(&root),
        "--format",
        "conll",
        "--out",
        s(&one),
        "--jobs",
        "1",
    ]);
    assert!(out.status.success());
    assert_eq!(fs::read_to_string(&one).unwrap(), conll);
    // stdout when no --out, and no progress line when stderr is not a terminal.
    let out = tandai(&["export", s(&root), "--format", "conll"]);
    assert_eq!(text(&out.stdout), conll);
    assert!(!text(&out.stderr).contains('\r'));
    assert!(!text(&out.stderr).contains('\x1b'));
    assert!(text(&out.stderr).contains("exported 3 of 3 documents"));
}

#[test]
fn spacy_doccano_quotes_claims_write_one_line_per_unit() {
    let (dir, root) = corpus();
    for (format, lines) in [("spacy", 3), ("doccano", 3), ("quotes", 63), ("claims", 36)] {
        let file = dir.path().join(format!("{format}.jsonl"));
        let out = tandai(&["export", s(&root), "--format", format, "--out", s(&file)]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        let written = fs::read_to_string(&file).unwrap();
        assert_eq!(written.lines().count(), lines, "{format}");
        for line in written.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
    }
}

#[test]
fn hf_writes_label_names_beside_and_brat_a_folder() {
    let (dir, root) = corpus();
    let hf = dir.path().join("hf/train.jsonl");
    let out = tandai(&["export", s(&root), "--format", "hf", "--out", s(&hf)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let names = fs::read_to_string(dir.path().join("hf/label_names.json")).unwrap();
    assert!(names.starts_with(r#"["O","B-PER","I-PER""#), "{names}");
    let out = tandai(&["export", s(&root), "--format", "hf"]);
    assert_eq!(out.status.code(), Some(2), "hf needs --out");

    let brat = dir.path().join("brat");
    let out = tandai(&["export", s(&root), "--format", "brat", "--out", s(&brat)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for sub in ["a", "b", "c/deep"] {
        let txt = fs::read_to_string(brat.join(format!("{sub}/{STEM}.txt"))).unwrap();
        assert_eq!(
            txt,
            fs::read_to_string(root.join(format!("{sub}/{STEM}.txt"))).unwrap()
        );
        let ann = fs::read_to_string(brat.join(format!("{sub}/{STEM}.ann"))).unwrap();
        assert!(ann.starts_with("T1\tLOC 0 6\tMOSKWA\n"), "{ann}");
    }
    let conf = fs::read_to_string(brat.join("annotation.conf")).unwrap();
    assert!(conf.contains("[relations]") && conf.contains("Kind Arg:Quote"));
}

#[test]
fn token_options_are_checked() {
    let (_dir, root) = corpus();
    let bad = [
        vec!["--format", "conll", "--layers", "entities,quotes"],
        vec!["--format", "spacy", "--scheme", "bioes"],
        vec!["--format", "doccano", "--only-done"],
        vec!["--format", "csv"],
    ];
    for args in bad {
        let mut all = vec!["export", s(&root)];
        all.extend(args.iter().copied());
        let out = tandai(&all);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = tandai(&[
        "export",
        s(&root),
        "--format",
        "conll",
        "--layers",
        "quotes",
        "--scheme",
        "bioes",
        "--paragraphs",
        "--all-paragraphs",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let conll = text(&out.stdout);
    assert!(conll.contains(" B-QUOTE\n") && conll.contains(" E-QUOTE\n"));
}

#[test]
fn bad_documents_are_skipped_with_a_message_and_exit_2() {
    let (dir, root) = corpus();
    // b: annotation file that does not parse; c: article changed since it was annotated.
    fs::write(root.join(format!("b/{STEM}.ann.ron")), "garbage").unwrap();
    let changed = root.join(format!("c/deep/{STEM}.txt"));
    let mut article = fs::read_to_string(&changed).unwrap();
    article.push_str("Tambahan.\n");
    fs::write(&changed, article).unwrap();

    let file = dir.path().join("out.conll");
    let out = tandai(&["export", s(&root), "--format", "conll", "--out", s(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "skipped {}",
            root.join(format!("b/{STEM}.ann.ron:1:1")).display()
        )),
        "{err}"
    );
    assert!(
        err.contains("the article changed since it was annotated"),
        "{err}"
    );
    assert!(err.contains("2 of 3 documents skipped"), "{err}");
    // The good document is exported all the same.
    let conll = fs::read_to_string(&file).unwrap();
    assert_eq!(conll.matches("-DOCSTART-").count(), 1);

    // --strict stops at the first and leaves no output file.
    let strict = dir.path().join("strict.conll");
    let out = tandai(&[
        "export",
        s(&root),
        "--format",
        "conll",
        "--strict",
        "--out",
        s(&strict),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.matches("skipped").count(), 1, "{err}");
    assert!(!strict.exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_single_article_and_missing_inputs() {
    let (_dir, root) = corpus();
    let article = root.join(format!("a/{STEM}.txt"));
    let out = tandai(&["export", s(&article), "--format", "quotes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = text(&out.stdout).lines().next().unwrap().to_owned();
    assert!(first.contains(&format!("\"{STEM}\"")), "{first}");
    let out = tandai(&["export", s(&root.join("nowhere")), "--format", "quotes"]);
    assert_eq!(out.status.code(), Some(2));
    let out = tandai(&["export", s(&root.join("notes.txt")), "--format", "quotes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no annotation file"));
}

#[test]
fn a_folder_without_articles_names_the_folder_and_exits_2() {
    let (dir, root) = corpus();
    let empty = dir.path().join("empty");
    fs::create_dir_all(empty.join("sub")).unwrap();
    let out = tandai(&["export", s(&empty), "--format", "conll"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("tandai: no articles in {}\n", empty.display())
    );
    // Articles, none annotated.
    fs::write(empty.join("sub/x.txt"), "x\n").unwrap();
    let out = tandai(&["export", s(&empty), "--format", "conll"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "tandai: no annotated articles in {} (an article is annotated when its .ann.ron is beside it)\n",
            empty.display()
        )
    );
    assert!(root.exists());
}

#[test]
fn out_below_a_file_says_the_parent_is_a_file() {
    let (_dir, root) = corpus();
    let article = root.join(format!("a/{STEM}.txt"));
    let before = fs::read(&article).unwrap();
    for (format, name) in [
        ("conll", "o.conll"),
        ("brat", "brat"),
        ("hf", "sub/o.jsonl"),
    ] {
        let target = article.join(name);
        let out = tandai(&["export", s(&root), "--format", format, "--out", s(&target)]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert_eq!(
            text(&out.stderr),
            format!(
                "tandai: --out {}: {} is a file, not a folder\n",
                target.display(),
                article.display()
            ),
            "{format}"
        );
        assert_eq!(fs::read(&article).unwrap(), before);
    }
}

#[test]
fn a_folder_export_takes_hidden_files_but_not_hidden_folders_links_to_folders_or_broken_links() {
    let (dir, root) = corpus();
    let sample = |ext: &str| Path::new(SAMPLE_DIR).join(format!("{STEM}.{ext}"));
    for (folder, stem) in [("a", ".draft"), (".hidden", "x")] {
        fs::create_dir_all(root.join(folder)).unwrap();
        for ext in ["txt", "ann.ron"] {
            fs::copy(sample(ext), root.join(folder).join(format!("{stem}.{ext}"))).unwrap();
        }
    }
    std::os::unix::fs::symlink(root.join("a"), root.join("linked")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("b/gone.txt")).unwrap();
    fs::copy(sample("ann.ron"), root.join("b/gone.ann.ron")).unwrap();
    let out_dir = dir.path().join("brat");
    let out = tandai(&["export", s(&root), "--format", "brat", "--out", s(&out_dir)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("exported 4 of 4 documents"));
    let mut written: Vec<String> = Vec::new();
    let mut folders = vec![out_dir.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let rel = path.strip_prefix(&out_dir).unwrap();
                written.push(rel.display().to_string());
            }
        }
    }
    written.sort();
    assert_eq!(
        written,
        [
            "a/.draft.txt".to_owned(),
            format!("a/{STEM}.txt"),
            format!("b/{STEM}.txt"),
            format!("c/deep/{STEM}.txt"),
        ]
    );
}

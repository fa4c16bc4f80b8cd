//! `--split` and `--shard` end to end: the binary on a generated corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tandai::import::Builder;
use tandai::model::{Document, Span};

mod common;
use common::{arg as s, run as tandai};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The label of document `i`'s one entity: `RARE` in three documents, `MID` in five, `PER` in
/// most, none in every seventh.
fn label_of(i: usize) -> Option<&'static str> {
    match i {
        4 | 19 | 33 => Some("RARE"),
        2 | 11 | 23 | 29 | 37 => Some("MID"),
        _ if i.is_multiple_of(7) => None,
        _ => Some("PER"),
    }
}

/// 40 annotated articles in two folders, and one article without annotations.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    for i in 0..40usize {
        let folder = root.join(if i.is_multiple_of(2) {
            "even"
        } else {
            "odd/deep"
        });
        fs::create_dir_all(&folder).unwrap();
        let article = folder.join(format!("n{i:02}.txt"));
        let body = format!("Nama{i:02} berbicara di Jakarta hari ini.\n");
        fs::write(&article, &body).unwrap();
        let doc = Document::new(body);
        let mut b = Builder::new(&doc);
        if let Some(label) = label_of(i) {
            b.entity(label, vec![Span::new(0, 6)]);
        }
        tandai::store::save(article.as_path(), &doc, &b.finish(), "test").unwrap();
    }
    fs::write(root.join("plain.txt"), "no annotations\n").unwrap();
    (dir, root)
}

/// The `.ann` files of a brat folder: id → contents.
fn brat_files(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ann") {
                let id = path
                    .strip_prefix(dir)
                    .unwrap()
                    .with_extension("")
                    .to_string_lossy()
                    .into_owned();
                files.insert(id, fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn a_split_puts_each_document_in_one_part_and_each_label_in_every_part() {
    let (dir, root) = corpus();
    let out = dir.path().join("split");
    let run = tandai(&[
        "export",
        s(&root),
        "--format",
        "brat",
        "--split",
        "80,10,10",
        "--seed",
        "7",
        "--out",
        s(&out),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("(train 32, dev 4, test 4)"),
        "{}",
        text(&run.stderr)
    );
    let parts: Vec<BTreeMap<String, String>> = ["train", "dev", "test"]
        .iter()
        .map(|p| brat_files(&out.join(p)))
        .collect();
    let mut all = BTreeSet::new();
    for part in &parts {
        for id in part.keys() {
            assert!(all.insert(id.clone()), "{id} is in two parts");
        }
    }
    assert_eq!(
        all.len(),
        40,
        "every annotated document in exactly one part"
    );
    for label in ["RARE", "MID", "PER"] {
        for (name, part) in ["train", "dev", "test"].iter().zip(&parts) {
            assert!(
                part.values()
                    .any(|ann| ann.contains(&format!("\t{label} "))),
                "{label} missing from {name}"
            );
        }
    }
    for p in ["train", "dev", "test"] {
        assert!(out.join(p).join("annotation.conf").is_file());
    }
}

#[test]
fn the_same_seed_gives_the_same_files_with_any_number_of_workers() {
    let (dir, root) = corpus();
    let export = |name: &str, seed: &str, jobs: &str| {
        let out = dir.path().join(name);
        let run = tandai(&[
            "export",
            s(&root),
            "--format",
            "conll",
            "--all-paragraphs",
            "--split",
            "80,10,10",
            "--seed",
            seed,
            "--jobs",
            jobs,
            "--out",
            s(&out),
        ]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        ["train", "dev", "test"]
            .map(|p| fs::read_to_string(out.join(format!("{p}.conll"))).unwrap())
    };
    let first = export("a", "7", "1");
    assert_eq!(first, export("b", "7", "2"));
    assert_ne!(first, export("c", "8", "2"), "another seed, another split");
    let docs: usize = first.iter().map(|f| f.matches("-DOCSTART-").count()).sum();
    assert_eq!(docs, 40);
}

#[test]
fn a_split_that_does_not_sum_to_100_is_refused_and_writes_nothing() {
    let (dir, root) = corpus();
    let out = dir.path().join("split");
    for split in ["80,10,5", "80,20", "a,b,c"] {
        let run = tandai(&[
            "export",
            s(&root),
            "--format",
            "spacy",
            "--split",
            split,
            "--out",
            s(&out),
        ]);
        assert_eq!(run.status.code(), Some(2), "{split}");
        assert!(
            text(&run.stderr).contains("sum to 100"),
            "{}",
            text(&run.stderr)
        );
        assert!(!out.exists());
    }
    let run = tandai(&[
        "export",
        s(&root),
        "--format",
        "spacy",
        "--split",
        "80,10,10",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("give --out"),
        "{}",
        text(&run.stderr)
    );
    let run = tandai(&["export", s(&root), "--format", "spacy", "--seed", "3"]);
    assert_eq!(run.status.code(), Some(2), "--seed needs --split");
}

#[test]
fn the_shards_of_an_export_are_disjoint_and_together_the_whole_corpus() {
    let (dir, root) = corpus();
    let whole = dir.path().join("whole");
    let run = tandai(&["export", s(&root), "--format", "brat", "--out", s(&whole)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let whole = brat_files(&whole);
    let mut union = BTreeMap::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("shard{k}"));
        let shard = format!("{k}/3");
        let run = tandai(&[
            "export",
            s(&root),
            "--format",
            "brat",
            "--shard",
            &shard,
            "--out",
            s(&out),
        ]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        let files = brat_files(&out);
        assert!(
            !files.is_empty() && files.len() < 40,
            "shard {k}: {}",
            files.len()
        );
        for (id, ann) in files {
            assert!(
                union.insert(id.clone(), ann).is_none(),
                "{id} in two shards"
            );
        }
    }
    assert_eq!(union, whole);
    for bad in ["0/3", "4/3", "3"] {
        let run = tandai(&["export", s(&root), "--format", "spacy", "--shard", bad]);
        assert_eq!(run.status.code(), Some(2), "{bad}");
        assert!(text(&run.stderr).contains("K/N"), "{}", text(&run.stderr));
    }
}

#[test]
fn an_article_added_to_the_corpus_moves_no_other_between_shards() {
    let (dir, root) = corpus();
    let shard_of = |root: &Path| -> BTreeMap<String, u32> {
        let mut of = BTreeMap::new();
        for k in 1..=4 {
            let shard = format!("{k}/4");
            let run = tandai(&[
                "export",
                s(root),
                "--format",
                "brat",
                "--shard",
                &shard,
                "--out",
                s(&dir.path().join(format!("s{k}"))),
            ]);
            assert!(run.status.success(), "{}", text(&run.stderr));
            for id in brat_files(&dir.path().join(format!("s{k}"))).into_keys() {
                of.insert(id, k);
            }
            fs::remove_dir_all(dir.path().join(format!("s{k}"))).unwrap();
        }
        of
    };
    let before = shard_of(&root);
    fs::copy(root.join("even/n00.txt"), root.join("even/new.txt")).unwrap();
    fs::copy(root.join("even/n00.ann.ron"), root.join("even/new.ann.ron")).unwrap();
    let after = shard_of(&root);
    assert_eq!(after.len(), before.len() + 1);
    for (id, k) in before {
        assert_eq!(after[&id], k, "{id} moved");
    }
}

/// The `path` of each document of `stats --json`.
fn stats_paths(json: &str) -> BTreeSet<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn check_and_stats_of_the_shards_add_up_to_the_whole() {
    let (_dir, root) = corpus();
    // A problem to be found in exactly one shard.
    fs::write(root.join("odd/deep/n01.ann.ron"), "(broken").unwrap();
    let whole = tandai(&["stats", "--json", s(&root)]);
    let whole_docs = stats_paths(&text(&whole.stdout));
    assert_eq!(whole_docs.len(), 41);
    let whole_check = tandai(&["check", s(&root)]);
    assert_eq!(whole_check.status.code(), Some(1));
    let mut docs = BTreeSet::new();
    let mut lines = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let run = tandai(&["stats", "--json", "--shard", &shard, s(&root)]);
        for path in stats_paths(&text(&run.stdout)) {
            assert!(docs.insert(path.clone()), "{path} in two shards");
        }
        let run = tandai(&["check", "--shard", &shard, s(&root)]);
        lines.extend(text(&run.stdout).lines().map(String::from));
    }
    assert_eq!(docs, whole_docs);
    let mut whole_lines: Vec<String> = text(&whole_check.stdout)
        .lines()
        .map(String::from)
        .collect();
    whole_lines.sort();
    lines.sort();
    assert_eq!(lines, whole_lines);
    assert!(!lines.is_empty());
}

#[test]
fn gnu_parallel_runs_the_shards_and_their_concatenation_is_the_whole_export() {
    let (dir, root) = corpus();
    let whole = tandai(&["export", s(&root), "--format", "spacy"]);
    assert!(whole.status.success(), "{}", text(&whole.stderr));
    let out = dir.path().join("shards");
    fs::create_dir_all(&out).unwrap();
    let run = Command::new("parallel")
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .args([
            "--will-cite",
            "--halt",
            "now,fail=1",
            &format!(
                "{} export {} --format spacy --shard {{}}/4 --out {}/part-{{}}.jsonl",
                env!("CARGO_BIN_EXE_tandai"),
                s(&root),
                s(&out)
            ),
            ":::",
            "1",
            "2",
            "3",
            "4",
        ])
        .output()
        .expect("GNU parallel (Debian package `parallel`, installed by .ci/run)");
    assert!(run.status.success(), "{}", text(&run.stderr));
    let mut joined: Vec<String> = Vec::new();
    for k in 1..=4 {
        let part = fs::read_to_string(out.join(format!("part-{k}.jsonl"))).unwrap();
        joined.extend(part.lines().map(String::from));
    }
    let mut whole: Vec<String> = text(&whole.stdout).lines().map(String::from).collect();
    assert_eq!(joined.len(), 40);
    joined.sort();
    whole.sort();
    assert_eq!(joined, whole);
}

//! `tandai check`, `stats` and `show` end to end: output and exit code, on the gold sample and
//! on copies broken one way at a time.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");

/// A temporary folder with a copy of the gold sample (article and annotation file).
fn gold_copy() -> (tempfile::TempDir, PathBuf) {
    let (dir, article) = sample_copy();
    fs::copy(ann_path(Path::new(SAMPLE)), ann_path(&article)).unwrap();
    (dir, article)
}

/// The gold copy with `from` (which must occur once) replaced by `to` in the annotation file.
fn edited(from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, article) = gold_copy();
    let text = fs::read_to_string(ann_path(&article)).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    fs::write(ann_path(&article), text.replacen(from, to, 1)).unwrap();
    (dir, article)
}

fn run(args: &[&str], path: &Path) -> Output {
    tandai().args(args).arg(path).output().unwrap()
}

/// Runs `check` on `dir`; asserts exit 1 and returns the problem lines.
fn problems(dir: &Path) -> Vec<String> {
    let out = run(&["check"], dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("problem"), "{}", stderr(&out));
    stdout(&out).lines().map(String::from).collect()
}

/// Asserts a single problem line: `ann.ron:LINE:COL: …needle…`.
fn assert_one(dir: &tempfile::TempDir, article: &Path, line: usize, col: usize, needle: &str) {
    let lines = problems(dir.path());
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let prefix = format!("{}:{line}:{col}: ", ann_path(article).display());
    assert!(lines[0].starts_with(&prefix), "{} lacks {prefix}", lines[0]);
    assert!(lines[0].contains(needle), "{} lacks {needle:?}", lines[0]);
}

#[test]
fn check_on_the_sample_is_clean() {
    let out = run(&["check"], Path::new(SAMPLE_DIR));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no problems: 2 annotation files of 2 articles"));
}

#[test]
fn check_an_edited_span_text_names_file_line_and_span() {
    let (dir, article) = edited(
        r#"[(41, 53)], text: "Choe Son Hui"),"#,
        r#"[(41, 53)], text: "Choe Son Hui!"),"#,
    );
    assert_one(
        &dir,
        &article,
        39,
        10,
        r#"e3: the stored text "Choe Son Hui!" is not the article's text there, "Choe Son Hui""#,
    );
    // The file was not touched.
    let after = fs::read_to_string(ann_path(&article)).unwrap();
    assert!(after.contains("Choe Son Hui!"));
}

#[test]
fn check_a_syntax_error() {
    let (dir, article) = gold_copy();
    let text = fs::read_to_string(ann_path(&article)).unwrap();
    let half = &text[..text.find("    quotes:").unwrap()];
    fs::write(ann_path(&article), half).unwrap();
    assert_one(&dir, &article, 131, 1, "Unexpected end of RON");
    assert_eq!(fs::read_to_string(ann_path(&article)).unwrap(), half);
}

#[test]
fn check_an_unknown_version() {
    let (dir, article) = edited("version: 1,", "version: 9,");
    assert_one(&dir, &article, 3, 5, "unknown annotation file version 9");
}

#[test]
fn check_a_changed_article() {
    let (dir, article) = gold_copy();
    let mut text = fs::read_to_string(&article).unwrap();
    text = text.replacen("Choe Son Hui", "Choe Son-hui", 1);
    fs::write(&article, text).unwrap();
    assert_one(
        &dir,
        &article,
        6,
        9,
        "the article changed since it was annotated",
    );
}

#[test]
fn check_a_span_outside_the_text() {
    let (dir, article) = edited("(41, 53)", "(3720, 3800)");
    assert_one(
        &dir,
        &article,
        39,
        10,
        "e3: span (3720, 3800) goes past the end",
    );
}

#[test]
fn check_a_dangling_link() {
    let (dir, article) = edited(r#"claimant: "e14""#, r#"claimant: "e999""#);
    assert_one(
        &dir,
        &article,
        155,
        10,
        r#"c1: claimant "e999" is not the id of any entity"#,
    );
}

#[test]
fn check_a_duplicate_id() {
    let (dir, article) = edited(r#"(id: "e2","#, r#"(id: "e3","#);
    assert_one(&dir, &article, 39, 10, r#"duplicate id "e3""#);
}

#[test]
fn check_gathers_every_problem_of_a_file() {
    let (dir, article) = edited(r#"claimant: "e14""#, r#"claimant: "e999""#);
    let text = fs::read_to_string(ann_path(&article)).unwrap();
    let text = text
        .replacen(r#"text: "MOSKWA")"#, r#"text: "Moskwa")"#, 1)
        .replacen(r#"speaker: "e3")"#, r#"speaker: "x")"#, 1);
    fs::write(ann_path(&article), text).unwrap();
    let lines = problems(dir.path());
    let ann = ann_path(&article).display().to_string();
    let expected = [
        format!("{ann}:37:10: e1: the stored text \"Moskwa\""),
        format!("{ann}:132:10: q1: speaker \"x\" is not the id of any entity"),
        format!("{ann}:155:10: c1: claimant \"e999\""),
    ];
    assert_eq!(lines.len(), expected.len(), "{lines:#?}");
    for (line, start) in lines.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "{line} ≠ {start}…");
    }
}

#[test]
fn check_an_annotation_file_without_its_article() {
    let (dir, article) = gold_copy();
    fs::remove_file(&article).unwrap();
    let lines = problems(dir.path());
    assert_eq!(
        lines,
        [format!(
            "{}: annotation file without its article: there is no korut-dukung-rusia.txt beside it",
            ann_path(&article).display()
        )]
    );
}

#[test]
fn check_a_non_utf8_article_and_accepts_articles_without_annotations() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("fine.txt"), "Satu.\n\nDua.\n").unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/latin1.txt"), b"Caf\xe9\n").unwrap();
    let lines = problems(dir.path());
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let prefix = format!(
        "{}:1:4: the article is not valid UTF-8",
        dir.path().join("sub/latin1.txt").display()
    );
    assert!(lines[0].starts_with(&prefix), "{}", lines[0]);
}

#[test]
fn check_a_missing_path_is_bad_input() {
    let out = run(&["check"], Path::new("/nonexistent/tandai-corpus"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("tandai: /nonexistent/tandai-corpus: "));
}

#[test]
fn stats_of_the_sample() {
    let out = tandai()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["stats", "sample-data"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn stats_json_of_the_sample() {
    let out = run(&["stats", "--json"], Path::new(SAMPLE_DIR));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let total = &json["total"];
    // The Indonesian sample (24 paragraphs, PER 16, 21 quotes, 12 claims, LOC 69) and the
    // English one (18 paragraphs, PER 10, 18 quotes, 7 claims, LOC 24), in path order.
    assert_eq!(total["documents"], 2);
    assert_eq!(total["paragraphs"]["done"], 24 + 18);
    assert_eq!(total["entities"]["PER"], 16 + 10);
    assert_eq!(total["quotes"]["with_speaker"], 21 + 18);
    assert_eq!(total["claims"]["total"], 12 + 7);
    assert_eq!(json["documents"][0]["entities"]["LOC"], 24);
    assert_eq!(json["documents"][1]["entities"]["LOC"], 69);
}

#[test]
fn stats_lists_broken_files_and_counts_the_rest() {
    let (dir, article) = edited("version: 1,", "version: 9,");
    fs::write(dir.path().join("new.txt"), "Satu.\n\nDua.\n").unwrap();
    let out = run(&["stats"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "  not counted: {}:3:5: unknown annotation file version 9",
            ann_path(&article).display()
        )),
        "{text}"
    );
    assert!(text.contains("new.txt  (not annotated yet)\n  paragraphs  0 of 2 done"));
    assert!(text.contains("total: 1 document, 0 annotated, 1 file not counted"));
    assert!(stderr(&out).contains("tandai check"));
}

#[test]
fn show_the_sample() {
    let out = tandai()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["show", "sample-data/korut-dukung-rusia.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn show_json_has_every_annotation_in_full() {
    let out = run(&["show", "--json"], &ann_path(Path::new(SAMPLE)));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["entities"].as_array().unwrap().len(), 93);
    assert_eq!(json["quotes"].as_array().unwrap().len(), 21);
    assert_eq!(json["claims"].as_array().unwrap().len(), 12);
    assert_eq!(json["entities"][2]["text"], "Choe Son Hui");
    assert_eq!(json["entities"][2]["spans"][0], serde_json::json!([41, 53]));
    assert_eq!(json["quotes"][0]["speaker"], "e3");
    assert_eq!(json["annotator"], "gold");
}

#[test]
fn show_refuses_a_broken_file_with_its_place() {
    let (_dir, article) = edited("(41, 53)", "(3720, 3800)");
    let out = run(&["show"], &article);
    assert_eq!(out.status.code(), Some(2));
    let expected = format!("tandai: {}:39:10: e3: span", ann_path(&article).display());
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn every_command_has_help_with_examples() {
    for command in ["check", "stats", "show", "replay"] {
        let out = tandai().args([command, "--help"]).output().unwrap();
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(help.contains("Example"), "{command}: {help}");
        assert!(
            help.contains(&format!("tandai {command}")),
            "{command}: {help}"
        );
    }
}

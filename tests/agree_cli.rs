//! `tandai agree` through the binary: the fixtures' report (a snapshot), and what it does with
//! bad input: a damaged or outdated annotator's file names the file and place and is left
//! out (exit 1), an annotator's journal is read, a folder without two parties
//! anywhere is nothing to do (exit 2); nothing is ever written.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{stderr, stdout, tandai};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FIXTURES: &str = "tests/fixtures/agree/corpus";

fn agree(dir: &Path, args: &[&str]) -> Output {
    tandai()
        .current_dir(dir)
        .arg("agree")
        .args(args)
        .output()
        .unwrap()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

/// A copy of the fixtures in a temporary folder.
fn fixtures_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in snapshot(&Path::new(ROOT).join(FIXTURES)) {
        let relative = path.strip_prefix(Path::new(ROOT).join(FIXTURES)).unwrap();
        let target = dir.path().join(relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, bytes).unwrap();
    }
    dir
}

#[test]
fn the_fixtures_report() {
    let out = agree(Path::new(ROOT), &[FIXTURES]);
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("agree_fixtures_text", stdout(&out));
}

#[test]
fn documents_are_listed_most_differing_first_and_skipped_ones_named() {
    let out = agree(Path::new(ROOT), &["--json", "--gold", FIXTURES]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let differing: Vec<f64> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["differing"].as_f64().unwrap())
        .collect();
    assert!(differing.windows(2).all(|w| w[0] >= w[1]), "{differing:?}");
    assert_eq!(
        report["parties"],
        serde_json::json!(["gold", "ana", "budi", "citra", "dewi"])
    );
    assert_eq!(
        report["skipped"],
        serde_json::json!([{"path": format!("{FIXTURES}/tanpa.txt"), "parties": []}])
    );
    // Identical sets agree fully; empty sets leave every figure undefined.
    let doc = |name: &str| {
        report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    let same = doc("/sama.txt");
    assert_eq!(same["differing"], 0.0);
    assert_eq!(same["entities"]["pairs"][0]["exact"]["f1"], 1.0);
    assert_eq!(same["entities"]["pairs"][0]["kappa"], 1.0);
    let empty = doc("/kosong.txt");
    let pair = &empty["entities"]["pairs"][0];
    assert!(pair["exact"]["f1"].is_null() && pair["kappa"].is_null() && pair["alpha"].is_null());
    // One side empty: recall 0, precision undefined.
    let one_sided = &doc("/sepihak.txt")["entities"]["pairs"][0]["exact"];
    assert_eq!(one_sided["recall"], 0.0);
    assert!(one_sided["precision"].is_null());
}

#[test]
fn a_damaged_file_is_named_with_its_place_and_nothing_is_written() {
    let dir = fixtures_copy();
    let damaged = dir.path().join("kabar.ann.budi.ron");
    let text = fs::read_to_string(&damaged).unwrap();
    fs::write(&damaged, text.replacen("label: \"PER\"", "label: PER\"", 1)).unwrap();
    let before = snapshot(dir.path());
    let out = agree(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains("not compared:\n  ./kabar.ann.budi.ron:16:30: Expected comma"),
        "{report}"
    );
    assert!(
        stderr(&out).contains("1 file(s) could not be read"),
        "{}",
        stderr(&out)
    );
    // The other documents are still compared.
    assert!(report.contains("./sama.txt (ana, budi)"), "{report}");
    assert!(!report.contains("./kabar.txt ("), "{report}");
    assert_eq!(snapshot(dir.path()), before, "nothing written");
}

#[test]
fn a_file_made_for_another_text_is_refused() {
    let dir = fixtures_copy();
    let article = dir.path().join("sama.txt");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(&article, text.replace("jembatan", "jalan")).unwrap();
    let before = snapshot(dir.path());
    let out = agree(dir.path(), &["--json", "sama.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let problem = &report["problems"][0];
    assert_eq!(problem["file"], "sama.ann.ana.ron");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("the article changed since it was annotated"),
        "{problem}"
    );
    assert_eq!(snapshot(dir.path()), before, "nothing written");
}

#[test]
fn an_annotators_journal_is_read_and_left_as_it_is() {
    use tandai::model::{Document, Edit, Entity, Item, Span};
    use tandai::store::{self, AnnotationFile, Annotator};

    let dir = fixtures_copy();
    let article = dir.path().join("sama.txt");
    let budi = Annotator::new("budi").unwrap();
    let file = AnnotationFile::of(&article, Some(&budi));
    let doc = Document::new(fs::read_to_string(&article).unwrap());
    let mut set = store::load(file, &doc).unwrap().unwrap().set;
    let identical = agree(dir.path(), &["--json", "sama.txt"]);
    let before: serde_json::Value = serde_json::from_str(&stdout(&identical)).unwrap();
    assert_eq!(before["corpus"]["entities"]["pairs"][0]["exact"]["f1"], 1.0);

    // budi's session saved one more entity to the journal and has not folded it yet.
    let word = doc.text().split_whitespace().next().unwrap();
    let entity = Item::Entity(Entity {
        id: format!("e{}", set.next_ids.entity).into(),
        label: "MISC".into(),
        spans: vec![Span::new(0, word.chars().count())].into(),
        text: word.into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    });
    let before_ids = set.next_ids;
    let mut after_ids = before_ids;
    after_ids.entity += 1;
    let edits = [
        Edit::Ids {
            before: before_ids,
            after: after_ids,
        },
        Edit::Insert(entity),
    ];
    for edit in &edits {
        set.apply(edit);
    }
    store::Saver::default()
        .save(file, &doc, &set, "budi", Some(&edits))
        .unwrap();
    let journal = file.journal();
    assert!(journal.exists(), "the save went to the journal");
    let files = snapshot(dir.path());

    let out = agree(dir.path(), &["--json", "sama.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_ne!(
        after["corpus"]["entities"]["pairs"][0]["exact"]["f1"], 1.0,
        "the journal's entity is compared"
    );
    assert_eq!(snapshot(dir.path()), files, "nothing folded or written");
}

#[test]
fn an_annotators_file_stands_for_its_article() {
    let out = agree(
        Path::new(ROOT),
        &["--json", &format!("{FIXTURES}/sama.ann.ana.ron")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        report["documents"][0]["path"],
        format!("{FIXTURES}/sama.txt")
    );
}

#[test]
fn nothing_to_compare_is_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = agree(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no articles in ."),
        "{}",
        stderr(&out)
    );
    fs::write(dir.path().join("a.txt"), "Satu.\n").unwrap();
    let out = agree(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("./a.txt (nobody)"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("no article under . has two parties"),
        "{}",
        stderr(&out)
    );
    let out = agree(dir.path(), &["missing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing"), "{}", stderr(&out));
    let out = agree(dir.path(), &["--units", "."]);
    assert_eq!(out.status.code(), Some(2), "--units needs --json");
}

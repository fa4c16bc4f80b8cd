//! Label Studio JSON end to end: import, export, round trips, bad input, predictions.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{arg as s, run as tandai};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/label_studio/project.json"
);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: Output) -> Output {
    assert!(out.status.success(), "{}", text(&out.stderr));
    out
}

fn import(input: &Path, out: &Path) {
    ok(tandai(&[
        "import",
        s(input),
        "--from",
        "label-studio",
        "--out",
        s(out),
    ]));
}

fn export(corpus: &Path, out: &Path) -> String {
    ok(tandai(&[
        "export",
        s(corpus),
        "--format",
        "label-studio",
        "--out",
        s(out),
    ]));
    fs::read_to_string(out).unwrap()
}

/// Every file of a folder, by name.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn export_import_export_gives_the_same_bytes_and_import_export_import_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    import(Path::new(FIXTURE), &first);
    let exported = export(&first, &dir.path().join("a/tasks.json"));
    let second = dir.path().join("second");
    import(&dir.path().join("a/tasks.json"), &second);
    let again = export(&second, &dir.path().join("b/tasks.json"));
    assert_eq!(
        exported, again,
        "an exported project comes back byte for byte"
    );
    let third = dir.path().join("third");
    import(&dir.path().join("b/tasks.json"), &third);
    let renamed = |dir: &Path| -> Vec<(String, String)> {
        files(dir)
            .into_iter()
            .map(|(n, t)| (n.replacen("tasks-", "", 1), t.replace("tasks-", "")))
            .collect()
    };
    assert_eq!(renamed(&second), renamed(&third));
    // tandai's own layout (tasks with `tandai_id`) comes back byte for byte too.
    let sample = export(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data")),
        &dir.path().join("s/tasks.json"),
    );
    let back = dir.path().join("back");
    import(&dir.path().join("s/tasks.json"), &back);
    assert_eq!(sample, export(&back, &dir.path().join("t/tasks.json")));
    // What the fixture holds, as tandai reads it.
    let ann = fs::read_to_string(first.join("project-2.ann.ron")).unwrap();
    for wanted in [
        "kind: Indirect",
        "checkworthy: Yes",
        "note: \"gubernur DKI\"",
        "claimant: \"e2\"",
        "quote: \"q1\"",
        "speaker: \"e1\"",
        "kind: \"Coreference\", from: \"e2\", to: \"e1\"",
    ] {
        assert!(ann.contains(wanted), "{wanted} not in\n{ann}");
    }
    let tasks: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(tasks.as_array().unwrap().len(), 2);
    assert!(dir.path().join("a/label_config.xml").is_file());
}

#[test]
fn utf16_offsets_after_an_emoji_are_read_as_characters_and_written_as_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    import(Path::new(FIXTURE), &corpus);
    let ann = fs::read_to_string(corpus.join("project-1.ann.ron")).unwrap();
    // "😀 Presiden Jokowi": Jokowi is 11..17 in code points (12..18 in UTF-16 units).
    assert!(ann.contains("spans: [(11, 17)], text: \"Jokowi\""), "{ann}");
    let exported = export(&corpus, &dir.path().join("out.json"));
    let tasks: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let region = &tasks[0]["annotations"][0]["result"][0];
    assert_eq!(region["value"]["start"], 11);
    assert_eq!(region["value"]["text"], "Jokowi");
}

#[test]
fn bad_input_is_refused_with_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fs::read_to_string(FIXTURE).unwrap();
    let cases = [
        (
            fixture.replacen("\"text\": \"Anies\",", "\"text\": \"Budi\",", 1),
            "task 2: region e-a: value.text \"Budi\"",
        ),
        (
            fixture.replacen("\"to_id\": \"p1\"", "\"to_id\": \"zz\"", 1),
            "task 1: relation to unknown region zz",
        ),
        (
            fixture.replacen("\"labels\": [", "\"labelz\": [", 1),
            "task 1: region p1: no \"labels\" list",
        ),
        (
            fixture.replacen("\"data\": {", "\"data\": {,", 1),
            "invalid JSON",
        ),
    ];
    let task2_line = fixture
        .lines()
        .position(|l| l.contains("\"id\": 102"))
        .unwrap();
    for (n, (input, message)) in cases.iter().enumerate() {
        assert_ne!(&fixture, input, "case {n} changes the fixture");
        let file = dir.path().join(format!("bad{n}.json"));
        fs::write(&file, input).unwrap();
        let out = dir.path().join(format!("out{n}"));
        let run = tandai(&[
            "import",
            s(&file),
            "--from",
            "label-studio",
            "--out",
            s(&out),
        ]);
        assert_eq!(run.status.code(), Some(2), "case {n}");
        let err = text(&run.stderr);
        assert!(err.contains(message), "case {n}: {err}");
        assert!(!out.exists(), "case {n}: nothing written");
        if n == 0 {
            // The task starts on the line before its "id".
            assert!(
                err.contains(&format!("bad0.json:{task2_line}: column 3, task 2:")),
                "{err}"
            );
        }
    }
}

#[test]
fn predictions_become_suggestions_beside_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    import(Path::new(FIXTURE), &corpus);
    ok(tandai(&[
        "suggest",
        "--from",
        "label-studio",
        FIXTURE,
        s(&corpus),
    ]));
    let side: PathBuf = corpus.join("project-1.sug.ron");
    let sug = fs::read_to_string(&side).unwrap();
    assert!(sug.contains("model: \"label-studio\""), "{sug}");
    assert!(sug.contains("\"Bappenas\""), "{sug}");
    assert!(
        !sug.contains("王小明"),
        "only the predictions, not the annotations: {sug}"
    );
    let sug = fs::read_to_string(corpus.join("project-2.sug.ron")).unwrap();
    assert!(sug.contains("kind: Indirect"), "{sug}");
}

//! Label Studio projects survive import → export: every task key, annotation, prediction and
//! result tandai does not model comes back; tandai's edits go out; attributes go both ways.

use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

mod common;
use common::{arg as s, run as tandai};

const FIDELITY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/label_studio/fidelity.json"
);

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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

/// The exported tasks, and what the export said on stderr.
fn export(corpus: &Path, out: &Path) -> (Value, String) {
    let run = ok(tandai(&[
        "export",
        s(corpus),
        "--format",
        "label-studio",
        "--out",
        s(out),
    ]));
    let tasks = serde_json::from_str(&fs::read_to_string(out).unwrap()).unwrap();
    (tasks, String::from_utf8_lossy(&run.stderr).into_owned())
}

fn results(tasks: &Value) -> &Vec<Value> {
    tasks[0]["annotations"][0]["result"].as_array().unwrap()
}

#[test]
fn a_project_comes_back_key_for_key() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    import(Path::new(FIDELITY), &corpus);
    let ann = fs::read_to_string(corpus.join("fidelity-1.ann.ron")).unwrap();
    for wanted in [
        // Several labels: the first; choices, textarea, rating: attributes.
        "label: \"PER\", spans: [(8, 19)], text: \"Sri Mulyani\", attributes: [(name: \"role\", value: \"minister|spokesperson\")]",
        "note: \"the central bank\", attributes: [(name: \"formal\")]",
        "(name: \"comment\", value: \"paraphrase\\nof a speech\"), (name: \"confidence\", value: \"4\")",
        // A cue no quote takes is an entity; `bi` and a second label are kept.
        "(id: \"e3\", label: \"Cue\"",
        "(id: \"r1\", kind: \"Colleague\", from: \"e1\", to: \"e2\")",
        "(id: \"r2\", kind: \"Says\", from: \"e2\", to: \"e3\")",
        "checkworthy: No",
        "format: \"label-studio\"",
    ] {
        assert!(ann.contains(wanted), "{wanted} not in\n{ann}");
    }
    let (tasks, _) = export(&corpus, &dir.path().join("out.json"));
    let original: Value = serde_json::from_str(&fs::read_to_string(FIDELITY).unwrap()).unwrap();
    assert_eq!(tasks, original);
}

#[test]
fn edits_go_out_and_a_kept_result_naming_a_deleted_region_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    import(Path::new(FIDELITY), &corpus);
    let file = corpus.join("fidelity-1.ann.ron");
    let ann = fs::read_to_string(&file).unwrap();
    // Delete Bank Indonesia (e2) and the relations at it; change the first entity's label and
    // an attribute; give the cue entity a new attribute.
    let edited: String = ann
        .lines()
        .filter(|l| !l.contains("(id: \"e2\"") && !l.contains("(id: \"r1\"") && !l.contains("(id: \"r2\""))
        .map(|l| {
            l.replace("label: \"PER\"", "label: \"POL\"")
                .replace("value: \"4\"", "value: \"5\"")
                .replace(
                    "text: \"setuju\")",
                    "text: \"setuju\", attributes: [(name: \"Negated\"), (name: \"Tone\", value: \"flat\")])",
                )
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace("relations: [\n    ],\n", "");
    assert_ne!(ann, edited);
    fs::write(&file, edited).unwrap();
    let (tasks, stderr) = export(&corpus, &dir.path().join("out.json"));
    let results = results(&tasks);
    let find = |id: &str, from: &str| {
        results
            .iter()
            .find(|r| r["id"] == id && r["from_name"] == from)
            .unwrap_or_else(|| panic!("no {from} result on {id}: {results:#?}"))
    };
    // The new label replaces both old ones; the region keeps its id and other keys.
    let person = find("r-a", "label");
    assert_eq!(person["value"]["labels"], serde_json::json!(["POL"]));
    assert_eq!(person["origin"], "manual");
    assert_eq!(find("r-q", "confidence")["value"]["rating"], 5);
    // New attributes: per-region choices on the region's original id.
    assert_eq!(
        find("r-v", "Negated")["value"]["choices"],
        serde_json::json!(["Negated"])
    );
    assert_eq!(
        find("r-v", "Tone")["value"]["choices"],
        serde_json::json!(["flat"])
    );
    // Nothing names the deleted region; the kept datetime on it is reported.
    assert!(
        results
            .iter()
            .all(|r| r["id"] != "r-b" && r["from_id"] != "r-b" && r["to_id"] != "r-b"),
        "{results:#?}"
    );
    assert!(
        stderr.contains("names region r-b, deleted in tandai: left out"),
        "{stderr}"
    );
    // What is not about it stays: the task's choices, the other annotation, the predictions.
    assert!(results.iter().any(|r| r["id"] == "t-1"));
    assert_eq!(tasks[0]["annotations"][1]["id"], 12);
    assert_eq!(tasks[0]["predictions"][0]["score"], 0.42);
}

#[test]
fn attributes_go_out_as_per_region_choices_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let brat = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/interchange/brat/foreign"
    );
    let first = dir.path().join("first");
    ok(tandai(&[
        "import",
        brat,
        "--from",
        "brat",
        "--out",
        s(&first),
    ]));
    let (tasks, _) = export(&first, &dir.path().join("a/tasks.json"));
    let choices: usize = tasks
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["annotations"][0]["result"].as_array().unwrap())
        .filter(|r| r["type"] == "choices")
        .count();
    assert!(choices > 0, "{tasks:#}");
    let second = dir.path().join("second");
    import(&dir.path().join("a/tasks.json"), &second);
    let attributes = |dir: &Path| -> Vec<String> {
        let mut all: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".ann.ron"))
            .flat_map(|p| {
                fs::read_to_string(p)
                    .unwrap()
                    .lines()
                    .filter_map(|l| l.find("attributes: [").map(|at| l[at..].to_owned()))
                    .collect::<Vec<_>>()
            })
            .map(|a| a.split(")]").next().unwrap().to_owned())
            .collect();
        all.sort();
        all
    };
    let before = attributes(&first);
    assert!(!before.is_empty());
    assert_eq!(before, attributes(&second));
}

//! doccano relations of any type and spaCy span groups of any name, through `tandai import`
//! and `tandai export`: byte for byte on fixtures in tandai's layout.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{arg as s, run as tandai};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/interchange");

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Imports `rel` as `format`, exports it again; returns the export and the imported file.
fn round_trip(rel: &str, format: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = PathBuf::from(FIXTURES).join(rel);
    let (corpus, out) = (dir.path().join("corpus"), dir.path().join("out.jsonl"));
    ok(&tandai(&[
        "import",
        s(&input),
        "--from",
        format,
        "--out",
        s(&corpus),
    ]));
    ok(&tandai(&[
        "export",
        s(&corpus),
        "--format",
        format,
        "--out",
        s(&out),
    ]));
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let ron = fs::read_to_string(corpus.join(format!("{stem}-1.ann.ron"))).unwrap();
    (fs::read_to_string(out).unwrap(), ron)
}

#[test]
fn doccano_relations_of_any_type_come_back_byte_for_byte() {
    let (out, ron) = round_trip("doccano/rapat.jsonl", "doccano");
    let original = fs::read_to_string(Path::new(FIXTURES).join("doccano/rapat.jsonl")).unwrap();
    assert_eq!(out, original);
    for expected in [
        "(id: \"r1\", kind: \"Meets\", from: \"e1\", to: \"e2\")",
        "(id: \"r2\", kind: \"LocatedIn\", from: \"e2\", to: \"e3\")",
        "(id: \"r3\", kind: \"SaidBy\", from: \"c1\", to: \"e1\")",
        "relation: 4,",
    ] {
        assert!(ron.contains(expected), "{expected}\n{ron}");
    }
}

#[test]
fn spacy_span_groups_of_any_name_are_kept_and_written_back_byte_for_byte() {
    let (out, ron) = round_trip("spacy/groups.jsonl", "spacy");
    let original = fs::read_to_string(Path::new(FIXTURES).join("spacy/groups.jsonl")).unwrap();
    assert_eq!(out, original);
    assert!(
        out.contains("\"sc\":[[14,29,\"EVENT\"],[60,65,\"PERSON\"]]"),
        "{out}"
    );
    assert!(
        ron.contains(
            "kept: [\n        (format: \"spacy\", lines: [\"[\\\"sc\\\",14,29,\\\"EVENT\\\"]\""
        ),
        "{ron}"
    );
}

#[test]
fn a_span_group_entry_outside_the_text_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.jsonl");
    fs::write(
        &input,
        "{\"text\":\"Putin.\",\"entities\":[]}\n{\"text\":\"Putin.\",\"entities\":[],\"spans\":{\"sc\":[[0,99,\"X\"]]}}\n",
    )
    .unwrap();
    let corpus = dir.path().join("corpus");
    let out = tandai(&["import", s(&input), "--from", "spacy", "--out", s(&corpus)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad.jsonl:2: span 0..99 goes past the end"),
        "{err}"
    );
    assert!(!corpus.exists());
}

#[test]
fn doccano_relations_to_a_cue_and_unknown_keys_are_kept_and_written_back() {
    let (out, ron) = round_trip("doccano/kept.jsonl", "doccano");
    let original = fs::read_to_string(Path::new(FIXTURES).join("doccano/kept.jsonl")).unwrap();
    assert_eq!(out, original);
    for expected in [
        // A cue no quote takes is an entity; a relation to it is a relation.
        "(id: \"e3\", label: \"CUE\"",
        "(id: \"r1\", kind: \"Agrees\", from: \"e2\", to: \"e3\")",
        "(format: \"doccano\", lines: [\"{\\\"from_id\\\":2,\\\"id\\\":4,\\\"to_id\\\":5,\\\"type\\\":\\\"Refers\\\"}\", \"\\\"Comments\\\":[]\", \"\\\"id\\\":7\"",
        "ids: [(\"2\", \"e2\"), (\"5\", \"q1 cue\")]",
    ] {
        assert!(ron.contains(expected), "{expected}\n{ron}");
    }
}

#[test]
fn a_kept_doccano_relation_whose_end_was_deleted_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let input = PathBuf::from(FIXTURES).join("doccano/kept.jsonl");
    let (corpus, out) = (dir.path().join("corpus"), dir.path().join("out.jsonl"));
    ok(&tandai(&[
        "import",
        s(&input),
        "--from",
        "doccano",
        "--out",
        s(&corpus),
    ]));
    let file = corpus.join("kept-1.ann.ron");
    let ann = fs::read_to_string(&file).unwrap();
    let edited: String = ann
        .lines()
        .filter(|l| !l.contains("(id: \"e2\"") && !l.contains("(id: \"r1\""))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace("    relations: [\n    ],\n", "");
    fs::write(&file, edited).unwrap();
    let run = tandai(&[
        "export",
        s(&corpus),
        "--format",
        "doccano",
        "--out",
        s(&out),
    ]);
    ok(&run);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains(
            "a relation kept from the doccano import names an annotation deleted in tandai"
        ),
        "{err}"
    );
    let line = fs::read_to_string(&out).unwrap();
    assert!(!line.contains("Refers"), "{line}");
    assert!(line.contains("\"meta\":{\"src\":\"antara\"}"), "{line}");
}

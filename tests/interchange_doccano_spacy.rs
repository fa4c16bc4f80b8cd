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

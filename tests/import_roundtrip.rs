//! `tandai import` end to end: import → export reproduces each fixture byte for byte, and
//! malformed input is refused with its file and line, leaving nothing behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{arg as s, run as tandai};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(rel: &str) -> PathBuf {
    Path::new(FIXTURES).join(rel)
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Imports `input` into a fresh folder and exports it again as `format` to `out`.
fn round_trip(input: &Path, format: &str, out: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    ok(&tandai(&[
        "import",
        s(input),
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
        s(out),
    ]));
    dir
}

#[test]
fn brat_round_trip_is_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    let _corpus = round_trip(&fixture("brat"), "brat", &out);
    for rel in [
        "gempa.ann",
        "gempa.txt",
        "kabar/cianjur.ann",
        "kabar/cianjur.txt",
    ] {
        assert_eq!(
            fs::read_to_string(out.join(rel)).unwrap(),
            fs::read_to_string(fixture(&format!("brat/{rel}"))).unwrap(),
            "{rel}"
        );
    }
}

#[test]
fn brat_import_keeps_fragments_links_attributes_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    ok(&tandai(&[
        "import",
        s(&fixture("brat")),
        "--from",
        "brat",
        "--out",
        s(dir.path()),
    ]));
    let ron = fs::read_to_string(dir.path().join("gempa.ann.ron")).unwrap();
    for expected in [
        r#"(id: "e4", label: "ORG", spans: [(160, 164)], text: "BMKG", note: "Badan Meteorologi, Klimatologi, dan Geofisika")"#,
        r#"(id: "q2", kind: Direct, spans: [(94, 121), (133, 149)], text: "Kami akan mengirim bantuan, … secepat mungkin.", cue: (spans: [(123, 127)], text: "ujar"), speaker: "e2", note: "satu kutipan, dipotong oleh ujarnya")"#,
        r#"(id: "c1", spans: [(55, 91)], text: "Indonesia siap membantu korban gempa", claimant: "e2", quote: "q1", checkworthy: No)"#,
        "(status: Done, hash: \"",
    ] {
        assert!(ron.contains(expected), "{expected}\nnot in\n{ron}");
    }
    // The entity across a line break keeps its two fragments.
    let ron = fs::read_to_string(dir.path().join("kabar/cianjur.ann.ron")).unwrap();
    assert!(
        ron.contains(r#"spans: [(9, 13), (14, 20)], text: "Joko … Widodo""#),
        "{ron}"
    );
}

#[test]
fn doccano_spacy_and_conll_round_trips_are_byte_for_byte() {
    for (format, file) in [
        ("doccano", "doccano/news.jsonl"),
        ("spacy", "spacy/news.jsonl"),
        ("conll", "conll/news.conll"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("again");
        let _corpus = round_trip(&fixture(file), format, &out);
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            fs::read_to_string(fixture(file)).unwrap(),
            "{format}"
        );
    }
}

#[test]
fn conll_rebuilds_the_text_and_reads_two_column_iob1_and_bioes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mixed.conll");
    fs::write(
        &input,
        "-DOCSTART- O\n\nMenurut O\nBMKG S-ORG\n, O\ngempa O\nterasa O\ndi O\nKota B-LOC\nPadang E-LOC\n. O\n\n\
         -DOCSTART- O\n\nJoko I-PER\nWidodo I-PER\ntiba O\n. O\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&tandai(&[
        "import",
        s(&input),
        "--from",
        "conll",
        "--out",
        s(&out),
    ]));
    assert_eq!(
        fs::read_to_string(out.join("mixed-1.txt")).unwrap(),
        "Menurut BMKG, gempa terasa di Kota Padang.\n"
    );
    let ron = fs::read_to_string(out.join("mixed-1.ann.ron")).unwrap();
    assert!(
        ron.contains(r#"label: "LOC", spans: [(30, 41)], text: "Kota Padang""#),
        "{ron}"
    );
    let ron = fs::read_to_string(out.join("mixed-2.ann.ron")).unwrap();
    assert!(
        ron.contains(r#"label: "PER", spans: [(0, 11)], text: "Joko Widodo""#),
        "{ron}"
    );
}

/// Imports `input` (written to a file named `name`) and expects exit 2, a message starting
/// with `<file>:<line>: ` and containing `needle`, and an empty output folder.
fn refused(name: &str, input: &str, format: &str, line: usize, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    fs::write(&file, input).unwrap();
    let out_dir = dir.path().join("out");
    let out = tandai(&["import", s(&file), "--from", format, "--out", s(&out_dir)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let prefix = format!("tandai: {}:{line}: ", file.display());
    assert!(
        err.starts_with(&prefix),
        "{err:?} does not start with {prefix:?}"
    );
    assert!(err.contains(needle), "{err:?} lacks {needle:?}");
    assert!(!out_dir.exists(), "nothing is written");
}

#[test]
fn malformed_input_names_file_and_line_and_writes_nothing() {
    refused(
        "bad.jsonl",
        "{\"text\": \"Putin tiba.\", \"entities\": [[0, 5, \"PER\"]]}\n{\"text\": \"x\", \"entities\": [[0, 9, \"PER\"]]}\n",
        "spacy",
        2,
        "past the end",
    );
    refused(
        "bad.jsonl",
        "{\"text\": \"Putin tiba.\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 5, \"label\": \"PER\"}], \"relations\": [{\"id\": 1, \"from_id\": 1, \"to_id\": 7, \"type\": \"Speaker\"}]}\n",
        "doccano",
        1,
        "unknown entity id 7",
    );
    refused("bad.jsonl", "{\"text\": \n", "doccano", 1, "invalid JSON");
    refused(
        "bad.conll",
        "-DOCSTART- -X- O O\n\nPutin -X- _ B-PER\ntiba -X- _ Q-X\n",
        "conll",
        4,
        "Q-X",
    );
    refused(
        "bad.conll",
        "Putin\n",
        "conll",
        1,
        "expected a token and a tag",
    );
    // brat: the text field does not match the offsets, on line 2.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Putin tiba di Moskwa.\n").unwrap();
    fs::write(
        dir.path().join("a.ann"),
        "T1\tPER 0 5\tPutin\nT2\tLOC 14 19\tMoskwa\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = tandai(&[
        "import",
        s(dir.path()),
        "--from",
        "brat",
        "--out",
        s(&out_dir),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{}:2: T2", dir.path().join("a.ann").display())),
        "{err}"
    );
    assert!(!out_dir.exists());
    // brat: a relation without its second argument (any relation type is read now).
    fs::write(
        dir.path().join("a.ann"),
        "T1\tPER 0 5\tPutin\nT2\tLOC 14 20\tMoskwa\nR1\tVisits Arg1:T1\n",
    )
    .unwrap();
    let out = tandai(&[
        "import",
        s(dir.path()),
        "--from",
        "brat",
        "--out",
        s(&out_dir),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a.ann:3: R1: expected TYPE ROLE:X ROLE:Y"),
        "{err}"
    );
}

#[test]
fn existing_files_are_not_replaced_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("spacy/news.jsonl");
    let out = dir.path().join("out");
    ok(&tandai(&[
        "import",
        s(&input),
        "--from",
        "spacy",
        "--out",
        s(&out),
    ]));
    let before = fs::read_to_string(out.join("news-1.ann.ron")).unwrap();
    let again = tandai(&["import", s(&input), "--from", "spacy", "--out", s(&out)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    ok(&tandai(&[
        "import",
        s(&input),
        "--from",
        "spacy",
        "--out",
        s(&out),
        "--force",
    ]));
    assert_eq!(
        fs::read_to_string(out.join("news-1.ann.ron")).unwrap(),
        before
    );
    // A brat folder imports in place: the .txt files are already the texts.
    let brat = dir.path().join("brat");
    fs::create_dir_all(&brat).unwrap();
    for name in ["gempa.txt", "gempa.ann"] {
        fs::copy(fixture(&format!("brat/{name}")), brat.join(name)).unwrap();
    }
    ok(&tandai(&["import", s(&brat), "--from", "brat"]));
    assert!(brat.join("gempa.ann.ron").exists());
    ok(&tandai(&[
        "export",
        s(&brat.join("gempa.txt")),
        "--format",
        "quotes",
    ]));
}

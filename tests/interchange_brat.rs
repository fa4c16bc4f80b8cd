//! brat projects through `tandai import` and `tandai export`: every line comes back.
//!
//! - `foreign/`: a project with events, equivalences, normalisations, notes of other types,
//!   a second note, flags and valued attributes (`A` and `M`), relations of any type and with
//!   other roles, a discontinuous span, in an order of its own: import → export gives the
//!   `.ann` back byte for byte.
//! - `tandai/`: a project in tandai's own layout with attributes, relations and their notes:
//!   byte for byte, and still byte for byte once the original ids are dropped from the file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{arg as s, run as tandai};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/interchange/brat"
);

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn import(input: &Path, corpus: &Path) {
    let args = ["import", s(input), "--from", "brat", "--out", s(corpus)];
    ok(&tandai(&args));
}

fn export(corpus: &Path, out: &Path) {
    let args = ["export", s(corpus), "--format", "brat", "--out", s(out)];
    ok(&tandai(&args));
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(FIXTURES).join(rel)
}

#[test]
fn a_foreign_brat_project_comes_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, out) = (dir.path().join("corpus"), dir.path().join("out"));
    import(&fixture("foreign"), &corpus);
    export(&corpus, &out);
    let original = fs::read_to_string(fixture("foreign/rapat.ann")).unwrap();
    assert_eq!(fs::read_to_string(out.join("rapat.ann")).unwrap(), original);
    // What tandai modelled, and what it kept.
    let ron = fs::read_to_string(corpus.join("rapat.ann.ron")).unwrap();
    for expected in [
        "label: \"Title\", spans: [(0, 7), (14, 21)], text: \"Menteri … Marsudi\"",
        "attributes: [(name: \"Confidence\", value: \"High\")]",
        "attributes: [(name: \"Negated\")]",
        "note: \"Chinese foreign minister\"",
        "(id: \"r1\", kind: \"Meets\", from: \"e1\", to: \"e2\", note: \"official visit\")",
        "(id: \"r2\", kind: \"LocatedIn\", from: \"e2\", to: \"e3\")",
        "\"E1\\tReject:T6 Agent:T5 Theme:T8\"",
        "\"*\\tEquiv T1 T4\"",
        "\"N1\\tReference T5 Wikidata:Q252\\tIndonesia\"",
        "\"#3\\tAnnotatorNotes T2\\tsecond note, kept\"",
        "\"#4\\tReviewerNotes T1\\tcheck spelling\"",
        "\"R4\\tPart-of Part:T9 Whole:T1\"",
        "\"A4\\tConfidence T1 Low\"",
        "\"A3\\tNegation E2\"",
    ] {
        assert!(ron.contains(expected), "{expected}\n{ron}");
    }
    // Every kept line is a line of the original, in its order.
    let check = tandai(&["check", s(&corpus)]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn tandais_own_layout_comes_back_byte_for_byte_even_without_the_original_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, out) = (dir.path().join("corpus"), dir.path().join("out"));
    import(&fixture("tandai"), &corpus);
    export(&corpus, &out);
    let original = fs::read_to_string(fixture("tandai/kunjungan.ann")).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("kunjungan.ann")).unwrap(),
        original
    );
    let ron_path = corpus.join("kunjungan.ann.ron");
    let ron = fs::read_to_string(&ron_path).unwrap();
    assert!(
        ron.contains("(id: \"r2\", kind: \"SameAs\", from: \"e1\", to: \"e3\")"),
        "{ron}"
    );
    let start = ron
        .find("    kept: [\n")
        .expect("the original ids are kept");
    let end = start + ron[start..].find("    ],\n").unwrap() + "    ],\n".len();
    fs::write(&ron_path, format!("{}{}", &ron[..start], &ron[end..])).unwrap();
    let again = dir.path().join("again");
    export(&corpus, &again);
    assert_eq!(
        fs::read_to_string(again.join("kunjungan.ann")).unwrap(),
        original
    );
}

#[test]
fn bad_brat_lines_are_refused_with_their_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), "Putin tiba di Moskwa.\n").unwrap();
    for (ann, says) in [
        (
            "T1\tPER 0 5\tPutin\nR1\tMeets Arg1:T1 Arg2:T1\nR1\tMeets Arg1:T1 Arg2:T1\n",
            ":3: duplicate id R1",
        ),
        (
            "T1\tPER 0 5\tPutin\nE1 Visit:T1\n",
            ":2: `E1 Visit:T1`: expected a tab after the id",
        ),
        (
            "T1\tPER 0 5\tPutin\nX1\tfoo\n",
            ":2: `X1` is not a brat annotation id",
        ),
        (
            "T1\tPER 0 5\tPutin\nA1\tNegated\n",
            ":2: A1: expected NAME TARGET [VALUE]",
        ),
    ] {
        fs::write(input.join("a.ann"), ann).unwrap();
        let corpus = dir.path().join("corpus");
        let out = tandai(&["import", s(&input), "--from", "brat", "--out", s(&corpus)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        let place = format!("{}{says}", input.join("a.ann").display());
        assert!(err.contains(&place), "{place}\n{err}");
        assert!(!corpus.exists());
    }
}

#[test]
fn a_quote_without_kind_gets_none_and_kept_lines_naming_a_deleted_t_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let (input, corpus, out) = (
        dir.path().join("in"),
        dir.path().join("corpus"),
        dir.path().join("out"),
    );
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), "Budi berkata rapat ditunda.\n").unwrap();
    let ann = "T1\tPerson 0 4\tBudi\nT2\tQuote 13 26\trapat ditunda\nT3\tAttack 5 12\tberkata\n\
               E1\tAttack:T3 Target:T1\nA1\tNegated E1\n#1\tReviewerNotes T2\tok\n";
    fs::write(input.join("a.ann"), ann).unwrap();
    import(&input, &corpus);
    export(&corpus, &out);
    assert_eq!(fs::read_to_string(out.join("a.ann")).unwrap(), ann);
    // Delete Budi (T1); make the quote Indirect.
    let file = corpus.join("a.ann.ron");
    let ron = fs::read_to_string(&file).unwrap();
    let edited: String = ron
        .lines()
        .filter(|l| !l.contains("(id: \"e1\""))
        .map(|l| format!("{}\n", l.replace("kind: Direct", "kind: Indirect")))
        .collect();
    assert_ne!(ron, edited);
    fs::write(&file, edited).unwrap();
    let run = tandai(&[
        "export",
        s(&corpus),
        "--format",
        "brat",
        "--out",
        s(&out),
        "--force",
    ]);
    ok(&run);
    let written = fs::read_to_string(out.join("a.ann")).unwrap();
    assert!(
        !written.contains("E1") && !written.contains("A1\t"),
        "{written}"
    );
    assert!(written.contains("\tKind T2 Indirect"), "{written}");
    assert!(written.contains("#1\tReviewerNotes T2\tok"), "{written}");
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "a line kept from the brat import names T1, deleted in tandai (or not exported): left out (E1 Attack:T3 Target:T1)",
        "names E1, deleted in tandai (or not exported): left out (A1 Negated E1)",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

//! CoNLL of any tag set through `tandai import` and `tandai export`: each document's scheme
//! (IOB1, IOB2, BIOES, BILOU) told from its tags, the extra columns and the `-DOCSTART-` line
//! kept, the input given back line for line; mixed schemes refused with file:line.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/interchange/conll"
);

fn tandai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .args(args)
        .output()
        .unwrap()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn ok(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    err
}

/// Imports `input` into `dir/corpus`.
fn import(input: &Path, dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    ok(&tandai(&[
        "import",
        s(input),
        "--from",
        "conll",
        "--out",
        s(&corpus),
    ]));
    corpus
}

/// Exports `corpus` as CoNLL with `extra` arguments; the output and stderr.
fn export(corpus: &Path, extra: &[&str]) -> (String, String) {
    let out = corpus.with_file_name("out.conll");
    let mut args = vec!["export", s(corpus), "--format", "conll", "--out", s(&out)];
    args.extend_from_slice(extra);
    let err = ok(&tandai(&args));
    (fs::read_to_string(&out).unwrap(), err)
}

/// Imports the fixture `name`, exports it again; the fixture, the export and the folder.
fn round_trip(name: &str) -> (String, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let input = Path::new(FIXTURES).join(name);
    let corpus = import(&input, dir.path());
    let (out, _) = export(&corpus, &[]);
    (fs::read_to_string(&input).unwrap(), out, dir)
}

fn ron(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join("corpus").join(name)).unwrap()
}

fn assert_same_lines(original: &str, out: &str) {
    let (a, b): (Vec<&str>, Vec<&str>) = (original.lines().collect(), out.lines().collect());
    for (n, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "line {}", n + 1);
    }
    assert_eq!(a.len(), b.len(), "line count");
}

#[test]
fn conll2003_iob1_with_pos_and_chunk_columns_comes_back_line_for_line() {
    let (original, out, dir) = round_trip("conll2003.conll");
    assert_same_lines(&original, &out);
    assert_eq!(out, original, "and here byte for byte");
    let first = ron(dir.path(), "conll2003-1.ann.ron");
    assert!(first.contains(r#"("scheme", "iob1")"#), "{first}");
    assert!(first.contains(r#"" NNP B-NP ""#), "{first}");
    assert!(first.contains(r#""-DOCSTART- -X- -X- O""#), "{first}");
    // `B-PER` parts two adjacent persons; `I-LOC` after `O` begins a place.
    for needle in [
        r#"label: "PER", spans: [(40, 53)], text: "Retno Marsudi""#,
        r#"label: "PER", spans: [(54, 65)], text: "Joko Widodo""#,
        r#"label: "LOC", spans: [(0, 7)], text: "Jakarta""#,
    ] {
        assert!(first.contains(needle), "{needle} in {first}");
    }
    // The second document has no sign of its own: it takes the file's scheme.
    let second = ron(dir.path(), "conll2003-2.ann.ron");
    assert!(second.contains(r#"("scheme", "iob1")"#), "{second}");
}

#[test]
fn bioes_with_a_custom_tag_set_and_tabs_comes_back_line_for_line() {
    let (original, out, dir) = round_trip("custom.bioes");
    assert_same_lines(&original, &out);
    let ron = ron(dir.path(), "custom-1.ann.ron");
    assert!(ron.contains(r#"("scheme", "bioes")"#), "{ron}");
    for label in ["MEDIA", "TOPIC", "ROLE", "SENTIMENT"] {
        assert!(ron.contains(&format!("label: \"{label}\"")), "{label}");
    }
    assert!(!original.contains("-DOCSTART-") && !out.contains("-DOCSTART-"));
}

#[test]
fn odd_unicode_tokens_come_back_line_for_line() {
    let (original, out, _dir) = round_trip("odd.conll");
    assert_same_lines(&original, &out);
}

#[test]
fn a_chosen_scheme_wins_over_the_one_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = import(&Path::new(FIXTURES).join("conll2003.conll"), dir.path());
    let (iob2, _) = export(&corpus, &["--scheme", "iob2"]);
    assert!(iob2.starts_with("-DOCSTART- -X- -X- O\n\nJakarta NNP B-NP B-LOC\n"));
    assert!(iob2.contains("Retno NNP I-NP B-PER\nMarsudi NNP I-NP I-PER\nJoko NNP I-NP B-PER\n"));
    let (bilou, _) = export(&corpus, &["--scheme", "bilou"]);
    assert!(
        bilou.contains("Bali NNP B-NP U-LOC\nJawa NNP I-NP U-LOC\n"),
        "{bilou}"
    );
    // And the IOB2 export, imported again, is read as IOB2.
    let again = dir.path().join("again");
    fs::create_dir(&again).unwrap();
    fs::write(again.join("iob2.conll"), &iob2).unwrap();
    import(&again.join("iob2.conll"), &again);
    assert!(ron(&again, "iob2-1.ann.ron").contains(r#"("scheme", "iob2")"#));
}

#[test]
fn iob1_is_written_for_a_document_of_tandai_s_own() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mine.conll");
    // tandai's own layout, IOB2: exported in IOB1 on request.
    fs::write(
        &input,
        "-DOCSTART- -X- O O\n\nAni -X- _ B-PER\nBudi -X- _ B-PER\ndan -X- _ O\nBogor -X- _ B-LOC\n. -X- _ O\n\n",
    )
    .unwrap();
    let corpus = import(&input, dir.path());
    let (out, _) = export(&corpus, &["--scheme", "iob1"]);
    assert_eq!(
        out,
        "-DOCSTART- -X- O O\n\nAni -X- _ I-PER\nBudi -X- _ B-PER\ndan -X- _ O\nBogor -X- _ I-LOC\n. -X- _ O\n\n"
    );
}

#[test]
fn quotes_and_claims_stay_quotes_and_claims_and_their_layer_keeps_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("qc.conll");
    fs::write(
        &input,
        "Ani NNP B-PER\nbilang VBD O\nharga NN B-CLAIM\nnaik VBD I-CLAIM\n\nCukup JJ B-QUOTE-Indirect\nbaik JJ I-QUOTE-Indirect\n\n",
    )
    .unwrap();
    let corpus = import(&input, dir.path());
    let ron = ron(dir.path(), "qc-1.ann.ron");
    assert!(
        ron.contains(r#"text: "harga naik""#) && ron.contains("kind: Indirect"),
        "{ron}"
    );
    let (claims, _) = export(&corpus, &["--layers", "claims"]);
    assert_eq!(
        claims,
        "Ani NNP O\nbilang VBD O\nharga NN B-CLAIM\nnaik VBD I-CLAIM\n\nCukup JJ O\nbaik JJ O\n\n"
    );
}

#[test]
fn tokens_tandai_cuts_otherwise_are_said_and_written_with_blank_columns() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("cut.conll");
    // `U.S.` is `U.S` `.` for UAX #29, and `東京` two words; the other sentence is untouched.
    fs::write(
        &input,
        "-DOCSTART- -X- -X- O\n\nPejabat NN B-NP O\nU.S. NNP I-NP I-LOC\ntiba VBD B-VP O\n\nDari IN B-PP O\n東京 NNP B-NP I-LOC\n\nIa PRP B-NP O\npulang VBD B-VP O\n\n",
    )
    .unwrap();
    let corpus = import(&input, dir.path());
    let (out, err) = export(&corpus, &[]);
    assert_eq!(
        out,
        "-DOCSTART- -X- -X- O\n\nPejabat _ _ O\nU.S _ _ I-LOC\n. _ _ I-LOC\ntiba _ _ O\n\nDari _ _ O\n東 _ _ I-LOC\n京 _ _ I-LOC\n\nIa PRP B-NP O\npulang VBD B-VP O\n\n"
    );
    assert!(err.contains("2 warnings"), "{err}");
}

#[test]
fn left_out_paragraphs_leave_out_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("todo.conll");
    fs::write(
        &input,
        "-DOCSTART- O\n\nAni NNP I-PER\n. . O\n\nBudi NNP I-PER\n. . O\n\n",
    )
    .unwrap();
    let corpus = import(&input, dir.path());
    let path = dir.path().join("corpus/todo-1.ann.ron");
    let ron = fs::read_to_string(&path).unwrap();
    let todo = ron.replacen("(status: Done", "(status: Todo", 1);
    assert_ne!(todo, ron);
    fs::write(&path, todo).unwrap();
    let (out, _) = export(&corpus, &[]);
    assert_eq!(out, "-DOCSTART- O\n\nBudi NNP I-PER\n. . O\n\n");
}

/// Imports `input` as `name` and expects exit 2, `file:line: ` first, `needle` in the message
/// and no output folder.
fn refused(input: &str, line: usize, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.conll");
    fs::write(&file, input).unwrap();
    let out_dir = dir.path().join("out");
    let out = tandai(&["import", s(&file), "--from", "conll", "--out", s(&out_dir)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let prefix = format!("tandai: {}:{line}: ", file.display());
    assert!(err.starts_with(&prefix), "{err:?} lacks {prefix:?}");
    assert!(err.contains(needle), "{err:?} lacks {needle:?}");
    assert!(!out_dir.exists(), "nothing is written");
}

#[test]
fn mixed_or_invalid_sequences_are_refused_with_file_and_line() {
    // IOB1's `I-` beginning a span, then IOB2's `B-` after `O`.
    refused(
        "-DOCSTART- O\n\nAni I-PER\ndan O\nBudi B-PER\n",
        5,
        "line 3's \"I-PER\"",
    );
    // BIOES and BILOU letters in one document.
    refused("Ani S-PER\ndan O\nBudi U-PER\n", 3, "BILOU");
    // An `E-` ending a span that never began.
    refused("Ani O\nBudi E-PER\n", 2, "did not begin");
    // `I-` beginning a span in a BIOES document.
    refused("Ani S-PER\n\nBudi I-PER\n", 3, "IOB1");
    // Each document has its own scheme: a BIOES one and an IOB1 one in one file are fine.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.conll");
    fs::write(
        &file,
        "-DOCSTART- O\n\nAni S-PER\n\n-DOCSTART- O\n\nBudi I-PER\n\n",
    )
    .unwrap();
    import(&file, dir.path());
    assert!(ron(dir.path(), "two-1.ann.ron").contains(r#"("scheme", "bioes")"#));
    assert!(ron(dir.path(), "two-2.ann.ron").contains(r#"("scheme", "iob1")"#));
}

//! `tandai import --out FILE`: the pairs go into a folder, so an `--out` that is a file (the
//! input itself, or another file) is refused with exit 2, naming it, and no file changes.

use std::fs;
use std::process::{Command, Output};

const DOCCANO: &str = r#"{"text": "Putin tiba di Moskwa.", "label": [[0, 5, "PER"]]}
"#;

fn import(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .arg("import")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn an_out_that_is_the_input_or_another_file_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("data.jsonl");
    let other = dir.path().join("notes.txt");
    fs::write(&input, DOCCANO).unwrap();
    fs::write(&other, "not a folder\n").unwrap();
    let cases = [
        (&input, "is the input of this import"),
        (&other, "is a file"),
    ];
    for (out, says) in cases {
        let run = import(&[
            input.to_str().unwrap(),
            "--from",
            "doccano",
            "--out",
            out.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("--out {} {says}", out.display())),
            "{stderr}"
        );
    }
    assert_eq!(fs::read_to_string(&input).unwrap(), DOCCANO);
    assert_eq!(fs::read_to_string(&other).unwrap(), "not a folder\n");
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["data.jsonl", "notes.txt"]);
}

#[test]
fn an_out_folder_that_does_not_exist_yet_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("data.jsonl");
    fs::write(&input, DOCCANO).unwrap();
    let out = dir.path().join("corpus");
    let run = import(&[
        input.to_str().unwrap(),
        "--from",
        "doccano",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        fs::read_to_string(out.join("data-1.txt")).unwrap(),
        "Putin tiba di Moskwa."
    );
    assert!(out.join("data-1.ann.ron").is_file());
}

//! `tandai import` of an input without documents: a message naming the input and exit 2, and
//! nothing written (the team's rule for "nothing to do", shared with `check` and `export`).

use std::fs;
use std::path::Path;
use std::process::Command;

fn import(path: &Path, from: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config")
        .args(["import", path.to_str().unwrap(), "--from", from])
        .output()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_input_file_without_documents_is_refused_with_exit_2() {
    for (from, name, content) in [
        ("doccano", "empty.jsonl", ""),
        ("doccano", "blank.jsonl", "\n  \n\n"),
        ("spacy", "empty.jsonl", ""),
        ("spacy", "blank.jsonl", "\n\n"),
        ("conll", "empty.conll", ""),
        ("conll", "blank.conll", "\n\n\n"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join(name);
        fs::write(&input, content).unwrap();
        let out = import(&input, from);
        assert_eq!(out.status.code(), Some(2), "{from} {content:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("tandai: {}: no documents to import\n", input.display()),
            "{from} {content:?}"
        );
        assert_eq!(
            names(dir.path()),
            vec![name.to_owned()],
            "{from}: files written"
        );
    }
}

#[test]
fn a_brat_folder_without_ann_files_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("brat");
    fs::create_dir_all(&brat).unwrap();
    fs::write(brat.join("annotation.conf"), "[entities]\n").unwrap();
    let out = import(&brat, "brat");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("tandai: {}: no documents to import\n", brat.display())
    );
    assert_eq!(names(&brat), vec!["annotation.conf".to_owned()]);
}

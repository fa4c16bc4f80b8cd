use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// Every name in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn many_files_are_written_whole_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    fs::write(a.join("old.sug.ron"), "old").unwrap();
    let files: Vec<(PathBuf, String)> = (0..50)
        .map(|i| {
            let folder = if i % 2 == 0 { &a } else { &b };
            (
                folder.join(format!("{i}.sug.ron")),
                format!("side file {i}"),
            )
        })
        .chain([(a.join("old.sug.ron"), "new".to_string())])
        .collect();
    let temps = write_temporaries(&files, 7, |(p, t)| (p.clone(), t.clone().into_bytes())).unwrap();
    assert!(
        !a.join("0.sug.ron").exists(),
        "nothing is in place before `place`"
    );
    assert_eq!(fs::read_to_string(a.join("old.sug.ron")).unwrap(), "old");
    assert_eq!(place(temps).unwrap(), 51);
    for (path, text) in &files {
        assert_eq!(&fs::read_to_string(path).unwrap(), text);
    }
    assert_eq!(
        names_in(&a).len() + names_in(&b).len(),
        51,
        "no temporary file is left"
    );
}

#[test]
fn a_failed_temporary_file_changes_no_file_and_names_its_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("3.sug.ron"), "old").unwrap();
    let files: Vec<PathBuf> = (0..20)
        .map(|i| match i {
            // A folder that does not exist: its temporary file cannot be created.
            11 => dir.path().join("missing").join("11.sug.ron"),
            _ => dir.path().join(format!("{i}.sug.ron")),
        })
        .collect();
    let err = write_temporaries(&files, 4, |p| (p.clone(), b"new".to_vec())).unwrap_err();
    assert_eq!(err.file, files[11]);
    assert!(err.to_string().contains("11.sug.ron"), "{err}");
    assert_eq!(
        names_in(dir.path()),
        ["3.sug.ron"],
        "no temporary file is left"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("3.sug.ron")).unwrap(),
        "old"
    );
}

#[test]
fn a_failed_rename_keeps_the_files_before_it_and_removes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    // A non-empty folder where a file should go: renaming over it fails.
    let blocked = dir.path().join("2.sug.ron");
    fs::create_dir_all(blocked.join("inside")).unwrap();
    let files: Vec<PathBuf> = (0..5)
        .map(|i| dir.path().join(format!("{i}.sug.ron")))
        .collect();
    let temps = write_temporaries(&files, 3, |p| (p.clone(), b"new".to_vec())).unwrap();
    let err = place(temps).unwrap_err();
    assert_eq!(err.placed, 2);
    assert!(err.error.to_string().contains("2.sug.ron"), "{}", err.error);
    assert_eq!(
        names_in(dir.path()),
        ["0.sug.ron", "1.sug.ron", "2.sug.ron"],
        "the files before the failure stay; no temporary file is left"
    );
}

#[test]
fn a_batch_writes_its_files_in_the_order_they_were_added() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("7.txt"), "old").unwrap();
    let mut batch = Batch::new(5);
    for i in 0..40 {
        assert!(batch.add(
            dir.path().join(format!("{i}.txt")),
            format!("{i}").into_bytes()
        ));
    }
    let temps = batch.finish().unwrap();
    let targets: Vec<PathBuf> = temps.iter().map(|t| t.target.clone()).collect();
    let expected: Vec<PathBuf> = (0..40)
        .map(|i| dir.path().join(format!("{i}.txt")))
        .collect();
    assert_eq!(targets, expected);
    assert_eq!(fs::read_to_string(dir.path().join("7.txt")).unwrap(), "old");
    assert_eq!(place(temps).unwrap(), 40);
    for i in 0..40 {
        let text = fs::read_to_string(dir.path().join(format!("{i}.txt"))).unwrap();
        assert_eq!(text, i.to_string());
    }
    assert_eq!(names_in(dir.path()).len(), 40, "no temporary file is left");
}

/// A file whose folder is a regular file cannot be created, even by root (who ignores
/// permissions): a failure every machine CI may run on can cause.
#[test]
fn a_failed_file_of_a_batch_changes_no_file_names_it_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("0.txt"), "old").unwrap();
    fs::write(dir.path().join("plain"), "a file, not a folder").unwrap();
    let mut batch = Batch::new(4);
    for i in 0..30 {
        let target = match i {
            13 => dir.path().join("plain").join("13.txt"),
            _ => dir.path().join(format!("{i}.txt")),
        };
        // Past the failure, `add` may refuse (false): it depends on timing.
        batch.add(target, b"new".to_vec());
    }
    let err = batch.finish().unwrap_err();
    assert_eq!(err.file, dir.path().join("plain").join("13.txt"));
    assert!(err.to_string().contains("plain/13.txt"), "{err}");
    assert_eq!(
        names_in(dir.path()),
        ["0.txt", "plain"],
        "no file changed, no temporary file left"
    );
    assert_eq!(fs::read_to_string(dir.path().join("0.txt")).unwrap(), "old");
}

#[test]
fn a_batch_dropped_before_it_finishes_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut batch = Batch::new(3);
    for i in 0..20 {
        batch.add(dir.path().join(format!("{i}.txt")), b"new".to_vec());
    }
    drop(batch);
    assert!(names_in(dir.path()).is_empty());
}

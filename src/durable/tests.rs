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

/// What a [`Recorder`] saw when a file system was flushed.
#[derive(Debug, PartialEq)]
struct Flushed {
    /// The file system flushed.
    system: u64,
    /// Temporary files under the root at that moment.
    temporaries: usize,
    /// Targets holding their new content at that moment.
    placed: usize,
}

/// A [`Flusher`] that counts its calls and flushes nothing. Folders named `other*` are on
/// file system 2, every other on 1; flushing `fail` fails.
struct Recorder {
    root: PathBuf,
    fail: Option<u64>,
    /// The file system of each temporary file asked about, by inode.
    systems: Mutex<Vec<(u64, u64)>>,
    sync_data: AtomicUsize,
    flushed: Mutex<Vec<Flushed>>,
}

impl Recorder {
    fn new(root: &Path, fail: Option<u64>) -> Self {
        Recorder {
            root: root.to_owned(),
            fail,
            systems: Mutex::default(),
            sync_data: AtomicUsize::new(0),
            flushed: Mutex::default(),
        }
    }

    fn flushed(&self) -> Vec<Flushed> {
        std::mem::take(&mut *self.flushed.lock().unwrap())
    }
}

fn inode(file: &fs::File) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    file.metadata().unwrap().ino()
}

/// Every file under `dir`: (temporary files, files holding "new").
fn count_under(dir: &Path) -> (usize, usize) {
    let (mut temporaries, mut new) = (0, 0);
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (t, n) = count_under(&path);
            temporaries += t;
            new += n;
        } else if path.to_string_lossy().ends_with(".tmp") {
            temporaries += 1;
        } else if fs::read(&path).unwrap() == b"new" {
            new += 1;
        }
    }
    (temporaries, new)
}

impl Flusher for Recorder {
    fn sync_data(&self, _file: &fs::File) -> std::io::Result<()> {
        self.sync_data.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn sync_file_system(&self, file: &fs::File) -> std::io::Result<()> {
        let ino = inode(file);
        let systems = self.systems.lock().unwrap();
        let &(_, system) = systems.iter().find(|(i, _)| *i == ino).unwrap();
        let (temporaries, placed) = count_under(&self.root);
        self.flushed.lock().unwrap().push(Flushed {
            system,
            temporaries,
            placed,
        });
        match self.fail {
            Some(failing) if failing == system => Err(std::io::Error::other("injected failure")),
            _ => Ok(()),
        }
    }

    fn file_system(&self, path: &Path, file: &fs::File) -> std::io::Result<u64> {
        let folder = path.parent().unwrap().file_name().unwrap();
        let system = if folder.to_string_lossy().starts_with("other") {
            2
        } else {
            1
        };
        self.systems.lock().unwrap().push((inode(file), system));
        Ok(system)
    }

    fn batches(&self) -> bool {
        true
    }
}

/// `root/a`, `root/b` (file system 1) and `root/other` (2), each with `old.txt` holding "old",
/// and `n` files spread over them, the last three the `old.txt` files.
fn three_folders(root: &Path, n: usize) -> Vec<PathBuf> {
    let folders = ["a", "b", "other"].map(|f| root.join(f));
    for folder in &folders {
        fs::create_dir_all(folder).unwrap();
        fs::write(folder.join("old.txt"), "old").unwrap();
    }
    (0..n - 3)
        .map(|i| folders[i % 3].join(format!("{i}.txt")))
        .chain(folders.iter().map(|f| f.join("old.txt")))
        .collect()
}

#[test]
fn a_large_batch_is_flushed_once_per_file_system_after_every_write_and_before_any_rename() {
    let dir = tempfile::tempdir().unwrap();
    let files = three_folders(dir.path(), 30);
    let recorder = Recorder::new(dir.path(), None);
    let temps = write_temporaries_with(&files, 4, &recorder, 29, |p| {
        Ok::<_, DurableError>((p.clone(), b"new".to_vec()))
    })
    .unwrap();
    assert_eq!(
        recorder.sync_data.load(Ordering::Relaxed),
        0,
        "no file on its own"
    );
    let mut flushed = recorder.flushed();
    flushed.sort_by_key(|f| f.system);
    let before_renames = |system| Flushed {
        system,
        temporaries: 30,
        placed: 0,
    };
    assert_eq!(flushed, [before_renames(1), before_renames(2)]);
    assert_eq!(place(temps).unwrap(), 30);
    assert_eq!(count_under(dir.path()), (0, 30));
}

#[test]
fn a_small_batch_is_flushed_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = three_folders(dir.path(), 30);
    let recorder = Recorder::new(dir.path(), None);
    let temps = write_temporaries_with(&files, 4, &recorder, 30, |p| {
        Ok::<_, DurableError>((p.clone(), b"new".to_vec()))
    })
    .unwrap();
    assert_eq!(recorder.sync_data.load(Ordering::Relaxed), 30);
    assert_eq!(recorder.flushed(), []);
    assert_eq!(place(temps).unwrap(), 30);
    assert_eq!(count_under(dir.path()), (0, 30));
}

#[test]
fn a_file_system_that_fails_to_flush_changes_no_file_and_names_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let files = three_folders(dir.path(), 30);
    let recorder = Recorder::new(dir.path(), Some(2));
    let err = write_temporaries_with(&files, 4, &recorder, 10, |p| {
        Ok::<_, DurableError>((p.clone(), b"new".to_vec()))
    })
    .unwrap_err();
    assert_eq!(err.file, dir.path().join("other"));
    assert!(err.to_string().contains("injected failure"), "{err}");
    assert_eq!(
        count_under(dir.path()),
        (0, 0),
        "no temporary file, no new file"
    );
    for folder in ["a", "b", "other"] {
        assert_eq!(names_in(&dir.path().join(folder)), ["old.txt"]);
    }
}

#[test]
fn a_streamed_batch_flushes_its_first_files_on_their_own_and_the_rest_by_file_system() {
    let dir = tempfile::tempdir().unwrap();
    let files = three_folders(dir.path(), 30);
    let recorder = Arc::new(Recorder::new(dir.path(), None));
    let mut batch = Batch::with(4, recorder.clone(), 10);
    for file in &files {
        assert!(batch.add(file.clone(), b"new".to_vec()));
    }
    let temps = batch.finish().unwrap();
    assert_eq!(recorder.sync_data.load(Ordering::Relaxed), 10);
    let mut flushed = recorder.flushed();
    flushed.sort_by_key(|f| f.system);
    let before_renames = |system| Flushed {
        system,
        temporaries: 30,
        placed: 0,
    };
    assert_eq!(flushed, [before_renames(1), before_renames(2)]);
    assert_eq!(place(temps).unwrap(), 30);
    assert_eq!(count_under(dir.path()), (0, 30));

    // As many files as flushed on their own: no file system flushed.
    let small = Arc::new(Recorder::new(dir.path(), None));
    let mut batch = Batch::with(4, small.clone(), 30);
    for file in &files {
        assert!(batch.add(file.clone(), b"new".to_vec()));
    }
    place(batch.finish().unwrap()).unwrap();
    assert_eq!(small.sync_data.load(Ordering::Relaxed), 30);
    assert_eq!(small.flushed(), []);
}

#[test]
fn a_streamed_batch_whose_file_system_fails_to_flush_changes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = three_folders(dir.path(), 30);
    let recorder = Arc::new(Recorder::new(dir.path(), Some(1)));
    let mut batch = Batch::with(4, recorder.clone(), 5);
    for file in &files {
        assert!(batch.add(file.clone(), b"new".to_vec()));
    }
    let err = batch.finish().unwrap_err();
    assert!(
        [dir.path().join("a"), dir.path().join("b")].contains(&err.file),
        "{err}"
    );
    assert_eq!(
        count_under(dir.path()),
        (0, 0),
        "no temporary file, no new file"
    );
}

/// A [`Flusher`] that notes which threads write the files. A file flushed on its own waits
/// until `crowd` of them are being flushed at once (giving up after a while, for good), so
/// that fewer threads cannot go unseen; a file flushed together notes its thread when its
/// folder's file system is asked for (each file in a folder of its own).
struct Threads {
    crowd: usize,
    /// Files being flushed on their own, and whether `crowd` of them ever were at once.
    flushing: Mutex<(usize, Option<bool>)>,
    changed: std::sync::Condvar,
    together: Mutex<std::collections::HashSet<std::thread::ThreadId>>,
}

impl Threads {
    fn new(crowd: usize) -> Self {
        Threads {
            crowd,
            flushing: Mutex::new((0, None)),
            changed: std::sync::Condvar::new(),
            together: Mutex::default(),
        }
    }

    /// Whether `crowd` files were flushed on their own at once.
    fn crowded(&self) -> bool {
        self.flushing.lock().unwrap().1 == Some(true)
    }

    /// How many threads wrote the files flushed together.
    fn together(&self) -> usize {
        self.together.lock().unwrap().len()
    }
}

impl Flusher for Threads {
    fn sync_data(&self, _file: &fs::File) -> std::io::Result<()> {
        let mut flushing = self.flushing.lock().unwrap();
        flushing.0 += 1;
        if flushing.0 >= self.crowd {
            flushing.1.get_or_insert(true);
            self.changed.notify_all();
        }
        let (mut flushing, waited) = self
            .changed
            .wait_timeout_while(flushing, std::time::Duration::from_secs(10), |f| {
                f.1.is_none()
            })
            .unwrap();
        if waited.timed_out() {
            flushing.1.get_or_insert(false);
        }
        flushing.0 -= 1;
        Ok(())
    }

    fn sync_file_system(&self, _file: &fs::File) -> std::io::Result<()> {
        Ok(())
    }

    fn file_system(&self, _path: &Path, _file: &fs::File) -> std::io::Result<u64> {
        self.together
            .lock()
            .unwrap()
            .insert(std::thread::current().id());
        // Long enough for every thread of the pool to take files meanwhile.
        std::thread::sleep(std::time::Duration::from_millis(2));
        Ok(1)
    }

    fn batches(&self) -> bool {
        true
    }
}

/// `n` files under `root`, each in a folder of its own.
fn one_per_folder(root: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let folder = root.join(format!("f{i}"));
            fs::create_dir(&folder).unwrap();
            folder.join("new.txt")
        })
        .collect()
}

#[test]
fn files_flushed_on_their_own_use_every_thread_and_files_flushed_together_one_per_core() {
    let threads = cores() + 2;
    let (own, together) = (3 * threads, 60);
    let dir = tempfile::tempdir().unwrap();
    let files = one_per_folder(dir.path(), own + together);

    let streamed = Arc::new(Threads::new(threads));
    let mut batch = Batch::with(threads, streamed.clone(), own);
    for file in &files {
        assert!(batch.add(file.clone(), b"new".to_vec()));
    }
    assert_eq!(place(batch.finish().unwrap()).unwrap(), own + together);
    assert!(
        streamed.crowded(),
        "{threads} files flushed on their own at once"
    );
    assert!(
        (1..=cores()).contains(&streamed.together()),
        "{} threads wrote the files flushed together, on {} cores",
        streamed.together(),
        cores()
    );

    let at_once = Threads::new(threads);
    let temps = write_temporaries_with(&files, threads, &at_once, 0, |p| {
        Ok::<_, DurableError>((p.clone(), b"new".to_vec()))
    })
    .unwrap();
    assert_eq!(place(temps).unwrap(), own + together);
    assert!((1..=cores()).contains(&at_once.together()));
    assert_eq!(count_under(dir.path()), (0, own + together));
}

/// The running system's `syncfs` (on Linux 5.8 or later) puts a large batch in place whole.
#[test]
fn a_large_batch_flushed_by_the_system_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let files = three_folders(dir.path(), 40);
    let temps = write_temporaries_with(&files, 4, &System, 5, |p| {
        Ok::<_, DurableError>((p.clone(), b"new".to_vec()))
    })
    .unwrap();
    assert_eq!(place(temps).unwrap(), 40);
    assert_eq!(count_under(dir.path()), (0, 40));
    let mut batch = Batch::with(4, Arc::new(System), 5);
    for file in &files {
        assert!(batch.add(file.clone(), b"new".to_vec()));
    }
    assert_eq!(place(batch.finish().unwrap()).unwrap(), 40);
    assert_eq!(count_under(dir.path()), (0, 40));
}

#[test]
fn a_kernel_release_is_compared_by_major_and_minor() {
    assert!(flush::release_at_least("6.18.44-fc-v1045", (5, 8)));
    assert!(flush::release_at_least("5.8.0", (5, 8)));
    assert!(!flush::release_at_least("5.4.0-150-generic", (5, 8)));
    assert!(!flush::release_at_least("4.19", (5, 8)));
    assert!(!flush::release_at_least("unknown", (5, 8)));
}

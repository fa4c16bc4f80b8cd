//! Side files written whole and durable, many at once, with the flushes to disk batched.
//!
//! Each file is written to a fresh temporary file beside it and flushed to disk
//! (`fdatasync`), the flushes of many files running at once on a pool of threads so that the
//! file system commits them together; only when every temporary file is on disk are they
//! renamed over their side files, one after the other, and each distinct folder is flushed
//! once, which makes the renames durable. Readers see the old side file or the new one, never
//! a part; after a crash a side file is the old one or the whole new one. A temporary file
//! that is not renamed (a failure anywhere, an early return) is removed when dropped.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::PredictionsError;

/// Threads flushing temporary files at once: most of their time is spent waiting for the
/// disk, so more than the cores; enough for the file system to commit many flushes together.
pub const FLUSHERS: usize = 32;

/// A side file's new content, whole and on disk in its temporary file, not yet in place.
#[derive(Debug)]
pub struct Temporary {
    temp: PathBuf,
    target: PathBuf,
    placed: bool,
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.placed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to a fresh temporary file beside `target` and flushes it to disk; the
/// temporary file is removed again if anything fails.
pub fn write_temporary(target: &Path, bytes: &[u8]) -> Result<Temporary, PredictionsError> {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp_path = target.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let io = |action, source| PredictionsError::Io {
        file: target.to_owned(),
        action,
        source,
    };
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp_path)
        .map_err(|e| io("creating the temporary file", e))?;
    // From here on the temporary file exists: dropping `temp` removes it.
    let temp = Temporary {
        temp: temp_path,
        target: target.to_owned(),
        placed: false,
    };
    file.write_all(bytes).map_err(|e| io("writing", e))?;
    file.sync_data()
        .map_err(|e| io("flushing the temporary file to disk", e))?;
    Ok(temp)
}

/// Writes every `(target, bytes)` of `files` to its temporary file on `threads` threads at
/// once ([`write_temporary`]). Returns them in the order of `files`, or the failure of the
/// first file (in that order) that failed, every temporary file removed.
pub fn write_temporaries<T: Sync>(
    files: &[T],
    threads: usize,
    file: impl Fn(&T) -> (PathBuf, Vec<u8>) + Sync,
) -> Result<Vec<Temporary>, PredictionsError> {
    let slots: Vec<Mutex<Option<Result<Temporary, PredictionsError>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(usize::MAX);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, files.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    // Past the end, or after a failure of an earlier file: nothing more to do.
                    if i >= files.len() || i > failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let (target, bytes) = file(&files[i]);
                    let written = write_temporary(&target, &bytes);
                    if written.is_err() {
                        failed.fetch_min(i, Ordering::Relaxed);
                    }
                    *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(written);
                }
            });
        }
    });
    let mut out = Vec::with_capacity(files.len());
    for slot in slots {
        match slot.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(Ok(temp)) => out.push(temp),
            // `out` and the slots not yet taken are dropped: their temporary files go.
            Some(Err(e)) => return Err(e),
            None => unreachable!("every file before the first failure is written"),
        }
    }
    Ok(out)
}

/// A failure while putting side files in place, with how many were put in place before it.
#[derive(Debug)]
pub struct PlaceError {
    /// What failed, naming its side file.
    pub error: PredictionsError,
    /// Side files in place (whole and durable) before it.
    pub placed: usize,
}

/// Renames every temporary file over its side file, in order, then flushes each distinct
/// folder once. On a failure the side files renamed before it stay in place (their folders
/// flushed) and the rest of the temporary files are removed. Returns how many were placed.
pub fn place(temps: Vec<Temporary>) -> Result<usize, PlaceError> {
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut placed = 0;
    let mut failure = None;
    for mut temp in temps {
        if failure.is_some() {
            continue;
        }
        match fs::rename(&temp.temp, &temp.target) {
            Ok(()) => {
                temp.placed = true;
                placed += 1;
                let folder = temp.target.parent().unwrap_or(Path::new("")).to_owned();
                if folders.last() != Some(&folder) {
                    folders.push(folder);
                }
            }
            Err(source) => {
                failure = Some(PredictionsError::Io {
                    file: temp.target.clone(),
                    action: "renaming",
                    source,
                });
            }
        }
    }
    folders.sort();
    folders.dedup();
    for folder in &folders {
        let flushed = fs::File::open(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        })
        .and_then(|f| f.sync_all());
        if let Err(source) = flushed {
            failure.get_or_insert(PredictionsError::Io {
                file: folder.clone(),
                action: "flushing the folder to disk",
                source,
            });
        }
    }
    match failure {
        Some(error) => Err(PlaceError { error, placed }),
        None => Ok(placed),
    }
}

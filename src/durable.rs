//! Many files written whole and durable at once, with the flushes to disk batched: the side
//! files of `tandai suggest`, the folders `tandai export` writes (brat, citron), the `.txt` and
//! `.ann.ron` pairs of `tandai import`.
//!
//! Each file is written to a fresh temporary file beside it, many at once on a pool of threads,
//! and the temporary files are put on disk: each flushed on its own (`fdatasync`, the flushes
//! of the threads sharing ext4 journal commits), or, for a batch of many files on Linux, all
//! by one `syncfs` per file system once they are written (`durable::flush` says when, and what that
//! costs). Only when every temporary file is on disk are they renamed over their targets, one
//! after the other, and each distinct folder is flushed once, which makes the renames durable.
//! Readers see the old file or the new one, never a part; after a crash a file is the old one
//! or the whole new one. A temporary file that is not renamed (a failure anywhere, an early
//! return) is removed when dropped, so a failure before [`place`] leaves every file as it was,
//! and the error names the file (or, for a file system that failed to flush, the folder of
//! the batch's first file on it).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, mpsc};
use std::thread::JoinHandle;

mod flush;

pub use flush::SYNCFS_ABOVE;
use flush::{FileSystems, Flusher, System};

/// Writing, flushing or renaming one file failed.
#[derive(Debug, thiserror::Error)]
#[error("{}: {action} failed: {source}", file.display())]
pub struct DurableError {
    /// The file that was being written (its target, not its temporary file), or the folder
    /// being flushed.
    pub file: PathBuf,
    /// What was being done.
    pub action: &'static str,
    /// The system's error.
    pub source: std::io::Error,
}

/// Threads flushing temporary files at once: most of their time is spent waiting for the
/// disk, so more than the cores; enough for the file system to commit many flushes together.
pub const FLUSHERS: usize = 32;

/// A file's new content, whole and on disk in its temporary file, not yet in place.
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
pub fn write_temporary(target: &Path, bytes: &[u8]) -> Result<Temporary, DurableError> {
    write_one(target, bytes, &System, Flush::Own)
}

/// How one temporary file reaches the disk.
#[derive(Clone, Copy)]
enum Flush<'a> {
    /// Flushed on its own once written.
    Own,
    /// Its file system noted before it is written, flushed with the rest of the batch.
    Batched(&'a FileSystems),
}

/// The id of this process, in every temporary file's name.
static PID: LazyLock<u32> = LazyLock::new(std::process::id);

/// Writes `bytes` to a fresh temporary file beside `target`, flushed as `flush` says.
fn write_one(
    target: &Path,
    bytes: &[u8],
    flusher: &dyn Flusher,
    flush: Flush,
) -> Result<Temporary, DurableError> {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp_path = target.with_file_name(format!(".{name}.{}-{n}.tmp", *PID));
    let io = |action, source| DurableError {
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
    if let Flush::Batched(systems) = flush {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        systems
            .register(flusher, folder, &temp.temp, &file)
            .map_err(|e| io("finding the file system holding it", e))?;
    }
    file.write_all(bytes).map_err(|e| io("writing", e))?;
    if let Flush::Own = flush {
        flusher
            .sync_data(&file)
            .map_err(|e| io("flushing the temporary file to disk", e))?;
    }
    Ok(temp)
}

/// Writes every `(target, bytes)` of `files` to its temporary file on `threads` threads at
/// once ([`write_temporary`]). Returns them in the order of `files`, or the failure of the
/// first file (in that order) that failed, every temporary file removed.
pub fn write_temporaries<T: Sync>(
    files: &[T],
    threads: usize,
    file: impl Fn(&T) -> (PathBuf, Vec<u8>) + Sync,
) -> Result<Vec<Temporary>, DurableError> {
    try_write_temporaries(files, threads, |f| Ok(file(f)))
}

/// [`write_temporaries`] with the content of a file made on the pool's threads by `file`,
/// which may fail: its failure is reported as a writing failure is (the first in the order of
/// `files`), every temporary file removed. A batch flushed by file system ([`SYNCFS_ABOVE`])
/// runs on at most one thread per core.
pub fn try_write_temporaries<T: Sync, E: From<DurableError> + Send>(
    files: &[T],
    threads: usize,
    file: impl Fn(&T) -> Result<(PathBuf, Vec<u8>), E> + Sync,
) -> Result<Vec<Temporary>, E> {
    write_temporaries_with(files, threads, &System, SYNCFS_ABOVE, file)
}

/// [`try_write_temporaries`] with `flusher`'s calls, flushing the files by file system when
/// there are more than `syncfs_above` of them.
fn write_temporaries_with<T: Sync, E: From<DurableError> + Send>(
    files: &[T],
    threads: usize,
    flusher: &dyn Flusher,
    syncfs_above: usize,
    file: impl Fn(&T) -> Result<(PathBuf, Vec<u8>), E> + Sync,
) -> Result<Vec<Temporary>, E> {
    let systems = (files.len() > syncfs_above && flusher.batches()).then(FileSystems::default);
    let threads = writers(threads, systems.is_some());
    let flush = match &systems {
        Some(systems) => Flush::Batched(systems),
        None => Flush::Own,
    };
    let slots: Vec<Mutex<Option<Result<Temporary, E>>>> =
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
                    let written = file(&files[i]).and_then(|(target, bytes)| {
                        write_one(&target, &bytes, flusher, flush).map_err(E::from)
                    });
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
    if let Some(systems) = systems {
        // On a failure `out` is dropped: every temporary file goes.
        systems.flush(flusher)?;
    }
    Ok(out)
}

/// How many of `threads` write temporary files at once: all of them when each file is flushed
/// on its own (they wait for the disk); at most one per core when the files are flushed
/// together, since nothing waits for the disk then: the work is the processor's, and more
/// threads would only contend for the folder's lock in the kernel (spinning on it).
fn writers(threads: usize, together: bool) -> usize {
    let threads = threads.max(1);
    if together {
        threads.min(cores())
    } else {
        threads
    }
}

/// The processor's cores (1 when unknown).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// A failure while putting files in place, with how many were put in place before it.
#[derive(Debug)]
pub struct PlaceError {
    /// What failed, naming its file.
    pub error: DurableError,
    /// Files in place (whole and durable) before it.
    pub placed: usize,
}

/// Renames every temporary file over its target, in order, then flushes each distinct
/// folder once. On a failure the files renamed before it stay in place (their folders
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
                failure = Some(DurableError {
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
            failure.get_or_insert(DurableError {
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

/// A file of a [`Batch`] and its place in it.
type Job = (usize, PathBuf, Vec<u8>);
/// The temporary files a [`Batch`] wrote, with their places.
type Written = Vec<(usize, Result<Temporary, DurableError>)>;

/// Files handed over one by one as they are made (a streamed export), each written to its
/// temporary file on a pool of threads while the next ones are made; [`Batch::finish`] puts
/// them on disk and returns them in the order they were added, ready for [`place`]. The first
/// [`SYNCFS_ABOVE`] files are flushed one by one as they are written (the batch may stay that
/// small), on all the threads asked for; the files after them are flushed together by file
/// system in `finish` (`durable::flush`), and are written on at most one thread per core, as
/// [`try_write_temporaries`] writes a batch flushed together: from the first of them on, a
/// new pool of that size takes the files, while the first pool's threads finish the files
/// they were given and stop. At most a few files per thread wait in memory. Dropped before
/// `finish`, it waits for its threads and removes every temporary file.
pub struct Batch {
    /// The queue of the pool taking the files added now (none before the first file).
    queue: Option<mpsc::SyncSender<Job>>,
    /// Every pool's threads.
    threads: Vec<JoinHandle<()>>,
    /// The threads asked for.
    asked: usize,
    written: Arc<Mutex<Written>>,
    /// The place of the first file that failed so far (`usize::MAX` while none has).
    failed: Arc<AtomicUsize>,
    added: usize,
    flusher: Arc<dyn Flusher>,
    /// The file systems of the files flushed together.
    systems: Arc<FileSystems>,
    /// Files from this place on are flushed together, if the flusher batches at all.
    together_from: usize,
}

impl Batch {
    /// A batch written by `threads` threads (at most one per core once its files are flushed
    /// together).
    pub fn new(threads: usize) -> Self {
        Batch::with(threads, Arc::new(System), SYNCFS_ABOVE)
    }

    /// A batch with `flusher`'s calls, whose files after the first `syncfs_above` are flushed
    /// by file system.
    fn with(threads: usize, flusher: Arc<dyn Flusher>, syncfs_above: usize) -> Self {
        let together_from = if flusher.batches() {
            syncfs_above
        } else {
            usize::MAX
        };
        Batch {
            queue: None,
            threads: Vec::new(),
            asked: threads,
            written: Arc::default(),
            failed: Arc::new(AtomicUsize::new(usize::MAX)),
            added: 0,
            flusher,
            systems: Arc::default(),
            together_from,
        }
    }

    /// Starts a pool of `threads` threads taking the files added from now on. The previous
    /// pool's queue is closed: its threads write what it holds, then stop.
    fn start(&mut self, threads: usize) {
        let (queue, jobs) = mpsc::sync_channel::<Job>(threads * 2);
        let jobs = Arc::new(Mutex::new(jobs));
        let together_from = self.together_from;
        self.threads.extend((0..threads).map(|_| {
            let (jobs, written, failed) = (jobs.clone(), self.written.clone(), self.failed.clone());
            let (flusher, systems) = (self.flusher.clone(), self.systems.clone());
            std::thread::spawn(move || {
                loop {
                    let job = jobs.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok((i, target, bytes)) = job else { break };
                    // After a failure of an earlier file this one will not be placed.
                    if i > failed.load(Ordering::Relaxed) {
                        continue;
                    }
                    let flush = if i < together_from {
                        Flush::Own
                    } else {
                        Flush::Batched(&systems)
                    };
                    let result = write_one(&target, &bytes, &*flusher, flush);
                    if result.is_err() {
                        failed.fetch_min(i, Ordering::Relaxed);
                    }
                    written
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((i, result));
                }
            })
        }));
        self.queue = Some(queue);
    }

    /// Adds the file `target` with its content. Returns false once a file added before has
    /// failed: what is added then is not written, and [`Batch::finish`] reports the failure.
    pub fn add(&mut self, target: PathBuf, bytes: Vec<u8>) -> bool {
        if self.failed.load(Ordering::Relaxed) != usize::MAX {
            return false;
        }
        let i = self.added;
        self.added += 1;
        // The first file starts a pool; so does the first file flushed together, whose pool
        // has at most a thread per core.
        if self.queue.is_none() || i == self.together_from {
            self.start(writers(self.asked, i >= self.together_from));
        }
        match &self.queue {
            Some(queue) => queue.send((i, target, bytes)).is_ok(),
            None => false,
        }
    }

    fn stop(&mut self) {
        drop(self.queue.take());
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }

    /// Waits until every file added is on disk in its temporary file; returns them in the
    /// order they were added, or the failure of the first file (in that order) that failed,
    /// every temporary file removed.
    pub fn finish(mut self) -> Result<Vec<Temporary>, DurableError> {
        self.stop();
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|p| p.into_inner()));
        written.sort_unstable_by_key(|(i, _)| *i);
        let mut out = Vec::with_capacity(written.len());
        for (_, result) in written {
            // On a failure `out` and the rest are dropped: their temporary files go.
            out.push(result?);
        }
        assert_eq!(out.len(), self.added, "every file added is written");
        if self.added > self.together_from {
            let systems = std::mem::take(&mut self.systems);
            let systems = Arc::into_inner(systems).expect("the threads have stopped");
            // On a failure `out` is dropped: every temporary file goes.
            systems.flush(&*self.flusher)?;
        }
        Ok(out)
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests;

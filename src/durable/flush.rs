//! How the temporary files of a batch reach the disk: each flushed on its own
//! (`fdatasync`), or, for a batch of more than [`SYNCFS_ABOVE`] files on Linux 5.8 or later,
//! all at once by one `syncfs` per file system holding them.
//!
//! Why: each `fdatasync` costs ext4 a journal commit (without a journal: the inode written and
//! the disk's cache flushed); the flushes of the pool's threads share commits, but an import
//! of 10,000 articles still spent most of its time in the kernel on 20,000 of them. One
//! `syncfs` writes the file system's dirty data back once and commits once. Its cost,
//! weighed: it flushes every dirty page of that file system, other programs' too, as `sync`
//! does (for one file system), so a command run beside a program writing much
//! waits for that program's data as well. That happens once per command, against thousands of
//! journal commits that slow those programs too; below [`SYNCFS_ABOVE`] files, where the
//! per-file flushes cost a few commits, they are kept, and nothing of others is flushed.
//!
//! Errors: since Linux 5.8 `syncfs` reports a writeback error of the file system that occurred
//! since the descriptor it is called on was opened. That descriptor is the first temporary
//! file of the batch created on the file system, kept open, and every file of the batch waits
//! until its folder is registered (after that descriptor was opened) before its bytes are
//! written: an error writing back any of them is reported. Older kernels report none, so there
//! (and on other systems) every file is flushed on its own.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::DurableError;

/// A batch of more files than this is flushed by one `syncfs` per file system (where the
/// system allows it); a smaller one file by file. Up to here the pool's threads
/// ([`super::FLUSHERS`]) flush the files in a few rounds of shared journal commits.
pub const SYNCFS_ABOVE: usize = 64;

/// The system calls that put files on disk: the seam the tests replace to count them and to
/// make them fail.
pub(super) trait Flusher: Send + Sync {
    /// Flushes one file's data to disk (`fdatasync`).
    fn sync_data(&self, file: &File) -> io::Result<()>;
    /// Flushes the whole file system holding `file` (`syncfs`), reporting a writeback error
    /// that occurred since `file` was opened.
    fn sync_file_system(&self, file: &File) -> io::Result<()>;
    /// The id of the file system holding `file`, found at `path`.
    fn file_system(&self, path: &Path, file: &File) -> io::Result<u64>;
    /// Whether [`Flusher::sync_file_system`] reports writeback errors, so that a batch may be
    /// flushed by it.
    fn batches(&self) -> bool;
}

/// The running system's calls.
pub(super) struct System;

impl Flusher for System {
    fn sync_data(&self, file: &File) -> io::Result<()> {
        file.sync_data()
    }

    #[cfg(target_os = "linux")]
    fn sync_file_system(&self, file: &File) -> io::Result<()> {
        rustix::fs::syncfs(file).map_err(io::Error::from)
    }

    #[cfg(not(target_os = "linux"))]
    fn sync_file_system(&self, _file: &File) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    #[cfg(unix)]
    fn file_system(&self, _path: &Path, file: &File) -> io::Result<u64> {
        use std::os::unix::fs::MetadataExt as _;
        file.metadata().map(|m| m.dev())
    }

    #[cfg(not(unix))]
    fn file_system(&self, _path: &Path, _file: &File) -> io::Result<u64> {
        Ok(0)
    }

    fn batches(&self) -> bool {
        static REPORTS_ERRORS: OnceLock<bool> = OnceLock::new();
        *REPORTS_ERRORS.get_or_init(syncfs_reports_errors)
    }
}

/// Linux 5.8 or later: the first whose `syncfs` reports writeback errors.
#[cfg(target_os = "linux")]
fn syncfs_reports_errors() -> bool {
    let uname = rustix::system::uname();
    let release = uname.release().to_string_lossy();
    release_at_least(&release, (5, 8))
}

#[cfg(not(target_os = "linux"))]
fn syncfs_reports_errors() -> bool {
    false
}

/// Whether the kernel release `release` (`6.18.44-fc-v1045`) is `least` or later; false
/// when it cannot be read.
pub(super) fn release_at_least(release: &str, least: (u32, u32)) -> bool {
    let mut parts = release
        .split(|c: char| !c.is_ascii_digit())
        .map(str::parse::<u32>);
    match (parts.next(), parts.next()) {
        (Some(Ok(major)), Some(Ok(minor))) => (major, minor) >= least,
        _ => false,
    }
}

/// The file systems a batch's temporary files are on, each with the descriptor its `syncfs`
/// is called on.
#[derive(Default)]
pub(super) struct FileSystems {
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    /// Folders whose file system is known.
    folders: HashSet<PathBuf>,
    /// Per file system: its id, the first temporary file created on it (kept open), and that
    /// file's folder, which a failure names.
    systems: Vec<(u64, File, PathBuf)>,
}

impl FileSystems {
    /// Notes the file system of the temporary file `file` (at `temp`, in `folder`), keeping
    /// `file` open if it is the first on it. Called after `file` is created and before anything
    /// is written to it.
    pub(super) fn register(
        &self,
        flusher: &dyn Flusher,
        folder: &Path,
        temp: &Path,
        file: &File,
    ) -> io::Result<()> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.folders.contains(folder) {
            return Ok(());
        }
        let id = flusher.file_system(temp, file)?;
        if !seen.systems.iter().any(|(known, ..)| *known == id) {
            seen.systems
                .push((id, file.try_clone()?, folder.to_owned()));
        }
        seen.folders.insert(folder.to_owned());
        Ok(())
    }

    /// Flushes each file system once, in the order they were met; the first failure names
    /// the folder of the first file written on that file system.
    pub(super) fn flush(self, flusher: &dyn Flusher) -> Result<(), DurableError> {
        let seen = self.seen.into_inner().unwrap_or_else(|p| p.into_inner());
        for (_, file, folder) in seen.systems {
            flusher
                .sync_file_system(&file)
                .map_err(|source| DurableError {
                    file: folder,
                    action: "flushing its file system to disk",
                    source,
                })?;
        }
        Ok(())
    }
}

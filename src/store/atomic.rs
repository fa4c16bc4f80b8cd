//! Replacing a file atomically: the old content or the new, never a mix, even on a crash.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A step of [`write`] that failed, and why.
#[derive(Debug)]
pub struct Failed {
    /// What was being done.
    pub step: &'static str,
    /// The system's error.
    pub source: io::Error,
}

fn step<T>(step: &'static str, result: io::Result<T>) -> Result<T, Failed> {
    result.map_err(|source| Failed { step, source })
}

/// A fresh temporary name in the target's folder (hidden, tied to this process).
fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Removes the temporary files that writes of `target` by processes no longer running left
/// behind (a kill between creating and renaming one); returns how many. Only on systems with
/// `/proc`, where a process can be checked; elsewhere nothing is removed.
pub fn remove_stale_temps(target: &Path) -> usize {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return 0;
    };
    if !Path::new("/proc/self").exists() {
        return 0;
    }
    let prefix = format!(".{}.", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split_once('-'))
            .map(|(pid, _)| pid)
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Writes `bytes` to `target`: a temporary file in the same folder is written, synced and
/// renamed over the target, then the folder is synced. On failure the temporary file is
/// removed and the previous target, if any, is untouched.
pub fn write(target: &Path, bytes: &[u8]) -> Result<(), Failed> {
    write_with(target, |out| out.write_all(bytes))
}

/// Like [`write`], with the content written by `fill` (through a buffer) as it is made.
pub fn write_with(
    target: &Path,
    fill: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
) -> Result<(), Failed> {
    let temp = temp_path(target);
    let file = step(
        "creating a temporary file",
        OpenOptions::new().write(true).create_new(true).open(&temp),
    )?;
    if let Err(failed) = fill_and_rename(file, &temp, target, fill) {
        let _ = fs::remove_file(&temp);
        return Err(failed);
    }
    sync_folder(target)
}

fn fill_and_rename(
    file: File,
    temp: &Path,
    target: &Path,
    fill: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
) -> Result<(), Failed> {
    let mut out = BufWriter::with_capacity(1 << 16, &file);
    step("writing", fill(&mut out).and_then(|()| out.flush()))?;
    drop(out);
    step("syncing", file.sync_all())?;
    drop(file);
    step("replacing the previous file", fs::rename(temp, target))
}

#[cfg(unix)]
pub(crate) fn sync_folder(target: &Path) -> Result<(), Failed> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    step(
        "syncing the folder",
        File::open(folder).and_then(|f| f.sync_all()),
    )
}

#[cfg(not(unix))]
pub(crate) fn sync_folder(_target: &Path) -> Result<(), Failed> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.ann.ron");
        fs::write(&target, "old").unwrap();
        write(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_missing_folder_fails_at_the_first_step() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(&dir.path().join("no/such/a.ann.ron"), b"x").unwrap_err();
        assert_eq!(err.step, "creating a temporary file");
    }

    #[test]
    fn temporary_files_of_dead_writers_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.ann.ron");
        let dead = dir.path().join(".a.ann.ron.999999999-0.tmp");
        let mine = dir
            .path()
            .join(format!(".a.ann.ron.{}-7.tmp", std::process::id()));
        let other = dir.path().join(".b.ann.ron.999999999-0.tmp");
        for f in [&dead, &mine, &other] {
            fs::write(f, "x").unwrap();
        }
        assert_eq!(remove_stale_temps(&target), 1);
        assert!(!dead.exists() && mine.exists() && other.exists());
    }
}

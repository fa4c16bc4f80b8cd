//! A streamed output file that appears whole or not at all: written under a temporary name in
//! its target's folder and renamed over the target once synced. Dropped before
//! [`Staged::commit`], it removes its temporary file, so a failure leaves the target as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::store::atomic;

/// An output file being written.
pub struct Staged {
    out: Option<BufWriter<File>>,
    temp: PathBuf,
    target: PathBuf,
}

impl Staged {
    /// Starts writing `target` (its folder must exist).
    pub fn create(target: &Path) -> io::Result<Self> {
        let temp = atomic::temp_path(target);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        Ok(Self {
            out: Some(BufWriter::with_capacity(1 << 16, file)),
            temp,
            target: target.to_owned(),
        })
    }

    /// The file this will become.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Appends `bytes`.
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.write_all(bytes),
            None => Err(io::Error::other("already committed")),
        }
    }

    /// Flushes, syncs and renames the file over its target, then syncs the folder.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(out) = self.out.take() else {
            return Ok(());
        };
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&self.temp, &self.target)?;
        self.temp = PathBuf::new();
        atomic::sync_folder(&self.target).map_err(|failed| failed.source)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        drop(self.out.take());
        if !self.temp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_until_commit_and_a_dropped_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.conll");
        fs::write(&target, "previous").unwrap();
        let mut staged = Staged::create(&target).unwrap();
        staged.write_all(b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "previous");
        drop(staged);
        assert_eq!(fs::read_to_string(&target).unwrap(), "previous");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

        let mut staged = Staged::create(&target).unwrap();
        staged.write_all(b"new").unwrap();
        staged.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

//! A lock file beside the annotation file, so a second tandai on the same article is warned.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The lock file of `article`: `dir/stem.ann.lock`.
pub fn lock_path(article: &Path) -> PathBuf {
    article.with_extension("ann.lock")
}

/// A lock this process holds; removed when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    content: String,
}

/// The outcome of trying to lock an article.
#[derive(Debug)]
pub enum Locking {
    /// This process holds the lock now.
    Acquired(Lock),
    /// Another live process holds it; the text says who.
    HeldBy(String),
}

fn host_name() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown-host".into())
}

/// Whether the owner written in a lock file is still running. Only a process on this host
/// can be checked (through `/proc`); any other owner is assumed alive.
fn owner_alive(content: &str) -> bool {
    let field = |name: &str| {
        content
            .split_whitespace()
            .find_map(|w| w.strip_prefix(name))
            .map(str::to_owned)
    };
    let (Some(pid), Some(host)) = (field("pid="), field("host=")) else {
        return false;
    };
    if host != host_name() || !Path::new("/proc/self").exists() {
        return true;
    }
    pid != std::process::id().to_string() && Path::new("/proc").join(&pid).exists()
}

/// Tries to lock `article`. A lock left by a process that no longer runs is taken over.
pub fn acquire(article: &Path) -> io::Result<Locking> {
    let path = lock_path(article);
    let content = format!("pid={} host={}\n", std::process::id(), host_name());
    for _ in 0..2 {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(content.as_bytes())?;
                return Ok(Locking::Acquired(Lock { path, content }));
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                let owner = fs::read_to_string(&path).unwrap_or_default();
                if owner_alive(&owner) {
                    return Ok(Locking::HeldBy(owner.trim().to_owned()));
                }
                fs::remove_file(&path)?;
            }
            Err(err) => return Err(err),
        }
    }
    Ok(Locking::HeldBy(format!(
        "{} (could not take it over)",
        path.display()
    )))
}

impl Drop for Lock {
    fn drop(&mut self) {
        if fs::read_to_string(&self.path).is_ok_and(|c| c == self.content) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let Locking::Acquired(lock) = acquire(&article).unwrap() else {
            panic!("first lock refused");
        };
        // The same process cannot be checked against itself: write a live foreign owner.
        drop(lock);
        assert!(!lock_path(&article).exists());
        let init = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let live = format!("pid={} host={}\n", init.id(), host_name());
        fs::write(lock_path(&article), &live).unwrap();
        match acquire(&article).unwrap() {
            Locking::HeldBy(owner) => assert_eq!(owner, live.trim()),
            Locking::Acquired(_) => panic!("a live owner's lock was taken"),
        }
        let mut init = init;
        let _ = init.kill();
        let _ = init.wait();
    }

    #[test]
    fn a_stale_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let stale = format!("pid=999999999 host={}\n", host_name());
        fs::write(lock_path(&article), stale).unwrap();
        assert!(matches!(acquire(&article).unwrap(), Locking::Acquired(_)));
    }
}

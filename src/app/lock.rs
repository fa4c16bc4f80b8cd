//! Which tandai session may write an article's annotation file and journal.
//!
//! The lock is `dir/stem.ann.lock` (an annotator's file has its own, `dir/stem.ann.NAME.lock`:
//! sessions on different annotators' files of one article never wait for each other), kept open by the session that holds it with an exclusive
//! advisory lock of the operating system (`flock`). The kernel releases that lock when the
//! process ends, however it ends: a `kill -9`, a zombie not yet reaped, a reboot. A lock file
//! that no process locks is stale whatever it says. The text inside (pid, host, boot id,
//! process start time, a token of the session) only tells the editor who holds it.
//!
//! Holding is a matter of identity: the session holds the file it locked, and keeps holding
//! the article while the lock path still names that file. `--force` puts a new lock file in
//! its place (a rename), so the session that held the old one learns, before its next write,
//! that it lost the article. Every write happens under [`Lock::guard`], a short lock of the
//! folder that acquiring and taking over also hold: a check and the write after it cannot be
//! split by a takeover, and no two sessions ever write the same article's files.
//!
//! Where the file system cannot lock files, the text identifies the owner: it is gone when it
//! wrote another boot id, when its pid no longer runs or is a zombie, or when the process with
//! that pid started at another moment than the one written (a reused pid).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::store::AnnotationFile;

/// The lock file of an annotation file: `dir/stem.ann.lock` for the gold file of
/// `dir/stem.txt`, `dir/stem.ann.NAME.lock` for an annotator's.
pub fn lock_path<'a>(file: impl Into<AnnotationFile<'a>>) -> PathBuf {
    file.into().lock()
}

/// Who holds a lock, as written in the lock file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Owner {
    /// Process id.
    pub pid: Option<u32>,
    /// Host name.
    pub host: Option<String>,
    /// The kernel's boot id when the lock was taken.
    pub boot: Option<String>,
    /// The process's start time, in clock ticks after boot.
    pub start: Option<u64>,
    /// A token naming the session.
    pub token: Option<String>,
}

impl Owner {
    /// This process, as it writes itself into a lock file.
    fn this_process() -> Self {
        let pid = std::process::id();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Self {
            pid: Some(pid),
            host: Some(host_name()),
            boot: boot_id(),
            start: process_start(pid),
            token: Some(format!("{pid:x}-{nanos:x}")),
        }
    }

    /// Reads the `key=value` words of a lock file; unknown words are ignored.
    pub fn parse(text: &str) -> Self {
        let mut owner = Self::default();
        for word in text.split_whitespace() {
            let Some((key, value)) = word.split_once('=') else {
                continue;
            };
            match key {
                "pid" => owner.pid = value.parse().ok(),
                "host" => owner.host = Some(value.to_owned()),
                "boot" => owner.boot = Some(value.to_owned()),
                "start" => owner.start = value.parse().ok(),
                "token" => owner.token = Some(value.to_owned()),
                _ => {}
            }
        }
        owner
    }

    /// The lock file's text.
    fn to_text(&self) -> String {
        let mut text = String::new();
        let mut put = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&format!("{key}={value}"));
            }
        };
        put("pid", self.pid.map(|p| p.to_string()));
        put("host", self.host.clone());
        put("boot", self.boot.clone());
        put("start", self.start.map(|s| s.to_string()));
        put("token", self.token.clone());
        text.push('\n');
        text
    }

    /// A short description for the editor: `pid 4242 on newsroom-3`.
    pub fn describe(&self) -> String {
        match (self.pid, &self.host) {
            (Some(pid), Some(host)) => format!("pid {pid} on {host}"),
            (Some(pid), None) => format!("pid {pid}"),
            _ => "another session".into(),
        }
    }
}

/// What this machine says of a process, for judging a lock file by its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Machine {
    /// This host's name.
    pub host: String,
    /// This boot's id, where the system tells it.
    pub boot: Option<String>,
}

/// A process as `/proc` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcessInfo {
    /// Whether it has exited and waits to be reaped.
    pub zombie: bool,
    /// Its start time, in clock ticks after boot.
    pub start: u64,
}

/// Whether the owner written in a lock file is gone, judged from its text alone (for file
/// systems that cannot lock files). `process` looks a pid up; `None` means no such process.
/// An owner on another host cannot be checked and is taken to be alive.
pub fn owner_gone(
    owner: &Owner,
    machine: &Machine,
    process: impl Fn(u32) -> Option<ProcessInfo>,
) -> bool {
    let Some(pid) = owner.pid else {
        return true;
    };
    if owner.host.as_deref() != Some(machine.host.as_str()) {
        return false;
    }
    if let (Some(theirs), Some(ours)) = (&owner.boot, &machine.boot)
        && theirs != ours
    {
        return true;
    }
    match process(pid) {
        None => true,
        Some(info) if info.zombie => true,
        Some(info) => owner.start.is_some_and(|start| start != info.start),
    }
}

/// This process's view of a pid, from `/proc/<pid>/stat`.
fn process_info(pid: u32) -> Option<ProcessInfo> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .collect();
    Some(ProcessInfo {
        zombie: matches!(fields.first(), Some(&"Z") | Some(&"X")),
        start: fields.get(19)?.parse().ok()?,
    })
}

fn process_start(pid: u32) -> Option<u64> {
    process_info(pid).map(|p| p.start)
}

fn boot_id() -> Option<String> {
    fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .ok()
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
}

fn host_name() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown-host".into())
}

fn this_machine() -> Machine {
    Machine {
        host: host_name(),
        boot: boot_id(),
    }
}

/// A file's identity on its device.
type Identity = (u64, u64);

fn identity(meta: &fs::Metadata) -> Identity {
    (meta.dev(), meta.ino())
}

/// A short exclusive lock of the article's folder, held while a session checks that it still
/// holds the article and writes (and while a session acquires or takes over the lock).
#[derive(Debug)]
pub struct FolderGuard {
    _folder: Option<File>,
}

impl FolderGuard {
    fn lock(lock_file: &Path) -> Self {
        let folder = match lock_file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        // A folder that cannot be opened or locked (no flock on this file system) leaves only
        // the identity check, which still catches every takeover that finished before it.
        let folder = File::open(folder).ok().filter(|f| f.lock().is_ok());
        Self { _folder: folder }
    }
}

/// How a lock is held.
#[derive(Debug)]
enum Hold {
    /// The kernel's lock on this file; the lock path must still name it.
    Kernel(Identity),
    /// The file system cannot lock: the lock file must still hold our token.
    Text,
}

/// A lock this process holds; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    _file: File,
    owner: Owner,
    hold: Hold,
}

/// The outcome of trying to lock an article.
#[derive(Debug)]
pub enum Locking {
    /// This process holds the lock now.
    Acquired(Lock),
    /// Another live session holds it.
    HeldBy(Owner),
}

/// Why a session no longer holds the article it locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// Who holds it now, as its lock file says.
    pub owner: Owner,
}

/// Tries to lock an annotation file (`&Path`: the article's gold file). A lock that no live
/// process holds is taken over; with `force`, a live one is taken too (its session learns so
/// before its next write).
pub fn acquire<'a>(file: impl Into<AnnotationFile<'a>>, force: bool) -> io::Result<Locking> {
    let path = lock_path(file);
    let _folder = FolderGuard::lock(&path);
    let owner = Owner::this_process();
    for _ in 0..8 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {
                // An old holder may have removed the file between our open and our lock.
                let ours = identity(&file.metadata()?);
                if !fs::metadata(&path).is_ok_and(|m| identity(&m) == ours) {
                    continue;
                }
                write_owner(&mut file, &owner)?;
                return Ok(Locking::Acquired(Lock {
                    path,
                    _file: file,
                    owner,
                    hold: Hold::Kernel(ours),
                }));
            }
            Err(fs::TryLockError::WouldBlock) => {
                let holder = Owner::parse(&read_text(&mut file));
                if !force {
                    return Ok(Locking::HeldBy(holder));
                }
                return take_over(path, owner).map(Locking::Acquired);
            }
            Err(fs::TryLockError::Error(err)) if err.kind() == io::ErrorKind::Unsupported => {
                let text = read_text(&mut file);
                let holder = Owner::parse(&text);
                let free =
                    text.trim().is_empty() || owner_gone(&holder, &this_machine(), process_info);
                if !free && !force {
                    return Ok(Locking::HeldBy(holder));
                }
                write_owner(&mut file, &owner)?;
                return Ok(Locking::Acquired(Lock {
                    path,
                    _file: file,
                    owner,
                    hold: Hold::Text,
                }));
            }
            Err(fs::TryLockError::Error(err)) => return Err(err),
        }
    }
    Err(io::Error::other(format!(
        "{}: the lock file kept changing while it was taken",
        path.display()
    )))
}

/// Puts a new lock file, locked by this process, in the place of a live session's.
fn take_over(path: PathBuf, owner: Owner) -> io::Result<Lock> {
    let fresh = path.with_extension(format!("lock.{}.new", std::process::id()));
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&fresh)?;
    let taken = file
        .try_lock()
        .map_err(|e| match e {
            fs::TryLockError::Error(err) => err,
            fs::TryLockError::WouldBlock => io::Error::other("a fresh lock file was locked"),
        })
        .and_then(|()| write_owner(&mut file, &owner))
        .and_then(|()| fs::rename(&fresh, &path));
    if let Err(err) = taken {
        let _ = fs::remove_file(&fresh);
        return Err(err);
    }
    sync_folder(&path);
    let hold = Hold::Kernel(identity(&file.metadata()?));
    Ok(Lock {
        path,
        _file: file,
        owner,
        hold,
    })
}

fn write_owner(file: &mut File, owner: &Owner) -> io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(owner.to_text().as_bytes())?;
    file.sync_data()
}

fn read_text(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind().and_then(|()| file.read_to_string(&mut text));
    text
}

fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
}

impl Lock {
    /// Holds the folder while the caller writes, after checking that this session still holds
    /// the article; `Err` names who took it.
    pub fn guard(&self) -> Result<FolderGuard, Lost> {
        let guard = FolderGuard::lock(&self.path);
        let lost = |path: &Path| Lost {
            owner: Owner::parse(&fs::read_to_string(path).unwrap_or_default()),
        };
        match self.hold {
            // A lock file removed (by hand, or by a session that took it and ended) may have
            // been replaced meanwhile: only a re-read of the files makes writing safe again.
            Hold::Kernel(held) => match fs::metadata(&self.path) {
                Ok(meta) if identity(&meta) == held => Ok(guard),
                _ => Err(lost(&self.path)),
            },
            Hold::Text => {
                let text = fs::read_to_string(&self.path).unwrap_or_default();
                if Owner::parse(&text).token == self.owner.token {
                    Ok(guard)
                } else {
                    Err(lost(&self.path))
                }
            }
        }
    }

    /// Who this lock says holds the article (this session).
    #[cfg(test)]
    pub fn owner(&self) -> &Owner {
        &self.owner
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so a session that opened it meanwhile sees that the path
        // no longer names the file it locked, and tries again.
        let _folder = FolderGuard::lock(&self.path);
        let ours = match self.hold {
            Hold::Kernel(held) => fs::metadata(&self.path).is_ok_and(|m| identity(&m) == held),
            Hold::Text => {
                let text = fs::read_to_string(&self.path).unwrap_or_default();
                Owner::parse(&text).token == self.owner.token
            }
        };
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests;

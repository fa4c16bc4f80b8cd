//! An open article: reading it and its annotations, and running the effects of updates.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::lock::{self, Lock, Locking};
use crate::action::Action;
use crate::keymap::Keymap;
use crate::model::{AnnotationSet, Document};
use crate::state::{AppState, Effect};
use crate::store;

/// Why an article could not be opened. Each message names the file (and place, when known).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The article (or its lock file) could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The article is not UTF-8.
    #[error("{path}:{}:{}: the article is {err}; tandai reads UTF-8 text only", err.line, err.column)]
    NotUtf8 {
        /// The article.
        path: PathBuf,
        /// Where.
        err: crate::model::document::NotUtf8,
    },
    /// The annotation file exists but could not be read; it is left untouched.
    #[error(
        "{0}\nThe annotation file was not changed. Fix it (or move it away) and open the article again."
    )]
    Annotations(store::StoreError),
}

/// What identifies the annotation file on disk as the one tandai last read or wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
}

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = fs::metadata(path).ok()?;
    Some(Fingerprint {
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// The article being annotated, its state and where it is saved.
#[derive(Debug)]
pub struct Session {
    /// The article's path.
    pub article: PathBuf,
    /// The state shown and updated.
    pub state: AppState,
    annotator: String,
    on_disk: Option<Fingerprint>,
    read_only: Option<String>,
    reanchored: Option<store::Reanchoring>,
    saver: store::Saver,
    _lock: Option<Lock>,
}

impl Session {
    /// Reads the article and its annotation file (if any) and locks the article. Never
    /// changes the annotation file. When another live tandai holds the lock, the session is
    /// read-only unless `force` is set.
    pub fn open(article: &Path, keymap: Keymap) -> Result<Self, OpenError> {
        Self::open_with(article, keymap, false)
    }

    /// [`Session::open`], optionally ignoring another session's lock.
    pub fn open_with(article: &Path, keymap: Keymap, force: bool) -> Result<Self, OpenError> {
        let io_error = |path: &Path| {
            let path = path.to_owned();
            move |source| OpenError::Io { path, source }
        };
        let bytes = fs::read(article).map_err(io_error(article))?;
        let doc = Document::from_bytes(bytes).map_err(|err| OpenError::NotUtf8 {
            path: article.to_owned(),
            err,
        })?;
        let loaded = store::load_reanchored(article, &doc).map_err(OpenError::Annotations)?;
        let ann_path = store::annotation_path(article);
        let on_disk = fingerprint(&ann_path);
        let (set, annotator, reanchored) = match loaded {
            Some((loaded, report)) => (loaded.set, loaded.annotator, report),
            None => (
                AnnotationSet::new(doc.paragraphs().len()),
                default_annotator(),
                None,
            ),
        };
        let (lock, mut read_only) = match lock::acquire(article) {
            Ok(Locking::Acquired(lock)) => (Some(lock), None),
            Ok(Locking::HeldBy(_)) if force => (None, None),
            Ok(Locking::HeldBy(owner)) => (
                None,
                Some(format!(
                    "read-only: another tandai ({owner}) has this article open; changes stay in memory"
                )),
            ),
            Err(err) => (
                None,
                Some(format!(
                    "read-only: cannot create {}: {err}; changes stay in memory",
                    lock::lock_path(article).display()
                )),
            ),
        };
        if read_only.is_none() {
            store::remove_stale_temps(&ann_path);
        }
        let mut notice = None;
        if let Some(report) = reanchored {
            let backup = store::before_reanchor_path(article);
            let journal = store::journal_path(article);
            let copied = fs::copy(&ann_path, &backup).and_then(|_| {
                // Changes still in the journal belong with the copy they continue.
                match journal.exists() {
                    true => fs::copy(&journal, backup.with_extension("journal")).map(|_| ()),
                    false => Ok(()),
                }
            });
            match copied {
                Ok(()) => notice = Some(reanchor_notice(&report, &backup)),
                Err(err) => {
                    read_only.get_or_insert(format!(
                        "read-only: the article changed and the annotation file could not be copied to {} before re-anchoring ({err})",
                        backup.display()
                    ));
                }
            }
        }
        let file_name = article.file_name().map_or_else(
            || article.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut state = AppState::new(doc, set, keymap, file_name);
        state.message = read_only.clone().or(notice);
        if reanchored.is_some() {
            // The file and any journal describe the old text: only a full save will do.
            state.history.mark_unknown();
        }
        Ok(Self {
            article: article.to_owned(),
            state,
            annotator,
            on_disk,
            read_only,
            reanchored,
            saver: store::Saver::default(),
            _lock: lock,
        })
    }

    /// Runs an effect; returns `true` when the program should quit.
    pub fn run(&mut self, effect: Effect) -> bool {
        match effect {
            Effect::Save => {
                let result = self.save();
                self.state.update(Action::SaveFinished(result));
                false
            }
            Effect::Quit => {
                self.fold_journal();
                true
            }
        }
    }

    /// Saves again if the last save failed (a full disk may have room now); does nothing when
    /// read-only.
    pub fn retry_failed_save(&mut self) {
        let failed = matches!(self.state.save_status, crate::state::SaveStatus::Failed(_));
        let conflicted = fingerprint(&store::annotation_path(&self.article)) != self.on_disk;
        if failed && self.read_only.is_none() && !conflicted {
            self.run(Effect::Save);
        }
    }

    /// What re-anchoring did on open, when the article had changed under its annotations.
    pub fn reanchored(&self) -> Option<store::Reanchoring> {
        self.reanchored
    }

    /// Whether another session holds the article, so nothing is written.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Writes the annotations atomically beside the article. If the file on disk is not the
    /// one this session last read or wrote, it is left alone and this session's annotations
    /// go to the conflict copy instead; the error says so.
    pub fn save(&mut self) -> Result<(), String> {
        if let Some(why) = &self.read_only {
            return Err(why.clone());
        }
        let path = store::annotation_path(&self.article);
        let (doc, set) = (&self.state.doc, &self.state.annotations);
        let current = fingerprint(&path);
        if current.is_some() && current != self.on_disk {
            let copy = store::conflict_path(&self.article);
            store::save_to(&copy, &self.article, doc, set, &self.annotator)
                .map_err(|e| e.to_string())?;
            return Err(format!(
                "{} was changed by another program: left as it is; this session's annotations are in {}",
                path.display(),
                copy.display()
            ));
        }
        let edits = self.state.history.unsaved();
        self.saver
            .save(&self.article, doc, set, &self.annotator, edits)
            .map_err(|e| e.to_string())?;
        self.state.history.mark_saved();
        self.on_disk = fingerprint(&path);
        Ok(())
    }

    /// Folds the journal of saved changes into the annotation file (a full, atomic rewrite),
    /// as when quitting. Does nothing when read-only or when the file on disk is not the one
    /// this session last read or wrote; on failure the journal keeps the changes.
    pub fn fold_journal(&mut self) {
        let path = store::annotation_path(&self.article);
        if self.read_only.is_some()
            || fingerprint(&path) != self.on_disk
            || !self.saver.has_journal(&self.article)
        {
            return;
        }
        let (doc, set) = (&self.state.doc, &self.state.annotations);
        if self
            .saver
            .fold(&self.article, doc, set, &self.annotator)
            .is_ok()
        {
            self.on_disk = fingerprint(&path);
        }
    }

    /// Writes what is in memory to the recovery file (never over the annotation file);
    /// returns its path.
    pub fn write_recovery(&self) -> Result<PathBuf, store::StoreError> {
        let path = store::recovery_path(&self.article);
        store::save_to(
            &path,
            &self.article,
            &self.state.doc,
            &self.state.annotations,
            &self.annotator,
        )?;
        Ok(path)
    }

    /// The recovery file left by a crash, if there is one.
    pub fn pending_recovery(&self) -> Option<PathBuf> {
        Some(store::recovery_path(&self.article)).filter(|p| p.exists())
    }

    /// Replaces the annotations by those of the recovery file, saves them as the annotation
    /// file and removes the recovery file.
    pub fn restore_recovery(&mut self) -> Result<(), String> {
        let path = store::recovery_path(&self.article);
        let loaded = store::load_from(&path, &self.state.doc).map_err(|e| e.to_string())?;
        self.state.annotations = loaded.set;
        self.state.history.mark_unknown();
        self.annotator = loaded.annotator;
        self.save()?;
        fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// What the editor is told on opening an article that changed under its annotations.
pub fn reanchor_notice(report: &store::Reanchoring, backup: &Path) -> String {
    let mut text = format!(
        "the article changed: {} annotation(s) moved, {} orphaned",
        report.moved, report.orphaned
    );
    if report.orphaned > 0 {
        text.push_str(" (Tab, filter problems, to re-attach or delete)");
    }
    if report.statuses_reset {
        text.push_str("; paragraph count changed, statuses reset to Todo");
    }
    text.push_str(&format!("; previous file kept as {}", backup.display()));
    text
}

fn default_annotator() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "editor".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

    fn article() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, SAMPLE).unwrap();
        (dir, path)
    }

    fn tag_first_word(session: &mut Session) {
        let effect = session.state.update(Action::TagEntity(1)).unwrap();
        session.run(effect);
    }

    #[test]
    fn a_file_changed_by_someone_else_is_kept_and_ours_goes_beside_it() {
        let (_dir, path) = article();
        let mut session = Session::open(&path, Keymap::embedded_default()).unwrap();
        tag_first_word(&mut session);
        let ann = store::annotation_path(&path);
        let theirs = fs::read_to_string(&ann)
            .unwrap()
            .replace("\"e1\"", "\"e1\" ");
        fs::write(&ann, &theirs).unwrap();
        session.state.update(Action::NextWord);
        tag_first_word(&mut session);
        assert_eq!(fs::read_to_string(&ann).unwrap(), theirs);
        let ours = store::load_from(&store::conflict_path(&path), &session.state.doc).unwrap();
        assert_eq!(ours.set.entities.len(), 2);
        let crate::state::SaveStatus::Failed(message) = &session.state.save_status else {
            panic!("conflict not reported");
        };
        assert!(message.contains("changed by another program"), "{message}");
    }

    #[test]
    fn a_second_session_is_read_only_and_writes_nothing() {
        let (_dir, path) = article();
        let first = Session::open(&path, Keymap::embedded_default()).unwrap();
        let child = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let host = fs::read_to_string(lock::lock_path(&path)).unwrap();
        let foreign = host.replace(
            &format!("pid={}", std::process::id()),
            &format!("pid={}", child.id()),
        );
        drop(first);
        fs::write(lock::lock_path(&path), foreign).unwrap();
        let mut second = Session::open(&path, Keymap::embedded_default()).unwrap();
        assert!(second.read_only().is_some());
        tag_first_word(&mut second);
        assert!(!store::annotation_path(&path).exists());
        assert!(second.state.message.is_some() || second.read_only().is_some());
        let forced = Session::open_with(&path, Keymap::embedded_default(), true).unwrap();
        assert!(forced.read_only().is_none());
        let mut child = child;
        let _ = child.kill();
        let _ = child.wait();
    }

    #[test]
    fn recovery_is_written_beside_and_restored() {
        let (_dir, path) = article();
        let mut session = Session::open(&path, Keymap::embedded_default()).unwrap();
        session.state.update(Action::TagEntity(1));
        let recovery = session.write_recovery().unwrap();
        assert!(!store::annotation_path(&path).exists());
        drop(session);
        let mut again = Session::open(&path, Keymap::embedded_default()).unwrap();
        assert_eq!(again.pending_recovery(), Some(recovery.clone()));
        again.restore_recovery().unwrap();
        assert_eq!(again.state.annotations.entities.len(), 1);
        assert!(store::annotation_path(&path).exists());
        assert!(!recovery.exists());
    }
}

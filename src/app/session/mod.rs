//! An open article: reading it and its annotations, and running the effects of updates.
//!
//! Only the session that holds the article's lock writes its annotation file and journal
//! ([`lock`](super::lock)). A session that may not write never discards what the editor typed:
//! its changes go to a conflict copy of its own beside the article, and it takes the article
//! over when the lock becomes free, putting its changes on top of what the other session saved
//! ([`crate::model::rebase`]).
//!
//! A session works on one annotation file of the article ([`store::AnnotationFile`]): the
//! gold file, or an annotator's, with its own journal, lock, recovery and conflict copies, so
//! that sessions on different annotators' files never touch each other's files.

mod access;
mod conflict;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use self::access::{Access, Why};
use super::lock::{self, Locking};
use super::suggestions::{SuggestOptions, suggester_for};
use crate::action::{Action, SaveError, SaveErrorKind};
use crate::keymap::Keymap;
use crate::model::{AnnotationSet, Document};
use crate::state::{AppState, Effect, SaveStatus};
use crate::store::{self, AnnotationFile, Annotator};

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
    /// A gazetteer, pattern file or cue lexicon is wrong; nothing was opened.
    #[error("{0}\nNothing was opened. Fix the file (or move it away) and open the article again.")]
    Suggestions(super::suggestions::SuggestError),
}

/// Why the annotations of the recovery file could not be restored.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The recovery file could not be read; nothing was changed.
    #[error(transparent)]
    Read(store::StoreError),
    /// The restored annotations could not be saved as the annotation file.
    #[error(transparent)]
    Save(SaveError),
    /// Saved, but the recovery file could not be removed.
    #[error("{path}: {source}")]
    Remove {
        /// The recovery file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Why this session's conflict copy could not be written.
#[derive(Debug, thiserror::Error)]
enum CopyError {
    /// No free name for a copy could be claimed beside the article.
    #[error("no conflict copy could be made: {0}")]
    Claim(std::io::Error),
    /// The copy could not be written.
    #[error(transparent)]
    Write(store::StoreError),
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
    /// Whose annotation file is open: `None` for the gold file.
    whose: Option<Annotator>,
    /// The name written in the file's header.
    annotator: String,
    on_disk: Option<Fingerprint>,
    access: Access,
    reanchored: Option<store::Reanchoring>,
    saver: store::Saver,
    /// This session's conflict copy, once it has needed one.
    conflict: Option<PathBuf>,
    /// Whether the editor was told that the lock is free.
    offered: bool,
    /// What to tell the editor after the terminal is restored.
    farewell: Option<String>,
}

impl Session {
    /// Reads the article and its annotation file (if any) and locks that file: `file` is the
    /// article (its gold file) or an [`AnnotationFile`] of an annotator. Never changes the
    /// annotation file. When another live tandai holds the lock, the session is read-only.
    pub fn open<'a>(
        file: impl Into<AnnotationFile<'a>>,
        keymap: Keymap,
    ) -> Result<Self, OpenError> {
        Self::open_with(file, keymap, false)
    }

    /// [`Session::open`] for an article of a document list: its `NextDocument` /
    /// `PrevDocument` ask to step along the list ([`Effect::StepDocument`]).
    pub fn open_in_list<'a>(
        file: impl Into<AnnotationFile<'a>>,
        keymap: Keymap,
    ) -> Result<Self, OpenError> {
        Self::open_as(file.into(), keymap, false, true, &SuggestOptions::default())
    }

    /// [`Session::open`]; with `force`, the lock is taken from another session, which learns
    /// so before its next write and sends its changes to its conflict copy instead.
    pub fn open_with<'a>(
        file: impl Into<AnnotationFile<'a>>,
        keymap: Keymap,
        force: bool,
    ) -> Result<Self, OpenError> {
        Self::open_as(
            file.into(),
            keymap,
            force,
            false,
            &SuggestOptions::default(),
        )
    }

    /// [`Session::open_with`], its suggestions made also of the files `suggest` names.
    pub fn open_suggesting<'a>(
        file: impl Into<AnnotationFile<'a>>,
        keymap: Keymap,
        force: bool,
        suggest: &SuggestOptions,
    ) -> Result<Self, OpenError> {
        Self::open_as(file.into(), keymap, force, false, suggest)
    }

    fn open_as(
        file: AnnotationFile<'_>,
        keymap: Keymap,
        force: bool,
        in_list: bool,
        suggest: &SuggestOptions,
    ) -> Result<Self, OpenError> {
        let article = file.article();
        let io_error = |path: &Path| {
            let path = path.to_owned();
            move |source| OpenError::Io { path, source }
        };
        let bytes = fs::read(article).map_err(io_error(article))?;
        let doc = Document::from_bytes(bytes).map_err(|err| OpenError::NotUtf8 {
            path: article.to_owned(),
            err,
        })?;
        // Before the lock: a wrong file of the editor's stops the opening with nothing done.
        let (suggester, skipped) =
            suggester_for(article, &doc, suggest).map_err(OpenError::Suggestions)?;
        // Locked before reading, so that what is read is all that the previous holder saved.
        let mut access = match lock::acquire(file, force) {
            Ok(Locking::Acquired(lock)) => Access::Writer(lock),
            Ok(Locking::HeldBy(owner)) => Access::Reader(Why::HeldBy(owner)),
            Err(err) => Access::Reader(Why::CannotLock(err.to_string())),
        };
        let mut aside = None;
        let loaded = match store::load_reanchored(file, &doc) {
            // A journal that continues another version of the file, with changes the file
            // lacks: the writer keeps it aside (`check` lists it) and opens the file alone.
            Err(err)
                if matches!(err.problem(), store::Problem::StaleJournal { .. })
                    && matches!(access, Access::Writer(_)) =>
            {
                aside = Some(store::set_journal_aside(file).map_err(OpenError::Annotations)?);
                store::load_reanchored(file, &doc)
            }
            other => other,
        }
        .map_err(OpenError::Annotations)?;
        let ann_path = file.path();
        let on_disk = fingerprint(&ann_path);
        let (set, annotator, reanchored) = match loaded {
            Some((loaded, report)) => (loaded.set, loaded.annotator, report),
            None => (
                AnnotationSet::new(doc.paragraphs().len()),
                default_annotator(),
                None,
            ),
        };
        // An annotator's file always says whose it is.
        let annotator = file.annotator().map_or(annotator, Annotator::to_string);
        if matches!(access, Access::Writer(_)) {
            store::remove_stale_temps(&ann_path);
        }
        let mut notice = None;
        if let Some(report) = reanchored {
            let backup = file.before_reanchor();
            let journal = file.journal();
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
                    if let Access::Writer(_) = access {
                        access =
                            Access::Reader(Why::NoBackup(format!("{}: {err}", backup.display())));
                    }
                }
            }
        }
        let mut file_name = article.file_name().map_or_else(
            || article.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if let Some(name) = file.annotator() {
            file_name.push_str(&format!(" · {name}"));
        }
        let mut state = AppState::with_suggester(doc, set, keymap, file_name, suggester);
        if in_list {
            state = state.in_document_list();
        }
        if reanchored.is_some() {
            // The file and any journal describe the old text: only a full save will do.
            state.update(Action::FileOutdated);
        }
        let mut session = Self {
            article: article.to_owned(),
            state,
            whose: file.annotator().cloned(),
            annotator,
            on_disk,
            access,
            reanchored,
            saver: store::Saver::default(),
            conflict: None,
            offered: false,
            farewell: None,
        };
        let aside = aside.map(|path| {
            format!(
                "the journal beside the file belonged to another version of it: kept as {} \
                 (`tandai check` lists it)",
                path.display()
            )
        });
        let message = session.read_only().or(aside).or(notice).or(skipped);
        if let Some(message) = message {
            session.state.update(Action::Notice(message));
        }
        Ok(session)
    }

    /// The annotation file this session reads and writes.
    pub fn file(&self) -> AnnotationFile<'_> {
        AnnotationFile::of(&self.article, self.whose.as_ref())
    }

    /// Whose file is open: `None` for the gold file.
    pub fn annotator(&self) -> Option<&Annotator> {
        self.whose.as_ref()
    }

    /// Runs an effect; returns `true` when the program should quit.
    pub fn run(&mut self, effect: Effect) -> bool {
        match effect {
            Effect::Save | Effect::SaveNow => {
                let result = self.save_as_asked(effect == Effect::SaveNow);
                self.state.update(Action::SaveFinished(result));
                false
            }
            Effect::Quit => {
                self.fold_journal();
                true
            }
            // Only the document list's loop opens articles that ask for it; it steps itself.
            Effect::StepDocument(_) => false,
        }
    }

    /// Called while the editor types nothing: saves again if the last save failed (a full disk
    /// may have room now); a session that may not write watches the lock and says when it is
    /// free.
    pub fn retry_failed_save(&mut self) {
        let failed = matches!(self.state.save_status, SaveStatus::Failed(_));
        match &self.access {
            Access::Writer(_) => {
                let conflicted = fingerprint(&self.file().path()) != self.on_disk;
                if failed && !conflicted {
                    self.run(Effect::Save);
                }
            }
            Access::Reader(why) if why.takes_over_unasked() => {
                if failed {
                    self.run(Effect::Save);
                }
            }
            Access::Reader(why) if why.can_take_over() => {
                if !self.offered && lock_is_free(self.file()) {
                    self.offered = true;
                    let text = "the other session has closed this article: Ctrl-s takes it over \
                                (your changes go on top of what it saved)";
                    self.state.update(Action::Notice(text.into()));
                }
            }
            Access::Reader(_) => {}
        }
    }

    /// What re-anchoring did on open, when the article had changed under its annotations.
    pub fn reanchored(&self) -> Option<store::Reanchoring> {
        self.reanchored
    }

    /// Why this session may not write the annotation file, if it may not.
    pub fn read_only(&self) -> Option<String> {
        match &self.access {
            Access::Writer(_) => None,
            Access::Reader(why) => Some(why.describe(self.conflict.as_deref())),
        }
    }

    /// What the editor should read after the terminal is restored (where changes were kept).
    pub fn farewell(&self) -> Option<&str> {
        self.farewell.as_deref()
    }

    /// Writes the annotations beside the article, as a change's save does (see
    /// [`Session::run`]), and reports the result to the state.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let result = self.save_as_asked(true);
        self.state.update(Action::SaveFinished(result.clone()));
        result
    }

    /// A save; `asked` when the editor asked for it (`Ctrl-s`), which lets a session that may
    /// not write take the article over once its lock is free. The caller reports the result
    /// to the state (`Action::SaveFinished`), which then marks the history saved.
    fn save_as_asked(&mut self, asked: bool) -> Result<(), SaveError> {
        if let Access::Reader(why) = &self.access {
            let try_lock = why.takes_over_unasked() || (asked && why.can_take_over());
            if try_lock && let Ok(Locking::Acquired(lock)) = lock::acquire(self.file(), false) {
                return self.take_over(lock);
            }
            return self.keep_aside();
        }
        let Access::Writer(lock) = &mut self.access else {
            unreachable!("readers returned above")
        };
        let _folder = match lock.guard() {
            Ok(folder) => folder,
            Err(lost) => {
                self.access = Access::Reader(Why::TakenBy(lost.owner));
                self.saver = store::Saver::default();
                return self.keep_aside();
            }
        };
        let path = self.file().path();
        let current = fingerprint(&path);
        if current.is_some() && current != self.on_disk {
            let copy = self
                .write_conflict_copy()
                .map_err(|e| SaveError::new(SaveErrorKind::Failed, e.to_string()))?;
            return Err(SaveError::new(
                SaveErrorKind::KeptAside,
                format!(
                    "{} was changed by another program: left as it is; this session's annotations are in {}",
                    path.display(),
                    copy.display()
                ),
            ));
        }
        let file = AnnotationFile::of(&self.article, self.whose.as_ref());
        let (doc, set) = (&self.state.doc, &self.state.annotations);
        let edits = self.state.history.unsaved();
        // Field by field: the saver is borrowed mutably beside the others.
        self.saver
            .save(file, doc, set, &self.annotator, edits)
            .map_err(|e| SaveError::new(SaveErrorKind::Failed, e.to_string()))?;
        self.on_disk = fingerprint(&path);
        Ok(())
    }

    /// A session that may not write: its whole set goes to its conflict copy; the error says
    /// why and where.
    fn keep_aside(&mut self) -> Result<(), SaveError> {
        let written = self.write_conflict_copy();
        let why = self.read_only().unwrap_or_default();
        Err(SaveError::new(
            SaveErrorKind::ReadOnly,
            match written {
                Ok(_) => why,
                Err(err) => format!("{why}; {err}"),
            },
        ))
    }

    /// Writes this session's annotations to its conflict copy (claimed on first use, never
    /// one that another session or an earlier run left); returns its path.
    fn write_conflict_copy(&mut self) -> Result<PathBuf, CopyError> {
        let copy = match &self.conflict {
            Some(copy) => copy.clone(),
            None => {
                let copy = conflict::claim(self.file()).map_err(CopyError::Claim)?;
                self.conflict = Some(copy.clone());
                copy
            }
        };
        store::save_to(
            &copy,
            &self.article,
            &self.state.doc,
            &self.state.annotations,
            &self.annotator,
        )
        .map_err(CopyError::Write)?;
        Ok(copy)
    }

    /// Becomes the writer with `lock`: reads what the previous holder saved, puts this
    /// session's changes on top and saves the result whole. Where changes clash, theirs stay
    /// in the file and this session's whole version in its conflict copy.
    fn take_over(&mut self, lock: lock::Lock) -> Result<(), SaveError> {
        let doc = &self.state.doc;
        let theirs = match store::load(self.file(), doc) {
            Ok(Some(loaded)) => loaded.set,
            Ok(None) => AnnotationSet::new(doc.paragraphs().len()),
            Err(err) => {
                // Kept as a reader: nothing of theirs may be overwritten unread.
                drop(lock);
                let kept = self.keep_aside().err().map(|e| e.message);
                let kept = kept.unwrap_or_default();
                return Err(SaveError::new(
                    SaveErrorKind::ReadOnly,
                    format!("{err}; {kept}"),
                ));
            }
        };
        let ours = &self.state.annotations;
        let (merged, applied, clashes) = match self.state.history.unsaved() {
            Some(edits) => {
                let rebased = crate::model::rebase(&theirs, ours, edits);
                (rebased.set, rebased.applied, rebased.clashes)
            }
            // Changes that cannot be told apart from the rest: theirs stand, ours go aside.
            None => (theirs.clone(), 0, usize::from(*ours != theirs)),
        };
        let mut text = format!(
            "took the article over: {applied} change(s) of yours saved on top of the other session's"
        );
        if clashes > 0 {
            match self.write_conflict_copy() {
                Ok(copy) => text.push_str(&format!(
                    "; {clashes} clashed, kept theirs (all of yours: {})",
                    copy.display()
                )),
                Err(err) => {
                    drop(lock);
                    return Err(SaveError::new(
                        SaveErrorKind::ReadOnly,
                        format!("{err}; not taken over, changes kept in memory"),
                    ));
                }
            }
        } else if let Some(copy) = self.conflict.take() {
            // Everything it held is in the file now.
            let _ = fs::remove_file(copy);
        }
        self.access = Access::Writer(lock);
        self.saver = store::Saver::default();
        self.on_disk = fingerprint(&self.file().path());
        self.offered = false;
        self.state
            .update(Action::Rebased(Box::new(merged), text.clone()));
        self.save_as_asked(false)?;
        self.state.update(Action::Notice(text));
        Ok(())
    }

    /// Ends the session: the writer folds the journal of saved changes into the annotation
    /// file (a full, atomic rewrite), unless the file on disk is not the one it last read or
    /// wrote (on failure the journal keeps the changes); a session that may not write puts
    /// unsaved changes in its conflict copy and says where ([`Session::farewell`]).
    pub fn fold_journal(&mut self) {
        if matches!(self.access, Access::Writer(_)) && self.state.save_status != SaveStatus::Saved {
            // A last try (a full disk may have room now); a lost lock turns it into a reader.
            let result = self.save_as_asked(false);
            self.state.update(Action::SaveFinished(result));
        }
        if let Access::Writer(lock) = &mut self.access {
            let lost = match lock.guard() {
                Ok(_folder) => {
                    if self.state.save_status == SaveStatus::Saved {
                        self.fold_as_writer();
                        return;
                    }
                    None
                }
                Err(lost) => Some(lost),
            };
            if let Some(lost) = lost {
                self.access = Access::Reader(Why::TakenBy(lost.owner));
                self.saver = store::Saver::default();
            }
        }
        if self.state.save_status == SaveStatus::Saved {
            return;
        }
        self.farewell = Some(match self.write_conflict_copy() {
            Ok(copy) => format!(
                "{}: not saved there; this session's annotations are in {}",
                self.file().path().display(),
                copy.display()
            ),
            Err(err) => format!(
                "{}: not saved there, and {err}: the unsaved changes are lost",
                self.file().path().display()
            ),
        });
    }

    fn fold_as_writer(&mut self) {
        let file = AnnotationFile::of(&self.article, self.whose.as_ref());
        let path = file.path();
        if fingerprint(&path) != self.on_disk || !self.saver.has_journal(file) {
            return;
        }
        let (doc, set) = (&self.state.doc, &self.state.annotations);
        if self.saver.fold(file, doc, set, &self.annotator).is_ok() {
            self.on_disk = fingerprint(&path);
        }
    }

    /// Writes what is in memory to the recovery file (never over the annotation file);
    /// returns its path.
    pub fn write_recovery(&self) -> Result<PathBuf, store::StoreError> {
        let path = self.file().recovery();
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
        Some(self.file().recovery()).filter(|p| p.exists())
    }

    /// Replaces the annotations by those of the recovery file, saves them as the annotation
    /// file and removes the recovery file.
    pub fn restore_recovery(&mut self) -> Result<(), RestoreError> {
        let path = self.file().recovery();
        let loaded = store::load_from(&path, &self.state.doc).map_err(RestoreError::Read)?;
        self.state.update(Action::Restored(Box::new(loaded.set)));
        if self.whose.is_none() {
            self.annotator = loaded.annotator;
        }
        self.save().map_err(RestoreError::Save)?;
        fs::remove_file(&path).map_err(|source| RestoreError::Remove { path, source })
    }
}

/// Whether no live session holds the lock of `file` (checked by taking it and letting go).
fn lock_is_free(file: AnnotationFile<'_>) -> bool {
    matches!(lock::acquire(file, false), Ok(Locking::Acquired(_)))
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
        text.push_str("; statuses reset to Todo where a paragraph could not be matched");
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
mod tests;

//! Saving a session's changes: a journal line per save, the whole file now and then.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};

use crate::model::{AnnotationSet, Document, Edit};
use crate::store::error::{Problem, StoreError};
use crate::store::{AnnotationFile, load, save};

use super::check::change_keeps_set_valid;
use super::format::header;
use super::ops::ops_of;
use super::replay::{Standing, examine};
use crate::store::hash::{Base, hash};

/// A save folds the journal into the annotation file once it holds this many lines…
const FOLD_LINES: usize = 1000;
/// … or this many bytes.
const FOLD_BYTES: u64 = 8 << 20;

/// The open journal of a session's annotation file.
#[derive(Debug)]
struct Open {
    file: File,
    lines: usize,
    len: u64,
}

/// Saves a session's annotations: each change as a journal line, and the whole file when
/// there is no file yet, the journal is long, or the session ends ([`Saver::fold`]).
#[derive(Debug, Default)]
pub struct Saver {
    open: Option<Open>,
}

impl Saver {
    /// Saves `set` (whose edits since the last save are `edits`; `None` when not known),
    /// durably, before returning. A set that would not load is refused, as by [`save`](crate::store::save()).
    pub fn save<'a>(
        &mut self,
        file: impl Into<AnnotationFile<'a>>,
        doc: &Document,
        set: &AnnotationSet,
        annotator: &str,
        edits: Option<&[Edit]>,
    ) -> Result<(), StoreError> {
        let file = file.into();
        let Some(edits) = edits else {
            return self.fold(file, doc, set, annotator);
        };
        if edits.is_empty() && self.open.is_some() {
            return Ok(());
        }
        let full = match &self.open {
            Some(open) => open.lines >= FOLD_LINES || open.len >= FOLD_BYTES,
            None => !file.path().exists(),
        };
        if full || edits.is_empty() {
            return self.fold(file, doc, set, annotator);
        }
        let Some(ops) = ops_of(edits) else {
            return self.fold(file, doc, set, annotator);
        };
        if !change_keeps_set_valid(doc, set, &ops) {
            save::check_before_writing(&file.path(), doc, set)?;
        }
        let json = serde_json::to_string(&ops).expect("annotations always serialise to JSON");
        let line = format!("{:016x} {json}\n", hash(json.as_bytes()));
        let path = file.journal();
        let failed = |step: &'static str| {
            let path = path.clone();
            move |source| StoreError::new(path, None, Problem::Write { step, source })
        };
        if self.open.is_none() {
            self.open = Some(open_journal(file)?);
        }
        let open = self.open.as_mut().expect("opened above");
        let written = open
            .file
            .write_all(line.as_bytes())
            .map_err(failed("writing the journal"))
            .and_then(|()| open.file.sync_data().map_err(failed("syncing the journal")));
        if let Err(err) = written {
            // Whatever part of the line reached the file is cut off by the next save.
            self.open = None;
            return Err(err);
        }
        open.lines += 1;
        open.len += line.len() as u64;
        Ok(())
    }

    /// Whether a journal may hold changes not yet in the annotation file.
    pub fn has_journal<'a>(&self, file: impl Into<AnnotationFile<'a>>) -> bool {
        self.open.is_some() || file.into().journal().exists()
    }

    /// Writes the whole annotation file (checked, atomically), then removes the journal if
    /// every change it holds is in the file just written: the journal this saver appended to,
    /// one continuing the file replaced (which the session loaded, so `set` holds its
    /// changes), or the leftover of an earlier fold. Any other journal (one that cannot be
    /// read, or continues another version of the file) is left as it is, for `load` to report.
    pub fn fold<'a>(
        &mut self,
        file: impl Into<AnnotationFile<'a>>,
        doc: &Document,
        set: &AnnotationSet,
        annotator: &str,
    ) -> Result<(), StoreError> {
        let file = file.into();
        let appended = self.open.take().is_some();
        let folded = appended || journal_is_folded(file);
        save::save(file, doc, set, annotator)?;
        if folded {
            // A journal that cannot be removed names the file replaced: `load` ignores it as
            // a leftover.
            let _ = fs::remove_file(file.journal());
        }
        Ok(())
    }
}

/// Whether the journal of `file` (if any) holds only changes that a session which loaded
/// the annotation file as it is now holds too, so that writing the file makes it useless.
fn journal_is_folded(file: AnnotationFile<'_>) -> bool {
    let base = match Base::of_file(&file.path()) {
        Ok(base) => Some(base),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(_) => return false,
    };
    examine(file, base.as_ref(), || load::file_set(file)).is_ok()
}

/// Opens the journal of `file` for appending: the existing one when it continues the
/// annotation file (a torn last line cut off), else a fresh one with its header, synced with
/// its folder so that it is found after a crash. A fresh one replaces only the leftover of a
/// fold; a journal that cannot be read, or holds changes the file lacks, is an error and is
/// left as it is.
fn open_journal(file: AnnotationFile<'_>) -> Result<Open, StoreError> {
    let path = file.journal();
    let failed = |step: &'static str| {
        let path = path.clone();
        move |source| StoreError::new(path, None, Problem::Write { step, source })
    };
    let ann_path = file.path();
    let base = Base::of_file(&ann_path)
        .map_err(|err| StoreError::new(&ann_path, None, Problem::Read(err)))?;
    if let Standing::Continues(read) = examine(file, Some(&base), || load::file_set(file))? {
        let open = || {
            let mut file = OpenOptions::new().write(true).open(&path)?;
            file.set_len(read.valid_len as u64)?;
            io::Seek::seek(&mut file, io::SeekFrom::End(0))?;
            Ok(file)
        };
        return Ok(Open {
            file: open().map_err(failed("opening the journal"))?,
            lines: read.lines.len(),
            len: read.valid_len as u64,
        });
    }
    // A fresh journal: written aside and renamed, so a crash never leaves a headless one.
    let head = header(&base);
    crate::store::atomic::write(&path, head.as_bytes()).map_err(|f| {
        StoreError::new(
            &path,
            None,
            Problem::Write {
                step: f.step,
                source: f.source,
            },
        )
    })?;
    let mut file = OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(failed("opening the journal"))?;
    file.flush().map_err(failed("opening the journal"))?;
    Ok(Open {
        file,
        lines: 0,
        len: head.len() as u64,
    })
}

//! What a journal is to the annotation file beside it, and replaying it onto what was loaded.

use std::fs;
use std::io;
use std::path::Path;

use crate::model::{AnnotationSet, Document};
use crate::store::error::{Place, Problem, StoreError};
use crate::store::{AnnotationFile, Loaded, save};

use super::format::{Lines, header_line, read_header, read_lines};
use super::ops::{apply, changes};
use crate::store::hash::Base;

/// What the journal of an annotation file is to it, when it can be read.
pub(in crate::store) enum Standing {
    /// There is no journal.
    Absent,
    /// The journal continues the file: its intact lines.
    Continues(Lines),
    /// The journal names another version of the file (or none), but every change it holds is
    /// in the file already: the leftover of a fold that stopped before removing it.
    Leftover,
}

/// Reads the journal of `file`, whose annotation file has the base `base` (`None` when
/// there is none) and holds the set `file_set` gives (asked for only when the journal names
/// another base). A journal that cannot be read, or that holds changes the file lacks, is an
/// error naming it: it is to be kept, never replayed past nor written over.
pub(in crate::store) fn examine(
    file: AnnotationFile<'_>,
    base: Option<&Base>,
    file_set: impl FnOnce() -> Result<AnnotationSet, StoreError>,
) -> Result<Standing, StoreError> {
    let path = file.journal();
    let text = match fs::read(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Standing::Absent),
        Err(err) => return Err(StoreError::new(&path, None, Problem::Read(err))),
    };
    let (named, start) = read_header(&path, &text, base)?;
    let lines = read_lines(&path, &text, start)?;
    if Some(&named) == base {
        return Ok(Standing::Continues(lines));
    }
    let unsaved = match base {
        _ if lines.lines.is_empty() => 0,
        Some(_) => unsaved_changes(&file_set()?, &lines),
        None => lines.lines.len(),
    };
    if unsaved == 0 {
        return Ok(Standing::Leftover);
    }
    let problem = Problem::StaleJournal {
        changes: unsaved,
        expected_header: base.map(header_line),
    };
    let place = Place { line: 1, column: 1 };
    Err(StoreError::new(&path, Some(place), problem))
}

/// How many of `lines`, replayed onto `set`, change it; 0 when together they leave it as it
/// is. A line that cannot be applied counts every line as a change.
pub(super) fn unsaved_changes(set: &AnnotationSet, lines: &Lines) -> usize {
    let mut after = set.clone();
    let mut changing = 0;
    for (_, ops) in &lines.lines {
        let mut changed = false;
        for op in ops {
            changed |= changes(&after, op);
            if apply(&mut after, op).is_err() {
                return lines.lines.len();
            }
        }
        changing += usize::from(changed);
    }
    let mut before = set.clone();
    before.sort();
    after.sort();
    if after == before { 0 } else { changing.max(1) }
}

/// Applies the journal of `file`, if it continues the annotation file whose bytes are
/// `base`, to what was loaded from that file; the result passes the checks of a load.
pub(in crate::store) fn replay(
    file: AnnotationFile<'_>,
    base: &Base,
    mut loaded: Loaded,
    doc: &Document,
) -> Result<Loaded, StoreError> {
    if replay_into(file, base, &mut loaded.set)? {
        save::check_before_writing(&file.journal(), doc, &loaded.set)?;
        loaded.set.sort();
    }
    Ok(loaded)
}

/// Applies the journal of `file`, if it continues the annotation file whose bytes are
/// `base`, to `set` (what that file holds), without checking the result against an article
/// (for re-anchoring, where the set still describes the old text). Returns whether anything
/// was applied. A journal that cannot be read or holds changes the file lacks is an error
/// (see [`examine`]).
pub(in crate::store) fn replay_into(
    file: AnnotationFile<'_>,
    base: &Base,
    set: &mut AnnotationSet,
) -> Result<bool, StoreError> {
    let path = file.journal();
    let Standing::Continues(read) = examine(file, Some(base), || Ok(set.clone()))? else {
        return Ok(false);
    };
    for (line, ops) in &read.lines {
        for op in ops {
            apply(set, op).map_err(|why| {
                let place = Place {
                    line: *line,
                    column: 1,
                };
                StoreError::new(&path, Some(place), Problem::Syntax(why.to_string()))
            })?;
        }
    }
    Ok(!read.lines.is_empty())
}

/// The journal of `file` when the annotation file is absent: nothing to replay, but one
/// holding changes is an error, never ignored.
pub(in crate::store) fn check_without_file(file: AnnotationFile<'_>) -> Result<(), StoreError> {
    examine(file, None, || Ok(AnnotationSet::default())).map(|_| ())
}

/// The problem `tandai check` reports for the journal set aside at `aside`: how many of its
/// changes `current` lacks (the annotation file's base and what it holds, its own journal
/// replayed; `None` when there is no file). The aside's header is not trusted: it was set
/// aside because it names another file, or was damaged.
pub(in crate::store) fn aside_problem(
    aside: &Path,
    current: Option<(&Base, &AnnotationSet)>,
) -> StoreError {
    let changes = fs::read(aside).ok().and_then(|text| {
        let start = text.iter().position(|&b| b == b'\n')? + 1;
        let lines = read_lines(aside, &text, start).ok()?;
        Some(match current {
            Some((_, set)) => unsaved_changes(set, &lines),
            None => lines.lines.len(),
        })
    });
    let problem = Problem::JournalAside {
        changes,
        expected_header: current.map(|(base, _)| header_line(base)),
    };
    StoreError::new(aside, Some(Place { line: 1, column: 1 }), problem)
}

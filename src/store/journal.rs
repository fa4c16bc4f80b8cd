//! The journal beside the annotation file: one fsync'd line per save, so that saving a change
//! costs the change, not a rewrite of every annotation.
//!
//! `article.ann.journal` starts with a header naming the annotation file it continues (its
//! length and a 64-bit hash of its bytes), then holds one line per save:
//! `<16 hex digits: hash of the JSON> <JSON list of operations>\n`. Operations are
//! assignments (put this annotation, delete this id, set this paragraph's status, set the id
//! counters), so replaying a line twice gives the same set.
//!
//! Durability: a line is written with one `write` and synced (`fdatasync`) before the save
//! returns, so every change is on disk before the next key is read. A crash can only leave a
//! torn last line (no line end, or a hash that does not match): it is ignored, and the next
//! save cuts it off before appending. The annotation file itself is only ever replaced
//! atomically (a fold: full checked rewrite, then the journal is removed); a crash between the
//! two leaves a journal whose header names the previous file, so it is ignored too.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{
    AnnotationSet, Claim, Document, Edit, Entity, Item, NextIds, ParagraphStatus, Quote,
};

use super::error::{Place, Problem, StoreError};
use super::{Loaded, annotation_path, save};

/// First word of the header line.
const MAGIC: &str = "tandai-journal";
/// A save folds the journal into the annotation file once it holds this many lines…
const FOLD_LINES: usize = 1000;
/// … or this many bytes.
const FOLD_BYTES: u64 = 8 << 20;

/// The journal of `article`: `dir/stem.ann.journal`.
pub fn journal_path(article: &Path) -> PathBuf {
    article.with_extension("ann.journal")
}

/// One assignment to the set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Op {
    Entity(Entity),
    Quote(Quote),
    Claim(Claim),
    Delete(String),
    Status(usize, ParagraphStatus),
    Ids(NextIds),
}

fn put(item: &Item) -> Op {
    match item {
        Item::Entity(e) => Op::Entity(e.clone()),
        Item::Quote(q) => Op::Quote(q.clone()),
        Item::Claim(c) => Op::Claim(c.clone()),
    }
}

/// The assignments that `edits`, applied in order, amount to; `None` when one of them is not
/// journaled (orphans change rarely: their edits are saved by a full rewrite).
fn ops_of(edits: &[Edit]) -> Option<Vec<Op>> {
    let mut ops = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit {
            Edit::InsertOrphan(_) | Edit::RemoveOrphan(_) => return None,
            Edit::Insert(item) => ops.push(put(item)),
            Edit::Remove(item) => ops.push(Op::Delete(item.id().to_owned())),
            Edit::Replace { before, after } => {
                if before.id() != after.id() {
                    // Not made by the app (a replace keeps the id), but written faithfully.
                    ops.push(Op::Delete(before.id().to_owned()));
                }
                ops.push(put(after));
            }
            Edit::Status {
                paragraph, after, ..
            } => ops.push(Op::Status(*paragraph, *after)),
            Edit::Ids { after, .. } => ops.push(Op::Ids(*after)),
        }
    }
    Some(ops)
}

/// The id an operation assigns, if it assigns an annotation.
fn op_id(op: &Op) -> Option<&str> {
    match op {
        Op::Entity(e) => Some(&e.id),
        Op::Quote(q) => Some(&q.id),
        Op::Claim(c) => Some(&c.id),
        Op::Delete(id) => Some(id),
        Op::Status(..) | Op::Ids(_) => None,
    }
}

fn apply(set: &mut AnnotationSet, op: &Op) -> Result<(), String> {
    let replace = |set: &mut AnnotationSet, after: Item| {
        let edit = match set.get(after.id()) {
            Some(before) => Edit::Replace { before, after },
            None => Edit::Insert(after),
        };
        set.apply(&edit);
    };
    match op {
        Op::Entity(e) => replace(set, Item::Entity(e.clone())),
        Op::Quote(q) => replace(set, Item::Quote(q.clone())),
        Op::Claim(c) => replace(set, Item::Claim(c.clone())),
        Op::Delete(id) => {
            if let Some(item) = set.get(id) {
                set.apply(&Edit::Remove(item));
            }
        }
        Op::Status(paragraph, status) => match set.paragraphs.get_mut(*paragraph) {
            Some(slot) => *slot = *status,
            None => return Err(format!("paragraph {paragraph} does not exist")),
        },
        Op::Ids(ids) => set.next_ids = *ids,
    }
    Ok(())
}

/// A 64-bit hash of `bytes` (not cryptographic: it tells files and torn lines apart).
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = Hasher::new(bytes.len() as u64);
    hasher.update(bytes);
    hasher.finish()
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// [`hash`] of bytes that arrive in pieces, whose total length is known at the start.
#[derive(Clone, Debug)]
pub(super) struct Hasher {
    h: u64,
    pending: [u8; 8],
    filled: usize,
    len: u64,
    seen: u64,
}

impl Hasher {
    /// A hasher for `len` bytes in all.
    pub(super) fn new(len: u64) -> Self {
        Hasher {
            h: 0xcbf2_9ce4_8422_2325 ^ len.wrapping_mul(K),
            pending: [0; 8],
            filled: 0,
            len,
            seen: 0,
        }
    }

    fn word(&mut self, word: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(31);
    }

    /// Takes the next piece.
    pub(super) fn update(&mut self, mut bytes: &[u8]) {
        self.seen += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.word(chunk.try_into().expect("8 bytes"));
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn finish(&self) -> u64 {
        let mut last = [0u8; 8];
        last[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        let h = (self.h ^ u64::from_le_bytes(last)).wrapping_mul(K);
        h ^ (h >> 29)
    }

    /// The base these bytes make, or `None` when their length is not the one announced.
    pub(super) fn base(&self) -> Option<Base> {
        (self.seen == self.len).then(|| Base {
            len: self.len,
            hash: self.finish(),
        })
    }
}

/// What a journal's header says of the annotation file it continues: its length and hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Base {
    len: u64,
    hash: u64,
}

impl Base {
    /// The base of an annotation file whose bytes are `bytes`.
    pub(super) fn of(bytes: &[u8]) -> Base {
        Base {
            len: bytes.len() as u64,
            hash: hash(bytes),
        }
    }

    /// The base of the annotation file at `path`, read in pieces.
    fn of_file(path: &Path) -> io::Result<Base> {
        let mut file = File::open(path)?;
        let mut hasher = Hasher::new(file.metadata()?.len());
        let mut buf = vec![0; 1 << 16];
        loop {
            match io::Read::read(&mut file, &mut buf) {
                Ok(0) => break,
                Ok(n) => hasher.update(&buf[..n]),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        hasher
            .base()
            .ok_or_else(|| io::Error::other("the annotation file changed while it was read"))
    }
}

/// The header line of a journal continuing the annotation file `base` describes.
fn header(base: &Base) -> String {
    format!("{MAGIC} 1 {} {:016x}\n", base.len, base.hash)
}

/// The complete, intact lines of a journal after its header, and the byte length they end at.
struct Read {
    lines: Vec<(usize, Vec<Op>)>,
    valid_len: usize,
}

/// Reads the journal `text` continuing the annotation file `base`. `Ok(None)` when it does
/// not continue it (an older journal left by a crash after a fold): it is to be ignored.
fn read(path: &Path, text: &[u8], base: &Base) -> Result<Option<Read>, StoreError> {
    let head = header(base);
    if !text.starts_with(head.as_bytes()) {
        return Ok(None);
    }
    let mut at = head.len();
    let mut lines = Vec::new();
    let mut number = 1;
    while at < text.len() {
        number += 1;
        let Some(end) = text[at..].iter().position(|&b| b == b'\n') else {
            break; // torn: no line end
        };
        let line = &text[at..at + end];
        let next = at + end + 1;
        let last = next == text.len();
        let parsed = (line.len() > 17 && line[16] == b' ')
            .then(|| std::str::from_utf8(&line[..16]).ok())
            .flatten()
            .and_then(|h| u64::from_str_radix(h, 16).ok())
            .filter(|&h| h == hash(&line[17..]))
            .and_then(|_| serde_json::from_slice::<Vec<Op>>(&line[17..]).ok());
        match parsed {
            Some(ops) => lines.push((number, ops)),
            None if last => break, // torn last line
            None => {
                let place = Place {
                    line: number,
                    column: 1,
                };
                let problem = Problem::Syntax("a damaged journal line".into());
                return Err(StoreError::new(path, Some(place), problem));
            }
        }
        at = next;
    }
    Ok(Some(Read {
        lines,
        valid_len: at,
    }))
}

/// Applies the journal of `article`, if it continues the annotation file whose bytes are
/// `base`, to what was loaded from that file; the result passes the checks of a load.
pub(super) fn replay(
    article: &Path,
    base: &Base,
    mut loaded: Loaded,
    doc: &Document,
) -> Result<Loaded, StoreError> {
    if replay_into(article, base, &mut loaded.set)? {
        save::check_before_writing(&journal_path(article), doc, &loaded.set)?;
        loaded.set.sort();
    }
    Ok(loaded)
}

/// Applies the journal of `article`, if it continues the annotation file whose bytes are
/// `base`, to `set`, without checking the result against an article (for re-anchoring, where
/// the set still describes the old text). Returns whether anything was applied.
pub(super) fn replay_into(
    article: &Path,
    base: &Base,
    set: &mut AnnotationSet,
) -> Result<bool, StoreError> {
    let path = journal_path(article);
    let text = match fs::read(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(StoreError::new(&path, None, Problem::Read(err))),
    };
    let Some(read) = read(&path, &text, base)? else {
        return Ok(false);
    };
    for (line, ops) in &read.lines {
        for op in ops {
            apply(set, op).map_err(|why| {
                let place = Place {
                    line: *line,
                    column: 1,
                };
                StoreError::new(&path, Some(place), Problem::Syntax(why))
            })?;
        }
    }
    Ok(!read.lines.is_empty())
}

/// Checks that applying `ops` to a set that passed the load checks, giving `set`, keeps it
/// passing them: only what the operations touched can have changed. `false` sends the caller
/// to the full check (which names the problem).
fn change_keeps_set_valid(doc: &Document, set: &AnnotationSet, ops: &[Op]) -> bool {
    let text_ok = |spans: &[crate::model::Span], stored: &str| {
        let mut previous_end = 0;
        for s in spans {
            if s.start >= s.end || s.end > doc.len_chars() || s.start < previous_end {
                return false;
            }
            previous_end = s.end;
        }
        !spans.is_empty() && doc.slice_fragments(spans) == stored
    };
    let number = |id: &str, prefix: char| -> Option<u64> {
        let digits = id.strip_prefix(prefix)?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    };
    let is_entity = |id: &str| set.entity(id).is_some();
    let mut deleted = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        // An annotation assigned again later is checked at its last assignment.
        if let Some(id) = op_id(op)
            && ops[i + 1..].iter().any(|o| op_id(o) == Some(id))
        {
            continue;
        }
        let ok = match op {
            Op::Entity(e) => {
                number(&e.id, 'e').is_some_and(|n| n < set.next_ids.entity)
                    && set.entity(&e.id) == Some(e)
                    && text_ok(&e.spans, &e.text)
            }
            Op::Quote(q) => {
                number(&q.id, 'q').is_some_and(|n| n < set.next_ids.quote)
                    && set.quote(&q.id) == Some(q)
                    && text_ok(&q.spans, &q.text)
                    && q.cue.as_ref().is_none_or(|c| text_ok(&c.spans, &c.text))
                    && q.speaker.as_deref().is_none_or(is_entity)
            }
            Op::Claim(c) => {
                number(&c.id, 'c').is_some_and(|n| n < set.next_ids.claim)
                    && set.get(&c.id) == Some(Item::Claim(c.clone()))
                    && text_ok(&c.spans, &c.text)
                    && c.claimant.as_deref().is_none_or(is_entity)
                    && c.quote.as_deref().is_none_or(|q| set.quote(q).is_some())
            }
            Op::Delete(id) => {
                deleted.push(id.as_str());
                set.get(id).is_none()
            }
            Op::Status(paragraph, _) => *paragraph < set.paragraphs.len(),
            // Counters may go down (an undone insert): no id may reach them.
            Op::Ids(ids) => {
                let below = |id: &str, prefix, next| number(id, prefix).is_some_and(|n| n < next);
                set.entities.iter().all(|e| below(&e.id, 'e', ids.entity))
                    && set.quotes.iter().all(|q| below(&q.id, 'q', ids.quote))
                    && set.claims.iter().all(|c| below(&c.id, 'c', ids.claim))
            }
        };
        if !ok {
            return false;
        }
    }
    // Nothing may still point at a deleted annotation.
    deleted.is_empty()
        || (set
            .quotes
            .iter()
            .all(|q| q.speaker.as_deref().is_none_or(|s| !deleted.contains(&s)))
            && set.claims.iter().all(|c| {
                c.claimant.as_deref().is_none_or(|s| !deleted.contains(&s))
                    && c.quote.as_deref().is_none_or(|s| !deleted.contains(&s))
            }))
}

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
    /// durably, before returning. A set that would not load is refused, as by [`save`](super::save).
    pub fn save(
        &mut self,
        article: &Path,
        doc: &Document,
        set: &AnnotationSet,
        annotator: &str,
        edits: Option<&[Edit]>,
    ) -> Result<(), StoreError> {
        let Some(edits) = edits else {
            return self.fold(article, doc, set, annotator);
        };
        if edits.is_empty() && self.open.is_some() {
            return Ok(());
        }
        let full = match &self.open {
            Some(open) => open.lines >= FOLD_LINES || open.len >= FOLD_BYTES,
            None => !annotation_path(article).exists(),
        };
        if full || edits.is_empty() {
            return self.fold(article, doc, set, annotator);
        }
        let Some(ops) = ops_of(edits) else {
            return self.fold(article, doc, set, annotator);
        };
        if !change_keeps_set_valid(doc, set, &ops) {
            save::check_before_writing(&annotation_path(article), doc, set)?;
        }
        let json = serde_json::to_string(&ops).expect("annotations always serialise to JSON");
        let line = format!("{:016x} {json}\n", hash(json.as_bytes()));
        let path = journal_path(article);
        let failed = |step: &'static str| {
            let path = path.clone();
            move |source| StoreError::new(path, None, Problem::Write { step, source })
        };
        if self.open.is_none() {
            self.open = Some(open_journal(article).map_err(failed("opening the journal"))?);
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
    pub fn has_journal(&self, article: &Path) -> bool {
        self.open.is_some() || journal_path(article).exists()
    }

    /// Writes the whole annotation file (checked, atomically), then removes the journal.
    pub fn fold(
        &mut self,
        article: &Path,
        doc: &Document,
        set: &AnnotationSet,
        annotator: &str,
    ) -> Result<(), StoreError> {
        self.open = None;
        save::save(article, doc, set, annotator)?;
        let path = journal_path(article);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
            // The journal names the previous file, so it is ignored from now on.
            Err(_) => Ok(()),
        }
    }
}

/// Opens the journal of `article` for appending: the existing one when it continues the
/// annotation file (a torn last line cut off), else a fresh one with its header, synced with
/// its folder so that it is found after a crash.
fn open_journal(article: &Path) -> io::Result<Open> {
    let base = Base::of_file(&annotation_path(article))?;
    let path = journal_path(article);
    let existing = match fs::read(&path) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(err),
    };
    if let Some(text) = existing
        && let Ok(Some(read)) = read(&path, &text, &base)
    {
        let file = OpenOptions::new().write(true).open(&path)?;
        file.set_len(read.valid_len as u64)?;
        let mut file = file;
        io::Seek::seek(&mut file, io::SeekFrom::End(0))?;
        return Ok(Open {
            file,
            lines: read.lines.len(),
            len: read.valid_len as u64,
        });
    }
    // A fresh journal: written aside and renamed, so a crash never leaves a headless one.
    let head = header(&base);
    super::atomic::write(&path, head.as_bytes()).map_err(|failed| failed.source)?;
    let mut file = OpenOptions::new().append(true).open(&path)?;
    file.flush()?;
    Ok(Open {
        file,
        lines: 0,
        len: head.len() as u64,
    })
}

#[cfg(test)]
mod tests {
    use crate::model::format_compact;
    use crate::model::smallvec;

    use super::*;
    use crate::model::Span;
    use crate::store::fixtures::{full_set, sample_doc};
    use crate::store::{load, save};

    proptest::proptest! {
        #[test]
        fn a_hash_in_pieces_is_the_hash_of_the_whole(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100),
            cuts in proptest::collection::vec(0..100usize, 0..6),
        ) {
            let mut hasher = Hasher::new(bytes.len() as u64);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            let mut at = 0;
            for cut in cuts.into_iter().chain([bytes.len()]) {
                hasher.update(&bytes[at..cut]);
                at = cut;
            }
            proptest::prop_assert_eq!(hasher.base(), Some(Base::of(&bytes)));
            let mut short = Hasher::new(bytes.len() as u64 + 1);
            short.update(&bytes);
            proptest::prop_assert_eq!(short.base(), None);
        }
    }

    #[test]
    fn the_hash_of_a_file_is_unchanged_by_reading_it_in_pieces() {
        // The values journals already on disk name (computed apart from this code): a change
        // would make the journals left by a crash look foreign, and their changes ignored.
        assert_eq!(Base::of(b"abc").hash, 0xbb0b_9b8e_4e33_2b4b);
        assert_eq!(Base::of(b"0123456789abcdefXYZ").hash, 0xb0eb_addb_7911_7fa6);
    }

    fn setup() -> (tempfile::TempDir, PathBuf, Document, AnnotationSet) {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        let doc = sample_doc();
        fs::write(&article, crate::store::fixtures::SAMPLE).unwrap();
        let set = full_set(&doc);
        save(&article, &doc, &set, "ed").unwrap();
        (dir, article, doc, set)
    }

    fn new_entity(set: &mut AnnotationSet, doc: &Document, start: usize) -> Vec<Edit> {
        let id = format_compact!("e{}", set.next_ids.entity);
        let mut ids = set.next_ids;
        ids.entity += 1;
        let span = Span::new(start, start + 6);
        let edits = vec![
            Edit::Ids {
                before: set.next_ids,
                after: ids,
            },
            Edit::Insert(Item::Entity(Entity {
                id,
                label: "LOC".into(),
                spans: smallvec![span],
                text: doc.slice(span).into(),
                note: None,
                review: Default::default(),
            })),
        ];
        for e in &edits {
            set.apply(e);
        }
        edits
    }

    #[test]
    fn changes_go_to_the_journal_and_load_back() {
        let (_dir, article, doc, mut set) = setup();
        let before = fs::read(annotation_path(&article)).unwrap();
        let mut saver = Saver::default();
        let edits = new_entity(&mut set, &doc, 0);
        saver
            .save(&article, &doc, &set, "ed", Some(&edits))
            .unwrap();
        assert_eq!(fs::read(annotation_path(&article)).unwrap(), before);
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
        // Undo: the inverses, in reverse order.
        let undo: Vec<Edit> = edits.iter().rev().map(Edit::inverse).collect();
        for e in &undo {
            set.apply(e);
        }
        saver.save(&article, &doc, &set, "ed", Some(&undo)).unwrap();
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
        saver.fold(&article, &doc, &set, "ed").unwrap();
        assert!(!journal_path(&article).exists());
        assert_eq!(fs::read(annotation_path(&article)).unwrap(), before);
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_cut_off_by_the_next_save() {
        let (_dir, article, doc, mut set) = setup();
        let mut saver = Saver::default();
        let first = new_entity(&mut set, &doc, 0);
        saver
            .save(&article, &doc, &set, "ed", Some(&first))
            .unwrap();
        let after_first = set.clone();
        let second = new_entity(&mut set, &doc, 8);
        saver
            .save(&article, &doc, &set, "ed", Some(&second))
            .unwrap();
        let full = fs::read(journal_path(&article)).unwrap();
        let last_start = full[..full.len() - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .unwrap()
            + 1;
        // Every cut inside the last line, and a damaged byte in it, read as the first save.
        for cut in last_start..full.len() {
            fs::write(journal_path(&article), &full[..cut]).unwrap();
            assert_eq!(load(&article, &doc).unwrap().unwrap().set, after_first);
        }
        let mut damaged = full.clone();
        damaged[last_start + 30] ^= 1;
        fs::write(journal_path(&article), &damaged).unwrap();
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, after_first);
        // A new session appends after cutting the torn line off.
        fs::write(journal_path(&article), &full[..full.len() - 3]).unwrap();
        let mut set = after_first.clone();
        let third = new_entity(&mut set, &doc, 16);
        Saver::default()
            .save(&article, &doc, &set, "ed", Some(&third))
            .unwrap();
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
    }

    #[test]
    fn a_damaged_middle_line_is_an_error_naming_its_line() {
        let (_dir, article, doc, mut set) = setup();
        let mut saver = Saver::default();
        for start in [0, 8] {
            let edits = new_entity(&mut set, &doc, start);
            saver
                .save(&article, &doc, &set, "ed", Some(&edits))
                .unwrap();
        }
        let mut text = fs::read(journal_path(&article)).unwrap();
        let second_line = text.iter().position(|&b| b == b'\n').unwrap() + 1;
        text[second_line + 40] ^= 1;
        fs::write(journal_path(&article), &text).unwrap();
        let err = load(&article, &doc).unwrap_err();
        assert_eq!(err.path(), journal_path(&article));
        assert_eq!(err.line(), Some(2));
        let reported = crate::store::problems(&article, &doc);
        assert_eq!(reported.len(), 1);
        assert_eq!(reported[0].to_string(), err.to_string());
    }

    #[test]
    fn a_journal_of_another_file_is_ignored() {
        let (_dir, article, doc, mut set) = setup();
        let base = full_set(&doc);
        let mut saver = Saver::default();
        let edits = new_entity(&mut set, &doc, 0);
        saver
            .save(&article, &doc, &set, "ed", Some(&edits))
            .unwrap();
        let journal = fs::read(journal_path(&article)).unwrap();
        // A fold whose journal removal did not happen (crash): the old journal stays.
        saver.fold(&article, &doc, &set, "ed").unwrap();
        fs::write(journal_path(&article), &journal).unwrap();
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
        // Another file put in its place (here the first one, by someone else).
        save(&article, &doc, &base, "someone").unwrap();
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, base);
    }

    #[test]
    fn a_change_that_would_not_load_is_refused() {
        let (_dir, article, doc, mut set) = setup();
        let before = set.clone();
        let mut saver = Saver::default();
        let mut claim = set.claims[0].clone();
        claim.claimant = Some("e99".into());
        let edit = Edit::Replace {
            before: Item::Claim(set.claims[0].clone()),
            after: Item::Claim(claim),
        };
        set.apply(&edit);
        let err = saver
            .save(&article, &doc, &set, "ed", Some(&[edit]))
            .unwrap_err();
        assert!(matches!(err.problem(), Problem::Inconsistent(_)), "{err}");
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, before);
    }

    #[test]
    fn replaying_a_line_twice_changes_nothing() {
        let (_dir, _article, doc, mut set) = setup();
        let mut edits = new_entity(&mut set, &doc, 0);
        edits.extend(new_entity(&mut set, &doc, 8));
        let ops = ops_of(&edits).expect("entity edits are journaled");
        let mut again = set.clone();
        for op in &ops {
            apply(&mut again, op).unwrap();
        }
        assert_eq!(again, set);
    }

    #[test]
    fn orphan_edits_are_saved_whole() {
        let (_dir, article, doc, mut set) = setup();
        let mut saver = Saver::default();
        saver.save(&article, &doc, &set, "ed", None).unwrap();
        let edits = new_entity(&mut set, &doc, 0);
        saver
            .save(&article, &doc, &set, "ed", Some(&edits))
            .unwrap();
        assert!(journal_path(&article).exists());
        let orphan = set.entities[0].clone();
        let edits = vec![
            Edit::Remove(Item::Entity(orphan.clone())),
            Edit::InsertOrphan(Item::Entity(orphan)),
        ];
        for edit in &edits {
            set.apply(edit);
        }
        assert!(ops_of(&edits).is_none());
        saver
            .save(&article, &doc, &set, "ed", Some(&edits))
            .unwrap();
        assert!(!journal_path(&article).exists(), "folded into the file");
        assert_eq!(load(&article, &doc).unwrap().unwrap().set.orphans.len(), 1);
    }
}

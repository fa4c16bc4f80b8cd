//! The journal's bytes: the header naming the annotation file it continues, and the lines of
//! operations after it, each with the hash that tells an intact line from a torn one.

use std::path::Path;

use crate::store::error::{Place, Problem, StoreError};
use crate::store::hash::{Base, hash};

use super::ops::Op;

/// First word of the header line.
const MAGIC: &str = "tandai-journal";
/// The version of the journal's format this build reads and writes.
const VERSION: u64 = 1;

/// The header line of a journal continuing the annotation file `base` describes, with its
/// line end.
pub(super) fn header(base: &Base) -> String {
    format!("{} {VERSION} {} {:016x}\n", MAGIC, base.len, base.hash)
}

/// The header line for `base`, without its line end, as messages show it.
pub(super) fn header_line(base: &Base) -> String {
    header(base).trim_end().to_owned()
}

/// A cursor over the header line, knowing where it went wrong.
struct HeaderReader<'a> {
    path: &'a Path,
    text: &'a [u8],
    at: usize,
    current: Option<String>,
}

impl HeaderReader<'_> {
    /// The error for the byte at the cursor: `expected` is what should have been there. The
    /// bytes before the cursor are ASCII, so the column is the byte offset plus one.
    fn wrong(&self, expected: &'static str) -> StoreError {
        let place = Place {
            line: 1,
            column: self.at + 1,
        };
        let problem = Problem::JournalHeader {
            what: expected,
            expected_header: self.current.clone(),
        };
        StoreError::new(self.path, Some(place), problem)
    }

    fn byte(&mut self, byte: u8, expected: &'static str) -> Result<(), StoreError> {
        if self.text.get(self.at) != Some(&byte) {
            return Err(self.wrong(expected));
        }
        self.at += 1;
        Ok(())
    }

    /// The run of bytes at the cursor that `keep` accepts; an error when there is none.
    fn run(&mut self, keep: fn(&u8) -> bool, expected: &'static str) -> Result<&str, StoreError> {
        let start = self.at;
        let len = self.text[start..].iter().take_while(|b| keep(b)).count();
        if len == 0 {
            return Err(self.wrong(expected));
        }
        self.at += len;
        Ok(std::str::from_utf8(&self.text[start..self.at]).expect("ASCII"))
    }
}

/// Reads the header line of the journal `text` at `path`: the base it names and where the
/// lines after it start. A header this build cannot read is an error at its line 1 and the
/// column where it goes wrong; `current`, the annotation file's base when there is one, gives
/// the header that would continue it (for the message).
pub(super) fn read_header(
    path: &Path,
    text: &[u8],
    current: Option<&Base>,
) -> Result<(Base, usize), StoreError> {
    let mut r = HeaderReader {
        path,
        text,
        at: 0,
        current: current.map(header_line),
    };
    if text.is_empty() {
        return Err(r.wrong("a header, but the journal is empty"));
    }
    for &byte in MAGIC.as_bytes() {
        r.byte(
            byte,
            "the header `tandai-journal 1 <length> <16 hex digits>`",
        )?;
    }
    r.byte(b' ', "a space after `tandai-journal`")?;
    let version_at = r.at;
    let version = r.run(u8::is_ascii_digit, "the journal's version, a number")?;
    if version.parse() != Ok(VERSION) {
        let place = Place {
            line: 1,
            column: version_at + 1,
        };
        let problem = Problem::UnknownJournalVersion {
            found: version.to_owned(),
        };
        return Err(StoreError::new(path, Some(place), problem));
    }
    r.byte(b' ', "a space after the version")?;
    let len_at = r.at;
    let len = r.run(
        u8::is_ascii_digit,
        "the annotation file's length in bytes, a number",
    )?;
    let Ok(len) = len.parse() else {
        r.at = len_at;
        return Err(r.wrong("the annotation file's length in bytes, a smaller number"));
    };
    r.byte(b' ', "a space after the length")?;
    let hash_at = r.at;
    let hash = r.run(
        u8::is_ascii_hexdigit,
        "the annotation file's hash, 16 hex digits",
    )?;
    if hash.len() != 16 {
        r.at = hash_at + hash.len().min(16);
        return Err(r.wrong("the annotation file's hash, exactly 16 hex digits"));
    }
    let hash = u64::from_str_radix(hash, 16).expect("16 hex digits");
    r.byte(b'\n', "a line end after the hash")?;
    Ok((Base { len, hash }, r.at))
}

/// The complete, intact lines of a journal after its header, and the byte length they end at.
pub(super) struct Lines {
    /// Each line's number (the header is line 1) and operations.
    pub(super) lines: Vec<(usize, Vec<Op>)>,
    /// The length of the journal up to the end of its last intact line.
    pub(super) valid_len: usize,
}

/// Reads the lines of the journal `text` at `path` from byte `at` (just after the header). A
/// torn last line (no line end, or a hash that does not match) is left out; a damaged line
/// before the last is an error naming it.
pub(super) fn read_lines(path: &Path, text: &[u8], mut at: usize) -> Result<Lines, StoreError> {
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
    Ok(Lines {
        lines,
        valid_len: at,
    })
}

//! The cue lexicon: reporting verbs and phrases that introduce speech, in Indonesian and
//! English, with how each introduces it. tandai's own list is built in
//! ([`Cues::builtin`], from `cues.ron`); an editor's RON file of the same shape extends it
//! ([`Cues::parse`], [`Cues::extend`]).
//!
//! Forms match whole words, ignoring ASCII case (`É` and `é` differ); a clitic `-nya` may
//! follow the last word of any form and stays outside the cue.

use crate::model::document::NotUtf8;
use foldhash::HashMap;

use serde::Deserialize;

/// The built-in lexicon's text.
const BUILTIN: &str = include_str!("cues.ron");

/// Longest word (in bytes) a form may hold: longer words in an article never match, so they
/// are compared without allocating.
const MAX_WORD: usize = 32;

/// How one cue introduces speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueFlags {
    /// May be followed, within a few words, by `bahwa` / `that` and a clause.
    pub that: bool,
    /// May take its clause without `bahwa` / `that` (`mengatakan`, `said`).
    pub bare: bool,
    /// May attribute a direct quote right before or after it.
    pub direct: bool,
    /// Names its source right after it; the rest of the sentence is the content
    /// (`according to`, `menurut`).
    pub according: bool,
    /// The entity right after it is the one spoken to, not the speaker (`told Reuters that`).
    pub listener: bool,
}

fn yes() -> bool {
    true
}

/// One entry of the file: a cue's forms and flags.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    forms: Vec<String>,
    #[serde(default = "yes")]
    that: bool,
    #[serde(default)]
    bare: bool,
    #[serde(default = "yes")]
    direct: bool,
    #[serde(default)]
    according: bool,
    #[serde(default)]
    listener: bool,
}

impl Entry {
    fn flags(&self) -> CueFlags {
        CueFlags {
            that: self.that,
            bare: self.bare,
            direct: self.direct,
            according: self.according,
            listener: self.listener,
        }
    }
}

/// The file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Cues")]
struct File {
    #[serde(default)]
    cues: Vec<Entry>,
    #[serde(default)]
    complementizers: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default)]
    subordinators: Vec<String>,
    #[serde(default)]
    not_clause_start: Vec<String>,
}

/// A cue form found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    /// Number of words of the form.
    pub words: usize,
    /// Byte length of the last word's part that belongs to the cue (a `-nya` left out).
    pub last_len: usize,
    /// Whether a `-nya` followed the form (its speaker is the last one named).
    pub nya: bool,
    /// How it introduces speech.
    pub flags: CueFlags,
}

/// A word class of the lexicon besides cues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum WordClass {
    /// `bahwa`, `that`.
    Complementizer,
    /// `ia`, `dia`, `he`, …
    Pronoun,
    /// `ketika`, `while`, …
    Subordinator,
    /// A word a reported clause never starts with.
    NotClauseStart,
}

/// The word classes one word is in (a word may be in several lists).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(u8);

impl Classes {
    /// Whether the word is in `class`.
    pub fn has(self, class: WordClass) -> bool {
        self.0 & (1 << class as u8) != 0
    }

    fn add(&mut self, class: WordClass) {
        self.0 |= 1 << class as u8;
    }
}

/// A filter of 4,096 bits over a cheap hash of a word's length and first, second and last
/// bytes, ASCII case ignored: a word whose bit is clear is not in the table the filter
/// guards, so most words of a text are turned away without lower-casing or hashing them.
#[derive(Clone, Debug)]
struct Sieve([u64; 64]);

impl Default for Sieve {
    fn default() -> Self {
        Self([0; 64])
    }
}

impl Sieve {
    fn bit(word: &[u8]) -> usize {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return 0;
        };
        let second = word.get(1).map_or(0, |b| b | 0x20);
        // `| 0x20` lower-cases ASCII letters; other bytes change alike in a word and in its
        // lower-case form, so both hash the same.
        let key = (word.len() as u32 & 0xff)
            | u32::from(first | 0x20) << 8
            | u32::from(second) << 16
            | u32::from(last | 0x20) << 24;
        (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
    }

    fn insert(&mut self, word: &str) {
        let bit = Self::bit(word.as_bytes());
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    fn may_hold(&self, word: &str) -> bool {
        self.has(Self::bit(word.as_bytes()))
    }

    fn has(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A cue form after its first word: its other words (lower case) and its flags.
type Form = (Vec<String>, CueFlags);

/// The lexicon: cue forms by their first word, and the other word classes.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    /// First word (lower case) → the forms starting with it: their other words and flags.
    by_first: HashMap<Box<[u8]>, Vec<Form>>,
    /// Lower-case word → its classes.
    classes: HashMap<Box<[u8]>, Classes>,
    /// Guards `by_first`.
    first_sieve: Sieve,
    /// Guards `classes`.
    class_sieve: Sieve,
}

/// A cue file that cannot be used, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {what}")]
pub struct CueError {
    /// The file's name as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What is wrong.
    pub what: String,
}

impl Cues {
    /// tandai's own lexicon.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN, "cues.ron").expect("the built-in cue lexicon is valid")
    }

    /// Reads a lexicon from the bytes of a file; bytes that are not UTF-8 are an error at the
    /// line and column of the first bad one.
    pub fn parse_bytes(bytes: &[u8], file_name: &str) -> Result<Self, CueError> {
        let text = NotUtf8::check(bytes).map_err(|e| CueError {
            file: file_name.to_string(),
            line: e.line,
            column: e.column,
            what: "not valid UTF-8".into(),
        })?;
        Self::parse(text, file_name)
    }

    /// Reads a lexicon from RON `text`; `file_name` names it in errors.
    pub fn parse(text: &str, file_name: &str) -> Result<Self, CueError> {
        let error = |line: usize, column: usize, what: String| CueError {
            file: file_name.to_string(),
            line,
            column,
            what,
        };
        let file: File = ron::from_str(text).map_err(|e| {
            error(
                e.span.start.line.max(1),
                e.span.start.col.max(1),
                e.code.to_string(),
            )
        })?;
        let mut cues = Cues::default();
        let lists = [
            (&file.complementizers, WordClass::Complementizer),
            (&file.pronouns, WordClass::Pronoun),
            (&file.subordinators, WordClass::Subordinator),
            (&file.not_clause_start, WordClass::NotClauseStart),
        ];
        for (list, class) in lists {
            for word in list {
                let words = check_form(word).map_err(|what| {
                    let (line, column) = place_of(text, word);
                    error(line, column, what)
                })?;
                if words.len() != 1 {
                    let (line, column) = place_of(text, word);
                    return Err(error(line, column, format!("{word:?} must be one word")));
                }
                cues.add_class(&words[0], class);
            }
        }
        for entry in &file.cues {
            if entry.forms.is_empty() {
                let (line, column) = place_of(text, "forms: []");
                return Err(error(line, column, "a cue without forms".into()));
            }
            for form in &entry.forms {
                let words = check_form(form).map_err(|what| {
                    let (line, column) = place_of(text, form);
                    error(line, column, what)
                })?;
                cues.add_form(words, entry.flags());
            }
        }
        Ok(cues)
    }

    /// Adds every cue and word of `other` to this lexicon (a form both hold takes `other`'s
    /// flags).
    pub fn extend(&mut self, other: Cues) {
        for (first, forms) in other.by_first {
            let first = String::from_utf8_lossy(&first).into_owned();
            for (rest, flags) in forms {
                let mut words = Vec::with_capacity(rest.len() + 1);
                words.push(first.clone());
                words.extend(rest);
                self.add_form(words, flags);
            }
        }
        for (word, classes) in other.classes {
            let word = String::from_utf8_lossy(&word);
            for class in [
                WordClass::Complementizer,
                WordClass::Pronoun,
                WordClass::Subordinator,
                WordClass::NotClauseStart,
            ] {
                if classes.has(class) {
                    self.add_class(&word, class);
                }
            }
        }
    }

    /// Number of cue forms.
    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    /// Whether the lexicon holds no cue form.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    fn add_form(&mut self, words: Vec<String>, flags: CueFlags) {
        let first = words[0].clone();
        self.first_sieve.insert(&first);
        let rest = words[1..].to_vec();
        let forms = self
            .by_first
            .entry(first.into_bytes().into_boxed_slice())
            .or_default();
        match forms.iter_mut().find(|(r, _)| *r == rest) {
            Some(known) => known.1 = flags,
            None => forms.push((rest, flags)),
        }
        // Longest forms first: the longest match wins.
        forms.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }

    fn add_class(&mut self, word: &str, class: WordClass) {
        self.class_sieve.insert(word);
        self.classes
            .entry(word.as_bytes().into())
            .or_default()
            .add(class);
    }

    /// This lexicon with filters that turn no word away: what the filters must not change.
    #[cfg(test)]
    pub(crate) fn without_filter(&self) -> Cues {
        let mut all = self.clone();
        all.first_sieve = Sieve([u64::MAX; 64]);
        all.class_sieve = Sieve([u64::MAX; 64]);
        all
    }

    /// The classes of `word` (any case), as [`classes_of`](Self::classes_of) gives them, and
    /// whether it may start a cue form (false means [`match_at`](Self::match_at) finds none
    /// starting with it, whatever follows: neither the word nor the word without a final
    /// `-nya`, as `stems` cuts it, passes the filter), its filter bit computed once.
    #[inline]
    pub fn read_word(&self, word: &str) -> (Classes, bool) {
        let bit = Sieve::bit(word.as_bytes());
        let classes = if self.class_sieve.has(bit) {
            self.classes_unfiltered(word)
        } else {
            Classes::default()
        };
        let may_cue = self.first_sieve.has(bit) || self.may_start_cue_without_nya(word);
        (classes, may_cue)
    }

    /// Whether `word` ends in `-nya` and what comes before it may start a cue form.
    fn may_start_cue_without_nya(&self, word: &str) -> bool {
        let cut = word.len().wrapping_sub(3);
        // Most words do not end in `a`: asked first, of the last byte alone.
        word.len() > 3
            && word.as_bytes()[word.len() - 1] | 0x20 == b'a'
            && word.as_bytes()[cut..].eq_ignore_ascii_case(b"nya")
            && self.first_sieve.may_hold(&word[..cut])
    }

    /// The classes of `word` looked up in the table, the filter not asked.
    fn classes_unfiltered(&self, word: &str) -> Classes {
        let mut buf = [0u8; MAX_WORD];
        lower(word, &mut buf)
            .and_then(|w| self.classes.get(w))
            .copied()
            .unwrap_or_default()
    }

    /// Whether `word` (any case) is in `class`.
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        self.classes_of(word).has(class)
    }

    /// The classes `word` (any case) is in.
    pub fn classes_of(&self, word: &str) -> Classes {
        if !self.class_sieve.may_hold(word) {
            return Classes::default();
        }
        self.classes_unfiltered(word)
    }

    /// The longest cue form starting with `words[0]`, the following words being
    /// `words[1..]` (each a whole word of the text; the caller gives only words separated by
    /// white space).
    pub fn match_at(&self, words: &[&str]) -> Option<CueMatch> {
        let first = *words.first()?;
        let mut buf = [0u8; MAX_WORD];
        for (stem, nya) in stems(first, words.len() == 1) {
            if !self.first_sieve.may_hold(stem) {
                continue;
            }
            let Some(key) = lower(stem, &mut buf) else {
                continue;
            };
            let Some(forms) = self.by_first.get(key) else {
                continue;
            };
            for (rest, flags) in forms {
                if rest.is_empty() {
                    return Some(CueMatch {
                        words: 1,
                        last_len: stem.len(),
                        nya,
                        flags: *flags,
                    });
                }
                if nya || words.len() <= rest.len() {
                    continue;
                }
                let ahead = &words[1..=rest.len()];
                let (body, last) = (&rest[..rest.len() - 1], &rest[rest.len() - 1]);
                if !body
                    .iter()
                    .zip(ahead)
                    .all(|(f, w)| w.eq_ignore_ascii_case(f))
                {
                    continue;
                }
                let word = ahead[ahead.len() - 1];
                for (last_stem, last_nya) in stems(word, true) {
                    if last_stem.eq_ignore_ascii_case(last) {
                        return Some(CueMatch {
                            words: rest.len() + 1,
                            last_len: last_stem.len(),
                            nya: last_nya,
                            flags: *flags,
                        });
                    }
                }
            }
        }
        None
    }
}

/// The word itself, then (when allowed and present) the word without a final `-nya`.
fn stems(word: &str, clitic: bool) -> impl Iterator<Item = (&str, bool)> {
    let cut = (clitic && word.len() > 3)
        .then(|| word.len() - 3)
        .filter(|&at| word.is_char_boundary(at) && word[at..].eq_ignore_ascii_case("nya"));
    std::iter::once((word, false)).chain(cut.map(|at| (&word[..at], true)))
}

/// `word`'s bytes in ASCII lower case, in `buf`; `None` when it is too long to be a form.
fn lower<'b>(word: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.len() > MAX_WORD {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    Some(out)
}

/// A form's words in ASCII lower case (as the words of a text are looked up), or what is
/// wrong with it.
fn check_form(form: &str) -> Result<Vec<String>, String> {
    let words: Vec<String> = form
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        return Err("an empty form".into());
    }
    for word in &words {
        if !word.chars().all(|c| c.is_alphanumeric()) {
            return Err(format!(
                "{form:?}: a form is whole words of letters and digits separated by spaces"
            ));
        }
        if word.len() > MAX_WORD {
            return Err(format!("{form:?}: a word is longer than {MAX_WORD} bytes"));
        }
    }
    Ok(words)
}

/// Line and column (1-based) of the first `"needle"` string literal in `text` (or of the
/// bare needle), else of the start.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let quoted = format!("{needle:?}");
    let byte = text
        .find(&quoted)
        .or_else(|| text.find(needle))
        .unwrap_or(0);
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(cues: &Cues, words: &[&str]) -> Option<CueMatch> {
        cues.match_at(words)
    }

    #[test]
    fn builtin_forms_match_with_case_and_clitic() {
        let cues = Cues::builtin();
        assert!(cues.len() > 80);
        let said = m(&cues, &["Said"]).unwrap();
        assert!(said.flags.bare && said.flags.direct && !said.nya);
        let ujar = m(&cues, &["ujarnya"]).unwrap();
        assert_eq!((ujar.last_len, ujar.nya), (4, true));
        let tambah = m(&cues, &["tambahnya"]).unwrap();
        assert_eq!(tambah.last_len, "tambah".len());
        assert!(m(&cues, &["mengatakan"]).unwrap().flags.bare);
        assert!(!m(&cues, &["dikatakan"]).unwrap().flags.bare);
        assert!(m(&cues, &["menuduh"]).unwrap().flags.bare);
        assert!(m(&cues, &["memuji"]).unwrap().flags.bare);
        assert_eq!(m(&cues, &["Putin"]), None);
        assert_eq!(m(&cues, &["katakan"]), None);
    }

    #[test]
    fn multi_word_forms_need_all_their_words() {
        let cues = Cues::builtin();
        let according = m(&cues, &["According", "to"]).unwrap();
        assert_eq!(according.words, 2);
        assert!(according.flags.according);
        assert_eq!(m(&cues, &["according", "the"]), None);
        let dikutip = m(&cues, &["Dikutip", "dari"]).unwrap();
        assert_eq!(dikutip.words, 2);
        assert!(!dikutip.flags.bare && !dikutip.flags.that && !dikutip.flags.direct);
        assert_eq!(m(&cues, &["dikutip"]), None);
        let dilansir = m(&cues, &["Dilansir", "Reuters"]).unwrap();
        assert_eq!(dilansir.words, 1);
    }

    #[test]
    fn the_filters_turn_away_no_word_of_the_lexicon() {
        let cues = Cues::builtin();
        let all = cues.without_filter();
        let text = [
            include_str!("cues.ron"),
            include_str!("../../sample-data/korut-dukung-rusia.txt"),
            include_str!("../../sample-data/grain-corridor.txt"),
            "ÉCOLE école ünïcödé Ujarnya TAMBAHNYA According To dikutip DARI x a",
        ]
        .concat();
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut found = 0;
        for (i, w) in words.iter().enumerate() {
            for word in [
                w.to_string(),
                w.to_ascii_uppercase(),
                w.to_ascii_lowercase(),
            ] {
                assert_eq!(cues.classes_of(&word), all.classes_of(&word), "{word}");
                let ahead: Vec<&str> = std::iter::once(word.as_str())
                    .chain(words[i + 1..].iter().take(2).copied())
                    .collect();
                for n in 1..=ahead.len() {
                    let m = cues.match_at(&ahead[..n]);
                    assert_eq!(m, all.match_at(&ahead[..n]), "{:?}", &ahead[..n]);
                    found += usize::from(m.is_some());
                }
            }
        }
        assert!(found > 300, "{found} cues found");
    }

    #[test]
    fn word_classes() {
        let cues = Cues::builtin();
        assert!(cues.is("Bahwa", WordClass::Complementizer));
        assert!(cues.is("that", WordClass::Complementizer));
        assert!(cues.is("Ia", WordClass::Pronoun));
        assert!(cues.is("sementara", WordClass::Subordinator));
        assert!(!cues.is("Putin", WordClass::Pronoun));
    }

    #[test]
    fn an_editor_file_extends_the_lexicon() {
        let mut cues = Cues::builtin();
        let before = cues.len();
        let extra = Cues::parse(
            "Cues(cues: [(forms: [\"tulis\", \"menulis\"], bare: true), (forms: [\"said\"])], pronouns: [\"they\"])",
            "extra.ron",
        )
        .unwrap();
        cues.extend(extra);
        assert_eq!(cues.len(), before + 2);
        assert!(m(&cues, &["menulis"]).unwrap().flags.bare);
        assert!(
            !m(&cues, &["said"]).unwrap().flags.bare,
            "the editor's flags win"
        );
        assert!(cues.is("They", WordClass::Pronoun));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_at_the_first_bad_one() {
        let bytes = b"(\n  verbs: [\"kat\xe9\"],\n)";
        let e = Cues::parse_bytes(bytes, "mine.cues.ron").unwrap_err();
        assert_eq!((e.line, e.column), (2, 15));
        assert_eq!(e.what, "not valid UTF-8");
        assert_eq!(e.file, "mine.cues.ron");
    }

    #[test]
    fn forms_and_words_with_capitals_beyond_ascii_match_as_written() {
        let cues = Cues::parse(
            "Cues(cues: [(forms: [\"Éclata\", \"dit Ángel\"])], pronouns: [\"Él\"])",
            "es.ron",
        )
        .unwrap();
        assert_eq!(m(&cues, &["Éclata"]).map(|m| m.words), Some(1));
        assert_eq!(m(&cues, &["ÉCLATA"]).map(|m| m.words), Some(1));
        assert_eq!(m(&cues, &["DIT", "Ángel"]).map(|m| m.words), Some(2));
        assert!(cues.is("Él", WordClass::Pronoun));
        assert!(cues.is("ÉL", WordClass::Pronoun));
    }

    #[test]
    fn bad_files_are_refused_with_their_place() {
        let err = Cues::parse(
            "Cues(\n  cues: [(forms: [\"x\"], loud: true)],\n)",
            "my.ron",
        )
        .unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("my.ron", 2));
        assert!(err.to_string().starts_with("my.ron:2:"), "{err}");
        assert!(err.what.contains("loud"), "{err}");

        let err = Cues::parse(
            "Cues(\n  cues: [\n    (forms: [\"kata-kata\"]),\n  ],\n)",
            "my.ron",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (3, 14), "{err}");
        assert!(err.what.contains("whole words"), "{err}");

        let err = Cues::parse("Cues(pronouns: [\"he she\"])", "p.ron").unwrap_err();
        assert!(err.what.contains("one word"), "{err}");

        let err = Cues::parse("Cues(cues: [(forms: [])])", "e.ron").unwrap_err();
        assert!(err.what.contains("without forms"), "{err}");
    }
}

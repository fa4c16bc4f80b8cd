//! One paragraph as the quote finder reads it: its words with what separates them, its
//! quotation-mark pairs, its entity mentions, all in byte offsets of the paragraph, and the
//! way back to the document's character offsets. Built in one pass over the paragraph.

use crate::model::{Document, Span};
use crate::suggest::Mention;
use crate::suggest::cues::{Classes, Cues, WordClass};
use crate::suggest::edges::{ASCII_ALNUM, alnum_char_at, ascii_alnum_run};

/// Labels that never name a speaker.
const NOT_SPEAKERS: [&str; 12] = [
    "MISC",
    "DATE",
    "TIME",
    "MONEY",
    "QUANTITY",
    "PERCENT",
    "CARDINAL",
    "ORDINAL",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
];

/// Short words a full stop follows without ending the sentence.
const ABBREVIATIONS: [&str; 14] = [
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "st", "jr", "lt", "col", "prof", "no", "sgt",
];

/// A word: a run of letters and digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Word {
    /// First byte in the paragraph.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A sentence ends in the gap before this word.
    pub sentence_break: bool,
    /// A clause ends in the gap before this word (`,` `;` `:` dashes, quotation marks, a
    /// sentence end), or the word is a subordinator.
    pub clause_break: bool,
    /// The gap before this word is white space only.
    pub spaced: bool,
    /// Inside parentheses.
    pub paren: bool,
    /// Inside a pair of quotation marks.
    pub quoted: bool,
    /// Index of the first word of its clause.
    pub clause: usize,
    /// Where a reported clause starting at this word ends (byte, final punctuation excluded).
    pub stop: usize,
    /// The word's classes in the cue lexicon.
    pub classes: Classes,
    /// The word may start a cue form ([`Cues::read_word`]).
    pub may_cue: bool,
}

impl Word {
    /// Whether the word is in `class` of the cue lexicon.
    pub fn is(&self, class: WordClass) -> bool {
        self.classes.has(class)
    }
}

/// A pair of quotation marks.
#[derive(Clone, Copy, Debug)]
pub(super) struct Marks {
    /// Byte of the opening mark.
    pub open: usize,
    /// First byte of the content.
    pub start: usize,
    /// One past the content's last byte (the closing mark's byte).
    pub end: usize,
    /// One past the closing mark.
    pub close: usize,
}

/// An entity mention in the paragraph's bytes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spot {
    pub start: usize,
    pub end: usize,
    /// A person.
    pub per: bool,
    /// Its label may name a speaker.
    pub speaks: bool,
    /// The mention as given (document characters).
    pub span: Span,
}

/// A character of more than one byte, as `Para` keeps them.
#[derive(Clone, Copy, Debug)]
struct Wide {
    byte: usize,
    char: usize,
    extra: usize,
}

/// The paragraph read.
pub(super) struct Para<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    pub marks: Vec<Marks>,
    pub spots: Vec<Spot>,
    /// The characters of more than one byte, in order: their first byte, their character
    /// index (within the paragraph) and the extra bytes of all up to them included. Empty
    /// for an ASCII paragraph; short for most others (quotation marks, dashes).
    wide: Vec<Wide>,
    base: usize,
}

impl<'a> Para<'a> {
    pub fn new(doc: &'a Document, index: usize, mentions: &[Mention], cues: &Cues) -> Self {
        let text = doc.paragraph_text(index);
        let base = doc.paragraph(index).map_or(0, |p| p.chars.start);
        let mut wide = Vec::new();
        let mut extra = 0;
        let bytes = if text.is_ascii() {
            &[][..]
        } else {
            text.as_bytes()
        };
        for (byte, &b) in bytes.iter().enumerate() {
            // A UTF-8 lead byte of a character of more than one byte.
            if b >= 0xC0 {
                let len = utf8_len(b);
                wide.push(Wide {
                    byte,
                    char: byte - extra,
                    extra: extra + len - 1,
                });
                extra += len - 1;
            }
        }
        let mut para = Para {
            text,
            words: Vec::new(),
            marks: find_marks(text),
            spots: Vec::new(),
            wide,
            base,
        };
        para.read_words(cues);
        para.read_mentions(mentions);
        para
    }

    /// The document character of paragraph byte `byte` (a character's first byte, or the
    /// end).
    pub fn char_of(&self, byte: usize) -> usize {
        let before = self.wide.partition_point(|w| w.byte < byte);
        let extra = before.checked_sub(1).map_or(0, |i| self.wide[i].extra);
        self.base + byte.min(self.text.len()) - extra
    }

    /// The document span of a byte range.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.char_of(start), self.char_of(end))
    }

    fn byte_of(&self, char: usize) -> usize {
        let c = char.saturating_sub(self.base);
        let before = self.wide.partition_point(|w| w.char < c);
        let extra = before.checked_sub(1).map_or(0, |i| self.wide[i].extra);
        (c + extra).min(self.text.len())
    }

    /// The text of word `i`.
    pub fn word(&self, i: usize) -> &'a str {
        let w = &self.words[i];
        &self.text[w.start..w.end]
    }

    fn read_words(&mut self, cues: &Cues) {
        let text = self.text;
        let bytes = text.as_bytes();
        self.words.reserve(bytes.len() / 6);
        let mut depth = 0usize;
        let mut mark = 0usize;
        let mut gap_start = 0usize;
        let mut b = 0;
        while b < bytes.len() {
            let byte = bytes[b];
            let (alnum, len) = if byte < 0x80 {
                (ASCII_ALNUM[byte as usize], 1)
            } else {
                alnum_char_at(text, b)
            };
            if !alnum {
                match byte {
                    b'(' | b'[' => depth += 1,
                    b')' | b']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                b += len;
                continue;
            }
            let start = b;
            b += len;
            loop {
                b += ascii_alnum_run(&bytes[b..]);
                if b == bytes.len() || bytes[b] < 0x80 {
                    break;
                }
                let (alnum, len) = alnum_char_at(text, b);
                if !alnum {
                    break;
                }
                b += len;
            }
            let end = b;
            while mark < self.marks.len() && self.marks[mark].close <= start {
                mark += 1;
            }
            let quoted = self
                .marks
                .get(mark)
                .is_some_and(|m| m.start <= start && start < m.end);
            let word = &text[start..end];
            let (classes, may_cue) = cues.read_word(word);
            // Most words: one space after the one before.
            let gap =
                if start == gap_start + 1 && bytes[gap_start] == b' ' && !self.words.is_empty() {
                    GapBreaks::SPACE
                } else {
                    let prev = self.words.last().map(|w| &text[w.start..w.end]);
                    GapBreaks::read(&text[gap_start..start], prev, word)
                };
            self.words.push(Word {
                start,
                end,
                sentence_break: gap.sentence,
                clause_break: gap.sentence || gap.clause || classes.has(WordClass::Subordinator),
                spaced: gap.spaced,
                paren: depth > 0,
                quoted,
                clause: 0,
                stop: 0,
                classes,
                may_cue,
            });
            gap_start = end;
        }
        let mut clause = 0;
        for w in self.words.iter_mut().enumerate() {
            if w.1.clause_break {
                clause = w.0;
            }
            w.1.clause = clause;
        }
        let mut stop = text.trim_end().len();
        let tail = &text[self.words.last().map_or(0, |w| w.end)..];
        if let Some(at) = tail.find(['.', '!', '?', '…', ';']) {
            stop = self.words.last().map_or(0, |w| w.end) + at;
        }
        for i in (0..self.words.len()).rev() {
            let next = self.words.get(i + 1).copied();
            if let Some(next) = next {
                let end = self.words[i].end;
                // A single space neither ends a sentence, nor holds `;` or `,`.
                if next.start != end + 1 || bytes[end] != b' ' {
                    let gap = &text[end..next.start];
                    let subordinate = gap.contains(',') && {
                        next.is(WordClass::Subordinator)
                            || cues
                                .match_at(&[self.word(i + 1)])
                                .is_some_and(|m| m.flags.bare || m.flags.that)
                    };
                    if next.sentence_break {
                        stop = self.words[i].end + gap.find(['.', '!', '?', '…']).unwrap_or(0);
                    } else if let Some(at) = gap.find(';') {
                        stop = self.words[i].end + at;
                    } else if subordinate {
                        stop = self.words[i].end + gap.find(',').unwrap_or(0);
                    }
                }
            }
            self.words[i].stop = stop.max(self.words[i].end);
        }
    }

    fn read_mentions(&mut self, mentions: &[Mention]) {
        let end = self.char_of(self.text.len());
        for m in mentions {
            if m.span.start < self.base || m.span.end > end || m.span.is_empty() {
                continue;
            }
            let (start, stop) = (self.byte_of(m.span.start), self.byte_of(m.span.end));
            let at = self.words.partition_point(|w| w.end <= start);
            if self.words.get(at).is_some_and(|w| w.paren || w.quoted) {
                continue;
            }
            self.spots.push(Spot {
                start,
                end: stop,
                per: m.label == "PER",
                speaks: !NOT_SPEAKERS.contains(&m.label.as_str()),
                span: m.span,
            });
        }
        self.spots.sort_by_key(|s| s.start);
    }

    /// The speaking mentions lying in bytes `[from, to)`.
    pub fn spots_in(&self, from: usize, to: usize) -> &[Spot] {
        let a = self.spots.partition_point(|s| s.start < from);
        let b = self.spots.partition_point(|s| s.start < to);
        &self.spots[a..b.max(a)]
    }

    /// Whether bytes `[start, end)` lie inside one mention (mentions do not overlap).
    pub fn in_spot(&self, start: usize, end: usize) -> bool {
        let i = self.spots.partition_point(|s| s.start <= start);
        i > 0 && self.spots[i - 1].end >= end
    }

    /// Index of the first word starting at or after byte `at`.
    pub fn word_at(&self, at: usize) -> usize {
        self.words.partition_point(|w| w.start < at)
    }

    /// Whether a pair of quotation marks lies inside bytes `[from, to)`.
    pub fn has_marks_in(&self, from: usize, to: usize) -> bool {
        let i = self.marks.partition_point(|m| m.open < from);
        self.marks.get(i).is_some_and(|m| m.close <= to)
    }
}

/// What the gap before a word breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct GapBreaks {
    /// A sentence ends in it (or the word is the paragraph's first).
    sentence: bool,
    /// It holds a clause's punctuation (`,` `;` `:` dashes, quotation marks).
    clause: bool,
    /// It is white space only.
    spaced: bool,
}

impl GapBreaks {
    /// A single space between two words: what [`read`](Self::read) gives for it.
    const SPACE: Self = Self {
        sentence: false,
        clause: false,
        spaced: true,
    };

    /// The gap `gap` between `prev` (`None` before the first word) and `word`: read byte by
    /// byte when it is ASCII, else by [`general`](Self::general).
    fn read(gap: &str, prev: Option<&str>, word: &str) -> Self {
        match prev {
            Some(prev) if gap.is_ascii() => Self::ascii(gap.as_bytes(), prev, word),
            _ => Self::general(gap, prev, word),
        }
    }

    /// [`general`](Self::general) for an ASCII `gap` after a word `prev`, in one pass or two
    /// over its bytes.
    fn ascii(gap: &[u8], prev: &str, word: &str) -> Self {
        // `char::is_whitespace` of an ASCII character.
        let space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
        let spaced = gap.iter().all(space);
        let number = !gap.is_empty()
            && !gap.iter().any(space)
            && prev.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit());
        if number {
            return Self {
                sentence: false,
                clause: false,
                spaced,
            };
        }
        let text = std::str::from_utf8(gap).unwrap_or_default();
        Self {
            sentence: gap.iter().any(|b| matches!(b, b'.' | b'!' | b'?'))
                && ends_sentence(text, prev, word),
            clause: gap.iter().any(|b| matches!(b, b',' | b';' | b':' | b'"'))
                || gap.windows(3).any(|w| w == b" - "),
            spaced,
        }
    }

    /// The general rules for the gap `gap` between `prev` (`None` before the first word) and
    /// `word`.
    fn general(gap: &str, prev: Option<&str>, word: &str) -> Self {
        // `8.000`, `3,000`, `25/10/2024`: one number.
        let number = !gap.is_empty()
            && !gap.contains(char::is_whitespace)
            && prev.is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()))
            && word.starts_with(|c: char| c.is_ascii_digit());
        Self {
            sentence: prev.is_none() || !number && ends_sentence(gap, prev.unwrap_or(""), word),
            clause: !number
                && (gap.contains([',', ';', ':', '–', '—', '“', '”', '"', '«', '»', '„'])
                    || gap.contains(" - ")),
            spaced: gap.chars().all(char::is_whitespace),
        }
    }
}

/// The length of the UTF-8 character whose first byte is `lead` (a lead byte of 0xC0 or
/// more).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// Whether the gap between `prev` and `word` ends a sentence: a full stop, `!`, `?` or `…`
/// followed by white space, unless after an abbreviation or an initial and before a small
/// letter.
fn ends_sentence(gap: &str, prev: &str, word: &str) -> bool {
    let Some(at) = gap.find(['.', '!', '?', '…']) else {
        return false;
    };
    if !gap[at..].contains(char::is_whitespace) {
        return false;
    }
    let abbreviation = gap.as_bytes()[at] == b'.'
        && ((prev.chars().count() == 1 && prev.chars().all(char::is_uppercase))
            || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(prev)));
    let small = word.chars().next().is_some_and(char::is_lowercase);
    !(abbreviation || small && gap.as_bytes()[at] == b'.')
}

/// The closing mark of an opening one, when `c` opens a quote here.
fn closer(c: char, prev: Option<char>, next: Option<char>) -> Option<&'static [char]> {
    let after_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p));
    match c {
        '“' => Some(&['”', '"']),
        '„' => Some(&['“', '”']),
        '«' => Some(&['»']),
        '"' if after_space => Some(&['"']),
        '‘' if after_space && next.is_some_and(|n| !n.is_whitespace()) => Some(&['’']),
        _ => None,
    }
}

/// The quotation-mark pairs of a paragraph, outermost only, in order; an opening mark without
/// its closing one is dropped.
fn find_marks(text: &str) -> Vec<Marks> {
    let mut marks = Vec::new();
    let mut open: Option<(usize, usize, &[char])> = None;
    // Every quotation mark is `"` or starts with byte 0xE2 (`“ ” „ ‘ ’`) or 0xC2 (`« »`), a
    // character's first byte: only those places are read.
    for b in memchr::memchr3_iter(b'"', 0xE2, 0xC2, text.as_bytes()) {
        let Some(c) = text[b..].chars().next() else {
            continue;
        };
        if !matches!(c, '“' | '”' | '„' | '‘' | '’' | '«' | '»' | '"') {
            continue;
        }
        let next = text[b + c.len_utf8()..].chars().next();
        match open {
            Some((at, start, closing)) if closing.contains(&c) => {
                let apostrophe = c == '’' && next.is_some_and(char::is_alphanumeric);
                if !apostrophe {
                    marks.push(Marks {
                        open: at,
                        start,
                        end: b,
                        close: b + c.len_utf8(),
                    });
                    open = None;
                }
            }
            Some(_) => {}
            None => {
                if let Some(closing) = closer(c, text[..b].chars().next_back(), next) {
                    open = Some((b, b + c.len_utf8(), closing));
                }
            }
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_and_characters_convert_both_ways() {
        let text = "“Kami” – ujarnya 😀 di Rusia.";
        let doc = Document::new(format!("Satu.\n{text}"));
        let para = Para::new(&doc, 1, &[], &Cues::builtin());
        let base = doc.paragraph(1).unwrap().chars.start;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(para.char_of(byte), base + i, "byte {byte}");
            assert_eq!(para.byte_of(base + i), byte, "char {i}");
        }
        let chars = text.chars().count();
        assert_eq!(para.char_of(text.len()), base + chars);
        assert_eq!(para.byte_of(base + chars), text.len());
    }

    /// The words of `text` as the general rules read them, character by character, every
    /// gap through [`GapBreaks::read`] and every word looked up in full: what the fast paths
    /// of `read_words` (bytes, single spaces, the lexicon's filter) must give.
    fn reference_words(text: &str, cues: &Cues) -> Vec<Word> {
        let marks = find_marks(text);
        let mut words: Vec<Word> = Vec::new();
        let (mut depth, mut gap_start) = (0usize, 0usize);
        let mut iter = text.char_indices().peekable();
        while let Some((b, c)) = iter.next() {
            if !c.is_alphanumeric() {
                match c {
                    '(' | '[' => depth += 1,
                    ')' | ']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                continue;
            }
            let mut end = b + c.len_utf8();
            while let Some(&(nb, nc)) = iter.peek() {
                if !nc.is_alphanumeric() {
                    break;
                }
                end = nb + nc.len_utf8();
                iter.next();
            }
            let prev = words.last().map(|w| &text[w.start..w.end]);
            let word = &text[b..end];
            let gap = GapBreaks::general(&text[gap_start..b], prev, word);
            let classes = cues.without_filter().classes_of(word);
            words.push(Word {
                start: b,
                end,
                sentence_break: gap.sentence,
                clause_break: gap.sentence
                    || gap.clause
                    || cues.without_filter().is(word, WordClass::Subordinator),
                spaced: gap.spaced,
                paren: depth > 0,
                quoted: marks.iter().any(|m| m.start <= b && b < m.end),
                clause: 0,
                stop: 0,
                classes,
                may_cue: true,
            });
            gap_start = end;
        }
        words
    }

    /// The quotation-mark pairs as read character by character.
    fn reference_marks(text: &str) -> Vec<(usize, usize, usize, usize)> {
        let mut marks = Vec::new();
        let mut open: Option<(usize, usize, &[char])> = None;
        let mut prev: Option<char> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((b, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            match open {
                Some((at, start, closing)) if closing.contains(&c) => {
                    if !(c == '’' && next.is_some_and(char::is_alphanumeric)) {
                        marks.push((at, start, b, b + c.len_utf8()));
                        open = None;
                    }
                }
                Some(_) => {}
                None => {
                    if let Some(closing) = closer(c, prev, next) {
                        open = Some((b, b + c.len_utf8(), closing));
                    }
                }
            }
            prev = Some(c);
        }
        marks
    }

    #[test]
    fn the_fast_paths_read_words_as_the_general_rules_do() {
        let texts = [
            include_str!("../../../sample-data/korut-dukung-rusia.txt"),
            include_str!("../../../sample-data/grain-corridor.txt"),
            include_str!("../../../docs/quote-finder.md"),
            include_str!("../../../docs/suggestions.md"),
            include_str!("../cues.ron"),
            "  Dia , katanya  :  «Ja» (kata [dia) ] ) —ujarnya—  8.000 / 3, 000\tMr. Smith. s. Kata\u{a0}dia ÉCOLE ‘ya’ Ünïcödé 😀x 日本語 ١٢٣ said:\"No\" - ketika",
            "„Drei“ «x» a\"b\" (\"c\") —“d” ‘e’s’ ’n’ “f ‘g’ h” ¬«¢» Â“ x\u{b}y 1.2, 3 ;4 —\"",
        ];
        let cues = Cues::builtin();
        let mut checked = 0;
        for text in texts {
            for (n, line) in text.split('\n').enumerate() {
                let doc = Document::new(line);
                let para = Para::new(&doc, 0, &[], &cues);
                let marks: Vec<_> = para
                    .marks
                    .iter()
                    .map(|m| (m.open, m.start, m.end, m.close))
                    .collect();
                assert_eq!(marks, reference_marks(line), "line {n}: {line}");
                let mut expected = reference_words(line, &cues);
                assert_eq!(para.words.len(), expected.len(), "line {n}: {line}");
                for (got, want) in para.words.iter().zip(&mut expected) {
                    // `clause` and `stop` are derived from the rest by the same code.
                    (want.clause, want.stop) = (got.clause, got.stop);
                    if !got.may_cue {
                        let word = &line[got.start..got.end];
                        assert_eq!(cues.without_filter().match_at(&[word]), None, "{word}");
                        want.may_cue = false;
                    }
                    assert_eq!(got, want, "line {n}: {line}");
                }
                checked += expected.len();
            }
        }
        assert!(checked > 5_000, "{checked} words");
    }

    fn pairs(text: &str) -> Vec<&str> {
        find_marks(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn quotation_marks_pair_up() {
        assert_eq!(
            pairs("“Satu,” kata dia. «Dua» „Drei“"),
            ["Satu,", "Dua", "Drei"]
        );
        assert_eq!(pairs("He said \"no way,\" twice."), ["no way,"]);
        assert_eq!(pairs("“Outer ‘inner’ end”"), ["Outer ‘inner’ end"]);
        assert_eq!(pairs("Ukraine’s army ‘will hold’, it said"), ["will hold"]);
        assert_eq!(pairs("‘Kyiv’s line holds’ he said"), ["Kyiv’s line holds"]);
        assert_eq!(pairs("rock ’n’ roll and “unclosed"), Vec::<&str>::new());
    }

    #[test]
    fn sentences_end_at_stops_but_not_numbers_or_initials() {
        assert!(ends_sentence(". ", "Ukraina", "Hal"));
        assert!(!ends_sentence(".", "8", "000"));
        assert!(!ends_sentence(". ", "Mr", "Smith"));
        assert!(!ends_sentence(". ", "S", "Officials"));
        assert!(!ends_sentence(", ", "a", "b"));
    }
}

//! UAX #29 word and sentence segmentation with a fast path: text that is ASCII apart from
//! `“ ” – —` is split by byte classes and the rules that can apply to them, tested to give
//! what `unicode-segmentation` gives; any other text goes through that crate, several times
//! slower (the performance notes have the figures).

use unicode_segmentation::UnicodeSegmentation;

/// Non-ASCII characters whose UAX #29 word break property is Other: a break on both sides
/// of each, and nothing after them attaches to them unless it is Extend, Format or ZWJ (no
/// ASCII character, and none of these, is).
const OTHER: [char; 4] = ['\u{201c}', '\u{201d}', '\u{2013}', '\u{2014}'];

/// The UAX #29 word break property of an ASCII byte, as far as the rules tell them apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    /// `:` (MidLetter).
    MidLetter,
    /// `.` (MidNumLet) and `'` (Single_Quote, which the rules of non-Hebrew letters treat
    /// alike).
    MidNumLet,
    /// `,` and `;` (MidNum).
    MidNum,
    /// `_` (ExtendNumLet).
    ExtendNumLet,
    Cr,
    /// LF, and VT and FF (Newline).
    Newline,
    /// The space (WSegSpace).
    Space,
    Other,
}

/// [`class_of`] of every byte, looked up instead of matched in the segmentation loop.
const CLASSES: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = class_of(byte as u8);
        byte += 1;
    }
    table
};

fn class(byte: u8) -> Class {
    CLASSES[usize::from(byte)]
}

const fn class_of(byte: u8) -> Class {
    match byte {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b'_' => Class::ExtendNumLet,
        b'\r' => Class::Cr,
        b'\n' | 0x0b | 0x0c => Class::Newline,
        b' ' => Class::Space,
        _ => Class::Other,
    }
}

/// True when UAX #29 puts no word boundary between `prev` and `cur`, given the classes
/// around them (`before` `prev` | `cur` `next`, `Other` past either end of the run), by rules
/// WB3 to WB13b (WB4 never applies to ASCII). `lf` tells whether `cur` is a line feed.
fn joined(before: Class, prev: Class, cur: Class, next: Class, lf: bool) -> bool {
    use Class::*;
    let mid_letter = |c| matches!(c, MidLetter | MidNumLet);
    let mid_num = |c| matches!(c, MidNum | MidNumLet);
    match (prev, cur) {
        (Cr, Newline) => lf,
        (Cr | Newline, _) | (_, Cr | Newline) => false,
        (Space, Space) => true,
        (Letter | Numeric, Letter | Numeric) => true,
        (Letter, c) if mid_letter(c) && next == Letter => true,
        (c, Letter) if mid_letter(c) && before == Letter => true,
        (Numeric, c) if mid_num(c) && next == Numeric => true,
        (c, Numeric) if mid_num(c) && before == Numeric => true,
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Numeric) => true,
        _ => false,
    }
}

/// The UAX #29 word segments of `text`, as `split_word_bounds` gives them. Text that is ASCII
/// apart from characters of `OTHER` is split by `joined`: each run of ASCII on its own
/// (no rule looks across an Other character), each Other character a segment of its own;
/// any other text goes through the full segmenter.
pub fn word_bounds(text: &str) -> Vec<&str> {
    if !text.chars().all(|c| c.is_ascii() || OTHER.contains(&c)) {
        return text.split_word_bounds().collect();
    }
    let mut segments = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let bytes = &rest.as_bytes()[..run];
        let at = |j: usize| bytes.get(j).map_or(Class::Other, |&b| class(b));
        // The classes around the boundary before byte `i`, moved along one byte at a time.
        let (mut before, mut prev, mut cur, mut next) = (Class::Other, at(0), at(1), at(2));
        let mut start = 0;
        for i in 1..run {
            let inside_word = matches!(prev, Class::Letter | Class::Numeric)
                && matches!(cur, Class::Letter | Class::Numeric);
            if !inside_word && !joined(before, prev, cur, next, bytes[i] == b'\n') {
                segments.push(&rest[start..i]);
                start = i;
            }
            (before, prev, cur, next) = (prev, cur, next, at(i + 2));
        }
        if run > 0 {
            segments.push(&rest[start..run]);
        }
        rest = &rest[run..];
        if let Some(c) = rest.chars().next() {
            segments.push(&rest[..c.len_utf8()]);
            rest = &rest[c.len_utf8()..];
        }
    }
    segments
}

/// The UAX #29 sentence break property, as far as the rules tell ASCII and [`OTHER`] apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SClass {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    SContinue,
    Close,
    Other,
}

fn sentence_class(c: char) -> SClass {
    use SClass::*;
    match c {
        '\r' => Cr,
        '\n' => Lf,
        ' ' | '\t' | '\u{b}' | '\u{c}' => Sp,
        'a'..='z' => Lower,
        'A'..='Z' => Upper,
        '0'..='9' => Numeric,
        '.' => ATerm,
        '!' | '?' => STerm,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => SContinue,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{201c}' | '\u{201d}' => Close,
        _ => Other,
    }
}

/// The class of the character ending just before byte `at` of `text`, and where it starts.
fn class_before(text: &str, at: usize) -> Option<(SClass, usize)> {
    let c = text[..at].chars().next_back()?;
    Some((sentence_class(c), at - c.len_utf8()))
}

/// True when UAX #29 puts a sentence boundary before byte `at` of `text` (`0 < at <
/// text.len()`, on a character boundary), by rules SB3 to SB11 (SB5 never applies: no Extend
/// or Format here).
fn sentence_break(text: &str, at: usize) -> bool {
    use SClass::*;
    let Some(((prev, prev_start), Some(cur))) = class_before(text, at)
        .map(|before| (before, text[at..].chars().next().map(sentence_class)))
    else {
        return false;
    };
    if prev == Cr && cur == Lf {
        return false;
    }
    if matches!(prev, Cr | Lf) {
        return true;
    }
    if prev == ATerm && cur == Numeric {
        return false;
    }
    if prev == ATerm
        && cur == Upper
        && matches!(class_before(text, prev_start), Some((Upper | Lower, _)))
    {
        return false;
    }
    // SATerm Close* Sp* just before `at`?
    let (mut k, mut spaces) = (at, 0);
    while let Some((Sp, start)) = class_before(text, k) {
        (k, spaces) = (start, spaces + 1);
    }
    while let Some((Close, start)) = class_before(text, k) {
        k = start;
    }
    let term = match class_before(text, k) {
        Some((t @ (ATerm | STerm), _)) => t,
        _ => return false,
    };
    if term == ATerm {
        let first = text[at..]
            .chars()
            .map(sentence_class)
            .find(|c| matches!(c, Upper | Lower | Cr | Lf | ATerm | STerm));
        if first == Some(Lower) {
            return false;
        }
    }
    if matches!(cur, SContinue | ATerm | STerm) {
        return false;
    }
    if spaces == 0 && matches!(cur, Close | Sp | Cr | Lf) {
        return false;
    }
    !matches!(cur, Sp | Cr | Lf)
}

/// The byte offsets where a sentence may end in a text that is ASCII apart from [`OTHER`]:
/// after a line end, and after each terminator (`.`, `!`, `?`) with the closing marks and
/// then the spaces that follow it. Between these places the rules never break: a break needs a
/// line end or a terminator before it, and none falls inside the marks and spaces after one.
fn sentence_break_candidates(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let skip = move |mut at: usize, class: SClass| {
        while let Some(c) = text[at..]
            .chars()
            .next()
            .filter(|&c| sentence_class(c) == class)
        {
            at += c.len_utf8();
        }
        at
    };
    (0..bytes.len()).filter_map(move |t| match bytes[t] {
        b'\r' | b'\n' => Some(t + 1),
        b'.' | b'!' | b'?' => Some(skip(skip(t + 1, SClass::Close), SClass::Sp)),
        _ => None,
    })
}

/// The UAX #29 sentences of `text` with their byte offsets, as `split_sentence_bound_indices`
/// gives them. Text that is ASCII apart from characters of `OTHER` is split by
/// `sentence_break`, tried only where `sentence_break_candidates` allows; any other text
/// goes through the full segmenter.
pub fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    if !text.chars().all(|c| c.is_ascii() || OTHER.contains(&c)) {
        return text.split_sentence_bound_indices().collect();
    }
    let mut sentences = Vec::new();
    let mut start = 0;
    for at in sentence_break_candidates(text) {
        if at < text.len() && sentence_break(text, at) {
            sentences.push((start, &text[start..at]));
            start = at;
        }
    }
    if start < text.len() {
        sentences.push((start, &text[start..]));
    }
    sentences
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;
    use crate::model::Document;

    const SAMPLE: &str = include_str!("../../../sample-data/korut-dukung-rusia.txt");

    /// The texts both fast-path tests compare on: every paragraph of the sample, the whole
    /// sample, and 20,000 short pseudo-random strings (the same on every run, from `seed`)
    /// over every ASCII character, the [`OTHER`] characters and `extra` (characters that force
    /// the full path), with the characters of `common` six times as likely.
    fn comparison_texts(extra: [char; 6], common: &[char], seed: u64) -> Vec<String> {
        let doc = Document::new(SAMPLE);
        let mut texts: Vec<String> = (0..doc.paragraphs().len())
            .map(|i| doc.paragraph_text(i).to_owned())
            .collect();
        texts.push(SAMPLE.to_owned());
        let pool: Vec<char> = (0u8..128)
            .map(char::from)
            .chain(OTHER)
            .chain(extra)
            .flat_map(|c| std::iter::repeat_n(c, if common.contains(&c) { 6 } else { 1 }))
            .collect();
        // xorshift
        let mut state = seed;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            texts.push(
                (0..len)
                    .map(|_| pool[(next() % pool.len() as u64) as usize])
                    .collect(),
            );
        }
        texts
    }

    /// The fast path of [`word_bounds`] gives what the full segmenter gives: on every line
    /// and every paragraph of the sample, and on random strings over an alphabet holding
    /// every ASCII class and the [`OTHER`] characters (plus some that force the full path).
    #[test]
    fn word_bounds_equal_the_full_segmenter() {
        let extra = ['é', '\u{301}', '\u{200d}', '’', '東', '\u{a0}'];
        let common = [
            'a', 'B', '1', ' ', '.', ',', ':', '\'', '_', ';', '\r', '\n',
        ];
        for text in comparison_texts(extra, &common, 0x9e37_79b9_7f4a_7c15) {
            let full: Vec<&str> = text.split_word_bounds().collect();
            assert_eq!(word_bounds(&text), full, "{text:?}");
        }
    }

    /// The fast path of [`sentence_bounds`] gives what the full segmenter gives, on the same
    /// kind of texts as [`word_bounds_equal_the_full_segmenter`].
    #[test]
    fn sentence_bounds_equal_the_full_segmenter() {
        let extra = ['é', '\u{301}', '\u{2029}', '’', '東', '\u{a0}'];
        let common = [
            'a', 'B', '1', ' ', '.', '!', '?', ',', ';', '-', '"', '\'', '(', ')', '\r', '\n',
            '\t', '\u{c}',
        ];
        for text in comparison_texts(extra, &common, 0x2545_f491_4f6c_dd1d) {
            let full: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            assert_eq!(sentence_bounds(&text), full, "{text:?}");
        }
    }
}

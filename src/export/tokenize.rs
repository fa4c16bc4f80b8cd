//! Tokens and sentences for the token formats (CoNLL, Hugging Face).
//!
//! The rule, applied to each paragraph on its own:
//!
//! 1. UAX #29 word segmentation (Unicode-aware: any script, emoji, combining marks stay whole);
//!    segments made only of white space are dropped, every other segment is a token, so
//!    punctuation is kept as tokens (`“`, `,`, `(`). UAX #29 already keeps numbers with inner
//!    `.` or `,` (`8.000`, `3,5`) and words with an inner `.` (`Bergelora.com`) whole.
//! 2. Runs of digits joined by `/` with nothing between (`1/11/2024`, `25/10/2024`) are merged
//!    into one token.
//! 3. Every token is cut at each edge of an exported span of the layer (`cuts`), so that every
//!    span falls on token boundaries: an entity `Barat` inside `Baratlah` gives the tokens
//!    `Barat` and `lah`, a cue `ujar` inside `ujarnya` gives `ujar` and `nya`.
//!
//! Tokens carry their character offsets in the whole document.
//!
//! Sentences are UAX #29 sentences (as [`Document::sentences`] gives them); a sentence break
//! that would fall inside a token or strictly inside one of the `keep` spans is ignored, so a
//! multi-sentence quote stays in one block.
//!
//! Both segmentations have a fast path for text that is ASCII apart from `“ ” – —`
//! ([`word_bounds`], [`sentence_bounds`]), tested equal to `unicode-segmentation`; any other
//! text goes through that crate.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::{Document, Span};

/// One token: its characters in the whole document and its text, borrowed from the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Character offsets in the whole document.
    pub span: Span,
    /// The token's text.
    pub text: &'a str,
}

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
/// `sentence_break`, tried only where [`sentence_break_candidates`] allows; any other text
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

fn is_number(segment: &str) -> bool {
    !segment.is_empty() && segment.chars().all(char::is_numeric)
}

/// The words of paragraph `index` before any cut: rules 1 and 2 of the module docs.
pub fn words(doc: &Document, index: usize) -> Vec<Span> {
    words_with_bytes(doc, index)
        .into_iter()
        .map(|(span, _)| span)
        .collect()
}

/// A segment's length in characters and whether it is all white space.
fn measure(segment: &str) -> (usize, bool) {
    if segment.is_ascii() {
        let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
        (segment.len(), segment.as_bytes().iter().all(blank))
    } else {
        let chars = segment.chars().count();
        (chars, segment.chars().all(char::is_whitespace))
    }
}

/// The [`words`] of paragraph `index`, each with its byte range in the paragraph's text.
///
/// One pass over the segments: a `/` right after a run of digits waits to see whether digits
/// follow it right away (then the run takes both) or not (then it is a word of its own).
fn words_with_bytes(doc: &Document, index: usize) -> Vec<(Span, Range<usize>)> {
    let Some(paragraph) = doc.paragraph(index) else {
        return Vec::new();
    };
    let text = doc.paragraph_text(index);
    let mut words: Vec<(Span, Range<usize>)> = Vec::new();
    // Whether the last word is a run of digits (maybe `/`-joined) that a `/` may extend.
    let mut last_is_number = false;
    let mut slash: Option<(Span, Range<usize>)> = None;
    let (mut chars, mut byte) = (paragraph.chars.start, 0);
    for segment in word_bounds(text) {
        let (len, blank) = measure(segment);
        let span = Span::new(chars, chars + len);
        let bytes = byte..byte + segment.len();
        (chars, byte) = (span.end, bytes.end);
        if blank {
            continue;
        }
        let number = is_number(segment);
        if let Some((slash_span, _)) = &slash {
            let joins = number && slash_span.end == span.start;
            let (slash_span, slash_bytes) = slash.take().expect("checked above");
            if joins {
                let last = words.last_mut().expect("a slash waits after a word");
                (last.0.end, last.1.end) = (span.end, bytes.end);
                continue;
            }
            words.push((slash_span, slash_bytes));
            last_is_number = false;
        }
        let after_number = words.last().is_some_and(|(w, _)| w.end == span.start);
        if segment == "/" && last_is_number && after_number {
            slash = Some((span, bytes));
            continue;
        }
        words.push((span, bytes));
        last_is_number = number;
    }
    words.extend(slash);
    words
}

/// The tokens of paragraph `index`: its [`words`] cut at every offset in `cuts`, which is
/// sorted without duplicates.
pub fn tokens<'a>(doc: &'a Document, index: usize, cuts: &[usize]) -> Vec<Token<'a>> {
    debug_assert!(cuts.windows(2).all(|w| w[0] < w[1]));
    let mut tokens = Vec::new();
    let Some(paragraph) = doc.paragraph(index) else {
        return tokens;
    };
    let text = doc.paragraph_text(index);
    // Words come in order: the cuts inside each are found moving one cursor forward.
    let mut next_cut = cuts.partition_point(|&c| c <= paragraph.chars.start);
    for (word, bytes) in words_with_bytes(doc, index) {
        while next_cut < cuts.len() && cuts[next_cut] <= word.start {
            next_cut += 1;
        }
        let first = next_cut;
        while next_cut < cuts.len() && cuts[next_cut] < word.end {
            next_cut += 1;
        }
        let (mut start, mut start_byte) = (word.start, bytes.start);
        for &cut in &cuts[first..next_cut] {
            let end_byte = start_byte
                + text[start_byte..]
                    .char_indices()
                    .nth(cut - start)
                    .map_or(0, |(b, _)| b);
            tokens.push(Token {
                span: Span::new(start, cut),
                text: &text[start_byte..end_byte],
            });
            (start, start_byte) = (cut, end_byte);
        }
        tokens.push(Token {
            span: Span::new(start, word.end),
            text: &text[start_byte..bytes.end],
        });
    }
    tokens
}

/// Splits the `tokens` of paragraph `index` into sentences, as ranges of token indices.
///
/// A UAX #29 sentence break is used unless it falls inside a token or strictly inside one of
/// the `keep` spans, which are sorted and do not overlap (the overlap rule ran before).
pub fn sentences(
    doc: &Document,
    index: usize,
    tokens: &[Token],
    keep: &[Span],
) -> Vec<Range<usize>> {
    // Tokens and `keep` are sorted and do not overlap (the overlap rule ran before), so only
    // the last one starting before a break can hold it.
    debug_assert!(keep.windows(2).all(|w| w[0].end <= w[1].start));
    let holds = |b: usize, sorted: &[Span]| {
        let i = sorted.partition_point(|s| s.start < b);
        i > 0 && b < sorted[i - 1].end
    };
    let token_spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
    // Sentence starts are increasing: one cursor walks them beside the tokens.
    // The starts of the sentences of `Document::sentences`, by `sentence_bounds`.
    let Some(paragraph) = doc.paragraph(index) else {
        return Vec::new();
    };
    let text = doc.paragraph_text(index);
    let mut starts = Vec::new();
    let (mut byte, mut chars) = (0, paragraph.chars.start);
    for (b, sentence) in sentence_bounds(text) {
        if sentence.trim_end().is_empty() {
            continue;
        }
        chars += text[byte..b].chars().count();
        byte = b;
        starts.push(chars);
    }
    let breaks: Vec<usize> = starts
        .into_iter()
        .skip(1)
        .filter(|&b| !holds(b, &token_spans) && !holds(b, keep))
        .collect();
    let mut units = Vec::new();
    let mut start = 0;
    let mut next_break = 0;
    for i in 1..tokens.len() {
        let (gap_start, gap_end) = (tokens[i - 1].span.end, tokens[i].span.start);
        while next_break < breaks.len() && breaks[next_break] < gap_start {
            next_break += 1;
        }
        if next_break < breaks.len() && breaks[next_break] <= gap_end {
            units.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        units.push(start..tokens.len());
    }
    units
}

/// True when character `offset` of the document is not strictly inside a word of the
/// paragraph holding it (offsets in line breaks between paragraphs always are).
pub fn at_word_edge(doc: &Document, offset: usize) -> bool {
    let Some(index) = doc.paragraph_at(offset) else {
        return true;
    };
    words(doc, index)
        .iter()
        .all(|w| !(w.start < offset && offset < w.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

    fn texts(doc: &Document, index: usize, cuts: &[usize]) -> Vec<String> {
        tokens(doc, index, cuts)
            .into_iter()
            .map(|t| {
                assert_eq!(doc.slice(t.span), t.text);
                t.text.to_owned()
            })
            .collect()
    }

    fn paragraph_with(doc: &Document, needle: &str) -> usize {
        (0..doc.paragraphs().len())
            .find(|&i| doc.paragraph_text(i).contains(needle))
            .unwrap()
    }

    #[test]
    fn numbers_dates_and_domains_stay_whole() {
        let doc = Document::new(SAMPLE);
        for (needle, whole) in [
            ("(1/11/2024)", "1/11/2024"),
            ("(25/10/2024)", "25/10/2024"),
            ("8.000 tentara", "8.000"),
            ("Bergelora.com", "Bergelora.com"),
        ] {
            let tokens = texts(&doc, paragraph_with(&doc, needle), &[]);
            assert!(
                tokens.iter().any(|t| t == whole),
                "{whole} not in {tokens:?}"
            );
        }
        let tokens = texts(&doc, 1, &[]);
        assert_eq!(
            tokens[..9],
            [
                "Dikutip",
                "dari",
                "AFP",
                "pada",
                "Jumat",
                "(",
                "1/11/2024",
                ")",
                ","
            ]
        );
    }

    #[test]
    fn punctuation_is_kept_and_white_space_dropped() {
        let doc = Document::new("“Kami  ulangi,” kata Choe.\u{a0}Ya…");
        assert_eq!(
            texts(&doc, 0, &[]),
            [
                "“", "Kami", "ulangi", ",", "”", "kata", "Choe", ".", "Ya", "…"
            ]
        );
    }

    #[test]
    fn slashes_between_words_or_with_gaps_are_not_merged() {
        let doc = Document::new("dan/atau 1 / 2 3/4/ 5/x");
        assert_eq!(
            texts(&doc, 0, &[]),
            ["dan", "/", "atau", "1", "/", "2", "3/4", "/", "5", "/", "x"]
        );
    }

    #[test]
    fn tokens_are_cut_at_span_edges() {
        let doc = Document::new(SAMPLE);
        let i = paragraph_with(&doc, "Baratlah");
        let byte = doc.text().find("Baratlah").unwrap();
        let start = doc.text()[..byte].chars().count();
        let tokens = texts(&doc, i, &[start, start + 5]);
        let at = tokens.iter().position(|t| t == "Barat").unwrap();
        assert_eq!(tokens[at + 1], "lah");
        // A cut inside a merged date cuts it too.
        let doc = Document::new("pada 1/11/2024 itu");
        assert_eq!(texts(&doc, 0, &[7]), ["pada", "1/", "11/2024", "itu"]);
    }

    #[test]
    fn sentences_keep_spans_together() {
        let doc = Document::new("“Citra serius. Jika ada citra,” ujarnya. Ya.");
        let tokens = tokens(&doc, 0, &[]);
        let text = |r: &Range<usize>| {
            tokens[r.clone()]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let plain: Vec<String> = sentences(&doc, 0, &tokens, &[]).iter().map(text).collect();
        assert_eq!(plain.len(), 3, "{plain:?}");
        let quote = Span::new(1, 30);
        assert_eq!(doc.slice(quote), "Citra serius. Jika ada citra,");
        let kept: Vec<String> = sentences(&doc, 0, &tokens, &[quote])
            .iter()
            .map(text)
            .collect();
        assert_eq!(
            kept,
            ["“ Citra serius . Jika ada citra , ” ujarnya .", "Ya ."]
        );
    }

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

    #[test]
    fn only_digits_joined_by_a_slash_with_nothing_between_are_one_word() {
        let doc = Document::new("1/11/2024 a/2 3/ /4 5//6 7/x 8/9/");
        let words: Vec<&str> = words(&doc, 0).iter().map(|w| doc.slice(*w)).collect();
        assert_eq!(
            words,
            [
                "1/11/2024",
                "a",
                "/",
                "2",
                "3",
                "/",
                "/",
                "4",
                "5",
                "/",
                "/",
                "6",
                "7",
                "/",
                "x",
                "8/9",
                "/"
            ]
        );
    }

    #[test]
    fn word_edges_know_partial_words() {
        let doc = Document::new("Baratlah yang\nmeningkatkan");
        assert!(at_word_edge(&doc, 0));
        assert!(!at_word_edge(&doc, 5));
        assert!(at_word_edge(&doc, 8));
        assert!(at_word_edge(&doc, 13));
        assert!(at_word_edge(&doc, 14));
        assert!(!at_word_edge(&doc, 15));
    }
}

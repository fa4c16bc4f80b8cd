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
//! ([`word_bounds`], [`sentence_bounds`], in `tokenize/segment.rs`), tested equal to
//! `unicode-segmentation`; any other text goes through that crate.

mod segment;

use std::ops::Range;

use crate::model::{Document, Span};

pub use segment::{sentence_bounds, word_bounds};

/// One token: its characters in the whole document and its text, borrowed from the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Character offsets in the whole document.
    pub span: Span,
    /// The token's text.
    pub text: &'a str,
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

//! The article text, its paragraphs and the conversions between character and byte offsets.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};
use unicode_segmentation::UnicodeSegmentation;

use super::fingerprint::Fingerprint;
use super::span::Span;

/// One paragraph: a non-blank line of the article, without its line break (nor a trailing CR).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Character range in the whole document.
    pub chars: Span,
    /// Byte offset of the first character in [`Document::text`].
    pub byte_start: usize,
    /// Byte offset one past the last character.
    pub byte_end: usize,
}

/// An article as read from disk: UTF-8 text without a BOM, split into paragraphs.
///
/// Offsets are counted in Unicode scalar values over the text as read (after removing a BOM);
/// a CR of a CRLF line end is kept in the text and counted, but belongs to no paragraph.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    paragraphs: Vec<Paragraph>,
    char_len: usize,
    /// The text's hex SHA-256, taken the first time it is asked for.
    sha256: OnceLock<String>,
    /// Each paragraph's fingerprint, taken the first time they are asked for.
    fingerprints: OnceLock<Vec<Fingerprint>>,
}

/// The bytes of an article are not valid UTF-8.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not valid UTF-8 at line {line}, column {column} (byte {byte})")]
pub struct NotUtf8 {
    /// Byte offset of the first invalid byte.
    pub byte: usize,
    /// 1-based line of the invalid byte.
    pub line: usize,
    /// 1-based column (in characters) of the invalid byte.
    pub column: usize,
}

impl NotUtf8 {
    /// `bytes` as text, or where their first invalid byte is.
    pub fn check(bytes: &[u8]) -> Result<&str, NotUtf8> {
        std::str::from_utf8(bytes).map_err(|e| {
            let byte = e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..byte]).unwrap_or_default();
            NotUtf8 {
                byte,
                line: valid.matches('\n').count() + 1,
                column: valid.rsplit('\n').next().unwrap_or("").chars().count() + 1,
            }
        })
    }
}

impl Document {
    /// Builds a document from text, removing a leading BOM.
    pub fn new(text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let (paragraphs, char_len) = split_paragraphs(&text);
        Self {
            text,
            paragraphs,
            char_len,
            sha256: OnceLock::new(),
            fingerprints: OnceLock::new(),
        }
    }

    /// Decodes UTF-8 bytes, reporting where the first invalid byte is.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, NotUtf8> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(text)),
            Err(err) => Err(NotUtf8::check(err.as_bytes())
                .expect_err("bytes String::from_utf8 refused are not UTF-8")),
        }
    }

    /// The whole text (BOM removed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length of the text in characters.
    pub fn len_chars(&self) -> usize {
        self.char_len
    }

    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The paragraph at `index`.
    pub fn paragraph(&self, index: usize) -> Option<&Paragraph> {
        self.paragraphs.get(index)
    }

    /// The fingerprint of each paragraph, in order (computed once per document).
    pub fn paragraph_fingerprints(&self) -> &[Fingerprint] {
        self.fingerprints.get_or_init(|| {
            (0..self.paragraphs.len())
                .map(|i| Fingerprint::of(self.paragraph_text(i)))
                .collect()
        })
    }

    /// The text of paragraph `index` (empty when out of range).
    pub fn paragraph_text(&self, index: usize) -> &str {
        self.paragraphs
            .get(index)
            .map_or("", |p| &self.text[p.byte_start..p.byte_end])
    }

    /// Index of the paragraph holding character `offset`, or of the last paragraph starting
    /// before it when the offset falls between paragraphs.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let after = self.paragraphs.partition_point(|p| p.chars.start <= offset);
        Some(after.saturating_sub(1))
    }

    /// Byte offset of character `offset` (clamped to the end of the text).
    pub fn byte_of(&self, offset: usize) -> usize {
        if offset >= self.char_len {
            return self.text.len();
        }
        let (mut byte, mut chars) = (0, 0);
        if let Some(i) = self.paragraph_at(offset) {
            let p = &self.paragraphs[i];
            // A paragraph with as many bytes as characters is ASCII: no walk needed.
            if p.chars.start <= offset
                && offset <= p.chars.end
                && p.byte_end - p.byte_start == p.chars.len()
            {
                return p.byte_start + (offset - p.chars.start);
            }
            if p.chars.start <= offset {
                byte = p.byte_start;
                chars = p.chars.start;
            }
        }
        self.text[byte..]
            .char_indices()
            .nth(offset - chars)
            .map_or(self.text.len(), |(b, _)| byte + b)
    }

    /// The text covered by `span` (clamped to the text).
    pub fn slice(&self, span: Span) -> &str {
        let start = self.byte_of(span.start);
        // The end is found walking on from the start: a span is short, its paragraph may not be.
        let rest = &self.text[start..];
        let len = rest
            .char_indices()
            .nth(span.len())
            .map_or(rest.len(), |(b, _)| b);
        &rest[..len]
    }

    /// The text of several fragments, joined by [`FRAGMENT_JOIN`].
    pub fn slice_fragments(&self, spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| self.slice(*s))
            .collect::<Vec<_>>()
            .join(FRAGMENT_JOIN)
    }

    /// The words of paragraph `index` (UAX #29 word segments holding a letter or digit).
    pub fn words(&self, index: usize) -> Vec<Span> {
        self.segments(index, |text| {
            text.split_word_bound_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .collect()
        })
    }

    /// The words of paragraph `index` near `range` (a character range of the document): those
    /// of the stretch from the white space before `range` to the white space after it. Word
    /// boundaries never fall inside a run of non-space characters, so these are exactly the
    /// paragraph's words in that stretch, found without segmenting the whole paragraph.
    pub fn words_in(&self, index: usize, range: Span) -> Vec<Span> {
        let Some(p) = self.paragraphs.get(index) else {
            return Vec::new();
        };
        let from = range.start.clamp(p.chars.start, p.chars.end);
        let to = range.end.clamp(from, p.chars.end);
        let text = &self.text[p.byte_start..p.byte_end];
        let (from_byte, to_byte) = (
            self.byte_of(from) - p.byte_start,
            self.byte_of(to) - p.byte_start,
        );
        let start = text[..from_byte].rfind(char::is_whitespace).map_or(0, |b| {
            b + text[b..].chars().next().map_or(1, char::len_utf8)
        });
        let end = text[to_byte..]
            .find(char::is_whitespace)
            .map_or(text.len(), |b| to_byte + b);
        let base = p.chars.start + text[..start].chars().count();
        let mut chars = base;
        let mut byte = 0;
        let stretch = &text[start..end];
        let mut spans = Vec::new();
        for (b, w) in stretch.split_word_bound_indices() {
            chars += stretch[byte..b].chars().count();
            byte = b;
            if w.chars().any(char::is_alphanumeric) {
                spans.push(Span::new(chars, chars + w.chars().count()));
            }
        }
        spans
    }

    /// The sentences of paragraph `index` (UAX #29), without trailing white space.
    pub fn sentences(&self, index: usize) -> Vec<Span> {
        self.segments(index, |text| {
            text.split_sentence_bound_indices()
                .map(|(b, s)| (b, s.trim_end()))
                .filter(|(_, s)| !s.is_empty())
                .collect()
        })
    }

    fn segments<'a>(
        &'a self,
        index: usize,
        split: impl FnOnce(&'a str) -> Vec<(usize, &'a str)>,
    ) -> Vec<Span> {
        let Some(p) = self.paragraphs.get(index) else {
            return Vec::new();
        };
        let text = &self.text[p.byte_start..p.byte_end];
        let mut spans = Vec::new();
        let (mut byte, mut chars) = (0, p.chars.start);
        for (b, piece) in split(text) {
            chars += text[byte..b].chars().count();
            byte = b;
            spans.push(Span::new(chars, chars + piece.chars().count()));
        }
        spans
    }

    /// Hex SHA-256 of the text (after BOM removal).
    pub fn sha256(&self) -> String {
        let hex = || {
            let digest = Sha256::digest(self.text.as_bytes());
            digest.iter().map(|b| format!("{b:02x}")).collect()
        };
        self.sha256.get_or_init(hex).clone()
    }
}

/// What joins the texts of a span's fragments in an annotation's `text` field.
pub const FRAGMENT_JOIN: &str = " … ";

fn split_paragraphs(text: &str) -> (Vec<Paragraph>, usize) {
    let mut paragraphs = Vec::new();
    let (mut byte, mut chars) = (0, 0);
    for line in text.split_inclusive('\n') {
        let line_chars = line.chars().count();
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            let body_chars = body.chars().count();
            paragraphs.push(Paragraph {
                chars: Span::new(chars, chars + body_chars),
                byte_start: byte,
                byte_end: byte + body.len(),
            });
        }
        byte += line.len();
        chars += line_chars;
    }
    (paragraphs, chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

    #[test]
    fn sample_offsets_are_characters_not_bytes() {
        let doc = Document::new(SAMPLE);
        assert_eq!(doc.slice(Span::new(41, 53)), "Choe Son Hui");
        assert_eq!(doc.byte_of(41), 43);
        assert_eq!(doc.len_chars(), 3726);
        assert_eq!(doc.paragraphs().len(), 24);
    }

    #[test]
    fn bom_is_removed_and_crlf_kept_outside_paragraphs() {
        let doc = Document::new("\u{feff}Satu dua.\r\n\r\nTiga.\r\n");
        assert_eq!(doc.text(), "Satu dua.\r\n\r\nTiga.\r\n");
        assert_eq!(doc.paragraphs().len(), 2);
        assert_eq!(doc.paragraph_text(0), "Satu dua.");
        assert_eq!(doc.paragraph_text(1), "Tiga.");
        assert_eq!(doc.paragraphs()[1].chars, Span::new(13, 18));
    }

    #[test]
    fn empty_and_blank_texts_have_no_paragraph() {
        assert!(Document::new("").paragraphs().is_empty());
        assert!(Document::new("\n  \n\t\n").paragraphs().is_empty());
        assert_eq!(Document::new("").paragraph_at(0), None);
    }

    #[test]
    fn words_keep_numbers_and_domains_whole() {
        let doc = Document::new("AS: 8.000 tentara, kata Bergelora.com – “ujarnya”");
        let words: Vec<&str> = doc.words(0).into_iter().map(|s| doc.slice(s)).collect();
        assert_eq!(
            words,
            ["AS", "8.000", "tentara", "kata", "Bergelora.com", "ujarnya"]
        );
    }

    #[test]
    fn words_in_a_stretch_equal_the_paragraph_words_there() {
        let doc = Document::new(SAMPLE);
        for index in [0, 4, 9] {
            let all = doc.words(index);
            let p = doc.paragraphs()[index].chars;
            for at in (p.start..p.end).step_by(37) {
                let range = Span::new(at.saturating_sub(20), at + 20);
                let near = doc.words_in(index, range);
                let expected: Vec<Span> = all
                    .iter()
                    .copied()
                    .filter(|w| near.first().is_some_and(|f| w.start >= f.start))
                    .filter(|w| near.last().is_some_and(|l| w.end <= l.end))
                    .collect();
                assert_eq!(near, expected, "paragraph {index} at {at}");
                assert!(near.iter().any(|w| w.overlaps(&range)) || near.is_empty());
            }
        }
    }

    #[test]
    fn sentences_do_not_break_inside_numbers() {
        let doc = Document::new("AS bilang 8.000 tentara. Putin diam.");
        let s: Vec<&str> = doc.sentences(0).into_iter().map(|s| doc.slice(s)).collect();
        assert_eq!(s, ["AS bilang 8.000 tentara.", "Putin diam."]);
    }

    #[test]
    fn emoji_cjk_and_combining_marks_count_as_scalars() {
        let doc = Document::new("👩‍👩‍👧 東京 e\u{301}!");
        assert_eq!(doc.len_chars(), 12);
        let words: Vec<&str> = doc.words(0).into_iter().map(|s| doc.slice(s)).collect();
        assert!(words.contains(&"e\u{301}"));
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let err = Document::from_bytes(b"ab\ncd\xffe".to_vec()).unwrap_err();
        assert_eq!(
            err,
            NotUtf8 {
                byte: 5,
                line: 2,
                column: 3
            }
        );
    }

    #[test]
    fn paragraph_at_maps_gaps_to_the_previous_paragraph() {
        let doc = Document::new("a b\n\nc d");
        assert_eq!(doc.paragraph_at(0), Some(0));
        assert_eq!(doc.paragraph_at(4), Some(0));
        assert_eq!(doc.paragraph_at(5), Some(1));
    }
}

//! The claim finder: check-worthy candidates among what is quoted. A quote's content (a
//! direct quote's sentences one by one) is proposed as a claim when it holds a number, a
//! quantity, a date or a comparison; the claimant and the quote come from the quote.

use crate::model::{Checkworthy, Document, QuoteKind, Source, Span};
use crate::suggest::edges::{ASCII_ALNUM, alnum_char_at, ascii_alnum_run};
use crate::suggest::{Proposal, QuoteMention, Suggestion};

/// Words of quantity, dates and comparison that make a statement checkable (lower case;
/// matched as whole words).
const SIGNALS: &[&str] = &[
    // quantities
    "puluhan",
    "ratusan",
    "ribuan",
    "jutaan",
    "miliaran",
    "ribu",
    "juta",
    "miliar",
    "triliun",
    "persen",
    "sedikitnya",
    "setidaknya",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "thousand",
    "million",
    "billion",
    "trillion",
    "percent",
    "half",
    "twice",
    "dozen",
    "least",
    // dates
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
    "january",
    "february",
    "march",
    "june",
    "july",
    "august",
    "october",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    // comparison
    "daripada",
    "than",
    "terbesar",
    "tertinggi",
    "terendah",
    "largest",
    "biggest",
];

/// Fewest words of a claim.
const MIN_WORDS: usize = 3;

/// Proposes claims in paragraph `paragraph` from its `quotes` (annotated or proposed), none
/// overlapping a `known` claim.
pub fn find_claims(
    doc: &Document,
    paragraph: usize,
    quotes: &[QuoteMention],
    known: &[Span],
) -> Vec<Suggestion> {
    let Some(para) = doc.paragraph(paragraph) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut bytes: Option<ParaBytes> = None;
    for quote in quotes {
        if quote.span.start < para.chars.start || quote.span.end > para.chars.end {
            continue;
        }
        let bytes = bytes.get_or_insert_with(|| ParaBytes::new(doc, paragraph));
        let content = bytes.slice(quote.span);
        let pieces: Vec<(usize, &str)> = if quote.kind == QuoteKind::Direct {
            sentences(content)
        } else {
            vec![(0, content)]
        };
        let mut chars = 0;
        let mut byte = 0;
        for (at, piece) in pieces {
            chars += content[byte..at].chars().count();
            byte = at;
            let trimmed = piece.trim_end_matches([',', '.', ' ', ';']);
            let start = quote.span.start + chars;
            let span = Span::new(start, start + trimmed.chars().count());
            let Some(why) = signal(trimmed) else {
                continue;
            };
            if trimmed.split_whitespace().count() < MIN_WORDS
                || known.iter().any(|k| k.overlaps(&span))
                || out.iter().any(|s: &Suggestion| s.span.overlaps(&span))
            {
                continue;
            }
            out.push(Suggestion {
                span,
                what: Proposal::Claim {
                    claimant: quote.speaker,
                    quote: Some(quote.span),
                    checkworthy: Some(Checkworthy::Yes),
                },
                source: Source::ClaimFinder,
                score: None,
                reason: format!("quoted statement holding {why}").into(),
            });
        }
    }
    out
}

/// The byte offsets of a paragraph's characters: a subtraction in an ASCII paragraph, else
/// one binary search among its characters of more than one byte.
struct ParaBytes<'a> {
    text: &'a str,
    /// The document character of the paragraph's first.
    base: usize,
    /// For each character of more than one byte, in order: its character index in the
    /// paragraph and the extra bytes of all up to it included.
    wide: Vec<(usize, usize)>,
}

impl<'a> ParaBytes<'a> {
    fn new(doc: &'a Document, paragraph: usize) -> Self {
        let text = doc.paragraph_text(paragraph);
        let base = doc.paragraph(paragraph).map_or(0, |p| p.chars.start);
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (byte, &b) in text.as_bytes().iter().enumerate() {
                // A UTF-8 lead byte of a character of more than one byte.
                if b >= 0xC0 {
                    let more = b.leading_ones() as usize - 1;
                    wide.push((byte - extra, extra + more));
                    extra += more;
                }
            }
        }
        Self { text, base, wide }
    }

    /// The byte of document character `char` (in the paragraph, or its end).
    fn byte_of(&self, char: usize) -> usize {
        let c = char - self.base;
        let before = self.wide.partition_point(|&(at, _)| at < c);
        let extra = before.checked_sub(1).map_or(0, |i| self.wide[i].1);
        (c + extra).min(self.text.len())
    }

    /// The text of `span`, a span of the paragraph.
    fn slice(&self, span: Span) -> &'a str {
        &self.text[self.byte_of(span.start)..self.byte_of(span.end)]
    }
}

/// The sentences of a direct quote's content, with their byte offsets.
fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next_is_space = bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
        if matches!(b, b'.' | b'!' | b'?') && next_is_space && i + 1 < text.len() {
            out.push((start, &text[start..=i]));
            start = i + 1 + text[i + 1..].len() - text[i + 1..].trim_start().len();
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// [`SIGNALS`] as a set of their bytes, made once.
fn signals() -> &'static foldhash::HashSet<&'static [u8]> {
    static SET: std::sync::OnceLock<foldhash::HashSet<&'static [u8]>> = std::sync::OnceLock::new();
    SET.get_or_init(|| SIGNALS.iter().map(|s| s.as_bytes()).collect())
}

/// The first letters of the words `signal` looks for (signals, `lebih` … `than`), one bit
/// a letter of `a`…`z`: a word starting otherwise is none of them.
fn first_letters() -> u32 {
    static MASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *MASK.get_or_init(|| {
        SIGNALS
            .iter()
            .chain(&["lebih", "more", "less", "fewer", "dari", "than"])
            .map(|w| 1u32 << (w.as_bytes()[0] - b'a'))
            .fold(0, |a, b| a | b)
    })
}

/// What makes `text` checkable: a number, a quantity, a date or a comparison.
fn signal(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    // A character is an ASCII digit only as that one byte; read without stopping early, so
    // that the loop is done many bytes at a time.
    if bytes.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
        return Some("a number");
    }
    if memchr::memchr(b'%', bytes).is_some() {
        return Some("a percentage");
    }
    let mut prev_more = false;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] < 0x80 {
            if !ASCII_ALNUM[bytes[at] as usize] {
                at += 1;
                continue;
            }
        } else {
            let (alnum, len) = alnum_char_at(text, at);
            if !alnum {
                at += len;
                continue;
            }
        }
        // A word: a run of letters and digits, of any script.
        let start = at;
        loop {
            at += ascii_alnum_run(&bytes[at..]);
            if at == bytes.len() || bytes[at] < 0x80 {
                break;
            }
            let (alnum, len) = alnum_char_at(text, at);
            if !alnum {
                break;
            }
            at += len;
        }
        let word = &bytes[start..at];
        let first = word[0].to_ascii_lowercase();
        let mut buf = [0u8; 16];
        // Every word looked for (signals, `lebih` … `than`) is of 3 to 10 ASCII letters.
        if (3..=10).contains(&word.len())
            && first.is_ascii_lowercase()
            && first_letters() & (1 << (first - b'a')) != 0
        {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word);
            lower.make_ascii_lowercase();
            let lower: &[u8] = lower;
            if signals().contains(lower) {
                return Some("a quantity, a date or a comparison");
            }
            if prev_more && (lower == b"dari" || lower == b"than") {
                return Some("a comparison");
            }
            if matches!(lower, b"lebih" | b"more" | b"less" | b"fewer") {
                prev_more = true;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn claims(text: &str, quote: &str, kind: QuoteKind, known: &[Span]) -> Vec<String> {
        let doc = Document::new(text);
        let b = text.find(quote).unwrap();
        let start = text[..b].chars().count();
        let span = Span::new(start, start + quote.chars().count());
        let speaker = Some(Span::new(0, 1));
        let q = QuoteMention {
            span,
            kind,
            speaker,
        };
        find_claims(&doc, 0, &[q], known)
            .into_iter()
            .map(|s| {
                assert_eq!(s.source, Source::ClaimFinder);
                let Proposal::Claim {
                    claimant, quote, ..
                } = s.what
                else {
                    panic!()
                };
                assert_eq!((claimant, quote), (speaker, Some(span)));
                doc.slice(s.span).to_string()
            })
            .collect()
    }

    #[test]
    fn numbers_quantities_dates_and_comparisons_are_checkable() {
        let text = "AS mengatakan bahwa 8.000 tentara Korea Utara sedang berlatih di Rusia.";
        assert_eq!(
            claims(
                text,
                "8.000 tentara Korea Utara sedang berlatih di Rusia",
                QuoteKind::Indirect,
                &[]
            ),
            ["8.000 tentara Korea Utara sedang berlatih di Rusia"]
        );
        let text = "X mengatakan ribuan pasukan Korea Utara berada di Rusia.";
        assert_eq!(
            claims(
                text,
                "ribuan pasukan Korea Utara berada di Rusia",
                QuoteKind::Indirect,
                &[]
            )
            .len(),
            1
        );
        let text = "X said exports rose more than expected.";
        assert_eq!(
            claims(
                text,
                "exports rose more than expected",
                QuoteKind::Indirect,
                &[]
            )
            .len(),
            1
        );
        let text = "X said the talks were useful.";
        assert!(claims(text, "the talks were useful", QuoteKind::Indirect, &[]).is_empty());
    }

    #[test]
    fn direct_quotes_give_their_checkable_sentences() {
        let text = "“We are grateful. Some 3,000 troops arrived in May. It is good,” he said.";
        let quote = "We are grateful. Some 3,000 troops arrived in May. It is good,";
        assert_eq!(
            claims(text, quote, QuoteKind::Direct, &[]),
            ["Some 3,000 troops arrived in May"]
        );
    }

    #[test]
    fn signal_words_are_whole_words_of_any_case() {
        assert_eq!(signal("ribuan"), Some("a quantity, a date or a comparison"));
        assert_eq!(signal("Pada JANUARI lalu"), signal("ribuan"));
        assert_eq!(signal("kata—Mei—itu"), signal("ribuan"));
        assert_eq!(signal("seribuan orang"), None);
        assert_eq!(signal("lebih besar dari kemarin"), Some("a comparison"));
        assert_eq!(signal("ÉtéJuni"), None);
        assert_eq!(signal("juni é"), signal("ribuan"));
        assert_eq!(
            signal("tahun ２０２４"),
            None,
            "only ASCII digits are numbers"
        );
        assert_eq!(signal("the 3rd"), Some("a number"));
    }

    #[test]
    fn paragraph_bytes_slice_as_the_document_does() {
        let text = [
            include_str!("../../sample-data/korut-dukung-rusia.txt"),
            include_str!("../../sample-data/grain-corridor.txt"),
            "“Kami” – ujarnya 😀 di Rusia, é\u{301}cole 日本語.\nASCII only here.\n\n«x» ‘y’ — z",
        ]
        .concat();
        let doc = Document::new(text);
        let mut checked = 0;
        for p in 0..doc.paragraphs().len() {
            let chars = doc.paragraph(p).unwrap().chars;
            let bytes = ParaBytes::new(&doc, p);
            for start in (chars.start..=chars.end).step_by(3) {
                for end in (start..=chars.end).step_by(7).chain([chars.end]) {
                    let span = Span::new(start, end);
                    assert_eq!(bytes.slice(span), doc.slice(span), "{span:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// `signal` as first written: every character read, words found one character at a
    /// time.
    fn reference_signal(text: &str) -> Option<&'static str> {
        if text.chars().any(|c| c.is_ascii_digit()) {
            return Some("a number");
        }
        if text.contains('%') {
            return Some("a percentage");
        }
        let mut prev_more = false;
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            let lower = word.to_ascii_lowercase();
            if word.is_empty() || !word.is_ascii() {
                continue;
            }
            if SIGNALS.contains(&lower.as_str()) {
                return Some("a quantity, a date or a comparison");
            }
            if prev_more && (lower == "dari" || lower == "than") {
                return Some("a comparison");
            }
            if ["lebih", "more", "less", "fewer"].contains(&lower.as_str()) {
                prev_more = true;
            }
        }
        None
    }

    #[test]
    fn signals_are_read_as_word_by_word_reading_finds_them() {
        let texts = [
            include_str!("../../sample-data/korut-dukung-rusia.txt"),
            include_str!("../../sample-data/grain-corridor.txt"),
            include_str!("../../docs/quote-finder.md"),
            "lebih besar dari. Lebih—dari; more é than; moreé than; LESS THAN; éjuni; juniè; Juni",
            "ÉtéJuni ribuanー ２０２４ millions_ _millions half-way least, ‘least’ “Januari” x%",
        ];
        let mut checked = 0;
        let mut found = 0;
        for text in texts {
            // Every stretch of a few words: where signals and comparisons are, and are not.
            let words: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            for (i, &(from, _)) in words.iter().enumerate().step_by(2) {
                for len in [1, 3, 8, 20] {
                    let Some(&(to, last)) = words.get(i + len) else {
                        continue;
                    };
                    let piece = &text[from..to + last.len()];
                    assert_eq!(signal(piece), reference_signal(piece), "{piece:?}");
                    checked += 1;
                    found += usize::from(signal(piece).is_some());
                }
            }
        }
        assert!(checked > 5_000 && found > 1_000, "{checked} {found}");
    }

    #[test]
    fn known_claims_are_not_proposed_again() {
        let text = "X said 40 people died.";
        assert!(
            claims(
                text,
                "40 people died",
                QuoteKind::Indirect,
                &[Span::new(7, 9)]
            )
            .is_empty()
        );
    }
}

//! Finding text in an article: case-insensitive search and the quotation around a place.

use super::document::Document;
use super::span::Span;

/// Pairs of opening and closing quotation marks recognised around the cursor.
pub const QUOTE_PAIRS: [(char, char); 7] = [
    ('“', '”'),
    ('"', '"'),
    ('«', '»'),
    ('„', '“'),
    ('„', '”'),
    ('‘', '’'),
    ('‹', '›'),
];

/// Folds a character for case-insensitive comparison, one character to one character, so that
/// offsets in the folded text are offsets in the original.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Finds `query` case-insensitively. With `forward`, the first match starting after `from`
/// (wrapping to the start); otherwise the last match starting before `from` (wrapping to the end).
///
/// Searches line by line outward from `from`, so a match near the cursor is found without
/// folding the whole article.
pub fn search(doc: &Document, query: &str, from: usize, forward: bool) -> Option<Span> {
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return None;
    }
    if needle.contains(&'\n') {
        return search_whole(doc, &needle, from, forward);
    }
    let text = doc.text();
    let at = doc.byte_of(from.min(doc.len_chars()));
    let line_byte = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_char = from.min(doc.len_chars()) - text[line_byte..at].chars().count();
    let hit = |s: usize| Span::new(s, s + needle.len());
    if forward {
        let mut offset = line_char;
        for line in text[line_byte..].split_inclusive('\n') {
            if let Some(s) = line_matches(line, offset, &needle).find(|&s| s > from) {
                return Some(hit(s));
            }
            offset += line.chars().count();
        }
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if let Some(s) = line_matches(line, offset, &needle).next() {
                return Some(hit(s));
            }
            offset += line.chars().count();
        }
        None
    } else {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let mut end = line_char + text[line_byte..line_end].chars().count();
        for line in text[..line_end].split_inclusive('\n').rev() {
            end -= line.chars().count();
            let last = line_matches(line, end, &needle)
                .filter(|&s| s < from)
                .last();
            if let Some(s) = last {
                return Some(hit(s));
            }
        }
        let mut end = doc.len_chars();
        for line in text.split_inclusive('\n').rev() {
            end -= line.chars().count();
            if let Some(s) = line_matches(line, end, &needle).last() {
                return Some(hit(s));
            }
        }
        None
    }
}

/// Character offsets of the (possibly overlapping) matches of `needle` in `line`, which starts
/// at character `start`.
fn line_matches(line: &str, start: usize, needle: &[char]) -> impl Iterator<Item = usize> {
    let hay: Vec<char> = line.chars().map(fold).collect();
    let starts: Vec<usize> = hay
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| start + i)
        .collect();
    starts.into_iter()
}

/// [`search`] over the whole text at once, for a query spanning lines.
fn search_whole(doc: &Document, needle: &[char], from: usize, forward: bool) -> Option<Span> {
    let starts: Vec<usize> = line_matches(doc.text(), 0, needle).collect();
    let found = if forward {
        starts
            .iter()
            .find(|&&s| s > from)
            .or_else(|| starts.first())
    } else {
        starts
            .iter()
            .rev()
            .find(|&&s| s < from)
            .or_else(|| starts.last())
    };
    found.map(|&s| Span::new(s, s + needle.len()))
}

/// The content of the innermost quotation (between matching marks, marks excluded) of
/// paragraph `index` that holds `offset` (a mark itself counts as inside).
pub fn quotation_around(doc: &Document, index: usize, offset: usize) -> Option<Span> {
    let paragraph = doc.paragraph(index)?;
    let chars: Vec<char> = doc.paragraph_text(index).chars().collect();
    let base = paragraph.chars.start;
    let mut best: Option<Span> = None;
    for (open, close) in QUOTE_PAIRS {
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != open {
                i += 1;
                continue;
            }
            let Some(j) = (i + 1..chars.len()).find(|&j| chars[j] == close) else {
                break;
            };
            let outer = Span::new(base + i, base + j + 1);
            if outer.contains(offset) && best.is_none_or(|b| outer.len() < b.len() + 2) {
                best = Some(Span::new(outer.start + 1, outer.end - 1));
            }
            i = j + 1;
        }
    }
    best.filter(|s| !s.is_empty())
}

/// True when `span` is directly enclosed by a matching pair of quotation marks.
pub fn is_enclosed_by_marks(doc: &Document, span: Span) -> bool {
    if span.start == 0 {
        return false;
    }
    let before = doc
        .slice(Span::new(span.start - 1, span.start))
        .chars()
        .next();
    let after = doc.slice(Span::new(span.end, span.end + 1)).chars().next();
    QUOTE_PAIRS
        .iter()
        .any(|&(o, c)| before == Some(o) && after == Some(c))
}

#[cfg(test)]
mod tests {
    /// Line-by-line search finds what a search of the whole folded text finds.
    #[test]
    fn search_by_lines_matches_a_whole_text_search() {
        let doc = Document::new("Ab ab\n\n  \nxAB  ab\r\naba ABA\nzz");
        let needles = [
            "ab", "a", "aba", "b ", "  ", "z", "q", "\r", "\na", "b\n", "ABA",
        ];
        for query in needles {
            let needle: Vec<char> = query.chars().map(fold).collect();
            for from in 0..=doc.len_chars() + 2 {
                for forward in [true, false] {
                    assert_eq!(
                        search(&doc, query, from, forward),
                        search_whole(&doc, &needle, from, forward),
                        "{query:?} from {from} forward {forward}"
                    );
                }
            }
        }
    }

    use super::*;

    const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

    #[test]
    fn search_is_case_insensitive_and_in_characters() {
        let doc = Document::new(SAMPLE);
        let hit = search(&doc, "choe son hui", 0, true).unwrap();
        assert_eq!(hit, Span::new(41, 53));
        let next = search(&doc, "choe son hui", hit.start, true).unwrap();
        assert_eq!(doc.slice(next), "Choe Son Hui");
        assert!(next.start > hit.start);
        assert_eq!(search(&doc, "choe son hui", next.start, false), Some(hit));
    }

    #[test]
    fn search_wraps_and_misses_cleanly() {
        let doc = Document::new("Rusia dan Rusia");
        assert_eq!(search(&doc, "rusia", 10, true), Some(Span::new(0, 5)));
        assert_eq!(search(&doc, "korea", 0, true), None);
        assert_eq!(search(&doc, "", 0, true), None);
    }

    #[test]
    fn quotation_around_finds_curly_quote_content() {
        let doc = Document::new("Dia bilang “Kami ulangi, kata dia” lalu pergi.");
        let inside = doc.text().chars().position(|c| c == 'K').unwrap();
        let span = quotation_around(&doc, 0, inside).unwrap();
        assert_eq!(doc.slice(span), "Kami ulangi, kata dia");
        assert!(is_enclosed_by_marks(&doc, span));
        assert_eq!(quotation_around(&doc, 0, 0), None);
    }

    #[test]
    fn innermost_quotation_wins() {
        let doc = Document::new("“Dia bilang ‘tidak’ kemarin”");
        let at = doc.text().chars().position(|c| c == 't').unwrap();
        let span = quotation_around(&doc, 0, at).unwrap();
        assert_eq!(doc.slice(span), "tidak");
    }
}

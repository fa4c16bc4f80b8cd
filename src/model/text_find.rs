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
pub fn search(doc: &Document, query: &str, from: usize, forward: bool) -> Option<Span> {
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return None;
    }
    let hay: Vec<char> = doc.text().chars().map(fold).collect();
    let starts: Vec<usize> = hay
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle.as_slice())
        .map(|(i, _)| i)
        .collect();
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

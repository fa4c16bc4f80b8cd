//! Test fixtures: the sample article with a hand-made gold-like annotation set, and helpers to
//! read exports back.

use crate::model::smallvec;
use crate::model::{
    AnnotationSet, Checkworthy, Claim, Cue, Document, Edit, Entity, Item, ParagraphStatus, Quote,
    QuoteKind, Span, Text,
};

pub const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

/// The entity labels, in label set order.
pub fn labels() -> Vec<String> {
    ["PER", "ORG", "GPE"].map(String::from).to_vec()
}

/// Char span of the `nth` (0-based) occurrence of `needle`.
pub fn find(doc: &Document, needle: &str, nth: usize) -> Span {
    let (byte, _) = doc
        .text()
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in the text"));
    let start = doc.text()[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

/// Char span of `part` inside the `nth` occurrence of `context`.
pub fn find_in(doc: &Document, part: &str, context: &str, nth: usize) -> Span {
    let outer = find(doc, context, nth);
    let byte = context.find(part).expect("part inside context");
    let start = outer.start + context[..byte].chars().count();
    Span::new(start, start + part.chars().count())
}

/// The text of chars `start..end`, as Python's `text[start:end]` gives it.
pub fn chars(doc: &Document, start: usize, end: usize) -> String {
    doc.text().chars().skip(start).take(end - start).collect()
}

fn entity(doc: &Document, id: &str, label: &str, span: Span) -> Item {
    Item::Entity(Entity {
        id: id.into(),
        label: label.into(),
        spans: smallvec![span],
        text: doc.slice(span).into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })
}

fn quote(
    doc: &Document,
    id: &str,
    kind: QuoteKind,
    spans: Vec<Span>,
    cue: Span,
    speaker: &str,
) -> Item {
    Item::Quote(Quote {
        id: id.into(),
        kind,
        text: doc.slice_fragments(&spans).into(),
        spans: spans.into(),
        cue: Some(Cue {
            spans: smallvec![cue],
            text: doc.slice(cue).into(),
        }),
        speaker: Some(speaker.into()),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })
}

fn claim(doc: &Document, id: &str, span: Span, claimant: Option<&str>) -> Claim {
    Claim {
        id: id.into(),
        spans: smallvec![span],
        text: doc.slice(span).into(),
        claimant: claimant.map(Text::from),
        quote: None,
        checkworthy: None,
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

/// The sample article and a gold-like set: 14 entities (`e2` inside the longer `e4`, `Barat`
/// inside `Baratlah`, `e14` in the Todo paragraph 2), 4 quotes (cue `ujar` of `ujarnya`, a
/// two-fragment quote, a multi-sentence one), 3 claims (one across a line break). Paragraph 2
/// is Todo, 11 Skipped, the rest Done.
pub fn sample() -> (Document, AnnotationSet) {
    let doc = Document::new(SAMPLE);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    let d = &doc;
    let entities = [
        entity(d, "e1", "PER", find(d, "Choe Son Hui", 0)),
        entity(d, "e2", "GPE", find(d, "Korea Utara", 0)),
        entity(
            d,
            "e4",
            "ORG",
            find(d, "Menteri Luar Negeri Korea Utara", 0),
        ),
        entity(d, "e6", "PER", find(d, "Sergei Lavrov", 0)),
        entity(
            d,
            "e7",
            "GPE",
            find_in(d, "Rusia", "mitranya dari Rusia", 0),
        ),
        entity(d, "e8", "GPE", find_in(d, "Barat", "Baratlah", 0)),
        entity(d, "e9", "PER", find_in(d, "Putin", "kata Putin.", 0)),
        entity(d, "e10", "ORG", find(d, "Bergelora.com", 0)),
        entity(d, "e11", "GPE", find_in(d, "Rusia", "mendukung Rusia", 0)),
        entity(
            d,
            "e13",
            "GPE",
            find_in(d, "AS", "AS mengatakan bahwa 8.000", 0),
        ),
        entity(
            d,
            "e14",
            "GPE",
            find_in(d, "Barat", "Negara-negara Barat", 0),
        ),
    ];
    for e in entities {
        set.apply(&Edit::Insert(e));
    }
    let quotes = [
        quote(
            d,
            "q1",
            QuoteKind::Direct,
            vec![find(
                d,
                "Kami ulangi bahwa kami akan selalu mendukung kawan-kawan Rusia kami hingga hari kemenangan,",
                0,
            )],
            find_in(d, "kata", "” kata Menlu", 0),
            "e1",
        ),
        quote(
            d,
            "q2",
            QuoteKind::Direct,
            vec![find(
                d,
                "Citra adalah hal yang serius. Jika ada citra, maka itu mencerminkan sesuatu,",
                0,
            )],
            find_in(d, "ujar", "ujarnya", 0),
            "e9",
        ),
        quote(
            d,
            "q3",
            QuoteKind::Mixed,
            vec![
                find(d, "Ada pasal 4.", 0),
                find(
                    d,
                    "Namun, apa yang kami lakukan dalam kerangka pasal ini adalah urusan kami,",
                    0,
                ),
            ],
            find_in(d, "kata", "” kata Putin.", 1),
            "e9",
        ),
        quote(
            d,
            "q4",
            QuoteKind::Indirect,
            vec![find(
                d,
                "Korea Utara akan mendukung Rusia hingga kemenangannya di Ukraina",
                0,
            )],
            find(d, "menyatakan", 0),
            "e1",
        ),
    ];
    for mut q in quotes {
        if let Item::Quote(q3) = &mut q
            && q3.id == "q3"
        {
            q3.note = Some("dua bagian".into());
        }
        set.apply(&Edit::Insert(q));
    }
    let mut c1 = claim(
        d,
        "c1",
        find(d, "8.000 tentara Korea Utara sedang berlatih di Rusia", 0),
        Some("e13"),
    );
    c1.checkworthy = Some(Checkworthy::Yes);
    c1.note = Some("cek \"angka\"\tdari AS – Pentagon".into());
    let crossing = find(d, "menuduh Barat", 0);
    let end = find(d, "Dilansir Reuters", 0);
    let mut c2 = claim(d, "c2", Span::new(crossing.start, end.end), None);
    c2.checkworthy = Some(Checkworthy::No);
    let mut c3 = claim(d, "c3", find(d, "itu mencerminkan sesuatu", 0), Some("e9"));
    c3.quote = Some("q2".into());
    set.claims = vec![c1, c2, c3];
    set.paragraphs.fill(ParagraphStatus::Done);
    set.paragraphs[2] = ParagraphStatus::Todo;
    set.paragraphs[11] = ParagraphStatus::Skipped;
    set.sort();
    (doc, set)
}

/// Reads CoNLL output back into labelled char spans, aligning each token with the text.
///
/// Tokens of a block follow each other, white space between; at a block start, a token not
/// found at the cursor makes the cursor jump to the next paragraph (a paragraph left out).
/// Panics on a malformed file or an ill-formed tag sequence.
pub fn decode_conll(doc: &Document, conll: &str) -> Vec<(Span, String)> {
    let text: Vec<char> = doc.text().chars().collect();
    let starts: Vec<usize> = doc.paragraphs().iter().map(|p| p.chars.start).collect();
    let mut lines = conll.lines();
    assert_eq!(lines.next(), Some("-DOCSTART- -X- O O"));
    assert_eq!(lines.next(), Some(""));
    let mut cursor = 0;
    let mut block_start = true;
    let mut tokens: Vec<(Span, String)> = Vec::new();
    let mut spans = Vec::new();
    let mut flush = |tokens: &mut Vec<(Span, String)>| {
        spans.extend(decode_tags(tokens));
        tokens.clear();
    };
    for line in lines {
        if line.is_empty() {
            assert!(!block_start, "empty block");
            flush(&mut tokens);
            block_start = true;
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        assert_eq!(cols.len(), 4, "{line:?}");
        assert_eq!(&cols[1..3], ["-X-", "_"]);
        let token: Vec<char> = cols[0].chars().collect();
        let at = |c: usize| text[c..].starts_with(&token);
        loop {
            while text.get(cursor).is_some_and(|c| c.is_whitespace()) {
                cursor += 1;
            }
            if at(cursor) {
                break;
            }
            assert!(block_start, "token {:?} not at {cursor}", cols[0]);
            cursor = *starts
                .iter()
                .find(|&&s| s > cursor)
                .unwrap_or_else(|| panic!("token {:?} not found", cols[0]));
        }
        let span = Span::new(cursor, cursor + token.len());
        cursor = span.end;
        tokens.push((span, cols[3].to_owned()));
        block_start = false;
    }
    assert!(tokens.is_empty(), "last block not closed by a blank line");
    spans
}

/// Spans of one block's `(token span, tag)` list, IOB2 or BIOES; panics on an ill-formed
/// sequence (`I-` without a `B-` of the same label, a `B-` not closed by `E-` in BIOES, …).
pub fn decode_tags(tokens: &[(Span, String)]) -> Vec<(Span, String)> {
    let bioes = tokens
        .iter()
        .any(|(_, t)| t.starts_with("E-") || t.starts_with("S-"));
    let mut spans = Vec::new();
    let mut open: Option<(Span, String)> = None;
    for (span, tag) in tokens {
        let (prefix, label) = tag.split_once('-').unwrap_or((tag, ""));
        match prefix {
            "O" => {
                assert!(!bioes || open.is_none(), "{tag} inside an open BIOES span");
                spans.extend(open.take());
            }
            "B" | "S" => {
                assert!(!bioes || open.is_none(), "{tag} inside an open BIOES span");
                spans.extend(open.take());
                open = Some((*span, label.to_owned()));
                if prefix == "S" {
                    spans.extend(open.take());
                }
            }
            "I" | "E" => {
                let (s, l) = open
                    .as_mut()
                    .unwrap_or_else(|| panic!("{tag} opens nothing"));
                assert_eq!(l, label, "{tag} continues another label");
                s.end = span.end;
                if prefix == "E" {
                    spans.extend(open.take());
                }
            }
            other => panic!("bad tag prefix {other:?}"),
        }
    }
    assert!(!bioes || open.is_none(), "BIOES span not closed");
    spans.extend(open);
    spans
}

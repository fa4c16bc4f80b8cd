//! Any bytes as a gazetteer, a pattern file and an article, cut at `0xFF` bytes. Each reader
//! returns its entries or an error at a line and column of its file, and never panics; the
//! entries keep the promises of the format (a text without white space at its ends, a label
//! without white space, a score from 0 to 1); the lexicon of both loads when both read, and
//! its suggestions in the article lie inside their paragraph, in order, without overlapping.
//! An article that is exactly an entry's text (a phrase, or a pattern's words one space
//! apart) gets a suggestion covering all of it.
#![no_main]

use std::borrow::Cow;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tandai::model::Document;
use tandai::suggest::gazetteer;
use tandai::suggest::lexicon::Lexicon;
use tandai::suggest::patterns::{self, PatternKind, TokenRule};
use tandai_fuzz::{assert_in_paragraph, assert_place_within, parts};

/// Entries tried each as a whole article.
const WHOLE_ARTICLES: usize = 8;

fuzz_target!(|data: &[u8]| {
    let files = parts(data, 3);
    let (gazetteer_bytes, pattern_bytes) = (files[0], files[1]);
    let gazetteer_file = Path::new("fuzz.gazetteer.tsv");
    let pattern_file = Path::new("fuzz.patterns.jsonl");
    let mut phrases: Vec<String> = Vec::new();

    let entries = gazetteer::parse(gazetteer_file, gazetteer_bytes);
    let lossy = String::from_utf8_lossy(gazetteer_bytes);
    match &entries {
        Ok(entries) => {
            for e in entries {
                assert!(!e.text.is_empty() && e.text.trim() == e.text, "{e:?}");
                assert_label(&e.label);
                assert!(e.score.is_none_or(|s| (0.0..=1.0).contains(&s)), "{e:?}");
                assert_place_within(&lossy, e.line, None, &e.text);
                phrases.push(e.text.clone());
            }
        }
        Err(e) => {
            assert_eq!(e.file, gazetteer_file);
            assert_place_within(&lossy, e.line, Some(e.column), &e.to_string());
        }
    }

    let found = patterns::parse(pattern_file, pattern_bytes);
    let lossy: Cow<str> = String::from_utf8_lossy(pattern_bytes);
    match &found {
        Ok(found) => {
            for p in found {
                assert_label(&p.label);
                assert_place_within(&lossy, p.line, None, &p.label);
                match &p.kind {
                    PatternKind::Phrase(text) => {
                        assert!(!text.is_empty() && text.trim() == text, "{p:?}");
                        phrases.push(text.clone());
                    }
                    PatternKind::Tokens(tokens) => {
                        assert!(!tokens.is_empty(), "{p:?}");
                        let words: Vec<&str> = tokens
                            .iter()
                            .map(|t| match t {
                                TokenRule::Orth(w) | TokenRule::Lower(w) => w.as_str(),
                            })
                            .collect();
                        for w in &words {
                            assert!(!w.is_empty() && !w.contains(char::is_whitespace), "{p:?}");
                        }
                        phrases.push(words.join(" "));
                    }
                }
            }
        }
        Err(e) => {
            assert_eq!(e.file, pattern_file);
            assert_place_within(&lossy, e.line, Some(e.column), &e.to_string());
        }
    }

    let lexicon = Lexicon::parse(&[
        (gazetteer_file, gazetteer_bytes),
        (pattern_file, pattern_bytes),
    ]);
    let lexicon = match (lexicon, entries.is_ok() && found.is_ok()) {
        (Ok(lexicon), true) => lexicon,
        (Err(_), false) => return,
        (lexicon, _) => panic!("the lexicon and its readers disagree: {lexicon:?}"),
    };
    if let Ok(article) = std::str::from_utf8(files[2]) {
        check_suggestions(&lexicon, &Document::new(article));
    }
    for phrase in phrases.iter().take(WHOLE_ARTICLES) {
        let doc = Document::new(phrase.as_str());
        // An article is one paragraph of its text as given (a leading byte order mark is
        // dropped, line breaks cut paragraphs).
        let whole = doc.paragraphs().len() == 1 && doc.paragraph_text(0) == phrase;
        if !whole {
            continue;
        }
        let found = check_suggestions(&lexicon, &doc);
        assert!(
            found.iter().any(|s| s.span.len() == doc.len_chars()),
            "the article {phrase:?}, an entry's text, is not found whole: {found:?}"
        );
    }
});

/// Asserts a label of the files: not empty, no white space.
fn assert_label(label: &str) {
    assert!(
        !label.is_empty() && !label.contains(char::is_whitespace),
        "label {label:?}"
    );
}

/// Every suggestion of `doc`, checked: inside its paragraph, in order, none overlapping.
fn check_suggestions(lexicon: &Lexicon, doc: &Document) -> Vec<tandai::suggest::Suggestion> {
    let mut all = Vec::new();
    for index in 0..doc.paragraphs().len() {
        let found = lexicon.find(doc, index);
        for s in &found {
            assert_in_paragraph(doc, index, s.span, "suggestion");
            assert_label(s.what.label().expect("an entity"));
        }
        for pair in found.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "{pair:?}");
        }
        all.extend(found);
    }
    all
}

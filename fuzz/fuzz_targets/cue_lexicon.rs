//! Any text as an editor's cue lexicon (RON): the reader returns the lexicon or an error at a
//! line and column of the file, and never panics. What it accepts keeps its word: each form of
//! its `forms` lists, written as in the file, is a cue of the lexicon and of the built-in one
//! extended with it; each word of its word lists (white space around it aside) is in its
//! class; the quote finder with the extended lexicon proposes quotes inside their paragraph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ron::Value;
use tandai::model::Document;
use tandai::suggest::cues::{Cues, WordClass};
use tandai::suggest::quotes::find_quotes;
use tandai_fuzz::{assert_in_paragraph, assert_place_within};

/// The article the quote finder reads: direct and reported speech, in both languages.
const ARTICLE: &str = "\"Kami siap,\" kata Menlu Choe kepada wartawan.\n\
Presiden Jokowi mengatakan bahwa harga naik.\n\
According to the ministry, prices fell. \"We will see,\" he said.\n\
Menurut polisi, pelaku sudah ditangkap, ujarnya.\n";

const CLASSES: [(&str, WordClass); 4] = [
    ("complementizers", WordClass::Complementizer),
    ("pronouns", WordClass::Pronoun),
    ("subordinators", WordClass::Subordinator),
    ("not_clause_start", WordClass::NotClauseStart),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cues = match Cues::parse(text, "fuzz.ron") {
        Ok(cues) => cues,
        Err(e) => {
            assert_eq!(e.file, "fuzz.ron");
            assert_place_within(text, e.line, Some(e.column), &e.to_string());
            return;
        }
    };
    let mut extended = Cues::builtin();
    extended.extend(cues.clone());
    if let Ok(file) = ron::from_str::<Value>(text) {
        let mut forms = Vec::new();
        strings_under(&file, "forms", 2, &mut forms);
        for form in forms {
            let words: Vec<&str> = form.split_whitespace().collect();
            for lexicon in [&cues, &extended] {
                let found = lexicon.match_at(&words).map(|m| m.words);
                assert_eq!(found, Some(words.len()), "the form {form:?} is not found");
            }
        }
        for (list, class) in CLASSES {
            let mut words = Vec::new();
            strings_under(&file, list, 0, &mut words);
            for word in words {
                let word = word.trim();
                assert!(cues.is(word, class), "{word:?} is not in {list}");
                assert!(extended.is(word, class), "{word:?} is not in {list}");
            }
        }
    }
    let doc = Document::new(ARTICLE);
    let mut carry = None;
    for index in 0..doc.paragraphs().len() {
        let (found, next) = find_quotes(&doc, index, &[], &[], carry, &extended);
        for s in &found {
            assert_in_paragraph(&doc, index, s.span, "quote");
        }
        carry = next;
    }
});

/// The strings of the list under the field `name`, `depth` levels of nesting below the top
/// (the top's own fields at 0, those of the entries of its lists at 2).
fn strings_under(value: &Value, name: &str, depth: usize, out: &mut Vec<String>) {
    match value {
        Value::Map(map) => {
            for (key, v) in map.iter() {
                let is_name = matches!(key, Value::String(k) if k == name);
                match (is_name, depth, v) {
                    (true, 0, Value::Seq(items)) => {
                        out.extend(items.iter().filter_map(|i| match i {
                            Value::String(s) => Some(s.clone()),
                            _ => None,
                        }));
                    }
                    (false, 1.., _) => strings_under(v, name, depth - 1, out),
                    _ => {}
                }
            }
        }
        Value::Seq(items) if depth > 0 => {
            for item in items {
                strings_under(item, name, depth - 1, out);
            }
        }
        _ => {}
    }
}

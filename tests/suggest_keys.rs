//! The sample's gold annotation rebuilt from an empty file with suggestions on, by the key
//! script `sample-data/korut-dukung-rusia.suggest.keys`, in at most 300 keystrokes.
//!
//! The comparison is by place: ids may differ (accepting in another order numbers them
//! differently) and accepted annotations record their source; everything else must be the
//! gold's (labels, spans, kinds, cues, speakers, claimants, quotes of claims,
//! check-worthiness, notes, paragraph statuses).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{sample_copy, tandai};
use tandai::keymap::parse_keystrokes;
use tandai::model::{AnnotationSet, Document, Span};

const KEYS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/korut-dukung-rusia.suggest.keys"
);
const GAZETTEER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/newsroom.gazetteer.tsv"
);
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/korut-dukung-rusia.ann.ron"
);

/// The most keystrokes the script may take (the budget).
const BUDGET: usize = 300;

/// Keystrokes in a keys file: each key once, comments and line breaks aside.
fn keystrokes(path: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| parse_keystrokes(l).unwrap().len())
        .sum()
}

/// Every annotation of `set` described by place, ids resolved to the places they name.
fn by_place(set: &AnnotationSet, doc: &Document) -> BTreeSet<String> {
    let spans = |s: &[Span]| {
        s.iter()
            .map(|s| format!("{}-{} “{}”", s.start, s.end, doc.slice(*s)))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let entity = |id: &Option<tandai::model::Text>| {
        id.as_deref()
            .and_then(|id| set.entity(id))
            .map_or("none".into(), |e| spans(&e.spans))
    };
    let quote = |id: &Option<tandai::model::Text>| {
        id.as_deref()
            .and_then(|id| set.quote(id))
            .map_or("none".into(), |q| spans(&q.spans))
    };
    let mut out = BTreeSet::new();
    for (i, status) in set.paragraphs.iter().enumerate() {
        out.insert(format!("¶{:02} {status:?}", i + 1));
    }
    for e in &set.entities {
        out.insert(format!(
            "entity {} {} note {:?}",
            spans(&e.spans),
            e.label,
            e.note
        ));
    }
    for q in &set.quotes {
        let cue = q.cue.as_ref().map_or("none".into(), |c| spans(&c.spans));
        out.insert(format!(
            "quote {} {:?} cue {cue} speaker {} note {:?}",
            spans(&q.spans),
            q.kind,
            entity(&q.speaker),
            q.note
        ));
    }
    for c in &set.claims {
        out.insert(format!(
            "claim {} claimant {} quote {} {:?} note {:?}",
            spans(&c.spans),
            entity(&c.claimant),
            quote(&c.quote),
            c.checkworthy,
            c.note
        ));
    }
    out
}

fn load(article: &Path) -> (Document, AnnotationSet) {
    let doc = Document::new(std::fs::read_to_string(article).unwrap());
    let set = tandai::store::load(article, &doc).unwrap().unwrap().set;
    (doc, set)
}

#[test]
fn the_key_script_rebuilds_the_gold_annotation_within_the_budget() {
    let (dir, article) = sample_copy();
    std::fs::copy(GAZETTEER, dir.path().join("newsroom.gazetteer.tsv")).unwrap();
    let out = tandai()
        .args(["replay", "--size", "120x40", "--keys-file", KEYS])
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (doc, made) = load(&article);
    let gold_copy = dir.path().join("gold.txt");
    std::fs::copy(&article, &gold_copy).unwrap();
    std::fs::copy(GOLD, dir.path().join("gold.ann.ron")).unwrap();
    let (_, gold) = load(&gold_copy);
    let (made, gold) = (by_place(&made, &doc), by_place(&gold, &doc));
    let missing: Vec<&String> = gold.difference(&made).collect();
    let extra: Vec<&String> = made.difference(&gold).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing (in the gold, not made):\n{}\n\nextra (made, not in the gold):\n{}",
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        extra
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let count = keystrokes(KEYS);
    assert!(count <= BUDGET, "{count} keystrokes, more than {BUDGET}");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&format!("in {count} keystrokes")),
        "the README gives the count: in {count} keystrokes"
    );
}

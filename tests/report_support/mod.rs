//! The report tests' fixture: a hostile article (markup, quotes of both kinds, `</style>`, a
//! NUL, bidirectional controls in its text, its notes and its label) with an entity inside a
//! quote, a claim crossing that quote, paragraphs not done, and stored predictions.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tandai::model::{
    AnnotationSet, Checkworthy, Claim, Cue, Document, Edit, Entity, Item, NextIds, ParagraphStatus,
    Quote, QuoteKind, ReviewStatus, Source, Span, Text, smallvec,
};
use tandai::suggest::predictions::{PredictedEntity, Predictions};

/// Markup that would change the page's title if it ran.
pub const SCRIPT: &str = "<script>document.title='pwned'</script>";
/// An image whose error handler would change the title if it were markup.
pub const IMG: &str = "<img src=x onerror=\"document.title='pwned'\">";

/// The hostile article's text: one paragraph per line.
pub fn hostile_text() -> String {
    [
        format!("Kata {SCRIPT} & \"kutip\" 'tunggal' di Jakarta."),
        format!("{IMG}</style><style>body{{display:none}}</style> \u{202E}kebalik\u{202C} nul\u{0}di sini."),
        "“Kami dan <b>Jakarta</b> siap,” kata Budi Santoso kepada wartawan.".to_owned(),
    ]
    .join("\n")
        + "\n"
}

/// The characters of the `nth` occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize) -> Span {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
        .0;
    let start = text[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn entity(id: &str, label: &str, span: Span, text: &str, note: Option<&str>) -> Item {
    Item::Entity(Entity {
        id: id.into(),
        label: label.into(),
        spans: smallvec![span],
        text: text.into(),
        note: note.map(Text::from),
        review: ReviewStatus::Unreviewed,
        source: Source::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })
}

/// The annotations of the hostile article.
pub fn hostile_set(doc: &Document) -> AnnotationSet {
    let text = doc.text();
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.paragraphs = vec![
        ParagraphStatus::Done,
        ParagraphStatus::Flagged,
        ParagraphStatus::Todo,
    ];
    let script = find(text, SCRIPT, 0);
    let jakarta = find(text, "<b>Jakarta</b>", 0);
    let budi = find(text, "Budi Santoso", 0);
    let edits = [
        entity(
            "e1",
            "MISC",
            script,
            SCRIPT,
            Some("\"><script>document.title='pwned'</script> & 'x' \u{202E}lon\u{0}"),
        ),
        entity(
            "e2",
            "X\"><img src=x onerror=document.title='pwned'>",
            jakarta,
            "<b>Jakarta</b>",
            None,
        ),
        entity("e3", "PER", budi, "Budi Santoso", Some("</style>")),
        Item::Quote(Quote {
            id: "q1".into(),
            kind: QuoteKind::Direct,
            spans: smallvec![find(text, "Kami dan <b>Jakarta</b> siap,", 0)],
            text: "Kami dan <b>Jakarta</b> siap,".into(),
            cue: Some(Cue {
                spans: smallvec![find(text, "kata", 0)],
                text: "kata".into(),
            }),
            speaker: Some("e3".into()),
            note: Some("<i>note</i>".into()),
            review: ReviewStatus::Accepted,
            source: Source::default(),
            by: Default::default(),
            attributes: Vec::new(),
        }),
        Item::Claim(Claim {
            id: "c1".into(),
            spans: smallvec![find(text, "siap,” kata Budi", 0)],
            text: "siap,” kata Budi".into(),
            claimant: Some("e3".into()),
            quote: Some("q1".into()),
            checkworthy: Some(Checkworthy::Yes),
            note: None,
            review: ReviewStatus::Rejected,
            source: Source::default(),
            by: Default::default(),
            attributes: Vec::new(),
        }),
    ];
    for item in edits {
        set.apply(&Edit::Insert(item));
    }
    set.next_ids = NextIds {
        entity: 4,
        quote: 2,
        claim: 2,
        relation: 1,
    };
    set
}

/// Writes the hostile article (named `name` in `dir`), its annotations and its stored
/// predictions; returns the article's path.
pub fn write_hostile(dir: &Path, name: &str) -> PathBuf {
    let article = dir.join(name);
    let text = hostile_text();
    std::fs::write(&article, &text).unwrap();
    let doc = Document::new(text.clone());
    tandai::store::save(&article, &doc, &hostile_set(&doc), "gold").expect("saves");
    let mut predictions = Predictions::new(name, &doc, "tool<script>");
    predictions.entities.push(PredictedEntity {
        span: find(&text, "Jakarta", 0),
        text: "Jakarta".into(),
        label: "LOC".into(),
        score: Some(0.5),
    });
    predictions.save(&article).expect("predictions saved");
    article
}

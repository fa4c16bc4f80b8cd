//! Property tests: random actions on random documents never panic and keep the invariants
//! (spans inside the text, stored text equal to the text slice, links resolve, ids unique,
//! undo of everything returns the original file byte for byte).

use std::collections::HashSet;

use proptest::prelude::*;
use tandai::action::Action;
use tandai::keymap::Keymap;
use tandai::model::{AnnotationSet, Document, Item, ParagraphStatus};
use tandai::state::AppState;

/// Pieces that make articles hard: curly quotes, dashes, emoji, CJK, combining marks, CR,
/// blank lines, tabs, control characters.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Putin",
        "Korea Utara",
        " ",
        " ",
        " ",
        "kata",
        "ujarnya",
        "8.000",
        ".",
        ", ",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "«",
        "»",
        " – ",
        "\n",
        "\r\n",
        "\n\n",
        "👩‍👩‍👧",
        "東京",
        "e\u{301}",
        "\t",
        "\u{1b}[31m",
        "Bergelora.com",
        "1/11/2024",
        "?",
        "!",
    ])
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|p| p.concat())
}

fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    let simple = prop::sample::select(vec![
        NextParagraph,
        PrevParagraph,
        FirstParagraph,
        LastParagraph,
        NextWord,
        PrevWord,
        ParagraphStart,
        ParagraphEnd,
        ToggleSelection,
        SelectionEndRight,
        SelectionEndLeft,
        SelectionStartLeft,
        SelectionStartRight,
        SelectSentence,
        StartSearch,
        SearchNext,
        SearchPrev,
        TagEntity(1),
        TagEntity(2),
        TagEntity(5),
        TagQuote,
        SetCue,
        TagClaim,
        LinkEntity,
        CycleKind,
        Delete,
        EditNote,
        Undo,
        Redo,
        MarkDoneNext,
        SetStatus(ParagraphStatus::Flagged),
        Save,
        ToggleHelp,
        Quit,
        Confirm,
        Cancel,
        Backspace,
        ListUp,
        ListDown,
    ]);
    prop_oneof![
        8 => simple,
        1 => prop::sample::select(vec!['a', 'u', 'K', ' ', '“', '東']).prop_map(InsertChar),
    ]
}

fn check_invariants(state: &AppState) -> Result<(), TestCaseError> {
    let doc = &state.doc;
    let set = &state.annotations;
    prop_assert_eq!(set.paragraphs.len(), doc.paragraphs().len());
    let mut ids = HashSet::new();
    for item in set.items() {
        prop_assert!(
            ids.insert(item.id().to_owned()),
            "duplicate id {}",
            item.id()
        );
        prop_assert!(!item.spans().is_empty());
        for span in item.spans() {
            prop_assert!(
                span.start < span.end && span.end <= doc.len_chars(),
                "{span:?}"
            );
        }
        let text = match &item {
            Item::Entity(e) => &e.text,
            Item::Quote(q) => &q.text,
            Item::Claim(c) => &c.text,
        };
        prop_assert_eq!(text, &doc.slice_fragments(item.spans()));
        if let Item::Quote(q) = &item {
            if let Some(cue) = &q.cue {
                prop_assert_eq!(&cue.text, &doc.slice_fragments(&cue.spans));
            }
            if let Some(speaker) = &q.speaker {
                prop_assert!(set.entity(speaker).is_some(), "dangling speaker {speaker}");
            }
        }
        if let Item::Claim(c) = &item {
            if let Some(claimant) = &c.claimant {
                prop_assert!(
                    set.entity(claimant).is_some(),
                    "dangling claimant {claimant}"
                );
            }
            if let Some(quote) = &c.quote {
                prop_assert!(set.quote(quote).is_some(), "dangling quote {quote}");
            }
        }
    }
    prop_assert!(state.focus < doc.paragraphs().len().max(1));
    Ok(())
}

/// What one random run made: how many entities, quotes and claims stood at the end before
/// everything was undone.
#[derive(Default, Clone, Copy)]
struct Made {
    entities: usize,
    quotes: usize,
    claims: usize,
}

/// Runs `actions` on `text`: after each action the invariants hold and the file tandai would
/// save loads back, with tandai's own loader, to exactly the state's annotations; undoing
/// everything gives back the original file byte for byte.
fn run_actions(text: String, actions: Vec<Action>) -> Result<Made, TestCaseError> {
    let doc = Document::new(text);
    let set = AnnotationSet::new(doc.paragraphs().len());
    let mut state = AppState::new(doc, set, Keymap::embedded_default(), "random.txt");
    let path = std::path::Path::new("random.txt");
    let ann = std::path::Path::new("random.ann.ron");
    let original = tandai::store::to_ron(path, &state.doc, &state.annotations, "p");
    for action in actions {
        state.update(action);
        check_invariants(&state)?;
        let saved = tandai::store::to_ron(path, &state.doc, &state.annotations, "p");
        let loaded = tandai::store::parse(ann, &saved, &state.doc)
            .map_err(|e| TestCaseError::fail(format!("the saved file does not load: {e}")))?;
        prop_assert_eq!(&loaded.set, &state.annotations);
        prop_assert_eq!(loaded.annotator, "p");
    }
    let made = Made {
        entities: state.annotations.entities.len(),
        quotes: state.annotations.quotes.len(),
        claims: state.annotations.claims.len(),
    };
    state.mode = tandai::keymap::Mode::Normal;
    while state.history.undo_len() > 0 {
        state.update(Action::Undo);
    }
    let undone = tandai::store::to_ron(path, &state.doc, &state.annotations, "p");
    prop_assert_eq!(undone, original);
    Ok(made)
}

/// 300 random runs keep the invariants; and the random actions do annotate: a good share of
/// the runs end with entities, quotes and claims (about 45%, 12% and 30% of them do), so the
/// invariants are checked on annotations, not on empty sets.
#[test]
fn random_actions_keep_the_invariants() {
    use std::cell::RefCell;

    use proptest::test_runner::{Config, TestRunner};

    let runs = RefCell::new(Vec::new());
    let mut runner = TestRunner::new(Config {
        cases: 300,
        ..Config::default()
    });
    let case = (article(), prop::collection::vec(action(), 0..80));
    runner
        .run(&case, |(text, actions)| {
            runs.borrow_mut().push(run_actions(text, actions)?);
            Ok(())
        })
        .unwrap();
    let runs = runs.into_inner();
    let share = |count: &dyn Fn(&Made) -> usize| runs.iter().filter(|m| count(m) > 0).count();
    let (entities, quotes, claims) = (
        share(&|m| m.entities),
        share(&|m| m.quotes),
        share(&|m| m.claims),
    );
    eprintln!(
        "of {} runs: {entities} made entities, {quotes} quotes, {claims} claims",
        runs.len()
    );
    assert!(
        entities * 4 >= runs.len(),
        "{entities} of {} runs made an entity",
        runs.len()
    );
    assert!(
        quotes * 30 >= runs.len(),
        "{quotes} of {} runs made a quote",
        runs.len()
    );
    assert!(
        claims * 10 >= runs.len(),
        "{claims} of {} runs made a claim",
        runs.len()
    );
}

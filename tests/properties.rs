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

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_keep_the_invariants(text in article(), actions in prop::collection::vec(action(), 0..80)) {
        let doc = Document::new(text);
        let set = AnnotationSet::new(doc.paragraphs().len());
        let mut state = AppState::new(doc, set, Keymap::embedded_default(), "random.txt");
        let path = std::path::Path::new("random.txt");
        let original = tandai::store::to_ron(path, &state.doc, &state.annotations, "p");
        for action in actions {
            state.update(action);
            check_invariants(&state)?;
            let saved = tandai::store::to_ron(path, &state.doc, &state.annotations, "p");
            prop_assert!(ron::from_str::<ron::Value>(&saved).is_ok());
        }
        state.mode = tandai::keymap::Mode::Normal;
        while state.history.undo_len() > 0 {
            state.update(Action::Undo);
        }
        let undone = tandai::store::to_ron(path, &state.doc, &state.annotations, "p");
        prop_assert_eq!(undone, original);
    }
}

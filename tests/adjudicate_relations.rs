//! Adjudicating relations on the state: two annotators' relations and keys in, the gold out.
//!
//! The article is `Dewi bertemu Budi di Jakarta.`:
//!
//! | annotator | Dewi | Budi | Jakarta | relations                               |
//! |-----------|------|------|---------|-----------------------------------------|
//! | ana       | PER  | PER  | LOC     | Meets Dewi→Budi, LocatedIn Dewi→Jakarta |
//! | budi      | PER  | PER  | ORG     | Meets Budi→Dewi, LocatedIn Dewi→Jakarta |
//!
//! So Dewi and Budi are agreed, Jakarta is disputed (LOC or ORG), the two Meets go different
//! ways, and the two LocatedIn point at Jakarta labelled differently.

use tandai::action::Action;
use tandai::keymap::{Keymap, Mode, parse_keystrokes};
use tandai::model::disagreements::{Layer, align};
use tandai::model::{AnnotationSet, Document, Entity, Relation, Span, smallvec};
use tandai::state::AppState;

const TEXT: &str = "Dewi bertemu Budi di Jakarta.\n";

fn entity(doc: &Document, id: &str, label: &str, at: (usize, usize)) -> Entity {
    let span = Span::new(at.0, at.1);
    Entity {
        by: Default::default(),
        id: id.into(),
        label: label.into(),
        spans: smallvec![span],
        text: doc.slice(span).into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        attributes: Vec::new(),
    }
}

fn relation(id: &str, kind: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: id.into(),
        kind: kind.into(),
        from: from.into(),
        to: to.into(),
        note: None,
    }
}

/// An annotator's set: Dewi e1, Budi e2, Jakarta e3 labelled `jakarta`, and `relations`.
fn party(doc: &Document, jakarta: &str, relations: Vec<Relation>) -> AnnotationSet {
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.entities = vec![
        entity(doc, "e1", "PER", (0, 4)),
        entity(doc, "e2", "PER", (13, 17)),
        entity(doc, "e3", jakarta, (21, 28)),
    ];
    set.relations = relations;
    set.next_ids.entity = 4;
    set.next_ids.relation = 3;
    set.sort();
    set
}

/// Adjudication of ana and budi over an empty gold, started.
fn adjudicating() -> AppState {
    let doc = Document::new(TEXT);
    let ana = party(
        &doc,
        "LOC",
        vec![
            relation("r1", "Meets", "e1", "e2"),
            relation("r2", "LocatedIn", "e1", "e3"),
        ],
    );
    let budi = party(
        &doc,
        "ORG",
        vec![
            relation("r1", "Meets", "e2", "e1"),
            relation("r2", "LocatedIn", "e1", "e3"),
        ],
    );
    let alignment = align(&[("ana", &ana), ("budi", &budi)]);
    let gold = AnnotationSet::new(doc.paragraphs().len());
    let mut state = AppState::new(doc, gold, Keymap::embedded_default(), "temu.txt");
    state.update(Action::StartAdjudication(Box::new(alignment)));
    state
}

fn keys(state: &mut AppState, typed: &str) {
    for key in parse_keystrokes(typed).unwrap() {
        state.handle_key(key);
    }
}

fn left(state: &AppState) -> usize {
    state.adjudication.as_ref().unwrap().left()
}

/// The layer and text of the unit shown.
fn shown(state: &AppState) -> (Layer, String) {
    let unit = state.adjudication.as_ref().unwrap().unit().unwrap();
    (unit.layer, state.doc.slice(unit.range).to_owned())
}

/// The gold's relations as `kind from-text to-text`.
fn relations(gold: &AnnotationSet) -> Vec<String> {
    gold.relations
        .iter()
        .map(|r| {
            let text = |id: &str| gold.entity(id).map_or("?".into(), |e| e.text.to_string());
            format!("{} {} {}", r.kind, text(&r.from), text(&r.to))
        })
        .collect()
}

/// The screen of `state` on a `width` × `height` terminal, as text.
fn screen(state: &AppState, width: u16, height: u16) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = tandai::ui::Theme::plain();
    terminal
        .draw(|frame| tandai::ui::render(frame, state, &theme))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let line: String = (0..width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn relation_disagreements_are_listed_and_taken_with_the_golds_ids() {
    let mut state = adjudicating();
    assert_eq!(state.mode, Mode::Adjudicate);
    let message = state.message.clone().unwrap();
    assert_eq!(
        message,
        "2 annotations every annotator agrees on settled in the gold; 3 disagreements left"
    );
    // Dewi and Budi are in the gold; no relation is, each being disputed.
    assert_eq!(state.annotations.entities.len(), 2);
    assert!(state.annotations.relations.is_empty());
    // The Meets comes first: at Budi, its later end.
    assert_eq!(
        shown(&state),
        (Layer::Relation, "Dewi bertemu Budi".to_owned())
    );
    keys(&mut state, "2");
    assert_eq!(relations(&state.annotations), ["Meets Budi Dewi"]);
    assert_eq!(left(&state), 2);
    // Jakarta, then its LocatedIn. The LocatedIn cannot be taken before Jakarta is settled.
    keys(&mut state, "n");
    assert_eq!(shown(&state), (Layer::Entity, "Jakarta".to_owned()));
    keys(&mut state, "n");
    assert_eq!(shown(&state).0, Layer::Relation);
    let before = state.annotations.clone();
    keys(&mut state, "1");
    assert_eq!(state.annotations, before, "refused: nothing changes");
    assert_eq!(
        state.message.as_deref(),
        Some(
            "cannot take version 1 (ana) yet: the gold lacks its end LOC “Jakarta” (LocatedIn relation): settle that first"
        )
    );
    // Jakarta as LOC; the disputed LocatedIn does not come with it.
    keys(&mut state, "N1");
    assert_eq!(state.annotations.entity("e3").unwrap().label, "LOC");
    assert_eq!(relations(&state.annotations), ["Meets Budi Dewi"]);
    // budi's LocatedIn points at ORG Jakarta, which the gold lacks; ana's can be taken.
    keys(&mut state, "n2");
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("the gold lacks its end ORG “Jakarta”"),
        "{:?}",
        state.message
    );
    keys(&mut state, "1");
    assert_eq!(
        relations(&state.annotations),
        ["Meets Budi Dewi", "LocatedIn Dewi Jakarta"]
    );
    let ids: Vec<(&str, &str, &str)> = state
        .annotations
        .relations
        .iter()
        .map(|r| (r.id.as_str(), r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(ids, [("r1", "e2", "e1"), ("r2", "e1", "e3")]);
    assert_eq!(left(&state), 0);
    // One undo step takes the relation back out.
    keys(&mut state, "u");
    assert_eq!(relations(&state.annotations), ["Meets Budi Dewi"]);
    assert_eq!(left(&state), 1);
}

#[test]
fn the_panel_shows_a_relation_disagreement_and_why_a_version_cannot_be_taken() {
    let mut state = adjudicating();
    // The Meets taken as budi's, Jakarta as LOC: the LocatedIn is shown, budi's version
    // waiting for ORG Jakarta.
    keys(&mut state, "2n1n");
    insta::assert_snapshot!(screen(&state, 110, 22));
}

#[test]
fn the_review_panel_filters_relation_rows_by_their_own_disagreement() {
    // Jakarta agreed as LOC; both drew LocatedIn Budi → Jakarta, and Meets either way round.
    let doc = Document::new(TEXT);
    let located = || relation("r2", "LocatedIn", "e2", "e3");
    let ana = party(
        &doc,
        "LOC",
        vec![relation("r1", "Meets", "e1", "e2"), located()],
    );
    let budi = party(
        &doc,
        "LOC",
        vec![relation("r1", "Meets", "e2", "e1"), located()],
    );
    let alignment = align(&[("ana", &ana), ("budi", &budi)]);
    let gold = AnnotationSet::new(doc.paragraphs().len());
    let mut state = AppState::new(doc, gold, Keymap::embedded_default(), "temu.txt");
    state.update(Action::StartAdjudication(Box::new(alignment)));
    // The agreed LocatedIn came on entry; ana's Meets is taken.
    keys(&mut state, "1e<Tab>/relation disagreements<Enter>");
    assert_eq!(
        relations(&state.annotations),
        ["LocatedIn Budi Jakarta", "Meets Dewi Budi"]
    );
    let rows = tandai::state::review_rows(&state);
    let kept: Vec<&str> = rows.iter().map(|r| r.tag.as_str()).collect();
    // The LocatedIn starts at Budi, inside the disputed Meets' range, yet is agreed.
    assert_eq!(kept, ["Meets"]);
}

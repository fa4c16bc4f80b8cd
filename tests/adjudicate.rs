//! Adjudication on the state: the annotators' versions and keys in, the gold out.
//!
//! The versions are the sample's gold (as the annotator `editor`) and a second version
//! (`budi`, `tests/fixtures/adjudicate/`) made from it with other ids and eight differences:
//! Barat relabelled ORG (so the quote it speaks and the claim it makes differ too), Jakarta
//! deleted, "musim panas" added as MISC, another speaker for q7, another kind for q4, another
//! check-worthiness for c4.

use std::path::Path;

use tandai::action::Action;
use tandai::keymap::{Keymap, Mode, parse_keystrokes};
use tandai::model::disagreements::{Content, align, contents};
use tandai::model::{AnnotationSet, Document, IdKind};
use tandai::state::AppState;

const ARTICLE: &str = include_str!("../sample-data/korut-dukung-rusia.txt");
const EDITOR: &str = include_str!("../sample-data/korut-dukung-rusia.ann.ron");
const BUDI: &str = include_str!("fixtures/adjudicate/korut-dukung-rusia.ann.budi.ron");

fn read(text: &str, doc: &Document) -> AnnotationSet {
    tandai::store::parse(Path::new("x.ann.ron"), text, doc)
        .unwrap()
        .set
}

/// An adjudication of editor and budi over `gold`, started.
fn adjudicating(gold: AnnotationSet) -> AppState {
    let doc = Document::new(ARTICLE);
    let (editor, budi) = (read(EDITOR, &doc), read(BUDI, &doc));
    let alignment = align(&[("budi", &budi), ("editor", &editor)]);
    let mut state = AppState::new(doc, gold, Keymap::embedded_default(), "article.txt");
    state.update(Action::StartAdjudication(Box::new(alignment)));
    state
}

fn empty_gold() -> AnnotationSet {
    AnnotationSet::new(Document::new(ARTICLE).paragraphs().len())
}

fn keys(state: &mut AppState, typed: &str) {
    for key in parse_keystrokes(typed).unwrap() {
        state.handle_key(key);
    }
}

/// Every annotation of a set as compared by place (ids and who made it aside).
fn by_place(set: &AnnotationSet) -> Vec<Content> {
    IdKind::ALL
        .into_iter()
        .flat_map(|layer| contents(set, layer))
        .collect()
}

fn left(state: &AppState) -> usize {
    state.adjudication.as_ref().unwrap().left()
}

fn shown_text(state: &AppState) -> String {
    let unit = state.adjudication.as_ref().unwrap().unit().unwrap();
    state.doc.slice(unit.range).to_owned()
}

#[test]
fn entering_settles_what_both_agree_on_in_one_undo_step() {
    let mut state = adjudicating(empty_gold());
    assert_eq!(state.mode, Mode::Adjudicate);
    let message = state.message.clone().unwrap();
    assert!(
        message.starts_with("119 annotations every annotator agrees on settled in the gold"),
        "{message}"
    );
    assert!(message.ends_with("8 disagreements left"), "{message}");
    let (e, q, c) = state.annotations.counts();
    assert_eq!((e, q, c), (91, 18, 10));
    let agreed = state.annotations.entity("e1").unwrap();
    assert_eq!(agreed.by.names(), ["budi", "editor"]);
    assert_eq!(
        shown_text(&state),
        "Barat",
        "the first disagreement, by place"
    );
    assert_eq!(state.selection.unwrap().span.start, 347);
    keys(&mut state, "u");
    assert_eq!(state.annotations.counts(), (0, 0, 0));
}

#[test]
fn taking_the_editors_version_everywhere_gives_the_editors_file() {
    let mut state = adjudicating(empty_gold());
    let mut visited = Vec::new();
    for _ in 0..8 {
        visited.push(shown_text(&state));
        keys(&mut state, "2n");
    }
    assert_eq!(
        visited,
        [
            "Barat",
            "ribuan pasukan Korea Utara berada di Rusia",
            "ribuan pasukan Korea Utara berada di Rusia",
            "Kami ulangi bahwa kami akan selalu mendukung kawan-kawan Rusia kami hingga hari kemenangan,",
            "musim panas",
            "Hubungan yang sangat erat telah terjalin antara militer dan dinas khusus kedua negara,",
            "Rusia telah berupaya memperdalam hubungannya dengan Korea Utara sejak mengirim pasukan ke Ukraina.",
            "Jakarta",
        ]
    );
    assert_eq!(
        state.message.as_deref(),
        Some("every disagreement is settled (8)")
    );
    let editor = read(EDITOR, &state.doc);
    assert_eq!(by_place(&state.annotations), by_place(&editor));
    let jakarta = state
        .annotations
        .entities
        .iter()
        .find(|e| e.text == "Jakarta");
    assert_eq!(jakarta.unwrap().by.names(), ["editor"]);
}

#[test]
fn taking_budis_version_everywhere_gives_budis_file() {
    let mut state = adjudicating(empty_gold());
    for _ in 0..8 {
        keys(&mut state, "1n");
    }
    assert_eq!(left(&state), 0);
    let budi = read(BUDI, &state.doc);
    assert_eq!(by_place(&state.annotations), by_place(&budi));
}

#[test]
fn several_versions_none_and_undo() {
    let mut state = adjudicating(empty_gold());
    // Barat: both labels stay.
    keys(&mut state, "<Space>j<Space><Enter>");
    let barat: Vec<&str> = state
        .annotations
        .entities
        .iter()
        .filter(|e| e.text == "Barat" && e.spans[0].start == 347)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(barat.len(), 2, "{barat:?}");
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("versions 1 and 2 (budi, editor)")
    );
    assert_eq!(left(&state), 7);
    // Undone in one step: unsettled again.
    keys(&mut state, "u");
    assert_eq!(left(&state), 8);
    // None: nothing there, and settled as none.
    keys(&mut state, "0");
    assert!(
        !state
            .annotations
            .entities
            .iter()
            .any(|e| e.spans[0].start == 347)
    );
    assert_eq!(left(&state), 7);
    keys(&mut state, "n");
    assert_eq!(
        shown_text(&state),
        "ribuan pasukan Korea Utara berada di Rusia"
    );
}

#[test]
fn settled_disagreements_are_skipped_unless_shown() {
    // The gold already holds the editor's Barat: that disagreement is settled.
    let doc = Document::new(ARTICLE);
    let editor = read(EDITOR, &doc);
    let mut gold = empty_gold();
    gold.entities.push(editor.entity("e14").unwrap().clone());
    gold.next_ids.entity = 15;
    gold.sort();
    let mut state = adjudicating(gold);
    assert_eq!(left(&state), 7);
    assert_eq!(
        shown_text(&state),
        "ribuan pasukan Korea Utara berada di Rusia"
    );
    keys(&mut state, "N");
    assert_eq!(
        shown_text(&state),
        "Jakarta",
        "previous wraps, skipping Barat"
    );
    keys(&mut state, "an");
    assert_eq!(
        shown_text(&state),
        "Barat",
        "shown when settled ones are asked for"
    );
    let adjudication = state.adjudication.as_ref().unwrap();
    assert_eq!(
        adjudication.settled(adjudication.current.unwrap()),
        Some(&[1][..])
    );
}

#[test]
fn editing_by_hand_leaves_at_the_place_and_comes_back() {
    let mut state = adjudicating(empty_gold());
    keys(&mut state, "e");
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.cursor, 347);
    // The normal keys work: tag Barat as LOC by hand (label 3) settles it.
    keys(&mut state, "3");
    assert_eq!(left(&state), 7);
    keys(&mut state, "D");
    assert_eq!(state.mode, Mode::Adjudicate);
    assert_eq!(shown_text(&state), "Barat");
    keys(&mut state, "n");
    assert_eq!(
        shown_text(&state),
        "ribuan pasukan Korea Utara berada di Rusia"
    );
}

#[test]
fn without_versions_the_key_says_how_to_get_them() {
    let doc = Document::new(ARTICLE);
    let mut state = AppState::new(doc, empty_gold(), Keymap::embedded_default(), "a.txt");
    keys(&mut state, "D");
    assert_eq!(state.mode, Mode::Normal);
    assert!(state.message.unwrap().contains("tandai adjudicate"));
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
fn the_view_shows_the_versions_side_by_side_with_who_made_them() {
    let mut state = adjudicating(empty_gold());
    // The quote whose speaker differs (Barat, labelled two ways): version 2 marked, 1 highlighted.
    keys(&mut state, "2nj<Space>k");
    insta::assert_snapshot!(screen(&state, 110, 30));
}

#[test]
fn the_review_panel_filters_to_the_annotations_the_annotators_disagree_on() {
    let mut state = adjudicating(empty_gold());
    keys(&mut state, "2e<Tab>ffffff");
    assert_eq!(state.review.preset, tandai::state::Preset::Disagreements);
    let rows = tandai::state::review_rows(&state);
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["Barat"]);
    let doc = Document::new(ARTICLE);
    let mut plain = AppState::new(
        doc,
        read(EDITOR, &Document::new(ARTICLE)),
        Keymap::embedded_default(),
        "a.txt",
    );
    keys(&mut plain, "<Tab>ffffff");
    assert_eq!(
        plain.review.preset,
        tandai::state::Preset::All,
        "no disagreements without versions"
    );
}

/// The sample's gold with conflicts a merge recorded: e1 (MOSKWA, PER at the base) relabelled
/// LOC by ours (what the set holds) and ORG by theirs, and e3 (Choe Son Hui, the speaker of q1)
/// deleted by theirs.
fn gold_with_conflicts() -> AnnotationSet {
    use tandai::model::{About, Conflict, Edit, Item, Version};
    let doc = Document::new(ARTICLE);
    let mut gold = read(EDITOR, &doc);
    let entity = |id: &str, label: &str| {
        let mut e = gold.entity(id).unwrap().clone();
        e.label = label.into();
        Some(Version::Item(Item::Entity(e)))
    };
    let relabelled = Conflict {
        about: About::Annotation("e1".into()),
        reason: "relabelled two ways".into(),
        base: entity("e1", "PER"),
        ours: entity("e1", "LOC"),
        theirs: entity("e1", "ORG"),
    };
    let deleted = Conflict {
        about: About::Annotation("e3".into()),
        reason: "deleted by theirs, still linked by q1".into(),
        base: entity("e3", "PER"),
        ours: entity("e3", "PER"),
        theirs: None,
    };
    gold.apply(&Edit::Record(relabelled));
    gold.apply(&Edit::Record(deleted));
    gold
}

#[test]
fn recorded_conflicts_are_settled_like_disagreements_without_annotators() {
    let doc = Document::new(ARTICLE);
    let gold = gold_with_conflicts();
    let mut state = AppState::new(doc, gold.clone(), Keymap::embedded_default(), "a.txt");
    // From the article, D opens adjudication of the recorded conflicts.
    keys(&mut state, "D");
    assert_eq!(state.mode, Mode::Adjudicate);
    assert_eq!(
        state.message.as_deref(),
        Some("2 disagreements left, 2 of them recorded conflicts")
    );
    let shown = |state: &AppState| {
        let a = state.adjudication.as_ref().unwrap();
        a.conflict().map(|c| c.about.clone())
    };
    assert_eq!(
        shown(&state),
        Some(tandai::model::About::Annotation("e1".into()))
    );
    assert_eq!(state.selection.unwrap().span.start, 0, "MOSKWA selected");
    // The version the gold holds (ours) is highlighted.
    assert_eq!(state.adjudication.as_ref().unwrap().highlight, 1);
    // Theirs: e1 becomes ORG and its record goes, in one undo step.
    keys(&mut state, "3");
    assert_eq!(state.annotations.entity("e1").unwrap().label, "ORG");
    assert_eq!(state.annotations.conflicts().len(), 1);
    assert_eq!(left(&state), 1);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .starts_with("took theirs (relabelled two ways); 1 disagreement left"),
        "{:?}",
        state.message
    );
    // Next reaches the other conflict; taking theirs (none: deleted) is refused, nothing changes.
    keys(&mut state, "n");
    assert_eq!(
        shown(&state),
        Some(tandai::model::About::Annotation("e3".into()))
    );
    let before = state.annotations.clone();
    keys(&mut state, "0");
    assert_eq!(state.annotations, before);
    assert_eq!(
        state.message.as_deref(),
        Some("cannot take theirs: e3 is still linked from q1")
    );
    // Ours keeps Choe Son Hui and drops the record.
    keys(&mut state, "2");
    assert!(state.annotations.conflicts().is_empty());
    assert_eq!(state.annotations.entity("e3").unwrap().label, "PER");
    assert_eq!(left(&state), 0);
    // Undo takes back one settlement at a time.
    keys(&mut state, "uu");
    assert_eq!(state.annotations.conflicts(), gold.conflicts());
    assert_eq!(state.annotations.entity("e1").unwrap().label, "LOC");
}

#[test]
fn recorded_conflicts_are_stops_among_the_annotators_disagreements() {
    let without = left(&adjudicating(read(EDITOR, &Document::new(ARTICLE))));
    let mut state = adjudicating(gold_with_conflicts());
    // The disagreements the editor's gold leaves and the 2 conflicts; MOSKWA (0) and Choe
    // Son Hui (41) come first, by place.
    assert_eq!(left(&state), without + 2);
    let expected = format!(
        "{} disagreements left, 2 of them recorded conflicts",
        without + 2
    );
    assert!(
        state.message.as_deref().unwrap().ends_with(&expected),
        "{:?}",
        state.message
    );
    let adjudication = state.adjudication.as_ref().unwrap();
    assert_eq!(
        adjudication.conflict().unwrap().reason,
        "relabelled two ways"
    );
    assert_eq!(adjudication.position(), Some(1));
    keys(&mut state, "n");
    assert_eq!(
        state
            .adjudication
            .as_ref()
            .unwrap()
            .conflict()
            .unwrap()
            .reason,
        "deleted by theirs, still linked by q1"
    );
    keys(&mut state, "n");
    let unit = state.adjudication.as_ref().unwrap().unit().unwrap();
    assert!(unit.range.start > 41, "{unit:?}");
    keys(&mut state, "NN1");
    assert_eq!(state.annotations.entity("e1").unwrap().label, "PER");
    // One conflict left, and MOSKWA is now a question: both annotators say LOC, the gold PER.
    assert_eq!(left(&state), without + 2);
    assert_eq!(state.annotations.conflicts().len(), 1);
}

//! Scenario tests of the review panel: actions in, annotations and rows out.

use super::*;
use crate::action::Action::*;
use crate::model::smallvec;
use crate::model::{Item, Problem, QuoteKind, ReviewStatus};

use super::tests::{SAMPLE, run, search, typed};

/// The sample with e1 PER “Choe Son Hui” (¶1), e2 LOC and e3 ORG “Korea Utara” (¶1, ¶2),
/// q1 a direct quote without speaker (¶4) and c1 a claim without claimant (¶6).
fn annotated() -> AppState {
    let doc = Document::new(SAMPLE);
    let set = AnnotationSet::new(doc.paragraphs().len());
    let mut state = AppState::new(doc, set, Keymap::embedded_default(), "sample.txt");
    search(&mut state, "Choe Son Hui");
    run(&mut state, [TagEntity(1)]);
    search(&mut state, "Korea Utara");
    run(&mut state, [TagEntity(3)]);
    search(&mut state, "Korea Utara");
    run(&mut state, [TagEntity(2)]);
    search(&mut state, "ulangi");
    run(&mut state, [Cancel, TagQuote]);
    search(&mut state, "8.000");
    run(&mut state, [Cancel, TagClaim]);
    state.focus_paragraph(0);
    state
}

fn ids(state: &AppState) -> Vec<String> {
    review_rows(state).iter().map(|r| r.id.clone()).collect()
}

fn current(state: &AppState) -> String {
    state.review_current().map(|r| r.id).unwrap_or_default()
}

fn review(state: &AppState, id: &str) -> ReviewStatus {
    state.annotations.get(id).unwrap().review()
}

#[test]
fn tab_lists_every_annotation_grouped_and_shows_the_highlighted_one() {
    let mut state = annotated();
    run(&mut state, [ToggleReview]);
    assert_eq!(state.mode, Mode::Review);
    assert_eq!(ids(&state), ["e1", "e3", "e2", "q1", "c1"]);
    let rows = review_rows(&state);
    let groups: Vec<&str> = rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(
        groups,
        [
            "Entities · PER",
            "Entities · ORG",
            "Entities · LOC",
            "Quotes",
            "Claims"
        ]
    );
    assert_eq!((rows[3].tag.as_str(), rows[3].paragraph), ("direct", 4));
    run(&mut state, [ListDown, ListDown, ListDown]);
    assert_eq!(current(&state), "q1");
    assert_eq!(state.focus, 3, "the article follows the highlight");
    run(&mut state, [ListDown, ListDown, ListDown]);
    assert_eq!(current(&state), "c1", "stays on the last row");
    run(&mut state, [ToggleReview]);
    assert_eq!(
        (state.mode, state.focus),
        (Mode::Normal, 0),
        "closing goes back"
    );
    run(&mut state, [ToggleReview]);
    assert_eq!(current(&state), "c1", "the highlight is kept");
}

#[test]
fn problems_flag_missing_links_and_one_text_with_two_labels() {
    let mut state = annotated();
    run(&mut state, [ToggleReview]);
    let rows = review_rows(&state);
    let of = |id: &str| rows.iter().find(|r| r.id == id).unwrap().problems.clone();
    assert_eq!(of("e2")[0], Problem::LabelConflict(vec!["ORG".into()]));
    assert_eq!(of("e3")[0], Problem::LabelConflict(vec!["LOC".into()]));
    assert_eq!(of("q1")[0], Problem::NoSpeaker);
    assert_eq!(of("c1")[0], Problem::NoClaimant);
    assert_eq!(of("e1"), [Problem::ParagraphNotDone(1)]);
    run(&mut state, [ToggleReview, MarkDoneNext, ToggleReview]);
    let rows = review_rows(&state);
    assert!(
        rows.iter()
            .find(|r| r.id == "e1")
            .unwrap()
            .problems
            .is_empty()
    );
}

#[test]
fn presets_cycle_and_the_typed_filter_matches_kind_label_status_problem_or_text() {
    let mut state = annotated();
    run(&mut state, [ToggleReview, CycleReviewFilter]);
    assert_eq!(ids(&state), ["e1", "e3", "e2"]);
    run(&mut state, [CycleReviewFilter]);
    assert_eq!(ids(&state), ["q1"]);
    run(&mut state, [CycleReviewFilter]);
    assert_eq!(ids(&state), ["c1"]);
    run(
        &mut state,
        [CycleReviewFilter, CycleReviewFilter, CycleReviewFilter],
    );
    assert_eq!(state.review.preset, Preset::All);

    let filter = |state: &mut AppState, text: &str| {
        run(state, [FilterReview]);
        assert_eq!(state.mode, Mode::ReviewFilter);
        run(state, typed(text));
        run(state, [Confirm]);
        assert_eq!(state.mode, Mode::Review);
        let shown = ids(state);
        run(state, [FilterReview]);
        run(state, std::iter::repeat_n(Backspace, text.chars().count()));
        run(state, [Confirm]);
        shown
    };
    assert_eq!(filter(&mut state, "quotes"), ["q1"]);
    assert_eq!(filter(&mut state, "org"), ["e3"]);
    assert_eq!(filter(&mut state, "korea"), ["e3", "e2", "c1"]);
    assert_eq!(filter(&mut state, "entity korea"), ["e3", "e2"]);
    assert_eq!(filter(&mut state, "unreviewed claim"), ["c1"]);
    assert_eq!(filter(&mut state, "accepted"), Vec::<String>::new());
    assert_eq!(filter(&mut state, "problem").len(), 5);

    run(&mut state, [FilterReview]);
    run(&mut state, typed("choe"));
    assert_eq!(ids(&state), ["e1"], "the list filters while typing");
    run(&mut state, [Cancel]);
    assert_eq!(
        (state.mode, state.review.query.as_str()),
        (Mode::Review, "")
    );
}

#[test]
fn accept_and_reject_save_and_move_to_the_next_unreviewed() {
    let mut state = annotated();
    run(&mut state, [ToggleReview]);
    let effects = run(&mut state, [Accept]);
    assert_eq!(effects, [Effect::Save]);
    assert_eq!(review(&state, "e1"), ReviewStatus::Accepted);
    assert_eq!(current(&state), "e3");
    run(&mut state, [Reject]);
    assert_eq!(review(&state, "e3"), ReviewStatus::Rejected);
    assert_eq!(current(&state), "e2");

    // Under the unreviewed preset, the decided row leaves the list.
    state.review.preset = Preset::Unreviewed;
    state.review.selected = 0;
    run(&mut state, [Accept]);
    assert_eq!(ids(&state), ["q1", "c1"]);
    assert_eq!(current(&state), "q1");

    // Again on a decided annotation: back to unreviewed, the highlight stays.
    state.review.preset = Preset::All;
    state.review.selected = 0;
    run(&mut state, [Accept]);
    assert_eq!(review(&state, "e1"), ReviewStatus::Unreviewed);
    assert_eq!(current(&state), "e1");

    run(&mut state, [Undo]);
    assert_eq!(review(&state, "e1"), ReviewStatus::Accepted);
    assert_eq!(state.mode, Mode::Review);
    run(&mut state, [Undo, Undo]);
    assert_eq!(review(&state, "e3"), ReviewStatus::Unreviewed);
    run(&mut state, [Redo]);
    assert_eq!(review(&state, "e3"), ReviewStatus::Rejected);
}

#[test]
fn enter_jumps_to_the_annotation_and_closes_the_panel() {
    let mut state = annotated();
    run(
        &mut state,
        [ToggleReview, CycleReviewFilter, CycleReviewFilter],
    );
    assert_eq!(current(&state), "q1");
    run(&mut state, [JumpToAnnotation]);
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.focus, 3);
    let quote = state.annotations.quote("q1").unwrap().clone();
    assert_eq!(state.cursor, quote.spans[0].start);
    run(&mut state, [ToggleReview]);
    assert_eq!(current(&state), "q1", "reopening keeps filter and row");
}

#[test]
fn delete_removes_the_highlighted_annotation_and_its_links() {
    let mut state = annotated();
    run(
        &mut state,
        [ToggleReview, ListDown, ListDown, ListDown, LinkEntity],
    );
    assert_eq!(state.mode, Mode::Picker);
    run(&mut state, typed("choe"));
    run(&mut state, [Confirm]);
    assert_eq!(state.mode, Mode::Review, "the picker returns to the panel");
    assert_eq!(
        state.annotations.quote("q1").unwrap().speaker.as_deref(),
        Some("e1")
    );
    assert_eq!(review_rows(&state)[3].links, "← Choe Son Hui");

    state.review.selected = 0;
    run(&mut state, [Delete]);
    assert_eq!(ids(&state), ["e3", "e2", "q1", "c1"]);
    assert_eq!(state.annotations.quote("q1").unwrap().speaker, None);
    assert_eq!(current(&state), "e3");
    run(&mut state, [Undo]);
    assert_eq!(
        state.annotations.quote("q1").unwrap().speaker.as_deref(),
        Some("e1")
    );
}

#[test]
fn number_keys_relabel_and_quote_claim_keys_retag() {
    let mut state = annotated();
    run(&mut state, [ToggleReview, ListDown, TagEntity(3)]);
    assert_eq!(state.annotations.entity("e3").unwrap().label, "LOC");
    assert_eq!(current(&state), "e3");
    assert!(review_rows(&state).iter().all(|r| {
        r.problems
            .iter()
            .all(|p| !matches!(p, Problem::LabelConflict(_)))
    }));

    // A quote becomes a claim: new id, its speaker becomes the claimant.
    state.review.selected = 3;
    run(&mut state, [LinkEntity]);
    run(&mut state, typed("choe"));
    run(&mut state, [Confirm, TagClaim]);
    assert!(state.annotations.quotes.is_empty());
    let claim = state
        .annotations
        .claims
        .iter()
        .find(|c| c.id == "c2")
        .unwrap();
    assert_eq!(claim.claimant.as_deref(), Some("e1"));
    assert!(claim.text.contains("Kami ulangi"));
    assert_eq!(current(&state), "c2");

    // And back to a quote (Direct: it sits between quotation marks).
    run(&mut state, [TagQuote]);
    let quote = &state.annotations.quotes[0];
    assert_eq!((quote.id.as_str(), quote.kind), ("q2", QuoteKind::Direct));
    assert_eq!(quote.speaker.as_deref(), Some("e1"));

    // A claim becomes an entity.
    run(&mut state, [Undo, Undo]);
    assert_eq!(state.annotations.quotes[0].id, "q1");
    let count = state.annotations.entities.len();
    state.review.selected = 4;
    run(&mut state, [TagEntity(4)]);
    assert_eq!(state.annotations.entities.len(), count + 1);
    assert!(state.annotations.claims.is_empty());
}

#[test]
fn e_edits_the_note_of_the_highlighted_annotation_and_returns() {
    let mut state = annotated();
    run(&mut state, [ToggleReview, ListDown, EditNote]);
    assert_eq!(state.mode, Mode::Note);
    assert!(state.review_open());
    run(&mut state, typed("cek label"));
    run(&mut state, [Confirm]);
    assert_eq!(state.mode, Mode::Review);
    assert_eq!(
        state.annotations.entity("e3").unwrap().note.as_deref(),
        Some("cek label")
    );
    assert_eq!(review_rows(&state)[1].note.as_deref(), Some("cek label"));
    run(&mut state, [ToggleHelp]);
    assert_eq!(state.mode, Mode::Help);
    run(&mut state, [Cancel]);
    assert_eq!(state.mode, Mode::Review, "help returns to the panel");
}

#[test]
fn an_empty_document_opens_an_empty_panel() {
    let doc = Document::new("");
    let set = AnnotationSet::new(0);
    let mut state = AppState::new(doc, set, Keymap::embedded_default(), "e.txt");
    run(
        &mut state,
        [
            ToggleReview,
            ListDown,
            Accept,
            Delete,
            TagQuote,
            JumpToAnnotation,
        ],
    );
    assert_eq!(state.mode, Mode::Review);
    assert!(state.message.is_some());
}

/// The sample with a linked quote whose speaker, e1 “Sergei Lavrov”, is an orphan (its text
/// was edited away in the article).
fn with_orphan() -> AppState {
    let doc = Document::new(SAMPLE.replace("Sergei Lavrov", "Sergey Lavrov"));
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    let orphan = crate::model::Entity {
        id: "e1".into(),
        label: "PER".into(),
        spans: smallvec![Span::new(222, 235)],
        text: "Sergei Lavrov".into(),
        note: None,
        review: ReviewStatus::Unreviewed,
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    };
    set.orphans.push(Item::Entity(orphan));
    set.next_ids.entity = 2;
    set.sort();
    AppState::new(doc, set, Keymap::embedded_default(), "sample.txt")
}

fn select_row(state: &mut AppState, id: &str) {
    run(state, [ToggleReview]);
    let at = review_rows(state).iter().position(|r| r.id == id).unwrap();
    state.review.selected = at;
}

#[test]
fn orphans_are_listed_with_their_problem() {
    let mut state = with_orphan();
    run(&mut state, [ToggleReview]);
    let rows = review_rows(&state);
    let row = rows.iter().find(|r| r.id == "e1").unwrap();
    assert_eq!(row.group, "Orphans");
    assert_eq!(row.problems, [Problem::Orphan]);
}

#[test]
fn an_orphan_is_reattached_to_the_selection_and_undo_puts_it_back() {
    let mut state = with_orphan();
    select_row(&mut state, "e1");
    run(&mut state, [Accept]);
    assert!(state.message.as_deref().unwrap().contains("orphan"));
    run(&mut state, [Reattach]);
    assert_eq!(state.mode, Mode::Normal);
    search(&mut state, "Sergey Lavrov");
    let effects = run(&mut state, [Reattach]);
    assert_eq!(effects, [Effect::Save]);
    assert!(state.annotations.orphans.is_empty());
    let e = state.annotations.entity("e1").unwrap();
    assert_eq!(
        (e.text.as_str(), e.label.as_str()),
        ("Sergey Lavrov", "PER")
    );
    assert_eq!(state.doc.slice(e.spans[0]), "Sergey Lavrov");
    run(&mut state, [Undo]);
    assert_eq!(state.annotations.orphans.len(), 1);
    assert!(state.annotations.entities.is_empty());
}

#[test]
fn an_orphan_is_deleted_from_the_panel() {
    let mut state = with_orphan();
    select_row(&mut state, "e1");
    run(&mut state, [Delete]);
    assert!(state.annotations.orphans.is_empty());
    run(&mut state, [Undo]);
    assert_eq!(state.annotations.orphans.len(), 1);
}

#[test]
fn reattach_without_a_chosen_orphan_explains_itself() {
    let mut state = with_orphan();
    assert!(run(&mut state, [Reattach]).is_empty());
    assert!(state.message.as_deref().unwrap().contains("review panel"));
}

#[test]
fn next_document_without_a_list_says_why_in_the_panel_too() {
    let mut state = with_orphan();
    run(&mut state, [ToggleReview, NextDocument]);
    assert_eq!(state.mode, Mode::Review);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("no document list")
    );
}

#[test]
fn attributes_are_added_changed_and_deleted_by_key_and_undone() {
    let mut state = annotated();
    run(&mut state, [ToggleReview, EditAttribute]);
    assert_eq!(state.mode, Mode::Note);
    run(&mut state, typed("Role=Minister"));
    run(&mut state, [Confirm, EditAttribute]);
    run(&mut state, typed("Verified"));
    run(&mut state, [Confirm]);
    let attrs = |s: &AppState| -> Vec<String> {
        let e1 = s.annotations.get("e1").unwrap();
        e1.attributes().iter().map(|a| a.display()).collect()
    };
    assert_eq!(attrs(&state), ["Role=Minister", "Verified"]);
    assert_eq!(state.mode, Mode::Review);
    assert_eq!(
        review_rows(&state)[0].attributes,
        ["Role=Minister", "Verified"]
    );
    run(&mut state, [EditAttribute]);
    run(&mut state, typed("Role=Envoy"));
    run(&mut state, [Confirm, EditAttribute]);
    run(&mut state, typed("-Verified"));
    run(&mut state, [Confirm]);
    assert_eq!(attrs(&state), ["Role=Envoy"]);
    // The filter finds rows by attribute.
    run(&mut state, [FilterReview]);
    run(&mut state, typed("envoy"));
    run(&mut state, [Confirm]);
    assert_eq!(ids(&state), ["e1"]);
    run(&mut state, [Undo, Undo]);
    assert_eq!(attrs(&state), ["Role=Minister", "Verified"]);
}

#[test]
fn a_relation_is_added_from_the_row_retyped_deleted_and_goes_with_its_annotation() {
    let mut state = annotated();
    run(&mut state, [ToggleReview, EditRelation]);
    run(&mut state, typed("Mentions q1"));
    run(&mut state, [Confirm]);
    let r1 = state.annotations.relation("r1").unwrap().clone();
    assert_eq!(
        (r1.kind.as_str(), r1.from.as_str(), r1.to.as_str()),
        ("Mentions", "e1", "q1")
    );
    assert_eq!(state.annotations.next_ids.relation, 2);
    assert_eq!(
        current(&state),
        "r1",
        "the new relation's row is highlighted"
    );
    let rows = review_rows(&state);
    let row = rows.iter().find(|r| r.id == "r1").unwrap();
    assert_eq!(
        (row.group.as_str(), row.links.as_str()),
        ("Relations", "e1 → q1")
    );
    assert_eq!(rows[0].relations, ["r1 Mentions → q1"]);
    run(&mut state, [EditRelation]);
    assert_eq!(state.prompt, "Mentions");
    state.prompt.clear();
    run(&mut state, typed("Quotes"));
    run(&mut state, [Confirm]);
    assert_eq!(state.annotations.relation("r1").unwrap().kind, "Quotes");
    run(&mut state, [Delete]);
    assert!(state.annotations.relations.is_empty());
    run(&mut state, [Undo, Undo]);
    assert_eq!(state.annotations.relation("r1").unwrap().kind, "Mentions");
    // Deleting an end takes the relation with it, as it clears a speaker link.
    state.review.selected = 0;
    run(&mut state, [Delete]);
    assert!(state.annotations.get("e1").is_none());
    assert!(state.annotations.relations.is_empty());
    run(&mut state, [Undo]);
    assert_eq!(state.annotations.relations.len(), 1);
    // A relation to nothing is refused.
    state.review.selected = 0;
    run(&mut state, [EditRelation]);
    run(&mut state, typed("Mentions e99"));
    run(&mut state, [Confirm]);
    assert_eq!(state.annotations.relations.len(), 1);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("e99 is not the id")
    );
}

#[test]
fn kept_lines_are_listed_read_only() {
    let mut state = annotated();
    state.annotations.kept.push(crate::model::Kept {
        format: "brat".into(),
        lines: vec!["E1\tAttack:T3".into()],
        ids: Vec::new(),
    });
    run(&mut state, [ToggleReview, FilterReview]);
    run(&mut state, typed("kept"));
    run(&mut state, [Confirm]);
    assert_eq!(ids(&state), ["brat:1"]);
    let row = state.review_current().unwrap();
    assert_eq!(row.group, "Kept from import (brat)");
    let before = state.annotations.clone();
    run(&mut state, [Delete, EditNote, EditAttribute]);
    assert_eq!(state.annotations, before);
    assert_eq!(state.mode, Mode::Review);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("kept from import")
    );
}

#[test]
fn kept_conll_lines_are_one_row() {
    let mut state = annotated();
    state.annotations.kept.push(crate::model::Kept {
        format: "conll".into(),
        lines: vec!["-DOCSTART- O".into(), "".into(), " NNP ".into()],
        ids: vec![crate::model::Origin {
            id: "scheme".into(),
            what: "iob1".into(),
        }],
    });
    run(&mut state, [ToggleReview, FilterReview]);
    run(&mut state, typed("kept"));
    run(&mut state, [Confirm]);
    assert_eq!(ids(&state), ["conll:1-3"]);
    let row = state.review_current().unwrap();
    assert!(row.text.starts_with("3 lines") && row.text.contains("scheme iob1"));
}

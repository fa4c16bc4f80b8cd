//! Scenario tests of the suggestion keys: actions in, annotations out.

use super::super::tests::{SAMPLE, run, search};
use super::super::*;
use crate::action::Action::*;
use crate::model::{IdKind, Source};
use crate::state::Summary;

fn sample() -> AppState {
    let doc = Document::new(SAMPLE);
    let set = AnnotationSet::new(doc.paragraphs().len());
    AppState::new(doc, set, Keymap::embedded_default(), "sample.txt")
}

fn texts_of(state: &AppState, label: &str) -> Vec<(usize, Source)> {
    state
        .annotations
        .entities
        .iter()
        .filter(|e| e.label == label)
        .map(|e| (e.spans[0].start, e.source.clone()))
        .collect()
}

/// Entity suggestions of the article (the quote finder proposes quotes and claims too).
fn entities_proposed(state: &AppState) -> usize {
    state
        .suggestions
        .all()
        .filter(|s| s.what.layer() == IdKind::Entity)
        .count()
}

fn entities_proposed_in(state: &AppState, paragraph: usize) -> usize {
    state
        .suggestions
        .in_paragraph(paragraph)
        .iter()
        .filter(|s| s.what.layer() == IdKind::Entity)
        .count()
}

/// The sample has "Korea Utara" 19 times.
const KOREA_UTARA: usize = 19;

fn tag_korea_utara(state: &mut AppState) {
    search(state, "Korea Utara");
    run(state, [TagEntity(3)]);
}

#[test]
fn a_labelled_text_is_proposed_everywhere_else_and_counted() {
    let mut state = sample();
    assert_eq!(entities_proposed(&state), 0);
    tag_korea_utara(&mut state);
    assert_eq!(entities_proposed(&state), KOREA_UTARA - 1);
    assert_eq!(entities_proposed_in(&state, 0), 1, "the second of ¶1");
}

#[test]
fn accepting_a_paragraph_is_one_undo_step() {
    let mut state = sample();
    tag_korea_utara(&mut state);
    run(&mut state, [FirstParagraph, AcceptParagraphSuggestions]);
    assert_eq!(texts_of(&state, "LOC").len(), 2);
    assert_eq!(texts_of(&state, "LOC")[1].1, Source::Propagated);
    assert_eq!(entities_proposed_in(&state, 0), 0);
    run(&mut state, [Undo]);
    assert_eq!(texts_of(&state, "LOC").len(), 1);
    assert_eq!(entities_proposed_in(&state, 0), 1);
}

#[test]
fn a_text_is_accepted_in_the_whole_article_at_once() {
    let mut state = sample();
    tag_korea_utara(&mut state);
    run(&mut state, [NextSuggestion, AcceptSameTextSuggestions]);
    assert_eq!(texts_of(&state, "LOC").len(), KOREA_UTARA);
    assert_eq!(entities_proposed(&state), 0);
    assert_eq!(state.annotations.next_ids.entity, KOREA_UTARA as u64 + 1);
    run(&mut state, [Undo]);
    assert_eq!(texts_of(&state, "LOC").len(), 1);
}

#[test]
fn a_rejected_suggestion_is_remembered_and_undo_forgets_it() {
    let mut state = sample();
    tag_korea_utara(&mut state);
    run(&mut state, [NextSuggestion]);
    let place = state.current_suggestion().unwrap().span;
    run(&mut state, [RejectSuggestion]);
    assert!(state.annotations.is_rejected(IdKind::Entity, place));
    assert_eq!(entities_proposed(&state), KOREA_UTARA - 2);
    assert_ne!(
        state.current_suggestion().unwrap().span,
        place,
        "on to the next"
    );
    let summary = Summary::of(&state.annotations, true);
    assert_eq!(summary.sources["propagated"].rejected, 1);
    run(&mut state, [Undo]);
    assert!(state.annotations.rejected.is_empty());
    assert_eq!(entities_proposed(&state), KOREA_UTARA - 1);
}

#[test]
fn accept_goes_on_to_the_next_suggestion() {
    let mut state = sample();
    tag_korea_utara(&mut state);
    run(&mut state, [NextSuggestion]);
    let key = |s: &crate::suggest::Suggestion| (s.span.start, s.what.layer() as u8);
    let first = key(state.current_suggestion().unwrap());
    run(&mut state, [AcceptSuggestion]);
    let next = key(state.current_suggestion().unwrap());
    assert!(
        next > first,
        "{next:?} after {first:?} (a quote may start where its entity does)"
    );
    assert_eq!(state.cursor, next.0);
    let summary = Summary::of(&state.annotations, true);
    assert_eq!(
        (
            summary.sources["typed"].made,
            summary.sources["propagated"].made
        ),
        (1, 1)
    );
}

#[test]
fn a_label_key_on_a_stepped_to_suggestion_tags_its_place_with_that_label() {
    let mut state = sample();
    tag_korea_utara(&mut state);
    run(&mut state, [NextSuggestion]);
    let place = state.current_suggestion().unwrap().span;
    run(&mut state, [TagEntity(2)]);
    let org = texts_of(&state, "ORG");
    assert_eq!(org, [(place.start, Source::Propagated)]);
    let e = state
        .annotations
        .entities
        .iter()
        .find(|e| e.label == "ORG")
        .unwrap();
    assert_eq!(
        e.spans[0], place,
        "the whole suggestion, not the word under the cursor"
    );
}

#[test]
fn steps_visit_every_suggestion_once_around_the_article() {
    let mut state = sample();
    tag_korea_utara(&mut state);
    let key = |s: &crate::suggest::Suggestion| (s.span.start, s.what.layer() as u8);
    let total = state.suggestions.total();
    assert!(total > KOREA_UTARA, "entities, quotes and claims");
    let mut seen = Vec::new();
    for _ in 0..total {
        run(&mut state, [NextSuggestion]);
        seen.push(key(state.current_suggestion().unwrap()));
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "in reading order");
    sorted.dedup();
    assert_eq!(sorted.len(), total, "each once: {seen:?}");
    run(&mut state, [NextSuggestion]);
    assert_eq!(key(state.current_suggestion().unwrap()), sorted[0], "wraps");
    run(&mut state, [PrevSuggestion]);
    assert_eq!(
        key(state.current_suggestion().unwrap()),
        *sorted.last().unwrap()
    );
}

#[test]
fn suggestions_off_propose_nothing_and_say_so() {
    let mut state = sample();
    tag_korea_utara(&mut state);
    run(&mut state, [ToggleSuggestions]);
    assert_eq!(entities_proposed(&state), 0);
    run(&mut state, [NextSuggestion]);
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("suggestions are off")
    );
    run(&mut state, [ToggleSuggestions]);
    assert_eq!(entities_proposed(&state), KOREA_UTARA - 1);
}

#[test]
fn without_a_suggestion_under_the_cursor_accept_changes_nothing() {
    let mut state = sample();
    let effects = run(&mut state, [AcceptSuggestion, RejectSuggestion]);
    assert!(effects.is_empty());
    assert!(state.annotations.entities.is_empty());
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("f goes to the next")
    );
}

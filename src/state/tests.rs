//! Scenario tests of `update`: actions in, annotations out (no terminal, no files).

use super::*;
use crate::action::Action::{self, *};
use crate::action::{SaveError, SaveErrorKind};
use crate::model::{Checkworthy, Item, ParagraphStatus, QuoteKind};

pub(super) const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

fn sample() -> AppState {
    let doc = Document::new(SAMPLE);
    let set = AnnotationSet::new(doc.paragraphs().len());
    AppState::new(doc, set, Keymap::embedded_default(), "sample.txt")
}

pub(super) fn run(state: &mut AppState, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    actions
        .into_iter()
        .filter_map(|a| state.update(a))
        .collect()
}

pub(super) fn typed(text: &str) -> Vec<Action> {
    text.chars().map(InsertChar).collect()
}

pub(super) fn search(state: &mut AppState, text: &str) {
    run(state, [StartSearch]);
    run(state, typed(text));
    run(state, [Confirm]);
}

fn cursor_text(state: &AppState) -> &str {
    state.doc.slice(state.cursor_word().unwrap())
}

#[test]
fn search_then_tag_person_stores_character_offsets() {
    let mut state = sample();
    search(&mut state, "Choe Son Hui");
    let effects = run(&mut state, [TagEntity(1)]);
    assert_eq!(effects, [Effect::Save]);
    let e = &state.annotations.entities[0];
    assert_eq!((e.id.as_str(), e.label.as_str()), ("e1", "PER"));
    assert_eq!(e.spans[..], [Span::new(41, 53)]);
    assert_eq!(e.text, "Choe Son Hui");
    assert_eq!(state.selection, None);
}

#[test]
fn word_moves_cross_paragraphs_and_tag_the_word_under_the_cursor() {
    let mut state = sample();
    assert_eq!(cursor_text(&state), "MOSKWA");
    run(&mut state, [NextWord, NextWord]);
    assert_eq!(cursor_text(&state), "Luar");
    run(&mut state, [PrevWord]);
    assert_eq!(cursor_text(&state), "Menteri");
    run(&mut state, [ParagraphEnd, NextWord]);
    assert_eq!((state.focus, cursor_text(&state)), (1, "Dikutip"));
    run(&mut state, [PrevWord]);
    assert_eq!((state.focus, cursor_text(&state)), (0, "Moskwa"));
    run(&mut state, [TagEntity(3)]);
    assert_eq!(state.annotations.entities[0].label, "LOC");
    assert_eq!(state.annotations.entities[0].text, "Moskwa");
}

#[test]
fn paragraph_moves_and_jumps() {
    let mut state = sample();
    run(&mut state, [NextParagraph, NextParagraph]);
    assert_eq!((state.focus, cursor_text(&state)), (2, "Negara"));
    run(&mut state, [LastParagraph]);
    assert_eq!(state.focus, 23);
    run(&mut state, [NextParagraph]);
    assert_eq!(state.focus, 23);
    run(&mut state, [FirstParagraph, PrevParagraph]);
    assert_eq!(state.focus, 0);
}

#[test]
fn selection_grows_by_words_and_edges_move_by_characters() {
    let mut state = sample();
    run(&mut state, [NextWord, ToggleSelection, NextWord, NextWord]);
    let selected = |s: &AppState| s.doc.slice(s.selection.unwrap().span).to_owned();
    assert_eq!(selected(&state), "Menteri Luar Negeri");
    run(&mut state, [SelectionEndLeft, SelectionEndLeft]);
    assert_eq!(selected(&state), "Menteri Luar Nege");
    run(
        &mut state,
        [SelectionStartRight, SelectionStartLeft, SelectionStartRight],
    );
    assert_eq!(selected(&state), "enteri Luar Nege");
    run(&mut state, [ToggleSelection]);
    assert_eq!(state.selection, None);
    run(&mut state, [ToggleSelection, Cancel]);
    assert_eq!(state.selection, None);
}

#[test]
fn cue_can_cover_part_of_a_fused_word() {
    let mut state = sample();
    search(&mut state, "Citra adalah");
    run(&mut state, [Cancel, TagQuote]);
    let quote = &state.annotations.quotes[0];
    assert_eq!(quote.kind, QuoteKind::Direct);
    assert!(quote.text.starts_with("Citra adalah hal yang serius."));
    assert!(quote.text.ends_with("mencerminkan sesuatu,"));
    search(&mut state, "ujarnya");
    run(
        &mut state,
        [SelectionEndLeft, SelectionEndLeft, SelectionEndLeft, SetCue],
    );
    let cue = state.annotations.quotes[0].cue.clone().unwrap();
    assert_eq!(cue.text, "ujar");
}

#[test]
fn quote_around_cursor_then_link_speaker_then_undo_redo() {
    let mut state = sample();
    search(&mut state, "Choe Son Hui.");
    run(
        &mut state,
        [Cancel, ToggleSelection, NextWord, NextWord, TagEntity(1)],
    );
    assert_eq!(state.annotations.entities[0].text, "Choe Son Hui");
    search(&mut state, "ulangi");
    run(&mut state, [Cancel, TagQuote]);
    let quote = state.annotations.quotes[0].clone();
    assert!(quote.text.starts_with("Kami ulangi bahwa"));
    assert!(quote.text.ends_with("hingga hari kemenangan,"));
    assert_eq!(quote.speaker, None);

    run(&mut state, [LinkEntity]);
    assert_eq!(state.mode, Mode::Picker);
    run(&mut state, typed("choe"));
    let effects = run(&mut state, [Confirm]);
    assert_eq!(effects, [Effect::Save]);
    assert_eq!(state.annotations.quotes[0].speaker.as_deref(), Some("e1"));

    run(&mut state, [Undo]);
    assert_eq!(state.annotations.quotes[0].speaker, None);
    run(&mut state, [Undo]);
    assert!(state.annotations.quotes.is_empty());
    run(&mut state, [Redo, Redo]);
    assert_eq!(state.annotations.quotes[0].speaker.as_deref(), Some("e1"));
}

#[test]
fn selection_quote_without_marks_is_indirect() {
    let mut state = sample();
    search(&mut state, "Korea Utara akan mendukung");
    run(&mut state, [TagQuote]);
    assert_eq!(state.annotations.quotes[0].kind, QuoteKind::Indirect);
    run(&mut state, [CycleKind]);
    assert_eq!(state.annotations.quotes[0].kind, QuoteKind::Mixed);
    run(&mut state, [CycleKind]);
    assert_eq!(state.annotations.quotes[0].kind, QuoteKind::Direct);
}

#[test]
fn claim_defaults_to_the_sentence_and_cycles_checkworthy() {
    let mut state = sample();
    search(&mut state, "8.000");
    run(&mut state, [Cancel, TagClaim]);
    let claim = state.annotations.claims[0].clone();
    assert_eq!(
        claim.text,
        "AS mengatakan bahwa 8.000 tentara Korea Utara sedang berlatih di Rusia dan dapat dikerahkan untuk bertempur di Ukraina."
    );
    run(&mut state, [CycleKind]);
    assert_eq!(
        state.annotations.claims[0].checkworthy,
        Some(Checkworthy::Yes)
    );
    run(&mut state, [CycleKind, CycleKind]);
    assert_eq!(state.annotations.claims[0].checkworthy, None);
}

#[test]
fn claim_without_a_selection_inside_a_quote_takes_its_content() {
    let mut state = sample();
    let content = "8.000 tentara Korea Utara sedang berlatih di Rusia dan dapat dikerahkan untuk \
                   bertempur di Ukraina";
    search(&mut state, content);
    run(&mut state, [TagQuote]);
    search(&mut state, "berlatih");
    run(&mut state, [Cancel, TagClaim]);
    let claim = &state.annotations.claims[0];
    assert_eq!(claim.text, content);
    assert_eq!(claim.quote.as_deref(), Some("q1"));
}

#[test]
fn claim_inside_a_linked_quote_inherits_source_and_claimant() {
    let mut state = sample();
    search(&mut state, "Putin.");
    run(&mut state, [Cancel, TagEntity(1)]);
    search(&mut state, "Ada pasal 4");
    run(&mut state, [Cancel, TagQuote, LinkEntity, Confirm]);
    search(&mut state, "Kami tidak pernah");
    run(&mut state, [Cancel, TagClaim]);
    let claim = &state.annotations.claims[0];
    assert_eq!(claim.quote.as_deref(), Some("q1"));
    assert_eq!(claim.claimant.as_deref(), Some("e1"));
}

#[test]
fn delete_takes_the_innermost_and_unlinks() {
    let mut state = sample();
    search(&mut state, "Choe Son Hui.");
    run(
        &mut state,
        [Cancel, ToggleSelection, NextWord, NextWord, TagEntity(1)],
    );
    search(&mut state, "ulangi");
    run(&mut state, [Cancel, TagQuote, LinkEntity, Confirm]);
    search(&mut state, "Choe Son Hui.");
    run(&mut state, [Cancel, Delete]);
    assert!(state.annotations.entities.is_empty());
    assert_eq!(state.annotations.quotes[0].speaker, None);
    run(&mut state, [Undo]);
    assert_eq!(state.annotations.quotes[0].speaker.as_deref(), Some("e1"));
    search(&mut state, "ulangi");
    run(&mut state, [Cancel, Delete]);
    assert!(state.annotations.quotes.is_empty());
    assert_eq!(state.annotations.entities.len(), 1);
}

#[test]
fn ids_are_not_reused_after_delete() {
    let mut state = sample();
    run(&mut state, [TagEntity(3), Delete, NextWord, TagEntity(1)]);
    assert_eq!(state.annotations.entities[0].id, "e2");
}

#[test]
fn undo_of_everything_restores_the_original() {
    let mut state = sample();
    let original = state.annotations.clone();
    run(
        &mut state,
        [TagEntity(3), NextWord, TagEntity(1), MarkDoneNext],
    );
    search(&mut state, "ulangi");
    run(
        &mut state,
        [Cancel, TagQuote, LinkEntity, Confirm, CycleKind, EditNote],
    );
    run(&mut state, typed("cek"));
    run(&mut state, [Confirm, Delete]);
    while state.history.undo_len() > 0 {
        run(&mut state, [Undo]);
    }
    assert_eq!(state.annotations, original);
}

#[test]
fn note_is_edited_and_saved() {
    let mut state = sample();
    run(&mut state, [TagEntity(3), EditNote]);
    assert_eq!(state.mode, Mode::Note);
    run(&mut state, typed("ibu kota"));
    run(&mut state, [Backspace]);
    let effects = run(&mut state, [Confirm]);
    assert_eq!(effects, [Effect::Save]);
    assert_eq!(
        state.annotations.entities[0].note.as_deref(),
        Some("ibu kot")
    );
    run(&mut state, [EditNote]);
    assert_eq!(state.prompt, "ibu kot");
    run(&mut state, [Cancel]);
    assert_eq!(state.mode, Mode::Normal);
}

#[test]
fn mark_done_moves_to_the_next_not_done_paragraph() {
    let mut state = sample();
    run(&mut state, [NextParagraph, MarkDoneNext]);
    assert_eq!(state.focus, 2);
    run(&mut state, [FirstParagraph, MarkDoneNext]);
    assert_eq!(
        state.focus, 2,
        "paragraph 1 is done already, so it is skipped"
    );
    assert_eq!(state.annotations.paragraphs[0], ParagraphStatus::Done);
    run(&mut state, [SetStatus(ParagraphStatus::Flagged)]);
    assert_eq!(state.annotations.paragraphs[2], ParagraphStatus::Flagged);
    run(&mut state, [SetStatus(ParagraphStatus::Flagged)]);
    assert_eq!(state.annotations.paragraphs[2], ParagraphStatus::Todo);
}

#[test]
fn reopening_resumes_at_the_first_paragraph_not_done() {
    let doc = Document::new(SAMPLE);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.paragraphs[0] = ParagraphStatus::Done;
    set.paragraphs[1] = ParagraphStatus::Done;
    let state = AppState::new(doc, set, Keymap::embedded_default(), "x");
    assert_eq!(state.focus, 2);
}

#[test]
fn quit_asks_again_when_a_save_failed() {
    let mut state = sample();
    run(&mut state, [TagEntity(1)]);
    let failed = SaveError::new(SaveErrorKind::Failed, "disk full");
    run(&mut state, [SaveFinished(Err(failed))]);
    assert_eq!(state.save_status, SaveStatus::Failed("disk full".into()));
    assert!(
        state.history.unsaved().is_some_and(|e| !e.is_empty()),
        "a failed save keeps the edits to write"
    );
    assert!(run(&mut state, [Quit]).is_empty());
    assert!(state.message.as_deref().unwrap().contains("not saved"));
    assert_eq!(run(&mut state, [Quit]), [Effect::Quit]);
}

#[test]
fn search_misses_and_repeats() {
    let mut state = sample();
    search(&mut state, "zzzz");
    assert_eq!(state.message.as_deref(), Some("not found: zzzz"));
    search(&mut state, "putin");
    let first = state.cursor;
    run(&mut state, [SearchNext]);
    assert!(state.cursor > first);
    run(&mut state, [SearchPrev]);
    assert_eq!(state.cursor, first);
}

#[test]
fn tagging_the_same_place_with_another_label_relabels() {
    let mut state = sample();
    run(&mut state, [TagEntity(3), TagEntity(2)]);
    assert_eq!(state.annotations.entities.len(), 1);
    assert_eq!(state.annotations.entities[0].label, "ORG");
    run(&mut state, [TagEntity(9)]);
    assert_eq!(
        state.message.as_deref(),
        Some("no label 9 in the label set")
    );
}

#[test]
fn empty_document_does_not_panic() {
    let doc = Document::new("");
    let mut state = AppState::new(doc, AnnotationSet::new(0), Keymap::embedded_default(), "e");
    let all = [
        NextParagraph,
        PrevParagraph,
        NextWord,
        PrevWord,
        ParagraphEnd,
        ToggleSelection,
        SelectionEndRight,
        SelectSentence,
        TagEntity(1),
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
        SetStatus(ParagraphStatus::Done),
    ];
    run(&mut state, all);
    assert!(state.annotations.entities.is_empty());
    let _ = Item::Entity;
}

#[test]
fn cue_goes_to_the_nearest_quote_that_has_none() {
    let mut state = sample();
    search(&mut state, "Korea Utara telah mengirim pasukan ke Rusia");
    run(&mut state, [TagQuote]);
    search(&mut state, "klaim");
    run(&mut state, [SetCue]);
    search(&mut state, "cara menjalankan klausul pertahanan bersama");
    run(&mut state, [TagQuote]);
    search(&mut state, "mengatakan pada");
    run(&mut state, [Cancel, SetCue]);
    let cues: Vec<String> = state
        .annotations
        .quotes
        .iter()
        .map(|q| q.cue.as_ref().unwrap().text.to_string())
        .collect();
    assert_eq!(cues, ["klaim", "mengatakan"]);
}

#[test]
fn a_finished_save_marks_the_history_saved() {
    let mut state = sample();
    run(&mut state, [TagEntity(1)]);
    assert!(state.history.unsaved().is_some_and(|e| !e.is_empty()));
    run(&mut state, [SaveFinished(Ok(()))]);
    assert_eq!(state.save_status, SaveStatus::Saved);
    assert_eq!(state.history.unsaved().map(<[_]>::len), Some(0));
}

#[test]
fn restored_or_outdated_annotations_need_a_full_save() {
    let mut state = sample();
    let mut restored = state.annotations.clone();
    restored.paragraphs[0] = ParagraphStatus::Flagged;
    run(&mut state, [Restored(Box::new(restored.clone()))]);
    assert_eq!(state.annotations, restored);
    assert_eq!(state.history.unsaved(), None);
    run(&mut state, [SaveFinished(Ok(()))]);
    assert!(state.history.unsaved().is_some());
    run(&mut state, [FileOutdated]);
    assert_eq!(state.history.unsaved(), None);
}

#[test]
fn next_document_steps_along_a_list_once_everything_is_saved() {
    let mut alone = sample();
    assert!(run(&mut alone, [NextDocument]).is_empty());
    assert!(
        alone
            .message
            .as_deref()
            .unwrap()
            .contains("no document list")
    );
    let mut listed = sample().in_document_list();
    assert_eq!(
        run(&mut listed, [NextDocument, PrevDocument]),
        [Effect::StepDocument(1), Effect::StepDocument(-1)]
    );
    run(&mut listed, [TagEntity(1)]);
    assert_eq!(run(&mut listed, [NextDocument]), [], "unsaved: stays");
    assert!(listed.message.as_deref().unwrap().contains("not saved"));
    run(&mut listed, [ToggleReview, SaveFinished(Ok(()))]);
    assert_eq!(
        run(&mut listed, [PrevDocument]),
        [Effect::StepDocument(-1)],
        "from the review panel too"
    );
}

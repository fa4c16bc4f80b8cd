//! `AppState::update`: the one place where actions change the state.

use super::{AppState, Effect, SaveStatus};
use crate::action::{Action, SaveError};
use crate::keymap::Mode;

impl AppState {
    /// Applies one action; returns what the app loop must do next (save, quit, step along
    /// the document list).
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.apply_action(action);
        self.refresh_adjudication();
        effect
    }

    fn apply_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SaveFinished(result) => {
                self.save_finished(result);
                return None;
            }
            Action::Notice(text) => {
                self.message = Some(text);
                return None;
            }
            Action::Rebased(set, text) => {
                self.rebased(*set, text);
                return None;
            }
            Action::Restored(set) => {
                self.annotations = *set;
                self.suggestions.reset(&self.doc, &self.annotations);
                self.history.mark_unknown();
                return None;
            }
            Action::FileOutdated => {
                self.history.mark_unknown();
                return None;
            }
            Action::StartAdjudication(alignment) => return self.start_adjudication(*alignment),
            Action::NextDocument if self.document_list => return self.step_document(1),
            Action::PrevDocument if self.document_list => return self.step_document(-1),
            _ => {}
        }
        self.message = None;
        if !matches!(action, Action::Quit) {
            self.quit_armed = false;
        }
        if let Action::PointAt(_) | Action::DragTo { .. } | Action::Scroll(_) = action {
            return self.pointer(action);
        }
        match self.mode {
            Mode::Normal => self.update_normal(action),
            Mode::Search | Mode::Note => self.update_prompt(action),
            Mode::Picker => self.update_picker(action),
            Mode::Help => self.update_help(action),
            Mode::Review => self.update_review(action),
            Mode::ReviewFilter => self.update_review_filter(action),
            Mode::Adjudicate => self.update_adjudicate(action),
            // The document list has its own state and update (`list::CorpusList`).
            Mode::List => None,
        }
    }

    fn update_normal(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::NextParagraph => self.move_paragraph(1),
            Action::PrevParagraph => self.move_paragraph(-1),
            Action::FirstParagraph => self.jump_paragraph(0),
            Action::LastParagraph => self.jump_paragraph(usize::MAX),
            Action::NextWord => self.move_word(true),
            Action::PrevWord => self.move_word(false),
            Action::ParagraphStart => self.move_to_paragraph_edge(false),
            Action::ParagraphEnd => self.move_to_paragraph_edge(true),
            Action::ToggleSelection => self.toggle_selection(),
            Action::Cancel => self.selection = None,
            Action::SelectionEndRight => self.adjust_selection(false, 1),
            Action::SelectionEndLeft => self.adjust_selection(false, -1),
            Action::SelectionStartLeft => self.adjust_selection(true, -1),
            Action::SelectionStartRight => self.adjust_selection(true, 1),
            Action::SelectSentence => self.select_sentence(),
            Action::StartSearch => {
                self.prompt.clear();
                self.mode = Mode::Search;
            }
            Action::SearchNext => self.repeat_search(true),
            Action::SearchPrev => self.repeat_search(false),
            Action::TagEntity(n) => return self.tag_entity(n),
            Action::TagQuote => return self.tag_quote(),
            Action::SetCue => return self.set_cue(),
            Action::TagClaim => return self.tag_claim(),
            Action::LinkEntity => self.open_picker(),
            Action::CycleKind => return self.cycle_kind(),
            Action::Delete => return self.delete_under_cursor(),
            Action::EditNote => self.start_note(),
            Action::EditAttribute => self.start_attribute(),
            Action::EditRelation => self.start_relation(),
            Action::NextSuggestion => self.step_suggestion(true),
            Action::PrevSuggestion => self.step_suggestion(false),
            Action::AcceptSuggestion => return self.accept_suggestion(),
            Action::RejectSuggestion => return self.reject_suggestion(),
            Action::AcceptParagraphSuggestions => return self.accept_paragraph_suggestions(),
            Action::AcceptSameTextSuggestions => return self.accept_same_text_suggestions(),
            Action::ToggleSuggestions => self.toggle_suggestions(),
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::MarkDoneNext => return self.mark_done_next(),
            Action::SetStatus(status) => return self.toggle_status(status),
            Action::Save => return Some(Effect::SaveNow),
            Action::ToggleHelp => self.open_help(),
            Action::ToggleReview => self.open_review(),
            Action::ToggleAdjudication => self.open_adjudication(),
            Action::Reattach => return self.reattach(),
            Action::Quit => return self.quit(),
            Action::NextDocument | Action::PrevDocument => self.no_document_list(),
            Action::Confirm
            | Action::OpenDocument
            | Action::CycleSort
            | Action::PageUp
            | Action::PageDown
            | Action::ListFirst
            | Action::ListLast
            | Action::SaveFinished(_)
            | Action::Notice(_)
            | Action::Rebased(..)
            | Action::Restored(_)
            | Action::FileOutdated
            | Action::StartAdjudication(_)
            | Action::NextDisagreement
            | Action::PrevDisagreement
            | Action::TakeVersion(_)
            | Action::MarkVersion
            | Action::TakeMarked
            | Action::TakeNone
            | Action::ShowSettled
            | Action::JumpToAnnotation
            | Action::Accept
            | Action::Reject
            | Action::FilterReview
            | Action::CycleReviewFilter
            | Action::Backspace
            | Action::ListUp
            | Action::ListDown
            | Action::InsertChar(_)
            | Action::PointAt(_)
            | Action::DragTo { .. }
            | Action::Scroll(_) => {}
        }
        None
    }

    fn update_help(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ToggleHelp | Action::Cancel | Action::Confirm => self.leave_overlay(),
            Action::ListDown | Action::NextParagraph => self.help_scroll += 1,
            Action::ListUp | Action::PrevParagraph => {
                self.help_scroll = self.help_scroll.saturating_sub(1);
            }
            Action::Quit => return self.quit(),
            Action::Save => return Some(Effect::SaveNow),
            _ => {}
        }
        None
    }

    pub(super) fn open_help(&mut self) {
        self.help_scroll = 0;
        self.enter_overlay(Mode::Help);
    }

    /// `]` / `[` in an article opened from a document list: the loop steps along the list
    /// once everything is saved.
    fn step_document(&mut self, step: isize) -> Option<Effect> {
        if self.save_status != SaveStatus::Saved {
            self.message =
                Some("the last change is not saved: save (Ctrl-s) or quit before moving on".into());
            return None;
        }
        Some(Effect::StepDocument(step))
    }

    /// `]` / `[` in an article opened on its own.
    pub(super) fn no_document_list(&mut self) {
        self.message =
            Some("no document list: open a folder (tandai DIR) to move between documents".into());
    }

    /// A save's report: once the annotations are in their file, so are the history's
    /// unsaved edits.
    pub(super) fn save_finished(&mut self, result: Result<(), SaveError>) {
        self.save_status = match result {
            Ok(()) => {
                self.history.mark_saved();
                SaveStatus::Saved
            }
            Err(error) => SaveStatus::Failed(error.message),
        };
    }

    /// Replaces the annotations by `set` (the app loop took the article over and put this
    /// session's changes on top of what another session saved). Undo starts afresh: the old
    /// changes may name ids that were given to others. The next save writes the file whole.
    fn rebased(&mut self, set: crate::model::AnnotationSet, text: String) {
        self.annotations = set;
        self.annotations.sort();
        self.suggestions.reset(&self.doc, &self.annotations);
        self.history = super::History::default();
        self.history.mark_unknown();
        self.save_status = SaveStatus::Pending;
        self.selection = None;
        self.quit_armed = false;
        self.message = Some(text);
    }

    pub(super) fn quit(&mut self) -> Option<Effect> {
        if self.save_status == SaveStatus::Saved || self.quit_armed {
            return Some(Effect::Quit);
        }
        self.quit_armed = true;
        self.message = Some("not saved: press q again to quit (they go to a conflict copy)".into());
        None
    }
}

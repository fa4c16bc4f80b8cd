//! The text prompts (search, note) and the entity picker.

use super::{AppState, Effect, Picker};
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::{Edit, Item};

impl AppState {
    pub(super) fn update_prompt(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::InsertChar(c) => self.prompt.push(c),
            Action::Backspace => {
                self.prompt.pop();
            }
            Action::Cancel => self.close_prompt(),
            Action::Confirm if self.mode == Mode::Search => {
                let query = std::mem::take(&mut self.prompt);
                self.leave_overlay();
                if !query.is_empty() {
                    self.search(&query, true);
                    self.last_search = Some(query);
                }
            }
            Action::Confirm => return self.save_note(),
            _ => {}
        }
        None
    }

    fn close_prompt(&mut self) {
        self.prompt.clear();
        self.review.pending = None;
        self.note_target = None;
        self.leave_overlay();
    }

    /// Enters `mode` (a prompt, the picker or the help) from the current mode, which
    /// [`AppState::leave_overlay`] returns to.
    pub(super) fn enter_overlay(&mut self, mode: Mode) {
        self.back_to = self.mode;
        self.mode = mode;
    }

    /// Leaves a prompt, the picker or the help for the mode it was opened from.
    pub(super) fn leave_overlay(&mut self) {
        self.mode = std::mem::take(&mut self.back_to);
    }

    pub(super) fn start_note(&mut self) {
        let Some(item) = self.annotations.at(self.cursor).into_iter().next() else {
            self.message = Some("no annotation under the cursor".into());
            return;
        };
        self.start_note_for(&item);
    }

    /// Opens the note prompt on `item`'s note.
    pub(super) fn start_note_for(&mut self, item: &Item) {
        self.prompt = item.note().unwrap_or_default().to_owned();
        self.note_target = Some(item.id().to_owned());
        self.enter_overlay(Mode::Note);
    }

    fn save_note(&mut self) -> Option<Effect> {
        if let Some(pending) = self.review.pending.take() {
            let typed = std::mem::take(&mut self.prompt);
            self.leave_overlay();
            return self.finish_pending(pending, &typed);
        }
        let note = std::mem::take(&mut self.prompt);
        let target = self.note_target.take();
        self.leave_overlay();
        let before = self.annotations.get(target.as_deref()?)?;
        let mut after = before.clone();
        after.set_note(Some(note.into()));
        if after == before {
            return None;
        }
        self.message = Some(format!("note on {}", before.id()));
        self.commit(vec![Edit::Replace { before, after }])
    }

    pub(super) fn open_picker(&mut self) {
        let Some(target) = self.quote_or_claim_at_cursor() else {
            self.message = Some("no quote or claim under the cursor".into());
            return;
        };
        self.open_picker_for(target);
    }

    /// Opens the entity picker to link `target`'s speaker or claimant.
    pub(super) fn open_picker_for(&mut self, target: Item) {
        if matches!(target, Item::Entity(_)) {
            self.message = Some("an entity has no link: a links quotes and claims".into());
            return;
        }
        let picker = Picker::new(target.id(), target.spans(), &self.annotations, &self.doc);
        if picker.entries.is_empty() {
            self.message = Some("no entity to link yet: tag the speaker first".into());
            return;
        }
        self.picker = Some(picker);
        self.enter_overlay(Mode::Picker);
    }

    pub(super) fn update_picker(&mut self, action: Action) -> Option<Effect> {
        let picker = self.picker.as_mut()?;
        match action {
            Action::InsertChar(c) => {
                picker.query.push(c);
                picker.selected = 0;
            }
            Action::Backspace => {
                picker.query.pop();
                picker.selected = 0;
            }
            Action::ListUp => picker.step(-1),
            Action::ListDown => picker.step(1),
            Action::Cancel => {
                self.picker = None;
                self.leave_overlay();
            }
            Action::Confirm => return self.link_picked(),
            _ => {}
        }
        None
    }

    fn link_picked(&mut self) -> Option<Effect> {
        let picker = self.picker.take()?;
        self.leave_overlay();
        let Some(entry) = picker.current() else {
            self.message = Some("no entity matches the filter".into());
            return None;
        };
        let before = self.annotations.get(&picker.target)?;
        let mut after = before.clone();
        match &mut after {
            Item::Quote(q) => q.speaker = Some(entry.id.clone()),
            Item::Claim(c) => c.claimant = Some(entry.id.clone()),
            Item::Entity(_) => return None,
        }
        self.message = Some(format!("{} ← {} ({})", picker.target, entry.text, entry.id));
        self.commit(vec![Edit::Replace { before, after }])
    }
}

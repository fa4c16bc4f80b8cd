//! `AppState::update`: the one place where actions change the state.

use super::{AppState, Effect};
use crate::action::Action;

impl AppState {
    /// Applies one action; returns what the app loop must do next.
    pub fn update(&mut self, _action: Action) -> Option<Effect> {
        None
    }

    /// Focuses paragraph `index` (clamped) and puts the cursor on its first word.
    pub fn focus_paragraph(&mut self, index: usize) {
        let last = self.doc.paragraphs().len().saturating_sub(1);
        self.focus = index.min(last);
        self.cursor = self
            .doc
            .words(self.focus)
            .first()
            .map(|w| w.start)
            .or_else(|| self.doc.paragraph(self.focus).map(|p| p.chars.start))
            .unwrap_or(0);
    }
}

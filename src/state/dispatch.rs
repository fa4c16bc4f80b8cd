//! Turning key presses into actions through the keymap, chords and prompts included.

use super::AppState;
use crate::action::Action;
use crate::keymap::{Key, Mode, Resolution};

impl AppState {
    /// Feeds one key press to the keymap of the active mode. Returns the action it completes,
    /// if any; an unfinished chord is kept (and shown) until the next key. In a text prompt or
    /// the picker, an unbound printable key types itself.
    pub fn key_to_action(&mut self, key: Key) -> Option<Action> {
        self.pending.push(key);
        match self.keymap.resolve(self.mode, &self.pending) {
            Resolution::Matched(action) => {
                self.clear_pending();
                Some(action)
            }
            Resolution::Pending => {
                self.pending_keys = self
                    .pending
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ");
                None
            }
            Resolution::NotFound => {
                let chord = self.pending.len() > 1;
                self.clear_pending();
                let typing = matches!(
                    self.mode,
                    Mode::Search | Mode::Note | Mode::Picker | Mode::ReviewFilter
                );
                match key.typed_char() {
                    Some(c) if typing => Some(Action::InsertChar(c)),
                    _ if chord => self.key_to_action(key),
                    _ => None,
                }
            }
        }
    }

    fn clear_pending(&mut self) {
        self.pending.clear();
        self.pending_keys.clear();
    }

    /// Handles one key press end to end: keymap, then `update`.
    pub fn handle_key(&mut self, key: Key) -> Option<super::Effect> {
        let action = self.key_to_action(key)?;
        self.update(action)
    }
}

//! The list's keys: resolved through the keymap's `List` mode (or `Help` while the help is
//! open), chords included, then given to [`CorpusList::update`].

use super::{CorpusList, ListAction, ListEffect};
use crate::action::Action;
use crate::keymap::{Key, Keymap, Mode, Resolution};

impl ListAction {
    /// The list's meaning of a keymap action bound in `mode` (`Mode::List`, or `Mode::Help`
    /// while the help is open); `None` for actions that mean nothing here.
    pub fn from_action(mode: Mode, action: &Action) -> Option<Self> {
        Some(match (mode, action) {
            (_, Action::ListUp) => Self::Up,
            (_, Action::ListDown) => Self::Down,
            (_, Action::ToggleHelp) => Self::ToggleHelp,
            (_, Action::Quit) => Self::Quit,
            (Mode::Help, Action::Cancel | Action::Confirm) => Self::ToggleHelp,
            (Mode::Help, Action::PrevParagraph) => Self::Up,
            (Mode::Help, Action::NextParagraph) => Self::Down,
            (Mode::Help, _) => return None,
            (_, Action::PageUp) => Self::PageUp,
            (_, Action::PageDown) => Self::PageDown,
            (_, Action::ListFirst) => Self::First,
            (_, Action::ListLast) => Self::Last,
            (_, Action::OpenDocument) => Self::Open,
            (_, Action::CycleSort) => Self::CycleSort,
            _ => return None,
        })
    }
}

impl CorpusList {
    /// Feeds one key press to the keymap (chords included), then to [`CorpusList::update`].
    pub fn handle_key(&mut self, keymap: &Keymap, key: Key) -> Option<ListEffect> {
        self.pending.push(key);
        let mode = self.mode();
        let action = match keymap.resolve(mode, &self.pending) {
            Resolution::Matched(action) => {
                self.pending.clear();
                action
            }
            Resolution::Pending => return None,
            Resolution::NotFound => {
                let chord = self.pending.len() > 1;
                self.pending.clear();
                // An unfinished chord followed by another key: that key on its own.
                return if chord {
                    self.handle_key(keymap, key)
                } else {
                    None
                };
            }
        };
        self.update(ListAction::from_action(mode, &action)?)
    }
}

//! Keys, key notation, keymap files and lookup by mode. No terminal library here: the app
//! loop converts terminal events into [`Key`]s.

mod key;
mod notation;

pub use key::{Key, KeyCode};
pub use notation::{parse_keystrokes, parse_sequence, sequence_to_string};

use crate::action::Action;

/// Which set of bindings is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Mode {
    /// Reading and tagging the article.
    #[default]
    Normal,
    /// Typing a search.
    Search,
    /// Picking an entity to link.
    Picker,
    /// Typing a note.
    Note,
    /// The help overlay is open.
    Help,
}

/// The outcome of looking up the keys typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The keys form a whole binding.
    Matched(Action),
    /// The keys are the start of one or more longer bindings.
    Pending,
    /// No binding starts with these keys.
    NotFound,
}

/// Bindings per mode plus the entity label set. (Skeleton: filled in by the keymap work.)
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    labels: crate::model::LabelSet,
}

impl Keymap {
    /// The label set defined with this keymap.
    pub fn labels(&self) -> &crate::model::LabelSet {
        &self.labels
    }

    /// The embedded default keymap (`keymaps/default.ron`). (Skeleton: labels only.)
    pub fn embedded_default() -> Keymap {
        let label = |name: &str, color: &str, description: &str| crate::model::Label {
            name: name.into(),
            color: color.into(),
            description: description.into(),
        };
        Keymap {
            labels: crate::model::LabelSet::new(vec![
                label("PER", "lightblue", "person"),
                label("ORG", "lightgreen", "organisation"),
                label("LOC", "lightmagenta", "place"),
                label("MISC", "lightyellow", "other name"),
            ]),
        }
    }

    /// Every binding of `mode`, grouped by action in the keymap file's order: the keys bound
    /// to each action and the action. The help overlay shows exactly this.
    pub fn help_entries(&self, _mode: Mode) -> Vec<(Vec<Key>, Action)> {
        Vec::new()
    }

    /// Looks up the keys typed so far in `mode`.
    pub fn resolve(&self, _mode: Mode, _keys: &[Key]) -> Resolution {
        Resolution::NotFound
    }
}

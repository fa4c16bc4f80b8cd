//! Keys, key notation, keymap files and lookup by mode. No terminal library here: the app
//! loop converts terminal events into [`Key`]s.

mod bindings;
mod errors;
mod file;
mod key;
mod load;
mod notation;

pub use errors::{KeymapError, NotationError};
pub use key::{Key, KeyCode};
pub use notation::{parse_keystrokes, parse_sequence, sequence_to_string};

use std::path::{Path, PathBuf};

use bindings::Bindings;

use crate::action::Action;
use crate::model::LabelSet;

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
    /// The review panel lists every annotation.
    Review,
    /// Typing the review panel's filter.
    ReviewFilter,
    /// The document list of a folder (`tandai DIR`).
    List,
    /// Adjudication: the annotators' versions of a disagreement, side by side.
    Adjudicate,
}

impl Mode {
    /// Every mode, in keymap-file order.
    pub const ALL: [Mode; 9] = [
        Mode::Normal,
        Mode::Search,
        Mode::Picker,
        Mode::Note,
        Mode::Help,
        Mode::Review,
        Mode::ReviewFilter,
        Mode::List,
        Mode::Adjudicate,
    ];

    /// The mode's field name in keymap files (`normal`, `search`, …).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Search => "search",
            Mode::Picker => "picker",
            Mode::Note => "note",
            Mode::Help => "help",
            Mode::Review => "review",
            Mode::ReviewFilter => "review_filter",
            Mode::List => "list",
            Mode::Adjudicate => "adjudicate",
        }
    }
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

/// Bindings per mode plus the entity label set.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    labels: LabelSet,
    /// Indexed by `Mode as usize`.
    modes: [Bindings; Mode::ALL.len()],
    /// The `mouse` option of the last file that gave one.
    mouse: Option<bool>,
}

/// The shipped default keymap.
const DEFAULT_SOURCE: &str = include_str!("../../keymaps/default.ron");
/// The name the embedded default goes by in error messages.
const DEFAULT_ORIGIN: &str = "keymaps/default.ron (embedded)";

impl Keymap {
    /// The label set defined with this keymap.
    pub fn labels(&self) -> &LabelSet {
        &self.labels
    }

    /// Whether tandai takes the mouse (click, drag, wheel): the keymap files' `mouse` option,
    /// on unless a file says `mouse: false` (the terminal's own selection and copy then work).
    pub fn mouse(&self) -> bool {
        self.mouse.unwrap_or(true)
    }

    /// The embedded default keymap (`keymaps/default.ron`).
    pub fn embedded_default() -> Keymap {
        Keymap::from_ron(DEFAULT_SOURCE, DEFAULT_ORIGIN)
            .unwrap_or_else(|e| panic!("the shipped default keymap is broken: {e}"))
    }

    /// Parses one keymap file as a complete keymap: a mode it leaves out has no bindings, and
    /// without `labels` there are none. `origin` names the file in errors.
    pub fn from_ron(source: &str, origin: &str) -> Result<Keymap, KeymapError> {
        Keymap::default().merged_with(source, origin)
    }

    /// The default keymap with the user keymap file at `path` merged over it (see
    /// [`Keymap::merged_with`]).
    pub fn load_over_default(path: &Path) -> Result<Keymap, KeymapError> {
        let source = std::fs::read_to_string(path).map_err(|source| KeymapError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Keymap::embedded_default().merged_with(&source, &path.display().to_string())
    }

    /// This keymap with the keymap file `source` merged over it, key by key in each mode: a
    /// key sequence bound here keeps its place and takes the file's action, others are added.
    /// A `labels` list in the file replaces the label set whole. `origin` names the file in
    /// errors, which point at the offending key for bad notation, a key bound twice in one
    /// mode, and a key that starts (or is started by) another one in the merged mode.
    pub fn merged_with(&self, source: &str, origin: &str) -> Result<Keymap, KeymapError> {
        load::merge(self, source, origin)
    }

    /// Every binding of `mode` as (key sequence, action), grouped by action: actions in the
    /// order of their first binding in the keymap file, then each of that action's sequences
    /// in file order. Consecutive entries with the same action are alternatives; the keys of
    /// one entry are a chord. The help overlay shows exactly this.
    pub fn help_entries(&self, mode: Mode) -> Vec<(Vec<Key>, Action)> {
        self.modes[mode as usize].grouped()
    }

    /// The first key sequence bound to `action` in `mode`, in keymap notation (`y`, `<F8>`).
    pub fn first_key(&self, mode: Mode, action: &Action) -> Option<String> {
        self.help_entries(mode)
            .into_iter()
            .find(|(_, a)| a == action)
            .map(|(keys, _)| sequence_to_string(&keys))
    }

    /// As [`first_key`](Self::first_key), for a hint in a sentence: `(unbound)` when no key
    /// is bound.
    pub fn key_hint(&self, mode: Mode, action: &Action) -> String {
        self.first_key(mode, action)
            .unwrap_or_else(|| "(unbound)".into())
    }

    /// Looks up the keys typed so far in `mode`.
    pub fn resolve(&self, mode: Mode, keys: &[Key]) -> Resolution {
        self.modes[mode as usize].resolve(keys)
    }
}

/// Where the user's keymap lives: `tandai/keymap.ron` in the platform's config folder.
pub fn user_keymap_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("tandai").join("keymap.ron"))
}

#[cfg(test)]
mod tests;

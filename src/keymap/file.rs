//! The keymap file as written: labels and, per mode, key bindings in file order. Key
//! notation is checked later, by the keymap, which knows where each key is written.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::Mode;
use crate::action::Action;
use crate::model::Label;

/// A whole keymap file. Every field is optional; a missing mode has no bindings of its own.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Keymap", deny_unknown_fields)]
pub(super) struct KeymapFile {
    /// The entity label set, replacing any other one whole; written as a plain list.
    #[serde(default, deserialize_with = "given")]
    pub labels: Option<Vec<Label>>,
    /// Whether tandai takes the mouse (`mouse: false` leaves it to the terminal).
    #[serde(default, deserialize_with = "given")]
    pub mouse: Option<bool>,
    /// Bindings in normal mode.
    #[serde(default)]
    pub normal: ModeMap,
    /// Bindings while typing a search.
    #[serde(default)]
    pub search: ModeMap,
    /// Bindings in the entity picker.
    #[serde(default)]
    pub picker: ModeMap,
    /// Bindings while typing a note.
    #[serde(default)]
    pub note: ModeMap,
    /// Bindings in the help overlay.
    #[serde(default)]
    pub help: ModeMap,
    /// Bindings in the review panel.
    #[serde(default)]
    pub review: ModeMap,
    /// Bindings while typing the review filter.
    #[serde(default)]
    pub review_filter: ModeMap,
    /// Bindings in the document list.
    #[serde(default)]
    pub list: ModeMap,
    /// Bindings in adjudication.
    #[serde(default)]
    pub adjudicate: ModeMap,
}

impl KeymapFile {
    /// The bindings written for `mode`.
    pub fn bindings(&self, mode: Mode) -> &[(String, Action)] {
        let map = match mode {
            Mode::Normal => &self.normal,
            Mode::Search => &self.search,
            Mode::Picker => &self.picker,
            Mode::Note => &self.note,
            Mode::Help => &self.help,
            Mode::Review => &self.review,
            Mode::ReviewFilter => &self.review_filter,
            Mode::List => &self.list,
            Mode::Adjudicate => &self.adjudicate,
        };
        &map.0
    }
}

/// A field written without RON's `Some(...)`: present means given.
fn given<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// One mode's `{ "keys": Action, ... }` map, every entry in file order, repeated keys
/// included (a plain map would silently keep the last one).
#[derive(Debug, Default)]
pub(super) struct ModeMap(pub Vec<(String, Action)>);

impl<'de> Deserialize<'de> for ModeMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ModeMapVisitor)
    }
}

struct ModeMapVisitor;

impl<'de> Visitor<'de> for ModeMapVisitor {
    type Value = ModeMap;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map from key sequences to actions")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ModeMap, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(ModeMap(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<KeymapFile, ron::error::SpannedError> {
        ron::Options::default().from_str(src)
    }

    #[test]
    fn keeps_order_and_repeated_keys() {
        let file = parse(r#"Keymap(normal: { "k": Quit, "j": Undo, "k": Redo })"#).unwrap();
        let keys: Vec<_> = file.normal.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["k", "j", "k"]);
        assert_eq!(file.normal.0[2].1, Action::Redo);
    }

    #[test]
    fn every_field_is_optional() {
        let file = parse("()").unwrap();
        assert!(file.labels.is_none());
        assert!(Mode::ALL.iter().all(|&m| file.bindings(m).is_empty()));
        assert!(parse("Keymap(labels: [])").unwrap().labels.is_some());
        assert_eq!(parse("()").unwrap().mouse, None);
        assert_eq!(parse("Keymap(mouse: false)").unwrap().mouse, Some(false));
        assert!(parse("Keymap(mouse: \"no\")").is_err());
    }

    #[test]
    fn unknown_fields_and_actions_are_refused() {
        assert!(parse("Keymap(nrmal: {})").is_err());
        assert!(parse(r#"Keymap(normal: { "j": Fly })"#).is_err());
        assert!(
            parse(r#"Keymap(labels: [(name: "A", color: "red", description: "", x: 1)])"#).is_err()
        );
    }
}

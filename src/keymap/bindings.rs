//! One mode's bindings: lookup of the keys typed so far, and the file order for the help.

use std::collections::{HashMap, HashSet};

use super::Resolution;
use super::key::Key;
use crate::action::Action;

/// The bindings of one mode. No bound sequence starts another one, so a lookup is never both
/// a match and the start of a longer binding.
#[derive(Clone, Debug, Default)]
pub(super) struct Bindings {
    /// Bound sequences in the order they were first bound.
    order: Vec<Vec<Key>>,
    actions: HashMap<Vec<Key>, Action>,
    /// Every strict, non-empty prefix of a bound sequence.
    prefixes: HashSet<Vec<Key>>,
}

impl Bindings {
    /// Whether exactly `keys` is bound.
    pub fn contains(&self, keys: &[Key]) -> bool {
        self.actions.contains_key(keys)
    }

    /// Binds `keys` to `action`. A sequence already bound keeps its place and takes the new
    /// action. Refuses a sequence that a bound one starts, or that starts a bound one,
    /// returning that bound sequence.
    pub fn bind(&mut self, keys: Vec<Key>, action: Action) -> Result<(), Vec<Key>> {
        if let Some(bound) = self.actions.get_mut(&keys) {
            *bound = action;
            return Ok(());
        }
        if self.prefixes.contains(&keys) {
            let longer = self.order.iter().find(|bound| bound.starts_with(&keys));
            return Err(longer.cloned().unwrap_or_default());
        }
        if let Some(shorter) = (1..keys.len()).find(|&n| self.actions.contains_key(&keys[..n])) {
            return Err(keys[..shorter].to_vec());
        }
        for n in 1..keys.len() {
            self.prefixes.insert(keys[..n].to_vec());
        }
        self.order.push(keys.clone());
        self.actions.insert(keys, action);
        Ok(())
    }

    /// Looks up the keys typed so far. No keys at all is the start of every binding.
    pub fn resolve(&self, keys: &[Key]) -> Resolution {
        if let Some(action) = self.actions.get(keys) {
            Resolution::Matched(action.clone())
        } else if self.prefixes.contains(keys) || (keys.is_empty() && !self.order.is_empty()) {
            Resolution::Pending
        } else {
            Resolution::NotFound
        }
    }

    /// Every binding as (sequence, action), grouped by action: actions in the order of their
    /// first binding, each action's sequences in binding order.
    pub fn grouped(&self) -> Vec<(Vec<Key>, Action)> {
        let mut groups: Vec<(&Action, Vec<&Vec<Key>>)> = Vec::new();
        for keys in &self.order {
            let action = &self.actions[keys];
            match groups.iter_mut().find(|(a, _)| *a == action) {
                Some((_, sequences)) => sequences.push(keys),
                None => groups.push((action, vec![keys])),
            }
        }
        groups
            .into_iter()
            .flat_map(|(action, sequences)| {
                sequences
                    .into_iter()
                    .map(move |keys| (keys.clone(), action.clone()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::notation::parse_sequence;

    fn keys(s: &str) -> Vec<Key> {
        parse_sequence(s).unwrap()
    }

    fn bindings(pairs: &[(&str, Action)]) -> Bindings {
        let mut b = Bindings::default();
        for (k, a) in pairs {
            b.bind(keys(k), a.clone()).unwrap();
        }
        b
    }

    #[test]
    fn resolves_chords() {
        let b = bindings(&[
            ("g g", Action::FirstParagraph),
            ("j", Action::NextParagraph),
        ]);
        assert_eq!(b.resolve(&keys("g")), Resolution::Pending);
        assert_eq!(
            b.resolve(&keys("g g")),
            Resolution::Matched(Action::FirstParagraph)
        );
        assert_eq!(b.resolve(&keys("g j")), Resolution::NotFound);
        assert_eq!(b.resolve(&keys("g g g")), Resolution::NotFound);
        assert_eq!(b.resolve(&keys("x")), Resolution::NotFound);
        assert_eq!(
            b.resolve(&keys("j")),
            Resolution::Matched(Action::NextParagraph)
        );
    }

    #[test]
    fn rebinding_keeps_the_place_and_changes_the_action() {
        let mut b = bindings(&[("j", Action::NextParagraph), ("k", Action::PrevParagraph)]);
        b.bind(keys("j"), Action::Quit).unwrap();
        assert_eq!(b.resolve(&keys("j")), Resolution::Matched(Action::Quit));
        assert_eq!(
            b.grouped(),
            vec![
                (keys("j"), Action::Quit),
                (keys("k"), Action::PrevParagraph)
            ]
        );
    }

    #[test]
    fn refuses_prefix_conflicts_both_ways() {
        let mut b = bindings(&[("g g", Action::FirstParagraph), ("z", Action::Quit)]);
        assert_eq!(b.bind(keys("g"), Action::Quit), Err(keys("g g")));
        assert_eq!(b.bind(keys("z z"), Action::Quit), Err(keys("z")));
        assert_eq!(b.resolve(&keys("g")), Resolution::Pending);
        assert_eq!(b.resolve(&keys("z")), Resolution::Matched(Action::Quit));
    }

    #[test]
    fn groups_sequences_by_action_in_first_appearance_order() {
        let b = bindings(&[
            ("j", Action::NextParagraph),
            ("k", Action::PrevParagraph),
            ("<Down>", Action::NextParagraph),
            ("g g", Action::FirstParagraph),
        ]);
        assert_eq!(
            b.grouped(),
            vec![
                (keys("j"), Action::NextParagraph),
                (keys("<Down>"), Action::NextParagraph),
                (keys("k"), Action::PrevParagraph),
                (keys("g g"), Action::FirstParagraph),
            ]
        );
    }
}

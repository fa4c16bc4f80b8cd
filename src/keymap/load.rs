//! Applying one keymap file over a keymap, refusing it with an error placed at the
//! offending key.

use super::bindings::Bindings;
use super::file::KeymapFile;
use super::notation::{parse_sequence, sequence_to_string};
use super::{Keymap, KeymapError, Mode};
use crate::action::Action;
use crate::model::LabelSet;
use crate::ron_locate::{Place, map_keys};

/// `base` with the keymap file `source` (called `origin` in errors) merged over it.
pub(super) fn merge(base: &Keymap, source: &str, origin: &str) -> Result<Keymap, KeymapError> {
    let file: KeymapFile = ron::Options::default()
        .from_str(source)
        .map_err(|e| KeymapError::from_ron(origin, &e))?;
    let mut merged = base.clone();
    for mode in Mode::ALL {
        merge_mode(&mut merged.modes[mode as usize], file.bindings(mode), mode).map_err(
            |(index, message)| {
                let place = map_keys(source, mode.name()).get(index).copied();
                let place = place.unwrap_or(Place { line: 1, column: 1 });
                KeymapError::Invalid {
                    origin: origin.to_string(),
                    line: place.line,
                    col: place.column,
                    message,
                }
            },
        )?;
    }
    if file.mouse.is_some() {
        merged.mouse = file.mouse;
    }
    if let Some(labels) = file.labels {
        merged.labels = LabelSet::new(labels);
    }
    Ok(merged)
}

/// Merges one mode's written bindings into `target`. On failure, the index of the offending
/// binding in `written` and what is wrong with it.
fn merge_mode(
    target: &mut Bindings,
    written: &[(String, Action)],
    mode: Mode,
) -> Result<(), (usize, String)> {
    let mut own = Bindings::default();
    for (index, (text, action)) in written.iter().enumerate() {
        let keys = parse_sequence(text)
            .map_err(|e| (index, format!("bad key \"{text}\" in {}: {e}", mode.name())))?;
        if own.contains(&keys) {
            return Err((
                index,
                format!("key \"{text}\" is bound twice in {}", mode.name()),
            ));
        }
        own.bind(keys.clone(), action.clone())
            .and_then(|()| target.bind(keys, action.clone()))
            .map_err(|bound| {
                let message = format!(
                    "key \"{text}\" conflicts with \"{}\" in {}: the shorter one would hide the \
                     longer",
                    sequence_to_string(&bound),
                    mode.name()
                );
                (index, message)
            })?;
    }
    Ok(())
}

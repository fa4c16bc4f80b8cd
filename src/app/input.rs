//! Converts crossterm key events into tandai's own [`Key`]s.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode as Ct, KeyEvent, KeyEventKind, KeyModifiers};

use crate::keymap::{Key, KeyCode};

/// The key a press or repeat stands for; `None` for releases and keys tandai does not bind.
pub fn key_from_event(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let mods = event.modifiers;
    let code = match event.code {
        Ct::Char(c) => KeyCode::Char(c),
        Ct::Enter => KeyCode::Enter,
        Ct::Esc => KeyCode::Esc,
        Ct::Backspace => KeyCode::Backspace,
        Ct::Tab => KeyCode::Tab,
        Ct::BackTab => KeyCode::BackTab,
        Ct::Left => KeyCode::Left,
        Ct::Right => KeyCode::Right,
        Ct::Up => KeyCode::Up,
        Ct::Down => KeyCode::Down,
        Ct::Home => KeyCode::Home,
        Ct::End => KeyCode::End,
        Ct::PageUp => KeyCode::PageUp,
        Ct::PageDown => KeyCode::PageDown,
        Ct::Delete => KeyCode::Delete,
        Ct::Insert => KeyCode::Insert,
        Ct::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let printable = matches!(code, KeyCode::Char(_));
    Some(Key {
        code,
        ctrl: mods.contains(KeyModifiers::CONTROL),
        alt: mods.contains(KeyModifiers::ALT),
        shift: !printable && mods.contains(KeyModifiers::SHIFT) && code != KeyCode::BackTab,
    })
}

/// Waits up to `timeout` for a key press; `None` when the time ran out or another event
/// (a resize, a key release) came, so the caller redraws and may do idle work.
pub fn next_key(timeout: Duration) -> io::Result<Option<Key>> {
    if !event::poll(timeout)? {
        return Ok(None);
    }
    Ok(match event::read()? {
        Event::Key(event) => key_from_event(event),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_letters_fold_into_the_character() {
        let event = KeyEvent::new(Ct::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(key_from_event(event), Some(Key::char('G')));
    }

    #[test]
    fn shift_arrow_and_ctrl_letter_keep_modifiers() {
        let right = key_from_event(KeyEvent::new(Ct::Right, KeyModifiers::SHIFT)).unwrap();
        assert!(right.shift && right.code == KeyCode::Right);
        let redo = key_from_event(KeyEvent::new(Ct::Char('r'), KeyModifiers::CONTROL)).unwrap();
        assert!(redo.ctrl && redo.code == KeyCode::Char('r'));
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = KeyEvent::new(Ct::Char('j'), KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(key_from_event(event), None);
    }
}

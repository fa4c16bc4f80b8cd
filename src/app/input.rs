//! Converts crossterm events into tandai's own [`Key`]s and, for the mouse, into actions at
//! the article's characters under the pointer (`ui::hit`).

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, Event, KeyCode as Ct, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::keymap::{Key, KeyCode};
use crate::state::AppState;
use crate::ui::hit::hit;

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

/// What the article's loop reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A key press.
    Key(Key),
    /// A click, drag, release or turn of the wheel.
    Mouse(MouseEvent),
    /// Something that only asks for a redraw (a resize, a key release).
    Redraw,
}

/// Waits up to `timeout` for an input; `None` when the time ran out. Mouse events count only
/// with `mouse` on (a terminal may send them even when tandai did not ask: they are dropped);
/// the pointer moving without a button is never one, so it costs no redraw.
pub fn next_input(timeout: Duration, mouse: bool) -> io::Result<Option<Input>> {
    let deadline = Instant::now() + timeout;
    loop {
        if !event::poll(deadline.saturating_duration_since(Instant::now()))? {
            return Ok(None);
        }
        let input = match event::read()? {
            Event::Key(event) => key_from_event(event).map_or(Input::Redraw, Input::Key),
            Event::Mouse(event) if mouse && event.kind != MouseEventKind::Moved => {
                Input::Mouse(event)
            }
            Event::Mouse(_) => continue,
            _ => Input::Redraw,
        };
        return Ok(Some(input));
    }
}

/// Turns mouse events into the state's mouse actions. A click counts when the button comes
/// back up without having moved (so the article, which follows the focus, never moves under
/// a button that is down); remembers between events where the left button went down on the
/// article's text and whether it has moved since.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pointer {
    /// The character under the left button when it went down on the text.
    pressed: Option<usize>,
    /// Whether the pointer has moved to another character since.
    dragged: bool,
}

impl Pointer {
    /// The action `event` asks of `state` drawn on a screen of `screen`: the left button
    /// down then up on the text points at its character; moved in between, it drags from
    /// there to the character under it. The wheel scrolls anywhere. Everything else (other
    /// buttons, the pointer off the text) asks nothing.
    pub fn action(&mut self, event: MouseEvent, state: &AppState, screen: Rect) -> Option<Action> {
        let under = || hit(state, screen, event.column, event.row).map(|h| h.offset);
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.pressed = under();
                self.dragged = false;
                None
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                let from = self.pressed?;
                let to = under()?;
                self.dragged |= to != from;
                self.dragged.then_some(Action::DragTo { from, to })
            }
            MouseEventKind::Up(MouseButton::Left) => {
                let from = self.pressed.take()?;
                (!std::mem::take(&mut self.dragged)).then_some(Action::PointAt(from))
            }
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Keymap;
    use crate::model::{AnnotationSet, Document};

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    fn state() -> AppState {
        let doc = Document::new("Korea Utara mendukung Rusia.");
        let set = AnnotationSet::new(doc.paragraphs().len());
        AppState::new(doc, set, Keymap::embedded_default(), "a.txt")
    }

    #[test]
    fn a_press_and_release_in_place_points_and_a_move_in_between_drags() {
        let state = state();
        let screen = Rect::new(0, 0, 40, 10);
        let gutter = (0..40)
            .find(|&x| hit(&state, screen, x, 0).is_some())
            .unwrap();
        let at = |kind, column| mouse(kind, gutter + column, 0);
        let (down, drag, up) = (
            MouseEventKind::Down(MouseButton::Left),
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::Up(MouseButton::Left),
        );
        let mut pointer = Pointer::default();
        assert_eq!(pointer.action(at(down, 7), &state, screen), None);
        assert_eq!(
            pointer.action(at(drag, 7), &state, screen),
            None,
            "not moved yet"
        );
        let click = pointer.action(at(up, 7), &state, screen);
        assert_eq!(click, Some(Action::PointAt(7)));

        assert_eq!(pointer.action(at(down, 7), &state, screen), None);
        let dragged = pointer.action(at(drag, 12), &state, screen);
        assert_eq!(dragged, Some(Action::DragTo { from: 7, to: 12 }));
        let back = pointer.action(at(drag, 7), &state, screen);
        assert_eq!(
            back,
            Some(Action::DragTo { from: 7, to: 7 }),
            "back to the start"
        );
        assert_eq!(
            pointer.action(at(up, 7), &state, screen),
            None,
            "a drag is no click"
        );
        assert_eq!(
            pointer.action(at(drag, 9), &state, screen),
            None,
            "button up"
        );
    }

    #[test]
    fn a_drag_from_outside_the_text_selects_nothing_and_the_wheel_scrolls_anywhere() {
        let state = state();
        let screen = Rect::new(0, 0, 40, 10);
        let mut pointer = Pointer::default();
        let on_status_bar = mouse(MouseEventKind::Down(MouseButton::Left), 10, 9);
        assert_eq!(pointer.action(on_status_bar, &state, screen), None);
        let drag = mouse(MouseEventKind::Drag(MouseButton::Left), 15, 0);
        assert_eq!(pointer.action(drag, &state, screen), None);
        let right = mouse(MouseEventKind::Down(MouseButton::Right), 15, 0);
        assert_eq!(pointer.action(right, &state, screen), None);
        let up = mouse(MouseEventKind::ScrollUp, 10, 9);
        assert_eq!(pointer.action(up, &state, screen), Some(Action::Scroll(-1)));
        let down = mouse(MouseEventKind::ScrollDown, 0, 0);
        assert_eq!(
            pointer.action(down, &state, screen),
            Some(Action::Scroll(1))
        );
    }

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

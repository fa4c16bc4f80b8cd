//! The interactive loop: read a key, update, run the effect, draw.

use std::io;

use crossterm::event::{self, Event};

use super::input::key_from_event;
use super::session::Session;
use crate::ui::{self, Theme};

/// Runs the annotator in the terminal until the user quits. The terminal is restored on every
/// exit, panics included (ratatui's init installs the hook).
pub fn run(mut session: Session) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    let result = (|| -> io::Result<()> {
        loop {
            terminal.draw(|frame| ui::render(frame, &session.state, &theme))?;
            let Event::Key(event) = event::read()? else {
                continue;
            };
            let Some(key) = key_from_event(event) else {
                continue;
            };
            if let Some(effect) = session.state.handle_key(key)
                && session.run(effect)
            {
                return Ok(());
            }
        }
    })();
    ratatui::restore();
    result
}

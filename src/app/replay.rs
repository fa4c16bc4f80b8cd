//! The headless driver: the same state, keys and saves as the terminal, on an in-memory screen.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::session::Session;
use crate::keymap::parse_keystrokes;
use crate::ui::{self, Theme};

/// Applies `keys` (replay notation) to the session, running every effect as the terminal
/// does (saves included), stopping at a quit; returns the final screen as text.
pub fn replay(session: &mut Session, keys: &str, size: (u16, u16)) -> Result<String, String> {
    let keys = parse_keystrokes(keys).map_err(|e| format!("--keys: {e}"))?;
    for key in keys {
        if let Some(effect) = session.state.handle_key(key)
            && session.run(effect)
        {
            break;
        }
    }
    let mut terminal =
        Terminal::new(TestBackend::new(size.0, size.1)).map_err(|e| e.to_string())?;
    terminal
        .draw(|frame| ui::render(frame, &session.state, &Theme::plain()))
        .map_err(|e| e.to_string())?;
    Ok(buffer_text(terminal.backend().buffer()))
}

/// The characters of a buffer, one line per row, trailing spaces removed.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

//! The one-line prompt of the search and note modes, with a visible text cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use unicode_segmentation::UnicodeSegmentation;

use super::draw;
use super::sanitize;
use super::theme::Theme;
use crate::keymap::Mode;
use crate::state::AppState;

/// The prompt's lead-in for `mode`, or `None` when the mode has no prompt.
pub fn prefix(mode: Mode) -> Option<&'static str> {
    match mode {
        Mode::Search => Some("/"),
        Mode::Note => Some("note: "),
        Mode::ReviewFilter => Some("filter: "),
        _ => None,
    }
}

/// Draws the prompt on the first row of `area`; when the text is longer than the row, its
/// end stays visible. Puts the terminal cursor after the text.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let pending = state
        .review
        .pending
        .as_ref()
        .filter(|_| state.mode == Mode::Note);
    let Some(lead) = pending.map(|p| p.lead()).or(prefix(state.mode)) else {
        return;
    };
    if area.is_empty() {
        return;
    }
    let buf = frame.buffer_mut();
    let right = area.right();
    let x = draw::text(buf, (area.x, area.y), right, lead, theme.title);
    let room = usize::from(right.saturating_sub(x)).saturating_sub(1);
    let typed = match state.mode {
        Mode::ReviewFilter => &state.review.query,
        _ => &state.prompt,
    };
    let clean = sanitize::sanitize(typed);
    let graphemes: Vec<&str> = clean.graphemes(true).collect();
    let mut used = 0;
    let mut first = graphemes.len();
    while first > 0 {
        let w = sanitize::grapheme_width(graphemes[first - 1]);
        if used + w > room {
            break;
        }
        used += w;
        first -= 1;
    }
    let shown: String = graphemes[first..].concat();
    let end = draw::text(buf, (x, area.y), right, &shown, theme.status);
    if end < right {
        draw::glyph(buf, (end, area.y), right, " ", 1, theme.cursor);
        frame.set_cursor_position(Position::new(end, area.y));
    }
}

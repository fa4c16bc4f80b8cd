//! Pure views: draw the state into a ratatui frame, never change it.
//!
//! Layout, top to bottom: the article (left) and the side panel (right, when the terminal is
//! at least [`SIDE_PANEL_MIN_WIDTH`] columns wide), the prompt line in the search and note
//! modes, and the status bar. The picker and the help are popups over the article.

mod article;
mod corpus_list;
mod draw;
mod help;
mod picker;
mod prompt;
mod review_panel;
mod sanitize;
mod side_panel;
mod status_bar;
mod theme;
mod wrap;

#[cfg(test)]
mod tests;

pub use corpus_list::render as render_corpus_list;
pub use sanitize::{PLACEHOLDER, sanitize};
pub use theme::Theme;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::keymap::Mode;
use crate::state::AppState;

/// Narrowest terminal that gets the side panel.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 60;

/// The article's area and a panel of `panel_width` columns on the right of `main`, with one
/// column between them.
fn split_right(main: Rect, panel_width: u16) -> (Rect, Rect) {
    let text = Rect {
        width: main.width.saturating_sub(panel_width + 1),
        ..main
    };
    let panel = Rect {
        x: main.right() - panel_width,
        width: panel_width,
        ..main
    };
    (text, panel)
}

/// Draws the whole screen for `state`. Reads the state only; any terminal size works.
pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    if area.is_empty() {
        return;
    }
    let has_prompt = prompt::prefix(state.mode).is_some();
    if area.height == 1 {
        let line = area;
        if has_prompt {
            prompt::render(frame, line, state, theme);
        } else {
            status_bar::render(frame.buffer_mut(), line, state, theme);
        }
        return;
    }
    let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let mut main = Rect {
        height: area.height - 1,
        ..area
    };
    status_bar::render(frame.buffer_mut(), status, state, theme);
    if has_prompt {
        if main.height >= 2 {
            main.height -= 1;
            let line = Rect::new(area.x, main.bottom(), area.width, 1);
            prompt::render(frame, line, state, theme);
        } else {
            prompt::render(frame, status, state, theme);
        }
    }

    let buf = frame.buffer_mut();
    if state.review_open() {
        // The list takes the right half (all of a narrow screen); the article beside it
        // shows the highlighted annotation.
        if area.width >= SIDE_PANEL_MIN_WIDTH {
            let (text, panel) = split_right(main, area.width / 2);
            article::render(buf, text, state, theme);
            review_panel::render(buf, panel, state, theme);
        } else {
            review_panel::render(buf, main, state, theme);
        }
    } else if area.width >= SIDE_PANEL_MIN_WIDTH {
        let (text, panel) = split_right(main, area.width / 3);
        article::render(buf, text, state, theme);
        side_panel::render(buf, panel, state, theme);
    } else {
        article::render(buf, main, state, theme);
    }

    match (state.mode, &state.picker) {
        (Mode::Picker, Some(p)) => picker::render(buf, main, state, p, theme),
        (Mode::Help, _) => help::render(buf, main, &state.keymap, state.help_scroll, theme),
        _ => {}
    }
}

/// A `width` × `height` rectangle centred in `area` (both clamped to it).
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

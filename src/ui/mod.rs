//! Pure views: draw the state into a ratatui frame, never change it.
//!
//! Layout, top to bottom: the article (left) and the side panel (right, when the terminal is
//! at least [`SIDE_PANEL_MIN_WIDTH`] columns wide), the prompt line in the search and note
//! modes, and the status bar. The picker and the help are popups over the article.

mod adjudicate;
mod article;
mod corpus_list;
mod draw;
mod help;
pub mod hit;
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

/// Where each part of the screen goes for `state` on a screen of `area`: the one layout that
/// [`render`] draws and [`hit`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Areas {
    /// Everything above the status bar (and the prompt line): popups are centred in it.
    main: Rect,
    /// The status bar.
    status: Option<Rect>,
    /// The prompt line, in the search and note modes.
    prompt: Option<Rect>,
    /// The article's text and gutter.
    article: Option<Rect>,
    /// The side panel, or the review panel when it is open.
    panel: Option<Rect>,
}

impl Areas {
    /// The areas of a screen of `area` showing `state`.
    fn of(area: Rect, state: &AppState) -> Areas {
        if area.is_empty() {
            return Areas::default();
        }
        let has_prompt = prompt::prefix(state.mode).is_some();
        if area.height == 1 {
            return if has_prompt {
                Areas {
                    prompt: Some(area),
                    ..Areas::default()
                }
            } else {
                Areas {
                    status: Some(area),
                    ..Areas::default()
                }
            };
        }
        let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let mut main = Rect {
            height: area.height - 1,
            ..area
        };
        let mut prompt = None;
        if has_prompt {
            if main.height >= 2 {
                main.height -= 1;
                prompt = Some(Rect::new(area.x, main.bottom(), area.width, 1));
            } else {
                prompt = Some(status);
            }
        }
        let (article, panel) = if state.review_open() || state.mode == Mode::Adjudicate {
            // The list takes the right half (all of a narrow screen); the article beside it
            // shows the highlighted annotation.
            if area.width >= SIDE_PANEL_MIN_WIDTH {
                let (text, panel) = split_right(main, area.width / 2);
                (Some(text), Some(panel))
            } else {
                (None, Some(main))
            }
        } else if area.width >= SIDE_PANEL_MIN_WIDTH {
            let (text, panel) = split_right(main, area.width / 3);
            (Some(text), Some(panel))
        } else {
            (Some(main), None)
        };
        Areas {
            main,
            status: Some(status),
            prompt,
            article,
            panel,
        }
    }
}

/// Draws the whole screen for `state`. Reads the state only; any terminal size works.
pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let areas = Areas::of(frame.area(), state);
    if let Some(status) = areas.status {
        status_bar::render(frame.buffer_mut(), status, state, theme);
    }
    if let Some(line) = areas.prompt {
        prompt::render(frame, line, state, theme);
    }
    let buf = frame.buffer_mut();
    if let Some(text) = areas.article {
        article::render(buf, text, state, theme);
    }
    if let Some(panel) = areas.panel {
        if state.review_open() {
            review_panel::render(buf, panel, state, theme);
        } else if state.mode == Mode::Adjudicate {
            adjudicate::render(buf, panel, state, theme);
        } else {
            side_panel::render(buf, panel, state, theme);
        }
    }
    let main = areas.main;
    if main.is_empty() {
        return;
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

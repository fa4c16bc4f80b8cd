//! Writing sanitised text into buffer cells, clipped to a right edge, never out of bounds.

use super::sanitize;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// Writes one sanitised cluster `width` cells wide at (`x`, `y`) when it fits before `right`
/// and inside the buffer; returns the column after it (unchanged when it did not fit).
pub fn glyph(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    right: u16,
    symbol: &str,
    width: usize,
    style: Style,
) -> u16 {
    let right = right.min(buf.area.right());
    let Ok(w) = u16::try_from(width) else {
        return x;
    };
    if w == 0 || x.saturating_add(w) > right || y >= buf.area.bottom() || y < buf.area.top() {
        return x;
    }
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_symbol(symbol).set_style(style);
    }
    for dx in 1..w {
        if let Some(cell) = buf.cell_mut((x + dx, y)) {
            cell.reset();
            cell.set_style(style);
        }
    }
    x + w
}

/// Writes `text` (sanitised here) from (`x`, `y`), stopping before `right`; returns the
/// column after the last cell written.
pub fn text(buf: &mut Buffer, (x, y): (u16, u16), right: u16, text: &str, style: Style) -> u16 {
    let clean = sanitize::sanitize(text);
    let mut x = x;
    for g in sanitize::graphemes(&clean) {
        let w = sanitize::grapheme_width(g);
        let next = glyph(buf, (x, y), right, g, w, style);
        if next == x {
            break;
        }
        x = next;
    }
    x
}

/// Writes styled pieces one after another; returns the column after the last cell written.
pub fn pieces(buf: &mut Buffer, (x, y): (u16, u16), right: u16, pieces: &[(String, Style)]) -> u16 {
    pieces
        .iter()
        .fold(x, |x, (t, style)| text(buf, (x, y), right, t, *style))
}

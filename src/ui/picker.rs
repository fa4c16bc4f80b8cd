//! The entity picker popup: filter line, candidate list, hint.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::draw;
use super::theme::Theme;
use super::wrap::{fit, text_width};
use crate::state::{AppState, Picker};

/// The hint line under the list.
const HINT: &str = "Enter link · Esc cancel";

/// Draws the picker centred in `area`.
pub fn render(buf: &mut Buffer, area: Rect, state: &AppState, picker: &Picker, theme: &Theme) {
    let visible = picker.visible();
    let width = area.width.saturating_sub(4).clamp(area.width.min(24), 64);
    let wanted = u16::try_from(visible.len().max(1) + 4).unwrap_or(u16::MAX);
    let height = wanted.min(area.height);
    let popup = super::centered(area, width, height);
    let role = if state.annotations.quote(&picker.target).is_some() {
        "speaker"
    } else {
        "claimant"
    };
    let title = fit(
        &format!(" {role} for {} ", picker.target),
        usize::from(width),
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title)
        .title_style(theme.title);
    let inner = block.inner(popup);
    Clear.render(popup, buf);
    block.render(popup, buf);
    if inner.is_empty() {
        return;
    }
    let right = inner.right();
    let x = draw::text(buf, (inner.x, inner.y), right, "› ", theme.title);
    let end = draw::text(buf, (x, inner.y), right, &picker.query, Style::new());
    draw::glyph(buf, (end, inner.y), right, " ", 1, theme.cursor);
    if inner.height < 2 {
        return;
    }
    let hint_y = inner.bottom() - 1;
    let hint = fit(HINT, usize::from(inner.width));
    draw::text(buf, (inner.x, hint_y), right, &hint, theme.muted);
    let list_top = inner.y + 1;
    let list_height = usize::from(hint_y.saturating_sub(list_top));
    if list_height == 0 {
        return;
    }
    if visible.is_empty() {
        draw::text(
            buf,
            (inner.x, list_top),
            right,
            "no entity matches",
            theme.muted,
        );
        return;
    }
    let selected = picker.selected.min(visible.len() - 1);
    let skip = (selected + 1).saturating_sub(list_height);
    let label_width = visible
        .iter()
        .map(|e| text_width(&e.label))
        .max()
        .unwrap_or(0);
    for (row, (i, entry)) in visible
        .iter()
        .enumerate()
        .skip(skip)
        .take(list_height)
        .enumerate()
    {
        let y = list_top + u16::try_from(row).unwrap_or(u16::MAX);
        let line = Rect::new(inner.x, y, inner.width, 1);
        let base = if i == selected {
            theme.highlight
        } else {
            Style::new()
        };
        buf.set_style(line, base);
        let color = state
            .labels()
            .by_name(&entry.label)
            .map(|l| l.color.as_str());
        let label = format!("{:<label_width$} ", entry.label);
        let where_ = format!(" ¶{}", entry.paragraph);
        let x = draw::text(
            buf,
            (inner.x, y),
            right,
            &label,
            theme.label(color).patch(base),
        );
        let room = usize::from(right.saturating_sub(x)).saturating_sub(text_width(&where_));
        let x = draw::text(buf, (x, y), right, &fit(&entry.text, room), base);
        let at = right.saturating_sub(u16::try_from(text_width(&where_)).unwrap_or(0));
        draw::text(buf, (x.max(at), y), right, &where_, theme.muted.patch(base));
    }
}

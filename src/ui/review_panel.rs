//! The review panel: every annotation, grouped under headings, the highlighted one's
//! problems and note at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::draw;
use super::theme::Theme;
use super::wrap::{fit, text_width};
use crate::model::{Kept, ReviewStatus};
use crate::state::{AppState, Preset, ReviewRow, group_counts, review_rows};

/// The glyph of a review status.
pub fn status_glyph(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Unreviewed => "·",
        ReviewStatus::Accepted => "✓",
        ReviewStatus::Rejected => "✗",
    }
}

/// One screen line of the list: a heading, or row `index` of the filtered rows.
enum Line<'a> {
    Heading(String),
    Row(usize, &'a ReviewRow),
}

fn lines(rows: &[ReviewRow]) -> Vec<Line<'_>> {
    let counts = group_counts(rows);
    let mut out = Vec::new();
    let mut group: Option<&str> = None;
    for (i, row) in rows.iter().enumerate() {
        if group != Some(row.group.as_str()) {
            group = Some(&row.group);
            out.push(Line::Heading(format!(
                "{} ({})",
                row.group,
                counts.get(row.group.as_str()).copied().unwrap_or(0)
            )));
        }
        out.push(Line::Row(i, row));
    }
    out
}

fn title(state: &AppState, shown: usize, total: usize) -> String {
    let mut title = String::from(" Review");
    if state.review.preset != Preset::All {
        title.push_str(&format!(" · {}", state.review.preset.name()));
    }
    if !state.review.query.is_empty() {
        title.push_str(&format!(" · “{}”", state.review.query));
    }
    title.push_str(&format!(" · {shown}/{total} "));
    title
}

/// Draws the panel into `area`.
pub fn render(buf: &mut Buffer, area: Rect, state: &AppState, theme: &Theme) {
    let rows = review_rows(state);
    let (entities, quotes, claims) = state.annotations.counts();
    let kept: usize = state.annotations.kept.iter().map(Kept::rows).sum();
    let total = entities + quotes + claims + state.annotations.relations.len() + kept;
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .title(fit(
            &title(state, rows.len(), total),
            usize::from(area.width),
        ))
        .title_style(theme.title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let right = inner.right();
    if rows.is_empty() {
        let text = if total == 0 {
            " no annotations yet"
        } else {
            " nothing matches the filter"
        };
        draw::text(buf, (inner.x, inner.y), right, text, theme.muted);
        return;
    }
    let selected = state.review.selected.min(rows.len() - 1);
    let details = detail_lines(&rows[selected]);
    let detail_height = if inner.height >= 8 {
        details.len().min(2)
    } else {
        0
    };
    let list_height = usize::from(inner.height) - detail_height;
    let lines = lines(&rows);
    let at = lines
        .iter()
        .position(|l| matches!(l, Line::Row(i, _) if *i == selected))
        .unwrap_or(0);
    // Keep the highlighted row in view, with its heading when it is the first of a group.
    let skip = (at + 1).saturating_sub(list_height);
    let para_width = rows
        .iter()
        .map(|r| r.paragraph)
        .max()
        .map_or(1, |p| p.to_string().len());
    // Tags line up within each kind, so entity labels do not pad to `indirect`.
    // A document has few distinct tags: each is measured once.
    let mut tags: Vec<(&str, &str, usize)> = Vec::new();
    for row in rows.iter() {
        if !tags.iter().any(|(k, t, _)| *k == row.kind && *t == row.tag) {
            tags.push((row.kind, &row.tag, text_width(&row.tag)));
        }
    }
    let tag_width = |kind: &str| {
        (tags.iter())
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, _, w)| *w)
            .max()
            .unwrap_or(0)
    };
    for (y, line) in (inner.y..).zip(lines.iter().skip(skip).take(list_height)) {
        match line {
            Line::Heading(text) => {
                draw::text(
                    buf,
                    (inner.x, y),
                    right,
                    &fit(text, usize::from(inner.width)),
                    theme.title,
                );
            }
            Line::Row(i, row) => {
                let base = if *i == selected {
                    theme.highlight
                } else {
                    Style::new()
                };
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
                let widths = (para_width, tag_width(row.kind));
                let marker = if *i == selected { "›" } else { " " };
                let marker_style = theme.focus_marker.patch(base);
                let x = draw::text(buf, (inner.x, y), right, marker, marker_style);
                draw_row(buf, (x, y), right, row, widths, base, state, theme);
            }
        }
    }
    for (y, (text, warn)) in (inner.y + u16::try_from(list_height).unwrap_or(0)..inner.bottom())
        .zip(details.iter().take(detail_height))
    {
        let style = if *warn { theme.warning } else { theme.muted };
        draw::text(
            buf,
            (inner.x, y),
            right,
            &fit(text, usize::from(inner.width)),
            style,
        );
    }
}

/// The highlighted row's problems, note, attributes and relations (or, for a kept line,
/// that it is kept from import), each a (text, is a warning) line.
fn detail_lines(row: &ReviewRow) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    if row.kind == "kept" {
        out.push((format!("kept from import ({}), read only", row.tag), false));
    }
    if !row.problems.is_empty() {
        let all: Vec<String> = row.problems.iter().map(|p| p.describe()).collect();
        out.push((format!("⚠ {}", all.join("; ")), true));
    }
    if let Some(note) = &row.note {
        out.push((
            format!("✎ {}", note.lines().next().unwrap_or_default()),
            false,
        ));
    }
    if !row.attributes.is_empty() {
        out.push((format!("= {}", row.attributes.join(" · ")), false));
    }
    if !row.relations.is_empty() {
        out.push((format!("⇄ {}", row.relations.join(" · ")), false));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn draw_row(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    right: u16,
    row: &ReviewRow,
    (para_width, tag_width): (usize, usize),
    base: Style,
    state: &AppState,
    theme: &Theme,
) {
    let status_style = match row.status {
        ReviewStatus::Unreviewed => theme.muted,
        ReviewStatus::Accepted => theme.title,
        ReviewStatus::Rejected => theme.warning,
    };
    let tag_style = match row.kind {
        "entity" => {
            let color = state.labels().by_name(&row.tag).map(|l| l.color.as_str());
            theme.label(color)
        }
        "quote" => theme.quote,
        _ => theme.claim,
    };
    let problem = if row.problems.is_empty() {
        (" ", base)
    } else {
        ("!", base.patch(theme.warning))
    };
    let pieces = [
        (
            status_glyph(row.status).to_owned(),
            status_style.patch(base),
        ),
        (problem.0.to_owned(), problem.1),
        (
            match row.paragraph {
                0 => format!("¶{:<para_width$} ", "–"),
                n => format!("¶{n:<para_width$} "),
            },
            theme.muted.patch(base),
        ),
        (format!("{:<tag_width$} ", row.tag), tag_style.patch(base)),
    ];
    let x = draw::pieces(buf, (x, y), right, &pieces);
    let room = usize::from(right.saturating_sub(x));
    let links_width = text_width(&row.links);
    // The links get at most a third of the room, the text the rest.
    let links_room = if row.links.is_empty() {
        0
    } else {
        links_width.min(room / 3)
    };
    let text_room = room.saturating_sub(links_room + usize::from(links_room > 0));
    let text = fit(&row.text, text_room);
    let end = draw::text(buf, (x, y), right, &text, base);
    if links_room > 0 {
        let links = fit(&row.links, links_room);
        let at = right.saturating_sub(u16::try_from(text_width(&links)).unwrap_or(0));
        draw::text(
            buf,
            (end.max(at), y),
            right,
            &links,
            theme.muted.patch(base),
        );
    }
}

//! The document list of a corpus: one row per article with its progress and counts, broken
//! files with their reason. Scrolling follows the selection; nothing here changes the list.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::draw;
use super::theme::Theme;
use super::wrap::{fit, text_width};
use crate::action::Action;
use crate::keymap::{Keymap, Mode};
use crate::state::{CorpusList, Review, Row, RowState, Summary};

/// Cells of the progress bar.
const BAR: usize = 8;
/// Width of the columns right of the name: progress, entities, quotes, claims, review, state.
const COLUMNS: [(&str, usize); 6] = [
    ("PROGRESS", 18),
    ("ENT", 5),
    ("QUO", 5),
    ("CLA", 5),
    ("REVIEW", 18),
    ("STATE", 12),
];

/// The first key sequence bound to `action` in `mode`, in keymap notation.
fn first_key(keymap: &Keymap, mode: Mode, action: &Action) -> Option<String> {
    keymap.first_key(mode, action)
}

/// The key hints of the bottom line, from the keymap (an unbound action is left out).
pub fn hints(keymap: &Keymap) -> String {
    let key = |mode, action| first_key(keymap, mode, &action);
    let mut list = Vec::new();
    match (
        key(Mode::List, Action::ListDown),
        key(Mode::List, Action::ListUp),
    ) {
        (Some(down), Some(up)) => list.push(format!("{down}/{up} move")),
        (Some(one), None) | (None, Some(one)) => list.push(format!("{one} move")),
        (None, None) => {}
    }
    for (action, what) in [
        (Action::OpenDocument, "open"),
        (Action::CycleSort, "sort"),
        (Action::ToggleHelp, "help"),
        (Action::Quit, "quit"),
    ] {
        if let Some(k) = key(Mode::List, action) {
            list.push(format!("{k} {what}"));
        }
    }
    let mut article = Vec::new();
    for (action, what) in [
        (Action::NextDocument, "next"),
        (Action::PrevDocument, "previous"),
        (Action::Quit, "back to list"),
    ] {
        if let Some(k) = key(Mode::Normal, action) {
            article.push(format!("{k} {what}"));
        }
    }
    let mut text = list.join("  ");
    if !article.is_empty() {
        text.push_str(&format!("  — in an article: {}", article.join(", ")));
    }
    text
}

fn state_word(s: &Summary) -> String {
    if s.annotated == 0 {
        "new".into()
    } else if s.paragraphs.flagged > 0 {
        format!("{} flagged", s.paragraphs.flagged)
    } else if s.paragraphs.todo() == 0 && s.review.total > 0 && s.review.unreviewed() == 0 {
        "reviewed".into()
    } else if s.paragraphs.todo() == 0 {
        "done".into()
    } else {
        "in progress".into()
    }
}

fn progress_cell(s: &Summary) -> String {
    let p = &s.paragraphs;
    let filled = (p.progress() * BAR as f64).round() as usize;
    format!(
        "{}{} {:>3}/{}",
        "█".repeat(filled.min(BAR)),
        "░".repeat(BAR - filled.min(BAR)),
        p.done + p.skipped,
        p.total
    )
}

/// Annotations reviewed of all, then how many were accepted and rejected (each only when
/// there are some): `12/40 ✓11 ✗1`; `–` when the document has no annotation.
fn review_cell(r: &Review) -> String {
    if r.total == 0 {
        return "–".into();
    }
    let mut cell = format!("{}/{}", r.reviewed(), r.total);
    if r.accepted > 0 {
        cell.push_str(&format!(" ✓{}", r.accepted));
    }
    if r.rejected > 0 {
        cell.push_str(&format!(" ✗{}", r.rejected));
    }
    cell
}

/// The cells right of the name, or the reason a document is broken.
fn row_cells(row: &Row) -> Result<Vec<String>, String> {
    match &row.state {
        RowState::Pending => Ok(vec!["…".into()]),
        RowState::Broken(trouble) => Err(format!("broken: {}", trouble.short_for(&row.path))),
        RowState::Ready(s) => Ok(vec![
            progress_cell(s),
            s.entity_count().to_string(),
            s.quotes.total.to_string(),
            s.claims.total.to_string(),
            review_cell(&s.review),
            state_word(s),
        ]),
    }
}

fn line(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style) {
    let rect = Rect::new(area.x, y, area.width, 1);
    buf.set_style(rect, style);
    draw::text(
        buf,
        (area.x, y),
        area.right(),
        &fit(text, area.width.into()),
        style,
    );
}

/// Writes the name and columns of a row (or header) at line `y`.
fn columns(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    name: &str,
    cells: Result<Vec<String>, String>,
    styles: (Style, Style),
) {
    let right_width: usize = COLUMNS.iter().map(|(_, w)| w + 1).sum();
    let width = usize::from(area.width);
    let (name_width, show_columns) = if width >= right_width + 12 {
        (width - right_width, true)
    } else {
        (width, false)
    };
    let rect = Rect::new(area.x, y, area.width, 1);
    buf.set_style(rect, styles.0);
    let name = fit(name, name_width.saturating_sub(1));
    draw::text(buf, (area.x, y), area.right(), &name, styles.0);
    let mut x = area.x + u16::try_from(name_width).unwrap_or(area.width);
    match cells {
        Err(reason) => {
            let x = if show_columns {
                x
            } else {
                area.x + u16::try_from(text_width(&name) + 2).unwrap_or(area.width)
            };
            let room = usize::from(area.right().saturating_sub(x));
            draw::text(buf, (x, y), area.right(), &fit(&reason, room), styles.1);
        }
        Ok(cells) if show_columns => {
            for (cell, (_, w)) in cells.iter().zip(COLUMNS) {
                let w16 = u16::try_from(w).unwrap_or(0);
                draw::text(
                    buf,
                    (x, y),
                    (x + w16).min(area.right()),
                    &fit(cell, w),
                    styles.0,
                );
                x += w16 + 1;
            }
        }
        Ok(_) => {}
    }
}

/// Draws the list over the whole frame, and the help over it while it is open.
pub fn render(frame: &mut Frame, list: &CorpusList, keymap: &Keymap, theme: &Theme) {
    render_list(frame, list, keymap, theme);
    if let Some(scroll) = list.help {
        let area = frame.area();
        super::help::render_from(frame.buffer_mut(), area, keymap, Mode::List, scroll, theme);
    }
}

fn render_list(frame: &mut Frame, list: &CorpusList, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    if area.is_empty() {
        return;
    }
    let buf = frame.buffer_mut();
    let (read, broken, pending) = list.counts();
    let mut title = format!(
        "tandai  {}  ·  {} documents: {read} read, {broken} broken",
        list.root.display(),
        list.rows.len()
    );
    if list.scanning {
        title.push_str(&format!(", {pending} reading…"));
    }
    title.push_str(&format!("  ·  sorted by {}", list.sort.name()));
    line(buf, area, area.y, &title, theme.title);
    if area.height < 3 {
        return;
    }
    let bottom = area.bottom() - 1;
    let (hint, hint_style) = match (&list.failed, &list.message) {
        (Some(failed), _) => (failed.clone(), theme.warning),
        (None, Some(message)) => (message.clone(), theme.warning),
        (None, None) => (hints(keymap), theme.status),
    };
    line(buf, area, bottom, &hint, hint_style);
    let header = COLUMNS.iter().map(|(h, _)| (*h).to_owned()).collect();
    columns(
        buf,
        area,
        area.y + 1,
        "DOCUMENT",
        Ok(header),
        (theme.muted, theme.muted),
    );
    let top = area.y + 2;
    let height = usize::from(bottom - top);
    if height == 0 {
        return;
    }
    if list.rows.is_empty() {
        let empty = if list.scanning {
            "looking for articles…"
        } else {
            "no articles (*.txt) in this folder"
        };
        line(buf, area, top, empty, theme.muted);
        return;
    }
    let first = list
        .selected
        .saturating_sub(height / 2)
        .min(list.order.len().saturating_sub(height));
    for (i, &index) in list.order.iter().skip(first).take(height).enumerate() {
        let row = &list.rows[index];
        let y = top + u16::try_from(i).unwrap_or(0);
        let selected = first + i == list.selected;
        let base = if selected {
            theme.highlight
        } else {
            Style::default()
        };
        let reason = if selected {
            theme.highlight
        } else {
            theme.warning
        };
        columns(buf, area, y, &row.name, row_cells(row), (base, reason));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(total: usize, accepted: usize, rejected: usize) -> Review {
        Review {
            total,
            accepted,
            rejected,
        }
    }

    #[test]
    fn review_cell_shows_reviewed_of_all_then_accepted_and_rejected() {
        assert_eq!(review_cell(&review(0, 0, 0)), "–");
        assert_eq!(review_cell(&review(40, 0, 0)), "0/40");
        assert_eq!(review_cell(&review(40, 11, 1)), "12/40 ✓11 ✗1");
        assert_eq!(review_cell(&review(5, 0, 2)), "2/5 ✗2");
        assert!(text_width(&review_cell(&review(1000, 998, 2))) <= COLUMNS[4].1);
    }

    #[test]
    fn hints_come_from_the_keymap() {
        assert_eq!(
            hints(&Keymap::embedded_default()),
            "j/k move  <Enter> open  s sort  ? help  q quit  — in an article: ] next, [ previous, \
             q back to list"
        );
        let arrows =
            Keymap::from_ron(include_str!("../../keymaps/arrows.ron"), "arrows.ron").unwrap();
        assert_eq!(
            hints(&arrows),
            "<Down>/<Up> move  <Enter> open  <F5> sort  <F1> help  <C-q> quit  — in an article: \
             <C-PageDown> next, <C-PageUp> previous, <C-q> back to list"
        );
        let bare = Keymap::from_ron(r#"Keymap(list: { "o": OpenDocument })"#, "k.ron").unwrap();
        assert_eq!(hints(&bare), "o open");
    }

    #[test]
    fn a_done_document_with_everything_reviewed_says_so() {
        let mut s = Summary {
            annotated: 1,
            ..Summary::default()
        };
        s.paragraphs.total = 2;
        s.paragraphs.done = 2;
        s.review = review(3, 2, 0);
        assert_eq!(state_word(&s), "done");
        s.review.rejected = 1;
        assert_eq!(state_word(&s), "reviewed");
    }
}

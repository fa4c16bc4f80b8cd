//! The help overlay, generated from the keymap: every binding of every mode, then the labels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::draw;
use super::theme::Theme;
use super::wrap::{fit, text_width};
use crate::action::Action;
use crate::keymap::{Key, Keymap, Mode};
use crate::model::LabelSet;

/// Modes in the order the help lists them, with their section titles (the mode the help was
/// opened from comes first).
const SECTIONS: [(Mode, &str); 8] = [
    (Mode::Normal, "Normal"),
    (Mode::Search, "Search prompt"),
    (Mode::Picker, "Entity picker"),
    (Mode::Note, "Note prompt"),
    (Mode::Help, "Help"),
    (Mode::Review, "Review panel"),
    (Mode::ReviewFilter, "Review filter prompt"),
    (Mode::List, "Document list"),
];

/// The bindings of `mode` as (keys, description) rows. Keys within one entry form a chord
/// and are joined by spaces; consecutive entries for the same action are alternatives,
/// joined by ` / `.
pub fn binding_rows(keymap: &Keymap, mode: Mode) -> Vec<(String, String)> {
    rows_from(keymap.help_entries(mode))
}

fn rows_from(entries: Vec<(Vec<Key>, Action)>) -> Vec<(String, String)> {
    let mut rows: Vec<(String, Action)> = Vec::new();
    for (keys, action) in entries {
        let chord = crate::keymap::sequence_to_string(&keys);
        match rows.last_mut() {
            Some((text, last)) if *last == action => {
                text.push_str(" / ");
                text.push_str(&chord);
            }
            _ => rows.push((chord, action)),
        }
    }
    rows.into_iter()
        .map(|(keys, action)| (keys, action.description()))
        .collect()
}

type HelpLine = Vec<(String, Style)>;

fn help_lines(keymap: &Keymap, labels: &LabelSet, lead: Mode, theme: &Theme) -> Vec<HelpLine> {
    let mut lines: Vec<HelpLine> = Vec::new();
    let sections = SECTIONS.iter().filter(|(m, _)| *m == lead);
    for &(mode, title) in sections.chain(SECTIONS.iter().filter(|(m, _)| *m != lead)) {
        if !lines.is_empty() {
            lines.push(Vec::new());
        }
        lines.push(vec![(title.to_owned(), theme.title)]);
        let rows = binding_rows(keymap, mode);
        if rows.is_empty() {
            lines.push(vec![("  (no bindings)".into(), theme.muted)]);
        }
        let key_width = rows
            .iter()
            .map(|(k, _)| text_width(k))
            .max()
            .unwrap_or(0)
            .min(20);
        for (keys, description) in rows {
            let pad = key_width.saturating_sub(text_width(&keys));
            lines.push(vec![
                (format!("  {keys}{}  ", " ".repeat(pad)), theme.focus_marker),
                (description, Style::new()),
            ]);
        }
    }
    lines.push(Vec::new());
    lines.push(vec![("Labels".into(), theme.title)]);
    let name_width = labels
        .labels()
        .iter()
        .map(|l| text_width(&l.name))
        .max()
        .unwrap_or(0);
    for (i, label) in labels.labels().iter().enumerate() {
        let pad = name_width.saturating_sub(text_width(&label.name));
        lines.push(vec![
            (format!("  {}  ", i + 1), Style::new()),
            (label.name.clone(), theme.label(Some(&label.color))),
            (format!("{}  ", " ".repeat(pad)), Style::new()),
            (label.description.clone(), Style::new()),
        ]);
    }
    lines
}

/// Draws the help overlay of the article centred in `area`, scrolled to `scroll` (clamped).
pub fn render(buf: &mut Buffer, area: Rect, keymap: &Keymap, scroll: usize, theme: &Theme) {
    render_from(buf, area, keymap, Mode::Normal, scroll, theme);
}

/// Draws the help overlay opened from `lead` (its section first) centred in `area`, scrolled
/// to `scroll` (clamped).
pub fn render_from(
    buf: &mut Buffer,
    area: Rect,
    keymap: &Keymap,
    lead: Mode,
    scroll: usize,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).clamp(area.width.min(30), 90);
    let height = area.height.saturating_sub(2).max(area.height.min(6));
    let popup = super::centered(area, width, height);
    let lines = help_lines(keymap, keymap.labels(), lead, theme);
    let inner_height = usize::from(popup.height.saturating_sub(2));
    let top = scroll.min(lines.len().saturating_sub(inner_height));
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(fit(" Help ", usize::from(width)))
        .title_style(theme.title);
    if lines.len() > inner_height {
        let position = format!(
            " {}/{} ",
            (top + inner_height).min(lines.len()),
            lines.len()
        );
        block = block.title_bottom(fit(&position, usize::from(width)));
    }
    let inner = block.inner(popup);
    Clear.render(popup, buf);
    block.render(popup, buf);
    for (y, line) in (inner.y..inner.bottom()).zip(lines.iter().skip(top)) {
        draw::pieces(buf, (inner.x, y), inner.right(), line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::KeyCode;

    #[test]
    fn chords_join_with_spaces_and_alternatives_with_slashes() {
        let g = Key::char('g');
        let rows = rows_from(vec![
            (vec![g, g], Action::FirstParagraph),
            (vec![Key::plain(KeyCode::Home)], Action::FirstParagraph),
            (vec![Key::char('j')], Action::NextParagraph),
        ]);
        assert_eq!(
            rows,
            [
                ("g g / <Home>".to_owned(), "first paragraph".to_owned()),
                ("j".to_owned(), "next paragraph".to_owned()),
            ]
        );
    }

    #[test]
    fn every_mode_has_a_section_and_the_labels_follow() {
        let keymap = Keymap::embedded_default();
        let lines = help_lines(&keymap, keymap.labels(), Mode::Normal, &Theme::plain());
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        for (_, title) in SECTIONS {
            assert!(text.iter().any(|l| l.starts_with(title)), "{title}");
        }
        assert!(
            text.iter()
                .any(|l| l.contains("1  PER") && l.ends_with("person"))
        );
        assert_eq!(text[0], "Normal");
        assert!(
            text.iter().any(
                |l| l.trim_start().starts_with("]") && l.ends_with("next document of the list")
            )
        );
    }

    #[test]
    fn the_help_of_the_list_starts_with_the_list() {
        let keymap = Keymap::embedded_default();
        let lines = help_lines(&keymap, keymap.labels(), Mode::List, &Theme::plain());
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(text[0], "Document list");
        assert!(text[1..].iter().any(|l| l.starts_with("Normal")));
        assert_eq!(text.iter().filter(|l| *l == "Document list").count(), 1);
    }
}

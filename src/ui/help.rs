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
const SECTIONS: [(Mode, &str); 9] = [
    (Mode::Normal, "Normal"),
    (Mode::Search, "Search prompt"),
    (Mode::Picker, "Entity picker"),
    (Mode::Note, "Note prompt"),
    (Mode::Help, "Help"),
    (Mode::Review, "Review panel"),
    (Mode::ReviewFilter, "Review filter prompt"),
    (Mode::List, "Document list"),
    (Mode::Adjudicate, "Adjudication"),
];

/// The bindings of `mode` as (keys, description) rows. Keys within one entry form a chord
/// and are joined by spaces; consecutive entries for the same action are alternatives,
/// joined by ` / `. A key that tags with a label is described by the label's name, and left
/// out when the label set has no such label.
pub fn binding_rows(keymap: &Keymap, mode: Mode) -> Vec<(String, String)> {
    rows_from(keymap.help_entries(mode), keymap.labels())
}

/// A key as the help shows it: the keymap notation, except a literal `<`, shown as itself
/// (the notation writes it `<lt>`, which a reader of the help need not know).
fn shown(key: &Key) -> String {
    if *key == Key::char('<') {
        "<".to_owned()
    } else {
        key.to_string()
    }
}

fn description(action: Action, labels: &LabelSet) -> Option<String> {
    match action {
        Action::TagEntity(n) => {
            let label = labels.labels().get(usize::from(n).checked_sub(1)?)?;
            Some(format!("tag as {}", label.name))
        }
        _ => Some(action.description()),
    }
}

fn rows_from(entries: Vec<(Vec<Key>, Action)>, labels: &LabelSet) -> Vec<(String, String)> {
    let mut rows: Vec<(String, Action)> = Vec::new();
    for (keys, action) in entries {
        let chord = keys.iter().map(shown).collect::<Vec<_>>().join(" ");
        match rows.last_mut() {
            Some((text, last)) if *last == action => {
                text.push_str(" / ");
                text.push_str(&chord);
            }
            _ => rows.push((chord, action)),
        }
    }
    rows.into_iter()
        .filter_map(|(keys, action)| Some((keys, description(action, labels)?)))
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
    lines.push(Vec::new());
    lines.push(vec![("Mouse".into(), theme.title)]);
    let mouse = if keymap.mouse() {
        "  click: cursor to the word · drag: select · wheel: scroll (off: mouse: false in the keymap)"
    } else {
        "  left to the terminal (mouse: false in the keymap)"
    };
    lines.push(vec![(mouse.into(), Style::new())]);
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
    fn the_help_ends_with_what_the_mouse_does_or_that_it_is_off() {
        let text = |keymap: &Keymap| -> String {
            let lines = help_lines(keymap, keymap.labels(), Mode::Normal, &Theme::plain());
            let last = lines.last().unwrap();
            last.iter().map(|(t, _)| t.as_str()).collect()
        };
        let on = Keymap::embedded_default();
        assert!(text(&on).contains("drag: select"), "{}", text(&on));
        let off = on.merged_with("(mouse: false)", "k.ron").unwrap();
        assert!(
            text(&off).contains("left to the terminal"),
            "{}",
            text(&off)
        );
    }

    #[test]
    fn chords_join_with_spaces_and_alternatives_with_slashes() {
        let g = Key::char('g');
        let rows = rows_from(
            vec![
                (vec![g, g], Action::FirstParagraph),
                (vec![Key::plain(KeyCode::Home)], Action::FirstParagraph),
                (vec![Key::char('j')], Action::NextParagraph),
            ],
            Keymap::embedded_default().labels(),
        );
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

    fn normal_rows(source: &str) -> Vec<(String, String)> {
        let keymap = Keymap::embedded_default()
            .merged_with(source, "test.ron")
            .unwrap();
        binding_rows(&keymap, Mode::Normal)
    }

    #[test]
    fn label_keys_name_their_label_and_only_labels_that_exist() {
        let rows = normal_rows(
            r#"Keymap(labels: [
                (name: "PER", color: "blue", description: "person"),
                (name: "ORG", color: "green", description: "organisation"),
            ])"#,
        );
        let tagging: Vec<&(String, String)> =
            rows.iter().filter(|(_, d)| d.starts_with("tag")).collect();
        assert!(
            tagging.contains(&&("1".to_owned(), "tag as PER".to_owned())),
            "{rows:?}"
        );
        assert!(
            tagging.contains(&&("2".to_owned(), "tag as ORG".to_owned())),
            "{rows:?}"
        );
        assert!(
            !rows.iter().any(|(k, d)| k == "3" || d.contains("label 3")),
            "a key for a third label, which does not exist: {rows:?}"
        );

        let keymap = Keymap::embedded_default();
        let lines = help_lines(&keymap, keymap.labels(), Mode::Normal, &Theme::plain());
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        let first = &keymap.labels().labels()[0].name;
        assert!(
            text.iter()
                .any(|l| l.starts_with("  1 ") && l.ends_with(&format!("  tag as {first}"))),
            "{text:#?}"
        );
    }

    #[test]
    fn a_literal_less_than_is_shown_as_itself() {
        let rows = normal_rows(r#"Keymap(normal: { "<lt>": Undo, "g <lt>": Redo })"#);
        assert!(
            rows.iter()
                .any(|(k, d)| k.split(" / ").any(|k| k == "<") && d == &Action::Undo.description()),
            "{rows:?}"
        );
        assert!(rows.iter().any(|(k, _)| k.contains("g <")), "{rows:?}");
        assert!(!rows.iter().any(|(k, _)| k.contains("lt>")), "{rows:?}");
    }
}

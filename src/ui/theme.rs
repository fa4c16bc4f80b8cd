//! Colours and text attributes of every view, with a colourless variant for `NO_COLOR`.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// The styles the views draw with. Build one with [`Theme::from_env`], or pick
/// [`Theme::colored`] / [`Theme::plain`] explicitly (tests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used at all; when false only attributes (bold, italic,
    /// underline, reverse, dim) are drawn.
    pub colors: bool,
    /// Paragraphs around the focused one.
    pub context: Style,
    /// An entity whose label has no usable colour (label colours come from the label set).
    pub entity: Style,
    /// Quoted content.
    pub quote: Style,
    /// The cue of a quote.
    pub cue: Style,
    /// A claim.
    pub claim: Style,
    /// The selection.
    pub selection: Style,
    /// The word under the cursor.
    pub cursor: Style,
    /// The paragraph gutter (number and status).
    pub gutter: Style,
    /// The focus marker in the gutter.
    pub focus_marker: Style,
    /// Titles of panels and help sections.
    pub title: Style,
    /// Secondary text (hints, ids, notes).
    pub muted: Style,
    /// The status bar line.
    pub status: Style,
    /// The mode name in the status bar.
    pub mode: Style,
    /// Problems the user must see (a failed save).
    pub warning: Style,
    /// The highlighted row of a list.
    pub highlight: Style,
    /// Borders of panels and popups.
    pub border: Style,
    /// A suggestion's characters (an entity suggestion also takes its label's colour).
    pub suggestion: Style,
    /// The suggestion the keys act on.
    pub suggestion_current: Style,
}

impl Theme {
    /// Colours unless the `NO_COLOR` environment variable is set to a non-empty value.
    pub fn from_env() -> Self {
        Self::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for a given value of `NO_COLOR` (`None` when unset).
    pub fn for_no_color(value: Option<&std::ffi::OsStr>) -> Self {
        match value {
            Some(v) if !v.is_empty() => Self::plain(),
            _ => Self::colored(),
        }
    }

    /// Colours chosen to stay readable on dark and light backgrounds: mid-intensity
    /// foregrounds, and white on blue for the selection.
    pub fn colored() -> Self {
        let plain = Self::plain();
        Self {
            colors: true,
            entity: plain.entity.fg(Color::Magenta),
            quote: plain.quote.fg(Color::Cyan),
            cue: plain.cue.fg(Color::Cyan),
            selection: Style::new().fg(Color::White).bg(Color::Blue),
            focus_marker: plain.focus_marker.fg(Color::Yellow),
            title: plain.title.fg(Color::Cyan),
            warning: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            mode: plain
                .mode
                .fg(Color::Black)
                .bg(Color::Cyan)
                .remove_modifier(Modifier::REVERSED),
            highlight: Style::new().fg(Color::White).bg(Color::Blue),
            border: Style::new().fg(Color::DarkGray),
            suggestion: plain.suggestion.fg(Color::Gray),
            suggestion_current: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            ..plain
        }
    }

    /// No colours at all: only bold, italic, underline, reverse and dim.
    pub fn plain() -> Self {
        Self {
            colors: false,
            context: Style::new().add_modifier(Modifier::DIM),
            entity: Style::new().add_modifier(Modifier::BOLD),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            cue: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            claim: Style::new().add_modifier(Modifier::UNDERLINED),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            gutter: Style::new().add_modifier(Modifier::DIM),
            focus_marker: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            muted: Style::new().add_modifier(Modifier::DIM),
            status: Style::new(),
            mode: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            warning: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            highlight: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new(),
            suggestion: Style::new().add_modifier(Modifier::DIM | Modifier::UNDERLINED),
            suggestion_current: Style::new()
                .add_modifier(Modifier::REVERSED | Modifier::ITALIC | Modifier::UNDERLINED),
        }
    }

    /// The style of an entity suggestion of a label whose colour is `color`: the suggestion
    /// style, in that colour when colours are on.
    pub fn suggested_label(&self, color: Option<&str>) -> Style {
        match color.filter(|_| self.colors).and_then(parse_color) {
            Some(c) => self.suggestion.fg(c),
            None => self.suggestion,
        }
    }

    /// The style of an entity of a label whose colour is `color` (`lightblue`, `#ff8800`, …):
    /// bold in that colour, or [`Theme::entity`] when it does not parse or colours are off.
    pub fn label(&self, color: Option<&str>) -> Style {
        match color.filter(|_| self.colors).and_then(parse_color) {
            Some(c) => self.entity.fg(c),
            None => self.entity,
        }
    }
}

/// The colour a label's colour name gives, remembered per thread: a frame asks for it once
/// per annotation and suggestion on screen, and parsing lower-cases and copies the name.
fn parse_color(name: &str) -> Option<Color> {
    /// Enough for any label set; past it, names are parsed each time.
    const REMEMBERED: usize = 256;
    thread_local! {
        static PARSED: std::cell::RefCell<foldhash::HashMap<String, Option<Color>>> =
            Default::default();
    }
    PARSED.with_borrow_mut(|parsed| {
        if let Some(color) = parsed.get(name) {
            return *color;
        }
        let color = Color::from_str(name.trim()).ok();
        if parsed.len() < REMEMBERED {
            parsed.insert(name.to_owned(), color);
        }
        color
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(t: &Theme) -> Vec<Style> {
        vec![
            t.context,
            t.entity,
            t.quote,
            t.cue,
            t.claim,
            t.selection,
            t.cursor,
            t.gutter,
            t.focus_marker,
            t.title,
            t.muted,
            t.status,
            t.mode,
            t.warning,
            t.highlight,
            t.border,
            t.label(Some("lightblue")),
            t.suggestion,
            t.suggestion_current,
            t.suggested_label(Some("lightblue")),
        ]
    }

    #[test]
    fn no_color_theme_has_no_colours() {
        let t = Theme::for_no_color(Some("1".as_ref()));
        assert_eq!(t, Theme::plain());
        for s in styles(&t) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }

    #[test]
    fn empty_no_color_keeps_colours() {
        assert!(Theme::for_no_color(Some("".as_ref())).colors);
        assert!(Theme::for_no_color(None).colors);
    }

    #[test]
    fn label_colours_parse_or_fall_back() {
        let t = Theme::colored();
        assert_eq!(t.label(Some("lightblue")).fg, Some(Color::LightBlue));
        assert_eq!(t.label(Some("#ff8800")).fg, Some(Color::Rgb(0xff, 0x88, 0)));
        assert_eq!(t.label(Some("no such colour")), t.entity);
        assert_eq!(t.label(None), t.entity);
    }

    #[test]
    fn suggestions_look_unlike_annotations_with_and_without_colours() {
        for t in [Theme::colored(), Theme::plain()] {
            let suggested = t.suggested_label(Some("lightblue"));
            assert_ne!(suggested, t.label(Some("lightblue")));
            assert!(suggested.add_modifier.contains(Modifier::UNDERLINED));
            assert!(!suggested.add_modifier.contains(Modifier::BOLD));
            assert_ne!(t.suggestion_current, t.cursor);
            assert_ne!(t.suggestion_current, t.selection);
        }
    }
}

//! Hit-testing: which character of the article a terminal cell shows, read from the layout
//! the article is drawn with (`Areas` and the article's `Layout`), so a click lands on
//! what the user sees.

use ratatui::layout::Rect;

use super::Areas;
use super::article::{Layout, Row};
use crate::state::AppState;

/// The character of the article under a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Document character offset (of the cluster's first character).
    pub offset: usize,
    /// Index of its paragraph.
    pub para: usize,
}

/// The article's character at (`column`, `row`) of a screen of `screen` showing `state`, as
/// [`super::render`] drew it. Both cells of a wide character (CJK, emoji) give that
/// character; a cell right of a line's end gives the line's last character. The gutter, the
/// blank rows between paragraphs, the side or review panel, the prompt and the status bar
/// give `None`, and so does everything when the article is not drawn (a screen of one line,
/// the review panel over all of a narrow screen).
pub fn hit(state: &AppState, screen: Rect, column: u16, row: u16) -> Option<Hit> {
    let area = Areas::of(screen, state).article?;
    if !area.contains((column, row).into()) {
        return None;
    }
    let layout = Layout::of(state, area)?;
    let Row::Text { para, glyphs, .. } = layout.rows.get(usize::from(row - area.y))? else {
        return None;
    };
    let gutter = u16::try_from(layout.gutter).ok()?;
    let mut x = area.x.checked_add(gutter)?;
    if column < x {
        return None;
    }
    let mut last = None;
    for glyph in glyphs {
        let Ok(width) = u16::try_from(glyph.width) else {
            continue;
        };
        // As `draw::glyph`: a cluster that does not fit before the right edge is not drawn.
        if width == 0 || x.saturating_add(width) > area.right() {
            continue;
        }
        if column < x + width {
            return Some(Hit {
                offset: glyph.offset,
                para: *para,
            });
        }
        x += width;
        last = Some(glyph.offset);
    }
    last.map(|offset| Hit {
        offset,
        para: *para,
    })
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;

    use super::{Hit, hit};
    use crate::action::Action;
    use crate::keymap::{Keymap, Mode};
    use crate::model::{AnnotationSet, Document};
    use crate::state::AppState;
    use crate::ui::{Theme, render};

    fn state(text: &str) -> AppState {
        let doc = Document::new(text);
        let set = AnnotationSet::new(doc.paragraphs().len());
        AppState::new(doc, set, Keymap::embedded_default(), "a.txt")
    }

    /// The screen as drawn: one string per row, a wide character's second cell left out.
    fn drawn(state: &AppState, width: u16, height: u16) -> Vec<Vec<(u16, String)>> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| render(frame, state, &Theme::plain()))
            .unwrap();
        let buf = terminal.backend().buffer().clone();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| (x, buf[(x, y)].symbol().to_owned()))
                    .collect()
            })
            .collect()
    }

    fn screen(width: u16, height: u16) -> Rect {
        Rect::new(0, 0, width, height)
    }

    /// The (column, row) where `needle` is drawn first.
    fn cell_of(state: &AppState, width: u16, height: u16, needle: &str) -> (u16, u16) {
        for (y, row) in drawn(state, width, height).iter().enumerate() {
            let mut line = String::new();
            let mut column_of_char = Vec::new();
            for (x, symbol) in row {
                column_of_char.extend(symbol.chars().map(|_| *x));
                line.push_str(symbol);
            }
            if let Some(byte) = line.find(needle) {
                let x = column_of_char[line[..byte].chars().count()];
                return (x, u16::try_from(y).unwrap());
            }
        }
        panic!("{needle:?} not drawn");
    }

    fn offset_of(state: &AppState, needle: &str) -> usize {
        let byte = state.doc.text().find(needle).unwrap();
        state.doc.text()[..byte].chars().count()
    }

    #[test]
    fn every_drawn_character_of_the_article_hits_its_own_offset() {
        let text = "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua \
                    belas.\n\nKorea Utara mendukung Rusia.";
        let s = state(text);
        let (width, height) = (40, 12);
        let chars: Vec<char> = text.chars().collect();
        let mut seen = 0;
        for (y, row) in drawn(&s, width, height).iter().enumerate() {
            for (x, symbol) in row {
                let Some(h) = hit(&s, screen(width, height), *x, u16::try_from(y).unwrap()) else {
                    continue;
                };
                if symbol.trim().is_empty() {
                    continue;
                }
                assert_eq!(symbol, &chars[h.offset].to_string(), "at ({x}, {y})");
                seen += 1;
            }
        }
        let letters = text.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(seen, letters, "every letter is on screen and hit");
    }

    #[test]
    fn a_wrapped_line_continues_the_offsets_of_the_line_above() {
        let s = state("Kami ulangi bahwa kami akan terus mendukung mereka sepenuhnya");
        let (width, height) = (20, 10);
        let (x, y) = cell_of(&s, width, height, "mendukung");
        assert!(y > 0, "wrapped onto a later row");
        let h = hit(&s, screen(width, height), x + 2, y).unwrap();
        assert_eq!(h.offset, offset_of(&s, "mendukung") + 2);
        assert_eq!(h.para, 0);
    }

    #[test]
    fn both_cells_of_a_wide_character_hit_it() {
        let text = "Tokyo 東京タワー and 👩\u{200d}👩\u{200d}👧 family";
        let s = state(text);
        let (width, height) = (40, 8);
        let (x, y) = cell_of(&s, width, height, "京");
        let kyo = offset_of(&s, "京");
        assert_eq!(hit(&s, screen(width, height), x, y).unwrap().offset, kyo);
        assert_eq!(
            hit(&s, screen(width, height), x + 1, y).unwrap().offset,
            kyo
        );
        assert_eq!(
            hit(&s, screen(width, height), x + 2, y).unwrap().offset,
            kyo + 1
        );
        let (ex, ey) = cell_of(&s, width, height, "👩");
        let emoji = offset_of(&s, "👩");
        assert_eq!(
            hit(&s, screen(width, height), ex + 1, ey).unwrap().offset,
            emoji
        );
        let after = hit(&s, screen(width, height), ex + 3, ey).unwrap().offset;
        assert_eq!(
            after,
            offset_of(&s, "family"),
            "the ZWJ family is one cluster"
        );
    }

    #[test]
    fn a_cell_past_the_end_of_a_line_hits_its_last_character() {
        let s = state("Pendek.\n\nKedua.");
        let (width, height) = (40, 8);
        let (x, y) = cell_of(&s, width, height, "Pendek.");
        let h = hit(&s, screen(width, height), x + 20, y).unwrap();
        assert_eq!(h.offset, offset_of(&s, "."));
    }

    #[test]
    fn gutter_blank_rows_status_bar_and_side_panel_hit_nothing() {
        let s = state("Satu dua.\n\nTiga empat.");
        let (width, height) = (90, 10);
        let whole = screen(width, height);
        let (x, y) = cell_of(&s, width, height, "Satu");
        assert!(x > 0, "a gutter on the left");
        assert_eq!(hit(&s, whole, x - 1, y), None, "gutter");
        assert_eq!(hit(&s, whole, 0, y), None, "focus marker");
        assert_eq!(
            hit(&s, whole, x, y + 1),
            None,
            "blank row between paragraphs"
        );
        assert_eq!(hit(&s, whole, x, height - 1), None, "status bar");
        assert_eq!(hit(&s, whole, width - 5, y), None, "side panel");
        assert_eq!(
            hit(&s, whole, width - 31, y),
            None,
            "the column between them"
        );
        assert_eq!(hit(&s, whole, x, height + 3), None, "below the screen");
        let (x2, y2) = cell_of(&s, width, height, "Tiga");
        assert_eq!(
            hit(&s, whole, x2, y2),
            Some(Hit {
                offset: offset_of(&s, "Tiga"),
                para: 1
            })
        );
    }

    #[test]
    fn the_prompt_line_and_a_one_line_screen_hit_nothing() {
        let mut s = state("Satu dua.\n\nTiga empat.");
        s.update(Action::StartSearch);
        assert_eq!(s.mode, Mode::Search);
        assert_eq!(hit(&s, screen(40, 6), 10, 4), None, "prompt line");
        let (x, y) = cell_of(&s, 40, 6, "Satu");
        assert!(hit(&s, screen(40, 6), x, y).is_some());
        let s = state("Satu dua.");
        assert_eq!(hit(&s, screen(40, 1), 2, 0), None);
        assert_eq!(hit(&s, screen(0, 0), 0, 0), None);
        assert_eq!(hit(&state(""), screen(40, 6), 0, 0), None, "empty article");
    }

    #[test]
    fn the_layout_follows_the_focus_as_the_view_does() {
        let paragraphs: Vec<String> = (0..30).map(|i| format!("Paragraf nomor {i}.")).collect();
        let mut s = state(&paragraphs.join("\n\n"));
        let (width, height) = (50, 10);
        s.update(Action::LastParagraph);
        let (x, y) = cell_of(&s, width, height, "nomor 29");
        let h = hit(&s, screen(width, height), x, y).unwrap();
        assert_eq!((h.para, h.offset), (29, offset_of(&s, "nomor 29")));
    }

    #[test]
    fn beside_the_review_panel_the_article_is_half_as_wide() {
        let mut s = state("Satu dua tiga empat lima enam tujuh delapan sembilan.");
        s.update(Action::ToggleReview);
        let (width, height) = (80, 10);
        assert_eq!(hit(&s, screen(width, height), 60, 0), None, "review panel");
        let (x, y) = cell_of(&s, width, height, "dua");
        assert_eq!(
            hit(&s, screen(width, height), x, y).unwrap().offset,
            offset_of(&s, "dua")
        );
        assert_eq!(
            hit(&s, screen(50, height), 5, 0),
            None,
            "list over all of it"
        );
    }
}

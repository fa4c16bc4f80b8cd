//! The article: visible paragraphs only, word-wrapped, with a gutter and the annotations,
//! the cursor word and the selection drawn in the text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::draw;
use super::theme::Theme;
use super::wrap::{Line, wrap};
use crate::model::{ParagraphStatus, Span};
use crate::state::AppState;

/// Narrowest text column worth a gutter beside it.
const MIN_TEXT_WITH_GUTTER: usize = 12;

/// One screen row of the article.
pub(super) enum Row {
    /// The blank line between two paragraphs.
    Blank,
    /// Line `line` of paragraph `para`.
    Text {
        para: usize,
        line: usize,
        glyphs: Line,
    },
}

/// How the article fills its area: what [`render`] draws and `hit` reads.
pub(super) struct Layout {
    /// The focused paragraph (clamped to the article).
    pub focus: usize,
    /// Digits of the largest paragraph number.
    pub digits: usize,
    /// Columns of the gutter left of the text (0 when the area is too narrow for one).
    pub gutter: usize,
    /// The rows, top to bottom, at most the area's height.
    pub rows: Vec<Row>,
}

impl Layout {
    /// The layout of `state`'s article in `area`; `None` for an empty area or article.
    pub(super) fn of(state: &AppState, area: Rect) -> Option<Layout> {
        let count = state.doc.paragraphs().len();
        if area.is_empty() || count == 0 {
            return None;
        }
        let focus = state.focus.min(count - 1);
        let digits = count.to_string().len();
        let full_gutter = digits + 5;
        let gutter = if usize::from(area.width) >= full_gutter + MIN_TEXT_WITH_GUTTER {
            full_gutter
        } else {
            0
        };
        let text_width = usize::from(area.width) - gutter;
        let rows = visible_rows(state, focus, text_width, usize::from(area.height));
        Some(Layout {
            focus,
            digits,
            gutter,
            rows,
        })
    }
}

/// The glyph shown in the gutter for a paragraph's status.
pub fn status_glyph(status: ParagraphStatus) -> &'static str {
    match status {
        ParagraphStatus::Todo => " ",
        ParagraphStatus::Done => "✓",
        ParagraphStatus::Skipped => "–",
        ParagraphStatus::Flagged => "!",
    }
}

/// Draws the article into `area`.
pub fn render(buf: &mut Buffer, area: Rect, state: &AppState, theme: &Theme) {
    let count = state.doc.paragraphs().len();
    if area.is_empty() {
        return;
    }
    if count == 0 {
        let right = area.right();
        draw::text(buf, (area.x, area.y), right, "(empty article)", theme.muted);
        return;
    }
    let Some(Layout {
        focus,
        digits,
        gutter,
        rows,
    }) = Layout::of(state, area)
    else {
        return;
    };

    let mut marks: Option<(usize, Marks)> = None;
    for (y, row) in (area.y..area.bottom()).zip(rows) {
        let Row::Text { para, line, glyphs } = row else {
            continue;
        };
        if marks.as_ref().is_none_or(|(p, _)| *p != para) {
            marks = Some((para, Marks::new(state, para, para == focus, theme)));
        }
        let Some((_, paint)) = &marks else { continue };
        let mut x = area.x;
        if gutter > 0 {
            x = draw_gutter(
                buf,
                (x, y),
                state,
                para,
                line == 0,
                digits,
                theme,
                para == focus,
            );
        }
        for g in &glyphs {
            let style = paint.style_at(g.offset);
            x = draw::glyph(buf, (x, y), area.right(), &g.symbol, g.width, style);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_gutter(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    state: &AppState,
    para: usize,
    first_line: bool,
    digits: usize,
    theme: &Theme,
    focused: bool,
) -> u16 {
    let width = u16::try_from(digits + 5).unwrap_or(u16::MAX);
    if !first_line {
        return x.saturating_add(width);
    }
    let right = x.saturating_add(width);
    let status = state
        .annotations
        .paragraphs
        .get(para)
        .copied()
        .unwrap_or_default();
    let number_style = if focused {
        theme.gutter.remove_modifier(Modifier::DIM)
    } else {
        theme.gutter
    };
    let pieces = [
        (
            if focused { "▶" } else { " " }.to_owned(),
            theme.focus_marker,
        ),
        (format!(" {:>digits$} ", para + 1), number_style),
        (status_glyph(status).to_owned(), number_style),
    ];
    draw::pieces(buf, (x, y), right, &pieces);
    right
}

/// Paragraphs up to this many characters are wrapped whole; longer ones only around the place
/// shown, so the cost of a frame does not grow with a paragraph's length.
const WHOLE_PARAGRAPH: usize = 16_384;

/// The part of a paragraph's `text` to lay out so that character `around` (clamped to the end)
/// is shown with `budget` characters of context on each side, and the character offset of its
/// start. Short paragraphs are returned whole. The start is snapped to a fixed grid and then to
/// a word start, so the layout stays put while the cursor moves within a stretch.
fn window(text: &str, around: usize, budget: usize) -> (&str, usize) {
    const GRID: usize = 4096;
    let len = text.chars().count();
    if len <= WHOLE_PARAGRAPH.max(budget * 4) {
        return (text, 0);
    }
    let around = around.min(len);
    let from = (around.saturating_sub(budget) / GRID) * GRID;
    let to = (around + budget).div_ceil(GRID) * GRID + GRID;
    let mut start = (from == 0).then_some((0, 0));
    let mut end = text.len();
    for (chars, (byte, c)) in text.char_indices().enumerate().skip(from) {
        if !c.is_whitespace() {
            continue;
        }
        match start {
            None => start = Some((byte + c.len_utf8(), chars + 1)),
            Some(_) if chars >= to => {
                end = byte;
                break;
            }
            Some(_) => {}
        }
    }
    let (start, first) = start.unwrap_or((0, 0));
    (&text[start..end.max(start)], first)
}

/// The rows to show: the focused paragraph, then neighbours outward until `height` rows,
/// with the focus near the top third when there is context above.
fn visible_rows(state: &AppState, focus: usize, width: usize, height: usize) -> Vec<Row> {
    let doc = &state.doc;
    let count = doc.paragraphs().len();
    let budget = width.max(1) * height.max(1) * 2;
    let wrap_para = |i: usize| {
        let start = doc.paragraphs()[i].chars.start;
        let around = match i.cmp(&focus) {
            std::cmp::Ordering::Less => usize::MAX,
            std::cmp::Ordering::Equal => state.cursor.saturating_sub(start),
            std::cmp::Ordering::Greater => 0,
        };
        let (text, first) = window(doc.paragraph_text(i), around, budget);
        wrap(text, start + first, width)
    };
    let text_rows = |i: usize, lines: Vec<Line>| {
        lines
            .into_iter()
            .enumerate()
            .map(move |(line, glyphs)| Row::Text {
                para: i,
                line,
                glyphs,
            })
    };
    let focus_lines = wrap_para(focus);
    let tall = focus_lines.len();
    if tall >= height {
        let cursor_line = focus_lines
            .iter()
            .rposition(|l| l.first().is_some_and(|g| g.offset <= state.cursor))
            .unwrap_or(0);
        let first = cursor_line.saturating_sub(height / 3).min(tall - height);
        return text_rows(focus, focus_lines)
            .skip(first)
            .take(height)
            .collect();
    }
    let room = height - tall;

    let mut below = Vec::new();
    let mut i = focus + 1;
    while below.len() < room && i < count {
        below.push(Row::Blank);
        below.extend(text_rows(i, wrap_para(i)).take(room));
        i += 1;
    }
    below.truncate(room);

    let mut above_rev = Vec::new();
    let mut i = focus;
    while above_rev.len() < room && i > 0 {
        i -= 1;
        above_rev.push(Row::Blank);
        let lines: Vec<Row> = text_rows(i, wrap_para(i)).collect();
        above_rev.extend(lines.into_iter().rev().take(room));
    }
    let mut top = (height / 3).min(room).min(above_rev.len());
    if top + below.len() < room {
        top = (room - below.len()).min(above_rev.len());
    }
    above_rev.truncate(top);

    let mut rows: Vec<Row> = above_rev.into_iter().rev().collect();
    rows.extend(text_rows(focus, focus_lines));
    rows.extend(below);
    rows
}

/// The styles of one paragraph's characters, from the annotations touching it.
struct Marks {
    base: Style,
    /// Entity fragments with their label style, outermost first so the innermost wins.
    entities: Vec<(Vec<Span>, Style)>,
    quotes: Vec<Span>,
    cues: Vec<Span>,
    claims: Vec<Span>,
    selection: Option<Span>,
    /// The fragments of the annotation highlighted in the review panel.
    reviewed: Vec<Span>,
    cursor: Option<Span>,
    /// Suggestions with their style (entity suggestions in their label's colour).
    suggestions: Vec<(Span, Style)>,
    /// The suggestion the keys act on.
    current_suggestion: Option<Span>,
    suggestion_current_style: Style,
    selection_style: Style,
    cursor_style: Style,
    quote_style: Style,
    cue_style: Style,
    claim_style: Style,
}

impl Marks {
    fn new(state: &AppState, para: usize, focused: bool, theme: &Theme) -> Self {
        let range = state.doc.paragraphs()[para].chars;
        let touching = |spans: &[Span]| -> Vec<Span> {
            spans
                .iter()
                .filter(|s| s.overlaps(&range))
                .copied()
                .collect()
        };
        let set = &state.annotations;
        let reviewing = state.review_open();
        let mut entities: Vec<(Vec<Span>, Style, usize)> = set
            .entities_near(range)
            .iter()
            .filter_map(|e| {
                let spans = touching(&e.spans);
                if spans.is_empty() {
                    return None;
                }
                let color = state.labels().by_name(&e.label).map(|l| l.color.as_str());
                let covered = e.spans.iter().map(Span::len).sum();
                Some((spans, theme.label(color), covered))
            })
            .collect();
        entities.sort_by_key(|(_, _, covered)| std::cmp::Reverse(*covered));
        let quotes = set.quotes_near(range);
        Self {
            base: if focused { Style::new() } else { theme.context },
            entities: entities.into_iter().map(|(s, st, _)| (s, st)).collect(),
            quotes: quotes.iter().flat_map(|q| touching(&q.spans)).collect(),
            cues: quotes
                .iter()
                .filter_map(|q| q.cue.as_ref())
                .flat_map(|c| touching(&c.spans))
                .collect(),
            claims: set
                .claims_near(range)
                .iter()
                .flat_map(|c| touching(&c.spans))
                .collect(),
            selection: state
                .selection
                .map(|s| s.span)
                .filter(|s| s.overlaps(&range) && !reviewing),
            reviewed: if reviewing {
                state
                    .review_current()
                    .map(|row| touching(&row.spans))
                    .unwrap_or_default()
            } else {
                Vec::new()
            },
            cursor: if focused && !reviewing {
                state.cursor_word()
            } else {
                None
            },
            suggestions: state
                .suggestions
                .in_paragraph(para)
                .iter()
                .map(|s| {
                    let style = match s.what.label() {
                        Some(label) => theme.suggested_label(
                            state.labels().by_name(label).map(|l| l.color.as_str()),
                        ),
                        None => theme.suggestion,
                    };
                    (s.span, style)
                })
                .collect(),
            current_suggestion: if focused && !reviewing {
                state.current_suggestion().map(|s| s.span)
            } else {
                None
            },
            suggestion_current_style: theme.suggestion_current,
            selection_style: theme.selection,
            cursor_style: theme.cursor,
            quote_style: theme.quote,
            cue_style: theme.cue,
            claim_style: theme.claim,
        }
    }

    fn style_at(&self, offset: usize) -> Style {
        let inside = |spans: &[Span]| spans.iter().any(|s| s.contains(offset));
        let mut style = self.base;
        if inside(&self.claims) {
            style = style.patch(self.claim_style);
        }
        if inside(&self.quotes) {
            style = style.patch(self.quote_style);
        }
        if inside(&self.cues) {
            style = style.patch(self.cue_style);
        }
        for (span, suggested) in &self.suggestions {
            if span.contains(offset) {
                style = style.patch(*suggested);
            }
        }
        for (spans, label) in &self.entities {
            if inside(spans) {
                style = style.patch(*label);
            }
        }
        if self.current_suggestion.is_some_and(|s| s.contains(offset)) {
            style = style.patch(self.suggestion_current_style);
        }
        let selected = self.selection.is_some_and(|s| s.contains(offset)) || inside(&self.reviewed);
        let under_cursor = self.cursor.is_some_and(|s| s.contains(offset));
        if selected {
            style = style.patch(self.selection_style);
        }
        if under_cursor {
            let both_reverse = selected
                && self
                    .selection_style
                    .add_modifier
                    .contains(Modifier::REVERSED)
                && self.cursor_style.add_modifier.contains(Modifier::REVERSED);
            style = if both_reverse {
                style
                    .remove_modifier(Modifier::REVERSED)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                style.patch(self.cursor_style)
            };
        }
        style
    }
}

#[cfg(test)]
mod window_tests {
    use super::window;

    #[test]
    fn short_paragraphs_are_laid_out_whole() {
        assert_eq!(window("satu dua tiga", 5, 10), ("satu dua tiga", 0));
    }

    #[test]
    fn a_long_paragraph_is_cut_around_the_place_at_word_starts() {
        let text: String = (0..20_000).map(|i| format!("kata{i} ")).collect();
        let around = 70_000;
        let (part, first) = window(&text, around, 3_000);
        let chars: Vec<char> = text.chars().collect();
        assert!(first <= around && around < first + part.chars().count());
        assert!(first == 0 || chars[first - 1] == ' ', "starts at a word");
        assert_eq!(
            part,
            chars[first..first + part.chars().count()]
                .iter()
                .collect::<String>()
        );
        assert!(part.chars().count() < 20_000, "only a window is laid out");
        let (same, again) = window(&text, around + 10, 3_000);
        assert_eq!(
            (same.len(), again),
            (part.len(), first),
            "stable while the cursor moves a little"
        );
        let (end, _) = window(&text, usize::MAX, 3_000);
        assert!(text.ends_with(end));
    }
}

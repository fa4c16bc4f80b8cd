//! The side panel: the annotations of the focused paragraph, those under the cursor marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::draw;
use super::theme::Theme;
use super::wrap::fit;
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::{Checkworthy, Span};
use crate::state::AppState;
use crate::suggest::Proposal;

/// One panel line: styled pieces, then a text cut to the room left.
struct PanelLine {
    prefix: Vec<(String, Style)>,
    text: String,
    style: Style,
    marked: bool,
}

impl PanelLine {
    fn new(
        marked: bool,
        prefix: Vec<(String, Style)>,
        text: impl Into<String>,
        style: Style,
    ) -> Self {
        Self {
            prefix,
            text: text.into(),
            style,
            marked,
        }
    }

    /// An indented detail line under an item.
    fn detail(marked: bool, text: impl Into<String>, style: Style) -> Self {
        Self::new(marked, vec![("   ".into(), Style::new())], text, style)
    }
}

fn mark(marked: bool, theme: &Theme) -> (String, Style) {
    if marked {
        ("›".into(), theme.focus_marker)
    } else {
        (" ".into(), Style::new())
    }
}

fn note_line(lines: &mut Vec<PanelLine>, marked: bool, note: Option<&str>, theme: &Theme) {
    if let Some(note) = note {
        let first = note.lines().next().unwrap_or_default();
        lines.push(PanelLine::detail(marked, format!("✎ {first}"), theme.muted));
    }
}

fn entity_text(state: &AppState, id: Option<&str>, none: &str) -> String {
    match id {
        Some(id) => state
            .annotations
            .entity(id)
            .map_or_else(|| format!("({id}?)"), |e| e.text.to_string()),
        None => none.to_owned(),
    }
}

fn lines_for(state: &AppState, theme: &Theme) -> Vec<PanelLine> {
    let Some(range) = state.doc.paragraph(state.focus).map(|p| p.chars) else {
        return Vec::new();
    };
    let cursor = state.cursor_word();
    let touches = |spans: &[Span]| spans.iter().any(|s| s.overlaps(&range));
    let under = |spans: &[Span]| cursor.is_some_and(|c| spans.iter().any(|s| s.overlaps(&c)));
    let set = &state.annotations;
    let mut lines = suggestion_lines(state, theme);
    for e in set
        .entities_near(range)
        .iter()
        .filter(|e| touches(&e.spans))
    {
        let marked = under(&e.spans);
        let color = state.labels().by_name(&e.label).map(|l| l.color.as_str());
        let prefix = vec![
            mark(marked, theme),
            (e.label.to_string(), theme.label(color)),
            (" ".into(), Style::new()),
        ];
        lines.push(PanelLine::new(marked, prefix, e.text.clone(), Style::new()));
        note_line(&mut lines, marked, e.note.as_deref(), theme);
    }
    for q in set
        .quotes_near(range)
        .iter()
        .filter(|q| touches(&q.spans) || q.cue.as_ref().is_some_and(|c| touches(&c.spans)))
    {
        let cue_spans = q.cue.as_ref().map_or(&[][..], |c| &c.spans[..]);
        let marked = under(&q.spans) || under(cue_spans);
        let kind = format!("{:?}", q.kind).to_lowercase();
        let prefix = vec![
            mark(marked, theme),
            ("Q ".into(), theme.quote),
            (format!("{kind} "), theme.muted),
        ];
        lines.push(PanelLine::new(marked, prefix, q.text.clone(), theme.quote));
        let cue = q.cue.as_ref().map_or("—", |c| c.text.as_str());
        lines.push(PanelLine::detail(
            marked,
            format!("cue: {cue}"),
            Style::new(),
        ));
        let speaker = entity_text(state, q.speaker.as_deref(), "(no speaker)");
        lines.push(PanelLine::detail(
            marked,
            format!("← {speaker}"),
            Style::new(),
        ));
        note_line(&mut lines, marked, q.note.as_deref(), theme);
    }
    for c in set.claims_near(range).iter().filter(|c| touches(&c.spans)) {
        let marked = under(&c.spans);
        let prefix = vec![mark(marked, theme), ("C ".into(), theme.claim)];
        lines.push(PanelLine::new(marked, prefix, c.text.clone(), Style::new()));
        let worthy = match c.checkworthy {
            Some(Checkworthy::Yes) => "yes",
            Some(Checkworthy::No) => "no",
            None => "—",
        };
        lines.push(PanelLine::detail(
            marked,
            format!("check-worthy: {worthy}"),
            Style::new(),
        ));
        let claimant = entity_text(state, c.claimant.as_deref(), "(no claimant)");
        lines.push(PanelLine::detail(
            marked,
            format!("← {claimant}"),
            Style::new(),
        ));
        note_line(&mut lines, marked, c.note.as_deref(), theme);
    }
    lines
}

/// The suggestion the keys act on, with its source, score and reason; then how many others
/// the paragraph has.
fn suggestion_lines(state: &AppState, theme: &Theme) -> Vec<PanelLine> {
    let mut lines = Vec::new();
    let here = state.suggestions.in_paragraph(state.focus).len();
    let Some(s) = state.current_suggestion() else {
        if here > 0 {
            let plural = if here == 1 { "" } else { "s" };
            lines.push(PanelLine::new(
                false,
                vec![("✦ ".into(), theme.suggestion)],
                format!(
                    "{here} suggestion{plural} here ({})",
                    state.keymap.key_hint(Mode::Normal, &Action::NextSuggestion)
                ),
                theme.muted,
            ));
        }
        return lines;
    };
    let text = state.doc.slice(s.span);
    let mut prefix = vec![mark(true, theme), ("✦ ".into(), theme.suggestion)];
    match &s.what {
        Proposal::Entity { label } => {
            let color = state.labels().by_name(label).map(|l| l.color.as_str());
            prefix.push((format!("{label} "), theme.suggested_label(color)));
            lines.push(PanelLine::new(true, prefix, text, theme.suggestion));
        }
        Proposal::Quote { kind, cue, speaker } => {
            let kind = format!("{kind:?}").to_lowercase();
            prefix.push(("Q ".into(), theme.quote));
            prefix.push((format!("{kind} "), theme.muted));
            lines.push(PanelLine::new(true, prefix, text, theme.suggestion));
            let cue = cue.map_or("—", |at| state.doc.slice(at));
            lines.push(PanelLine::detail(true, format!("cue: {cue}"), Style::new()));
            let speaker = speaker.map_or("(no speaker)", |at| state.doc.slice(at));
            lines.push(PanelLine::detail(
                true,
                format!("← {speaker}"),
                Style::new(),
            ));
        }
        Proposal::Claim {
            claimant,
            checkworthy,
            ..
        } => {
            prefix.push(("C ".into(), theme.claim));
            lines.push(PanelLine::new(true, prefix, text, theme.suggestion));
            let worthy = match checkworthy {
                Some(Checkworthy::Yes) => "yes",
                Some(Checkworthy::No) => "no",
                None => "—",
            };
            lines.push(PanelLine::detail(
                true,
                format!("check-worthy: {worthy}"),
                Style::new(),
            ));
            let claimant = claimant.map_or("(no claimant)", |at| state.doc.slice(at));
            lines.push(PanelLine::detail(
                true,
                format!("← {claimant}"),
                Style::new(),
            ));
        }
    }
    let score = s
        .score
        .map_or(String::new(), |v| format!(" · score {v:.2}"));
    lines.push(PanelLine::detail(
        true,
        format!("from {}{score}", s.source),
        theme.muted,
    ));
    if !s.reason.is_empty() {
        lines.push(PanelLine::detail(true, s.reason.to_string(), theme.muted));
    }
    let key = |action| state.keymap.key_hint(Mode::Normal, &action);
    lines.push(PanelLine::detail(
        true,
        format!(
            "{} accept · {} reject · {} next",
            key(Action::AcceptSuggestion),
            key(Action::RejectSuggestion),
            key(Action::NextSuggestion)
        ),
        theme.muted,
    ));
    if here > 1 {
        lines.push(PanelLine::new(
            false,
            vec![(" ".into(), Style::new())],
            format!(
                "{} more suggestion{} here",
                here - 1,
                if here == 2 { "" } else { "s" }
            ),
            theme.muted,
        ));
    }
    lines
}

/// Draws the panel for the focused paragraph into `area`.
pub fn render(buf: &mut Buffer, area: Rect, state: &AppState, theme: &Theme) {
    let title = format!(" ¶ {} ", state.focus + 1);
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .title(title)
        .title_style(theme.title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let lines = lines_for(state, theme);
    if lines.is_empty() {
        draw::text(
            buf,
            (inner.x, inner.y),
            inner.right(),
            " no annotations",
            theme.muted,
        );
        return;
    }
    let height = usize::from(inner.height);
    let skip = match lines.iter().position(|l| l.marked) {
        Some(first) if first >= height => first,
        _ => 0,
    };
    for (y, line) in (inner.y..inner.bottom()).zip(lines.iter().skip(skip)) {
        let x = draw::pieces(buf, (inner.x, y), inner.right(), &line.prefix);
        let room = usize::from(inner.right().saturating_sub(x));
        draw::text(
            buf,
            (x, y),
            inner.right(),
            &fit(&line.text, room),
            line.style,
        );
    }
}

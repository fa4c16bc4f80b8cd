//! The adjudication panel: the disagreement shown, its versions side by side (who made which:
//! label or kind, speaker, cue, check-worthiness; a relation's kind and ends, and why one
//! cannot be taken yet), which one the gold holds, and the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Widget};

use super::draw;
use super::theme::Theme;
use super::wrap::fit;
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::disagreements::{Content, Layer, Target, Unit, missing_end};
use crate::model::{About, AnnotationSet, Checkworthy, Conflict, Document, Item, Span, Version};
use crate::state::{Adjudication, AppState, CONFLICT_SIDES, conflict_in_use, left_text, side_name};

/// One line of the panel and its style.
type Line = (String, Style);

/// Draws the panel into `area`.
pub fn render(buf: &mut Buffer, area: Rect, state: &AppState, theme: &Theme) {
    let Some(adjudication) = &state.adjudication else {
        return;
    };
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .title(fit(&title(adjudication), usize::from(area.width)))
        .title_style(theme.title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let width = usize::from(inner.width);
    let keys = key_lines(state, theme);
    let body = match (adjudication.conflict(), adjudication.unit()) {
        (Some(conflict), _) => conflict_lines(state, adjudication, conflict, theme),
        (None, Some(unit)) => unit_lines(state, adjudication, unit, theme),
        (None, None) => vec![(" no disagreement shown".to_owned(), theme.muted)],
    };
    let room = usize::from(inner.height);
    let keys_shown = if body.len() + keys.len() < room {
        keys.len()
    } else {
        0
    };
    let right = inner.right();
    for (y, (text, style)) in (inner.y..).zip(body.iter().take(room - keys_shown)) {
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), *style);
        draw::text(buf, (inner.x, y), right, &fit(text, width), *style);
    }
    let first = inner.bottom() - u16::try_from(keys_shown).unwrap_or(0);
    for (y, (text, style)) in (first..).zip(keys.iter().take(keys_shown)) {
        draw::text(buf, (inner.x, y), right, &fit(text, width), *style);
    }
}

fn title(adjudication: &Adjudication) -> String {
    let shown = adjudication
        .position()
        .map(|p| format!(" {p}/{}", adjudication.questions()))
        .unwrap_or_default();
    format!(" Adjudication{shown} · {} ", left_text(adjudication.left()))
}

/// The unit's heading and each version with the parties who gave it.
fn unit_lines(
    state: &AppState,
    adjudication: &Adjudication,
    unit: &Unit,
    theme: &Theme,
) -> Vec<Line> {
    let (doc, gold) = (&state.doc, &state.annotations);
    let index = adjudication.current.unwrap_or(0);
    let paragraph = doc.paragraph_at(unit.range.start).map_or(0, |p| p + 1);
    let place = match unit.places() {
        Some([a, b]) => format!("between {} and {}", quoted(doc, &a.1), quoted(doc, &b.1)),
        None => quoted(doc, &[unit.range]),
    };
    let mut lines = vec![(
        format!(" {} at ¶{paragraph} {place}", layer_name(unit.layer)),
        theme.title,
    )];
    let settled = adjudication.settled(index);
    let state_line = match settled {
        Some([]) => " settled: the gold holds none".into(),
        Some(chosen) => {
            let numbers: Vec<String> = chosen.iter().map(|v| (v + 1).to_string()).collect();
            format!(" settled: the gold holds {}", numbers.join(" + "))
        }
        None if unit.agreed() && unit.gold(gold).is_empty() => {
            " the annotators agree; the gold does not hold it".into()
        }
        None if unit.agreed() => " the annotators agree; the gold holds something else".into(),
        None => " unsettled".into(),
    };
    lines.push((state_line, theme.muted));
    for (v, version) in unit.versions.iter().enumerate() {
        let highlighted = v == adjudication.highlight;
        let marked = if adjudication.marked.contains(&v) {
            "[x]"
        } else {
            "[ ]"
        };
        let in_gold = settled.is_some_and(|c| c.contains(&v));
        let gold_mark = if in_gold { "  ✓ gold" } else { "" };
        let who = format!("{marked} {}{gold_mark}", version.parties.join(", "));
        lines.extend(version_head(theme, highlighted, v + 1, &who));
        if version.is_none() {
            lines.push(("      none (nothing here)".into(), theme.muted));
        }
        for content in &version.contents {
            for (i, text) in describe(doc, content).into_iter().enumerate() {
                let indent = if i == 0 { "      " } else { "        " };
                lines.push((format!("{indent}{text}"), Style::new()));
            }
            if let Some(end) = missing_end(gold, content) {
                let why = format!("        the gold lacks its end {}", end.describe(doc));
                lines.push((why, theme.muted));
            }
        }
    }
    lines
}

/// A recorded conflict: what it is about, why, and its versions base, ours and theirs (an
/// absent one as "none"), the one the gold holds marked.
fn conflict_lines(
    state: &AppState,
    adjudication: &Adjudication,
    conflict: &Conflict,
    theme: &Theme,
) -> Vec<Line> {
    let doc = &state.doc;
    let gold = &state.annotations;
    let heading = match &conflict.about {
        About::Annotation(id) => {
            let text = CONFLICT_SIDES
                .iter()
                .find_map(|&s| conflict.version(s)?.item().map(|i| quoted(doc, i.spans())))
                .unwrap_or_default();
            format!(" Conflict about {id} {text}")
        }
        About::Paragraph(n) => format!(" Conflict about the status of ¶{}", n + 1),
    };
    let state_line = if adjudication.conflict_recorded() {
        format!(" recorded by a merge: {}", conflict.reason)
    } else {
        format!(" settled ({})", conflict.reason)
    };
    let mut lines = vec![(heading, theme.title), (state_line, theme.muted)];
    for (v, &side) in CONFLICT_SIDES.iter().enumerate() {
        let highlighted = v == adjudication.highlight;
        let gold_mark = if conflict_in_use(conflict, gold, side) {
            "  ✓ gold"
        } else {
            ""
        };
        let what = format!("{}{gold_mark}", side_name(side));
        lines.extend(version_head(theme, highlighted, v + 1, &what));
        let described = match conflict.version(side) {
            None => vec!["none".to_owned()],
            Some(Version::Status(status)) => vec![format!("status: {status:?}")],
            Some(Version::Item(item)) => describe(doc, &as_content(item, gold)),
        };
        for (i, text) in described.into_iter().enumerate() {
            let indent = if i == 0 { "      " } else { "        " };
            let style = if text == "none" {
                theme.muted
            } else {
                Style::new()
            };
            lines.push((format!("{indent}{text}"), style));
        }
    }
    lines
}

/// A version's annotation as compared, its links read in the gold.
/// A blank line, then a version's heading: `▸ 2 WHAT` (the arrow and bold highlight when it is
/// the highlighted one).
fn version_head(theme: &Theme, highlighted: bool, number: usize, what: &str) -> [Line; 2] {
    let style = if highlighted {
        theme.highlight.add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let arrow = if highlighted { "▸" } else { " " };
    [
        (String::new(), Style::new()),
        (format!("{arrow} {number} {what}"), style),
    ]
}

fn as_content(item: &Item, gold: &AnnotationSet) -> Content {
    match item {
        Item::Entity(e) => Content::of_entity(e),
        Item::Quote(q) => Content::of_quote(q, gold),
        Item::Claim(c) => Content::of_claim(c, gold),
    }
}

fn layer_name(layer: Layer) -> &'static str {
    match layer {
        Layer::Entity => "Entity",
        Layer::Quote => "Quote",
        Layer::Claim => "Claim",
        Layer::Relation => "Relation",
    }
}

fn quoted(doc: &Document, spans: &[Span]) -> String {
    format!("“{}”", doc.slice_fragments(spans))
}

fn target(doc: &Document, t: &Target) -> String {
    format!("{} {}", t.label, quoted(doc, &t.spans))
}

/// An annotation of a version in a line or a few: label or kind and text, then its links,
/// cue and check-worthiness.
fn describe(doc: &Document, content: &Content) -> Vec<String> {
    let mut lines = describe_own(doc, content);
    if !content.attributes().is_empty() {
        let shown: Vec<String> = content
            .attributes()
            .iter()
            .map(|(name, value)| match value {
                Some(v) => format!("{name}={v}"),
                None => name.to_string(),
            })
            .collect();
        lines.push(format!("attributes: {}", shown.join(", ")));
    }
    lines
}

fn describe_own(doc: &Document, content: &Content) -> Vec<String> {
    match content {
        Content::Relation { kind, from, to } => vec![format!(
            "{kind}: {} → {}",
            from.describe(doc),
            to.describe(doc)
        )],
        Content::Entity { spans, label, .. } => vec![format!("{label} {}", quoted(doc, spans))],
        Content::Quote {
            spans,
            kind,
            cue,
            speaker,
            ..
        } => vec![
            format!("{kind:?} quote {}", quoted(doc, spans)),
            format!(
                "speaker: {}",
                speaker.as_ref().map_or("none".into(), |t| target(doc, t))
            ),
            format!(
                "cue: {}",
                cue.as_ref().map_or("none".into(), |c| quoted(doc, c))
            ),
        ],
        Content::Claim {
            spans,
            claimant,
            quote,
            checkworthy,
            ..
        } => vec![
            format!("claim {}", quoted(doc, spans)),
            format!(
                "check-worthy: {}",
                match checkworthy {
                    Some(Checkworthy::Yes) => "yes",
                    Some(Checkworthy::No) => "no",
                    None => "unset",
                }
            ),
            format!(
                "claimant: {}",
                claimant.as_ref().map_or("none".into(), |t| target(doc, t))
            ),
            format!(
                "quote: {}",
                quote.as_ref().map_or("none".into(), |q| quoted(doc, q))
            ),
        ],
    }
}

/// The keys of adjudication, from the keymap.
fn key_lines(state: &AppState, theme: &Theme) -> Vec<Line> {
    let key = |action: Action| state.keymap.key_hint(Mode::Adjudicate, &action);
    [
        format!(
            " {} next · {} previous · {}…{} take",
            key(Action::NextDisagreement),
            key(Action::PrevDisagreement),
            key(Action::TakeVersion(1)),
            key(Action::TakeVersion(9)),
        ),
        format!(
            " {} mark · {} take marked · {} none",
            key(Action::MarkVersion),
            key(Action::TakeMarked),
            key(Action::TakeNone),
        ),
        format!(
            " {} edit by hand · {} settled too · {} help",
            key(Action::ToggleAdjudication),
            key(Action::ShowSettled),
            key(Action::ToggleHelp),
        ),
    ]
    .into_iter()
    .map(|text| (text, theme.muted))
    .collect()
}

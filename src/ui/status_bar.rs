//! The status bar: mode, file, position, counts, pending chord, message and save status.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::draw;
use super::theme::Theme;
use super::wrap::{fit, text_width};
use crate::keymap::Mode;
use crate::state::{AppState, SaveStatus};

/// The name a mode shows in the status bar.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Normal => "NORMAL",
        Mode::Search => "SEARCH",
        Mode::Picker => "LINK",
        Mode::Note => "NOTE",
        Mode::Help => "HELP",
        Mode::Review => "REVIEW",
        Mode::ReviewFilter => "FILTER",
        Mode::List => "LIST",
        Mode::Adjudicate => "ADJUDICATE",
    }
}

/// A piece of the bar; when the line is too narrow, pieces with the highest `drop` rank are
/// cut first (shrinkable ones down to a few cells, the others removed).
struct Piece {
    text: String,
    style: Style,
    drop: u8,
    shrinkable: bool,
    right: bool,
}

impl Piece {
    fn new(text: impl Into<String>, style: Style, drop: u8, shrinkable: bool) -> Self {
        Self {
            text: text.into(),
            style,
            drop,
            shrinkable,
            right: false,
        }
    }

    fn at_right(self) -> Self {
        Self {
            right: true,
            ..self
        }
    }

    fn width(&self) -> usize {
        text_width(&self.text)
    }
}

/// Narrowest a shrinkable piece is cut to before it is removed.
const MIN_SHRUNK: usize = 6;

/// Cells between two pieces.
const GAP: usize = 2;

/// Cuts the pieces until they fit `width` cells with [`GAP`]s between them.
fn fit_pieces(mut pieces: Vec<Piece>, width: usize) -> Vec<Piece> {
    let total = |p: &[Piece]| -> usize {
        p.iter().map(Piece::width).sum::<usize>() + GAP * p.len().saturating_sub(1)
    };
    let mut ranks: Vec<u8> = pieces.iter().map(|p| p.drop).collect();
    ranks.sort_unstable_by(|a, b| b.cmp(a));
    ranks.dedup();
    for rank in ranks {
        for i in (0..pieces.len()).rev() {
            let excess = total(&pieces).saturating_sub(width);
            if excess == 0 {
                return pieces;
            }
            if pieces[i].drop != rank {
                continue;
            }
            let w = pieces[i].width();
            if pieces[i].shrinkable && w.saturating_sub(excess) >= MIN_SHRUNK {
                pieces[i].text = fit(&pieces[i].text, w - excess);
            } else {
                pieces.remove(i);
            }
        }
    }
    pieces
}

/// Draws the status bar on the first row of `area`.
pub fn render(buf: &mut Buffer, area: Rect, state: &AppState, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let row = Rect { height: 1, ..area };
    buf.set_style(row, theme.status);
    let (e, q, c) = state.annotations.counts();
    let count = state.doc.paragraphs().len();
    let mut left = vec![
        Piece::new(format!(" {} ", mode_name(state.mode)), theme.mode, 1, false),
        Piece::new(state.file_name.clone(), theme.status, 6, true),
        Piece::new(
            format!("¶ {}/{count}", (state.focus + 1).min(count)),
            theme.status,
            3,
            false,
        ),
        Piece::new(format!("E {e} Q {q} C {c}"), theme.status, 5, false),
    ];
    if state.suggestions.enabled() {
        let here = state.suggestions.in_paragraph(state.focus).len();
        let all = state.suggestions.total();
        // Kept longer than the message (how many are left is what stepping through them
        // needs), but not longer than why a save failed.
        let rank = match state.save_status {
            SaveStatus::Failed(_) => 5,
            _ => 3,
        };
        left.push(Piece::new(
            format!("sug {here}/{all}"),
            theme.status,
            rank,
            false,
        ));
    }
    if let Some(adjudication) = &state.adjudication {
        left.push(Piece::new(
            crate::state::left_text(adjudication.left()),
            theme.status,
            3,
            false,
        ));
    }
    if !state.pending_keys.is_empty() {
        left.push(Piece::new(state.pending_keys.clone(), theme.title, 2, true));
    }
    if let Some(message) = &state.message {
        left.push(Piece::new(message.clone(), theme.title, 4, true));
    }
    let save = match &state.save_status {
        SaveStatus::Saved => Piece::new("saved", theme.muted, 2, false),
        SaveStatus::Pending => Piece::new("saving…", theme.status, 2, false),
        SaveStatus::Failed(err) => {
            // The why, after the message and of its rank, is cut before it (a quit's "press q
            // again" must stay); the warning itself never is.
            left.push(Piece::new(err.clone(), theme.warning, 4, true));
            Piece::new("not saved", theme.warning, 2, false)
        }
    };
    left.push(save.at_right());
    let pieces = fit_pieces(left, usize::from(area.width));
    let right = area.right();
    let mut x = area.x;
    for piece in &pieces {
        if piece.right {
            let width = u16::try_from(piece.width()).unwrap_or(u16::MAX);
            x = x.max(right.saturating_sub(width));
        }
        x = draw::text(buf, (x, area.y), right, &piece.text, piece.style);
        x = x.saturating_add(GAP as u16);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_cut_by_rank_then_removed() {
        let plain = Style::new();
        let make = || {
            vec![
                Piece::new("NORMAL", plain, 1, false),
                Piece::new("a-very-long-file-name.txt", plain, 5, true),
                Piece::new("¶ 1/24", plain, 3, false),
                Piece::new("saved", plain, 2, false),
            ]
        };
        let texts = |p: Vec<Piece>| p.into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert_eq!(texts(fit_pieces(make(), 80)).len(), 4);
        assert_eq!(
            texts(fit_pieces(make(), 30)),
            ["NORMAL", "a-very…", "¶ 1/24", "saved"]
        );
        assert_eq!(texts(fit_pieces(make(), 20)), ["NORMAL", "saved"]);
        assert_eq!(texts(fit_pieces(make(), 3)), Vec::<String>::new());
    }
}

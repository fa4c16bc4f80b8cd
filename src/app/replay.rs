//! The headless driver: the same state, keys and saves as the terminal, on an in-memory screen.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use std::io::Write;

use super::session::Session;
use crate::keymap::parse_keystrokes;
use crate::model::{AnnotationSet, Item};
use crate::state::{Effect, SaveStatus};
use crate::ui::{self, Theme};

/// Why a replay stopped before its screen could be returned.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The keys are not in replay notation.
    #[error("--keys: {0}")]
    Keys(String),
    /// The saved log could not be written.
    #[error("--saved-log: {0}")]
    SavedLog(std::io::Error),
    /// The in-memory screen could not be drawn.
    #[error("drawing the screen: {0}")]
    Screen(String),
}

fn screen_error(err: impl std::fmt::Display) -> ReplayError {
    ReplayError::Screen(err.to_string())
}

/// Applies `keys` (replay notation) to the session, running every effect as the terminal
/// does (saves included), stopping at a quit; returns the final screen as text.
///
/// With `saved_log`, each save that leaves the screen showing "saved" appends one line to it,
/// naming every annotation then in memory (see [`saved_line`]): what a test that kills the
/// process at random moments holds the files to.
pub fn replay(
    session: &mut Session,
    keys: &str,
    size: (u16, u16),
    mut saved_log: Option<&mut dyn Write>,
) -> Result<String, ReplayError> {
    let keys = parse_keystrokes(keys).map_err(|e| ReplayError::Keys(e.to_string()))?;
    for key in keys {
        let Some(effect) = session.state.handle_key(key) else {
            continue;
        };
        let save = matches!(effect, Effect::Save | Effect::SaveNow);
        if session.run(effect) {
            break;
        }
        if let Some(log) = saved_log.as_mut()
            && save
            && session.state.save_status == SaveStatus::Saved
        {
            log.write_all(saved_line(&session.state.annotations).as_bytes())
                .and_then(|()| log.flush())
                .map_err(ReplayError::SavedLog)?;
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).map_err(screen_error)?;
    terminal
        .draw(|frame| ui::render(frame, &session.state, &Theme::plain()))
        .map_err(screen_error)?;
    Ok(buffer_text(terminal.backend().buffer()))
}

/// One line naming each annotation of `set` by kind and fragments (`e:41-53`,
/// `q:71-87+88-103`), space-separated, ending in a line break.
pub fn saved_line(set: &AnnotationSet) -> String {
    let mut line = String::new();
    for item in set.items() {
        let kind = match item {
            Item::Entity(_) => 'e',
            Item::Quote(_) => 'q',
            Item::Claim(_) => 'c',
        };
        if !line.is_empty() {
            line.push(' ');
        }
        line.push(kind);
        line.push(':');
        for (i, span) in item.spans().iter().enumerate() {
            if i > 0 {
                line.push('+');
            }
            line.push_str(&format!("{}-{}", span.start, span.end));
        }
    }
    line.push('\n');
    line
}

/// How long the keys of a timed replay took.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timings {
    /// Drawing the first frame, before any key.
    pub first_frame: Duration,
    /// Per key: handling it (keymap and update) plus drawing the frame after it; saves are
    /// not included (see `saves`).
    pub keys: Vec<Duration>,
    /// Per save asked for by a key: writing the annotation file.
    pub saves: Vec<Duration>,
}

/// Like [`replay`], but draws a frame after every key (as the terminal does) and times each
/// key's handling plus its frame, and each save apart. Returns the final screen and the times.
pub fn replay_timed(
    session: &mut Session,
    keys: &str,
    size: (u16, u16),
) -> Result<(String, Timings), ReplayError> {
    let keys = parse_keystrokes(keys).map_err(|e| ReplayError::Keys(e.to_string()))?;
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).map_err(screen_error)?;
    let theme = Theme::plain();
    let mut timings = Timings::default();
    let start = Instant::now();
    terminal
        .draw(|frame| ui::render(frame, &session.state, &theme))
        .map_err(screen_error)?;
    timings.first_frame = start.elapsed();
    for key in keys {
        let start = Instant::now();
        let effect = session.state.handle_key(key);
        let mut saved = Duration::ZERO;
        let mut quit = false;
        if let Some(effect) = effect {
            let save_start = Instant::now();
            let is_save = matches!(effect, Effect::Save | Effect::SaveNow);
            quit = session.run(effect);
            if is_save {
                saved = save_start.elapsed();
                timings.saves.push(saved);
            }
        }
        if quit {
            break;
        }
        terminal
            .draw(|frame| ui::render(frame, &session.state, &theme))
            .map_err(screen_error)?;
        timings.keys.push(start.elapsed() - saved);
    }
    terminal
        .draw(|frame| ui::render(frame, &session.state, &theme))
        .map_err(screen_error)?;
    Ok((buffer_text(terminal.backend().buffer()), timings))
}

/// Median, 99th percentile and maximum of `times` (nearest rank), or `None` when empty.
pub fn summary(times: &[Duration]) -> Option<(Duration, Duration, Duration)> {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let rank = |p: usize| sorted[(sorted.len() * p).div_ceil(100).saturating_sub(1)];
    let max = *sorted.last()?;
    Some((rank(50), rank(99), max))
}

/// The characters of a buffer, one line per row, trailing spaces removed.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

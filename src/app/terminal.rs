//! The interactive loop: read a key, update, run the effect, draw.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use ratatui::DefaultTerminal;

use super::input::next_key;
use super::session::Session;
use crate::ui::{self, Theme};

/// How long to wait for a key before retrying a failed save.
const RETRY_EVERY: Duration = Duration::from_secs(3);

/// Runs the annotator in the terminal until the user quits. The terminal is restored on every
/// exit, panics included (ratatui's init installs the hook); after a panic, what was in memory
/// is written to the recovery file beside the article (never over the annotation file).
pub fn run(mut session: Session) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut session, &theme)
    }));
    ratatui::restore();
    if let Some(farewell) = session.farewell() {
        eprintln!("tandai: {farewell}");
    }
    outcome.unwrap_or_else(|_| Err(crashed(Some(&session))))
}

/// After a panic: writes the session's annotations to its recovery file and says where.
pub(super) fn crashed(session: Option<&Session>) -> io::Error {
    let saved = match session.map(Session::write_recovery) {
        Some(Ok(path)) => format!(
            "the annotations in memory were written to {}; the next start offers to restore them",
            path.display()
        ),
        Some(Err(err)) => format!("the recovery file could not be written either: {err}"),
        None => "no article was open".into(),
    };
    io::Error::other(format!("tandai crashed (see the message above); {saved}"))
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    session: &mut Session,
    theme: &Theme,
) -> io::Result<()> {
    let mut panic_in = panic_after_keys();
    loop {
        terminal.draw(|frame| ui::render(frame, &session.state, theme))?;
        let Some(key) = next_key(RETRY_EVERY)? else {
            session.retry_failed_save();
            continue;
        };
        if let Some(effect) = session.state.handle_key(key)
            && session.run(effect)
        {
            return Ok(());
        }
        panic_in = panic_in.map(|n| n.saturating_sub(1));
        if panic_in == Some(0) {
            panic!("the crash asked for by TANDAI_TEST_PANIC_AFTER_KEYS");
        }
    }
}

/// The number of keys after which the loop panics, from `TANDAI_TEST_PANIC_AFTER_KEYS`: the
/// trigger of the test that drives the crash path end to end (`tests/panic_path.rs`); not a
/// user setting.
fn panic_after_keys() -> Option<usize> {
    std::env::var("TANDAI_TEST_PANIC_AFTER_KEYS")
        .ok()?
        .parse()
        .ok()
}

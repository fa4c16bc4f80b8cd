//! The interactive loop: read a key, update, run the effect, draw.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use super::input::{Input, Pointer, next_input};
use super::session::Session;
use crate::ui::{self, Theme};

/// How long to wait for a key before retrying a failed save.
const RETRY_EVERY: Duration = Duration::from_secs(3);

/// Runs the annotator in the terminal until the user quits. The terminal is restored on every
/// exit, panics included (ratatui's init installs the hook, and `capture_mouse` one that
/// gives the mouse back); after a panic, what was in memory is written to the recovery file
/// beside the article (never over the annotation file). The mouse is captured when the
/// keymap says so (`mouse: true`, the default).
pub fn run(mut session: Session) -> io::Result<()> {
    let theme = Theme::from_env();
    let mouse = session.state.keymap.mouse();
    let mut terminal = ratatui::init();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        if mouse {
            capture_mouse()?;
        }
        event_loop(&mut terminal, &mut session, &theme, mouse)
    }));
    release_mouse();
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
    mouse: bool,
) -> io::Result<()> {
    let mut panic_in = panic_after_keys();
    let mut pointer = Pointer::default();
    loop {
        terminal.draw(|frame| ui::render(frame, &session.state, theme))?;
        let effect = match next_input(RETRY_EVERY, mouse)? {
            None => {
                session.retry_failed_save();
                continue;
            }
            Some(Input::Redraw) => continue,
            Some(Input::Mouse(event)) => {
                let size = terminal.size()?;
                let screen = Rect::new(0, 0, size.width, size.height);
                pointer
                    .action(event, &session.state, screen)
                    .and_then(|action| session.state.update(action))
            }
            Some(Input::Key(key)) => {
                panic_in = panic_in.map(|n| n.saturating_sub(1));
                session.state.handle_key(key)
            }
        };
        if let Some(effect) = effect
            && session.run(effect)
        {
            return Ok(());
        }
        if panic_in == Some(0) {
            panic!("the crash asked for by TANDAI_TEST_PANIC_AFTER_KEYS");
        }
    }
}

/// Whether the terminal is reporting the mouse to tandai: [`release_mouse`] then stops it.
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);

/// Asks the terminal to report clicks, drags and the wheel to tandai (which the terminal's
/// own selection then no longer sees). A panic hook, installed once, gives the mouse back
/// before ratatui's hook restores the screen, as every exit path does with [`release_mouse`].
fn capture_mouse() -> io::Result<()> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let next = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            release_mouse();
            next(info);
        }));
    });
    MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnableMouseCapture)
}

/// Gives the mouse back to the terminal if tandai took it; otherwise writes nothing.
fn release_mouse() {
    if MOUSE_CAPTURED.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
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

//! The corpus loop: the document list, or an article opened from it, in one terminal session.
//!
//! The list fills in from the background scan between key presses; `Enter` opens an article
//! as `tandai FILE` would; quitting the article returns to the list, and the keymap's
//! `NextDocument` / `PrevDocument` (`]` / `[` by default) go to the next / previous document.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use ratatui::{DefaultTerminal, Frame};

use super::input::next_key;
use super::session::Session;
use crate::action::Action;
use crate::corpus::{CorpusList, ListEffect, RowState, ScanEvent, spawn_scan, summarize};
use crate::keymap::{Key, Keymap};
use crate::state::SaveStatus;
use crate::ui::{self, Theme};

/// Most scan events taken in between two frames, so a huge folder never delays a key.
const EVENTS_PER_FRAME: usize = 2000;

/// The document list and, when one is open, an article.
pub struct CorpusApp {
    /// The list.
    pub list: CorpusList,
    /// The open article, if any.
    pub article: Option<Session>,
    keymap: Keymap,
    review: bool,
    scan: Option<Receiver<ScanEvent>>,
}

impl CorpusApp {
    /// Starts scanning `root` in the background; returns at once. With `review`, articles
    /// open in the review panel.
    pub fn open(root: &Path, keymap: Keymap, review: bool) -> Self {
        Self {
            list: CorpusList::new(root),
            article: None,
            keymap,
            review,
            scan: Some(spawn_scan(root.to_owned())),
        }
    }

    /// Takes in the scan events that have arrived (at most a frame's worth); returns whether
    /// the scan is still running.
    pub fn poll_scan(&mut self) -> bool {
        if let Some(rx) = &self.scan {
            for _ in 0..EVENTS_PER_FRAME {
                match rx.try_recv() {
                    Ok(event) => self.list.apply(event),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.list.scanning = false;
                        self.scan = None;
                        break;
                    }
                }
            }
        }
        self.list.prepare();
        self.scan.is_some()
    }

    /// Handles one key press; returns `true` when tandai should quit. Keys go through the
    /// keymap: `Mode::List` in the list; in an article, its own modes, where `NextDocument` /
    /// `PrevDocument` (`]` / `[` by default) move along the list.
    pub fn handle_key(&mut self, key: Key) -> bool {
        if let Some(session) = &mut self.article {
            let effect = match session.state.key_to_action(key) {
                Some(Action::NextDocument) => {
                    self.step_document(1);
                    return false;
                }
                Some(Action::PrevDocument) => {
                    self.step_document(-1);
                    return false;
                }
                Some(action) => session.state.update(action),
                None => None,
            };
            if let Some(effect) = effect
                && session.run(effect)
            {
                self.close_article();
            }
            return false;
        }
        match self.list.handle_key(&self.keymap, key) {
            Some(ListEffect::Quit) => true,
            Some(ListEffect::Open(path)) => {
                self.open_article(&path);
                false
            }
            None => false,
        }
    }

    /// Draws the article if one is open, else the list.
    pub fn render(&self, frame: &mut Frame, theme: &Theme) {
        match &self.article {
            Some(session) => ui::render(frame, &session.state, theme),
            None => ui::render_corpus_list(frame, &self.list, &self.keymap, theme),
        }
    }

    fn open_article(&mut self, path: &Path) -> bool {
        match Session::open(path, self.keymap.clone()) {
            Ok(mut session) => {
                if self.review {
                    session.state.update(Action::ToggleReview);
                }
                self.list.select_path(path);
                self.article = Some(session);
                true
            }
            Err(err) => {
                let first_line = err
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                self.list.message = Some(first_line);
                self.list.select_path(path);
                false
            }
        }
    }

    /// Leaves the article for the list, counting it again.
    fn close_article(&mut self) -> Option<PathBuf> {
        let session = self.article.take()?;
        if let Some(farewell) = session.farewell() {
            self.list.message = Some(farewell.to_owned());
        }
        let state = match summarize(&session.article) {
            Ok(summary) => RowState::Ready(summary),
            Err(trouble) => RowState::Broken(trouble),
        };
        self.list.refresh(&session.article, state);
        self.list.select_path(&session.article);
        Some(session.article)
    }

    /// Goes from the open article to the next (`1`) or previous (`-1`) document of the list.
    fn step_document(&mut self, step: isize) {
        let Some(session) = &mut self.article else {
            return;
        };
        if session.state.save_status != SaveStatus::Saved {
            session.state.message =
                Some("the last change is not saved: save (Ctrl-s) or quit before moving on".into());
            return;
        }
        let current = session.article.clone();
        let Some(next) = self.list.neighbour(&current, step) else {
            session.state.message = Some(if step > 0 {
                "this is the last document of the list".into()
            } else {
                "this is the first document of the list".into()
            });
            return;
        };
        self.close_article();
        self.list.prepare();
        self.open_article(&next);
    }
}

/// Runs the document list of `root` in the terminal until the user quits from the list.
/// As for a single article, a panic restores the terminal and writes the open article's
/// annotations to its recovery file.
pub fn run_corpus(root: &Path, keymap: Keymap, review: bool) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut app = CorpusApp::open(root, keymap, review);
    let mut terminal = ratatui::init();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        corpus_loop(&mut terminal, &mut app, &theme)
    }));
    ratatui::restore();
    outcome.unwrap_or_else(|_| Err(super::terminal::crashed(app.article.as_ref())))
}

fn corpus_loop(
    terminal: &mut DefaultTerminal,
    app: &mut CorpusApp,
    theme: &Theme,
) -> io::Result<()> {
    loop {
        let scanning = app.poll_scan();
        terminal.draw(|frame| app.render(frame, theme))?;
        let wait = if scanning { 50 } else { 1000 };
        let Some(key) = next_key(Duration::from_millis(wait))? else {
            if let Some(session) = &mut app.article {
                session.retry_failed_save();
            }
            continue;
        };
        if app.handle_key(key) {
            return Ok(());
        }
    }
}

//! The corpus loop: the document list, or an article opened from it, in one terminal session.
//!
//! The list fills in from the background scan between key presses; `Enter` opens an article
//! as `tandai FILE` would; quitting the article returns to the list, and the keymap's
//! `NextDocument` / `PrevDocument` (`]` / `[` by default) go to the next / previous document.
//! With an annotator ([`ListOptions`]), articles open on that annotator's own file, and a
//! folder's assignment plan decides which articles are listed.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use ratatui::{DefaultTerminal, Frame};

use super::input::next_key;
use super::session::Session;
use crate::action::Action;
use crate::corpus::{Plan, spawn_scan_for, summarize_team};
use crate::keymap::{Key, Keymap};
use crate::state::list::Team;
use crate::state::{CorpusList, Effect, ListAction, ListEffect, RowState, ScanEvent};
use crate::store::{self, AnnotationFile, Annotator};
use crate::ui::{self, Theme};

/// Most scan events taken in between two frames, so a huge folder never delays a key.
const EVENTS_PER_FRAME: usize = 2000;

/// How the document list opens its articles.
#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    /// Articles open in the review panel.
    pub review: bool,
    /// Articles open on this annotator's own file; `None`: the gold file.
    pub annotator: Option<Annotator>,
    /// The folder's assignment plan: with an annotator, only the articles it gives them are
    /// listed; every article shows its planned annotators.
    pub plan: Option<Plan>,
    /// List every article even when the plan gives the annotator only some.
    pub all_articles: bool,
}

/// The document list and, when one is open, an article.
pub struct CorpusApp {
    /// The list.
    pub list: CorpusList,
    /// The open article, if any.
    pub article: Option<Session>,
    keymap: Keymap,
    review: bool,
    annotator: Option<Annotator>,
    scan: Option<Receiver<ScanEvent>>,
}

impl CorpusApp {
    /// Starts scanning `root` in the background; returns at once. With `review`, articles
    /// open in the review panel.
    pub fn open(root: &Path, keymap: Keymap, review: bool) -> Self {
        let options = ListOptions {
            review,
            ..ListOptions::default()
        };
        Self::open_with(root, keymap, options)
    }

    /// [`CorpusApp::open`] with every option of the list.
    pub fn open_with(root: &Path, keymap: Keymap, options: ListOptions) -> Self {
        let team = Team {
            annotator: options.annotator.as_ref().map(Annotator::to_string),
            plan: options.plan.as_ref().map(|plan| plan.by_path(root)),
            all_articles: options.all_articles,
        };
        Self {
            list: CorpusList::for_team(root, team),
            article: None,
            keymap,
            review: options.review,
            scan: Some(spawn_scan_for(root.to_owned(), options.annotator.clone())),
            annotator: options.annotator,
        }
    }

    /// Takes in the scan events that have arrived (at most a frame's worth); returns whether
    /// the scan is still running.
    pub fn poll_scan(&mut self) -> bool {
        if let Some(rx) = &self.scan {
            for _ in 0..EVENTS_PER_FRAME {
                match rx.try_recv() {
                    Ok(event) => {
                        self.list.update(ListAction::Scanned(event));
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.list.update(ListAction::Scanned(ScanEvent::Done));
                        self.scan = None;
                        break;
                    }
                }
            }
        }
        self.list.prepare();
        self.scan.is_some()
    }

    /// Handles one key press; returns `true` when tandai should quit. Every key goes through
    /// the keymap and an update: the list's (`Mode::List`) or the open article's, whose
    /// `NextDocument` / `PrevDocument` (`]` / `[` by default) ask the list for the document
    /// to step to.
    pub fn handle_key(&mut self, key: Key) -> bool {
        let Some(session) = &mut self.article else {
            let effect = self.list.handle_key(&self.keymap, key);
            return self.run_list_effect(effect);
        };
        let Some(action) = session.state.key_to_action(key) else {
            return false;
        };
        match session.state.update(action) {
            Some(Effect::StepDocument(step)) => {
                let from = session.article.clone();
                let effect = self.list.update(ListAction::Step { from, step });
                self.run_list_effect(effect)
            }
            Some(effect) => {
                if session.run(effect) {
                    self.close_article();
                }
                false
            }
            None => false,
        }
    }

    /// Runs what the list's update asked for; returns `true` when tandai should quit.
    fn run_list_effect(&mut self, effect: Option<ListEffect>) -> bool {
        match effect {
            Some(ListEffect::Quit) => true,
            Some(ListEffect::Open(path)) => {
                if self.close_article() {
                    self.list.prepare();
                }
                self.open_article(&path);
                false
            }
            Some(ListEffect::Notice(text)) => {
                if let Some(session) = &mut self.article {
                    session.state.update(Action::Notice(text));
                }
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

    fn open_article(&mut self, path: &Path) {
        let file = AnnotationFile::of(path, self.annotator.as_ref());
        match Session::open_in_list(file, self.keymap.clone()) {
            Ok(mut session) => {
                if self.review {
                    session.state.update(Action::ToggleReview);
                }
                self.list.update(ListAction::Opened(path.to_owned()));
                self.article = Some(session);
            }
            Err(err) => {
                let reason = err
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                self.list.update(ListAction::NotOpened {
                    path: path.to_owned(),
                    reason,
                });
            }
        }
    }

    /// Leaves the article for the list, counting it again; returns whether one was open.
    fn close_article(&mut self) -> bool {
        let Some(session) = self.article.take() else {
            return false;
        };
        let names: Vec<Annotator> = store::annotator_files(&session.article)
            .unwrap_or_default()
            .into_iter()
            .map(|(annotator, _)| annotator)
            .collect();
        let read = summarize_team(&session.article, self.annotator.as_ref(), &names);
        let state = match read.opened {
            Ok(summary) => RowState::Ready(summary),
            Err(trouble) => RowState::Broken(trouble),
        };
        self.list.update(ListAction::Closed {
            farewell: session.farewell().map(str::to_owned),
            path: session.article,
            state,
            annotators: read.annotators,
            unsettled: read.unsettled,
        });
        true
    }
}

/// Runs the document list of `root` in the terminal until the user quits from the list.
/// As for a single article, a panic restores the terminal and writes the open article's
/// annotations to its recovery file.
pub fn run_corpus(root: &Path, keymap: Keymap, options: ListOptions) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut app = CorpusApp::open_with(root, keymap, options);
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

//! `CorpusList::update`: the one place where the document list changes, for the editor's
//! keys and for what the loop reports (scan events, an article opened or closed).

use std::path::PathBuf;

use super::{AnnotatorFile, CorpusList, PAGE, RowState, ScanEvent};

/// What changes the list: the editor's actions, and the loop's reports.
#[derive(Clone, Debug, PartialEq)]
pub enum ListAction {
    /// Select the row above (with the help open: scroll it up).
    Up,
    /// Select the row below (with the help open: scroll it down).
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// The first row.
    First,
    /// The last row.
    Last,
    /// Open the selected document.
    Open,
    /// Sort by the next key.
    CycleSort,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Leave tandai.
    Quit,
    /// From the article `from`, opened from the list: go to the nearest document after
    /// (`step` 1) or before (`step` -1) it that can be opened.
    Step {
        /// The open article.
        from: PathBuf,
        /// 1 or -1.
        step: isize,
    },
    /// The background scan reports (internal).
    Scanned(ScanEvent),
    /// The loop opened this document (internal).
    Opened(PathBuf),
    /// The loop could not open this document, and says why (internal).
    NotOpened {
        /// The document.
        path: PathBuf,
        /// Why, in one line.
        reason: String,
    },
    /// The loop closed the article of this document and read it again (internal).
    Closed {
        /// The article.
        path: PathBuf,
        /// What is known of it now.
        state: RowState,
        /// Its annotators' files, read again.
        annotators: Vec<AnnotatorFile>,
        /// What is left to settle there, counted again.
        unsettled: Option<usize>,
        /// What the editor should read (where the session's changes were kept).
        farewell: Option<String>,
    },
}

/// What the loop must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListEffect {
    /// Open this article (closing the one open, if any).
    Open(PathBuf),
    /// Tell the editor of the open article this (no document to step to).
    Notice(String),
    /// Leave tandai.
    Quit,
}

impl CorpusList {
    /// Applies one action; returns what the loop must do.
    pub fn update(&mut self, action: ListAction) -> Option<ListEffect> {
        match action {
            ListAction::Scanned(event) => {
                self.apply(event);
                return None;
            }
            ListAction::Opened(path) => {
                self.select_path(&path);
                return None;
            }
            ListAction::NotOpened { path, reason } => {
                self.message = Some(reason);
                self.select_path(&path);
                return None;
            }
            ListAction::Closed {
                path,
                state,
                annotators,
                unsettled,
                farewell,
            } => {
                if farewell.is_some() {
                    self.message = farewell;
                }
                self.refresh(&path, state, annotators, unsettled);
                self.select_path(&path);
                return None;
            }
            ListAction::Step { from, step } => return Some(self.step(&from, step)),
            _ => {}
        }
        self.message = None;
        if let Some(scroll) = &mut self.help {
            match action {
                ListAction::Up => *scroll = scroll.saturating_sub(1),
                ListAction::Down => *scroll += 1,
                ListAction::PageUp => *scroll = scroll.saturating_sub(PAGE),
                ListAction::PageDown => *scroll += PAGE,
                ListAction::ToggleHelp => self.help = None,
                ListAction::Quit => return Some(ListEffect::Quit),
                _ => {}
            }
            return None;
        }
        let last = self.order.len().saturating_sub(1);
        match action {
            ListAction::ToggleHelp => self.help = Some(0),
            ListAction::Up => self.selected = self.selected.saturating_sub(1),
            ListAction::Down => self.selected = (self.selected + 1).min(last),
            ListAction::PageUp => self.selected = self.selected.saturating_sub(PAGE),
            ListAction::PageDown => self.selected = (self.selected + PAGE).min(last),
            ListAction::First => self.selected = 0,
            ListAction::Last => self.selected = last,
            ListAction::CycleSort => {
                self.sort = self.sort.next();
                self.unsorted = true;
                self.prepare();
            }
            ListAction::Open => return self.open_selected(),
            ListAction::Quit => return Some(ListEffect::Quit),
            ListAction::Step { .. }
            | ListAction::Scanned(_)
            | ListAction::Opened(_)
            | ListAction::NotOpened { .. }
            | ListAction::Closed { .. } => {}
        }
        None
    }

    fn open_selected(&mut self) -> Option<ListEffect> {
        let row = self.selected_row()?;
        match &row.state {
            RowState::Broken(trouble) => {
                self.message = Some(format!(
                    "cannot open {}: {}",
                    row.name,
                    trouble.short_for(&row.path)
                ));
                None
            }
            _ => Some(ListEffect::Open(row.path.clone())),
        }
    }

    fn step(&self, from: &std::path::Path, step: isize) -> ListEffect {
        match self.neighbour(from, step) {
            Some(next) => ListEffect::Open(next),
            None if step > 0 => ListEffect::Notice("this is the last document of the list".into()),
            None => ListEffect::Notice("this is the first document of the list".into()),
        }
    }
}

//! The document list: its rows, sorting and selection, and the one `update` that changes them.
//! No terminal and no files here: the view is `ui::corpus_list`, the loop `app::corpus`, the
//! reading `corpus`.

mod annotators;
mod keys;
mod rows;
mod scan;
mod update;

use std::path::{Path, PathBuf};

pub use annotators::{AnnotatorFile, Progress, Team, Work};
pub use rows::{Row, RowState, SortKey};
pub use scan::ScanEvent;
pub use update::{ListAction, ListEffect};

use crate::keymap::{Key, Mode};

/// Rows moved by page up / page down.
pub const PAGE: usize = 20;

/// The state of the document list.
#[derive(Debug)]
pub struct CorpusList {
    /// The corpus folder.
    pub root: PathBuf,
    /// The documents, in the order found (by path); `order` gives the order shown.
    pub rows: Vec<Row>,
    /// Indices into `rows` of the rows shown, in the order shown.
    pub order: Vec<usize>,
    /// Whose files open, and the assignment plan followed.
    pub team: Team,
    /// Position of the selected row in `order`.
    pub selected: usize,
    /// The order of the list.
    pub sort: SortKey,
    /// Whether the background scan is still reading documents.
    pub scanning: bool,
    /// A one-line message (why a document did not open, …).
    pub message: Option<String>,
    /// Set when the folder itself cannot be read.
    pub failed: Option<String>,
    /// The help overlay's first line shown, while it is open.
    pub help: Option<usize>,
    /// The keys of a chord typed so far (`g` of `g g`).
    pub pending: Vec<Key>,
    unsorted: bool,
}

impl CorpusList {
    /// An empty list of `root`, waiting for the scan.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            rows: Vec::new(),
            order: Vec::new(),
            team: Team::default(),
            selected: 0,
            sort: SortKey::Name,
            scanning: true,
            message: None,
            failed: None,
            help: None,
            pending: Vec::new(),
            unsorted: false,
        }
    }

    /// The list of `root` opening `team`'s files and following its plan.
    pub fn for_team(root: impl Into<PathBuf>, team: Team) -> Self {
        Self {
            team,
            ..Self::new(root)
        }
    }

    /// Whether any document has an annotator (planned, or with a file of their own).
    pub fn has_annotators(&self) -> bool {
        self.team.plan.is_some() || self.rows.iter().any(|r| !r.annotators.is_empty())
    }

    /// Sorts the rows if events arrived since the last sort, keeping the selected document.
    /// The loop calls it once before each frame, not once per event.
    pub fn prepare(&mut self) {
        if !self.unsorted {
            return;
        }
        self.unsorted = false;
        let selected = self.order.get(self.selected).copied();
        let (rows, sort) = (&self.rows, self.sort);
        self.order
            .sort_by(|&a, &b| sort.compare(&rows[a], &rows[b]));
        if let Some(id) = selected {
            self.selected = self.order.iter().position(|&i| i == id).unwrap_or(0);
        }
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&Row> {
        self.order.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Counts of the rows shown: read, broken and not read yet.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for row in self.order.iter().map(|&i| &self.rows[i]) {
            match row.state {
                RowState::Ready(_) => counts.0 += 1,
                RowState::Broken(_) => counts.1 += 1,
                RowState::Pending => counts.2 += 1,
            }
        }
        counts
    }

    /// The keymap mode of the list: `Help` while the help is open.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else {
            Mode::List
        }
    }

    /// The nearest document after (`step` 1) or before (`step` -1) `path` in the order shown
    /// that can be opened.
    pub fn neighbour(&self, path: &Path, step: isize) -> Option<PathBuf> {
        let at = self.order.iter().position(|&i| self.rows[i].path == path)?;
        let mut at = at as isize;
        loop {
            at += step;
            let row = &self.rows[*self.order.get(usize::try_from(at).ok()?)?];
            if row.openable() {
                return Some(row.path.clone());
            }
        }
    }

    fn name_of(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// Takes in one event of the scan.
    fn apply(&mut self, event: ScanEvent) {
        match event {
            ScanEvent::Listed { articles, troubles } => {
                let listed = articles.len();
                let mut rows: Vec<Row> = articles
                    .into_iter()
                    .map(|path| Row {
                        name: self.name_of(&path),
                        annotators: self.team.works_of(&path),
                        path,
                        state: RowState::Pending,
                        unsettled: None,
                    })
                    .collect();
                rows.extend(troubles.into_iter().map(|t| Row {
                    name: self.name_of(&t.file),
                    path: t.file.clone(),
                    state: RowState::Broken(t),
                    annotators: Vec::new(),
                    unsettled: None,
                }));
                self.rows = rows;
                let team = &self.team;
                self.order = (0..self.rows.len())
                    .filter(|&i| team.shows(&self.rows[i], i < listed))
                    .collect();
                self.selected = 0;
                self.unsorted = true;
            }
            ScanEvent::Summary {
                index,
                result,
                annotators,
                unsettled,
            } => {
                if let Some(row) = self.rows.get_mut(index) {
                    row.unsettled = unsettled;
                    row.state = match result {
                        Ok(summary) => RowState::Ready(summary),
                        Err(trouble) => RowState::Broken(trouble),
                    };
                    row.annotators = Work::merge(&row.annotators, annotators);
                    self.unsorted |= self.sort != SortKey::Name;
                }
            }
            ScanEvent::Done => self.scanning = false,
            ScanEvent::Failed(message) => {
                self.scanning = false;
                self.failed = Some(message);
            }
        }
    }

    /// Replaces what is known of `path` (after it was edited), keeping the order until the
    /// next sort.
    fn refresh(
        &mut self,
        path: &Path,
        state: RowState,
        annotators: Vec<AnnotatorFile>,
        unsettled: Option<usize>,
    ) {
        if let Some(row) = self.rows.iter_mut().find(|r| r.path == path) {
            row.state = state;
            row.unsettled = unsettled;
            row.annotators = Work::merge(&row.annotators, annotators);
            self.unsorted |= self.sort != SortKey::Name;
        }
    }

    /// Selects the row of `path`, if it is in the list.
    fn select_path(&mut self, path: &Path) {
        if let Some(at) = self.order.iter().position(|&i| self.rows[i].path == path) {
            self.selected = at;
        }
    }
}

#[cfg(test)]
mod tests;

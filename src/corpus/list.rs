//! The document list: its rows, sorting and selection, and the one `update` that changes them.
//! No terminal here: the view is `ui::corpus_list`, the loop `app::corpus`.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use super::scan::ScanEvent;
use super::summary::{Summary, Trouble};
use crate::action::Action;
use crate::keymap::{Key, Keymap, Mode, Resolution};

/// Rows moved by page up / page down.
pub const PAGE: usize = 20;

/// What is known of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum RowState {
    /// Not read yet.
    Pending,
    /// Read: its counts.
    Ready(Summary),
    /// Cannot be opened, and why.
    Broken(Trouble),
}

/// One document of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The article (or, for an orphan, the annotation file).
    pub path: PathBuf,
    /// The path shown: relative to the corpus folder.
    pub name: String,
    /// What is known of it.
    pub state: RowState,
}

impl Row {
    fn progress(&self) -> Option<f64> {
        match &self.state {
            RowState::Ready(s) => Some(s.paragraphs.progress()),
            _ => None,
        }
    }

    /// Share of its annotations reviewed, and how many are left (documents not read: none).
    fn review_progress(&self) -> Option<(f64, usize)> {
        match &self.state {
            RowState::Ready(s) => Some((s.review.progress(), s.review.unreviewed())),
            _ => None,
        }
    }

    /// How much is wrong or needs a look: broken first, then flagged paragraphs.
    fn trouble_rank(&self) -> (u8, usize) {
        match &self.state {
            RowState::Broken(_) => (0, 0),
            RowState::Ready(s) if s.paragraphs.flagged > 0 => {
                (1, usize::MAX - s.paragraphs.flagged)
            }
            RowState::Ready(_) => (2, 0),
            RowState::Pending => (3, 0),
        }
    }

    /// Whether `Enter` can open it.
    pub fn openable(&self) -> bool {
        !matches!(self.state, RowState::Broken(_))
    }
}

/// The order of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By path.
    #[default]
    Name,
    /// Least done first (documents not read yet last).
    Progress,
    /// Least reviewed share of annotations first, then most left to review (documents
    /// without annotations count as reviewed; documents not read yet last).
    Review,
    /// Broken documents first, then those with the most flagged paragraphs.
    Problems,
}

impl SortKey {
    /// The next key in the cycle name → progress → review → problems.
    pub fn next(self) -> Self {
        match self {
            Self::Name => Self::Progress,
            Self::Progress => Self::Review,
            Self::Review => Self::Problems,
            Self::Problems => Self::Name,
        }
    }

    /// Its name in the header.
    pub fn name(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Progress => "progress",
            Self::Review => "review",
            Self::Problems => "problems",
        }
    }
}

/// What the user can do in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

impl ListAction {
    /// The list's meaning of a keymap action bound in `mode` (`Mode::List`, or `Mode::Help`
    /// while the help is open); `None` for actions that mean nothing here.
    pub fn from_action(mode: Mode, action: &Action) -> Option<Self> {
        Some(match (mode, action) {
            (_, Action::ListUp) => Self::Up,
            (_, Action::ListDown) => Self::Down,
            (_, Action::ToggleHelp) => Self::ToggleHelp,
            (_, Action::Quit) => Self::Quit,
            (Mode::Help, Action::Cancel | Action::Confirm) => Self::ToggleHelp,
            (Mode::Help, Action::PrevParagraph) => Self::Up,
            (Mode::Help, Action::NextParagraph) => Self::Down,
            (Mode::Help, _) => return None,
            (_, Action::PageUp) => Self::PageUp,
            (_, Action::PageDown) => Self::PageDown,
            (_, Action::ListFirst) => Self::First,
            (_, Action::ListLast) => Self::Last,
            (_, Action::OpenDocument) => Self::Open,
            (_, Action::CycleSort) => Self::CycleSort,
            _ => return None,
        })
    }
}

/// What the loop must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListEffect {
    /// Open this article.
    Open(PathBuf),
    /// Leave tandai.
    Quit,
}

/// The state of the document list.
#[derive(Debug)]
pub struct CorpusList {
    /// The corpus folder.
    pub root: PathBuf,
    /// The documents, in the order found (by path); `order` gives the order shown.
    pub rows: Vec<Row>,
    /// Indices into `rows`, in the order shown.
    pub order: Vec<usize>,
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

    fn name_of(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// Takes in one event of the scan.
    pub fn apply(&mut self, event: ScanEvent) {
        match event {
            ScanEvent::Listed { articles, troubles } => {
                let mut rows: Vec<Row> = articles
                    .into_iter()
                    .map(|path| Row {
                        name: self.name_of(&path),
                        path,
                        state: RowState::Pending,
                    })
                    .collect();
                rows.extend(troubles.into_iter().map(|t| Row {
                    name: self.name_of(&t.file),
                    path: t.file.clone(),
                    state: RowState::Broken(t),
                }));
                self.rows = rows;
                self.order = (0..self.rows.len()).collect();
                self.selected = 0;
                self.unsorted = true;
            }
            ScanEvent::Summary { index, result } => {
                if let Some(row) = self.rows.get_mut(index) {
                    row.state = match result {
                        Ok(summary) => RowState::Ready(summary),
                        Err(trouble) => RowState::Broken(trouble),
                    };
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

    /// Sorts the rows if events arrived since the last sort, keeping the selected document.
    /// The loop calls it once before each frame, not once per event.
    pub fn prepare(&mut self) {
        if !self.unsorted {
            return;
        }
        self.unsorted = false;
        let selected = self.order.get(self.selected).copied();
        let rows = &self.rows;
        let sort = self.sort;
        self.order.sort_by(|&a, &b| {
            let (ra, rb) = (&rows[a], &rows[b]);
            let by_key = match sort {
                SortKey::Name => Ordering::Equal,
                SortKey::Progress => match (ra.progress(), rb.progress()) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => ra.trouble_rank().cmp(&rb.trouble_rank()),
                },
                SortKey::Review => match (ra.review_progress(), rb.review_progress()) {
                    (Some((x, left_a)), Some((y, left_b))) => {
                        x.total_cmp(&y).then(left_b.cmp(&left_a))
                    }
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => ra.trouble_rank().cmp(&rb.trouble_rank()),
                },
                SortKey::Problems => ra.trouble_rank().cmp(&rb.trouble_rank()),
            };
            by_key.then_with(|| ra.path.cmp(&rb.path))
        });
        if let Some(id) = selected {
            self.selected = self.order.iter().position(|&i| i == id).unwrap_or(0);
        }
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&Row> {
        self.order.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Counts of rows read, broken and not read yet.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for row in &self.rows {
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

    /// Feeds one key press to the keymap (chords included), then to [`CorpusList::update`].
    pub fn handle_key(&mut self, keymap: &Keymap, key: Key) -> Option<ListEffect> {
        self.pending.push(key);
        let mode = self.mode();
        let action = match keymap.resolve(mode, &self.pending) {
            Resolution::Matched(action) => {
                self.pending.clear();
                action
            }
            Resolution::Pending => return None,
            Resolution::NotFound => {
                let chord = self.pending.len() > 1;
                self.pending.clear();
                // An unfinished chord followed by another key: that key on its own.
                return if chord {
                    self.handle_key(keymap, key)
                } else {
                    None
                };
            }
        };
        self.update(ListAction::from_action(mode, &action)?)
    }

    /// Applies one action; returns what the loop must do.
    pub fn update(&mut self, action: ListAction) -> Option<ListEffect> {
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
            ListAction::Open => {
                let row = self.selected_row()?;
                return match &row.state {
                    RowState::Broken(trouble) => {
                        self.message = Some(format!(
                            "cannot open {}: {}",
                            row.name,
                            trouble.short_for(&row.path)
                        ));
                        None
                    }
                    _ => Some(ListEffect::Open(row.path.clone())),
                };
            }
            ListAction::Quit => return Some(ListEffect::Quit),
        }
        None
    }

    /// Replaces what is known of `path` (after it was edited), keeping the order until the
    /// next sort.
    pub fn refresh(&mut self, path: &Path, state: RowState) {
        if let Some(row) = self.rows.iter_mut().find(|r| r.path == path) {
            row.state = state;
            self.unsorted |= self.sort != SortKey::Name;
        }
    }

    /// Selects the row of `path`, if it is in the list.
    pub fn select_path(&mut self, path: &Path) {
        if let Some(at) = self.order.iter().position(|&i| self.rows[i].path == path) {
            self.selected = at;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::summary::{Paragraphs, Review};

    fn summary(done: usize, total: usize, flagged: usize) -> Summary {
        Summary {
            documents: 1,
            paragraphs: Paragraphs {
                total,
                done,
                flagged,
                skipped: 0,
            },
            ..Summary::default()
        }
    }

    fn list() -> CorpusList {
        let mut list = CorpusList::new("/c");
        list.apply(ScanEvent::Listed {
            articles: ["/c/a.txt", "/c/b.txt", "/c/c.txt", "/c/d/e.txt"]
                .map(PathBuf::from)
                .to_vec(),
            troubles: vec![Trouble::orphan(Path::new("/c/z.ann.ron"))],
        });
        list.prepare();
        list
    }

    fn names(list: &CorpusList) -> Vec<&str> {
        list.order
            .iter()
            .map(|&i| list.rows[i].name.as_str())
            .collect()
    }

    #[test]
    fn rows_arrive_pending_then_fill_in() {
        let mut list = list();
        assert_eq!(
            names(&list),
            ["a.txt", "b.txt", "c.txt", "d/e.txt", "z.ann.ron"]
        );
        assert_eq!(list.counts(), (0, 1, 4));
        list.apply(ScanEvent::Summary {
            index: 1,
            result: Ok(summary(1, 2, 0)),
        });
        list.apply(ScanEvent::Done);
        assert_eq!(list.counts(), (1, 1, 3));
        assert!(!list.scanning);
    }

    #[test]
    fn sorting_keeps_the_selected_document() {
        let mut list = list();
        for (index, s) in [
            (0, summary(2, 2, 0)),
            (1, summary(0, 2, 1)),
            (2, summary(1, 2, 3)),
        ] {
            list.apply(ScanEvent::Summary {
                index,
                result: Ok(s),
            });
        }
        list.apply(ScanEvent::Summary {
            index: 3,
            result: Err(Trouble {
                file: "/c/d/e.txt".into(),
                place: Some((1, 4)),
                message: "bad".into(),
            }),
        });
        list.update(ListAction::Down);
        list.update(ListAction::CycleSort);
        assert_eq!(list.sort, SortKey::Progress);
        assert_eq!(
            names(&list),
            ["b.txt", "c.txt", "a.txt", "d/e.txt", "z.ann.ron"]
        );
        assert_eq!(list.selected_row().unwrap().name, "b.txt");
        list.update(ListAction::CycleSort);
        assert_eq!(list.sort, SortKey::Review);
        list.update(ListAction::CycleSort);
        assert_eq!(
            names(&list),
            ["d/e.txt", "z.ann.ron", "c.txt", "b.txt", "a.txt"]
        );
        list.update(ListAction::CycleSort);
        assert_eq!(names(&list)[0], "a.txt");
    }

    fn reviewed(total: usize, accepted: usize, rejected: usize) -> Summary {
        Summary {
            review: Review {
                total,
                accepted,
                rejected,
            },
            ..summary(1, 1, 0)
        }
    }

    #[test]
    fn review_sort_puts_the_least_reviewed_first() {
        let mut list = list();
        for (index, s) in [
            (0, reviewed(4, 4, 0)),
            (1, reviewed(10, 1, 1)),
            (2, reviewed(0, 0, 0)),
        ] {
            list.apply(ScanEvent::Summary {
                index,
                result: Ok(s),
            });
        }
        list.apply(ScanEvent::Summary {
            index: 3,
            result: Ok(reviewed(5, 1, 0)),
        });
        list.sort = SortKey::Progress;
        list.update(ListAction::CycleSort);
        assert_eq!(list.sort, SortKey::Review);
        // 2 of 10 (0.2, 8 left), 1 of 5 (0.2, 4 left), then all reviewed: a.txt and c.txt,
        // which has nothing to review, by name; the broken orphan last.
        assert_eq!(
            names(&list),
            ["b.txt", "d/e.txt", "a.txt", "c.txt", "z.ann.ron"]
        );
        assert_eq!(list.selected_row().unwrap().name, "a.txt", "selection kept");
    }

    #[test]
    fn open_neighbours_and_broken_rows() {
        let mut list = list();
        assert_eq!(
            list.update(ListAction::Open),
            Some(ListEffect::Open("/c/a.txt".into()))
        );
        list.update(ListAction::Last);
        assert_eq!(list.update(ListAction::Open), None);
        assert_eq!(
            list.message.as_deref(),
            Some(
                "cannot open z.ann.ron: annotation file without its article: there is no z.txt beside it"
            )
        );
        assert_eq!(
            list.neighbour(Path::new("/c/a.txt"), 1),
            Some("/c/b.txt".into())
        );
        assert_eq!(list.neighbour(Path::new("/c/a.txt"), -1), None);
        assert_eq!(list.neighbour(Path::new("/c/d/e.txt"), 1), None);
        list.select_path(Path::new("/c/c.txt"));
        assert_eq!(list.selected, 2);
        assert_eq!(list.update(ListAction::Quit), Some(ListEffect::Quit));
    }

    #[test]
    fn keys_go_through_the_keymap_chords_and_help_included() {
        let keymap = Keymap::embedded_default();
        let mut list = list();
        let press = |list: &mut CorpusList, keys: &str| {
            let mut effect = None;
            for key in crate::keymap::parse_keystrokes(keys).unwrap() {
                effect = list.handle_key(&keymap, key);
            }
            effect
        };
        press(&mut list, "jj");
        assert_eq!(list.selected, 2);
        press(&mut list, "G");
        assert_eq!(list.selected, 4);
        press(&mut list, "g");
        assert_eq!(list.selected, 4, "half a chord does nothing yet");
        assert_eq!(list.pending.len(), 1);
        press(&mut list, "g");
        assert_eq!(list.selected, 0);
        press(&mut list, "gk<Down>");
        assert_eq!(list.selected, 1, "g then k: the chord is dropped, k moves");
        press(&mut list, "s");
        assert_eq!(list.sort, SortKey::Progress);
        assert_eq!(list.selected_row().unwrap().name, "b.txt");
        assert_eq!(list.selected, 2, "the broken orphan sorts first");
        assert_eq!(press(&mut list, "x"), None, "unbound");
        press(&mut list, "?");
        assert_eq!(list.mode(), Mode::Help);
        press(&mut list, "jjk");
        assert_eq!(
            (list.help, list.selected),
            (Some(1), 2),
            "j/k scroll the help"
        );
        press(&mut list, "q");
        assert_eq!(list.help, None, "q closes the help, as in an article");
        assert_eq!(
            press(&mut list, "k<Enter>"),
            Some(ListEffect::Open("/c/a.txt".into()))
        );
        assert_eq!(press(&mut list, "q"), Some(ListEffect::Quit));
    }

    #[test]
    fn actions_outside_the_list_mean_nothing_here() {
        assert_eq!(
            ListAction::from_action(Mode::List, &Action::OpenDocument),
            Some(ListAction::Open)
        );
        assert_eq!(ListAction::from_action(Mode::List, &Action::Undo), None);
        assert_eq!(
            ListAction::from_action(Mode::Help, &Action::Cancel),
            Some(ListAction::ToggleHelp)
        );
        assert_eq!(
            ListAction::from_action(Mode::Help, &Action::CycleSort),
            None
        );
    }
}

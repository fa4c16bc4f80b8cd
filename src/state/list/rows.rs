//! The rows of the document list and the orders they can be shown in.

use std::cmp::Ordering;
use std::path::PathBuf;

use super::annotators::Work;
use crate::state::summary::{Summary, Trouble};

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
    /// Who annotates it (the plan's annotators and those with a file), sorted by name.
    pub annotators: Vec<Work>,
    /// The differences between its annotators the gold has not settled, plus the conflicts
    /// a merge recorded in the gold; `None` when there is nothing to settle (no annotators'
    /// files nor recorded conflicts) or it is not known yet.
    pub unsettled: Option<usize>,
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

    /// What is left to settle there, for sorting: most first, then none (0), then nothing to
    /// settle or not known.
    fn unsettled_rank(&self) -> (u8, usize) {
        match self.unsettled {
            Some(n) if n > 0 => (0, usize::MAX - n),
            Some(_) => (1, 0),
            None => (2, 0),
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
    /// Most differences between annotators (and recorded conflicts) left to settle first.
    Unsettled,
}

impl SortKey {
    /// The next key in the cycle name → progress → review → problems → unsettled.
    pub fn next(self) -> Self {
        match self {
            Self::Name => Self::Progress,
            Self::Progress => Self::Review,
            Self::Review => Self::Problems,
            Self::Problems => Self::Unsettled,
            Self::Unsettled => Self::Name,
        }
    }

    /// Its name in the header.
    pub fn name(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Progress => "progress",
            Self::Review => "review",
            Self::Problems => "problems",
            Self::Unsettled => "unsettled first",
        }
    }

    /// How two rows compare in this order; rows equal by the key go by path.
    pub fn compare(self, a: &Row, b: &Row) -> Ordering {
        let by_key = match self {
            Self::Name => Ordering::Equal,
            Self::Progress => match (a.progress(), b.progress()) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => a.trouble_rank().cmp(&b.trouble_rank()),
            },
            Self::Review => match (a.review_progress(), b.review_progress()) {
                (Some((x, left_a)), Some((y, left_b))) => x.total_cmp(&y).then(left_b.cmp(&left_a)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => a.trouble_rank().cmp(&b.trouble_rank()),
            },
            Self::Problems => a.trouble_rank().cmp(&b.trouble_rank()),
            Self::Unsettled => a.unsettled_rank().cmp(&b.unsettled_rank()),
        };
        by_key.then_with(|| a.path.cmp(&b.path))
    }
}

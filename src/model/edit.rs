//! The vocabulary of change: every change to an [`AnnotationSet`](super::AnnotationSet) is a
//! list of reversible [`Edit`]s, and [`NextIds`] are the id counters an edit may advance.

use serde::{Deserialize, Serialize};

use super::annotation::{Item, ParagraphStatus};
use super::conflict::Conflict;
use super::id::IdKind;
use super::rejection::Rejection;
use super::relation::Relation;

/// The next free number for each kind of id; ids are never reused after a delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextIds {
    /// Next entity number (`e<n>`).
    pub entity: u64,
    /// Next quote number (`q<n>`).
    pub quote: u64,
    /// Next claim number (`c<n>`).
    pub claim: u64,
    /// Next relation number (`r<n>`); files and journal lines written before relations lack
    /// it (1).
    #[serde(default = "one")]
    pub relation: u64,
}

fn one() -> u64 {
    1
}

impl Default for NextIds {
    fn default() -> Self {
        Self {
            entity: 1,
            quote: 1,
            claim: 1,
            relation: 1,
        }
    }
}

impl NextIds {
    /// The next free number for ids of `kind`.
    pub fn of(&self, kind: IdKind) -> u64 {
        match kind {
            IdKind::Entity => self.entity,
            IdKind::Quote => self.quote,
            IdKind::Claim => self.claim,
        }
    }
}

/// One reversible change to an [`AnnotationSet`](super::AnnotationSet).
// A replacement holds two annotations: boxing them would cost an allocation per edit for the
// few bytes the other variants would save.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Adds an annotation.
    Insert(Item),
    /// Removes an annotation (matched by id).
    Remove(Item),
    /// Replaces `before` by `after` (same id).
    Replace {
        /// The annotation as it was.
        before: Item,
        /// The annotation as it becomes.
        after: Item,
    },
    /// Changes a paragraph's status.
    Status {
        /// Paragraph index.
        paragraph: usize,
        /// Status before.
        before: ParagraphStatus,
        /// Status after.
        after: ParagraphStatus,
    },
    /// Adds an orphan: an annotation kept aside because its text is not in the article.
    InsertOrphan(Item),
    /// Removes an orphan (matched by id).
    RemoveOrphan(Item),
    /// Remembers a rejected suggestion.
    Dismiss(Rejection),
    /// Forgets a rejected suggestion (an undone rejection).
    Undismiss(Rejection),
    /// Records a conflict a merge could not settle.
    Record(Conflict),
    /// Drops a recorded conflict (settled; see [`Conflict::settle`]).
    Settle(Conflict),
    /// Adds a relation.
    Relate(Relation),
    /// Removes a relation (matched by id).
    Unrelate(Relation),
    /// Advances (or, undone, rewinds) the id counters.
    Ids {
        /// Counters before.
        before: NextIds,
        /// Counters after.
        after: NextIds,
    },
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Insert(item) => Edit::Remove(item.clone()),
            Edit::Remove(item) => Edit::Insert(item.clone()),
            Edit::InsertOrphan(item) => Edit::RemoveOrphan(item.clone()),
            Edit::RemoveOrphan(item) => Edit::InsertOrphan(item.clone()),
            Edit::Dismiss(rejection) => Edit::Undismiss(rejection.clone()),
            Edit::Undismiss(rejection) => Edit::Dismiss(rejection.clone()),
            Edit::Relate(relation) => Edit::Unrelate(relation.clone()),
            Edit::Unrelate(relation) => Edit::Relate(relation.clone()),
            Edit::Record(conflict) => Edit::Settle(conflict.clone()),
            Edit::Settle(conflict) => Edit::Record(conflict.clone()),
            Edit::Replace { before, after } => Edit::Replace {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Status {
                paragraph,
                before,
                after,
            } => Edit::Status {
                paragraph: *paragraph,
                before: *after,
                after: *before,
            },
            Edit::Ids { before, after } => Edit::Ids {
                before: *after,
                after: *before,
            },
        }
    }
}

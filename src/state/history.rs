//! Undo and redo: each user change is a list of reversible edits.

use crate::model::{AnnotationSet, Edit};

/// One user change: the edits it made and where the cursor was, to return there on undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The edits, in the order they were applied.
    pub edits: Vec<Edit>,
    /// Focused paragraph when the change was made.
    pub focus: usize,
    /// Cursor offset when the change was made.
    pub cursor: usize,
}

/// Undo and redo stacks of changes, and the edits applied since the last save.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// Every edit applied to the set since [`mark_saved`](Self::mark_saved), in order (undos
    /// as their inverses), so a save can write just those (the journal).
    unsaved: Vec<Edit>,
    /// True once `unsaved` is no longer known (see `mark_unknown`).
    unknown: bool,
}

impl History {
    /// Applies a new change to `set` and records it; clears the redo stack.
    pub fn record(&mut self, set: &mut AnnotationSet, change: Change) {
        for edit in &change.edits {
            set.apply(edit);
        }
        self.note_applied(change.edits.iter().cloned());
        self.undo.push(change);
        self.redo.clear();
    }

    /// Reverts the last change; returns it (for its cursor place), or `None` when there is none.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Option<&Change> {
        let change = self.undo.pop()?;
        let inverses: Vec<Edit> = change.edits.iter().rev().map(Edit::inverse).collect();
        for edit in &inverses {
            set.apply(edit);
        }
        self.note_applied(inverses);
        self.redo.push(change);
        self.redo.last()
    }

    /// Re-applies the last undone change.
    pub fn redo(&mut self, set: &mut AnnotationSet) -> Option<&Change> {
        let change = self.redo.pop()?;
        for edit in &change.edits {
            set.apply(edit);
        }
        self.note_applied(change.edits.iter().cloned());
        self.undo.push(change);
        self.undo.last()
    }

    fn note_applied(&mut self, edits: impl IntoIterator<Item = Edit>) {
        if !self.unknown {
            self.unsaved.extend(edits);
        }
    }

    /// The edits applied since the last save, in order; `None` when the set was replaced as a
    /// whole since (see [`mark_unknown`](Self::mark_unknown)), so only a full save will do.
    pub fn unsaved(&self) -> Option<&[Edit]> {
        if self.unknown {
            None
        } else {
            Some(&self.unsaved)
        }
    }

    /// Everything applied so far is saved: forget the unsaved edits.
    pub fn mark_saved(&mut self) {
        self.unsaved.clear();
        self.unknown = false;
    }

    /// The set was replaced without edits (e.g. restored from a recovery file): the next save
    /// must write it whole.
    pub fn mark_unknown(&mut self) {
        self.unsaved.clear();
        self.unknown = true;
    }

    /// Number of changes that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NextIds, ParagraphStatus};

    fn status(before: ParagraphStatus, after: ParagraphStatus) -> Edit {
        Edit::Status {
            paragraph: 0,
            before,
            after,
        }
    }

    #[test]
    fn unsaved_edits_follow_record_undo_and_redo_until_saved() {
        let mut set = AnnotationSet::new(1);
        let mut history = History::default();
        let done = status(ParagraphStatus::Todo, ParagraphStatus::Done);
        let ids = Edit::Ids {
            before: NextIds::default(),
            after: NextIds {
                entity: 2,
                ..NextIds::default()
            },
        };
        let change = Change {
            edits: vec![done.clone(), ids.clone()],
            focus: 0,
            cursor: 0,
        };
        history.record(&mut set, change);
        assert_eq!(history.unsaved(), Some(&[done.clone(), ids.clone()][..]));
        history.mark_saved();
        assert_eq!(history.unsaved(), Some(&[][..]));
        history.undo(&mut set);
        assert_eq!(
            history.unsaved(),
            Some(&[ids.inverse(), done.inverse()][..]),
            "undo applies the inverses, last first"
        );
        history.redo(&mut set);
        assert_eq!(history.unsaved().unwrap().len(), 4);
        history.mark_unknown();
        history.undo(&mut set);
        assert_eq!(history.unsaved(), None, "only a full save describes it now");
        history.mark_saved();
        assert_eq!(history.unsaved(), Some(&[][..]));
    }
}

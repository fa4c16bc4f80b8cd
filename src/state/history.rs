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

/// Undo and redo stacks of changes.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Applies a new change to `set` and records it; clears the redo stack.
    pub fn record(&mut self, set: &mut AnnotationSet, change: Change) {
        for edit in &change.edits {
            set.apply(edit);
        }
        self.undo.push(change);
        self.redo.clear();
    }

    /// Reverts the last change; returns it (for its cursor place), or `None` when there is none.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Option<&Change> {
        let change = self.undo.pop()?;
        for edit in change.edits.iter().rev() {
            set.apply(&edit.inverse());
        }
        self.redo.push(change);
        self.redo.last()
    }

    /// Re-applies the last undone change.
    pub fn redo(&mut self, set: &mut AnnotationSet) -> Option<&Change> {
        let change = self.redo.pop()?;
        for edit in &change.edits {
            set.apply(edit);
        }
        self.undo.push(change);
        self.undo.last()
    }

    /// Number of changes that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}

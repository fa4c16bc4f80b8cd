//! The application state and the one `update` that changes it: an open article's
//! (`AppState`) and the document list's (`list::CorpusList`), with the pure summary of a
//! document the list shows (`summary`).

mod adjudicate;
mod dispatch;
mod editing;
mod history;
pub mod list;
mod navigation;
mod picker;
mod pointer;
mod prompts;
mod review;
mod suggesting;
pub mod summary;
mod update;

pub use adjudicate::{Adjudication, CONFLICT_SIDES, conflict_in_use, left_text, side_name};
pub use history::History;
pub use list::{CorpusList, ListAction, ListEffect, Row, RowState, ScanEvent, SortKey};
pub use picker::{Picker, PickerEntry};
pub use review::{Preset, ReviewPanel, ReviewRow, RowsMemo, all_rows, group_counts, review_rows};
pub use summary::{Review, Summary, Trouble};

use crate::keymap::{Keymap, Mode};
use crate::model::{AnnotationSet, Document, LabelSet, Span};

/// What the app loop must do after an update: the state itself never touches files or the
/// terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write the annotations to disk (after a change).
    Save,
    /// The editor asked to save (`Ctrl-s`): as [`Effect::Save`], and a session that may not
    /// write takes the article over if its lock has become free.
    SaveNow,
    /// Leave the program.
    Quit,
    /// Close the article and open the next (`1`) or previous (`-1`) document of the list it
    /// was opened from (everything is saved).
    StepDocument(isize),
}

/// Whether the annotations on screen are on disk.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum SaveStatus {
    /// Everything on screen is saved.
    #[default]
    Saved,
    /// A change is waiting to be written.
    Pending,
    /// The last save failed with this error; the changes are kept in memory.
    Failed(String),
}

/// A selection: the word it was started on and the span it covers now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The word under the cursor when the selection started (or the first search match).
    pub anchor: Span,
    /// The selected characters.
    pub span: Span,
}

/// Everything tandai knows while it runs: the article, its annotations and the view.
#[derive(Debug)]
pub struct AppState {
    /// The article.
    pub doc: Document,
    /// Its annotations.
    pub annotations: AnnotationSet,
    /// The active keymap (and with it the label set).
    pub keymap: Keymap,
    /// The article's file name, for the status bar.
    pub file_name: String,
    /// Index of the focused paragraph.
    pub focus: usize,
    /// Character offset of the cursor (the start of the current word).
    pub cursor: usize,
    /// The selection, if one is active.
    pub selection: Option<Selection>,
    /// The active mode.
    pub mode: Mode,
    /// Text typed into the search or note prompt.
    pub prompt: String,
    /// The entity picker, while it is open.
    pub picker: Option<Picker>,
    /// The last search, for `n` / `N`.
    pub last_search: Option<String>,
    /// Keys of an unfinished chord, as shown in the status bar (`g`).
    pub pending_keys: String,
    /// Whether everything is saved.
    pub save_status: SaveStatus,
    /// A one-line message for the user (what the last action did or why it could not).
    pub message: Option<String>,
    /// Undo and redo stacks.
    pub history: History,
    /// First line of the help overlay shown.
    pub help_scroll: usize,
    /// Id of the annotation whose note is being edited.
    pub note_target: Option<String>,
    /// Set after a first `q` while changes are unsaved: a second `q` quits anyway.
    pub quit_armed: bool,
    /// Id of the orphan chosen in the review panel, to re-attach to the next selection.
    pub reattach: Option<String>,
    /// The review panel's filter and highlighted row (kept while the panel is closed).
    pub review: ReviewPanel,
    /// The review panel's last rows (a cache of [`review_rows`]).
    review_memo: RowsMemo,
    /// The mode a prompt, the picker or the help returns to when it closes.
    back_to: Mode,
    pending: Vec<crate::keymap::Key>,
    /// What tandai proposes in the article.
    pub suggestions: crate::suggest::engine::Suggester,
    /// The suggestion last stepped to, as its start and layer (0 entity, 1 quote, 2 claim):
    /// the keys act on it while the cursor stays there.
    pub suggestion_focus: Option<(usize, u8)>,
    /// Whether the article was opened from a document list (`]` / `[` step along it).
    document_list: bool,
    /// The annotators' versions being adjudicated (`tandai adjudicate`), if any.
    pub adjudication: Option<Adjudication>,
}

impl AppState {
    /// A state showing `doc` with `annotations`, cursor on the first word, proposing what
    /// tandai proposes without any file (propagation in the article, quotes and claims).
    pub fn new(
        doc: Document,
        annotations: AnnotationSet,
        keymap: Keymap,
        file_name: impl Into<String>,
    ) -> Self {
        Self::with_suggester(doc, annotations, keymap, file_name, Default::default())
    }

    /// [`AppState::new`], proposing what `suggester` proposes (gazetteers, patterns, the
    /// folder's labels, a model's predictions, the quote and claim finders).
    pub fn with_suggester(
        doc: Document,
        annotations: AnnotationSet,
        keymap: Keymap,
        file_name: impl Into<String>,
        suggestions: crate::suggest::engine::Suggester,
    ) -> Self {
        let mut state = Self {
            doc,
            annotations,
            keymap,
            file_name: file_name.into(),
            focus: 0,
            cursor: 0,
            selection: None,
            mode: Mode::Normal,
            prompt: String::new(),
            picker: None,
            last_search: None,
            pending_keys: String::new(),
            save_status: SaveStatus::Saved,
            message: None,
            history: History::default(),
            help_scroll: 0,
            note_target: None,
            quit_armed: false,
            reattach: None,
            review: ReviewPanel::default(),
            review_memo: RowsMemo::default(),
            back_to: Mode::Normal,
            pending: Vec::new(),
            document_list: false,
            suggestions,
            suggestion_focus: None,
            adjudication: None,
        };
        state.suggestions.reset(&state.doc, &state.annotations);
        let resume = state
            .annotations
            .paragraphs
            .iter()
            .position(|s| *s == crate::model::ParagraphStatus::Todo)
            .unwrap_or(0);
        state.focus_paragraph(resume);
        state
    }

    /// The same state, for an article opened from a document list: `NextDocument` /
    /// `PrevDocument` then ask the loop to step along the list.
    pub fn in_document_list(mut self) -> Self {
        self.document_list = true;
        self
    }

    /// The label set of the active keymap.
    pub fn labels(&self) -> &LabelSet {
        self.keymap.labels()
    }

    /// The words of the focused paragraph around `offset`: all of them in a paragraph of
    /// ordinary length, only the nearby stretch in a very long one (so a key costs the same in
    /// a one-megabyte paragraph as in a short one).
    pub fn words_near(&self, offset: usize) -> Vec<Span> {
        const LONG: usize = 4096;
        const REACH: usize = 256;
        let long = self
            .doc
            .paragraph(self.focus)
            .is_some_and(|p| p.chars.len() > LONG);
        if long {
            let range = Span::new(offset.saturating_sub(REACH), offset + REACH);
            self.doc.words_in(self.focus, range)
        } else {
            self.doc.words(self.focus)
        }
    }

    /// The word the cursor is on, if the focused paragraph has words.
    pub fn cursor_word(&self) -> Option<Span> {
        let words = self.words_near(self.cursor);
        words
            .iter()
            .find(|w| w.contains(self.cursor))
            .or_else(|| words.iter().rev().find(|w| w.start <= self.cursor))
            .or(words.first())
            .copied()
    }

    /// What a tag applies to: the selection, or else the word under the cursor.
    pub fn target_span(&self) -> Option<Span> {
        self.selection
            .map(|s| s.span)
            .or_else(|| self.cursor_word())
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod review_tests;

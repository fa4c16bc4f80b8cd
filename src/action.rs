//! Everything a user can do: the bindable actions named in keymap files, and the app loop's
//! reports to the state (a save's result, a notice), which go through the same `update`.

use serde::{Deserialize, Serialize};

use crate::model::ParagraphStatus;

/// A user action. Keymap files bind keys to these variants by name (`NextWord`,
/// `TagEntity(1)`, …); [`Action::description`] is what the help overlay shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Focus the next paragraph; the cursor goes to its first word.
    NextParagraph,
    /// Focus the previous paragraph; the cursor goes to its first word.
    PrevParagraph,
    /// Focus the first paragraph.
    FirstParagraph,
    /// Focus the last paragraph.
    LastParagraph,
    /// Move the cursor to the next word (into the next paragraph at the end).
    NextWord,
    /// Move the cursor to the previous word (into the previous paragraph at the start).
    PrevWord,
    /// Move the cursor to the first word of the paragraph.
    ParagraphStart,
    /// Move the cursor to the last word of the paragraph.
    ParagraphEnd,
    /// Start a selection at the cursor, or cancel the current one.
    ToggleSelection,
    /// Move the selection's end one character right.
    SelectionEndRight,
    /// Move the selection's end one character left.
    SelectionEndLeft,
    /// Move the selection's start one character left.
    SelectionStartLeft,
    /// Move the selection's start one character right.
    SelectionStartRight,
    /// Select the sentence under the cursor.
    SelectSentence,
    /// Type a search; `Enter` selects the first match after the cursor.
    StartSearch,
    /// Select the next match of the last search.
    SearchNext,
    /// Select the previous match of the last search.
    SearchPrev,
    /// Tag the selection (or the word under the cursor) with entity label n of the label set.
    TagEntity(u8),
    /// Tag the selection as a quote; without one, the quotation around the cursor.
    TagQuote,
    /// Set the selection (or word) as the cue of a quote in the paragraph: the nearest one
    /// without a cue, else the nearest.
    SetCue,
    /// Tag the selection (or else the quote under the cursor, or else the sentence under it)
    /// as a claim.
    TagClaim,
    /// Pick the speaker of the quote, or the claimant of the claim, under the cursor.
    LinkEntity,
    /// Cycle the kind of the quote (Direct, Indirect, Mixed) or check-worthiness of the claim.
    CycleKind,
    /// Delete the innermost annotation under the cursor.
    Delete,
    /// Edit the note of the innermost annotation under the cursor.
    EditNote,
    /// Add, change or delete an attribute of the annotation under the cursor (or the review
    /// panel's row): type `name` (a flag), `name=value`, or `-name` to delete it.
    EditAttribute,
    /// On an annotation: add a relation from it (type `KIND TO-ID`); on a relation's row of the
    /// review panel: change its kind.
    EditRelation,
    /// Move the cursor to the next suggestion (wrapping around the article).
    NextSuggestion,
    /// Move the cursor to the previous suggestion.
    PrevSuggestion,
    /// Accept the suggestion under the cursor (it becomes an annotation, in one undo step)
    /// and go to the next one.
    AcceptSuggestion,
    /// Reject the suggestion under the cursor (it is not proposed there again) and go to the
    /// next one.
    RejectSuggestion,
    /// Accept every suggestion of the focused paragraph, in one undo step.
    AcceptParagraphSuggestions,
    /// Accept every entity suggestion in the article with the text and label of the one
    /// under the cursor, in one undo step.
    AcceptSameTextSuggestions,
    /// Turn suggestions on or off.
    ToggleSuggestions,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Mark the paragraph done and go to the next one not done.
    MarkDoneNext,
    /// Set the paragraph's status.
    SetStatus(ParagraphStatus),
    /// Save now (saving also happens after every change); a session that may not write takes
    /// the article over if its other session has ended.
    Save,
    /// Show or hide this help.
    ToggleHelp,
    /// Quit (everything is already saved).
    Quit,
    /// Open or close the review panel (closing returns to where the article was).
    ToggleReview,
    /// In the review panel: go to the annotation in the article and close the panel.
    JumpToAnnotation,
    /// In the review panel, choose the orphan to re-attach; in the article, re-attach it to
    /// the selection (or the word under the cursor).
    Reattach,
    /// Accept the annotation and go to the next unreviewed one (again: back to unreviewed).
    Accept,
    /// Reject the annotation and go to the next unreviewed one (again: back to unreviewed).
    Reject,
    /// Type a filter for the review list (kind, label, status, `problem`, or text).
    FilterReview,
    /// Cycle the review list's preset filter: all, entities, quotes, claims, problems,
    /// unreviewed, and (while adjudicating) disagreements.
    CycleReviewFilter,
    /// From an article opened from the document list: open the next document of the list.
    NextDocument,
    /// From an article opened from the document list: open the previous document of the list.
    PrevDocument,
    /// In the document list: open the selected document where its editor left off.
    OpenDocument,
    /// In the document list: sort by the next key (name, progress, review, problems,
    /// unsettled first).
    CycleSort,
    /// Open the adjudication of the annotators' versions (`tandai adjudicate`) at the nearest
    /// disagreement; in it, leave it at the place to edit by hand (the same key comes back).
    ToggleAdjudication,
    /// In adjudication: go to the next disagreement not yet settled.
    NextDisagreement,
    /// In adjudication: go to the previous disagreement not yet settled.
    PrevDisagreement,
    /// In adjudication: put version n of the disagreement in the gold (one undo step).
    TakeVersion(u8),
    /// In adjudication: mark or unmark the highlighted version, to take several together.
    MarkVersion,
    /// In adjudication: put the marked versions together in the gold (or, none marked, the
    /// highlighted one).
    TakeMarked,
    /// In adjudication: remove what the gold has at the disagreement.
    TakeNone,
    /// In adjudication: also step to disagreements already settled (again: only unsettled).
    ShowSettled,
    /// Move a page up in a list.
    PageUp,
    /// Move a page down in a list.
    PageDown,
    /// Go to the first row of a list.
    ListFirst,
    /// Go to the last row of a list.
    ListLast,
    /// Accept the typed text or the picked entry.
    Confirm,
    /// Leave the prompt, picker or help without changing anything.
    Cancel,
    /// Delete the character before the text cursor.
    Backspace,
    /// Move up in a list.
    ListUp,
    /// Move down in a list.
    ListDown,
    /// Type a character into a prompt (internal: produced by unbound printable keys).
    #[serde(skip)]
    InsertChar(char),
    /// A click (the button went down and up without moving) on character `offset` of the
    /// article: the cursor goes to the word there and the focus to its paragraph; a selection
    /// is cancelled (internal).
    #[serde(skip)]
    PointAt(usize),
    /// The mouse moved with its button down from character `from` (where it went down) to
    /// character `to`: the selection runs from the word at `from` to the word (or character)
    /// at `to` (internal).
    #[serde(skip)]
    DragTo {
        /// Where the button went down.
        from: usize,
        /// Where the pointer is.
        to: usize,
    },
    /// The mouse wheel turned by this many notches, negative up (internal).
    #[serde(skip)]
    Scroll(isize),
    /// The app loop's report of a save: the annotations are in their file (and the undo
    /// history's unsaved edits with them), or why not (internal).
    #[serde(skip)]
    SaveFinished(Result<(), SaveError>),
    /// Something the app loop tells the editor, e.g. that the article's lock is free
    /// (internal).
    #[serde(skip)]
    Notice(String),
    /// The app loop took the article over from another session: these annotations (what
    /// that session saved, with this session's changes on top) replace the ones shown, and
    /// what was done is said (internal).
    #[serde(skip)]
    Rebased(Box<crate::model::AnnotationSet>, String),
    /// The app loop read these annotations from the recovery file: they replace the ones
    /// shown, and the next save writes the file whole (internal).
    #[serde(skip)]
    Restored(Box<crate::model::AnnotationSet>),
    /// The annotation file and its journal describe an older text of the article (the
    /// annotations were re-anchored on opening): the next save writes the file whole
    /// (internal).
    #[serde(skip)]
    FileOutdated,
    /// The annotators' versions of the article, aligned: adjudication starts, what every
    /// annotator agrees on and the gold lacks is settled (one undo step), and the first
    /// disagreement is shown (internal).
    #[serde(skip)]
    StartAdjudication(Box<crate::model::disagreements::Alignment>),
}

/// Why a save left the annotation file as it was; the message names the file and, when the
/// annotations went elsewhere, where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SaveError {
    /// What became of the annotations.
    pub kind: SaveErrorKind,
    /// What the editor reads in the status bar.
    pub message: String,
}

/// What became of the annotations a save could not write to their file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveErrorKind {
    /// Writing failed (a full disk, a folder without permission …): the changes are kept in
    /// memory and written again later.
    Failed,
    /// The file was changed by another program: left as it is, the annotations went to this
    /// session's conflict copy.
    KeptAside,
    /// This session may not write the file (another session holds the article, or it could
    /// not be locked): the annotations went to its conflict copy.
    ReadOnly,
}

impl SaveError {
    /// An error of `kind` saying `message`.
    pub fn new(kind: SaveErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl Action {
    /// One line describing the action, for the help overlay.
    pub fn description(&self) -> String {
        match self {
            Action::NextParagraph => "next paragraph".into(),
            Action::PrevParagraph => "previous paragraph".into(),
            Action::FirstParagraph => "first paragraph".into(),
            Action::LastParagraph => "last paragraph".into(),
            Action::NextWord => "next word".into(),
            Action::PrevWord => "previous word".into(),
            Action::ParagraphStart => "start of paragraph".into(),
            Action::ParagraphEnd => "end of paragraph".into(),
            Action::ToggleSelection => "start / cancel selection".into(),
            Action::SelectionEndRight => "selection end one character right".into(),
            Action::SelectionEndLeft => "selection end one character left".into(),
            Action::SelectionStartLeft => "selection start one character left".into(),
            Action::SelectionStartRight => "selection start one character right".into(),
            Action::SelectSentence => "select sentence".into(),
            Action::StartSearch => "search".into(),
            Action::SearchNext => "next match".into(),
            Action::SearchPrev => "previous match".into(),
            Action::TagEntity(n) => format!("tag entity with label {n}"),
            Action::TagQuote => "tag quote (or the quotation around the cursor)".into(),
            Action::SetCue => {
                "set selection as cue of the nearest quote (without a cue first)".into()
            }
            Action::TagClaim => "tag claim (or the quote, or the sentence)".into(),
            Action::LinkEntity => "link speaker / claimant".into(),
            Action::CycleKind => "cycle quote kind / claim check-worthiness".into(),
            Action::Delete => "delete annotation under cursor".into(),
            Action::EditNote => "edit note".into(),
            Action::EditAttribute => "attribute: name, name=value, -name deletes".into(),
            Action::EditRelation => {
                "relation: add one from here (KIND TO-ID); on a relation, its kind".into()
            }
            Action::NextSuggestion => "next suggestion".into(),
            Action::PrevSuggestion => "previous suggestion".into(),
            Action::AcceptSuggestion => "accept the suggestion, go to the next".into(),
            Action::RejectSuggestion => "reject the suggestion, go to the next".into(),
            Action::AcceptParagraphSuggestions => "accept every suggestion of the paragraph".into(),
            Action::AcceptSameTextSuggestions => {
                "accept this text's suggestions in the whole article".into()
            }
            Action::ToggleSuggestions => "suggestions on / off".into(),
            Action::Undo => "undo".into(),
            Action::Redo => "redo".into(),
            Action::MarkDoneNext => "mark paragraph done, go to next not done".into(),
            Action::SetStatus(s) => format!("mark paragraph {s:?}"),
            Action::Save => "save now; take over an article its other session has left".into(),
            Action::ToggleHelp => "help".into(),
            Action::Quit => "quit".into(),
            Action::ToggleReview => "review panel: open / close".into(),
            Action::JumpToAnnotation => "jump to the annotation in the article".into(),
            Action::Reattach => {
                "re-attach an orphan (choose it in the review panel, then select its new place)"
                    .into()
            }
            Action::Accept => "accept, go to next unreviewed".into(),
            Action::Reject => "reject, go to next unreviewed".into(),
            Action::FilterReview => "filter (kind, label, status, problem or text)".into(),
            Action::CycleReviewFilter => {
                "next preset: all, entities, quotes, claims, problems, unreviewed, disagreements"
                    .into()
            }
            Action::NextDocument => "next document of the list".into(),
            Action::PrevDocument => "previous document of the list".into(),
            Action::OpenDocument => "open the document (at its first paragraph not done)".into(),
            Action::CycleSort => {
                "sort by name → progress → review → problems → unsettled first".into()
            }
            Action::ToggleAdjudication => {
                "adjudication: open / leave at the place to edit by hand".into()
            }
            Action::NextDisagreement => "next disagreement".into(),
            Action::PrevDisagreement => "previous disagreement".into(),
            Action::TakeVersion(n) => format!("take version {n}"),
            Action::MarkVersion => "mark / unmark the highlighted version".into(),
            Action::TakeMarked => "take the marked versions (or the highlighted one)".into(),
            Action::TakeNone => "take none: remove what the gold has there".into(),
            Action::ShowSettled => "show settled disagreements too / only unsettled".into(),
            Action::PageUp => "a page up".into(),
            Action::PageDown => "a page down".into(),
            Action::ListFirst => "first row".into(),
            Action::ListLast => "last row".into(),
            Action::Confirm => "confirm".into(),
            Action::Cancel => "cancel".into(),
            Action::Backspace => "delete character".into(),
            Action::ListUp => "up".into(),
            Action::ListDown => "down".into(),
            Action::InsertChar(c) => format!("type {c}"),
            Action::PointAt(_) => "click: cursor to the word".into(),
            Action::DragTo { .. } => "drag: select".into(),
            Action::Scroll(_) => "wheel: scroll".into(),
            Action::SaveFinished(_) => "save finished".into(),
            Action::Notice(_) => "notice".into(),
            Action::Rebased(..) => "took the article over".into(),
            Action::Restored(_) => "restored from the recovery file".into(),
            Action::FileOutdated => "the annotation file describes an older text".into(),
            Action::StartAdjudication(_) => "adjudication started".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_parse_by_name_in_ron() {
        let a: Action = ron::from_str("TagEntity(3)").unwrap();
        assert_eq!(a, Action::TagEntity(3));
        let s: Action = ron::from_str("SetStatus(Flagged)").unwrap();
        assert_eq!(s, Action::SetStatus(ParagraphStatus::Flagged));
        assert!(ron::from_str::<Action>("InsertChar('a')").is_err());
        assert!(ron::from_str::<Action>("PointAt(3)").is_err());
        assert!(ron::from_str::<Action>("Scroll(1)").is_err());
        assert!(ron::from_str::<Action>("Fly").is_err());
    }
}

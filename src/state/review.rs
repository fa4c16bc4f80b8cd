//! The review panel: what it remembers between updates, and the actions on the selected row.
//! Its rows come from [`review_rows`].

mod rows;

use super::{AppState, Effect};
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::{Edit, Item, ReviewStatus, Spans, Text};

pub use rows::{Preset, ReviewRow, RowsMemo, all_rows, group_counts, review_rows};

/// What the review panel remembers between updates: the filter and the highlighted row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewPanel {
    /// The preset filter.
    pub preset: Preset,
    /// The typed filter (see [`review_rows`]).
    pub query: String,
    /// Index of the highlighted row among the filtered rows.
    pub selected: usize,
    /// The filter before the filter prompt opened, restored by `Esc`.
    query_before: String,
    /// Focused paragraph and cursor when the panel opened, restored when it closes.
    origin: Option<(usize, usize)>,
}

/// What a retag key turns the row's annotation into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Retag {
    Entity(u8),
    Quote,
    Claim,
}

impl AppState {
    /// Whether the review panel is on screen: in review mode, typing its filter, or under a
    /// prompt, picker or help opened from it.
    pub fn review_open(&self) -> bool {
        match self.mode {
            Mode::Review | Mode::ReviewFilter => true,
            Mode::Help | Mode::Picker | Mode::Note => self.back_to == Mode::Review,
            Mode::Normal | Mode::Search | Mode::List | Mode::Adjudicate => false,
        }
    }

    /// The row under the panel's highlight.
    pub fn review_current(&self) -> Option<ReviewRow> {
        review_rows(self).get(self.review.selected).cloned()
    }

    pub(super) fn open_review(&mut self) {
        self.review.origin = Some((self.focus, self.cursor));
        self.mode = Mode::Review;
        self.follow_review();
        if review_rows(self).is_empty() {
            self.message = Some("no annotations to review yet".into());
        }
    }

    fn close_review(&mut self) {
        if let Some((focus, cursor)) = self.review.origin.take() {
            self.focus = focus;
            self.cursor = cursor;
        }
        self.mode = Mode::Normal;
    }

    /// Keeps the highlight inside the list and shows its annotation in the article.
    fn follow_review(&mut self) {
        let rows = review_rows(self);
        self.review.selected = self.review.selected.min(rows.len().saturating_sub(1));
        if let Some(start) = rows
            .get(self.review.selected)
            .and_then(|r| r.spans.first())
            .map(|s| s.start)
        {
            self.place_cursor(start);
        }
    }

    /// Highlights the row of `id` if it is listed, else keeps the index (clamped).
    fn select_review_id(&mut self, id: &str) {
        if let Some(i) = review_rows(self).iter().position(|r| r.id == id) {
            self.review.selected = i;
        }
        self.follow_review();
    }

    pub(super) fn update_review(&mut self, action: Action) -> Option<Effect> {
        let current = self.review_current();
        if let Some(orphan) = current
            .as_ref()
            .and_then(|row| self.annotations.orphan(&row.id).cloned())
            && let Some(effect) = self.update_orphan_row(orphan, &action)
        {
            if self.mode == Mode::Review {
                self.follow_review();
            }
            return effect;
        }
        let item = current
            .as_ref()
            .and_then(|row| self.annotations.get(&row.id));
        let needs_row = matches!(
            action,
            Action::JumpToAnnotation
                | Action::Accept
                | Action::Reject
                | Action::TagEntity(_)
                | Action::TagQuote
                | Action::TagClaim
                | Action::LinkEntity
                | Action::EditNote
                | Action::Delete
        );
        if needs_row && item.is_none() {
            self.message = Some("no annotation selected".into());
            return None;
        }
        let effect = match action {
            Action::ToggleReview | Action::Cancel => {
                self.close_review();
                None
            }
            Action::ListDown => {
                self.review.selected += 1;
                None
            }
            Action::ListUp => {
                self.review.selected = self.review.selected.saturating_sub(1);
                None
            }
            Action::JumpToAnnotation => {
                let row = current?;
                self.review.origin = None;
                self.mode = Mode::Normal;
                self.selection = None;
                if let Some(span) = row.spans.first() {
                    self.place_cursor(span.start);
                }
                self.message = Some(format!("{} ¶{}", row.id, row.paragraph));
                return None;
            }
            Action::Accept => self.set_review_status(ReviewStatus::Accepted),
            Action::Reject => self.set_review_status(ReviewStatus::Rejected),
            Action::FilterReview => {
                self.review.query_before = self.review.query.clone();
                self.mode = Mode::ReviewFilter;
                None
            }
            Action::CycleReviewFilter => {
                self.review.preset = self.review.preset.next();
                if self.review.preset == Preset::Disagreements && self.adjudication.is_none() {
                    self.review.preset = self.review.preset.next();
                }
                self.review.selected = 0;
                self.message = Some(format!("showing {}", self.review.preset.name()));
                None
            }
            Action::TagEntity(n) => self.retag(item?, Retag::Entity(n)),
            Action::TagQuote => self.retag(item?, Retag::Quote),
            Action::TagClaim => self.retag(item?, Retag::Claim),
            Action::LinkEntity => {
                self.open_picker_for(item?);
                return None;
            }
            Action::EditNote => {
                self.start_note_for(&item?);
                return None;
            }
            Action::Delete => self.delete(item?),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => Some(Effect::SaveNow),
            Action::ToggleHelp => {
                self.open_help();
                return None;
            }
            Action::Quit => return self.quit(),
            Action::NextDocument | Action::PrevDocument => {
                self.no_document_list();
                None
            }
            _ => None,
        };
        if self.mode == Mode::Review {
            self.follow_review();
        }
        effect
    }

    pub(super) fn update_review_filter(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::InsertChar(c) => self.review.query.push(c),
            Action::Backspace => {
                self.review.query.pop();
            }
            Action::Confirm => self.mode = Mode::Review,
            Action::Cancel => {
                self.review.query = std::mem::take(&mut self.review.query_before);
                self.mode = Mode::Review;
            }
            _ => return None,
        }
        self.review.selected = 0;
        self.follow_review();
        None
    }

    /// Accepts or rejects the highlighted annotation (again: back to unreviewed), then
    /// highlights the next unreviewed row after it.
    /// Row actions on an orphan: delete it, or choose it for re-attaching; the others do not
    /// apply. `None` when the action is not a row action (moving, filtering, closing…).
    fn update_orphan_row(&mut self, orphan: Item, action: &Action) -> Option<Option<Effect>> {
        match action {
            Action::Delete => Some(self.delete(orphan)),
            Action::Reattach => {
                self.message = Some(format!(
                    "select where {} “{}” goes (v, /, s…), then press the re-attach key again",
                    orphan.id(),
                    orphan.text()
                ));
                self.reattach = Some(orphan.id().to_owned());
                self.review.origin = None;
                self.mode = Mode::Normal;
                Some(None)
            }
            Action::JumpToAnnotation
            | Action::Accept
            | Action::Reject
            | Action::TagEntity(_)
            | Action::TagQuote
            | Action::TagClaim
            | Action::LinkEntity
            | Action::EditNote => {
                self.message = Some(format!(
                    "{} is an orphan: re-attach it to a selection first (p), or delete it (x)",
                    orphan.id()
                ));
                Some(None)
            }
            _ => None,
        }
    }

    fn set_review_status(&mut self, status: ReviewStatus) -> Option<Effect> {
        let rows = review_rows(self);
        let at = self.review.selected;
        let row = rows.get(at)?;
        let before = self.annotations.get(&row.id)?;
        let new = if before.review() == status {
            ReviewStatus::Unreviewed
        } else {
            status
        };
        let next = (1..rows.len())
            .map(|step| &rows[(at + step) % rows.len()])
            .find(|r| r.status == ReviewStatus::Unreviewed)
            .map(|r| r.id.clone());
        let mut after = before.clone();
        after.set_review(new);
        let id = row.id.clone();
        let effect = self.commit(vec![Edit::Replace { before, after }]);
        let next = next.filter(|_| new != ReviewStatus::Unreviewed);
        self.message = Some(match &next {
            Some(_) => format!("{id} {}", new.name()),
            None if new == ReviewStatus::Unreviewed => format!("{id} back to unreviewed"),
            None => format!("{id} {}: nothing else to review here", new.name()),
        });
        self.select_review_id(next.as_deref().unwrap_or(&id));
        effect
    }

    /// Turns `item` into an entity with label n (for an entity: relabels it), a quote or a
    /// claim over the same fragments. A new kind gets a new id; links to the old one are
    /// cleared, a quote's speaker becomes the claim's claimant and back, the note is kept.
    fn retag(&mut self, item: Item, to: Retag) -> Option<Effect> {
        let spans = Spans::from_slice(item.spans());
        let text = Text::from(self.doc.slice_fragments(&spans));
        let note = item.note().map(Text::from);
        let new = match (&item, to) {
            (Item::Entity(e), Retag::Entity(n)) => {
                let Some(label) = self
                    .labels()
                    .by_number(n)
                    .map(|l| Text::from(l.name.as_str()))
                else {
                    self.message = Some(format!("no label {n} in the label set"));
                    return None;
                };
                if e.label == label {
                    self.message = Some(format!("“{}” is already {label}", e.text));
                    return None;
                }
                self.message = Some(format!("“{}”: {} → {label}", e.text, e.label));
                let mut after = e.clone();
                after.label = label;
                let id = e.id.clone();
                let effect = self.commit(vec![Edit::Replace {
                    before: item,
                    after: Item::Entity(after),
                }]);
                // The row moves to its new label's group: keep it highlighted.
                self.select_review_id(&id);
                return effect;
            }
            (Item::Quote(_), Retag::Quote) | (Item::Claim(_), Retag::Claim) => {
                self.message = Some(format!("{} is already a {}", item.id(), item.kind_name()));
                return None;
            }
            (_, Retag::Entity(n)) => {
                let Some(label) = self
                    .labels()
                    .by_number(n)
                    .map(|l| Text::from(l.name.as_str()))
                else {
                    self.message = Some(format!("no label {n} in the label set"));
                    return None;
                };
                let (id, ids) = self.new_id('e');
                let entity = crate::model::Entity {
                    id,
                    label,
                    spans,
                    text,
                    note,
                    review: ReviewStatus::Unreviewed,
                    source: Default::default(),
                    by: Default::default(),
                    attributes: Vec::new(),
                };
                (ids, Item::Entity(entity))
            }
            (_, Retag::Quote) => {
                let (id, ids) = self.new_id('q');
                let speaker = match &item {
                    Item::Claim(c) => c.claimant.clone(),
                    _ => None,
                };
                let quote = crate::model::Quote {
                    id,
                    kind: self.quote_kind_of(&spans),
                    spans,
                    text,
                    cue: None,
                    speaker,
                    note,
                    review: ReviewStatus::Unreviewed,
                    source: Default::default(),
                    by: Default::default(),
                    attributes: Vec::new(),
                };
                (ids, Item::Quote(quote))
            }
            (_, Retag::Claim) => {
                let (id, ids) = self.new_id('c');
                let (quote, claimant) = match &item {
                    Item::Quote(q) => (None, q.speaker.clone()),
                    _ => self.claim_source(&spans, Some(item.id())),
                };
                let claim = crate::model::Claim {
                    id,
                    spans,
                    text,
                    claimant,
                    quote,
                    checkworthy: None,
                    note,
                    review: ReviewStatus::Unreviewed,
                    source: Default::default(),
                    by: Default::default(),
                    attributes: Vec::new(),
                };
                (ids, Item::Claim(claim))
            }
        };
        let (ids, mut new) = new;
        *new.attributes_mut() = item.attributes().to_vec();
        let new_id = new.id().to_owned();
        let old_id = item.id().to_owned();
        // Relations follow the annotation to its new id; the other links cannot (their kinds
        // are fixed), so they are cleared.
        let moved: Vec<Edit> = (self.annotations.relations_of(&old_id))
            .map(|r| {
                let follow = |end: &Text| {
                    if *end == old_id {
                        Text::from(new_id.as_str())
                    } else {
                        end.clone()
                    }
                };
                Edit::Relate(crate::model::Relation {
                    from: follow(&r.from),
                    to: follow(&r.to),
                    ..r.clone()
                })
            })
            .collect();
        let mut edits = self.unlink_edits(&old_id);
        edits.push(Edit::Remove(item));
        edits.push(ids);
        edits.push(Edit::Insert(new));
        edits.extend(moved);
        self.message = Some(format!("{old_id} is now {new_id}"));
        let effect = self.commit(edits);
        self.select_review_id(&new_id);
        effect
    }
}

//! The review panel: every annotation of the document as a list row, its filters, and the
//! actions on the selected row. Rows are derived from the state by [`review_rows`], a pure
//! function that `update` and the view share, so the panel never holds a stale copy; it keeps
//! its last result for as long as the annotations and the filter stay the same.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::{AppState, Effect};
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::{Edit, Item, Problem, ReviewStatus, Span, Spans, Text, problems};

/// The preset filters, cycled with one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Preset {
    /// Every annotation.
    #[default]
    All,
    /// Entities only.
    Entities,
    /// Quotes only.
    Quotes,
    /// Claims only.
    Claims,
    /// Annotations with a problem.
    Problems,
    /// Annotations nobody accepted or rejected yet.
    Unreviewed,
}

impl Preset {
    /// The next preset in the cycle.
    pub fn next(self) -> Self {
        match self {
            Preset::All => Preset::Entities,
            Preset::Entities => Preset::Quotes,
            Preset::Quotes => Preset::Claims,
            Preset::Claims => Preset::Problems,
            Preset::Problems => Preset::Unreviewed,
            Preset::Unreviewed => Preset::All,
        }
    }

    /// The preset's name, as the panel title shows it.
    pub fn name(self) -> &'static str {
        match self {
            Preset::All => "all",
            Preset::Entities => "entities",
            Preset::Quotes => "quotes",
            Preset::Claims => "claims",
            Preset::Problems => "problems",
            Preset::Unreviewed => "unreviewed",
        }
    }

    fn keeps(self, row: &ReviewRow) -> bool {
        match self {
            Preset::All => true,
            Preset::Entities => row.kind == "entity",
            Preset::Quotes => row.kind == "quote",
            Preset::Claims => row.kind == "claim",
            Preset::Problems => !row.problems.is_empty(),
            Preset::Unreviewed => row.status == ReviewStatus::Unreviewed,
        }
    }
}

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

/// One annotation as the review panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    /// The annotation's id.
    pub id: String,
    /// `entity`, `quote` or `claim`.
    pub kind: &'static str,
    /// The heading the row is listed under (`Entities · PER`, `Quotes`, `Claims`).
    pub group: String,
    /// The label of an entity, the kind of a quote, the check-worthiness of a claim.
    pub tag: String,
    /// The annotated text.
    pub text: String,
    /// 1-based number of the paragraph of its first fragment.
    pub paragraph: usize,
    /// Its links, as shown (`← Choe Son Hui`, `← Choe Son Hui · q2`), empty for entities.
    pub links: String,
    /// Accepted, rejected or not yet reviewed.
    pub status: ReviewStatus,
    /// What is wrong with it.
    pub problems: Vec<Problem>,
    /// Its note.
    pub note: Option<String>,
    /// Its fragments.
    pub spans: Vec<Span>,
}

/// Every annotation of the document as a row, grouped (entities by label in label-set
/// order, then quotes, then claims) and in document order within a group, before filtering.
pub fn all_rows(state: &AppState) -> Vec<ReviewRow> {
    let set = &state.annotations;
    let found = problems(&state.doc, set);
    let name = |id: &Option<Text>| {
        id.as_deref().map(|id| {
            set.entity(id)
                .map_or_else(|| format!("{id}?"), |e| e.text.to_string())
        })
    };
    let mut label_order: Vec<String> = state
        .labels()
        .labels()
        .iter()
        .map(|l| l.name.clone())
        .collect();
    let mut others: Vec<String> = set
        .entities
        .iter()
        .map(|e| e.label.as_str())
        .filter(|l| !label_order.iter().any(|o| o == l))
        .map(str::to_owned)
        .collect();
    others.sort();
    others.dedup();
    label_order.extend(others);

    let mut rows = Vec::new();
    let row = |item: &Item, group: String, tag: String, links: String| ReviewRow {
        id: item.id().to_owned(),
        kind: item.kind_name(),
        group,
        tag,
        text: match item {
            Item::Entity(e) => e.text.to_string(),
            Item::Quote(q) => q.text.to_string(),
            Item::Claim(c) => c.text.to_string(),
        },
        paragraph: item
            .spans()
            .first()
            .and_then(|s| state.doc.paragraph_at(s.start))
            .map_or(0, |p| p + 1),
        links,
        status: item.review(),
        problems: found.get(item.id()).cloned().unwrap_or_default(),
        note: item.note().map(str::to_owned),
        spans: item.spans().to_vec(),
    };
    for label in &label_order {
        for e in set.entities.iter().filter(|e| e.label == label) {
            let item = Item::Entity(e.clone());
            rows.push(row(
                &item,
                format!("Entities · {label}"),
                label.clone(),
                String::new(),
            ));
        }
    }
    for q in &set.quotes {
        let links = name(&q.speaker).map_or_else(String::new, |s| format!("← {s}"));
        let tag = format!("{:?}", q.kind).to_lowercase();
        rows.push(row(&Item::Quote(q.clone()), "Quotes".into(), tag, links));
    }
    for c in &set.claims {
        let mut links = name(&c.claimant).map_or_else(String::new, |s| format!("← {s}"));
        if let Some(quote) = &c.quote {
            if !links.is_empty() {
                links.push_str(" · ");
            }
            links.push_str(quote);
        }
        let tag = match c.checkworthy {
            Some(crate::model::Checkworthy::Yes) => "check",
            Some(crate::model::Checkworthy::No) => "no-check",
            None => "claim",
        };
        rows.push(row(
            &Item::Claim(c.clone()),
            "Claims".into(),
            tag.into(),
            links,
        ));
    }
    for orphan in &set.orphans {
        let mut orphan_row = row(
            orphan,
            "Orphans".into(),
            orphan.kind_name().into(),
            String::new(),
        );
        orphan_row.paragraph = 0;
        orphan_row.spans.clear();
        rows.push(orphan_row);
    }
    rows
}

/// The rows the panel shows: [`all_rows`] kept by the preset and by every word of the typed
/// filter. A word that names a kind (`quote`, `quotes`, …), a label (`PER`), a status
/// (`unreviewed`, `accepted`, `rejected`) or `problem(s)` keeps the rows that have it; any
/// other word keeps the rows whose text, links or note contain it. Case is ignored.
pub fn review_rows(state: &AppState) -> Rc<Vec<ReviewRow>> {
    let key = (
        state.annotations.generation(),
        state.review.query.clone(),
        state.review.preset,
    );
    if let Some((made_from, rows)) = &*state.review_memo.0.borrow()
        && *made_from == key
    {
        return Rc::clone(rows);
    }
    let rows = Rc::new(filtered_rows(state));
    *state.review_memo.0.borrow_mut() = Some((key, Rc::clone(&rows)));
    rows
}

/// The rows [`review_rows`] last gave, with the annotations' generation and the filter they
/// were made for: without it, each key in the panel of a document with 100,000 annotations
/// rebuilt every row several times.
#[derive(Debug, Default)]
pub struct RowsMemo(RefCell<Option<(MadeFrom, Rc<Vec<ReviewRow>>)>>);

/// What rows are made from: the annotations' generation, the typed filter and the preset.
type MadeFrom = (u64, String, Preset);

fn filtered_rows(state: &AppState) -> Vec<ReviewRow> {
    let panel = &state.review;
    let labels: Vec<String> = state
        .labels()
        .labels()
        .iter()
        .map(|l| l.name.to_lowercase())
        .chain(
            state
                .annotations
                .entities
                .iter()
                .map(|e| e.label.as_str().to_lowercase()),
        )
        .collect();
    let words: Vec<String> = panel
        .query
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    all_rows(state)
        .into_iter()
        .filter(|row| panel.preset.keeps(row))
        .filter(|row| words.iter().all(|w| word_keeps(w, row, &labels)))
        .collect()
}

fn word_keeps(word: &str, row: &ReviewRow, labels: &[String]) -> bool {
    match word {
        "entity" | "entities" => return row.kind == "entity",
        "quote" | "quotes" => return row.kind == "quote",
        "claim" | "claims" => return row.kind == "claim",
        "problem" | "problems" => return !row.problems.is_empty(),
        "unreviewed" | "accepted" | "rejected" => return row.status.name() == word,
        _ => {}
    }
    if labels.iter().any(|l| l == word) {
        return row.kind == "entity" && row.tag.to_lowercase() == word;
    }
    let contains = |s: &str| s.to_lowercase().contains(word);
    contains(&row.text) || contains(&row.links) || row.note.as_deref().is_some_and(contains)
}

/// The headings of `rows` with how many rows each has, in order.
pub fn group_counts(rows: &[ReviewRow]) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for row in rows {
        *counts.entry(row.group.as_str()).or_insert(0) += 1;
    }
    counts
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
            Mode::Normal | Mode::Search | Mode::List => false,
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
                };
                (ids, Item::Claim(claim))
            }
        };
        let (ids, new) = new;
        let new_id = new.id().to_owned();
        let old_id = item.id().to_owned();
        let mut edits = self.unlink_edits(&old_id);
        edits.push(Edit::Remove(item));
        edits.push(ids);
        edits.push(Edit::Insert(new));
        self.message = Some(format!("{old_id} is now {new_id}"));
        let effect = self.commit(edits);
        self.select_review_id(&new_id);
        effect
    }
}

//! Actions that change annotations: tag, link, cycle, delete, statuses, undo and redo.

use crate::model::format_compact;
use crate::model::smallvec;

use super::history::Change;
use super::{AppState, Effect, SaveStatus};
use crate::model::{
    Claim, Cue, Edit, Entity, Item, ParagraphStatus, Quote, QuoteKind, Span, Text, annotation,
    span, text_find,
};

/// Trims white space from both ends of `span` (a selection grown character by character may
/// include it); `None` when nothing but white space is left.
fn trim(doc: &crate::model::Document, span: Span) -> Option<Span> {
    let text = doc.slice(span);
    let leading = text.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    let trimmed = Span::new(span.start + leading, span.end.saturating_sub(trailing));
    (!trimmed.is_empty()).then_some(trimmed)
}

impl AppState {
    /// Records a change made of `edits`, marks the file as waiting to be saved and asks for a
    /// save.
    pub(super) fn commit(&mut self, edits: Vec<Edit>) -> Option<Effect> {
        if edits.is_empty() {
            return None;
        }
        let change = Change {
            edits,
            focus: self.focus,
            cursor: self.cursor,
        };
        let edits = change.edits.clone();
        self.history.record(&mut self.annotations, change);
        self.suggestions.apply(&self.doc, &self.annotations, &edits);
        self.save_status = SaveStatus::Pending;
        Some(Effect::Save)
    }

    /// A new id of `kind` (`e`, `q` or `c`) and the edit that advances the counters past it.
    pub(super) fn new_id(&self, kind: char) -> (Text, Edit) {
        let before = self.annotations.next_ids;
        let mut after = before;
        let counter = match kind {
            'e' => &mut after.entity,
            'q' => &mut after.quote,
            _ => &mut after.claim,
        };
        let id = format_compact!("{kind}{counter}");
        *counter += 1;
        (id, Edit::Ids { before, after })
    }

    /// The selection (or `fallback`), trimmed; clears the selection.
    fn take_target(&mut self, fallback: Option<Span>) -> Option<Span> {
        let span = self.selection.take().map(|s| s.span).or(fallback)?;
        trim(&self.doc, span)
    }

    pub(super) fn tag_entity(&mut self, number: u8) -> Option<Effect> {
        let Some(label) = self
            .labels()
            .by_number(number)
            .map(|l| Text::from(l.name.as_str()))
        else {
            self.message = Some(format!("no label {number} in the label set"));
            return None;
        };
        let suggested = self.focused_entity_suggestion();
        let fallback = suggested
            .as_ref()
            .map(|s| s.span)
            .or_else(|| self.cursor_word());
        let Some(span) = self.take_target(fallback) else {
            self.message = Some("nothing to tag here".into());
            return None;
        };
        let text = Text::from(self.doc.slice(span));
        if let Some(suggested) = suggested {
            let (id, ids) = self.new_id('e');
            let effect = self.commit(vec![
                ids,
                Edit::Insert(Item::Entity(Entity {
                    id,
                    label: label.clone(),
                    spans: smallvec![span],
                    text: text.clone(),
                    note: None,
                    review: Default::default(),
                    source: suggested.source.clone(),
                    by: Default::default(),
                    attributes: Vec::new(),
                })),
            ]);
            self.message = Some(format!("{label} “{text}”"));
            self.after_decision(&suggested);
            return effect;
        }
        let same_place = self
            .annotations
            .entities
            .iter()
            .find(|e| e.spans[..] == [span])
            .cloned();
        if let Some(existing) = same_place {
            if existing.label == label {
                self.message = Some(format!("“{text}” is already {label}"));
                return None;
            }
            self.message = Some(format!("“{text}”: {} → {label}", existing.label));
            let after = Entity {
                label,
                ..existing.clone()
            };
            return self.commit(vec![Edit::Replace {
                before: Item::Entity(existing),
                after: Item::Entity(after),
            }]);
        }
        let (id, ids) = self.new_id('e');
        self.message = Some(format!("{label} “{text}”"));
        self.commit(vec![
            ids,
            Edit::Insert(Item::Entity(Entity {
                id,
                label,
                spans: smallvec![span],
                text,
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            })),
        ])
    }

    pub(super) fn tag_quote(&mut self) -> Option<Effect> {
        let (span, kind) = match self.selection.take() {
            Some(selection) => {
                let span = trim(&self.doc, selection.span)?;
                let kind = if text_find::is_enclosed_by_marks(&self.doc, span) {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Indirect
                };
                (span, kind)
            }
            None => match text_find::quotation_around(&self.doc, self.focus, self.cursor) {
                Some(span) => (span, QuoteKind::Direct),
                None => {
                    self.message =
                        Some("no quotation marks around the cursor: select the quote (v)".into());
                    return None;
                }
            },
        };
        if self
            .annotations
            .quotes
            .iter()
            .any(|q| q.spans[..] == [span])
        {
            self.message = Some("already a quote".into());
            return None;
        }
        let (id, ids) = self.new_id('q');
        self.message = Some(format!("{kind:?} quote {id}: press a to link its speaker"));
        self.commit(vec![
            ids,
            Edit::Insert(Item::Quote(Quote {
                id,
                kind,
                spans: smallvec![span],
                text: self.doc.slice(span).into(),
                cue: None,
                speaker: None,
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            })),
        ])
    }

    pub(super) fn set_cue(&mut self) -> Option<Effect> {
        let fallback = self.cursor_word();
        let span = self.take_target(fallback)?;
        let nearest = self
            .annotations
            .quotes
            .iter()
            .filter(|q| {
                q.spans
                    .iter()
                    .any(|s| self.doc.paragraph_at(s.start) == Some(self.focus))
            })
            .min_by_key(|q| {
                let distance = span::hull(&q.spans).map_or(usize::MAX, |h| h.distance(&span));
                (q.cue.is_some(), distance)
            })
            .cloned();
        let Some(quote) = nearest else {
            self.message = Some("no quote in this paragraph to give a cue".into());
            return None;
        };
        let cue = Cue {
            spans: smallvec![span],
            text: self.doc.slice(span).into(),
        };
        self.message = Some(format!("cue “{}” for {}", cue.text, quote.id));
        let after = Quote {
            cue: Some(cue),
            ..quote.clone()
        };
        self.commit(vec![Edit::Replace {
            before: Item::Quote(quote),
            after: Item::Quote(after),
        }])
    }

    pub(super) fn tag_claim(&mut self) -> Option<Effect> {
        let fallback = self
            .quote_content_at_cursor()
            .or_else(|| self.sentence_at_cursor());
        let Some(span) = self.take_target(fallback) else {
            self.message = Some("nothing to tag here".into());
            return None;
        };
        if self
            .annotations
            .claims
            .iter()
            .any(|c| c.spans[..] == [span])
        {
            self.message = Some("already a claim".into());
            return None;
        }
        let (quote, claimant) = self.claim_source(&[span], None);
        let (id, ids) = self.new_id('c');
        self.message = Some(format!(
            "claim {id}: a links the claimant, t marks check-worthy"
        ));
        self.commit(vec![
            ids,
            Edit::Insert(Item::Claim(Claim {
                id,
                spans: smallvec![span],
                text: self.doc.slice(span).into(),
                claimant,
                quote,
                checkworthy: None,
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            })),
        ])
    }

    /// The content of the smallest quote of one fragment under the cursor: what a claim made
    /// there without a selection covers (a claim is most often what a quote reports).
    fn quote_content_at_cursor(&self) -> Option<Span> {
        let here = Span::new(self.cursor, self.cursor + 1);
        self.annotations
            .quotes_near(here)
            .iter()
            .filter(|q| q.spans.len() == 1 && q.spans[0].contains(self.cursor))
            .map(|q| q.spans[0])
            .min_by_key(Span::len)
    }

    /// The quote a claim over `spans` comes from (the smallest quote holding its first
    /// fragment, other than `except`) and that quote's speaker as claimant.
    pub(super) fn claim_source(
        &self,
        spans: &[Span],
        except: Option<&str>,
    ) -> (Option<Text>, Option<Text>) {
        let Some(span) = spans.first() else {
            return (None, None);
        };
        let source = self
            .annotations
            .quotes
            .iter()
            .filter(|q| Some(q.id.as_str()) != except)
            .filter(|q| {
                q.spans
                    .iter()
                    .any(|s| s.start <= span.start && span.end <= s.end)
            })
            .min_by_key(|q| q.spans.iter().map(Span::len).sum::<usize>());
        match source {
            Some(q) => (Some(q.id.clone()), q.speaker.clone()),
            None => (None, None),
        }
    }

    /// Direct when the fragments sit between quotation marks, else Indirect.
    pub(super) fn quote_kind_of(&self, spans: &[Span]) -> QuoteKind {
        match span::hull(spans) {
            Some(hull) if text_find::is_enclosed_by_marks(&self.doc, hull) => QuoteKind::Direct,
            _ => QuoteKind::Indirect,
        }
    }

    /// The innermost quote or claim under the cursor (a quote's cue counts).
    pub(super) fn quote_or_claim_at_cursor(&self) -> Option<Item> {
        self.annotations
            .at(self.cursor)
            .into_iter()
            .find(|i| !matches!(i, Item::Entity(_)))
    }

    pub(super) fn cycle_kind(&mut self) -> Option<Effect> {
        let Some(before) = self.quote_or_claim_at_cursor() else {
            self.message = Some("no quote or claim under the cursor".into());
            return None;
        };
        let mut after = before.clone();
        match &mut after {
            Item::Quote(q) => {
                q.kind = q.kind.next();
                self.message = Some(format!("{} is {:?}", q.id, q.kind));
            }
            Item::Claim(c) => {
                c.checkworthy = annotation::next_checkworthy(c.checkworthy);
                let shown = c.checkworthy.map_or("unset".into(), |v| format!("{v:?}"));
                self.message = Some(format!("{} check-worthy: {shown}", c.id));
            }
            Item::Entity(_) => return None,
        }
        self.commit(vec![Edit::Replace { before, after }])
    }

    /// Deletes the innermost annotation under the cursor, and the links that pointed to it.
    pub(super) fn delete_under_cursor(&mut self) -> Option<Effect> {
        let Some(item) = self.annotations.at(self.cursor).into_iter().next() else {
            self.message = Some("no annotation under the cursor".into());
            return None;
        };
        self.delete(item)
    }

    /// The edits that clear every link to `id` (speakers, claimants, source quotes, relations).
    pub(super) fn unlink_edits(&self, id: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        for quote in &self.annotations.quotes {
            if quote.speaker.as_deref() == Some(id) {
                let after = Quote {
                    speaker: None,
                    ..quote.clone()
                };
                edits.push(Edit::Replace {
                    before: Item::Quote(quote.clone()),
                    after: Item::Quote(after),
                });
            }
        }
        for claim in &self.annotations.claims {
            let claimant = claim.claimant.as_deref() == Some(id);
            let quote = claim.quote.as_deref() == Some(id);
            if claimant || quote {
                let mut after = claim.clone();
                if claimant {
                    after.claimant = None;
                }
                if quote {
                    after.quote = None;
                }
                edits.push(Edit::Replace {
                    before: Item::Claim(claim.clone()),
                    after: Item::Claim(after),
                });
            }
        }
        edits.extend(self.annotations.unrelate_edits(id));
        edits
    }

    /// Deletes `item` and the links that pointed to it, as one change.
    pub(super) fn delete(&mut self, item: Item) -> Option<Effect> {
        let id = item.id().to_owned();
        let mut edits = self.unlink_edits(&id);
        let unlinked = edits.len();
        if self.annotations.orphan(&id).is_some() {
            edits.push(Edit::RemoveOrphan(item));
        } else {
            edits.push(Edit::Remove(item));
        }
        self.message = Some(match unlinked {
            0 => format!("deleted {id}"),
            n => format!("deleted {id} and {n} link(s) to it (u undoes)"),
        });
        self.commit(edits)
    }

    /// Puts the orphan chosen in the review panel on the selection (or the word under the
    /// cursor): same id, links, note and review status; the new text is what it now covers.
    /// A quote's cue is dropped (its old place means nothing now) and the message says so.
    pub(super) fn reattach(&mut self) -> Option<Effect> {
        let Some(id) = self.reattach.clone() else {
            self.message = Some(
                "no orphan chosen: open the review panel (Tab) and press p on an orphan".into(),
            );
            return None;
        };
        let Some(orphan) = self.annotations.orphan(&id).cloned() else {
            self.reattach = None;
            return None;
        };
        let fallback = self.cursor_word();
        let Some(span) = self.take_target(fallback) else {
            self.message = Some("nothing selected to re-attach to".into());
            return None;
        };
        let text = Text::from(self.doc.slice(span));
        let mut placed = orphan.clone();
        let mut dropped_cue = false;
        match &mut placed {
            Item::Entity(e) => (e.spans, e.text) = (smallvec![span], text.clone()),
            Item::Quote(q) => {
                (q.spans, q.text) = (smallvec![span], text.clone());
                dropped_cue = q.cue.take().is_some();
            }
            Item::Claim(c) => (c.spans, c.text) = (smallvec![span], text.clone()),
        }
        self.reattach = None;
        self.message = Some(format!(
            "{id} re-attached to “{text}”{}",
            if dropped_cue {
                "; its cue was dropped: set it again (C)"
            } else {
                ""
            }
        ));
        self.commit(vec![Edit::RemoveOrphan(orphan), Edit::Insert(placed)])
    }

    pub(super) fn mark_done_next(&mut self) -> Option<Effect> {
        let count = self.annotations.paragraphs.len();
        let current = *self.annotations.paragraphs.get(self.focus)?;
        let edits = if current == ParagraphStatus::Done {
            Vec::new()
        } else {
            vec![Edit::Status {
                paragraph: self.focus,
                before: current,
                after: ParagraphStatus::Done,
            }]
        };
        let effect = if edits.is_empty() {
            None
        } else {
            self.commit(edits)
        };
        let next = (1..count)
            .map(|step| (self.focus + step) % count)
            .find(|&i| self.annotations.paragraphs[i] != ParagraphStatus::Done);
        match next {
            Some(i) => self.focus_paragraph(i),
            None => self.message = Some("every paragraph is done".into()),
        }
        self.selection = None;
        effect
    }

    /// Sets the focused paragraph's status, or back to Todo when it already has it.
    pub(super) fn toggle_status(&mut self, status: ParagraphStatus) -> Option<Effect> {
        let before = *self.annotations.paragraphs.get(self.focus)?;
        let after = if before == status {
            ParagraphStatus::Todo
        } else {
            status
        };
        self.message = Some(format!("paragraph {}: {after:?}", self.focus + 1));
        self.commit(vec![Edit::Status {
            paragraph: self.focus,
            before,
            after,
        }])
    }

    pub(super) fn undo(&mut self) -> Option<Effect> {
        let change = self.history.undo(&mut self.annotations).cloned();
        if let Some(change) = &change {
            self.suggestions
                .apply(&self.doc, &self.annotations, &change.edits);
        }
        let place = change.map(|c| (c.focus, c.cursor));
        self.after_history(place, "undone", "nothing to undo")
    }

    pub(super) fn redo(&mut self) -> Option<Effect> {
        let change = self.history.redo(&mut self.annotations).cloned();
        if let Some(change) = &change {
            self.suggestions
                .apply(&self.doc, &self.annotations, &change.edits);
        }
        let place = change.map(|c| (c.focus, c.cursor));
        self.after_history(place, "redone", "nothing to redo")
    }

    fn after_history(
        &mut self,
        place: Option<(usize, usize)>,
        done: &str,
        nothing: &str,
    ) -> Option<Effect> {
        let Some((focus, cursor)) = place else {
            self.message = Some(nothing.into());
            return None;
        };
        self.focus = focus;
        self.cursor = cursor;
        self.selection = None;
        self.message = Some(done.into());
        self.save_status = SaveStatus::Pending;
        Some(Effect::Save)
    }
}

//! Suggestions in the article: stepping through them, accepting (one or many, each time in
//! one undo step) and rejecting, and turning them on or off.

use std::collections::HashMap;

use super::{AppState, Effect};
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::{
    Claim, Cue, Edit, Entity, IdKind, Item, NextIds, Quote, Rejection, Span, Text, format_compact,
    smallvec,
};
use crate::suggest::{Proposal, Suggestion};

/// Annotations made from suggestions in one change: new ids, and the places already made
/// (so a quote accepted with its speaker links to the entity accepted before it).
struct Batch<'a> {
    state: &'a AppState,
    ids: NextIds,
    edits: Vec<Edit>,
    entities: HashMap<Span, Text>,
    quotes: HashMap<Span, Text>,
    accepted: usize,
}

impl<'a> Batch<'a> {
    fn new(state: &'a AppState) -> Self {
        Self {
            state,
            ids: state.annotations.next_ids,
            edits: Vec::new(),
            entities: HashMap::new(),
            quotes: HashMap::new(),
            accepted: 0,
        }
    }

    fn new_id(&mut self, kind: char) -> Text {
        let counter = match kind {
            'e' => &mut self.ids.entity,
            'q' => &mut self.ids.quote,
            _ => &mut self.ids.claim,
        };
        let id = format_compact!("{kind}{counter}");
        *counter += 1;
        id
    }

    /// The suggestion of `layer` at exactly `span`, if there is one.
    fn proposed(&self, layer: IdKind, span: Span) -> Option<Suggestion> {
        let p = self.state.doc.paragraph_at(span.start)?;
        self.state
            .suggestions
            .in_paragraph(p)
            .iter()
            .find(|s| s.span == span && s.what.layer() == layer)
            .cloned()
    }

    /// The id of the entity at `span`: annotated, made in this batch, or proposed there
    /// (then accepted with what links to it).
    fn entity_at(&mut self, span: Span) -> Option<Text> {
        if let Some(id) = self.entities.get(&span) {
            return Some(id.clone());
        }
        let set = &self.state.annotations;
        if let Some(e) = set
            .entities_near(span)
            .iter()
            .find(|e| e.spans[..] == [span])
        {
            return Some(e.id.clone());
        }
        let proposed = self.proposed(IdKind::Entity, span)?;
        self.accept(&proposed)
    }

    /// The id of the quote whose content is `span`, as [`entity_at`](Self::entity_at).
    fn quote_at(&mut self, span: Span) -> Option<Text> {
        if let Some(id) = self.quotes.get(&span) {
            return Some(id.clone());
        }
        let set = &self.state.annotations;
        if let Some(q) = set.quotes_near(span).iter().find(|q| q.spans[..] == [span]) {
            return Some(q.id.clone());
        }
        let proposed = self.proposed(IdKind::Quote, span)?;
        self.accept(&proposed)
    }

    /// Makes the annotation `s` proposes; its id.
    fn accept(&mut self, s: &Suggestion) -> Option<Text> {
        let doc = &self.state.doc;
        let text = Text::from(doc.slice(s.span));
        let item = match &s.what {
            Proposal::Entity { label } => {
                if let Some(id) = self.entities.get(&s.span) {
                    return Some(id.clone());
                }
                let id = self.new_id('e');
                self.entities.insert(s.span, id.clone());
                Item::Entity(Entity {
                    id,
                    label: label.clone(),
                    spans: smallvec![s.span],
                    text,
                    note: None,
                    review: Default::default(),
                    source: s.source.clone(),
                    by: Default::default(),
                    attributes: Vec::new(),
                })
            }
            Proposal::Quote { kind, cue, speaker } => {
                if let Some(id) = self.quotes.get(&s.span) {
                    return Some(id.clone());
                }
                let speaker = speaker.and_then(|at| self.entity_at(at));
                let id = self.new_id('q');
                self.quotes.insert(s.span, id.clone());
                Item::Quote(Quote {
                    id,
                    kind: *kind,
                    spans: smallvec![s.span],
                    text,
                    cue: cue.map(|at| Cue {
                        spans: smallvec![at],
                        text: doc.slice(at).into(),
                    }),
                    speaker,
                    note: None,
                    review: Default::default(),
                    source: s.source.clone(),
                    by: Default::default(),
                    attributes: Vec::new(),
                })
            }
            Proposal::Claim {
                claimant,
                quote,
                checkworthy,
            } => {
                let claimant = claimant.and_then(|at| self.entity_at(at));
                let quote = quote.and_then(|at| self.quote_at(at));
                Item::Claim(Claim {
                    id: self.new_id('c'),
                    spans: smallvec![s.span],
                    text,
                    claimant,
                    quote,
                    checkworthy: *checkworthy,
                    note: None,
                    review: Default::default(),
                    source: s.source.clone(),
                    by: Default::default(),
                    attributes: Vec::new(),
                })
            }
        };
        let id = Text::from(item.id());
        self.edits.push(Edit::Insert(item));
        self.accepted += 1;
        Some(id)
    }

    /// The edits of the batch, the id counters' advance first.
    fn finish(self) -> (Vec<Edit>, usize) {
        let before = self.state.annotations.next_ids;
        let mut edits = Vec::with_capacity(self.edits.len() + 1);
        if self.ids != before {
            edits.push(Edit::Ids {
                before,
                after: self.ids,
            });
        }
        edits.extend(self.edits);
        (edits, self.accepted)
    }
}

impl AppState {
    /// The suggestion the keys act on: the one stepped to while the cursor stays on its
    /// start, else the smallest one under the cursor.
    pub fn current_suggestion(&self) -> Option<&Suggestion> {
        if !self.suggestions.enabled() {
            return None;
        }
        let list = self.suggestions.in_paragraph(self.focus);
        if let Some((start, layer)) = self.suggestion_focus
            && start == self.cursor
            && let Some(s) = list
                .iter()
                .find(|s| s.span.start == start && s.what.layer().order() == layer)
        {
            return Some(s);
        }
        list.iter()
            .filter(|s| s.span.contains(self.cursor))
            .min_by_key(|s| (s.span.end - s.span.start, s.what.layer().order()))
    }

    fn no_suggestion_here(&self) -> String {
        let key = self.keymap.key_hint(Mode::Normal, &Action::NextSuggestion);
        format!("no suggestion here: {key} goes to the next one")
    }

    fn suggestions_off(&mut self) -> bool {
        if self.suggestions.enabled() {
            return false;
        }
        let key = self
            .keymap
            .key_hint(Mode::Normal, &Action::ToggleSuggestions);
        self.message = Some(format!("suggestions are off: {key} turns them on"));
        true
    }

    /// Moves the cursor to the next (or previous) suggestion.
    pub(super) fn step_suggestion(&mut self, forward: bool) {
        if self.suggestions_off() {
            return;
        }
        let focused = self
            .current_suggestion()
            .filter(|s| self.suggestion_focus == Some((s.span.start, s.what.layer().order())))
            .map(|s| (s.span.start, s.what.layer().order() as i8));
        let (here, layer) = focused.unwrap_or((self.cursor, -1));
        match self
            .suggestions
            .step(&self.doc, here, layer, forward)
            .cloned()
        {
            Some(s) => self.go_to_suggestion(&s),
            None => self.message = Some("no suggestion left".into()),
        }
    }

    fn go_to_suggestion(&mut self, s: &Suggestion) {
        self.selection = None;
        self.place_cursor(s.span.start);
        self.suggestion_focus = Some((s.span.start, s.what.layer().order()));
        self.message = Some(self.describe_suggestion(s));
    }

    /// One line naming a suggestion, for the status bar, with the keys that decide it.
    pub fn describe_suggestion(&self, s: &Suggestion) -> String {
        let key = |action| self.keymap.key_hint(Mode::Normal, &action);
        format!(
            "{}: {} accepts, {} rejects",
            self.name_suggestion(s),
            key(Action::AcceptSuggestion),
            key(Action::RejectSuggestion)
        )
    }

    /// A suggestion in a few words: `suggested LOC “Rusia” (gazetteer)`.
    fn name_suggestion(&self, s: &Suggestion) -> String {
        let what = match &s.what {
            Proposal::Entity { label } => format!("{label} “{}”", self.doc.slice(s.span)),
            Proposal::Quote { kind, speaker, .. } => format!(
                "{kind:?} quote{}",
                speaker.map_or(String::new(), |at| format!(" by {}", self.doc.slice(at)))
            ),
            Proposal::Claim { .. } => "claim".into(),
        };
        format!("suggested {what} ({})", s.source)
    }

    fn commit_batch(
        &mut self,
        (edits, accepted): (Vec<Edit>, usize),
        what: &str,
    ) -> Option<Effect> {
        if accepted == 0 {
            self.message = Some(format!("no suggestion {what}"));
            return None;
        }
        let plural = if accepted == 1 { "" } else { "s" };
        let effect = self.commit(edits);
        self.message = Some(format!("accepted {accepted} suggestion{plural} {what}"));
        effect
    }

    /// Accepts the suggestion under the cursor, then goes to the next.
    pub(super) fn accept_suggestion(&mut self) -> Option<Effect> {
        if self.suggestions_off() {
            return None;
        }
        let Some(s) = self.current_suggestion().cloned() else {
            self.message = Some(self.no_suggestion_here());
            return None;
        };
        let mut batch = Batch::new(self);
        batch.accept(&s);
        let done = batch.finish();
        let effect = self.commit_batch(done, "here");
        self.after_decision(&s);
        effect
    }

    /// Rejects the suggestion under the cursor, then goes to the next.
    pub(super) fn reject_suggestion(&mut self) -> Option<Effect> {
        if self.suggestions_off() {
            return None;
        }
        let Some(s) = self.current_suggestion().cloned() else {
            self.message = Some(self.no_suggestion_here());
            return None;
        };
        let rejection = Rejection {
            layer: s.what.layer(),
            label: s.what.label().map(Text::from),
            span: s.span,
            text: self.doc.slice(s.span).into(),
            source: s.source.clone(),
        };
        let effect = self.commit(vec![Edit::Dismiss(rejection)]);
        self.message = Some("rejected: not proposed there again".into());
        self.after_decision(&s);
        effect
    }

    /// After a suggestion was decided: on to the next one in reading order, if any.
    pub(super) fn after_decision(&mut self, decided: &Suggestion) {
        let layer = decided.what.layer().order();
        if let Some(next) = self
            .suggestions
            .step(&self.doc, decided.span.start, layer as i8, true)
            .cloned()
        {
            let said = self.message.take();
            self.go_to_suggestion(&next);
            if let Some(said) = said {
                self.message = Some(format!("{said} · next: {}", self.name_suggestion(&next)));
            }
        }
    }

    /// Accepts every suggestion of the focused paragraph.
    pub(super) fn accept_paragraph_suggestions(&mut self) -> Option<Effect> {
        if self.suggestions_off() {
            return None;
        }
        let all: Vec<Suggestion> = self.suggestions.in_paragraph(self.focus).to_vec();
        let mut batch = Batch::new(self);
        for layer in [IdKind::Entity, IdKind::Quote, IdKind::Claim] {
            for s in all.iter().filter(|s| s.what.layer() == layer) {
                batch.accept(s);
            }
        }
        let done = batch.finish();
        self.commit_batch(done, "in this paragraph")
    }

    /// Accepts every entity suggestion with the text and label of the one under the cursor.
    pub(super) fn accept_same_text_suggestions(&mut self) -> Option<Effect> {
        if self.suggestions_off() {
            return None;
        }
        let Some(here) = self.current_suggestion().cloned() else {
            self.message = Some(self.no_suggestion_here());
            return None;
        };
        let Proposal::Entity { label } = &here.what else {
            self.message = Some("only entity suggestions share a text".into());
            return None;
        };
        let text = self.doc.slice(here.span);
        let same: Vec<Suggestion> = self
            .suggestions
            .all()
            .filter(|s| s.what.label() == Some(label) && self.doc.slice(s.span) == text)
            .cloned()
            .collect();
        let mut batch = Batch::new(self);
        for s in &same {
            batch.accept(s);
        }
        let what = format!("of {label} “{text}” in the article");
        let done = batch.finish();
        self.commit_batch(done, &what)
    }

    /// Turns suggestions on or off.
    pub(super) fn toggle_suggestions(&mut self) {
        let on = !self.suggestions.enabled();
        self.suggestions.set_enabled(on);
        if on {
            self.suggestions.reset(&self.doc, &self.annotations);
        }
        self.message = Some(format!("suggestions {}", if on { "on" } else { "off" }));
    }

    /// The entity suggestion stepped to, while the cursor is on it and nothing is selected: a
    /// label key tags its place (with that label) rather than the word under the cursor.
    pub(super) fn focused_entity_suggestion(&self) -> Option<Suggestion> {
        let s = self.current_suggestion()?;
        let focused =
            self.suggestion_focus == Some((s.span.start, 0)) && s.span.start == self.cursor;
        (focused && s.what.layer() == IdKind::Entity && self.selection.is_none()).then(|| s.clone())
    }
}

#[cfg(test)]
mod tests;

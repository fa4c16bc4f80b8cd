//! Attributes and relations edited by key: on the annotation under the cursor or the review
//! panel's row, a one-line prompt (the note prompt's line, with its own lead-in) says what
//! to add, change or delete; the change is one undoable step.

use super::super::{AppState, Effect};
use crate::keymap::Mode;
use crate::model::{Attribute, Edit, Item, Relation, Text, attributes, format_compact, relation};

/// What the open prompt edits, when it is not a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// An attribute of annotation `id`: `name`, `name=value`, or `-name`.
    Attribute(String),
    /// A new relation from annotation `id`: `KIND TO-ID`.
    NewRelation(String),
    /// The kind of relation `id`.
    RelationKind(String),
    /// The note of relation `id`.
    RelationNote(String),
}

impl Pending {
    /// The prompt's lead-in.
    pub fn lead(&self) -> &'static str {
        match self {
            Pending::Attribute(_) => "attribute (name, name=value, -name): ",
            Pending::NewRelation(_) => "relation (KIND TO-ID): ",
            Pending::RelationKind(_) => "relation kind: ",
            Pending::RelationNote(_) => "relation note: ",
        }
    }
}

impl AppState {
    fn open_pending(&mut self, pending: Pending, text: String) {
        self.prompt = text;
        self.review.pending = Some(pending);
        self.enter_overlay(Mode::Note);
    }

    /// Opens the attribute prompt on `item`.
    pub(in crate::state) fn start_attribute_for(&mut self, item: &Item) {
        self.open_pending(Pending::Attribute(item.id().to_owned()), String::new());
    }

    /// Opens the relation prompt from `item`.
    pub(in crate::state) fn start_relation_for(&mut self, item: &Item) {
        self.open_pending(Pending::NewRelation(item.id().to_owned()), String::new());
    }

    /// Opens the kind prompt (or, for a note, the note prompt) of relation `id`.
    pub(in crate::state) fn start_relation_edit(&mut self, id: &str, note: bool) {
        let Some(r) = self.annotations.relation(id) else {
            return;
        };
        let (pending, text) = if note {
            let text = r.note.as_deref().unwrap_or_default().to_owned();
            (Pending::RelationNote(id.to_owned()), text)
        } else {
            (Pending::RelationKind(id.to_owned()), r.kind.to_string())
        };
        self.open_pending(pending, text);
    }

    /// The attribute prompt on the annotation under the cursor.
    pub(in crate::state) fn start_attribute(&mut self) {
        match self.annotations.at(self.cursor).into_iter().next() {
            Some(item) => self.start_attribute_for(&item),
            None => self.message = Some("no annotation under the cursor".into()),
        }
    }

    /// The relation prompt from the annotation under the cursor.
    pub(in crate::state) fn start_relation(&mut self) {
        match self.annotations.at(self.cursor).into_iter().next() {
            Some(item) => self.start_relation_for(&item),
            None => self.message = Some("no annotation under the cursor".into()),
        }
    }

    /// Deletes relation `id` (one undoable step).
    pub(in crate::state) fn delete_relation(&mut self, id: &str) -> Option<Effect> {
        let r = self.annotations.relation(id)?.clone();
        self.message = Some(format!("deleted relation {id} ({})", r.kind));
        self.commit(vec![Edit::Unrelate(r)])
    }

    /// Applies what was typed in the prompt `pending` opened.
    pub(in crate::state) fn finish_pending(
        &mut self,
        pending: Pending,
        typed: &str,
    ) -> Option<Effect> {
        let typed = typed.trim();
        match pending {
            Pending::Attribute(id) => self.edit_attribute(&id, typed),
            Pending::NewRelation(from) => self.add_relation(&from, typed),
            Pending::RelationKind(id) | Pending::RelationNote(id)
                if self.annotations.relation(&id).is_none() =>
            {
                None
            }
            Pending::RelationKind(id) => {
                let before = self.annotations.relation(&id)?.clone();
                if typed.is_empty() || typed.contains(char::is_whitespace) {
                    self.message = Some("a relation kind is one word".into());
                    return None;
                }
                let after = Relation {
                    kind: typed.into(),
                    ..before.clone()
                };
                self.replace_relation(before, after)
            }
            Pending::RelationNote(id) => {
                let before = self.annotations.relation(&id)?.clone();
                let note = (!typed.is_empty()).then(|| Text::from(typed));
                let after = Relation {
                    note,
                    ..before.clone()
                };
                self.replace_relation(before, after)
            }
        }
    }

    fn replace_relation(&mut self, before: Relation, after: Relation) -> Option<Effect> {
        if before == after {
            return None;
        }
        self.message = Some(format!("relation {}: {}", after.id, after.kind));
        let id = after.id.to_string();
        let effect = self.commit(vec![Edit::Unrelate(before), Edit::Relate(after)]);
        self.select_review_id(&id);
        effect
    }

    fn edit_attribute(&mut self, id: &str, typed: &str) -> Option<Effect> {
        let before = self.annotations.get(id)?;
        let mut after = before.clone();
        let list = after.attributes_mut();
        if let Some(name) = typed.strip_prefix('-') {
            if attributes::remove(list, name.trim()).is_none() {
                self.message = Some(format!("{id} has no attribute {:?}", name.trim()));
                return None;
            }
            self.message = Some(format!("{id}: attribute {} deleted", name.trim()));
        } else {
            let (name, value) = match typed.split_once('=') {
                Some((name, value)) => (name.trim(), Some(Text::from(value.trim()))),
                None => (typed, None),
            };
            if name.is_empty() {
                self.message = Some("an attribute needs a name".into());
                return None;
            }
            let attribute = Attribute {
                name: name.into(),
                value,
            };
            self.message = Some(format!("{id}: {}", attribute.display()));
            attributes::set(list, attribute);
        }
        if after == before {
            return None;
        }
        self.commit(vec![Edit::Replace { before, after }])
    }

    fn add_relation(&mut self, from: &str, typed: &str) -> Option<Effect> {
        let words: Vec<&str> = typed.split_whitespace().collect();
        let [kind, to] = words[..] else {
            self.message =
                Some("type the relation's kind and the id it goes to: KIND TO-ID".into());
            return None;
        };
        if self.annotations.get(to).is_none() && self.annotations.orphan(to).is_none() {
            self.message = Some(format!("{to} is not the id of an annotation"));
            return None;
        }
        let before = self.annotations.next_ids;
        let mut after = before;
        let id = format_compact!("{}{}", relation::PREFIX, after.relation);
        after.relation += 1;
        let r = Relation {
            id: id.clone(),
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
            note: None,
        };
        self.message = Some(format!("relation {id}: {from} {kind} → {to}"));
        let effect = self.commit(vec![Edit::Ids { before, after }, Edit::Relate(r)]);
        if self.mode == Mode::Review {
            self.select_review_id(&id);
        }
        effect
    }
}

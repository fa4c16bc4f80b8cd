//! The entity picker used to link a quote's speaker or a claim's claimant.

use crate::model::{AnnotationSet, Document, Span, Text};

/// One entity the user can pick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickerEntry {
    /// Entity id.
    pub id: Text,
    /// Entity label.
    pub label: Text,
    /// Entity text.
    pub text: Text,
    /// 1-based paragraph number where this mention is.
    pub paragraph: usize,
}

/// The open picker: whose link is being set, the filter typed so far and the highlighted row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// Id of the quote or claim being linked.
    pub target: String,
    /// Every candidate, nearest to the target first, one per distinct (label, text).
    pub entries: Vec<PickerEntry>,
    /// Text typed to filter.
    pub query: String,
    /// Index of the highlighted row among the visible entries.
    pub selected: usize,
}

impl Picker {
    /// A picker for `target`, whose spans are `near`: the document's entities, nearest first,
    /// keeping only the nearest mention of each distinct label and text.
    pub fn new(target: &str, near: &[Span], set: &AnnotationSet, doc: &Document) -> Self {
        let anchor = crate::model::span::hull(near).unwrap_or_default();
        let mut candidates: Vec<(usize, &crate::model::Entity)> = set
            .entities
            .iter()
            .map(|e| {
                let hull = crate::model::span::hull(&e.spans).unwrap_or_default();
                (hull.distance(&anchor), e)
            })
            .collect();
        candidates.sort_by_key(|(d, e)| (*d, e.spans.first().map_or(0, |s| s.start)));
        let mut entries: Vec<PickerEntry> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (_, e) in candidates {
            if !seen.insert((e.label.as_str(), e.text.as_str().to_lowercase())) {
                continue;
            }
            let start = e.spans.first().map_or(0, |s| s.start);
            entries.push(PickerEntry {
                id: e.id.clone(),
                label: e.label.clone(),
                text: e.text.clone(),
                paragraph: doc.paragraph_at(start).map_or(0, |p| p + 1),
            });
        }
        Self {
            target: target.to_owned(),
            entries,
            query: String::new(),
            selected: 0,
        }
    }

    /// Entries matching the typed filter (case-insensitive, on text or label).
    pub fn visible(&self) -> Vec<&PickerEntry> {
        let q = self.query.to_lowercase();
        self.entries
            .iter()
            .filter(|e| {
                q.is_empty()
                    || e.text.as_str().to_lowercase().contains(&q)
                    || e.label.as_str().to_lowercase() == q
            })
            .collect()
    }

    /// The highlighted entry.
    pub fn current(&self) -> Option<&PickerEntry> {
        self.visible().get(self.selected).copied()
    }

    /// Moves the highlight by `delta` rows, staying in the list.
    pub fn step(&mut self, delta: isize) {
        let len = self.visible().len();
        if len == 0 {
            self.selected = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
    }
}

//! The entity label set: names, colours and descriptions, defined in the keymap file.

use serde::{Deserialize, Serialize};

/// One entity label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Short name written to the annotation file and exports (`PER`).
    pub name: String,
    /// Colour name (`lightblue`, `#ff8800`, …) used to draw the label's entities.
    pub color: String,
    /// What the label is for, shown in the help.
    pub description: String,
}

/// The ordered label set: the action `TagEntity(n)` tags with the n-th label (1-based).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LabelSet {
    labels: Vec<Label>,
}

impl LabelSet {
    /// A label set in this order.
    pub fn new(labels: Vec<Label>) -> Self {
        Self { labels }
    }

    /// The n-th label, 1-based as on the keyboard.
    pub fn by_number(&self, number: u8) -> Option<&Label> {
        self.labels.get(usize::from(number).checked_sub(1)?)
    }

    /// The label with this name.
    pub fn by_name(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// All labels in order.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }
}

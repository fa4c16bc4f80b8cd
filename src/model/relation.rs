//! Relations: a typed, directed link between two annotations (`r1: Cause e3 → e7`), beyond
//! tandai's own speaker, cue, claimant and source links, with an id of its own.

use serde::{Deserialize, Serialize};

use super::annotation::Text;

/// The letter relation ids start with (`r1`, `r2`, …).
pub const PREFIX: char = 'r';

/// A typed link from one annotation to another.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Stable id (`r1`, …), never reused after a delete.
    pub id: Text,
    /// Its type (`Cause`, `Part-of`, …).
    pub kind: Text,
    /// The annotation it starts from (an entity, quote or claim id).
    pub from: Text,
    /// The annotation it points to.
    pub to: Text,
    /// A free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Relation {
    /// Whether it starts or ends at annotation `id`.
    pub fn touches(&self, id: &str) -> bool {
        self.from == id || self.to == id
    }
}

/// The number of a well-formed relation id (`r12` → 12).
pub fn number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix(PREFIX)?;
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    plain.then(|| digits.parse().ok()).flatten()
}

/// The stable order of relations: by id number.
pub fn order_key(r: &Relation) -> (u64, &str) {
    (number(&r.id).unwrap_or(u64::MAX), &r.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_r_and_a_number() {
        assert_eq!(number("r12"), Some(12));
        assert_eq!(number("r"), None);
        assert_eq!(number("r01"), None);
        assert_eq!(number("e1"), None);
        assert_eq!(number("r1x"), None);
    }
}

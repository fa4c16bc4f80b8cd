//! The counts of what two parties' matched annotations carry beyond their spans: relations
//! (a relation of one party matches one of the other when both ends are annotations matched
//! by overlap, in the same direction, and the kind is the same) and attributes (per name, the
//! values the two sides of each matched pair give).

use std::collections::{BTreeMap, HashMap};

use crate::model::{AnnotationSet, Attribute, Text};

use super::stats::{Confusion, Counts};

/// The value of an attribute a matched annotation lacks.
pub const ABSENT: &str = "(absent)";
/// The value of an attribute that is a flag (a name without value).
pub const FLAG: &str = "(flag)";

/// The relations and attributes of two parties in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkCounts {
    /// Per relation kind: the relations of each side and the pairs matched.
    pub relations: BTreeMap<Text, Counts>,
    /// Per attribute name, over the matched pairs where at least one side has it: the value
    /// each side gives ([`ABSENT`], [`FLAG`] or the value).
    pub attributes: BTreeMap<Text, Confusion>,
}

impl LinkCounts {
    /// What the relations and attributes add to a document's share of identical twins
    /// ([`DocumentReport::differing`](super::DocumentReport::differing)), as the figures count
    /// them: twice the relations matched, of the relations of both sides; and twice the
    /// attribute values the two sides of a matched pair give alike, of the values compared on
    /// both sides (per name, the pairs where at least one side has it).
    pub fn identical(&self) -> (u64, u64) {
        let mut same = 0;
        let mut all = 0;
        for c in self.relations.values() {
            same += 2 * c.matched;
            all += c.a + c.b;
        }
        for table in self.attributes.values() {
            for ((x, y), n) in table {
                same += if x == y { 2 * n } else { 0 };
                all += 2 * n;
            }
        }
        (same, all)
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &LinkCounts) {
        for (kind, c) in &other.relations {
            self.relations.entry(kind.clone()).or_default().add(*c);
        }
        for (name, table) in &other.attributes {
            super::stats::add_confusion(self.attributes.entry(name.clone()).or_default(), table);
        }
    }
}

/// The counts of parties `a` and `b`, whose annotations `matched` (ids of `a`, ids of `b`,
/// one to one, every layer) were matched by overlap.
pub fn compare(a: &AnnotationSet, b: &AnnotationSet, matched: &[(Text, Text)]) -> LinkCounts {
    LinkCounts {
        relations: relations(a, b, matched),
        attributes: attributes(a, b, matched),
    }
}

fn relations(
    a: &AnnotationSet,
    b: &AnnotationSet,
    matched: &[(Text, Text)],
) -> BTreeMap<Text, Counts> {
    let mut counts: BTreeMap<Text, Counts> = BTreeMap::new();
    for r in &a.relations {
        counts.entry(r.kind.clone()).or_default().a += 1;
    }
    // The relations of b by (kind, from, to), each usable once.
    let mut open: HashMap<(&str, &str, &str), u64> = HashMap::new();
    for r in &b.relations {
        counts.entry(r.kind.clone()).or_default().b += 1;
        *open
            .entry((r.kind.as_str(), r.from.as_str(), r.to.as_str()))
            .or_default() += 1;
    }
    let twin: HashMap<&str, &str> = matched
        .iter()
        .map(|(x, y)| (x.as_str(), y.as_str()))
        .collect();
    for r in &a.relations {
        let (Some(from), Some(to)) = (twin.get(r.from.as_str()), twin.get(r.to.as_str())) else {
            continue;
        };
        if let Some(left) = open.get_mut(&(r.kind.as_str(), *from, *to))
            && *left > 0
        {
            *left -= 1;
            if let Some(c) = counts.get_mut(&r.kind) {
                c.matched += 1;
            }
        }
    }
    counts
}

/// The attributes of annotation `id` of `set` (none for an id it lacks).
fn attributes_of<'a>(set: &'a AnnotationSet, id: &str) -> &'a [Attribute] {
    if let Some(e) = set.entity(id) {
        &e.attributes
    } else if let Some(q) = set.quote(id) {
        &q.attributes
    } else if let Some(c) = set.claims.iter().find(|c| c.id == id) {
        &c.attributes
    } else {
        &[]
    }
}

fn value(attribute: Option<&Attribute>) -> Text {
    match attribute {
        None => Text::from(ABSENT),
        Some(Attribute { value: None, .. }) => Text::from(FLAG),
        Some(Attribute { value: Some(v), .. }) => v.clone(),
    }
}

fn attributes(
    a: &AnnotationSet,
    b: &AnnotationSet,
    matched: &[(Text, Text)],
) -> BTreeMap<Text, Confusion> {
    let mut tables: BTreeMap<Text, Confusion> = BTreeMap::new();
    for (x, y) in matched {
        let (left, right) = (attributes_of(a, x), attributes_of(b, y));
        let mut names: Vec<&Text> = left.iter().chain(right).map(|at| &at.name).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let find = |list: &'_ [Attribute]| list.iter().find(|at| at.name == *name).cloned();
            let key = (value(find(left).as_ref()), value(find(right).as_ref()));
            *tables
                .entry(name.clone())
                .or_default()
                .entry(key)
                .or_default() += 1;
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Entity, Relation, Span, smallvec};

    fn entity(id: &str, doc: &Document, start: usize, end: usize, attrs: &[Attribute]) -> Entity {
        Entity {
            by: Default::default(),
            id: id.into(),
            label: "PER".into(),
            spans: smallvec![Span::new(start, end)],
            text: doc.slice(Span::new(start, end)).into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            attributes: attrs.to_vec(),
        }
    }

    fn relation(id: &str, kind: &str, from: &str, to: &str) -> Relation {
        Relation {
            id: id.into(),
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
            note: None,
        }
    }

    #[test]
    fn relations_match_through_matched_ends_and_kind() {
        let doc = Document::new("Dewi dan Budi dan Ani.");
        let mut a = AnnotationSet::new(1);
        a.entities = vec![
            entity("e1", &doc, 0, 4, &[]),
            entity("e2", &doc, 9, 13, &[]),
            entity("e3", &doc, 18, 21, &[]),
        ];
        a.relations = vec![
            relation("r1", "Knows", "e1", "e2"),
            relation("r2", "Knows", "e2", "e3"),
        ];
        let mut b = AnnotationSet::new(1);
        b.entities = vec![
            entity("e7", &doc, 0, 4, &[]),
            entity("e8", &doc, 9, 13, &[]),
        ];
        // Same ends, same kind; the reverse direction; another kind.
        b.relations = vec![
            relation("r1", "Knows", "e7", "e8"),
            relation("r2", "Knows", "e8", "e7"),
            relation("r3", "Likes", "e7", "e8"),
        ];
        let matched = [("e1".into(), "e7".into()), ("e2".into(), "e8".into())];
        let counts = compare(&a, &b, &matched);
        let c = |matched, a, b| Counts { matched, a, b };
        assert_eq!(counts.relations["Knows"], c(1, 2, 2));
        assert_eq!(counts.relations["Likes"], c(0, 0, 1));
    }

    #[test]
    fn attribute_values_of_matched_pairs() {
        let doc = Document::new("Dewi dan Budi dan Ani.");
        let neg = Attribute::flag("Negated");
        let cat = |v: &str| Attribute::valued("Category", v);
        let mut a = AnnotationSet::new(1);
        a.entities = vec![
            entity("e1", &doc, 0, 4, &[cat("x"), neg.clone()]),
            entity("e2", &doc, 9, 13, &[cat("y")]),
            entity("e3", &doc, 18, 21, &[]),
        ];
        let mut b = a.clone();
        b.entities[0].attributes = vec![cat("x")];
        b.entities[1].attributes = vec![cat("z")];
        let matched: Vec<(Text, Text)> = ["e1", "e2", "e3"]
            .iter()
            .map(|id| (Text::from(*id), Text::from(*id)))
            .collect();
        let counts = compare(&a, &b, &matched);
        let t = |x: &str, y: &str| (Text::from(x), Text::from(y));
        let category: Confusion = [(t("x", "x"), 1), (t("y", "z"), 1)].into_iter().collect();
        assert_eq!(counts.attributes["Category"], category);
        let negated: Confusion = [(t(FLAG, ABSENT), 1)].into_iter().collect();
        assert_eq!(counts.attributes["Negated"], negated);
    }
}

//! Attributes of an annotation: a name with a value (`Category = SpecificDisease`) or a flag
//! (`Negated`, no value), as brat's `A`/`M` lines, doccano's and Label Studio's extra fields
//! hold them. An annotation's attributes are sorted by name, each name once.

use serde::{Deserialize, Serialize};

use super::annotation::Text;

/// One attribute of an annotation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// Its name (`Negated`, `Category`).
    pub name: Text,
    /// Its value; none for a flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Text>,
}

impl Attribute {
    /// A flag: an attribute without a value.
    pub fn flag(name: impl Into<Text>) -> Self {
        Self {
            name: name.into(),
            value: None,
        }
    }

    /// An attribute with a value.
    pub fn valued(name: impl Into<Text>, value: impl Into<Text>) -> Self {
        Self {
            name: name.into(),
            value: Some(value.into()),
        }
    }

    /// `name` for a flag, `name=value` otherwise (as the review panel shows it).
    pub fn display(&self) -> String {
        match &self.value {
            Some(v) => format!("{}={v}", self.name),
            None => self.name.to_string(),
        }
    }
}

/// The attribute named `name` in a sorted list.
pub fn get<'a>(list: &'a [Attribute], name: &str) -> Option<&'a Attribute> {
    list.binary_search_by(|a| a.name.as_str().cmp(name))
        .ok()
        .map(|at| &list[at])
}

/// Puts `attribute` in the sorted list, replacing the one of its name; returns the one it
/// replaced.
pub fn set(list: &mut Vec<Attribute>, attribute: Attribute) -> Option<Attribute> {
    match list.binary_search_by(|a| a.name.cmp(&attribute.name)) {
        Ok(at) => Some(std::mem::replace(&mut list[at], attribute)),
        Err(at) => {
            list.insert(at, attribute);
            None
        }
    }
}

/// Removes the attribute named `name` from the sorted list; returns it.
pub fn remove(list: &mut Vec<Attribute>, name: &str) -> Option<Attribute> {
    let at = list.binary_search_by(|a| a.name.as_str().cmp(name)).ok()?;
    Some(list.remove(at))
}

/// The first name given twice or out of order in `list`, if any (the file's rule: sorted by
/// name, each name once).
pub fn misplaced(list: &[Attribute]) -> Option<&Attribute> {
    list.windows(2)
        .find(|w| w[0].name >= w[1].name)
        .map(|w| &w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_keeps_names_sorted_and_unique() {
        let mut list = Vec::new();
        assert_eq!(set(&mut list, Attribute::flag("b")), None);
        assert_eq!(set(&mut list, Attribute::valued("a", "1")), None);
        let old = set(&mut list, Attribute::valued("b", "2"));
        assert_eq!(old, Some(Attribute::flag("b")));
        assert_eq!(
            list,
            [Attribute::valued("a", "1"), Attribute::valued("b", "2")]
        );
        assert_eq!(misplaced(&list), None);
        assert_eq!(get(&list, "b").unwrap().display(), "b=2");
        assert_eq!(remove(&mut list, "a"), Some(Attribute::valued("a", "1")));
        assert_eq!(remove(&mut list, "a"), None);
        let bad = [Attribute::flag("x"), Attribute::flag("x")];
        assert_eq!(misplaced(&bad), Some(&bad[1]));
    }
}

//! Who made an annotation: the annotators whose versions it was taken from when their
//! differences were settled (adjudication). Written in the annotation file as
//! `by: ["alice", "budi"]`; an annotation nobody settled writes nothing.

use serde::{Deserialize, Serialize};

use super::annotation::Text;

/// The annotators who made an annotation, in the order given (adjudication gives them in the
/// order of the annotators' names); empty for an annotation typed or accepted in the file
/// itself. Two words: an empty list allocates nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct By(Box<[Text]>);

impl By {
    /// The annotators `names`, in order, each once.
    pub fn new<T: Into<Text>>(names: impl IntoIterator<Item = T>) -> By {
        let mut list: Vec<Text> = Vec::new();
        for name in names {
            let name = name.into();
            if !list.contains(&name) {
                list.push(name);
            }
        }
        By(list.into_boxed_slice())
    }

    /// The names as read, repeats included (for validation).
    pub fn from_vec(names: Vec<Text>) -> By {
        By(names.into_boxed_slice())
    }

    /// The annotators' names.
    pub fn names(&self) -> &[Text] {
        &self.0
    }

    /// Whether no annotator is named (the field is then not written).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kept_once_in_order_and_written_as_a_list() {
        let by = By::new(["budi", "alice", "budi"]);
        assert_eq!(by.names(), ["budi", "alice"]);
        assert_eq!(ron::to_string(&by).unwrap(), r#"["budi","alice"]"#);
        assert_eq!(ron::from_str::<By>(r#"["budi", "alice"]"#).unwrap(), by);
        assert!(By::default().is_empty());
        assert_eq!(std::mem::size_of::<By>(), 16);
    }
}

//! A true conflict a three-way merge of annotation sets could not settle: what it is about,
//! the base, ours and theirs versions, and why. Recorded in the set (and its file) until
//! someone settles it by taking a version.

use super::annotation::{Item, ParagraphStatus, Text};
use super::edit::Edit;
use super::id;
use super::set::AnnotationSet;

/// What a conflict is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum About {
    /// The annotation with this id (live, or not in the set when every version taken left it
    /// out).
    Annotation(Text),
    /// The status of the paragraph with this index.
    Paragraph(usize),
}

impl About {
    /// The order conflicts are kept in: annotations by kind and number, then paragraphs.
    fn key(&self) -> (u8, u64, &str) {
        match self {
            About::Annotation(id) => {
                let kind = id::parse(id).map_or(3, |(k, _)| k.order());
                (kind, id::sort_number(id), id)
            }
            About::Paragraph(n) => (4, *n as u64, ""),
        }
    }
}

/// One side's version of the thing a conflict is about.
// Most versions are annotations; boxing them would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Version {
    /// A whole annotation.
    Item(Item),
    /// A paragraph's status.
    Status(ParagraphStatus),
}

impl Version {
    /// The annotation, when this version is one.
    pub fn item(&self) -> Option<&Item> {
        match self {
            Version::Item(item) => Some(item),
            Version::Status(_) => None,
        }
    }
}

/// The side whose version settles a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The common ancestor.
    Base,
    /// The side the merge was made on (git's `%A`).
    Ours,
    /// The side merged in (git's `%B`).
    Theirs,
}

/// A change both sides of a merge made differently, kept with every version.
///
/// `None` for a version means the thing did not exist on that side (created by the others, or
/// deleted). The set holds ours where both changed (or the changed one where one side deleted
/// it), so the file loads and is used as it is until the conflict is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// What the conflict is about.
    pub about: About,
    /// Why it could not be settled, e.g. `relabelled two ways`.
    pub reason: Text,
    /// The common ancestor's version.
    pub base: Option<Version>,
    /// Our version.
    pub ours: Option<Version>,
    /// Their version.
    pub theirs: Option<Version>,
}

/// Why a conflict cannot be settled with the version asked for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettleError {
    /// The set holds no such conflict.
    #[error("no such conflict is recorded")]
    NotRecorded,
    /// The version taken links to an annotation the set does not have.
    #[error("{id}: {target} is not in the annotations (settle its conflict first)")]
    Dangling {
        /// The annotation taken.
        id: String,
        /// The id it links to.
        target: String,
    },
    /// Removing the annotation would leave links to it.
    #[error("{id} is still linked from {from}")]
    StillLinked {
        /// The annotation left out.
        id: String,
        /// An annotation that links to it.
        from: String,
    },
    /// A paragraph conflict settled with no status, or an annotation one with a status.
    #[error("that version does not fit what the conflict is about")]
    Mismatch,
}

impl Conflict {
    /// The version of `side`.
    pub fn version(&self, side: Side) -> Option<&Version> {
        match side {
            Side::Base => self.base.as_ref(),
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }

    /// The canonical order of recorded conflicts (about, then the whole value), so that a set
    /// saves deterministically whichever way its conflicts came.
    pub(super) fn order(a: &Conflict, b: &Conflict) -> std::cmp::Ordering {
        a.about
            .key()
            .cmp(&b.about.key())
            .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
    }

    /// The edits that settle this conflict of `set` by taking `side`'s version: the annotation
    /// (or status) becomes that version, then the record goes. Undoable like any change.
    pub fn settle(&self, set: &AnnotationSet, side: Side) -> Result<Vec<Edit>, SettleError> {
        if !set.conflicts.contains(self) {
            return Err(SettleError::NotRecorded);
        }
        let taken = self.version(side);
        let mut edits = Vec::new();
        match &self.about {
            About::Paragraph(paragraph) => {
                let Some(Version::Status(after)) = taken else {
                    return Err(SettleError::Mismatch);
                };
                let before = *set
                    .paragraphs
                    .get(*paragraph)
                    .ok_or(SettleError::Mismatch)?;
                if before != *after {
                    edits.push(Edit::Status {
                        paragraph: *paragraph,
                        before,
                        after: *after,
                    });
                }
            }
            About::Annotation(id) => {
                let after = match taken {
                    Some(Version::Item(item)) if item.id() == id.as_str() => Some(item.clone()),
                    None => None,
                    Some(_) => return Err(SettleError::Mismatch),
                };
                if let Some(item) = &after
                    && let Some(target) = super::rebase::links(item)
                        .into_iter()
                        .find(|l| *l != id.as_str() && set.get(l).is_none())
                {
                    return Err(SettleError::Dangling {
                        id: id.to_string(),
                        target: target.to_owned(),
                    });
                }
                match (set.get(id), after) {
                    (Some(before), Some(after)) if before != after => {
                        edits.push(Edit::Replace { before, after })
                    }
                    (None, Some(after)) => edits.push(Edit::Insert(after)),
                    (Some(before), None) => {
                        if let Some(from) = set
                            .items()
                            .find(|x| super::rebase::links(x).contains(&id.as_str()))
                        {
                            return Err(SettleError::StillLinked {
                                id: id.to_string(),
                                from: from.id().to_owned(),
                            });
                        }
                        edits.push(Edit::Remove(before));
                    }
                    _ => {}
                }
            }
        }
        edits.push(Edit::Settle(self.clone()));
        Ok(edits)
    }
}

/// The conflicts of a set on an article that changed (of `old_chars` characters before): each
/// version's annotation placed on the new text as annotations are
/// ([`reanchor`](super::reanchor::reanchor)). A conflict with a version whose text is no longer
/// in the article, or about a paragraph it no longer has, is dropped (what the set holds is
/// kept, as orphans if need be; the record cannot be);
/// returns the conflicts kept and how many were dropped.
pub fn reanchored(
    doc: &super::Document,
    conflicts: &[Conflict],
    old_chars: usize,
) -> (Vec<Conflict>, usize) {
    let mut kept = Vec::new();
    let mut dropped = 0;
    for conflict in conflicts {
        let mut placed = conflict.clone();
        let mut fits =
            !matches!(conflict.about, About::Paragraph(n) if n >= doc.paragraphs().len());
        for version in [&mut placed.base, &mut placed.ours, &mut placed.theirs] {
            if let Some(Version::Item(item)) = version {
                let mut done = super::reanchor::reanchor(doc, vec![item.clone()], old_chars);
                match done.placed.pop() {
                    Some(new) => *item = new,
                    None => fits = false,
                }
            }
        }
        if fits {
            kept.push(placed);
        } else {
            dropped += 1;
        }
    }
    (kept, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Quote, QuoteKind, Span, smallvec};

    fn entity(id: &str, label: &str) -> Item {
        Item::Entity(Entity {
            by: Default::default(),
            id: id.into(),
            label: label.into(),
            spans: smallvec![Span::new(0, 5)],
            text: "Seoul".into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            attributes: Vec::new(),
        })
    }

    fn relabelled() -> Conflict {
        Conflict {
            about: About::Annotation("e1".into()),
            reason: "relabelled two ways".into(),
            base: Some(Version::Item(entity("e1", "LOC"))),
            ours: Some(Version::Item(entity("e1", "GPE"))),
            theirs: Some(Version::Item(entity("e1", "ORG"))),
        }
    }

    fn with_conflict() -> (AnnotationSet, Conflict) {
        let mut set = AnnotationSet::new(1);
        set.apply(&Edit::Insert(entity("e1", "GPE")));
        set.next_ids.entity = 2;
        let conflict = relabelled();
        set.apply(&Edit::Record(conflict.clone()));
        (set, conflict)
    }

    #[test]
    fn settling_takes_a_version_and_drops_the_record_and_undoes() {
        let (set, conflict) = with_conflict();
        assert_eq!(set.conflicts(), std::slice::from_ref(&conflict));
        let edits = conflict.settle(&set, Side::Theirs).unwrap();
        let mut settled = set.clone();
        for edit in &edits {
            settled.apply(edit);
        }
        assert_eq!(settled.entity("e1").unwrap().label, "ORG");
        assert!(settled.conflicts().is_empty());
        for edit in edits.iter().rev() {
            settled.apply(&edit.inverse());
        }
        assert_eq!(settled, set);
        // Ours is what the set holds: settling with it only drops the record.
        assert_eq!(
            conflict.settle(&set, Side::Ours).unwrap(),
            [Edit::Settle(conflict.clone())]
        );
        assert_eq!(
            conflict.settle(&settled_without(&set, &conflict), Side::Ours),
            Err(SettleError::NotRecorded)
        );
    }

    fn settled_without(set: &AnnotationSet, conflict: &Conflict) -> AnnotationSet {
        let mut set = set.clone();
        set.apply(&Edit::Settle(conflict.clone()));
        set
    }

    #[test]
    fn a_version_that_would_leave_a_link_dangling_is_refused() {
        let (mut set, conflict) = with_conflict();
        set.apply(&Edit::Insert(Item::Quote(Quote {
            by: Default::default(),
            id: "q1".into(),
            kind: QuoteKind::Direct,
            spans: smallvec![Span::new(6, 8)],
            text: "ab".into(),
            cue: None,
            speaker: Some("e1".into()),
            note: None,
            review: Default::default(),
            source: Default::default(),
            attributes: Vec::new(),
        })));
        let deleted = Conflict {
            theirs: None,
            ..conflict
        };
        set.apply(&Edit::Record(deleted.clone()));
        assert!(matches!(
            deleted.settle(&set, Side::Theirs),
            Err(SettleError::StillLinked { .. })
        ));
    }

    #[test]
    fn conflicts_keep_one_order_whatever_order_they_come_in() {
        let (set, first) = with_conflict();
        let paragraph = Conflict {
            about: About::Paragraph(0),
            reason: "status changed two ways".into(),
            base: Some(Version::Status(ParagraphStatus::Todo)),
            ours: Some(Version::Status(ParagraphStatus::Done)),
            theirs: Some(Version::Status(ParagraphStatus::Flagged)),
        };
        let mut a = set.clone();
        a.apply(&Edit::Record(paragraph.clone()));
        let mut b = settled_without(&set, &first);
        b.apply(&Edit::Record(paragraph.clone()));
        b.apply(&Edit::Record(first.clone()));
        assert_eq!(a, b);
        assert_eq!(a.conflicts(), [first, paragraph]);
    }
}

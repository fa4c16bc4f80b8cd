use super::*;
use crate::model::{Entity, Quote, QuoteKind, Span, smallvec};

fn entity(id: &str, start: usize, text: &str) -> Item {
    Item::Entity(Entity {
        id: id.into(),
        label: "LOC".into(),
        spans: smallvec![Span::new(start, start + text.chars().count())],
        text: text.into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })
}

fn quote(id: &str, speaker: Option<&str>) -> Item {
    Item::Quote(Quote {
        id: id.into(),
        kind: QuoteKind::Direct,
        spans: smallvec![Span::new(100, 110)],
        text: "0123456789".into(),
        cue: None,
        speaker: speaker.map(Into::into),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })
}

/// A session: its set and the edits it made since it last saved.
struct Session {
    set: AnnotationSet,
    edits: Vec<Edit>,
}

impl Session {
    fn from(base: &AnnotationSet) -> Self {
        Self {
            set: base.clone(),
            edits: Vec::new(),
        }
    }

    fn apply(&mut self, edit: Edit) {
        self.set.apply(&edit);
        self.edits.push(edit);
    }

    /// Creates `item` as the app does: the counter moves, then the annotation goes in.
    fn create(&mut self, item: Item) {
        let before = self.set.next_ids;
        let mut after = before;
        *counter(&mut after, &item) += 1;
        self.apply(Edit::Ids { before, after });
        self.apply(Edit::Insert(item));
    }

    fn remove(&mut self, id: &str) {
        let item = self.set.get(id).unwrap();
        self.apply(Edit::Remove(item));
    }

    fn replace(&mut self, after: Item) {
        let before = self.set.get(after.id()).unwrap();
        self.apply(Edit::Replace { before, after });
    }
}

fn base() -> AnnotationSet {
    let mut set = AnnotationSet::new(3);
    set.apply(&Edit::Insert(entity("e1", 0, "Seoul")));
    set.next_ids.entity = 2;
    set
}

fn texts(set: &AnnotationSet) -> Vec<(String, String)> {
    set.entities
        .iter()
        .map(|e| (e.id.to_string(), e.text.to_string()))
        .collect()
}

#[test]
fn the_same_new_id_on_both_sides_gives_ours_a_fresh_one() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.create(entity("e2", 10, "Kursk"));
    let mut ours = Session::from(&base);
    ours.create(entity("e2", 20, "Jakarta"));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert_eq!(
        texts(&merged.set),
        [("e1", "Seoul"), ("e2", "Kursk"), ("e3", "Jakarta")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(merged.set.next_ids.entity, 4);
    assert_eq!(merged.renamed, vec![("e2".into(), "e3".into())]);
    assert_eq!((merged.applied, merged.clashes), (1, 0));
}

#[test]
fn links_follow_a_renamed_annotation() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.create(entity("e2", 10, "Kursk"));
    let mut ours = Session::from(&base);
    ours.create(entity("e2", 20, "Jakarta"));
    ours.create(quote("q1", Some("e2")));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert_eq!(
        merged.set.quote("q1").unwrap().speaker.as_deref(),
        Some("e3")
    );
}

#[test]
fn an_annotation_both_made_is_kept_once() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.create(entity("e2", 10, "Kursk"));
    let mut ours = Session::from(&base);
    ours.create(entity("e2", 40, "Busan"));
    ours.create(entity("e3", 10, "Kursk"));
    ours.create(quote("q1", Some("e3")));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    let kursk: Vec<_> = merged
        .set
        .entities
        .iter()
        .filter(|e| e.text == "Kursk")
        .collect();
    assert_eq!(kursk.len(), 1);
    let speaker = merged.set.quote("q1").unwrap().speaker.clone().unwrap();
    assert_eq!(merged.set.entity(&speaker).unwrap().text, "Kursk");
    assert!(merged.set.entities.iter().any(|e| e.text == "Busan"));
}

#[test]
fn an_id_the_other_session_handed_out_and_deleted_is_not_reused() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.create(entity("e2", 10, "Kursk"));
    theirs.remove("e2");
    let mut ours = Session::from(&base);
    ours.create(entity("e2", 20, "Jakarta"));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert_eq!(merged.set.entity("e3").unwrap().text, "Jakarta");
    assert!(merged.set.entity("e2").is_none());
}

#[test]
fn a_change_both_made_differently_keeps_theirs_and_counts_a_clash() {
    let base = base();
    let relabel = |label: &str| {
        let Item::Entity(mut e) = entity("e1", 0, "Seoul") else {
            unreachable!()
        };
        e.label = label.into();
        Item::Entity(e)
    };
    let mut theirs = Session::from(&base);
    theirs.replace(relabel("ORG"));
    let mut ours = Session::from(&base);
    ours.replace(relabel("GPE"));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert_eq!(merged.set.entity("e1").unwrap().label, "ORG");
    assert_eq!((merged.applied, merged.clashes), (0, 1));
    // The same change on both sides is no clash.
    let mut same = Session::from(&base);
    same.replace(relabel("ORG"));
    let merged = rebase(&theirs.set, &same.set, &same.edits);
    assert_eq!((merged.applied, merged.clashes), (0, 0));
}

#[test]
fn our_changes_alone_are_taken_whole() {
    let base = base();
    let theirs = Session::from(&base);
    let mut ours = Session::from(&base);
    ours.create(entity("e2", 20, "Jakarta"));
    ours.remove("e1");
    ours.apply(Edit::Status {
        paragraph: 1,
        before: ParagraphStatus::Todo,
        after: ParagraphStatus::Done,
    });
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert_eq!(merged.set, ours.set);
    assert_eq!((merged.applied, merged.clashes), (3, 0));
}

#[test]
fn an_undone_change_changes_nothing() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.create(entity("e2", 10, "Kursk"));
    let mut ours = Session::from(&base);
    ours.create(entity("e2", 20, "Jakarta"));
    let undo: Vec<Edit> = ours.edits.iter().rev().map(Edit::inverse).collect();
    for edit in undo {
        ours.apply(edit);
    }
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert_eq!(merged.set, theirs.set);
}

#[test]
fn a_delete_that_their_link_needs_is_undone() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.create(quote("q1", Some("e1")));
    let mut ours = Session::from(&base);
    ours.remove("e1");
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert!(merged.set.entity("e1").is_some());
    assert_eq!(merged.clashes, 1);
}

#[test]
fn our_link_to_what_they_deleted_is_cleared() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.remove("e1");
    let mut ours = Session::from(&base);
    ours.create(quote("q1", Some("e1")));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    let q = merged.set.quote("q1").unwrap();
    assert_eq!(q.speaker, None);
    assert!(merged.set.entity("e1").is_none());
    assert_eq!(merged.clashes, 1);
}

#[test]
fn paragraph_statuses_merge_like_annotations() {
    let base = base();
    let status = |paragraph, after| Edit::Status {
        paragraph,
        before: ParagraphStatus::Todo,
        after,
    };
    let mut theirs = Session::from(&base);
    theirs.apply(status(0, ParagraphStatus::Flagged));
    let mut ours = Session::from(&base);
    ours.apply(status(0, ParagraphStatus::Done));
    ours.apply(status(2, ParagraphStatus::Skipped));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert_eq!(
        merged.set.paragraphs,
        [
            ParagraphStatus::Flagged,
            ParagraphStatus::Todo,
            ParagraphStatus::Skipped
        ]
    );
    assert_eq!((merged.applied, merged.clashes), (1, 1));
}

fn rejection(start: usize, label: &str) -> crate::model::Rejection {
    crate::model::Rejection {
        layer: crate::model::IdKind::Entity,
        label: Some(label.into()),
        span: Span::new(start, start + 5),
        text: "Rusia".into(),
        source: crate::model::Source::Propagated,
    }
}

#[test]
fn rejections_merge_by_place_and_clash_when_both_changed_one() {
    let mut base = AnnotationSet::new(1);
    base.apply(&Edit::Dismiss(rejection(0, "LOC")));
    let mut theirs = base.clone();
    theirs.apply(&Edit::Dismiss(rejection(10, "LOC")));
    theirs.apply(&Edit::Undismiss(rejection(0, "LOC")));
    theirs.apply(&Edit::Dismiss(rejection(0, "ORG")));
    let mut ours = base.clone();
    let edits = [
        Edit::Dismiss(rejection(20, "LOC")),
        Edit::Undismiss(rejection(0, "LOC")),
    ];
    for edit in &edits {
        ours.apply(edit);
    }
    let out = rebase(&theirs, &ours, &edits);
    let places: Vec<(usize, Option<&str>)> = out
        .set
        .rejected
        .iter()
        .map(|r| (r.span.start, r.label.as_deref()))
        .collect();
    assert_eq!(
        places,
        [(0, Some("ORG")), (10, Some("LOC")), (20, Some("LOC"))],
        "ours added at 20; theirs changed 0 too, so theirs stays"
    );
    assert_eq!((out.applied, out.clashes), (1, 1));
}

#[test]
fn our_relation_to_what_they_deleted_is_dropped_and_counted_as_a_clash() {
    let base = base();
    let mut theirs = Session::from(&base);
    theirs.remove("e1");
    let mut ours = Session::from(&base);
    let r = crate::model::Relation {
        id: "r1".into(),
        kind: "Mentions".into(),
        from: "e1".into(),
        to: "e1".into(),
        note: None,
    };
    ours.apply(Edit::Relate(r.clone()));
    let merged = rebase(&theirs.set, &ours.set, &ours.edits);
    assert!(merged.set.relations.is_empty());
    assert_eq!(merged.dropped, [r]);
    assert_eq!(merged.clashes, 1);
}

use compact_str::format_compact;
use smallvec::smallvec;

use super::*;
use crate::model::Text;

/// An entity `abc` labelled PER at `start` (shared with the index's tests).
pub(super) fn entity(id: &str, start: usize) -> Item {
    Item::Entity(Entity {
        id: id.into(),
        label: "PER".into(),
        spans: smallvec![Span::new(start, start + 3)],
        text: "abc".into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })
}

/// `sort` orders by first offset, then id number, then id (ids without a number last
/// among equals), as the order written in files always has been.
#[test]
fn sort_orders_by_offset_then_id_number_then_id() {
    let mut set = AnnotationSet::new(1);
    let ids = ["e10", "e2", "x", "E2", "e1", "e", "e02", "e3"];
    for (i, id) in ids.iter().enumerate() {
        let Item::Entity(mut e) = entity(id, if i % 3 == 0 { 5 } else { 1 }) else {
            unreachable!()
        };
        if *id == "e3" {
            e.spans = smallvec![Span::new(9, 10), Span::new(0, 1)];
        }
        set.entities.push(e);
    }
    let mut owned_keys = set.entities.clone();
    owned_keys.sort_by_cached_key(|e| {
        let start = e.spans.iter().map(|s| s.start).min().unwrap_or(0);
        let digits = e.id.trim_start_matches(|c: char| !c.is_ascii_digit());
        (start, digits.parse().unwrap_or(u64::MAX), e.id.to_string())
    });
    set.sort();
    assert_eq!(set.entities, owned_keys);
    let order: Vec<&str> = set.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(order, ["e3", "e1", "e2", "e", "x", "E2", "e02", "e10"]);
}

#[test]
fn insert_keeps_document_order_then_id_number() {
    let mut set = AnnotationSet::new(1);
    for (id, start) in [("e10", 5), ("e2", 5), ("e1", 9), ("e3", 0)] {
        set.apply(&Edit::Insert(entity(id, start)));
    }
    let ids: Vec<&str> = set.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["e3", "e2", "e10", "e1"]);
}

#[test]
fn every_edit_is_undone_by_its_inverse() {
    let mut set = AnnotationSet::new(2);
    set.apply(&Edit::Insert(entity("e1", 0)));
    let original = set.clone();
    let mut changed = entity("e1", 0);
    if let Item::Entity(e) = &mut changed {
        e.label = "ORG".into();
    }
    let edits = [
        Edit::Insert(entity("e2", 4)),
        Edit::Remove(entity("e1", 0)),
        Edit::Replace {
            before: entity("e1", 0),
            after: changed,
        },
        Edit::Status {
            paragraph: 1,
            before: ParagraphStatus::Todo,
            after: ParagraphStatus::Done,
        },
        Edit::Ids {
            before: NextIds::default(),
            after: NextIds {
                entity: 3,
                quote: 1,
                claim: 1,
                relation: 1,
            },
        },
    ];
    for edit in &edits {
        let mut copy = original.clone();
        copy.apply(edit);
        assert_ne!(copy, original, "{edit:?} changed nothing");
        copy.apply(&edit.inverse());
        assert_eq!(copy, original, "{edit:?} not undone");
    }
}

#[test]
fn at_lists_innermost_first() {
    let mut set = AnnotationSet::new(1);
    set.apply(&Edit::Insert(entity("e1", 0)));
    set.apply(&Edit::Insert(Item::Quote(Quote {
        id: "q1".into(),
        kind: Default::default(),
        spans: smallvec![Span::new(0, 10)],
        text: Text::default(),
        cue: None,
        speaker: None,
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })));
    let ids: Vec<String> = set.at(1).iter().map(|i| i.id().to_owned()).collect();
    assert_eq!(ids, ["e1", "q1"]);
    assert_eq!(set.at(5).len(), 1);
}

#[test]
fn ids_sharing_a_number_are_found_after_one_of_them_goes() {
    let mut set = AnnotationSet::new(1);
    set.sort();
    set.apply(&Edit::Insert(entity("e3", 0)));
    set.apply(&Edit::Insert(entity("x3", 8)));
    let x3 = set.get("x3").expect("x3 was added");
    set.apply(&Edit::Remove(x3));
    assert_eq!(set.entity("e3").map(|e| e.spans[0].start), Some(0));
    assert_eq!(set.entity("x3"), None);
    assert_eq!(set.quote("q3"), None);
}

#[test]
fn the_generation_changes_with_every_change_and_is_never_shared() {
    let mut set = AnnotationSet::new(1);
    set.sort();
    let sorted = set.generation();
    let copy = set.clone();
    assert_eq!(copy.generation(), sorted);
    set.apply(&Edit::Insert(entity("e1", 0)));
    let inserted = set.generation();
    assert_ne!(inserted, sorted);
    set.apply(&Edit::Status {
        paragraph: 0,
        before: ParagraphStatus::Todo,
        after: ParagraphStatus::Done,
    });
    assert_ne!(set.generation(), inserted);
    let mut other = AnnotationSet::new(1);
    other.sort();
    assert_ne!(other.generation(), set.generation());
    assert_ne!(other.generation(), sorted);
}

/// Every lookup by place and by id agrees with a plain scan, through inserts, removes,
/// a cue far before its quote, multi-fragment spans and collections changed by hand.
#[test]
fn indexed_lookups_match_a_scan() {
    let mut set = AnnotationSet::new(1);
    let mut next = 1;
    let mut add = |set: &mut AnnotationSet, start: usize, len: usize| {
        set.apply(&Edit::Insert(entity(&format!("e{next}"), start)));
        let mut q = Quote {
            id: format_compact!("q{next}"),
            kind: Default::default(),
            spans: smallvec![
                Span::new(start + 2, start + 2 + len),
                Span::new(start + 40, start + 41),
            ],
            text: Text::default(),
            cue: Some(crate::model::Cue {
                spans: smallvec![Span::new(
                    start.saturating_sub(30),
                    start.saturating_sub(28),
                )],
                text: Text::default(),
            }),
            speaker: None,
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        };
        if next % 3 == 0 {
            q.cue = None;
        }
        set.apply(&Edit::Insert(Item::Quote(q)));
        next += 1;
    };
    for k in 0..60 {
        add(&mut set, (k * 37) % 400 + 30, k % 7 + 1);
    }
    for id in ["e4", "q9", "e20", "q33"] {
        let item = set.get(id).unwrap();
        set.apply(&Edit::Remove(item));
    }
    let check = |set: &AnnotationSet| {
        for offset in 0..500 {
            let mut scan: Vec<Item> = set.items().filter(|i| i.touches(offset)).collect();
            scan.sort_by_key(|i| (i.covered(), i.id().to_owned()));
            assert_eq!(set.at(offset), scan, "at {offset}");
            let range = Span::new(offset, offset + 9);
            let scan: Vec<Item> = set
                .items()
                .filter(|i| i.spans().iter().any(|s| s.overlaps(&range)))
                .collect();
            assert_eq!(set.overlapping(range), scan, "overlapping {range:?}");
        }
        for item in set.items() {
            assert_eq!(set.get(item.id()), Some(item.clone()));
        }
        assert_eq!(set.get("e4"), None);
        assert_eq!(set.get("q9"), None);
    };
    assert!(set.indexed());
    check(&set);
    let mut by_hand = set.clone();
    by_hand.entities.pop();
    assert!(!by_hand.indexed());
    check(&by_hand);
    by_hand.sort();
    assert!(by_hand.indexed());
    check(&by_hand);
}

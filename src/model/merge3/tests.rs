use super::*;
use crate::model::{Claim, Entity, ParagraphStatus, Quote, QuoteKind, Span, smallvec};

fn entity(id: &str, start: usize, label: &str) -> Item {
    Item::Entity(Entity {
        by: Default::default(),
        id: id.into(),
        label: label.into(),
        spans: smallvec![Span::new(start, start + 3)],
        text: "abc".into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        attributes: Vec::new(),
    })
}

fn quote(id: &str, speaker: Option<&str>) -> Item {
    Item::Quote(Quote {
        by: Default::default(),
        id: id.into(),
        kind: QuoteKind::Direct,
        spans: smallvec![Span::new(100, 110)],
        text: "0123456789".into(),
        cue: None,
        speaker: speaker.map(Into::into),
        note: None,
        review: Default::default(),
        source: Default::default(),
        attributes: Vec::new(),
    })
}

fn claim(id: &str, quote: Option<&str>) -> Item {
    Item::Claim(Claim {
        by: Default::default(),
        id: id.into(),
        spans: smallvec![Span::new(200, 205)],
        text: "claim".into(),
        claimant: None,
        quote: quote.map(Into::into),
        checkworthy: None,
        note: None,
        review: Default::default(),
        source: Default::default(),
        attributes: Vec::new(),
    })
}

/// A set made from another as the app makes it: counters first, then the annotation.
#[derive(Clone)]
struct Side(AnnotationSet);

impl Side {
    fn create(&mut self, item: Item) -> &mut Self {
        *counter(&mut self.0.next_ids, &item) += 1;
        self.0.apply(&Edit::Insert(item));
        self
    }

    fn replace(&mut self, after: Item) -> &mut Self {
        let before = self.0.get(after.id()).unwrap();
        self.0.apply(&Edit::Replace { before, after });
        self
    }

    fn remove(&mut self, id: &str) -> &mut Self {
        let item = self.0.get(id).unwrap();
        self.0.apply(&Edit::Remove(item));
        self
    }

    fn status(&mut self, paragraph: usize, after: ParagraphStatus) -> &mut Self {
        let before = self.0.paragraphs[paragraph];
        self.0.apply(&Edit::Status {
            paragraph,
            before,
            after,
        });
        self
    }
}

fn base() -> AnnotationSet {
    let mut set = AnnotationSet::new(3);
    set.apply(&Edit::Insert(entity("e1", 0, "LOC")));
    set.apply(&Edit::Insert(quote("q1", Some("e1"))));
    set.next_ids = NextIds {
        entity: 2,
        quote: 2,
        claim: 1,
        relation: 1,
    };
    set
}

fn labels(set: &AnnotationSet) -> Vec<(String, usize, String)> {
    (set.entities.iter())
        .map(|e| (e.id.to_string(), e.spans[0].start, e.label.to_string()))
        .collect()
}

#[test]
fn changes_of_both_sides_in_different_places_merge_clean() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.create(entity("e2", 10, "PER"))
        .status(0, ParagraphStatus::Done);
    let mut theirs = Side(base.clone());
    theirs
        .create(entity("e2", 20, "ORG"))
        .replace(entity("e1", 0, "GPE"))
        .status(2, ParagraphStatus::Flagged);
    let merged = merge3(&base, &ours.0, &theirs.0);
    assert!(merged.recorded.is_empty(), "{:?}", merged.recorded);
    assert_eq!(
        labels(&merged.set),
        [
            ("e1".into(), 0, "GPE".into()),
            ("e2".into(), 10, "PER".into()),
            ("e3".into(), 20, "ORG".into())
        ]
    );
    assert_eq!(merged.renamed, [("e2".into(), "e3".into())]);
    assert_eq!(merged.set.next_ids.entity, 4);
    assert_eq!(
        merged.set.paragraphs,
        [
            ParagraphStatus::Done,
            ParagraphStatus::Todo,
            ParagraphStatus::Flagged
        ]
    );
}

#[test]
fn a_relabel_both_made_differently_keeps_ours_and_records_every_version() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.replace(entity("e1", 0, "GPE"));
    let mut theirs = Side(base.clone());
    theirs.replace(entity("e1", 0, "ORG"));
    let merged = merge3(&base, &ours.0, &theirs.0);
    assert_eq!(merged.set.entity("e1").unwrap().label, "GPE");
    let expected = Conflict {
        about: About::Annotation("e1".into()),
        reason: "relabelled two ways".into(),
        base: Some(Version::Item(entity("e1", 0, "LOC"))),
        ours: Some(Version::Item(entity("e1", 0, "GPE"))),
        theirs: Some(Version::Item(entity("e1", 0, "ORG"))),
    };
    assert_eq!(merged.recorded, std::slice::from_ref(&expected));
    assert_eq!(merged.set.conflicts(), [expected]);
}

#[test]
fn different_fields_of_one_annotation_merge_without_a_conflict() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.replace(entity("e1", 0, "GPE"));
    let mut theirs = Side(base.clone());
    let Item::Entity(mut noted) = entity("e1", 0, "LOC") else {
        unreachable!()
    };
    noted.note = Some("check".into());
    theirs.replace(Item::Entity(noted));
    let merged = merge3(&base, &ours.0, &theirs.0);
    let e1 = merged.set.entity("e1").unwrap();
    assert_eq!(
        (e1.label.as_str(), e1.note.as_deref()),
        ("GPE", Some("check"))
    );
    assert!(merged.recorded.is_empty(), "{:?}", merged.recorded);
}

#[test]
fn a_deleted_annotation_linked_by_a_new_claim_of_the_other_side_is_kept_and_recorded() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.replace(quote("q1", None)).remove("q1");
    let mut theirs = Side(base.clone());
    theirs.create(claim("c1", Some("q1")));
    let merged = merge3(&base, &ours.0, &theirs.0);
    assert_eq!(merged.set.get("q1"), base.get("q1"));
    assert!(merged.set.get("c1").is_some());
    let [conflict] = merged.recorded.as_slice() else {
        panic!("{:?}", merged.recorded)
    };
    assert_eq!(conflict.about, About::Annotation("q1".into()));
    assert_eq!(
        conflict.reason,
        "deleted by ours, still linked by the new claim c1"
    );
    assert_eq!(conflict.ours, None);
}

#[test]
fn a_delete_against_a_change_keeps_the_changed_one() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.replace(entity("e1", 0, "GPE"));
    let mut theirs = Side(base.clone());
    theirs.replace(quote("q1", None)).remove("e1");
    let merged = merge3(&base, &ours.0, &theirs.0);
    assert_eq!(merged.set.entity("e1").unwrap().label, "GPE");
    assert_eq!(
        merged.recorded[0].reason,
        "changed by ours, deleted by theirs"
    );
}

#[test]
fn the_same_annotation_made_by_both_is_kept_once_and_links_follow() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.create(entity("e2", 40, "PER"))
        .create(entity("e3", 10, "ORG"));
    let mut theirs = Side(base.clone());
    theirs
        .create(entity("e2", 10, "ORG"))
        .create(quote("q2", Some("e2")));
    let merged = merge3(&base, &ours.0, &theirs.0);
    let at_10: Vec<_> = (merged.set.entities.iter())
        .filter(|e| e.spans[0].start == 10)
        .collect();
    assert_eq!(at_10.len(), 1);
    assert_eq!(at_10[0].id, "e3");
    assert_eq!(
        merged.set.quote("q2").unwrap().speaker.as_deref(),
        Some("e3")
    );
    assert!(merged.recorded.is_empty());
}

#[test]
fn an_unchanged_side_gives_the_other_and_equal_sides_give_themselves() {
    let base = base();
    let mut changed = Side(base.clone());
    changed
        .create(entity("e2", 10, "PER"))
        .remove("q1")
        .status(1, ParagraphStatus::Skipped);
    let x = &changed.0;
    assert_eq!(merge3(&base, &base, x).set, *x);
    assert_eq!(merge3(&base, x, &base).set, *x);
    assert_eq!(merge3(&base, x, x).set, *x);
}

#[test]
fn status_clashes_are_recorded_and_settled_conflicts_stay_settled() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.status(0, ParagraphStatus::Done);
    let mut theirs = Side(base.clone());
    theirs.status(0, ParagraphStatus::Flagged);
    let merged = merge3(&base, &ours.0, &theirs.0);
    assert_eq!(merged.set.paragraphs[0], ParagraphStatus::Done);
    assert_eq!(merged.recorded[0].about, About::Paragraph(0));
    // Later: ours settles it, theirs leaves it; the next merge keeps it settled.
    let recorded = merged.set.clone();
    let mut settled = recorded.clone();
    let conflict = recorded.conflicts()[0].clone();
    for edit in conflict
        .settle(&settled, crate::model::Side::Theirs)
        .unwrap()
    {
        settled.apply(&edit);
    }
    assert_eq!(settled.paragraphs[0], ParagraphStatus::Flagged);
    let mut theirs = Side(recorded.clone());
    theirs.create(entity("e2", 50, "PER"));
    let again = merge3(&recorded, &settled, &theirs.0);
    assert!(again.set.conflicts().is_empty());
    assert!(again.set.entity("e2").is_some());
}

fn relation(id: &str, kind: &str, from: &str, to: &str) -> crate::model::Relation {
    crate::model::Relation {
        id: id.into(),
        kind: kind.into(),
        from: from.into(),
        to: to.into(),
        note: None,
    }
}

impl Side {
    fn relate(&mut self, r: crate::model::Relation) -> &mut Self {
        self.0.next_ids.relation += 1;
        self.0.apply(&Edit::Relate(r));
        self
    }

    fn attribute(&mut self, id: &str, name: &str, value: Option<&str>) -> &mut Self {
        let mut after = self.0.get(id).unwrap();
        let attribute = crate::model::Attribute {
            name: name.into(),
            value: value.map(Into::into),
        };
        crate::model::attributes::set(after.attributes_mut(), attribute);
        self.replace(after)
    }
}

#[test]
fn relations_made_on_both_sides_under_one_id_are_both_kept_and_attributes_merge_by_name() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.relate(relation("r1", "Mentions", "q1", "e1"))
        .attribute("e1", "Role", Some("Minister"));
    let mut theirs = Side(base.clone());
    theirs
        .relate(relation("r1", "Quotes", "e1", "q1"))
        .attribute("e1", "Verified", None);
    let merged = merge3(&base, &ours.0, &theirs.0);
    assert!(merged.recorded.is_empty(), "{:?}", merged.recorded);
    let kinds: Vec<(&str, &str)> = (merged.set.relations.iter())
        .map(|r| (r.id.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(kinds, [("r1", "Mentions"), ("r2", "Quotes")]);
    assert_eq!(merged.set.next_ids.relation, 3);
    let names: Vec<String> = (merged.set.get("e1").unwrap().attributes().iter())
        .map(|a| a.display())
        .collect();
    assert_eq!(names, ["Role=Minister", "Verified"]);
    // Theirs deleting a relation ours left alone deletes it; theirs deleting an end takes
    // ours' relation to it along.
    let mut ours2 = Side(merged.set.clone());
    ours2.attribute("e1", "Role", Some("Envoy"));
    let mut theirs2 = Side(merged.set.clone());
    theirs2
        .0
        .apply(&Edit::Unrelate(relation("r1", "Mentions", "q1", "e1")));
    theirs2.attribute("e1", "Role", Some("Ambassador"));
    let again = merge3(&merged.set, &ours2.0, &theirs2.0);
    assert_eq!(again.set.relations.len(), 1);
    assert!(again.dropped.is_empty(), "a deleted relation is no drop");
    assert_eq!(again.recorded.len(), 1, "Role changed two ways");
    assert!(
        again.recorded[0].reason.contains("attributes"),
        "{:?}",
        again.recorded
    );
}

#[test]
fn a_relation_to_what_the_other_side_deleted_keeps_its_end_and_nothing_is_dropped() {
    let base = base();
    let mut ours = Side(base.clone());
    ours.remove("e1");
    let mut theirs = Side(base.clone());
    theirs.relate(relation("r1", "Mentions", "q1", "e1"));
    let merged = merge3(&base, &ours.0, &theirs.0);
    assert_eq!(
        merged.set.relations,
        [relation("r1", "Mentions", "q1", "e1")]
    );
    assert!(merged.set.get("e1").is_some(), "the delete is undone");
    assert!(merged.dropped.is_empty());
}

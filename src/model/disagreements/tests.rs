use super::*;
use crate::model::{By, Checkworthy, Cue, Document, Edit, Item, Quote, QuoteKind, smallvec};

/// `Ana said "we stay" in Jakarta. Budi agreed.`
const TEXT: &str = "Ana said \"we stay\" in Jakarta. Budi agreed.";

fn doc() -> Document {
    Document::new(TEXT)
}

fn span_of(needle: &str) -> Span {
    let byte = TEXT.find(needle).unwrap();
    let start = TEXT[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn entity(id: &str, label: &str, text: &str) -> Entity {
    Entity {
        id: id.into(),
        label: label.into(),
        spans: smallvec![span_of(text)],
        text: text.into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

fn quote(id: &str, text: &str, speaker: Option<&str>) -> Quote {
    Quote {
        id: id.into(),
        kind: QuoteKind::Direct,
        spans: smallvec![span_of(text)],
        text: text.into(),
        cue: Some(Cue {
            spans: smallvec![span_of("said")],
            text: "said".into(),
        }),
        speaker: speaker.map(Text::from),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

fn claim(id: &str, text: &str, quote: Option<&str>, checkworthy: Option<Checkworthy>) -> Claim {
    Claim {
        id: id.into(),
        spans: smallvec![span_of(text)],
        text: text.into(),
        claimant: None,
        quote: quote.map(Text::from),
        checkworthy,
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

fn set(entities: Vec<Entity>, quotes: Vec<Quote>, claims: Vec<Claim>) -> AnnotationSet {
    let mut set = AnnotationSet::new(1);
    set.entities = entities;
    set.quotes = quotes;
    set.claims = claims;
    set.next_ids = crate::model::NextIds {
        entity: 50,
        quote: 50,
        claim: 50,
        relation: 1,
    };
    set.sort();
    set
}

fn apply(gold: &mut AnnotationSet, edits: &[Edit]) {
    for edit in edits {
        gold.apply(edit);
    }
}

fn names(v: &Version) -> Vec<&str> {
    v.parties.iter().map(Text::as_str).collect()
}

#[test]
fn links_with_other_ids_to_the_same_place_agree() {
    let alice = set(
        vec![entity("e1", "PER", "Ana"), entity("e2", "LOC", "Jakarta")],
        vec![quote("q1", "\"we stay\"", Some("e1"))],
        vec![],
    );
    let budi = set(
        vec![entity("e7", "LOC", "Jakarta"), entity("e9", "PER", "Ana")],
        vec![quote("q4", "\"we stay\"", Some("e9"))],
        vec![],
    );
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    assert_eq!(aligned.units.len(), 3);
    assert!(aligned.units.iter().all(Unit::agreed), "{aligned:#?}");
    assert_eq!(aligned.disagreements().count(), 0);
    let kinds: Vec<Layer> = aligned.units.iter().map(|u| u.layer).collect();
    assert_eq!(kinds, [Layer::Entity, Layer::Quote, Layer::Entity]);
}

#[test]
fn a_speaker_at_another_place_or_with_another_label_is_a_disagreement() {
    let alice = set(
        vec![entity("e1", "PER", "Ana"), entity("e2", "PER", "Budi")],
        vec![quote("q1", "\"we stay\"", Some("e1"))],
        vec![],
    );
    let budi = set(
        vec![entity("e1", "PER", "Ana"), entity("e2", "PER", "Budi")],
        vec![quote("q1", "\"we stay\"", Some("e2"))],
        vec![],
    );
    let carla = set(
        vec![entity("e1", "ORG", "Ana"), entity("e2", "PER", "Budi")],
        vec![quote("q1", "\"we stay\"", Some("e1"))],
        vec![],
    );
    let aligned = align(&[("alice", &alice), ("budi", &budi), ("carla", &carla)]);
    let quotes: Vec<&Unit> = aligned
        .disagreements()
        .filter(|u| u.layer == Layer::Quote)
        .collect();
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quotes[0].versions.len(),
        3,
        "the same id, three places or labels"
    );
    let ana: Vec<&Unit> = aligned
        .disagreements()
        .filter(|u| u.layer == Layer::Entity)
        .collect();
    assert_eq!(ana.len(), 1);
    assert_eq!(names(&ana[0].versions[0]), ["alice", "budi"]);
    assert_eq!(names(&ana[0].versions[1]), ["carla"]);
}

#[test]
fn overlapping_annotations_make_one_unit_and_a_party_with_nothing_gives_none() {
    let alice = set(vec![entity("e1", "LOC", "in Jakarta")], vec![], vec![]);
    let budi = set(vec![entity("e1", "LOC", "Jakarta")], vec![], vec![]);
    let carla = set(vec![], vec![], vec![]);
    let aligned = align(&[("alice", &alice), ("budi", &budi), ("carla", &carla)]);
    assert_eq!(aligned.units.len(), 1);
    let unit = &aligned.units[0];
    assert!(!unit.agreed());
    assert_eq!(unit.range, span_of("in Jakarta"));
    assert_eq!(unit.versions.len(), 3);
    assert_eq!(names(&unit.versions[2]), ["carla"]);
    assert!(unit.versions[2].is_none());
}

#[test]
fn claims_compare_quote_links_by_place_and_check_worthiness() {
    let alice = set(
        vec![],
        vec![quote("q1", "\"we stay\"", None)],
        vec![claim("c1", "we stay", Some("q1"), Some(Checkworthy::Yes))],
    );
    let budi = set(
        vec![],
        vec![quote("q8", "\"we stay\"", None)],
        vec![claim("c3", "we stay", Some("q8"), Some(Checkworthy::No))],
    );
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    let units: Vec<(Layer, bool)> = aligned
        .units
        .iter()
        .map(|u| (u.layer, u.agreed()))
        .collect();
    assert_eq!(units, [(Layer::Quote, true), (Layer::Claim, false)]);
}

#[test]
fn units_come_in_the_order_of_the_article() {
    let alice = set(
        vec![entity("e1", "PER", "Budi"), entity("e2", "PER", "Ana")],
        vec![],
        vec![],
    );
    let budi = set(vec![entity("e1", "ORG", "Budi")], vec![], vec![]);
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    let starts: Vec<usize> = aligned.units.iter().map(|u| u.range.start).collect();
    assert_eq!(starts, [span_of("Ana").start, span_of("Budi").start]);
}

#[test]
fn what_everyone_agrees_on_goes_into_the_gold_with_fresh_ids_and_links_translated() {
    let alice = set(
        vec![entity("e1", "PER", "Ana"), entity("e2", "LOC", "Jakarta")],
        vec![quote("q1", "\"we stay\"", Some("e1"))],
        vec![claim("c1", "we stay", Some("q1"), None)],
    );
    let budi = set(
        vec![entity("e4", "PER", "Ana"), entity("e5", "ORG", "Jakarta")],
        vec![quote("q2", "\"we stay\"", Some("e4"))],
        vec![claim("c9", "we stay", Some("q2"), None)],
    );
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    let mut gold = set(vec![entity("e3", "PER", "Budi")], vec![], vec![]);
    let (edits, settled) = settle_agreed(&doc(), &gold, &aligned);
    assert_eq!(settled, 3, "Ana, the quote and the claim; not Jakarta");
    apply(&mut gold, &edits);
    let ana = gold.entities.iter().find(|e| e.text == "Ana").unwrap();
    assert_eq!(ana.id, "e50");
    assert_eq!(ana.by, By::new(["alice", "budi"]));
    let q = &gold.quotes[0];
    assert_eq!((q.id.as_str(), q.speaker.as_deref()), ("q50", Some("e50")));
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    assert_eq!(gold.claims[0].quote.as_deref(), Some("q50"));
    assert_eq!(gold.next_ids.entity, 51);
    assert!(gold.entities.iter().all(|e| e.text != "Jakarta"));
    let jakarta = aligned
        .units
        .iter()
        .find(|u| u.range == span_of("Jakarta"))
        .unwrap();
    assert_eq!(jakarta.settled(&gold), None);
    for unit in aligned.units.iter().filter(|u| u.agreed()) {
        assert_eq!(unit.settled(&gold), Some(vec![0]));
    }
    let (again, none) = settle_agreed(&doc(), &gold, &aligned);
    assert_eq!((again.len(), none), (0, 0));
}

#[test]
fn taking_one_version_several_or_none() {
    let alice = set(vec![entity("e1", "ORG", "Ana said")], vec![], vec![]);
    let budi = set(vec![entity("e1", "PER", "Ana")], vec![], vec![]);
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    let unit = &aligned.units[0];
    let gold = set(vec![], vec![], vec![]);

    let mut one = gold.clone();
    apply(
        &mut one,
        &settle(&doc(), &gold, &aligned, unit, &[1]).unwrap(),
    );
    assert_eq!(one.entities.len(), 1);
    assert_eq!(
        (one.entities[0].label.as_str(), one.entities[0].by.names()),
        ("PER", &["budi".into()][..])
    );
    assert_eq!(unit.settled(&one), Some(vec![1]));

    let mut both = one.clone();
    apply(
        &mut both,
        &settle(&doc(), &one, &aligned, unit, &[0, 1]).unwrap(),
    );
    assert_eq!(both.entities.len(), 2);
    assert_eq!(both.entity("e50").unwrap().label, "PER", "kept with its id");
    assert_eq!(unit.settled(&both), Some(vec![0, 1]));

    let mut none = both.clone();
    apply(
        &mut none,
        &settle(&doc(), &both, &aligned, unit, &[]).unwrap(),
    );
    assert!(none.entities.is_empty());
    assert_eq!(unit.settled(&none), None, "nothing there");
    assert_eq!(aligned.none_version(0), None, "no party gave none");
}

#[test]
fn a_label_taken_over_the_gold_keeps_the_id_and_the_links_to_it() {
    let alice = set(vec![entity("e1", "PER", "Ana")], vec![], vec![]);
    let budi = set(vec![entity("e1", "ORG", "Ana")], vec![], vec![]);
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    let mut gold = set(
        vec![entity("e3", "ORG", "Ana")],
        vec![quote("q1", "\"we stay\"", Some("e3"))],
        vec![],
    );
    let unit = &aligned.units[0];
    assert_eq!(unit.settled(&gold), Some(vec![1]));
    let edits = settle(&doc(), &gold, &aligned, unit, &[0]).unwrap();
    apply(&mut gold, &edits);
    let ana = gold.entity("e3").unwrap();
    assert_eq!(
        (ana.label.as_str(), ana.by.names()),
        ("PER", &["alice".into()][..])
    );
    assert_eq!(gold.quotes[0].speaker.as_deref(), Some("e3"));
}

#[test]
fn taking_none_clears_the_links_to_what_it_removes() {
    let alice = set(vec![entity("e1", "PER", "Ana")], vec![], vec![]);
    let budi = set(vec![], vec![], vec![]);
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    let mut gold = set(
        vec![entity("e3", "PER", "Ana")],
        vec![quote("q1", "\"we stay\"", Some("e3"))],
        vec![],
    );
    let unit = &aligned.units[0];
    let edits = settle(&doc(), &gold, &aligned, unit, &[1]).unwrap();
    apply(&mut gold, &edits);
    assert!(gold.entities.is_empty());
    assert_eq!(gold.quotes[0].speaker, None);
    assert_eq!(
        unit.settled(&gold),
        None,
        "nothing is not told from not yet decided"
    );
    assert_eq!(aligned.unsettled(&gold), 1);
}

#[test]
fn a_chosen_claim_brings_the_quote_and_speaker_it_links_to() {
    let alice = set(
        vec![entity("e1", "PER", "Ana")],
        vec![quote("q1", "\"we stay\"", Some("e1"))],
        vec![claim("c1", "we stay", Some("q1"), Some(Checkworthy::Yes))],
    );
    let budi = set(vec![], vec![], vec![]);
    let aligned = align(&[("alice", &alice), ("budi", &budi)]);
    let claim_unit = aligned
        .units
        .iter()
        .find(|u| u.layer == Layer::Claim)
        .unwrap();
    let mut gold = set(vec![], vec![], vec![]);
    let edits = settle(&doc(), &gold, &aligned, claim_unit, &[0]).unwrap();
    apply(&mut gold, &edits);
    assert_eq!(gold.claims[0].quote.as_deref(), Some("q50"));
    assert_eq!(gold.quotes[0].speaker.as_deref(), Some("e50"));
    assert_eq!(gold.entities[0].by.names(), ["alice"]);
    for unit in &aligned.units {
        assert_eq!(unit.settled(&gold), Some(vec![0]), "{unit:?}");
    }
    let items: Vec<Item> = gold.items().collect();
    assert_eq!(items.len(), 3);
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

#[test]
fn attributes_differing_make_a_disagreement_and_the_chosen_ones_go_into_the_gold() {
    let role = |v: &str| crate::model::Attribute::valued("Role", v);
    let mut ana_ana = entity("e1", "PER", "Ana");
    ana_ana.attributes = vec![role("host")];
    let mut budi_ana = entity("e9", "PER", "Ana");
    budi_ana.attributes = vec![role("guest")];
    let ana = set(vec![ana_ana], vec![], vec![]);
    let budi = set(vec![budi_ana], vec![], vec![]);
    let aligned = align(&[("ana", &ana), ("budi", &budi)]);
    let unit = aligned.disagreements().next().expect("a disagreement");
    assert_eq!(unit.versions.len(), 2);
    let mut gold = set(vec![], vec![], vec![]);
    let edits = settle(&doc(), &gold, &aligned, unit, &[1]).unwrap();
    apply(&mut gold, &edits);
    assert_eq!(gold.entities[0].attributes, [role("guest")]);
    assert_eq!(unit.settled(&gold), Some(vec![1]));
    // Taking the other version changes the attributes in place, keeping the id.
    let id = gold.entities[0].id.clone();
    let edits = settle(&doc(), &gold, &aligned, unit, &[0]).unwrap();
    apply(&mut gold, &edits);
    assert_eq!(
        (&gold.entities[0].id, &gold.entities[0].attributes[..]),
        (&id, &[role("host")][..])
    );
}

/// Puts versions `chosen` of `unit` in `gold`.
fn take(gold: &mut AnnotationSet, aligned: &Alignment, unit: &Unit, chosen: &[usize]) {
    let edits = settle(&doc(), gold, aligned, unit, chosen).unwrap();
    apply(gold, &edits);
}

fn with_relations(mut set: AnnotationSet, relations: Vec<crate::model::Relation>) -> AnnotationSet {
    set.relations = relations;
    set
}

#[test]
fn relations_everyone_agrees_on_are_carried_with_the_golds_ids_once_both_ends_are_there() {
    let capital = crate::model::Attribute::flag("Capital");
    let mut ana_jakarta = entity("e2", "LOC", "Jakarta");
    ana_jakarta.attributes = vec![capital];
    let ana = with_relations(
        set(
            vec![entity("e1", "PER", "Ana"), ana_jakarta],
            vec![],
            vec![],
        ),
        vec![relation("r1", "LivesIn", "e1", "e2")],
    );
    // budi: the same relation between the same places, under other ids; Jakarta without the
    // attribute, so Jakarta is disputed but the relation is not.
    let budi = with_relations(
        set(
            vec![entity("e7", "PER", "Ana"), entity("e8", "LOC", "Jakarta")],
            vec![],
            vec![],
        ),
        vec![relation("r4", "LivesIn", "e7", "e8")],
    );
    let aligned = align(&[("ana", &ana), ("budi", &budi)]);
    let relation_unit = aligned
        .units
        .iter()
        .find(|u| u.layer == Layer::Relation)
        .unwrap();
    assert!(relation_unit.agreed());
    let mut gold = set(vec![], vec![], vec![]);
    let (edits, settled) = settle_agreed(&doc(), &gold, &aligned);
    apply(&mut gold, &edits);
    assert_eq!(
        settled, 1,
        "Ana only: Jakarta is disputed, so its relation waits"
    );
    assert!(gold.relations.is_empty());
    let jakarta = aligned
        .disagreements()
        .find(|u| u.range == span_of("Jakarta"))
        .unwrap();
    let edits = settle(&doc(), &gold, &aligned, jakarta, &[1]).unwrap();
    apply(&mut gold, &edits);
    assert_eq!(gold.relations.len(), 1, "{:?}", gold.relations);
    let r = &gold.relations[0];
    assert_eq!(
        (r.id.as_str(), r.kind.as_str(), &r.from, &r.to),
        (
            "r1",
            "LivesIn",
            &id_of_text(&gold, "Ana"),
            &id_of_text(&gold, "Jakarta")
        )
    );
    assert_eq!(gold.next_ids.relation, 2);
    assert_eq!(relation_unit.settled(&gold), Some(vec![0]));
    // Jakarta taken out: its relation goes with it; taken back, the relation comes back.
    let edits = settle(&doc(), &gold, &aligned, jakarta, &[]).unwrap();
    apply(&mut gold, &edits);
    assert!(gold.relations.is_empty(), "{:?}", gold.relations);
    let edits = settle(&doc(), &gold, &aligned, jakarta, &[0]).unwrap();
    apply(&mut gold, &edits);
    assert_eq!(gold.relations.len(), 1);
    assert_eq!(gold.relations[0].to, id_of_text(&gold, "Jakarta"));
}

#[test]
fn relations_that_differ_are_a_disagreement_taken_with_the_golds_ids() {
    let ends = || vec![entity("e1", "PER", "Ana"), entity("e2", "LOC", "Jakarta")];
    let ana = with_relations(
        set(ends(), vec![], vec![]),
        vec![relation("r1", "LivesIn", "e1", "e2")],
    );
    // budi: another kind, the other way round; citra: no relation.
    let budi = with_relations(
        set(ends(), vec![], vec![]),
        vec![relation("r1", "Hosts", "e2", "e1")],
    );
    let citra = set(ends(), vec![], vec![]);
    let aligned = align(&[("ana", &ana), ("budi", &budi), ("citra", &citra)]);
    let disputed: Vec<&Unit> = aligned.disagreements().collect();
    assert_eq!(disputed.len(), 1, "{disputed:#?}");
    let unit = disputed[0];
    assert_eq!(unit.layer, Layer::Relation);
    assert_eq!(
        unit.range,
        Span::new(span_of("Ana").start, span_of("Jakarta").end)
    );
    let who: Vec<Vec<&str>> = unit.versions.iter().map(names).collect();
    assert_eq!(who, [["ana"], ["budi"], ["citra"]]);
    assert!(unit.versions[2].is_none());

    // Before its ends are in the gold, a relation cannot be taken; "none" can.
    let empty = set(vec![], vec![], vec![]);
    let refused = settle(&doc(), &empty, &aligned, unit, &[0]).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the gold lacks its end PER “Ana” (LivesIn relation): settle that first"
    );
    assert_eq!(settle(&doc(), &empty, &aligned, unit, &[2]), Ok(Vec::new()));

    let mut gold = set(
        vec![entity("e5", "PER", "Ana"), entity("e6", "LOC", "Jakarta")],
        vec![],
        vec![],
    );
    let (edits, settled) = settle_agreed(&doc(), &gold, &aligned);
    assert_eq!(
        (edits.len(), settled),
        (0, 0),
        "the disputed relation waits"
    );
    take(&mut gold, &aligned, unit, &[1]);
    let held: Vec<(&str, &str, &str, &str)> = gold
        .relations
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.kind.as_str(),
                r.from.as_str(),
                r.to.as_str(),
            )
        })
        .collect();
    assert_eq!(held, [("r1", "Hosts", "e6", "e5")]);
    assert_eq!(unit.settled(&gold), Some(vec![1]));
    assert_eq!(aligned.unsettled(&gold), 0);

    // Both: budi's stays with its id, ana's comes beside it.
    take(&mut gold, &aligned, unit, &[0, 1]);
    let held: Vec<(&str, &str)> = gold
        .relations
        .iter()
        .map(|r| (r.id.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(held, [("r1", "Hosts"), ("r2", "LivesIn")]);
    assert_eq!(unit.settled(&gold), Some(vec![0, 1]));

    // Ana's only: budi's goes.
    take(&mut gold, &aligned, unit, &[0]);
    let kinds: Vec<&str> = gold.relations.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, ["LivesIn"]);
    assert_eq!(unit.settled(&gold), Some(vec![0]));

    // None: no relation between the two, the annotations stay.
    take(&mut gold, &aligned, unit, &[2]);
    assert!(gold.relations.is_empty());
    assert_eq!(gold.entities.len(), 2);
    assert_eq!(
        unit.settled(&gold),
        None,
        "nothing is not told from undecided"
    );
}

#[test]
fn a_relation_to_an_end_labelled_otherwise_waits_for_that_label() {
    let ana = with_relations(
        set(
            vec![entity("e1", "PER", "Ana"), entity("e2", "LOC", "Jakarta")],
            vec![],
            vec![],
        ),
        vec![relation("r1", "LivesIn", "e1", "e2")],
    );
    let budi = with_relations(
        set(
            vec![entity("e1", "PER", "Ana"), entity("e2", "ORG", "Jakarta")],
            vec![],
            vec![],
        ),
        vec![relation("r1", "LivesIn", "e1", "e2")],
    );
    let aligned = align(&[("ana", &ana), ("budi", &budi)]);
    let relations: Vec<&Unit> = aligned
        .units
        .iter()
        .filter(|u| u.layer == Layer::Relation)
        .collect();
    assert_eq!(
        relations.len(),
        1,
        "one pair of places, whatever the labels"
    );
    let unit = relations[0];
    assert_eq!(unit.versions.len(), 2);
    let mut gold = set(vec![], vec![], vec![]);
    let (edits, _) = settle_agreed(&doc(), &gold, &aligned);
    apply(&mut gold, &edits);
    let jakarta = aligned
        .disagreements()
        .find(|u| u.range == span_of("Jakarta"))
        .unwrap();
    take(&mut gold, &aligned, jakarta, &[0]);
    assert!(
        gold.relations.is_empty(),
        "a disputed relation is not carried"
    );
    let refused = settle(&doc(), &gold, &aligned, unit, &[1]).unwrap_err();
    assert_eq!(refused.end, "ORG “Jakarta”");
    let loc = crate::model::disagreements::missing_end(&gold, &unit.versions[0].contents[0]);
    assert_eq!(loc, None, "ana's LOC Jakarta is in the gold");
    take(&mut gold, &aligned, unit, &[0]);
    assert_eq!(gold.relations.len(), 1);
}

fn id_of_text(set: &AnnotationSet, text: &str) -> Text {
    set.entities
        .iter()
        .find(|e| e.text == text)
        .unwrap()
        .id
        .clone()
}

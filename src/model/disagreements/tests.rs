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
    let kinds: Vec<IdKind> = aligned.units.iter().map(|u| u.layer).collect();
    assert_eq!(kinds, [IdKind::Entity, IdKind::Quote, IdKind::Entity]);
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
        .filter(|u| u.layer == IdKind::Quote)
        .collect();
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quotes[0].versions.len(),
        3,
        "the same id, three places or labels"
    );
    let ana: Vec<&Unit> = aligned
        .disagreements()
        .filter(|u| u.layer == IdKind::Entity)
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
    let units: Vec<(IdKind, bool)> = aligned
        .units
        .iter()
        .map(|u| (u.layer, u.agreed()))
        .collect();
    assert_eq!(units, [(IdKind::Quote, true), (IdKind::Claim, false)]);
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
    apply(&mut one, &settle(&doc(), &gold, &aligned, unit, &[1]));
    assert_eq!(one.entities.len(), 1);
    assert_eq!(
        (one.entities[0].label.as_str(), one.entities[0].by.names()),
        ("PER", &["budi".into()][..])
    );
    assert_eq!(unit.settled(&one), Some(vec![1]));

    let mut both = one.clone();
    apply(&mut both, &settle(&doc(), &one, &aligned, unit, &[0, 1]));
    assert_eq!(both.entities.len(), 2);
    assert_eq!(both.entity("e50").unwrap().label, "PER", "kept with its id");
    assert_eq!(unit.settled(&both), Some(vec![0, 1]));

    let mut none = both.clone();
    apply(&mut none, &settle(&doc(), &both, &aligned, unit, &[]));
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
    let edits = settle(&doc(), &gold, &aligned, unit, &[0]);
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
    let edits = settle(&doc(), &gold, &aligned, unit, &[1]);
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
        .find(|u| u.layer == IdKind::Claim)
        .unwrap();
    let mut gold = set(vec![], vec![], vec![]);
    let edits = settle(&doc(), &gold, &aligned, claim_unit, &[0]);
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
    let edits = settle(&doc(), &gold, &aligned, unit, &[1]);
    apply(&mut gold, &edits);
    assert_eq!(gold.entities[0].attributes, [role("guest")]);
    assert_eq!(unit.settled(&gold), Some(vec![1]));
    // Taking the other version changes the attributes in place, keeping the id.
    let id = gold.entities[0].id.clone();
    let edits = settle(&doc(), &gold, &aligned, unit, &[0]);
    apply(&mut gold, &edits);
    assert_eq!(
        (&gold.entities[0].id, &gold.entities[0].attributes[..]),
        (&id, &[role("host")][..])
    );
}

#[test]
fn relations_whose_ends_the_gold_holds_are_carried_with_the_golds_ids() {
    let ana = {
        let mut s = set(
            vec![entity("e1", "PER", "Ana"), entity("e2", "LOC", "Jakarta")],
            vec![],
            vec![],
        );
        s.relations = vec![relation("r1", "LivesIn", "e1", "e2")];
        s
    };
    // budi has both ends under other ids, and no relation; citra lacks Jakarta.
    let budi = set(
        vec![entity("e7", "PER", "Ana"), entity("e8", "LOC", "Jakarta")],
        vec![],
        vec![],
    );
    let aligned = align(&[("ana", &ana), ("budi", &budi)]);
    let mut gold = set(vec![], vec![], vec![]);
    let (edits, settled) = settle_agreed(&doc(), &gold, &aligned);
    apply(&mut gold, &edits);
    assert_eq!(settled, 2);
    let id_of = |text: &str| {
        gold.entities
            .iter()
            .find(|e| e.text == text)
            .unwrap()
            .id
            .clone()
    };
    assert_eq!(gold.relations.len(), 1, "{:?}", gold.relations);
    let r = &gold.relations[0];
    assert_eq!(
        (r.kind.as_str(), &r.from, &r.to),
        ("LivesIn", &id_of("Ana"), &id_of("Jakarta"))
    );
    assert_eq!(r.id, "r1");
    assert_eq!(gold.next_ids.relation, 2);
    // Jakarta taken out: its relation goes with it.
    let citra = set(vec![entity("e3", "PER", "Ana")], vec![], vec![]);
    let aligned = align(&[("ana", &ana), ("citra", &citra)]);
    let jakarta = aligned
        .disagreements()
        .find(|u| u.range == span_of("Jakarta"))
        .unwrap();
    let none = jakarta.versions.iter().position(Version::is_none).unwrap();
    let edits = settle(&doc(), &gold, &aligned, jakarta, &[none]);
    apply(&mut gold, &edits);
    assert!(gold.relations.is_empty(), "{:?}", gold.relations);
    // Taken back: the relation comes back with it, Ana being in the gold.
    let ana_version = 1 - none;
    let edits = settle(&doc(), &gold, &aligned, jakarta, &[ana_version]);
    apply(&mut gold, &edits);
    assert_eq!(gold.relations.len(), 1);
    assert_eq!(gold.relations[0].to, id_of_text(&gold, "Jakarta"));
}

fn id_of_text(set: &AnnotationSet, text: &str) -> Text {
    set.entities
        .iter()
        .find(|e| e.text == text)
        .unwrap()
        .id
        .clone()
}

//! Property test of the three-way merge behind `tandai merge-file`: a random base annotation
//! of the sample and two random sequences of edits on it, as the app makes them, always merge
//! into a set that saves and loads back (the checks of a load), without losing an annotation
//! either side made or changed; an unchanged side gives the other side exactly, and two equal
//! sides give themselves.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use tandai::model::{
    About, AnnotationSet, Checkworthy, Claim, Document, Edit, Entity, IdKind, Item, NextIds,
    ParagraphStatus, Quote, QuoteKind, Rejection, ReviewStatus, Source, Span, Text, merge3,
};

const SAMPLE: &str = include_str!("../sample-data/korut-dukung-rusia.txt");
const NAMES: &[&str] = &[
    "Choe Son Hui",
    "Sergei Lavrov",
    "Moskwa",
    "Korea Utara",
    "Rusia",
    "Ukraina",
    "AFP",
    "Barat",
    "Vladimir Putin",
    "Pyongyang",
];
const PHRASES: &[&str] = &[
    "Korea Utara akan mendukung Rusia",
    "ribuan pasukan Korea Utara berada di Rusia",
    "Kami ulangi",
    "hubungan dekat",
];
const LABELS: &[&str] = &["PER", "ORG", "LOC", "MISC"];

/// Character spans of the first two occurrences of each of `needles`.
fn places(doc: &Document, needles: &[&str]) -> Vec<Span> {
    let mut found = Vec::new();
    for needle in needles {
        for (byte, _) in doc.text().match_indices(needle).take(2) {
            let start = doc.text()[..byte].chars().count();
            found.push(Span::new(start, start + needle.chars().count()));
        }
    }
    found
}

/// One edit as the app makes it; indexes are taken modulo what they pick from.
#[derive(Clone, Debug)]
enum Op {
    Entity(usize, usize),
    Quote(usize, Option<usize>),
    Claim(usize, Option<usize>, Option<usize>),
    Relabel(usize, usize),
    Speaker(usize, Option<usize>),
    Note(usize, Option<u8>),
    Review(usize, u8),
    Checkworthy(usize, bool),
    Delete(usize),
    Status(usize, u8),
    Reject(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0..64usize;
    prop_oneof![
        3 => (i(), i()).prop_map(|(p, l)| Op::Entity(p, l)),
        1 => (i(), prop::option::of(i())).prop_map(|(p, s)| Op::Quote(p, s)),
        1 => (i(), prop::option::of(i()), prop::option::of(i()))
            .prop_map(|(p, c, q)| Op::Claim(p, c, q)),
        2 => (i(), i()).prop_map(|(e, l)| Op::Relabel(e, l)),
        1 => (i(), prop::option::of(i())).prop_map(|(q, s)| Op::Speaker(q, s)),
        1 => (i(), prop::option::of(0..3u8)).prop_map(|(x, n)| Op::Note(x, n)),
        1 => (i(), 0..3u8).prop_map(|(x, r)| Op::Review(x, r)),
        1 => (i(), any::<bool>()).prop_map(|(c, y)| Op::Checkworthy(c, y)),
        2 => i().prop_map(Op::Delete),
        1 => (i(), 0..4u8).prop_map(|(p, s)| Op::Status(p, s)),
        1 => (i(), i()).prop_map(|(p, l)| Op::Reject(p, l)),
    ]
}

struct World {
    doc: Document,
    names: Vec<Span>,
    phrases: Vec<Span>,
}

impl World {
    fn new() -> Self {
        let doc = Document::new(SAMPLE);
        let names = places(&doc, NAMES);
        let phrases = places(&doc, PHRASES);
        World {
            doc,
            names,
            phrases,
        }
    }

    fn create(&self, set: &mut AnnotationSet, kind: IdKind, item: impl FnOnce(Text) -> Item) {
        let before = set.next_ids;
        let mut after = before;
        let n = match kind {
            IdKind::Entity => &mut after.entity,
            IdKind::Quote => &mut after.quote,
            IdKind::Claim => &mut after.claim,
        };
        let id: Text = format!("{}{n}", kind.prefix()).into();
        *n += 1;
        set.apply(&Edit::Ids { before, after });
        set.apply(&Edit::Insert(item(id)));
    }

    fn replace(set: &mut AnnotationSet, before: Item, change: impl FnOnce(&mut Item)) {
        let mut after = before.clone();
        change(&mut after);
        set.apply(&Edit::Replace { before, after });
    }

    fn apply(&self, set: &mut AnnotationSet, op: &Op) {
        let pick = |n: usize, len: usize| (len > 0).then(|| n % len);
        let entity_id = |set: &AnnotationSet, n: usize| {
            pick(n, set.entities.len()).map(|i| set.entities[i].id.clone())
        };
        let quote_id = |set: &AnnotationSet, n: usize| {
            pick(n, set.quotes.len()).map(|i| set.quotes[i].id.clone())
        };
        let items: Vec<Item> = set.items().collect();
        match *op {
            Op::Entity(p, l) => {
                let span = self.names[p % self.names.len()];
                self.create(set, IdKind::Entity, |id| {
                    Item::Entity(Entity {
                        by: Default::default(),
                        id,
                        label: LABELS[l % LABELS.len()].into(),
                        spans: [span].into(),
                        text: self.doc.slice(span).into(),
                        note: None,
                        review: ReviewStatus::Unreviewed,
                        source: Source::Typed,
                        attributes: Vec::new(),
                    })
                });
            }
            Op::Quote(p, s) => {
                let span = self.phrases[p % self.phrases.len()];
                let speaker = s.and_then(|s| entity_id(set, s));
                self.create(set, IdKind::Quote, |id| {
                    Item::Quote(Quote {
                        by: Default::default(),
                        id,
                        kind: QuoteKind::Indirect,
                        spans: [span].into(),
                        text: self.doc.slice(span).into(),
                        cue: None,
                        speaker,
                        note: None,
                        review: ReviewStatus::Unreviewed,
                        source: Source::Typed,
                        attributes: Vec::new(),
                    })
                });
            }
            Op::Claim(p, c, q) => {
                let span = self.phrases[p % self.phrases.len()];
                let claimant = c.and_then(|c| entity_id(set, c));
                let quote = q.and_then(|q| quote_id(set, q));
                self.create(set, IdKind::Claim, |id| {
                    Item::Claim(Claim {
                        by: Default::default(),
                        id,
                        spans: [span].into(),
                        text: self.doc.slice(span).into(),
                        claimant,
                        quote,
                        checkworthy: None,
                        note: None,
                        review: ReviewStatus::Unreviewed,
                        source: Source::Typed,
                        attributes: Vec::new(),
                    })
                });
            }
            Op::Relabel(e, l) => {
                if let Some(i) = pick(e, set.entities.len()) {
                    let before = Item::Entity(set.entities[i].clone());
                    Self::replace(set, before, |x| {
                        if let Item::Entity(e) = x {
                            e.label = LABELS[l % LABELS.len()].into();
                        }
                    });
                }
            }
            Op::Speaker(q, s) => {
                if let Some(i) = pick(q, set.quotes.len()) {
                    let speaker = s.and_then(|s| entity_id(set, s));
                    let before = Item::Quote(set.quotes[i].clone());
                    Self::replace(set, before, |x| {
                        if let Item::Quote(q) = x {
                            q.speaker = speaker;
                        }
                    });
                }
            }
            Op::Note(x, n) => {
                if let Some(i) = pick(x, items.len()) {
                    let note = n.map(|n| Text::from(format!("note {n}")));
                    Self::replace(set, items[i].clone(), |x| x.set_note(note));
                }
            }
            Op::Review(x, r) => {
                if let Some(i) = pick(x, items.len()) {
                    let status = [
                        ReviewStatus::Unreviewed,
                        ReviewStatus::Accepted,
                        ReviewStatus::Rejected,
                    ][usize::from(r)];
                    Self::replace(set, items[i].clone(), |x| x.set_review(status));
                }
            }
            Op::Checkworthy(c, yes) => {
                if let Some(i) = pick(c, set.claims.len()) {
                    let before = Item::Claim(set.claims[i].clone());
                    Self::replace(set, before, |x| {
                        if let Item::Claim(c) = x {
                            c.checkworthy = Some(if yes {
                                Checkworthy::Yes
                            } else {
                                Checkworthy::No
                            });
                        }
                    });
                }
            }
            Op::Delete(x) => {
                let Some(i) = pick(x, items.len()) else {
                    return;
                };
                let gone = items[i].id().to_owned();
                // As the app does: links to it are cleared first.
                for linker in set.items().collect::<Vec<_>>() {
                    let mut after = linker.clone();
                    match &mut after {
                        Item::Quote(q) if q.speaker.as_deref() == Some(&gone) => q.speaker = None,
                        Item::Claim(c) => {
                            if c.claimant.as_deref() == Some(&gone) {
                                c.claimant = None;
                            }
                            if c.quote.as_deref() == Some(&gone) {
                                c.quote = None;
                            }
                        }
                        _ => {}
                    }
                    if after != linker {
                        set.apply(&Edit::Replace {
                            before: linker,
                            after,
                        });
                    }
                }
                let item = set.get(&gone).unwrap();
                set.apply(&Edit::Remove(item));
            }
            Op::Status(p, s) => {
                let paragraph = p % set.paragraphs.len();
                let after = [
                    ParagraphStatus::Todo,
                    ParagraphStatus::Done,
                    ParagraphStatus::Skipped,
                    ParagraphStatus::Flagged,
                ][usize::from(s)];
                let before = set.paragraphs[paragraph];
                set.apply(&Edit::Status {
                    paragraph,
                    before,
                    after,
                });
            }
            Op::Reject(p, l) => {
                let span = self.names[p % self.names.len()];
                set.apply(&Edit::Dismiss(Rejection {
                    layer: IdKind::Entity,
                    label: Some(LABELS[l % LABELS.len()].into()),
                    span,
                    text: self.doc.slice(span).into(),
                    source: Source::Propagated,
                }));
            }
        }
    }

    fn made(&self, ops: &[Op]) -> AnnotationSet {
        let mut set = AnnotationSet::new(self.doc.paragraphs().len());
        set.next_ids = NextIds::default();
        self.edited(&set, ops)
    }

    fn edited(&self, set: &AnnotationSet, ops: &[Op]) -> AnnotationSet {
        let mut set = set.clone();
        for op in ops {
            self.apply(&mut set, op);
        }
        set
    }
}

/// Whether the annotation `x` of one side (ids as in the merged set) survives in `merged`:
/// there, or recorded in a conflict about its id.
fn kept(merged: &AnnotationSet, x: &Item) -> bool {
    merged.get(x.id()).is_some()
        || merged
            .conflicts()
            .iter()
            .any(|c| c.about == About::Annotation(x.id().into()))
}

fn renamed(x: &Item, renames: &[(Text, Text)]) -> Item {
    let to = |id: &str| {
        renames
            .iter()
            .find(|(old, _)| old == id)
            .map_or_else(|| Text::from(id), |(_, new)| new.clone())
    };
    let mut x = x.clone();
    match &mut x {
        Item::Entity(e) => e.id = to(&e.id),
        Item::Quote(q) => {
            q.id = to(&q.id);
            q.speaker = q.speaker.as_deref().map(to);
        }
        Item::Claim(c) => {
            c.id = to(&c.id);
            c.claimant = c.claimant.as_deref().map(to);
            c.quote = c.quote.as_deref().map(to);
        }
    }
    x
}

#[test]
fn random_edits_of_two_sides_merge_into_a_set_that_loads_and_loses_nothing() {
    let world = World::new();
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("korut.txt");
    std::fs::write(&article, SAMPLE).unwrap();
    let ops = || prop::collection::vec(op(), 0..12);
    let mut runner = TestRunner::new(Config {
        cases: 200,
        ..Config::default()
    });
    runner
        .run(&(ops(), ops(), ops()), |(base_ops, our_ops, their_ops)| {
            let base = world.made(&base_ops);
            let ours = world.edited(&base, &our_ops);
            let theirs = world.edited(&base, &their_ops);
            let merged = merge3(&base, &ours, &theirs);
            tandai::store::save(&article, &world.doc, &merged.set, "editor").map_err(|err| {
                TestCaseError::fail(format!("the merge does not validate: {err}"))
            })?;
            let back = tandai::store::load(&article, &world.doc).unwrap().unwrap();
            prop_assert_eq!(&back.set, &merged.set);

            for x in ours.items() {
                if base.get(x.id()) != Some(x.clone()) {
                    prop_assert!(kept(&merged.set, &x), "ours' {} is lost", x.id());
                    if theirs.get(x.id()) == base.get(x.id()) {
                        prop_assert_eq!(merged.set.get(x.id()), Some(x));
                    }
                }
            }
            for x in theirs.items() {
                if base.get(x.id()) != Some(x.clone()) {
                    let x = renamed(&x, &merged.renamed);
                    prop_assert!(kept(&merged.set, &x), "theirs' {} is lost", x.id());
                    if ours.get(x.id()) == base.get(x.id()) && base.get(x.id()).is_some() {
                        prop_assert_eq!(merged.set.get(x.id()), Some(x));
                    }
                }
            }
            prop_assert_eq!(&merge3(&base, &base, &theirs).set, &theirs);
            prop_assert_eq!(&merge3(&base, &ours, &base).set, &ours);
            prop_assert_eq!(&merge3(&base, &ours, &ours).set, &ours);
            Ok(())
        })
        .unwrap();
}

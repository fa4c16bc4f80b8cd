use super::*;
use crate::model::{Entity, NextIds, QuoteKind, Rejection, Text, smallvec};

/// A speech finder for the engine's tests: in a paragraph holding `ujarnya` it proposes the
/// paragraph as a quote spoken by the carry; the carry becomes the paragraph's last mention.
#[derive(Debug)]
struct LastMention;

impl SpeechFinder for LastMention {
    fn quotes(
        &self,
        doc: &Document,
        index: usize,
        mentions: &[Mention],
        _known: &[QuoteMention],
        carry: Option<Span>,
    ) -> (Vec<Suggestion>, Option<Span>) {
        let range = doc.paragraph(index).unwrap().chars;
        let mut out = Vec::new();
        if doc.paragraph_text(index).contains("ujarnya") {
            out.push(Suggestion {
                span: range,
                what: Proposal::Quote {
                    kind: QuoteKind::Direct,
                    cue: None,
                    speaker: carry,
                },
                source: Source::QuoteFinder,
                score: None,
                reason: "".into(),
            });
        }
        (out, mentions.last().map(|m| m.span).or(carry))
    }

    fn claims(&self, _: &Document, _: usize, _: &[QuoteMention], _: &[Span]) -> Vec<Suggestion> {
        Vec::new()
    }
}

fn entity(doc: &Document, id: &str, label: &str, needle: &str, nth: usize) -> Entity {
    let byte = doc.text().match_indices(needle).nth(nth).unwrap().0;
    let start = doc.text()[..byte].chars().count();
    let span = Span::new(start, start + needle.chars().count());
    Entity {
        id: id.into(),
        label: label.into(),
        spans: smallvec![span],
        text: needle.into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

fn texts(suggester: &Suggester, doc: &Document) -> Vec<String> {
    suggester
        .all()
        .map(|s| match &s.what {
            Proposal::Entity { label } => format!("{label} {}", doc.slice(s.span)),
            Proposal::Quote { speaker, .. } => {
                format!("quote by {}", speaker.map_or("?", |s| doc.slice(s)))
            }
            Proposal::Claim { .. } => "claim".into(),
        })
        .collect()
}

fn apply(suggester: &mut Suggester, doc: &Document, set: &mut AnnotationSet, edits: &[Edit]) {
    for edit in edits {
        set.apply(edit);
    }
    suggester.apply(doc, set, edits);
}

fn propagation_only() -> Suggester {
    Suggester::new(Lexicon::new(Source::Corpus), Vec::new(), None)
}

const TEXT: &str = "Rusia dan Korea Utara.\nDi Rusia, Putin bicara.\n“Ya,” ujarnya.\nRusiana.";

#[test]
fn a_labelled_text_is_proposed_elsewhere_until_its_label_is_removed() {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    let mut suggester = propagation_only();
    suggester.reset(&doc, &set);
    assert_eq!(suggester.total(), 0);
    let rusia = entity(&doc, "e1", "LOC", "Rusia", 0);
    apply(
        &mut suggester,
        &doc,
        &mut set,
        &[Edit::Insert(Item::Entity(rusia.clone()))],
    );
    assert_eq!(
        texts(&suggester, &doc),
        ["LOC Rusia"],
        "the first is annotated"
    );
    assert_eq!(suggester.in_paragraph(1).len(), 1);
    apply(
        &mut suggester,
        &doc,
        &mut set,
        &[Edit::Remove(Item::Entity(rusia))],
    );
    assert_eq!(suggester.total(), 0);
}

#[test]
fn a_rejected_proposal_is_not_made_again_there() {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.apply(&Edit::Insert(Item::Entity(entity(
        &doc, "e1", "LOC", "Rusia", 0,
    ))));
    let mut suggester = propagation_only();
    suggester.reset(&doc, &set);
    let proposed = suggester.in_paragraph(1)[0].clone();
    let rejection = Rejection {
        layer: IdKind::Entity,
        label: Some("LOC".into()),
        span: proposed.span,
        text: "Rusia".into(),
        source: Source::Propagated,
    };
    apply(
        &mut suggester,
        &doc,
        &mut set,
        &[Edit::Dismiss(rejection.clone())],
    );
    assert_eq!(suggester.total(), 0);
    apply(
        &mut suggester,
        &doc,
        &mut set,
        &[Edit::Undismiss(rejection)],
    );
    assert_eq!(suggester.total(), 1);
}

#[test]
fn the_longest_proposal_wins_and_annotations_hide_what_they_overlap() {
    let doc = Document::new("Korea Utara dan Korea.\nKorea Utara lagi.");
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.apply(&Edit::Insert(Item::Entity(entity(
        &doc, "e1", "LOC", "Korea", 1,
    ))));
    set.apply(&Edit::Insert(Item::Entity(entity(
        &doc,
        "e2",
        "LOC",
        "Korea Utara",
        0,
    ))));
    let mut suggester = propagation_only();
    suggester.reset(&doc, &set);
    assert_eq!(texts(&suggester, &doc), ["LOC Korea Utara"]);
    assert_eq!(
        doc.paragraph_at(suggester.all().next().unwrap().span.start),
        Some(1)
    );
}

#[test]
fn a_changed_carry_reaches_the_paragraphs_after() {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    let mut suggester = Suggester::new(
        Lexicon::new(Source::Corpus),
        Vec::new(),
        Some(Box::new(LastMention)),
    );
    suggester.reset(&doc, &set);
    assert_eq!(texts(&suggester, &doc), ["quote by ?"]);
    let putin = entity(&doc, "e1", "PER", "Putin", 0);
    apply(
        &mut suggester,
        &doc,
        &mut set,
        &[Edit::Insert(Item::Entity(putin.clone()))],
    );
    assert_eq!(texts(&suggester, &doc), ["quote by Putin"]);
    apply(
        &mut suggester,
        &doc,
        &mut set,
        &[Edit::Remove(Item::Entity(putin))],
    );
    assert_eq!(texts(&suggester, &doc), ["quote by ?"]);
}

#[test]
fn fixed_proposals_stay_in_their_paragraph_and_skip_the_annotated() {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    let at = |needle: &str| entity(&doc, "x", "ORG", needle, 0).spans[0];
    let model = |span| Suggestion {
        span,
        what: Proposal::Entity {
            label: Text::from("ORG"),
        },
        source: Source::Model("spacy".into()),
        score: Some(0.5),
        reason: "".into(),
    };
    let fixed = Fixed::new(vec![model(at("Putin")), model(at("Korea Utara"))]);
    let mut suggester = Suggester::new(Lexicon::new(Source::Corpus), vec![Box::new(fixed)], None);
    set.apply(&Edit::Insert(Item::Entity(entity(
        &doc, "e1", "PER", "Putin", 0,
    ))));
    set.apply(&Edit::Ids {
        before: NextIds::default(),
        after: NextIds::default(),
    });
    suggester.reset(&doc, &set);
    assert_eq!(texts(&suggester, &doc), ["ORG Korea Utara"]);
}

#[test]
fn steps_go_through_every_proposal_and_wrap() {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.apply(&Edit::Insert(Item::Entity(entity(
        &doc,
        "e1",
        "LOC",
        "Korea Utara",
        0,
    ))));
    set.apply(&Edit::Insert(Item::Entity(entity(
        &doc, "e2", "LOC", "Rusia", 1,
    ))));
    let mut suggester = propagation_only();
    suggester.reset(&doc, &set);
    let starts: Vec<usize> = suggester.all().map(|s| s.span.start).collect();
    assert_eq!(starts.len(), 1, "Rusia of the first paragraph");
    let first = suggester.step(&doc, 30, 0, true).unwrap().span.start;
    assert_eq!(first, starts[0], "wraps to the start");
    let back = suggester.step(&doc, 0, 0, false).unwrap().span.start;
    assert_eq!(back, starts[0]);
}

#[test]
fn stretches_computed_at_once_agree_with_one_pass_in_order() {
    // A speaker named every 97 paragraphs, and a quote by "the last speaker" in all others:
    // stretches of 50 begin without the speaker they should carry.
    let text: String = (0..400)
        .map(|i| {
            if i % 97 == 0 {
                format!("Putin{i} bicara.\n")
            } else {
                "“Ya,” ujarnya.\n".into()
            }
        })
        .collect();
    let doc = Document::new(text);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    for i in (0..400).step_by(97) {
        set.apply(&Edit::Insert(Item::Entity(entity(
            &doc,
            &format!("e{i}"),
            "PER",
            &format!("Putin{i}"),
            0,
        ))));
    }
    let speech = || Some(Box::new(LastMention) as Box<dyn SpeechFinder>);
    let mut parallel = Suggester::new(Lexicon::new(Source::Corpus), Vec::new(), speech());
    parallel.reset(&doc, &set);
    parallel.compute_all(&doc, &set, 50, 3);
    let mut in_order = Suggester::new(Lexicon::new(Source::Corpus), Vec::new(), speech());
    in_order.reset(&doc, &set);
    in_order.compute_all(&doc, &set, usize::MAX, 1);
    let speakers = |s: &Suggester| texts(s, &doc);
    assert_eq!(speakers(&parallel), speakers(&in_order));
    assert_eq!(
        parallel.total(),
        395,
        "every paragraph but the five speakers'"
    );
    assert!(!speakers(&parallel).contains(&"quote by ?".to_string()));
    assert_eq!(
        speakers(&parallel)[100],
        "quote by Putin97",
        "¶102: carried across ¶100"
    );
}

#[test]
fn many_paragraphs_computed_ahead_agree_with_a_fresh_computation() {
    // 600 paragraphs hold "Rusia": labelling it once makes all of them dirty, enough to be
    // computed ahead on every core. Every other paragraph ends with an annotated speaker,
    // so the carry into the paragraph after it stays the same (the result computed ahead is
    // kept); into the others it changes (the result is computed again in order).
    let text: String = (0..600)
        .map(|i| {
            if i % 2 == 0 {
                format!("Rusia ujarnya Putin{i}.\n")
            } else {
                "Rusia ujarnya.\n".into()
            }
        })
        .collect();
    let doc = Document::new(text);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    for i in (0..600).step_by(2) {
        set.apply(&Edit::Insert(Item::Entity(entity(
            &doc,
            &format!("e{}", i + 1),
            "PER",
            &format!("Putin{i}"),
            0,
        ))));
    }
    let speech = || Some(Box::new(LastMention) as Box<dyn SpeechFinder>);
    let mut live = Suggester::new(Lexicon::new(Source::Corpus), Vec::new(), speech());
    live.reset(&doc, &set);
    let rusia = entity(&doc, "e1000", "LOC", "Rusia", 0);
    apply(
        &mut live,
        &doc,
        &mut set,
        &[Edit::Insert(Item::Entity(rusia))],
    );
    let mut fresh = Suggester::new(Lexicon::new(Source::Corpus), Vec::new(), speech());
    fresh.reset(&doc, &set);
    assert_eq!(texts(&live, &doc), texts(&fresh, &doc));
    assert_eq!(live.total(), fresh.total());
    assert!(
        texts(&live, &doc).contains(&"quote by Rusia".to_string()),
        "the carry changed where no speaker ends the paragraph before"
    );
}

#[test]
fn one_search_finds_the_paragraphs_of_every_needle() {
    let doc = Document::new("Korea Utara.\nUtara saja.\nTidak ada.\nKorea dan Utara.\nUTARA.");
    let needles = |n: &[&str]| -> Vec<String> { n.iter().map(|s| s.to_string()).collect() };
    assert_eq!(
        paragraphs_with(&doc, &needles(&["Korea Utara", "Utara", ""])),
        [0, 1, 3],
        "overlapping needles, each paragraph once"
    );
    assert_eq!(paragraphs_with(&doc, &needles(&["UTARA", "ada"])), [2, 4]);
    assert!(paragraphs_with(&doc, &needles(&[""])).is_empty());
}

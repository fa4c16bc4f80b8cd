//! The review panel's rows: every annotation of the document as a list row, and the filters
//! that keep some of them. [`review_rows`] is a pure function of the state that `update` and
//! the view share, so the panel never holds a stale copy; it keeps its last result for as long
//! as the annotations and the filter stay the same.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::model::disagreements::{self, Layer};
use crate::model::{Item, Problem, ReviewStatus, Span, Text, problems};
use crate::state::AppState;

/// The preset filters, cycled with one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Preset {
    /// Every annotation.
    #[default]
    All,
    /// Entities only.
    Entities,
    /// Quotes only.
    Quotes,
    /// Claims only.
    Claims,
    /// Annotations with a problem.
    Problems,
    /// Annotations nobody accepted or rejected yet.
    Unreviewed,
    /// Annotations at a place where the annotators disagree (while adjudicating).
    Disagreements,
}

impl Preset {
    /// The next preset in the cycle.
    pub fn next(self) -> Self {
        match self {
            Preset::All => Preset::Entities,
            Preset::Entities => Preset::Quotes,
            Preset::Quotes => Preset::Claims,
            Preset::Claims => Preset::Problems,
            Preset::Problems => Preset::Unreviewed,
            Preset::Unreviewed => Preset::Disagreements,
            Preset::Disagreements => Preset::All,
        }
    }

    /// The preset's name, as the panel title shows it.
    pub fn name(self) -> &'static str {
        match self {
            Preset::All => "all",
            Preset::Entities => "entities",
            Preset::Quotes => "quotes",
            Preset::Claims => "claims",
            Preset::Problems => "problems",
            Preset::Unreviewed => "unreviewed",
            Preset::Disagreements => "disagreements",
        }
    }

    fn keeps(self, row: &ReviewRow, state: &AppState) -> bool {
        match self {
            Preset::All => true,
            Preset::Entities => row.kind == "entity",
            Preset::Quotes => row.kind == "quote",
            Preset::Claims => row.kind == "claim",
            Preset::Problems => !row.problems.is_empty(),
            Preset::Unreviewed => row.status == ReviewStatus::Unreviewed,
            Preset::Disagreements => disputed(row, state),
        }
    }
}

/// One annotation as the review panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    /// The annotation's id.
    pub id: String,
    /// `entity`, `quote`, `claim`, `relation`, or `kept` (a line kept from an import).
    pub kind: &'static str,
    /// The heading the row is listed under (`Entities · PER`, `Quotes`, `Claims`).
    pub group: String,
    /// The label of an entity, the kind of a quote, the check-worthiness of a claim.
    pub tag: String,
    /// The annotated text.
    pub text: String,
    /// 1-based number of the paragraph of its first fragment.
    pub paragraph: usize,
    /// Its links, as shown (`← Choe Son Hui`, `← Choe Son Hui · q2`), empty for entities.
    pub links: String,
    /// Accepted, rejected or not yet reviewed.
    pub status: ReviewStatus,
    /// What is wrong with it.
    pub problems: Vec<Problem>,
    /// Its note.
    pub note: Option<String>,
    /// Its fragments.
    pub spans: Vec<Span>,
    /// Its attributes, as shown (`Negated`, `Confidence=High`).
    pub attributes: Vec<String>,
    /// The relations from and to it, as shown (`r1 Meets → e2`, `r2 LocatedIn ← e3`).
    pub relations: Vec<String>,
}

/// Every annotation of the document as a row, grouped (entities by label in label-set
/// order, then quotes, then claims) and in document order within a group, before filtering.
pub fn all_rows(state: &AppState) -> Vec<ReviewRow> {
    let set = &state.annotations;
    let found = problems(&state.doc, set);
    let name = |id: &Option<Text>| {
        id.as_deref().map(|id| {
            set.entity(id)
                .map_or_else(|| format!("{id}?"), |e| e.text.to_string())
        })
    };
    let mut label_order: Vec<String> = state
        .labels()
        .labels()
        .iter()
        .map(|l| l.name.clone())
        .collect();
    let mut others: Vec<String> = set
        .entities
        .iter()
        .map(|e| e.label.as_str())
        .filter(|l| !label_order.iter().any(|o| o == l))
        .map(str::to_owned)
        .collect();
    others.sort();
    others.dedup();
    label_order.extend(others);

    let mut rows = Vec::new();
    let row = |item: &Item, group: String, tag: String, links: String| ReviewRow {
        id: item.id().to_owned(),
        kind: item.kind_name(),
        group,
        tag,
        text: match item {
            Item::Entity(e) => e.text.to_string(),
            Item::Quote(q) => q.text.to_string(),
            Item::Claim(c) => c.text.to_string(),
        },
        paragraph: item
            .spans()
            .first()
            .and_then(|s| state.doc.paragraph_at(s.start))
            .map_or(0, |p| p + 1),
        links,
        status: item.review(),
        problems: found.get(item.id()).cloned().unwrap_or_default(),
        note: item.note().map(str::to_owned),
        spans: item.spans().to_vec(),
        attributes: item.attributes().iter().map(|a| a.display()).collect(),
        relations: set
            .relations_of(item.id())
            .map(|r| {
                if r.from == item.id() {
                    format!("{} {} → {}", r.id, r.kind, r.to)
                } else {
                    format!("{} {} ← {}", r.id, r.kind, r.from)
                }
            })
            .collect(),
    };
    for label in &label_order {
        for e in set.entities.iter().filter(|e| e.label == label) {
            let item = Item::Entity(e.clone());
            rows.push(row(
                &item,
                format!("Entities · {label}"),
                label.clone(),
                String::new(),
            ));
        }
    }
    for q in &set.quotes {
        let links = name(&q.speaker).map_or_else(String::new, |s| format!("← {s}"));
        let tag = format!("{:?}", q.kind).to_lowercase();
        rows.push(row(&Item::Quote(q.clone()), "Quotes".into(), tag, links));
    }
    for c in &set.claims {
        let mut links = name(&c.claimant).map_or_else(String::new, |s| format!("← {s}"));
        if let Some(quote) = &c.quote {
            if !links.is_empty() {
                links.push_str(" · ");
            }
            links.push_str(quote);
        }
        let tag = match c.checkworthy {
            Some(crate::model::Checkworthy::Yes) => "check",
            Some(crate::model::Checkworthy::No) => "no-check",
            None => "claim",
        };
        rows.push(row(
            &Item::Claim(c.clone()),
            "Claims".into(),
            tag.into(),
            links,
        ));
    }
    for orphan in &set.orphans {
        let mut orphan_row = row(
            orphan,
            "Orphans".into(),
            orphan.kind_name().into(),
            String::new(),
        );
        orphan_row.paragraph = 0;
        orphan_row.spans.clear();
        rows.push(orphan_row);
    }
    let describe = |id: &str| match set.get(id).or_else(|| set.orphan(id).cloned()) {
        Some(item) => format!("{id} {}", item.text()),
        None => format!("{id}?"),
    };
    for r in &set.relations {
        let from = set.get(&r.from);
        let spans: Vec<Span> = from
            .as_ref()
            .map(|f| f.spans().to_vec())
            .unwrap_or_default();
        rows.push(ReviewRow {
            id: r.id.to_string(),
            kind: "relation",
            group: "Relations".into(),
            tag: r.kind.to_string(),
            text: format!("{} → {}", describe(&r.from), describe(&r.to)),
            paragraph: (spans.first())
                .and_then(|s| state.doc.paragraph_at(s.start))
                .map_or(0, |p| p + 1),
            links: format!("{} → {}", r.from, r.to),
            status: ReviewStatus::Unreviewed,
            problems: Vec::new(),
            note: r.note.as_deref().map(str::to_owned),
            spans,
            attributes: Vec::new(),
            relations: Vec::new(),
        });
    }
    for kept in &set.kept {
        if kept.listed_as_one() {
            if !kept.lines.is_empty() {
                let how: Vec<String> = (kept.ids.iter())
                    .map(|o| format!("{} {}", o.id, o.what))
                    .collect();
                let text = format!(
                    "{} lines: columns between token and tag, document and sentence breaks ({})",
                    kept.lines.len(),
                    how.join(", ")
                );
                rows.push(kept_row(kept, format!("1-{}", kept.lines.len()), text));
            }
            continue;
        }
        for (i, line) in kept.lines.iter().enumerate() {
            rows.push(kept_row(kept, (i + 1).to_string(), line.to_string()));
        }
    }
    rows
}

/// The rows the panel shows: [`all_rows`] kept by the preset and by every word of the typed
/// filter. A word that names a kind (`quote`, `quotes`, `relation`, `kept`, …), a label
/// (`PER`), a status (`unreviewed`, `accepted`, `rejected`), `problem(s)` or `attribute(s)`
/// keeps the rows that have it; any other word keeps the rows whose text, links, note,
/// attributes or relation kind contain it. Case is ignored.
pub fn review_rows(state: &AppState) -> Rc<Vec<ReviewRow>> {
    let key = (
        state.annotations.generation(),
        state.review.query.clone(),
        state.review.preset,
    );
    if let Some((made_from, rows)) = &*state.review_memo.0.borrow()
        && *made_from == key
    {
        return Rc::clone(rows);
    }
    let rows = Rc::new(filtered_rows(state));
    *state.review_memo.0.borrow_mut() = Some((key, Rc::clone(&rows)));
    rows
}

/// The rows [`review_rows`] last gave, with the annotations' generation and the filter they
/// were made for: without it, each key in the panel of a document with 100,000 annotations
/// rebuilt every row several times.
#[derive(Debug, Default)]
pub struct RowsMemo(RefCell<Option<(MadeFrom, Rc<Vec<ReviewRow>>)>>);

/// What rows are made from: the annotations' generation, the typed filter and the preset.
type MadeFrom = (u64, String, Preset);

fn filtered_rows(state: &AppState) -> Vec<ReviewRow> {
    let panel = &state.review;
    let labels: Vec<String> = state
        .labels()
        .labels()
        .iter()
        .map(|l| l.name.to_lowercase())
        .chain(
            state
                .annotations
                .entities
                .iter()
                .map(|e| e.label.as_str().to_lowercase()),
        )
        .collect();
    let words: Vec<String> = panel
        .query
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    all_rows(state)
        .into_iter()
        .filter(|row| panel.preset.keeps(row, state))
        .filter(|row| words.iter().all(|w| word_keeps(w, row, &labels, state)))
        .collect()
}

/// Whether the annotators disagree where `row`'s annotation is (never without adjudication);
/// for a relation, whether they disagree on the relations between its two ends.
fn disputed(row: &ReviewRow, state: &AppState) -> bool {
    let Some(adjudication) = &state.adjudication else {
        return false;
    };
    if row.kind == "relation" {
        let set = &state.annotations;
        let places = (set.relations.iter())
            .find(|r| r.id == row.id)
            .and_then(|r| disagreements::relation_places(set, r));
        return places.is_some_and(|places| {
            (adjudication.alignment.disagreements())
                .any(|u| u.layer == Layer::Relation && u.places().as_ref() == Some(&places))
        });
    }
    let Some(hull) = crate::model::span::hull(&row.spans) else {
        return false;
    };
    (adjudication.alignment.disagreements())
        .any(|u| u.layer.name() == row.kind && u.range.overlaps(&hull))
}

fn word_keeps(word: &str, row: &ReviewRow, labels: &[String], state: &AppState) -> bool {
    match word {
        "disagreement" | "disagreements" => return disputed(row, state),
        "entity" | "entities" => return row.kind == "entity",
        "quote" | "quotes" => return row.kind == "quote",
        "claim" | "claims" => return row.kind == "claim",
        "relation" | "relations" => return row.kind == "relation" || !row.relations.is_empty(),
        "attribute" | "attributes" => return !row.attributes.is_empty(),
        "kept" => return row.kind == "kept",
        "problem" | "problems" => return !row.problems.is_empty(),
        "unreviewed" | "accepted" | "rejected" => return row.status.name() == word,
        _ => {}
    }
    if labels.iter().any(|l| l == word) {
        return row.kind == "entity" && row.tag.to_lowercase() == word;
    }
    let contains = |s: &str| s.to_lowercase().contains(word);
    contains(&row.text)
        || contains(&row.links)
        || row.note.as_deref().is_some_and(contains)
        || row.attributes.iter().any(|a| contains(a))
        || (row.kind == "relation" && contains(&row.tag))
}

/// The headings of `rows` with how many rows each has, in order.
pub fn group_counts(rows: &[ReviewRow]) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for row in rows {
        *counts.entry(row.group.as_str()).or_insert(0) += 1;
    }
    counts
}

/// The row of a kept line (or of all of them, `at` naming which).
fn kept_row(kept: &crate::model::Kept, at: String, text: String) -> ReviewRow {
    ReviewRow {
        id: format!("{}:{at}", kept.format),
        kind: "kept",
        group: format!("Kept from import ({})", kept.format),
        tag: kept.format.to_string(),
        text,
        paragraph: 0,
        links: String::new(),
        status: ReviewStatus::Unreviewed,
        problems: Vec::new(),
        note: None,
        spans: Vec::new(),
        attributes: Vec::new(),
        relations: Vec::new(),
    }
}

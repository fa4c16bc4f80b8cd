//! doccano JSONL in: one document per line, `<file stem>-<n>` in line order.
//!
//! Each line is `{"text", "entities": [{"id", "start_offset", "end_offset", "label"}],
//! "relations": [{"id", "from_id", "to_id", "type"}]}` (relation extraction projects) or
//! `{"text", "label": [[start, end, "LABEL"], …]}` (sequence labelling projects); other keys
//! are ignored. Offsets are characters. As [`crate::export::doccano`] writes them, labels
//! `QUOTE-Direct` / `QUOTE-Indirect` / `QUOTE-Mixed` are quotes, `CUE` cues, `CLAIM` claims,
//! any other label an entity; a `Fragment` relation (later fragment → first) joins fragments
//! into one annotation; `Speaker` (quote → entity), `Cue` (quote → cue), `Claimant` (claim →
//! entity) and `Source` (claim → quote) link them. Any other relation type between two
//! annotations becomes a [`crate::model::Relation`] of that type. A relation to or from a cue
//! other than its quote's `Cue`, or a cue no quote links to, is an error naming the line.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::export::CLAIM_TAG;
use crate::export::doccano::CUE_LABEL;
use crate::model::{Document, Relation, Span, format_compact};

use super::{Builder, ImportError, Imported, numbered_names, quote_kind, read_text};

/// Reads every line of a doccano JSONL file.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    let source = read_text(path)?;
    let mut docs = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (doc, set) = parse_line(line).map_err(|m| ImportError::at(path, i + 1, m))?;
        docs.push((doc, set));
    }
    let names = numbered_names(path, docs.len());
    Ok(docs
        .into_iter()
        .zip(names)
        .map(|((doc, set), name)| Imported { name, doc, set })
        .collect())
}

struct Fragment {
    id: u64,
    span: Span,
    label: String,
}

fn number(v: &Value, what: &str) -> Result<u64, String> {
    v.as_u64()
        .ok_or_else(|| format!("{what} is not a non-negative integer: {v}"))
}

fn parse_line(line: &str) -> Result<(Document, crate::model::AnnotationSet), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let text = value["text"]
        .as_str()
        .ok_or("no \"text\" string")?
        .to_owned();
    let doc = Document::new(text);
    let mut fragments = Vec::new();
    if let Some(entities) = value.get("entities") {
        for e in entities.as_array().ok_or("\"entities\" is not a list")? {
            fragments.push(Fragment {
                id: number(&e["id"], "entity id")?,
                span: Span::new(
                    number(&e["start_offset"], "start_offset")? as usize,
                    number(&e["end_offset"], "end_offset")? as usize,
                ),
                label: e["label"]
                    .as_str()
                    .ok_or("entity without a label")?
                    .to_owned(),
            });
        }
    } else if let Some(labels) = value.get("label") {
        for (n, l) in labels
            .as_array()
            .ok_or("\"label\" is not a list")?
            .iter()
            .enumerate()
        {
            let entry = l
                .as_array()
                .filter(|a| a.len() == 3)
                .ok_or_else(|| format!("label {l} is not [start, end, \"LABEL\"]"))?;
            fragments.push(Fragment {
                id: n as u64 + 1,
                span: Span::new(
                    number(&entry[0], "start")? as usize,
                    number(&entry[1], "end")? as usize,
                ),
                label: entry[2]
                    .as_str()
                    .ok_or("label name is not a string")?
                    .to_owned(),
            });
        }
    }
    let mut relations: Vec<(String, u64, u64)> = Vec::new();
    if let Some(list) = value.get("relations") {
        for r in list.as_array().ok_or("\"relations\" is not a list")? {
            relations.push((
                r["type"]
                    .as_str()
                    .ok_or("relation without a type")?
                    .to_owned(),
                number(&r["from_id"], "from_id")?,
                number(&r["to_id"], "to_id")?,
            ));
        }
    }
    let index: HashMap<u64, usize> = fragments
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id, i))
        .collect();
    if index.len() != fragments.len() {
        return Err("two entities have the same id".into());
    }
    let find = |id: u64| {
        index
            .get(&id)
            .copied()
            .ok_or_else(|| format!("relation to unknown entity id {id}"))
    };
    // Fragment relations: each fragment's annotation is its first fragment.
    let mut root: Vec<usize> = (0..fragments.len()).collect();
    for (kind, from, to) in &relations {
        if kind == "Fragment" {
            let (from, to) = (find(*from)?, find(*to)?);
            if fragments[from].label != fragments[to].label {
                return Err(format!(
                    "Fragment relation between labels {} and {}",
                    fragments[from].label, fragments[to].label
                ));
            }
            root[from] = to;
        }
    }
    let top = |mut i: usize| {
        for _ in 0..fragments.len() {
            if root[i] == i {
                return Ok(i);
            }
            i = root[i];
        }
        Err("Fragment relations form a cycle".to_owned())
    };
    let mut members: Vec<Vec<Span>> = vec![Vec::new(); fragments.len()];
    for i in 0..fragments.len() {
        members[top(i)?].push(fragments[i].span);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Made {
        Entity(usize),
        Quote(usize),
        Claim(usize),
        Cue(usize),
        None,
    }
    let mut b = Builder::new(&doc);
    let mut made = vec![Made::None; fragments.len()];
    let kinds: [fn(&str) -> bool; 4] = [
        |l| l != CUE_LABEL && l != CLAIM_TAG && !l.starts_with("QUOTE-"),
        |l| l.starts_with("QUOTE-"),
        |l| l == CLAIM_TAG,
        |l| l == CUE_LABEL,
    ];
    for (k, wanted) in kinds.iter().enumerate() {
        for (i, f) in fragments.iter().enumerate() {
            if root[i] != i || !wanted(&f.label) {
                continue;
            }
            let spans = b
                .spans(members[i].clone())
                .map_err(|m| format!("entity {}: {m}", f.id))?;
            made[i] = match k {
                0 => Made::Entity(b.entity(&f.label, spans)),
                1 => {
                    let kind = quote_kind(&f.label["QUOTE-".len()..]).ok_or_else(|| {
                        format!(
                            "label {} is not QUOTE-Direct, QUOTE-Indirect or QUOTE-Mixed",
                            f.label
                        )
                    })?;
                    Made::Quote(b.quote(kind, spans))
                }
                2 => Made::Claim(b.claim(spans)),
                _ => Made::Cue(i),
            };
        }
    }
    let mut cued = vec![false; fragments.len()];
    for (kind, from, to) in &relations {
        let (from, to) = (made[top(find(*from)?)?], made[top(find(*to)?)?]);
        let twice = |what: &str| format!("{kind} relation: the annotation already has a {what}");
        match (kind.as_str(), from, to) {
            ("Fragment", _, _) => {}
            ("Speaker", Made::Quote(q), Made::Entity(e)) => {
                let id = b.set.entities[e].id.clone();
                let slot = &mut b.set.quotes[q].speaker;
                if slot.replace(id).is_some() {
                    return Err(twice("speaker"));
                }
            }
            ("Claimant", Made::Claim(c), Made::Entity(e)) => {
                let id = b.set.entities[e].id.clone();
                if b.set.claims[c].claimant.replace(id).is_some() {
                    return Err(twice("claimant"));
                }
            }
            ("Source", Made::Claim(c), Made::Quote(q)) => {
                let id = b.set.quotes[q].id.clone();
                if b.set.claims[c].quote.replace(id).is_some() {
                    return Err(twice("source quote"));
                }
            }
            ("Cue", Made::Quote(q), Made::Cue(i)) => {
                let spans = b.spans(members[i].clone())?;
                if cued[i] || b.set.quotes[q].cue.is_some() {
                    return Err(twice("cue"));
                }
                cued[i] = true;
                b.set.quotes[q].cue = Some(b.cue(spans));
            }
            ("Speaker" | "Claimant" | "Source" | "Cue", _, _)
            | (_, Made::Cue(_) | Made::None, _)
            | (_, _, Made::Cue(_) | Made::None) => {
                return Err(format!(
                    "{kind} relation between annotations of the wrong labels"
                ));
            }
            _ => {
                let id_of = |m: Made, b: &Builder| match m {
                    Made::Entity(i) => b.set.entities[i].id.clone(),
                    Made::Quote(i) => b.set.quotes[i].id.clone(),
                    Made::Claim(i) => b.set.claims[i].id.clone(),
                    Made::Cue(_) | Made::None => unreachable!("refused above"),
                };
                let (from, to) = (id_of(from, &b), id_of(to, &b));
                let id = format_compact!("r{}", b.set.relations.len() + 1);
                b.set.relations.push(Relation {
                    id,
                    kind: kind.as_str().into(),
                    from,
                    to,
                    note: None,
                });
            }
        }
    }
    if let Some(i) = (0..fragments.len()).find(|&i| made[i] == Made::Cue(i) && !cued[i]) {
        return Err(format!(
            "entity {} ({CUE_LABEL}) is not linked from a quote by a Cue relation",
            fragments[i].id
        ));
    }
    b.set.next_ids.relation = b.set.relations.len() as u64 + 1;
    let set = b.finish();
    Ok((doc, set))
}

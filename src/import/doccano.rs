//! doccano JSONL in: one document per line, `<file stem>-<n>` in line order.
//!
//! Each line is `{"text", "entities": [{"id", "start_offset", "end_offset", "label"}],
//! "relations": [{"id", "from_id", "to_id", "type"}]}` (relation extraction projects) or
//! `{"text", "label": [[start, end, "LABEL"], …]}` (sequence labelling projects). Offsets are
//! characters. As [`crate::export::doccano`] writes them, labels `QUOTE-Direct` /
//! `QUOTE-Indirect` / `QUOTE-Mixed` are quotes, `CUE` cues (a `CUE` no quote takes by a `Cue`
//! relation is an entity), `CLAIM` claims, any other label an entity; a `Fragment` relation
//! (later fragment → first) joins fragments into one annotation; the other relations are read
//! by [`super::link`]: tandai's links, or relations of any type.
//!
//! Kept (format `doccano`), for the export to write back: a relation with a cue at an end
//! (other than its quote's `Cue`), as read, with what each of its ends became (`ids`: the
//! original entity id and `e1`, `q1`, `q1 cue`…); every other key of the line (`id`, `meta`,
//! `Comments`…), one line each as `"KEY":VALUE`.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::export::CLAIM_TAG;
use crate::export::doccano::{CUE_LABEL, KEPT_FORMAT, KNOWN_KEYS};
use crate::model::{Document, Kept, Origin, Span, Text};

use super::{
    Builder, ImportError, Imported, Linked, Made, link, numbered_names, quote_kind, read_text,
};

/// Reads every line of a doccano JSONL file.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    parse(path, &read_text(path)?)
}

/// Reads every line of `source`, the text of the doccano JSONL file `path` (which names the
/// documents and the errors).
pub fn parse(path: &Path, source: &str) -> Result<Vec<Imported>, ImportError> {
    let docs = super::lines::parse_lines(path, source, parse_line)?;
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
    let value: Value =
        serde_json::from_str(line).map_err(|e| super::lines::invalid_json(line, &e))?;
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
    let mut relations: Vec<(String, u64, u64, &Value)> = Vec::new();
    if let Some(list) = value.get("relations") {
        for r in list.as_array().ok_or("\"relations\" is not a list")? {
            relations.push((
                r["type"]
                    .as_str()
                    .ok_or("relation without a type")?
                    .to_owned(),
                number(&r["from_id"], "from_id")?,
                number(&r["to_id"], "to_id")?,
                r,
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
    for (kind, from, to, _) in &relations {
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
    // A cue no quote takes by a Cue relation is an entity labelled as it is.
    let mut cue_taken = vec![false; fragments.len()];
    for (kind, from, to, _) in &relations {
        let (from, to) = (top(find(*from)?)?, top(find(*to)?)?);
        if kind == "Cue"
            && fragments[from].label.starts_with("QUOTE-")
            && fragments[to].label == CUE_LABEL
        {
            cue_taken[to] = true;
        }
    }
    let mut b = Builder::new(&doc);
    let mut made = vec![Made::None; fragments.len()];
    let class = |i: usize, l: &str| match l {
        CLAIM_TAG => 2,
        CUE_LABEL if cue_taken[i] => 3,
        _ if l.starts_with("QUOTE-") => 1,
        _ => 0,
    };
    for k in 0..4 {
        for (i, f) in fragments.iter().enumerate() {
            if root[i] != i || class(i, &f.label) != k {
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
    let mut cue_of: HashMap<usize, Text> = HashMap::new();
    let mut unmodelled: Vec<(u64, u64, &Value)> = Vec::new();
    for (kind, from, to, original) in &relations {
        let (fi, ti) = (top(find(*from)?)?, top(find(*to)?)?);
        let linked = link(
            &mut b,
            kind,
            made[fi],
            made[ti],
            |b, i| b.spans(members[i].clone()),
            &mut cued,
        )?;
        match linked {
            Linked::Link(quote) if kind == "Cue" => {
                cue_of.insert(ti, quote);
            }
            Linked::Unmodelled => unmodelled.push((*from, *to, original)),
            _ => {}
        }
    }
    // Kept: each relation tandai does not model (an end at a cue), as read, with what its
    // ends became; the line's other keys, one line each (`"KEY": VALUE`).
    let mut kept = Kept {
        format: KEPT_FORMAT.into(),
        ..Kept::default()
    };
    let mut named: Vec<u64> = Vec::new();
    for (from, to, original) in unmodelled {
        kept.lines.push(original.to_string().into());
        for end in [from, to] {
            if named.contains(&end) {
                continue;
            }
            named.push(end);
            let t = top(find(end)?)?;
            let what = match made[t] {
                Made::Entity(i) => b.set.entities[i].id.to_string(),
                Made::Quote(i) => b.set.quotes[i].id.to_string(),
                Made::Claim(i) => b.set.claims[i].id.to_string(),
                Made::Cue(_) => cue_of.get(&t).map(|q| format!("{q} cue")).ok_or_else(|| {
                    format!(
                        "entity {end} ({CUE_LABEL}) is not linked from a quote by a Cue relation"
                    )
                })?,
                Made::None => String::new(),
            };
            kept.ids.push(Origin {
                id: end.to_string().into(),
                what: what.into(),
            });
        }
    }
    if let Some(object) = value.as_object() {
        for (key, v) in object {
            let read = KNOWN_KEYS.contains(&key.as_str())
                || (key == "label" && value.get("entities").is_none());
            if !read {
                kept.lines
                    .push(format!("{}:{v}", Value::from(key.as_str())).into());
            }
        }
    }
    if let Some(i) = (0..fragments.len()).find(|&i| made[i] == Made::Cue(i) && !cued[i]) {
        return Err(format!(
            "entity {} ({CUE_LABEL}) is not linked from a quote by a Cue relation",
            fragments[i].id
        ));
    }
    if !kept.is_empty() {
        b.set.kept.push(kept);
    }
    b.set.next_ids.relation = b.set.relations.len() as u64 + 1;
    let set = b.finish();
    Ok((doc, set))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relation_of_an_empty_type_is_refused_at_its_line() {
        let line = |kind: &str| {
            format!(
                "{{\"text\":\"Putin dan Xi.\",\"entities\":[{{\"id\":1,\"start_offset\":0,\"end_offset\":5,\"label\":\"PER\"}},{{\"id\":2,\"start_offset\":10,\"end_offset\":12,\"label\":\"PER\"}}],\"relations\":[{{\"id\":1,\"from_id\":1,\"to_id\":2,\"type\":{kind:?}}}]}}"
            )
        };
        let file = Path::new("d.jsonl");
        for kind in ["", " "] {
            let source = format!("{}\n{}\n", line("meets"), line(kind));
            let e = parse(file, &source).unwrap_err();
            assert_eq!(e.line, Some(2), "{e}");
            assert!(e.message.contains("empty type"), "{e}");
        }
        let docs = parse(file, &line("meets")).unwrap();
        assert_eq!(docs[0].set.relations[0].kind, "meets");
    }
}

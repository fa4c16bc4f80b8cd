//! A task a Label Studio import kept, written back with tandai's annotations in it: every
//! key, annotation and prediction as read; each result tandai made something of rebuilt from
//! the original with tandai's values over it (so its other keys, extra labels, direction,
//! `to_name` and region id come back); results tandai does not model as read, unless they
//! name a region deleted in tandai (left out, with a warning); new results last.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{ENTITY_FROM, Item, Per, attribute_value, item_value};
use crate::export::{ExportError, Warning};
use crate::model::{Document, Kept, Span};

/// The task of `kept` with `items` in it, as one line of JSON (no line end).
pub(super) fn task<'a>(
    kept: &Kept,
    doc: &Document,
    doc_id: &str,
    items: impl Iterator<Item = Item<'a>>,
    warnings: &mut Vec<Warning>,
) -> Result<String, ExportError> {
    let bad = |what: &str| {
        ExportError::Io(std::io::Error::other(format!(
            "{doc_id}: the kept Label Studio task is damaged ({what})"
        )))
    };
    let mut skeleton: Value = kept
        .lines
        .first()
        .and_then(|l| serde_json::from_str(l).ok())
        .ok_or_else(|| bad("its first line is not JSON"))?;
    let mut originals: Vec<Option<(Value, &str)>> = Vec::with_capacity(kept.ids.len());
    for o in &kept.ids {
        originals.push(if o.what.is_empty() {
            None
        } else {
            let v: Value = serde_json::from_str(&o.id).map_err(|_| bad("a result is not JSON"))?;
            Some((v, o.what.as_str()))
        });
    }
    // Region ids: the original's for the regions it had, tandai's for new ones (another when
    // the original used that one).
    let mut region_id: HashMap<&str, String> = HashMap::new();
    let mut original_regions: HashSet<String> = HashSet::new();
    for (v, what) in originals.iter().flatten() {
        if v["type"] == "labels"
            && let Some(id) = v["id"].as_str()
        {
            region_id.insert(what, id.to_owned());
            original_regions.insert(id.to_owned());
        }
    }
    let items: Vec<Item> = items.collect();
    for item in &items {
        if let Item::Region { id, .. } = item
            && !region_id.contains_key(id.as_str())
        {
            let mut new = id.clone();
            while original_regions.contains(&new) {
                new.push_str("-new");
            }
            region_id.insert(id.as_str(), new);
        }
    }
    let map = |id: &str| region_id.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let written: HashSet<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Region { id, .. } => Some(map(id)),
            _ => None,
        })
        .collect();
    let mut generated: HashMap<String, (usize, Value)> = HashMap::new();
    for (n, item) in items.iter().enumerate() {
        let mut v = item_value(item, doc);
        for key in ["id", "from_id", "to_id"] {
            if let Some(id) = v.get(key).and_then(Value::as_str) {
                v[key] = Value::from(map(id));
            }
        }
        generated.insert(item.key(), (n, v));
    }
    let mut result = Vec::with_capacity(items.len() + kept.lines.len());
    let mut used = vec![false; items.len()];
    let mut lines = kept.lines.iter().skip(1);
    for original in originals {
        match original {
            Some((orig, what)) => {
                if let Some((n, new)) = generated.get(what) {
                    used[*n] = true;
                    result.push(overlay(orig, new, &items[*n]));
                }
            }
            None => {
                let line = lines
                    .next()
                    .ok_or_else(|| bad("a kept result is missing"))?;
                let v: Value =
                    serde_json::from_str(line).map_err(|_| bad("a kept result is not JSON"))?;
                let names = ["id", "from_id", "to_id"]
                    .into_iter()
                    .filter_map(|k| v.get(k).and_then(Value::as_str))
                    .find(|id| original_regions.contains(*id) && !written.contains(*id));
                match names {
                    Some(gone) => warnings.push(Warning {
                        doc_id: doc_id.to_owned(),
                        span: Span::default(),
                        text: String::new(),
                        reason: format!(
                            "a result kept from the Label Studio import names region {gone}, \
                             deleted in tandai: left out ({line})"
                        ),
                    }),
                    None => result.push(v),
                }
            }
        }
    }
    for (n, item) in items.iter().enumerate() {
        if !used[n] {
            result.push(
                generated
                    .remove(&item.key())
                    .map(|(_, v)| v)
                    .unwrap_or_default(),
            );
        }
    }
    let task = skeleton
        .as_object_mut()
        .ok_or_else(|| bad("not an object"))?;
    let data = task
        .entry("data")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| bad("data is not an object"))?;
    data.insert("text".into(), doc.text().into());
    if data.contains_key(super::ID_KEY) {
        data.insert(super::ID_KEY.into(), doc_id.into());
    }
    match task.get_mut("annotations").and_then(Value::as_array_mut) {
        Some(list) if !list.is_empty() => {
            if let Some(first) = list[0].as_object_mut() {
                first.insert("result".into(), Value::Array(result));
            }
        }
        _ if !result.is_empty() => {
            let mut first = Map::new();
            first.insert("result".into(), Value::Array(result));
            task.insert(
                "annotations".into(),
                Value::Array(vec![Value::Object(first)]),
            );
        }
        _ => {}
    }
    // `data` and `annotations` first, `text` first in `data`, as tandai writes a task.
    let mut out = String::with_capacity(doc.text().len() * 2 + 256);
    object(
        &mut out,
        task,
        &["data", "annotations"],
        &|out, key, v| match (key, v.as_object()) {
            ("data", Some(data)) => object(out, data, &["text"], &|out, _, v| {
                out.push_str(&v.to_string());
            }),
            _ => out.push_str(&v.to_string()),
        },
    );
    Ok(out)
}

/// Writes `map` as a JSON object: the keys `first` (those it has) first, then the others in
/// order, each value by `value`.
fn object(
    out: &mut String,
    map: &Map<String, Value>,
    first: &[&str],
    value: &dyn Fn(&mut String, &str, &Value),
) {
    out.push('{');
    let keys = first
        .iter()
        .copied()
        .filter(|k| map.contains_key(*k))
        .chain(
            map.keys()
                .map(String::as_str)
                .filter(|k| !first.contains(k)),
        );
    for (n, key) in keys.enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(key).to_string());
        out.push(':');
        value(out, key, &map[key]);
    }
    out.push('}');
}

/// The original result `orig` with what tandai holds now (`new`, the result tandai would
/// write for `item`) over it.
fn overlay(mut orig: Value, new: &Value, item: &Item) -> Value {
    let Some(o) = orig.as_object_mut() else {
        return new.clone();
    };
    match item {
        Item::Region { from, label, .. } => {
            o.insert("id".into(), new["id"].clone());
            if *from != ENTITY_FROM {
                o.insert("from_name".into(), (*from).into());
            }
            let value = value_of(o);
            for key in ["start", "end"] {
                value.insert(key.into(), new["value"][key].clone());
            }
            if value.contains_key("text") {
                value.insert("text".into(), new["value"]["text"].clone());
            }
            if value
                .get("labels")
                .and_then(|l| l.get(0))
                .and_then(Value::as_str)
                != Some(label)
            {
                value.insert("labels".into(), new["value"]["labels"].clone());
            }
        }
        Item::PerRegion { per, .. } => {
            o.insert("id".into(), new["id"].clone());
            let kind = o
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let from = o
                .get("from_name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let value = value_of(o);
            for key in ["start", "end"] {
                if value.contains_key(key) {
                    value.insert(key.into(), new["value"][key].clone());
                }
            }
            let now = match per {
                Per::Attribute(a) => Some(a.value.as_deref().map(str::to_owned)),
                Per::Note(n) => Some(Some((*n).to_owned())),
                Per::Checkworthy(_) => None,
            };
            let before = attribute_value(&kind, &from, &Value::Object(value.clone()));
            let same = match per {
                Per::Checkworthy(_) => value.get("choices") == Some(&new["value"]["choices"]),
                _ => before == now,
            };
            if !same {
                match (kind.as_str(), now.flatten()) {
                    ("textarea", Some(text)) => {
                        value.insert("text".into(), Value::from(vec![text]));
                    }
                    ("rating" | "number", Some(n))
                        if serde_json::from_str::<serde_json::Number>(&n).is_ok() =>
                    {
                        let n: Value = serde_json::from_str(&n).unwrap_or_default();
                        value.insert(kind.clone(), n);
                    }
                    _ => return new.clone(),
                }
            }
        }
        Item::Relation { label, .. } => {
            let (from, to) = (new["from_id"].clone(), new["to_id"].clone());
            let left = o.get("direction").and_then(Value::as_str) == Some("left");
            let (a, b) = if left { (to, from) } else { (from, to) };
            o.insert("from_id".into(), a);
            o.insert("to_id".into(), b);
            if o.get("labels")
                .and_then(|l| l.get(0))
                .and_then(Value::as_str)
                != Some(label)
            {
                o.insert("labels".into(), new["labels"].clone());
            }
        }
    }
    orig
}

/// The `value` object of a result, made one if it is missing.
fn value_of(o: &mut Map<String, Value>) -> &mut Map<String, Value> {
    let v = o
        .entry("value")
        .or_insert_with(|| Value::Object(Map::new()));
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    v.as_object_mut().expect("made an object above")
}

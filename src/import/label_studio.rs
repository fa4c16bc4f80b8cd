//! Label Studio JSON in: a JSON array of tasks (or one task object), one document per task.
//!
//! A task is `{"data": {"text": …}, "annotations": [{"result": […]}], "predictions": […]}`;
//! [`read`] takes the task's first annotation (the others are kept), [`read_predictions`]
//! every result of every prediction (for `tandai suggest`). What tandai does not model is kept
//! for the export to write back (see `task` and `docs/label-studio.md`). A document is named `data.tandai_id` when tandai wrote
//! it (a relative path without `..`), else `<file stem>-<n>` in task order.
//!
//! Results, as [`crate::export::label_studio`] writes them:
//! - `labels` (`value.start`, `value.end`, `value.labels`, optional `value.text`): a region.
//!   `from_name` `quote` makes a quote of the kind labelled, `cue` a cue, `claim` a claim, any
//!   other an entity with its label (its first label; a cue no quote takes is an entity).
//! - `relation` (`from_id`, `to_id`, `direction` `right`, `bi` or `left`, `labels`): `Fragment` joins
//!   a further fragment to the first; `Speaker`, `Cue`, `Claimant`, `Source` link as tandai
//!   does; any other label between two annotations is a [`Relation`](crate::model::Relation) of that kind (`r1`, …).
//! - `choices` from `checkworthy` (`Yes`/`No`) and `textarea` from `note`, with a region's id:
//!   a claim's check-worthiness and an annotation's note; other `choices`, `textarea`,
//!   `rating`, `number` on a region: attributes (see [`crate::export::label_studio::attribute_value`]).
//!
//! Offsets are code points. Some Label Studio versions stored JavaScript string offsets (UTF-16
//! code units), which differ after an astral character (an emoji): when `value.text` is not the
//! text at the code point offsets but is at the UTF-16 ones, those are used. Neither: an error.
//! Errors name the file, the line and column where the task starts (`FILE:LINE: column C, task
//! N: …`; for invalid JSON, the place of the error itself), and the task's number.

use std::collections::HashMap;
use std::path::Path;

use node::{Entries, Node};

mod node;

use super::lines::in_runs;
use super::{
    Builder, ImportError, Imported, Linked, Made, link, numbered_names, quote_kind, read_text,
};
use crate::export::label_studio::{
    CHECKWORTHY_FROM, CLAIM_FROM, CUE_FROM, ID_KEY, KEPT_FORMAT, NOTE_FROM, QUOTE_FROM,
    attribute_value,
};
use crate::model::attributes;
use crate::model::{AnnotationSet, Attribute, Checkworthy, Document, Kept, Origin, Span, Text};

/// Which results of a task to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Results {
    /// The task's annotation.
    Annotations,
    /// Every prediction's results.
    Predictions,
}

/// Reads every task's annotation.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    read_results(path, Results::Annotations)
}

/// Reads every task's predictions, for `tandai suggest --from label-studio`.
pub fn read_predictions(path: &Path) -> Result<Vec<Imported>, ImportError> {
    read_results(path, Results::Predictions)
}

/// Reads every task of `path`, taking `which` results. The tasks are found first
/// (`split_tasks`), then parsed and read on every core ([`super::lines::in_runs`]); the
/// error reported is the first task's that has one, as reading them in order would give.
pub fn read_results(path: &Path, which: Results) -> Result<Vec<Imported>, ImportError> {
    parse_results(path, &read_text(path)?, which)
}

/// Reads every task of `source`, the text of the Label Studio file `path` (which names the
/// documents and the errors), taking `which` results, as [`read_results`] does.
pub fn parse_results(
    path: &Path,
    source: &str,
    which: Results,
) -> Result<Vec<Imported>, ImportError> {
    let tasks =
        split_tasks(source).map_err(|(offset, m)| at(path, source, offset, format!(": {m}")))?;
    let names = numbered_names(path, tasks.len());
    in_runs(tasks, 2, |n, (offset, slice)| {
        let value: Node = serde_json::from_str(slice).map_err(|e| {
            let (line, column) = place(source, offset + byte_of(slice, e.line(), e.column()));
            ImportError::at(
                path,
                line,
                format!("{column}: task {}: invalid JSON: {e}", n + 1),
            )
        })?;
        let fail = |m: String| at(path, source, offset, format!(", task {}: {m}", n + 1));
        let (doc, set, name) = task(&value, which).map_err(fail)?;
        Ok(Imported {
            name: name.unwrap_or_else(|| names[n].clone()),
            doc,
            set,
        })
    })
}

/// An error at byte `offset` of `source`: `file:line: column C: message` (`message` begins
/// with its own separator).
fn at(path: &Path, source: &str, offset: usize, message: String) -> ImportError {
    let (line, column) = place(source, offset);
    ImportError::at(path, line, format!("column {column}{message}"))
}

/// 1-based line and column (in characters) of byte `offset`.
fn place(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The byte offset in `text` of serde_json's 1-based `line` and byte `column` (clamped to the
/// text, on the start of the character holding that byte).
fn byte_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .filter(|_| line > 1)
        .map_or(0, |(at, _)| at + 1);
    let mut at = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The tasks of the file, each with its byte offset: the elements of the top-level array, or
/// the one top-level object. Strings and nesting are followed, so a task is found without
/// parsing it.
fn split_tasks(source: &str) -> Result<Vec<(usize, &str)>, (usize, String)> {
    let bytes = source.as_bytes();
    let skip = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let start = skip(0);
    match bytes.get(start) {
        Some(b'{') => return Ok(vec![(start, source[start..].trim_end())]),
        Some(b'[') => {}
        _ => {
            return Err((
                start,
                "not Label Studio JSON: expected an array of tasks or a task object".into(),
            ));
        }
    }
    let mut tasks = Vec::new();
    let mut i = skip(start + 1);
    if bytes.get(i) == Some(&b']') {
        return Ok(tasks);
    }
    loop {
        let begin = i;
        let mut depth = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => i = string_end(bytes, i + 1),
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => depth -= 1,
                b',' | b']' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        if i >= bytes.len() {
            return Err((begin, "the array of tasks is not closed".into()));
        }
        tasks.push((begin, source[begin..i].trim_end()));
        let end = bytes[i];
        i = skip(i + 1);
        if end == b']' {
            if i < bytes.len() {
                return Err((i, "text after the array of tasks".into()));
            }
            return Ok(tasks);
        }
    }
}

/// The index of the `"` closing the string whose text starts at `i` (a backslash escapes the
/// byte after it), or `bytes.len()` when it is not closed.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(k) = memchr::memchr2(b'"', b'\\', &bytes[i.min(bytes.len())..]) {
        i += k;
        if bytes[i] == b'"' {
            return i;
        }
        i += 2;
    }
    bytes.len()
}

/// The document's name from `data.tandai_id`, when it is a safe relative path.
fn task_name(data: &Node) -> Option<String> {
    let id = data.get(ID_KEY)?.as_str()?;
    let safe = !id.is_empty()
        && !id.starts_with('/')
        && !id.contains('\\')
        && id
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    safe.then(|| id.to_owned())
}

fn str_of<'a>(v: &'a Node, key: &str, what: &str) -> Result<&'a str, String> {
    v.get(key)
        .and_then(Node::as_str)
        .ok_or_else(|| format!("{what} without a string \"{key}\""))
}

fn number(v: &Node, key: &str, what: &str) -> Result<usize, String> {
    v.get(key)
        .and_then(Node::as_u64)
        .map(|n| n as usize)
        .ok_or_else(|| format!("{what}: \"{key}\" is not a non-negative integer"))
}

/// The results `which` asks for: the first annotation's (the others are kept with the task),
/// or every prediction's.
fn results<'n, 'a>(value: &'n Node<'a>, which: Results) -> Result<Vec<&'n Node<'a>>, String> {
    let key = match which {
        Results::Annotations => "annotations",
        Results::Predictions => "predictions",
    };
    let Some(list) = value.get(key) else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or_else(|| format!("\"{key}\" is not a list"))?;
    let taken = match which {
        Results::Annotations => &list[..list.len().min(1)],
        Results::Predictions => &list[..],
    };
    let mut all = Vec::new();
    for entry in taken {
        let result = entry
            .get("result")
            .and_then(Node::as_array)
            .ok_or_else(|| format!("an entry of \"{key}\" without a \"result\" list"))?;
        all.extend(result);
    }
    Ok(all)
}

/// The task as it is kept for export, as compact JSON (keys in order, as [`serde_json::Value`]
/// writes them): without `data.text` and without the first annotation's `result` (tandai
/// writes both from the document); every other key, annotation and prediction as read.
fn skeleton(task: &Node) -> String {
    json(&Skeleton(task))
}

/// A task written as [`skeleton`] keeps it.
struct Skeleton<'n, 'a>(&'n Node<'a>);

impl serde::Serialize for Skeleton<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Node::Object(task) = self.0 else {
            return self.0.serialize(serializer);
        };
        let entries = node::in_order(task, None);
        let mut out = serializer.serialize_map(Some(entries.len()))?;
        for (k, v) in entries {
            match (k, v) {
                ("data", Node::Object(data)) => {
                    out.serialize_entry(k, &Entries(data, Some("text")))?
                }
                ("annotations", Node::Array(list)) => {
                    out.serialize_entry(k, &FirstWithoutResult(list))?
                }
                _ => out.serialize_entry(k, v)?,
            }
        }
        out.end()
    }
}

/// A list of annotations, the first without its `result`.
struct FirstWithoutResult<'n, 'a>(&'n [Node<'a>]);

impl serde::Serialize for FirstWithoutResult<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut out = serializer.serialize_seq(Some(self.0.len()))?;
        for (i, v) in self.0.iter().enumerate() {
            match (i, v) {
                (0, Node::Object(first)) => {
                    out.serialize_element(&Entries(first, Some("result")))?
                }
                _ => out.serialize_element(v)?,
            }
        }
        out.end()
    }
}

/// `value` as compact JSON, as [`serde_json::Value`]'s `to_string` writes it.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("JSON values are always written")
}

/// One region (a `labels` result).
struct Region<'a> {
    id: &'a str,
    from: &'a str,
    label: &'a str,
    span: Span,
    /// Its result's place in the list.
    at: usize,
}

/// The characters `start..end` of `doc`, checked against `text` when given: as code points,
/// else as UTF-16 code units.
fn resolve(doc: &Document, start: usize, end: usize, text: Option<&str>) -> Result<Span, String> {
    let as_chars = Span::new(start, end);
    let fits = |s: Span| s.start < s.end && s.end <= doc.len_chars();
    let Some(text) = text else {
        return Ok(as_chars);
    };
    if fits(as_chars) && doc.slice(as_chars) == text {
        return Ok(as_chars);
    }
    if let Some(span) = utf16_span(doc.text(), start, end).filter(|&s| fits(s))
        && doc.slice(span) == text
    {
        return Ok(span);
    }
    Err(format!(
        "value.text {text:?} is not the text at {start}..{end} (neither as code points nor as UTF-16 code units)"
    ))
}

/// Code point offsets of the UTF-16 offsets `start..end` of `text`, when both fall on
/// character boundaries.
fn utf16_span(text: &str, start: usize, end: usize) -> Option<Span> {
    let (mut units, mut s, mut e) = (0usize, None, None);
    for (i, c) in text.chars().chain(std::iter::once('\0')).enumerate() {
        if units == start {
            s = Some(i);
        }
        if units == end {
            e = Some(i);
            break;
        }
        units += c.len_utf16();
    }
    Some(Span::new(s?, e?))
}

/// A task of `which` results: the document, its annotations, its name from `data.tandai_id`.
/// For annotations, everything tandai does not model (see the module's doc) is kept
/// (`Kept` of format `label-studio`): line 1 the task without its text and the first
/// annotation's results, then each result tandai does not model, as read; `ids` one entry per
/// result in order: the original result (compact JSON) and what tandai made of it (see
/// [`crate::export::label_studio`]'s keys), or both empty for a kept result.
fn task(value: &Node, which: Results) -> Result<(Document, AnnotationSet, Option<String>), String> {
    let data = value.get("data").ok_or("no \"data\"")?;
    let text = str_of(data, "text", "data")?;
    let doc = Document::new(text.to_owned());
    let name = task_name(data);
    let results = results(value, which)?;
    // What each result became: its key (see `export::label_studio`), none when kept as is.
    let mut whats: Vec<Option<String>> = vec![None; results.len()];
    let mut regions: Vec<Region> = Vec::new();
    // (label, from, to, result).
    let mut relations: Vec<(&str, &str, &str, usize)> = Vec::new();
    let mut extras: Vec<usize> = Vec::new();
    for (at, r) in results.iter().enumerate() {
        let kind = str_of(r, "type", "a result")?;
        match kind {
            "labels" => {
                let id = str_of(r, "id", "a labels result")?;
                let from = str_of(r, "from_name", "a labels result")?;
                let v = r
                    .get("value")
                    .ok_or_else(|| format!("region {id}: no \"value\""))?;
                let what = format!("region {id}");
                let labels = v
                    .get("labels")
                    .and_then(Node::as_array)
                    .ok_or_else(|| format!("{what}: no \"labels\" list"))?;
                let Some(label) = labels.first() else {
                    return Err(format!("{what}: no label"));
                };
                if labels.iter().any(|l| !l.is_string()) {
                    return Err(format!("{what}: a label is not a string"));
                }
                let span = resolve(
                    &doc,
                    number(v, "start", &what)?,
                    number(v, "end", &what)?,
                    v.get("text").and_then(Node::as_str),
                )
                .map_err(|m| format!("{what}: {m}"))?;
                regions.push(Region {
                    id,
                    from,
                    label: label.as_str().unwrap_or_default(),
                    span,
                    at,
                });
            }
            "relation" => {
                let from = str_of(r, "from_id", "a relation")?;
                let to = str_of(r, "to_id", "a relation")?;
                let labels = match r.get("labels") {
                    None => &[][..],
                    Some(l) => l
                        .as_array()
                        .ok_or_else(|| format!("relation {from} → {to}: labels is not a list"))?,
                };
                let Some(label) = labels.first() else {
                    continue; // An unlabelled relation: kept as it is.
                };
                let label = label.as_str().ok_or("a relation label is not a string")?;
                if label.trim().is_empty() {
                    continue; // A blank label is no label: kept as it is.
                }
                match r.get("direction").and_then(Node::as_str).unwrap_or("right") {
                    "right" | "bi" => relations.push((label, from, to, at)),
                    "left" => relations.push((label, to, from, at)),
                    other => {
                        return Err(format!(
                            "relation {from} → {to}: direction {other:?} is not right, left or bi"
                        ));
                    }
                }
            }
            _ => extras.push(at),
        }
    }
    let index: HashMap<&str, usize> = regions.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    if index.len() != regions.len() {
        return Err("two regions have the same id".into());
    }
    let find = |id: &str| {
        index
            .get(id)
            .copied()
            .ok_or_else(|| format!("relation to unknown region {id}"))
    };
    let mut root: Vec<usize> = (0..regions.len()).collect();
    for &(label, from, to, _) in &relations {
        if label == "Fragment" {
            let (from, to) = (find(from)?, find(to)?);
            if (regions[from].from, regions[from].label) != (regions[to].from, regions[to].label) {
                return Err(format!(
                    "Fragment relation {} → {} between different labels",
                    regions[from].id, regions[to].id
                ));
            }
            root[from] = to;
        }
    }
    let top = |mut i: usize| {
        for _ in 0..=regions.len() {
            if root[i] == i {
                return Ok(i);
            }
            i = root[i];
        }
        Err("Fragment relations form a cycle".to_owned())
    };
    let mut members: Vec<Vec<Span>> = vec![Vec::new(); regions.len()];
    for i in 0..regions.len() {
        members[top(i)?].push(regions[i].span);
    }
    // A cue region no quote takes by a Cue relation is an entity labelled as it is.
    let mut cue_taken = vec![false; regions.len()];
    for &(label, from, to, _) in &relations {
        let (from, to) = (top(find(from)?)?, top(find(to)?)?);
        if label == "Cue" && regions[from].from == QUOTE_FROM && regions[to].from == CUE_FROM {
            cue_taken[to] = true;
        }
    }
    let mut b = Builder::new(&doc);
    let mut made = vec![Made::None; regions.len()];
    // Entities first, then quotes, claims and cues, so ids follow tandai's own numbering.
    for pass in 0..4 {
        for (i, r) in regions.iter().enumerate() {
            let class = match r.from {
                QUOTE_FROM => 1,
                CLAIM_FROM => 2,
                CUE_FROM if cue_taken[i] => 3,
                _ => 0,
            };
            if root[i] != i || class != pass {
                continue;
            }
            let spans = b
                .spans(members[i].clone())
                .map_err(|m| format!("region {}: {m}", r.id))?;
            made[i] = match class {
                0 => Made::Entity(b.entity(r.label, spans)),
                1 => {
                    let kind = quote_kind(r.label).ok_or_else(|| {
                        format!(
                            "region {}: quote label {} is not Direct, Indirect or Mixed",
                            r.id, r.label
                        )
                    })?;
                    Made::Quote(b.quote(kind, spans))
                }
                2 => Made::Claim(b.claim(spans)),
                _ => Made::Cue(i),
            };
        }
    }
    let mut cued = vec![false; regions.len()];
    // The quote each cue region went to.
    let mut cue_of: Vec<Option<Text>> = vec![None; regions.len()];
    for &(label, from, to, at) in &relations {
        let (fi, ti) = (top(find(from)?)?, top(find(to)?)?);
        let linked = link(
            &mut b,
            label,
            made[fi],
            made[ti],
            |b, i| b.spans(members[i].clone()),
            &mut cued,
        )
        .map_err(|m| format!("{m} ({from} → {to})"))?;
        whats[at] = match linked {
            Linked::Fragment => Some(FRAGMENT_PENDING.to_owned()),
            Linked::Link(id) => {
                if label == "Cue" {
                    cue_of[ti] = Some(id.clone());
                }
                Some(format!("{id} {label}"))
            }
            Linked::Relation(id) => Some(id.to_string()),
            Linked::Unmodelled => None,
        };
    }
    // Each region's key: the region id tandai writes for it.
    let id_of = |b: &Builder, m: Made, i: usize| -> Option<String> {
        Some(match m {
            Made::Entity(e) => b.set.entities[e].id.to_string(),
            Made::Quote(q) => b.set.quotes[q].id.to_string(),
            Made::Claim(c) => b.set.claims[c].id.to_string(),
            Made::Cue(_) => format!("{}-cue", cue_of[i].as_ref()?),
            Made::None => return None,
        })
    };
    let mut region_key: Vec<Option<String>> = vec![None; regions.len()];
    for (i, r) in regions.iter().enumerate() {
        let t = top(i)?;
        let Some(base) = id_of(&b, made[t], t) else {
            continue;
        };
        let mut spans = members[t].clone();
        spans.sort();
        let k = spans.iter().position(|&s| s == r.span).unwrap_or(0);
        region_key[i] = Some(if k == 0 {
            base
        } else {
            format!("{base}-{}", k + 1)
        });
        whats[r.at] = region_key[i].clone();
    }
    for &(label, from, to, at) in &relations {
        if label == "Fragment" && whats[at].as_deref() == Some(FRAGMENT_PENDING) {
            let (from, to) = (find(from)?, find(to)?);
            let later = if regions[from].span > regions[to].span {
                from
            } else {
                to
            };
            whats[at] = region_key[later].as_ref().map(|k| format!("{k} Fragment"));
        }
    }
    for &at in &extras {
        let r = results[at];
        let kind = str_of(r, "type", "a result")?;
        let (Some(id), Some(from)) = (
            r.get("id").and_then(Node::as_str),
            r.get("from_name").and_then(Node::as_str),
        ) else {
            continue;
        };
        let Some(&i) = index.get(id) else {
            continue; // Not about a region (a task's choices): kept as it is.
        };
        let t = top(i)?;
        let v = r.get("value").unwrap_or(&Node::Null);
        let texts = || -> Option<String> {
            let lines: Option<Vec<&str>> = v
                .get("text")?
                .as_array()?
                .iter()
                .map(Node::as_str)
                .collect();
            Some(lines?.join("\n"))
        };
        let owner = match made[t] {
            Made::Entity(e) => Some((&b.set.entities[e].id, 0, e)),
            Made::Quote(q) => Some((&b.set.quotes[q].id, 1, q)),
            Made::Claim(c) => Some((&b.set.claims[c].id, 2, c)),
            _ => None,
        };
        let Some((owner, class, n)) = owner.map(|(id, c, n)| (id.clone(), c, n)) else {
            continue; // On a cue: kept as it is.
        };
        let note = match class {
            0 => &mut b.set.entities[n].note,
            1 => &mut b.set.quotes[n].note,
            _ => &mut b.set.claims[n].note,
        };
        if from == NOTE_FROM
            && kind == "textarea"
            && note.is_none()
            && let Some(text) = texts()
        {
            *note = Some(text.into());
            whats[at] = Some(format!("{owner} note"));
            continue;
        }
        if from == CHECKWORTHY_FROM && kind == "choices" && class == 2 {
            let slot = &mut b.set.claims[n].checkworthy;
            let value = match v.get("choices").and_then(Node::as_array).map(Vec::as_slice) {
                Some([Node::String(y)]) if y == "Yes" => Some(Checkworthy::Yes),
                Some([Node::String(n)]) if n == "No" => Some(Checkworthy::No),
                _ => None,
            };
            if let (None, Some(value)) = (*slot, value) {
                *slot = Some(value);
                whats[at] = Some(format!("{owner} checkworthy"));
                continue;
            }
        }
        let set = &mut b.set;
        let attributes = match class {
            0 => &mut set.entities[n].attributes,
            1 => &mut set.quotes[n].attributes,
            _ => &mut set.claims[n].attributes,
        };
        // An attribute needs a name: a result from a blank `from_name` is kept as it is.
        if !from.trim().is_empty()
            && attributes::get(attributes, from).is_none()
            && let Some(value) = attribute_value(kind, from, &v.to_value())
        {
            attributes::set(
                attributes,
                Attribute {
                    name: from.into(),
                    value: value.map(Into::into),
                },
            );
            whats[at] = Some(format!("{owner} A {from}"));
        }
    }
    if let Some(i) = (0..regions.len()).find(|&i| matches!(made[i], Made::Cue(_)) && !cued[i]) {
        return Err(format!(
            "region {} ({CUE_FROM}) is not linked from a quote by a Cue relation",
            regions[i].id
        ));
    }
    let mut set = b.finish();
    set.next_ids.relation = set.relations.len() as u64 + 1;
    if which == Results::Annotations {
        let mut kept = Kept {
            format: KEPT_FORMAT.into(),
            lines: vec![skeleton(value).into()],
            ids: Vec::with_capacity(results.len()),
        };
        for (r, what) in results.iter().zip(whats) {
            match what {
                Some(what) => kept.ids.push(Origin {
                    id: json(r).into(),
                    what: what.into(),
                }),
                None => {
                    kept.lines.push(json(r).into());
                    kept.ids.push(Origin::default());
                }
            }
        }
        set.kept.push(kept);
    }
    Ok((doc, set, name))
}

/// The key a `Fragment` relation has until the regions' keys are known.
const FRAGMENT_PENDING: &str = " Fragment";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_are_found_with_their_offsets() {
        let source = "[\n{\"a\": \"],\"},\n {\"b\": [1, 2]}\n]\n";
        let tasks = split_tasks(source).unwrap();
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].1, "{\"a\": \"],\"}");
        assert_eq!(place(source, tasks[1].0), (3, 2));
        let escaped = r#"[{"a": "\"],"}, {"b": "\\"}, {"c": "\\\"]"}]"#;
        let tasks: Vec<&str> = split_tasks(escaped).unwrap().iter().map(|t| t.1).collect();
        assert_eq!(
            tasks,
            [r#"{"a": "\"],"}"#, r#"{"b": "\\"}"#, r#"{"c": "\\\"]"}"#]
        );
        assert!(split_tasks(r#"[{"a": "\"}]"#).is_err());
        assert!(split_tasks("[]").unwrap().is_empty());
        assert!(split_tasks("[{}").is_err());
        assert!(split_tasks("nope").is_err());
    }

    #[test]
    fn invalid_json_is_placed_at_its_character_column() {
        let read = |source: &str| {
            parse_results(Path::new("t.json"), source, Results::Annotations)
                .unwrap_err()
                .to_string()
        };
        // `é` is two bytes, one character: the bad `x` is character 23 of line 2.
        let e = read("[\n{\"data\": {\"text\": \"é\" x}}]");
        assert!(e.starts_with("t.json:2: 23: task 1: invalid JSON"), "{e}");
        let e = read("[{\"data\": {\"text\": \"é\"}},\n {\"data\":\n  é}]");
        assert!(e.starts_with("t.json:3: 3: task 2: invalid JSON"), "{e}");
        assert_eq!(byte_of("ab\ncd\né", 3, 2), "ab\ncd\n".len());
        assert_eq!(byte_of("ab", 1, 9), 2);
    }

    #[test]
    fn a_blank_relation_label_or_attribute_name_is_kept_as_it_is() {
        let source = r#"[{"data": {"text": "Putin dan Xi."}, "annotations": [{"result": [
            {"id": "a", "type": "labels", "from_name": "label", "value": {"start": 0, "end": 5, "labels": ["PER"]}},
            {"id": "b", "type": "labels", "from_name": "label", "value": {"start": 10, "end": 12, "labels": ["PER"]}},
            {"type": "relation", "from_id": "a", "to_id": "b", "labels": [" "]},
            {"id": "a", "type": "choices", "from_name": "", "value": {"choices": ["x"]}}
        ]}]}]"#;
        let docs = parse_results(Path::new("t.json"), source, Results::Annotations).unwrap();
        let set = &docs[0].set;
        assert!(set.relations.is_empty());
        assert!(set.entities.iter().all(|e| e.attributes.is_empty()));
        let kept = &set.kept[0].lines;
        assert!(
            kept.iter().any(|l| l.contains(r#""labels":[" "]"#)),
            "{kept:?}"
        );
        assert!(
            kept.iter().any(|l| l.contains(r#""from_name":"""#)),
            "{kept:?}"
        );
        let article = Path::new("t.txt");
        crate::store::to_checked_ron(article, &docs[0].doc, set, "t").unwrap();
    }

    #[test]
    fn utf16_offsets_after_an_emoji_are_recognised() {
        let doc = Document::new("😀 Jokowi berkata.");
        // Code points: "Jokowi" is 2..8; UTF-16: 3..9.
        assert_eq!(resolve(&doc, 2, 8, Some("Jokowi")), Ok(Span::new(2, 8)));
        assert_eq!(resolve(&doc, 3, 9, Some("Jokowi")), Ok(Span::new(2, 8)));
        assert_eq!(resolve(&doc, 2, 8, None), Ok(Span::new(2, 8)));
        assert!(resolve(&doc, 4, 9, Some("Jokowi")).is_err());
    }
}

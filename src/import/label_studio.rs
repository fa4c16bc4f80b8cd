//! Label Studio JSON in: a JSON array of tasks (or one task object), one document per task.
//!
//! A task is `{"data": {"text": …}, "annotations": [{"result": […]}], "predictions": […]}`;
//! other keys are ignored. [`read`] takes the task's one annotation (a task with several is
//! refused: tandai holds one version per file), [`read_predictions`] every result of every
//! prediction (for `tandai suggest`). A document is named `data.tandai_id` when tandai wrote
//! it (a relative path without `..`), else `<file stem>-<n>` in task order.
//!
//! Results, as [`crate::export::label_studio`] writes them:
//! - `labels` (`value.start`, `value.end`, `value.labels`, optional `value.text`): a region.
//!   `from_name` `quote` makes a quote of the kind labelled, `cue` a cue, `claim` a claim, any
//!   other an entity with its label. A region has one label.
//! - `relation` (`from_id`, `to_id`, `direction` `right` or `left`, `labels`): `Fragment` joins
//!   a further fragment to the first; `Speaker`, `Cue`, `Claimant`, `Source` link as tandai
//!   does; any other label between two annotations is a [`Relation`] of that kind (`r1`, …).
//! - `choices` from `checkworthy` (`Yes`/`No`) and `textarea` from `note`, with a region's id:
//!   a claim's check-worthiness and an annotation's note.
//!
//! Offsets are code points. Some Label Studio versions stored JavaScript string offsets (UTF-16
//! code units), which differ after an astral character (an emoji): when `value.text` is not the
//! text at the code point offsets but is at the UTF-16 ones, those are used. Neither: an error.
//! Errors name the file, the line and column where the task starts (`FILE:LINE: column C, task
//! N: …`; for invalid JSON, the place of the error itself), and the task's number.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::{Builder, ImportError, Imported, numbered_names, quote_kind, read_text};
use crate::export::label_studio::{
    CHECKWORTHY_FROM, CLAIM_FROM, CUE_FROM, ID_KEY, NOTE_FROM, QUOTE_FROM,
};
use crate::model::{AnnotationSet, Checkworthy, Document, Relation, Span, format_compact};

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

/// Reads every task of `path`, taking `which` results.
pub fn read_results(path: &Path, which: Results) -> Result<Vec<Imported>, ImportError> {
    let source = read_text(path)?;
    let tasks =
        split_tasks(&source).map_err(|(offset, m)| at(path, &source, offset, format!(": {m}")))?;
    let names = numbered_names(path, tasks.len());
    let mut docs = Vec::with_capacity(tasks.len());
    for (n, ((offset, slice), numbered)) in tasks.into_iter().zip(names).enumerate() {
        let value: Value = serde_json::from_str(slice).map_err(|e| {
            let (line, column) = place(&source, offset);
            let line = line + e.line() - 1;
            let column = if e.line() == 1 {
                column + e.column() - 1
            } else {
                e.column()
            };
            ImportError::at(
                path,
                line,
                format!("{column}: task {}: invalid JSON: {e}", n + 1),
            )
        })?;
        let fail = |m: String| at(path, &source, offset, format!(", task {}: {m}", n + 1));
        let (doc, set, name) = task(&value, which).map_err(fail)?;
        docs.push(Imported {
            name: name.unwrap_or(numbered),
            doc,
            set,
        });
    }
    Ok(docs)
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
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        while i < bytes.len() {
            let b = bytes[i];
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b',' | b']' if depth == 0 => break,
                    _ => {}
                }
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

/// The document's name from `data.tandai_id`, when it is a safe relative path.
fn task_name(data: &Value) -> Option<String> {
    let id = data.get(ID_KEY)?.as_str()?;
    let safe = !id.is_empty()
        && !id.starts_with('/')
        && !id.contains('\\')
        && id
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    safe.then(|| id.to_owned())
}

fn str_of<'a>(v: &'a Value, key: &str, what: &str) -> Result<&'a str, String> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{what} without a string \"{key}\""))
}

fn number(v: &Value, key: &str, what: &str) -> Result<usize, String> {
    v.get(key)
        .and_then(Value::as_u64)
        .map(|n| n as usize)
        .ok_or_else(|| format!("{what}: \"{key}\" is not a non-negative integer"))
}

/// The results `which` asks for.
fn results(value: &Value, which: Results) -> Result<Vec<&Value>, String> {
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
    if which == Results::Annotations && list.len() > 1 {
        return Err(format!(
            "{} annotations; tandai imports one per task (export one annotator at a time)",
            list.len()
        ));
    }
    let mut all = Vec::new();
    for entry in list {
        let result = entry
            .get("result")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("an entry of \"{key}\" without a \"result\" list"))?;
        all.extend(result);
    }
    Ok(all)
}

/// One region (a `labels` result).
struct Region<'a> {
    id: &'a str,
    from: &'a str,
    label: &'a str,
    span: Span,
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

#[derive(Clone, Copy, PartialEq)]
enum Made {
    Entity(usize),
    Quote(usize),
    Claim(usize),
    Cue,
    None,
}

fn task(
    value: &Value,
    which: Results,
) -> Result<(Document, AnnotationSet, Option<String>), String> {
    let data = value.get("data").ok_or("no \"data\"")?;
    let text = str_of(data, "text", "data")?;
    let doc = Document::new(text.to_owned());
    let name = task_name(data);
    let results = results(value, which)?;
    let mut regions: Vec<Region> = Vec::new();
    let mut relations: Vec<(&str, &str, &str)> = Vec::new();
    let mut extras: Vec<&Value> = Vec::new();
    for r in &results {
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
                    .and_then(Value::as_array)
                    .ok_or_else(|| format!("{what}: no \"labels\" list"))?;
                let [label] = &labels[..] else {
                    return Err(format!("{what}: {} labels; a region has one", labels.len()));
                };
                let label = label
                    .as_str()
                    .ok_or_else(|| format!("{what}: a label is not a string"))?;
                let span = resolve(
                    &doc,
                    number(v, "start", &what)?,
                    number(v, "end", &what)?,
                    v.get("text").and_then(Value::as_str),
                )
                .map_err(|m| format!("{what}: {m}"))?;
                regions.push(Region {
                    id,
                    from,
                    label,
                    span,
                });
            }
            "relation" => {
                let from = str_of(r, "from_id", "a relation")?;
                let to = str_of(r, "to_id", "a relation")?;
                let label = match r.get("labels").and_then(Value::as_array).map(Vec::as_slice) {
                    Some([one]) => one.as_str().ok_or("a relation label is not a string")?,
                    _ => return Err(format!("relation {from} → {to}: it needs one label")),
                };
                match r
                    .get("direction")
                    .and_then(Value::as_str)
                    .unwrap_or("right")
                {
                    "right" => relations.push((label, from, to)),
                    "left" => relations.push((label, to, from)),
                    other => {
                        return Err(format!(
                            "relation {from} → {to}: direction {other:?} (tandai's links go one way)"
                        ));
                    }
                }
            }
            "choices" | "textarea" => extras.push(r),
            other => return Err(format!("result type {other:?} is not supported")),
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
    for &(label, from, to) in &relations {
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
    let mut b = Builder::new(&doc);
    let mut made = vec![Made::None; regions.len()];
    // Entities first, then quotes, claims and cues, so ids follow tandai's own numbering.
    for pass in 0..4 {
        for (i, r) in regions.iter().enumerate() {
            let class = match r.from {
                QUOTE_FROM => 1,
                CLAIM_FROM => 2,
                CUE_FROM => 3,
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
                _ => Made::Cue,
            };
        }
    }
    let mut cued = vec![false; regions.len()];
    for &(label, from, to) in &relations {
        let (fi, ti) = (top(find(from)?)?, top(find(to)?)?);
        let twice = |what: &str| format!("{label} relation {from} → {to}: already has a {what}");
        match (label, made[fi], made[ti]) {
            ("Fragment", _, _) => {}
            ("Speaker", Made::Quote(q), Made::Entity(e)) => {
                let id = b.set.entities[e].id.clone();
                if b.set.quotes[q].speaker.replace(id).is_some() {
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
            ("Cue", Made::Quote(q), Made::Cue) => {
                let spans = b.spans(members[ti].clone())?;
                if cued[ti] || b.set.quotes[q].cue.is_some() {
                    return Err(twice("cue"));
                }
                cued[ti] = true;
                b.set.quotes[q].cue = Some(b.cue(spans));
            }
            ("Speaker" | "Claimant" | "Source" | "Cue", _, _) => {
                return Err(format!(
                    "{label} relation {from} → {to} between regions of the wrong kinds"
                ));
            }
            (
                _,
                Made::Entity(_) | Made::Quote(_) | Made::Claim(_),
                Made::Entity(_) | Made::Quote(_) | Made::Claim(_),
            ) => {
                let id_of = |m: Made| match m {
                    Made::Entity(e) => b.set.entities[e].id.clone(),
                    Made::Quote(q) => b.set.quotes[q].id.clone(),
                    Made::Claim(c) => b.set.claims[c].id.clone(),
                    _ => Default::default(),
                };
                let (from, to) = (id_of(made[fi]), id_of(made[ti]));
                let id = format_compact!("r{}", b.set.relations.len() + 1);
                b.set.relations.push(Relation {
                    id,
                    kind: label.into(),
                    from,
                    to,
                    note: None,
                });
            }
            _ => {
                return Err(format!(
                    "relation {label:?} ({from} → {to}) ends at a cue; only Cue relations do"
                ));
            }
        }
    }
    if let Some(i) = (0..regions.len()).find(|&i| made[i] == Made::Cue && !cued[i]) {
        return Err(format!(
            "region {} ({CUE_FROM}) is not linked from a quote by a Cue relation",
            regions[i].id
        ));
    }
    for r in extras {
        let id = str_of(r, "id", "a per-region result")?;
        let from = str_of(r, "from_name", "a per-region result")?;
        let i = index
            .get(id)
            .map(|&i| top(i))
            .transpose()?
            .ok_or_else(|| format!("{from} result for unknown region {id}"))?;
        let v = r
            .get("value")
            .ok_or_else(|| format!("{from} result {id}: no \"value\""))?;
        let strings = |key: &str| -> Result<Vec<&str>, String> {
            v.get(key)
                .and_then(Value::as_array)
                .and_then(|l| l.iter().map(Value::as_str).collect::<Option<Vec<&str>>>())
                .ok_or_else(|| format!("{from} result {id}: \"{key}\" is not a list of strings"))
        };
        match (from, made[i]) {
            (CHECKWORTHY_FROM, Made::Claim(c)) => {
                b.set.claims[c].checkworthy = Some(match strings("choices")?.as_slice() {
                    ["Yes"] => Checkworthy::Yes,
                    ["No"] => Checkworthy::No,
                    other => {
                        return Err(format!("checkworthy of {id}: {other:?} is not Yes or No"));
                    }
                });
            }
            (NOTE_FROM, made) => {
                let note = strings("text")?.join("\n");
                let slot = match made {
                    Made::Entity(e) => &mut b.set.entities[e].note,
                    Made::Quote(q) => &mut b.set.quotes[q].note,
                    Made::Claim(c) => &mut b.set.claims[c].note,
                    _ => return Err(format!("note on {id}, which holds no note")),
                };
                *slot = Some(note.into());
            }
            _ => {
                return Err(format!(
                    "{} result from {from:?} on {id} is not supported",
                    str_of(r, "type", "a result")?
                ));
            }
        }
    }
    let mut set = b.finish();
    set.next_ids.relation = set.relations.len() as u64 + 1;
    Ok((doc, set, name))
}

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
        assert!(split_tasks("[]").unwrap().is_empty());
        assert!(split_tasks("[{}").is_err());
        assert!(split_tasks("nope").is_err());
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

//! brat standoff in: `X.txt` + `X.ann` pairs (a folder, searched recursively, or one file).
//!
//! What [`crate::export::brat`] writes is read back:
//! - `T` lines: type `Quote` → a quote, `Cue` → the cue of the quote that links it by a `Cue`
//!   relation, `Claim` → a claim, any other type → an entity with that label. Fragments
//!   (`10 20;25 40`) are kept as fragments; the text field must be the article's text under
//!   the fragments, joined by a space.
//! - `R` lines: `Speaker` (Quote → entity), `Cue` (Quote → Cue), `Claimant` (Claim → entity),
//!   `Source` (Claim → Quote).
//! - `A` / `M` lines: `Kind` on a Quote (`Direct`, `Indirect`, `Mixed`; Direct when absent),
//!   `Checkworthy` on a Claim (`Yes`, `No`).
//! - `#` lines: `AnnotatorNotes` on an entity, quote or claim become its note (several notes
//!   on one annotation are joined by a space).
//!
//! Anything else (events, normalisations, equivalences, other relation or attribute types,
//! a Cue without its quote) cannot be held by tandai's model and is an error naming the line,
//! rather than being dropped silently.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::format_compact;

use crate::model::{Checkworthy, Document, QuoteKind, Span, Text};

use super::{Builder, ImportError, Imported, quote_kind, read_text};

/// Reads a brat folder (every `.ann` with its `.txt`, in path order) or one `.ann` / `.txt`.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    documents(path)?.iter().map(read_document).collect()
}

/// The documents of a brat folder or file, in path order: each one's name (its path under the
/// folder, without extension, `/` between folders) and its `.ann` file. Each is read by
/// [`read_document`], so that a caller may read them in parallel.
pub fn documents(path: &Path) -> Result<Vec<(String, PathBuf)>, ImportError> {
    let mut anns: Vec<PathBuf> = Vec::new();
    if path.is_dir() {
        walk(path, &mut anns)?;
        anns.sort();
    } else {
        anns.push(path.with_extension("ann"));
    }
    Ok(anns
        .into_iter()
        .map(|ann| {
            let rel = if path.is_dir() {
                ann.strip_prefix(path).unwrap_or(&ann).to_owned()
            } else {
                PathBuf::from(ann.file_name().unwrap_or_default())
            };
            let name = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (name, ann)
        })
        .collect())
}

/// Reads the document `name` of [`documents`]: its `.ann` file and the `.txt` beside it.
pub fn read_document((name, ann): &(String, PathBuf)) -> Result<Imported, ImportError> {
    let txt = ann.with_extension("txt");
    let doc = read_document_text(&txt)?;
    let source = read_text(ann)?;
    let set = parse(ann, &source, &doc)?;
    Ok(Imported {
        name: name.clone(),
        doc,
        set,
    })
}

/// `Document::new(read_text(path)?)`, without decoding and splitting the text twice.
fn read_document_text(path: &Path) -> Result<Document, ImportError> {
    let bytes = fs::read(path).map_err(|e| ImportError::file(path, e.to_string()))?;
    let doc =
        Document::from_bytes(bytes).map_err(|e| ImportError::at(path, e.line, e.to_string()))?;
    // Each decoding drops a leading byte order mark: the text read twice lost two.
    if doc.text().starts_with('\u{feff}') {
        return Ok(Document::new(doc.text()));
    }
    Ok(doc)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let entries = fs::read_dir(dir).map_err(|e| ImportError::file(dir, e.to_string()))?;
    for entry in entries {
        let entry = entry.map_err(|e| ImportError::file(dir, e.to_string()))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let kind = entry
            .file_type()
            .map_err(|e| ImportError::file(&path, e.to_string()))?;
        if kind.is_dir() && !hidden {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "ann") && path.is_file() {
            found.push(path);
        }
    }
    Ok(())
}

/// One text-bound annotation line.
struct TextBound {
    line: usize,
    kind: String,
    spans: Vec<Span>,
}

/// Where a `T` annotation went.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Made {
    Entity(usize),
    Quote(usize),
    Claim(usize),
    Cue,
}

/// Parses the `.ann` text `source` of file `file` over `doc`.
pub fn parse(
    file: &Path,
    source: &str,
    doc: &Document,
) -> Result<crate::model::AnnotationSet, ImportError> {
    let err = |line: usize, message: String| ImportError::at(file, line, message);
    let mut bounds: Vec<(String, TextBound)> = Vec::new();
    // The ids of `bounds`, to find a duplicate without comparing with each (quadratic).
    let mut bound_ids: HashSet<&str> = HashSet::new();
    let mut relations: Vec<(usize, String, String, String)> = Vec::new();
    let mut attributes: Vec<(usize, String, String, Option<String>)> = Vec::new();
    let mut notes: Vec<(usize, String, String)> = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = raw.splitn(3, '\t').collect();
        let id = fields[0];
        let body = fields
            .get(1)
            .ok_or_else(|| err(line, format!("`{id}`: expected a tab after the id")))?;
        match id.chars().next() {
            Some('T') => {
                let (kind, offsets) = body
                    .split_once(' ')
                    .ok_or_else(|| err(line, format!("`{body}`: expected TYPE START END")))?;
                let mut spans = Vec::new();
                for fragment in offsets.split(';') {
                    let numbers: Vec<&str> = fragment.split_whitespace().collect();
                    let parsed: Option<Vec<usize>> =
                        numbers.iter().map(|n| n.parse().ok()).collect();
                    match parsed.as_deref() {
                        Some([start, end]) => spans.push(Span::new(*start, *end)),
                        _ => {
                            return Err(err(
                                line,
                                format!("`{fragment}`: expected two offsets START END"),
                            ));
                        }
                    }
                }
                let stored = fields
                    .get(2)
                    .ok_or_else(|| err(line, format!("{id}: the text field is missing")))?;
                if let Some(s) = spans
                    .iter()
                    .find(|s| s.start >= s.end || s.end > doc.len_chars())
                {
                    return Err(err(
                        line,
                        format!(
                            "{id}: span {}..{} is empty or past the end of the text ({} characters)",
                            s.start,
                            s.end,
                            doc.len_chars()
                        ),
                    ));
                }
                let actual: Vec<&str> = spans.iter().map(|s| doc.slice(*s)).collect();
                let actual = actual.join(" ");
                if actual != *stored {
                    return Err(err(
                        line,
                        format!(
                            "{id}: the text is {stored:?} but the article has {actual:?} there"
                        ),
                    ));
                }
                if !bound_ids.insert(id) {
                    return Err(err(line, format!("duplicate id {id}")));
                }
                bounds.push((
                    id.to_owned(),
                    TextBound {
                        line,
                        kind: kind.to_owned(),
                        spans,
                    },
                ));
            }
            Some('R') => {
                let parts: Vec<&str> = body.split_whitespace().collect();
                let arg = |p: &str, name: &str| p.strip_prefix(name).map(str::to_owned);
                match parts.as_slice() {
                    [kind, a1, a2] => {
                        let (Some(a1), Some(a2)) = (arg(a1, "Arg1:"), arg(a2, "Arg2:")) else {
                            return Err(err(line, format!("{id}: expected TYPE Arg1:X Arg2:Y")));
                        };
                        relations.push((line, (*kind).to_owned(), a1, a2));
                    }
                    _ => return Err(err(line, format!("{id}: expected TYPE Arg1:X Arg2:Y"))),
                }
            }
            Some('A' | 'M') => {
                let parts: Vec<&str> = body.split_whitespace().collect();
                match parts.as_slice() {
                    [name, target] => {
                        attributes.push((line, (*name).to_owned(), (*target).to_owned(), None));
                    }
                    [name, target, value] => attributes.push((
                        line,
                        (*name).to_owned(),
                        (*target).to_owned(),
                        Some((*value).to_owned()),
                    )),
                    _ => return Err(err(line, format!("{id}: expected NAME TARGET [VALUE]"))),
                }
            }
            Some('#') => {
                let parts: Vec<&str> = body.split_whitespace().collect();
                match parts.as_slice() {
                    ["AnnotatorNotes", target] => notes.push((
                        line,
                        (*target).to_owned(),
                        fields.get(2).copied().unwrap_or("").trim().to_owned(),
                    )),
                    _ => {
                        return Err(err(
                            line,
                            format!("{id}: only `AnnotatorNotes TARGET` notes are supported"),
                        ));
                    }
                }
            }
            Some('E') => return Err(err(line, format!("{id}: brat events are not supported"))),
            Some('N') => {
                return Err(err(
                    line,
                    format!("{id}: brat normalisations are not supported"),
                ));
            }
            Some('*') => {
                return Err(err(
                    line,
                    format!("{id}: brat equivalence relations are not supported"),
                ));
            }
            _ => return Err(err(line, format!("`{id}` is not a brat annotation id"))),
        }
    }

    let mut b = Builder::new(doc);
    let mut made: HashMap<&str, Made> = HashMap::new();
    let order = |wanted: &dyn Fn(&str) -> bool| {
        bounds
            .iter()
            .filter(|(_, t)| wanted(&t.kind))
            .map(|(id, t)| (id.as_str(), t))
            .collect::<Vec<_>>()
    };
    let is_special = |k: &str| matches!(k, "Quote" | "Cue" | "Claim");
    for (id, t) in order(&|k| !is_special(k)) {
        let spans = b
            .spans(t.spans.clone())
            .map_err(|m| err(t.line, format!("{id}: {m}")))?;
        made.insert(id, Made::Entity(b.entity(&t.kind, spans)));
    }
    for (id, t) in order(&|k| k == "Quote") {
        let spans = b
            .spans(t.spans.clone())
            .map_err(|m| err(t.line, format!("{id}: {m}")))?;
        made.insert(id, Made::Quote(b.quote(QuoteKind::default(), spans)));
    }
    for (id, t) in order(&|k| k == "Claim") {
        let spans = b
            .spans(t.spans.clone())
            .map_err(|m| err(t.line, format!("{id}: {m}")))?;
        made.insert(id, Made::Claim(b.claim(spans)));
    }
    for (id, _) in order(&|k| k == "Cue") {
        made.insert(id, Made::Cue);
    }
    let bound = |id: &str| bounds.iter().find(|(x, _)| x == id).map(|(_, t)| t);
    let target = |line: usize, id: &str| {
        made.get(id).copied().ok_or_else(|| {
            err(
                line,
                format!("{id} is not a text-bound annotation of this file"),
            )
        })
    };
    let mut cued: HashMap<String, ()> = HashMap::new();
    for (line, kind, a1, a2) in &relations {
        let (line, from, to) = (*line, target(*line, a1)?, target(*line, a2)?);
        let entity_id = |i: usize| b.set.entities[i].id.clone();
        match (kind.as_str(), from, to) {
            ("Speaker", Made::Quote(q), Made::Entity(e)) => {
                let id = entity_id(e);
                set_once(&mut b.set.quotes[q].speaker, id, || {
                    err(line, format!("{a1} has two speakers"))
                })?;
            }
            ("Claimant", Made::Claim(c), Made::Entity(e)) => {
                let id = entity_id(e);
                set_once(&mut b.set.claims[c].claimant, id, || {
                    err(line, format!("{a1} has two claimants"))
                })?;
            }
            ("Source", Made::Claim(c), Made::Quote(q)) => {
                let id = b.set.quotes[q].id.clone();
                set_once(&mut b.set.claims[c].quote, id, || {
                    err(line, format!("{a1} has two sources"))
                })?;
            }
            ("Cue", Made::Quote(q), Made::Cue) => {
                let t = bound(a2).expect("a Cue target is a text bound");
                let spans = b
                    .spans(t.spans.clone())
                    .map_err(|m| err(t.line, format!("{a2}: {m}")))?;
                if b.set.quotes[q].cue.is_some() {
                    return Err(err(line, format!("{a1} has two cues")));
                }
                if cued.insert(a2.clone(), ()).is_some() {
                    return Err(err(line, format!("{a2} is the cue of two quotes")));
                }
                b.set.quotes[q].cue = Some(b.cue(spans));
            }
            ("Speaker" | "Claimant" | "Source" | "Cue", _, _) => {
                return Err(err(
                    line,
                    format!(
                        "{kind} relation between {a1} and {a2} of the wrong types (Speaker: Quote → entity, Cue: Quote → Cue, Claimant: Claim → entity, Source: Claim → Quote)"
                    ),
                ));
            }
            _ => return Err(err(line, format!("relation type {kind} is not supported"))),
        }
    }
    if let Some((id, t)) = order(&|k| k == "Cue")
        .into_iter()
        .find(|(id, _)| !cued.contains_key(*id))
    {
        return Err(err(
            t.line,
            format!("{id}: a Cue must be linked from its Quote by a Cue relation"),
        ));
    }
    for (line, name, on, value) in &attributes {
        let line = *line;
        match (name.as_str(), target(line, on)?, value.as_deref()) {
            ("Kind", Made::Quote(q), Some(v)) => {
                b.set.quotes[q].kind = quote_kind(v).ok_or_else(|| {
                    err(line, format!("Kind {v:?} is not Direct, Indirect or Mixed"))
                })?;
            }
            ("Checkworthy", Made::Claim(c), Some(v)) => {
                b.set.claims[c].checkworthy = Some(match v {
                    "Yes" => Checkworthy::Yes,
                    "No" => Checkworthy::No,
                    _ => return Err(err(line, format!("Checkworthy {v:?} is not Yes or No"))),
                });
            }
            _ => {
                return Err(err(
                    line,
                    format!(
                        "attribute {name} on {on} is not supported (Kind on a Quote, Checkworthy on a Claim)"
                    ),
                ));
            }
        }
    }
    for (line, on, note) in notes {
        let slot = match target(line, &on)? {
            Made::Entity(i) => &mut b.set.entities[i].note,
            Made::Quote(i) => &mut b.set.quotes[i].note,
            Made::Claim(i) => &mut b.set.claims[i].note,
            Made::Cue => {
                return Err(err(
                    line,
                    format!("notes on a Cue ({on}) are not supported"),
                ));
            }
        };
        if !note.is_empty() {
            *slot = Some(match slot.take() {
                Some(before) => format_compact!("{before} {note}"),
                None => note.into(),
            });
        }
    }
    Ok(b.finish())
}

fn set_once(
    slot: &mut Option<Text>,
    value: Text,
    twice: impl FnOnce() -> ImportError,
) -> Result<(), ImportError> {
    if slot.is_some() {
        return Err(twice());
    }
    *slot = Some(value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_text_bound_id_is_refused_at_its_line() {
        let doc = Document::new("Putin dan Xi.\n");
        let ann = "T1\tPER 0 5\tPutin\nT2\tPER 10 12\tXi\nT1\tLOC 10 12\tXi\n";
        let e = parse(Path::new("a.ann"), ann, &doc)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("a.ann:3") && e.contains("duplicate id T1"),
            "{e}"
        );
        let ok = "T1\tPER 0 5\tPutin\nT2\tPER 10 12\tXi\n";
        assert_eq!(
            parse(Path::new("a.ann"), ok, &doc).unwrap().entities.len(),
            2
        );
    }
}

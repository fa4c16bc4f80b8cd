//! brat standoff in: `X.txt` + `X.ann` pairs (a folder, searched recursively, or one file).
//!
//! What [`crate::export::brat`] writes is read back, and any brat project is read whole:
//! - `T` lines: type `Quote` → a quote, `Cue` → the cue of the quote that links it by a `Cue`
//!   relation (a Cue without one is an entity labelled `Cue`), `Claim` → a claim, any other
//!   type → an entity with that label. Fragments (`10 20;25 40`) are kept as fragments; the
//!   text field must be the article's text under the fragments, joined by a space.
//! - `R` lines: `Speaker` (Quote → entity), `Cue` (Quote → Cue), `Claimant` (Claim → entity),
//!   `Source` (Claim → Quote) become tandai's links; any other `Arg1`/`Arg2` relation between
//!   text-bound annotations becomes a [`Relation`] of that type.
//! - `A` / `M` lines: `Kind` on a Quote, `Checkworthy` on a Claim; any other on an entity,
//!   quote or claim becomes an [`Attribute`] (a flag without a value).
//! - `#` lines: the first `AnnotatorNotes` of an annotation or relation becomes its note.
//!
//! Everything else (events `E`, normalisations `N`, equivalences `*`, other notes, relations
//! with other roles or with an event or cue at an end, attributes of events, a second note
//! or attribute of one name) is kept as it was in [`AnnotationSet::kept`], with the original
//! id of every line, so that the export gives the file back line for line. Malformed lines
//! (no tab, unknown id letter, bad offsets, a text field that is not the article's, a
//! repeated id) are refused with the line.

// foldhash: the maps hold every line of a document; SipHash was a tenth of the import.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fs;
use std::path::{Path, PathBuf};

use crate::export::kind_name;
use crate::model::{
    AnnotationSet, Attribute, Checkworthy, Document, Kept, Origin, QuoteKind, Relation, Span, Text,
    attributes, format_compact, relation,
};

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
    /// The cue of quote `usize`.
    Cue(usize),
}

/// What one line of the `.ann` file became, in file order.
enum Fate {
    /// Modelled: the key of what it became (see [`crate::model::Kept`]).
    Made(String),
    /// Kept as it was.
    Kept,
}

/// A line, split: its number, id, body (after the first tab), text field (after the second)
/// and the whole line.
struct Raw<'a> {
    line: usize,
    id: &'a str,
    body: &'a str,
    text: Option<&'a str>,
    whole: &'a str,
}

/// Whether `stored` is the text of `spans` joined by one space, compared piece by piece.
fn joined_text_is(doc: &Document, spans: &[Span], stored: &str) -> bool {
    let mut rest = stored;
    for (i, span) in spans.iter().enumerate() {
        if i > 0 {
            let Some(after) = rest.strip_prefix(' ') else {
                return false;
            };
            rest = after;
        }
        let Some(after) = rest.strip_prefix(doc.slice(*span)) else {
            return false;
        };
        rest = after;
    }
    rest.is_empty()
}

/// Parses the `.ann` text `source` of file `file` over `doc`. What tandai models becomes
/// annotations, links, attributes, relations and notes; every other line (events,
/// normalisations, equivalences, other notes, relations with other roles or ends, a second
/// note or a repeated attribute) is kept in [`AnnotationSet::kept`] as it was, with the
/// original id of every line, so that the export writes the file back line for line.
pub fn parse(file: &Path, source: &str, doc: &Document) -> Result<AnnotationSet, ImportError> {
    let err = |line: usize, message: String| ImportError::at(file, line, message);
    let mut raws: Vec<Raw> = Vec::new();
    let lines = source.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut seen: HashSet<&str> = HashSet::with_capacity(lines);
    for (i, whole) in source.lines().enumerate() {
        let line = i + 1;
        let whole = whole.trim_end_matches('\r');
        if whole.trim().is_empty() {
            continue;
        }
        let mut fields = whole.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let body = fields
            .next()
            .ok_or_else(|| err(line, format!("`{id}`: expected a tab after the id")))?;
        if !matches!(
            id.chars().next(),
            Some('T' | 'R' | 'A' | 'M' | '#' | 'E' | 'N' | '*')
        ) {
            return Err(err(line, format!("`{id}` is not a brat annotation id")));
        }
        if id != "*" && !seen.insert(id) {
            return Err(err(line, format!("duplicate id {id}")));
        }
        raws.push(Raw {
            line,
            id,
            body,
            text: fields.next(),
            whole,
        });
    }
    let mut fates: Vec<Fate> = raws.iter().map(|_| Fate::Kept).collect();

    // Text-bound annotations, checked against the article.
    let mut bounds: HashMap<&str, (usize, TextBound)> = HashMap::with_capacity(raws.len());
    let mut order: Vec<&str> = Vec::new();
    for (at, raw) in raws
        .iter()
        .enumerate()
        .filter(|(_, r)| r.id.starts_with('T'))
    {
        let (line, id, body) = (raw.line, raw.id, raw.body);
        let (kind, offsets) = body
            .split_once(' ')
            .ok_or_else(|| err(line, format!("`{body}`: expected TYPE START END")))?;
        let mut spans = Vec::new();
        for fragment in offsets.split(';') {
            let numbers: Vec<&str> = fragment.split_whitespace().collect();
            let parsed: Option<Vec<usize>> = numbers.iter().map(|n| n.parse().ok()).collect();
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
        let stored = raw
            .text
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
        if !joined_text_is(doc, &spans, stored) {
            let actual: Vec<&str> = spans.iter().map(|s| doc.slice(*s)).collect();
            let actual = actual.join(" ");
            return Err(err(
                line,
                format!("{id}: the text is {stored:?} but the article has {actual:?} there"),
            ));
        }
        order.push(id);
        let kind = kind.to_owned();
        bounds.insert(id, (at, TextBound { line, kind, spans }));
    }
    let kind_of = |id: &str| bounds.get(id).map(|(_, t)| t.kind.as_str());

    // Relations, split: tandai's links (and which Cue each quote takes) and the others.
    struct Rel<'a> {
        at: usize,
        kind: &'a str,
        from: &'a str,
        to: &'a str,
    }
    let mut relations: Vec<Rel> = Vec::new();
    for (at, raw) in raws
        .iter()
        .enumerate()
        .filter(|(_, r)| r.id.starts_with('R'))
    {
        let parts: Vec<&str> = raw.body.split_whitespace().collect();
        let [kind, a1, a2] = parts[..] else {
            return Err(err(
                raw.line,
                format!("{}: expected TYPE ROLE:X ROLE:Y", raw.id),
            ));
        };
        let (Some((_, _)), Some((_, _))) = (a1.split_once(':'), a2.split_once(':')) else {
            return Err(err(
                raw.line,
                format!("{}: expected TYPE ROLE:X ROLE:Y", raw.id),
            ));
        };
        // Only Arg1 → Arg2 between text-bound annotations, written as the export writes it,
        // is a relation tandai models.
        if let (Some(from), Some(to)) = (a1.strip_prefix("Arg1:"), a2.strip_prefix("Arg2:"))
            && raw.text.is_none()
            && raw.body.split(' ').count() == 3
            && kind_of(from).is_some()
            && kind_of(to).is_some()
        {
            relations.push(Rel { at, kind, from, to });
        }
    }
    // Each Cue bound by exactly one Cue relation from a Quote becomes that quote's cue.
    let mut cue_of: HashMap<&str, usize> = HashMap::new();
    let mut cues: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in relations.iter().enumerate() {
        if r.kind == "Cue" && kind_of(r.from) == Some("Quote") && kind_of(r.to) == Some("Cue") {
            cues.entry(r.to).or_default().push(i);
        }
    }
    let mut cued_quotes: HashSet<&str> = HashSet::new();
    let mut cue_relation: HashSet<usize> = HashSet::new();
    for (cue, links) in &cues {
        if let [only] = links[..]
            && cued_quotes.insert(relations[only].from)
        {
            cue_of.insert(cue, only);
            cue_relation.insert(only);
        }
    }

    let mut b = Builder::new(doc);
    let mut made: HashMap<&str, Made> = HashMap::with_capacity(bounds.len());
    let spans_of = |b: &Builder, id: &str, t: &TextBound| {
        b.spans(t.spans.clone())
            .map_err(|m| err(t.line, format!("{id}: {m}")))
    };
    for &id in &order {
        let (_, t) = &bounds[id];
        let role = match t.kind.as_str() {
            "Quote" => Some(true),
            "Claim" => Some(false),
            "Cue" if cue_of.contains_key(id) => continue,
            _ => None,
        };
        let spans = spans_of(&b, id, t)?;
        let what = match role {
            None => Made::Entity(b.entity(&t.kind, spans)),
            Some(true) => Made::Quote(b.quote(QuoteKind::default(), spans)),
            Some(false) => Made::Claim(b.claim(spans)),
        };
        made.insert(id, what);
    }
    let id_of = |b: &Builder, m: Made| -> Text {
        match m {
            Made::Entity(i) => b.set.entities[i].id.clone(),
            Made::Quote(i) | Made::Cue(i) => b.set.quotes[i].id.clone(),
            Made::Claim(i) => b.set.claims[i].id.clone(),
        }
    };
    for (&cue, &r) in &cue_of {
        let Some(&Made::Quote(q)) = made.get(relations[r].from) else {
            continue;
        };
        let (_, t) = &bounds[cue];
        let spans = spans_of(&b, cue, t)?;
        b.set.quotes[q].cue = Some(b.cue(spans));
        made.insert(cue, Made::Cue(q));
    }
    for &id in &order {
        let (at, _) = bounds[id];
        let key = match made[id] {
            Made::Cue(q) => format!("{} cue", b.set.quotes[q].id),
            m => id_of(&b, m).to_string(),
        };
        fates[at] = Fate::Made(key);
    }

    // Relations: tandai's links where they fit, the others as relations.
    // Original R id → index in `b.set.relations`.
    let mut relation_ids: HashMap<&str, usize> = HashMap::new();
    let mut next_relation = 1u64;
    for (i, r) in relations.iter().enumerate() {
        let (from, to) = (made[r.from], made[r.to]);
        let raw = &raws[r.at];
        let key = match (r.kind, from, to) {
            ("Cue", Made::Quote(q), Made::Cue(c)) if q == c && cue_relation.contains(&i) => {
                Some(format!("{} Cue", b.set.quotes[q].id))
            }
            ("Speaker", Made::Quote(q), Made::Entity(e)) if b.set.quotes[q].speaker.is_none() => {
                b.set.quotes[q].speaker = Some(b.set.entities[e].id.clone());
                Some(format!("{} Speaker", b.set.quotes[q].id))
            }
            ("Claimant", Made::Claim(c), Made::Entity(e)) if b.set.claims[c].claimant.is_none() => {
                b.set.claims[c].claimant = Some(b.set.entities[e].id.clone());
                Some(format!("{} Claimant", b.set.claims[c].id))
            }
            ("Source", Made::Claim(c), Made::Quote(q)) if b.set.claims[c].quote.is_none() => {
                b.set.claims[c].quote = Some(b.set.quotes[q].id.clone());
                Some(format!("{} Source", b.set.claims[c].id))
            }
            (_, Made::Cue(_), _) | (_, _, Made::Cue(_)) => None,
            _ => {
                let id = format_compact!("{}{next_relation}", relation::PREFIX);
                next_relation += 1;
                b.set.relations.push(Relation {
                    id: id.clone(),
                    kind: r.kind.into(),
                    from: id_of(&b, from),
                    to: id_of(&b, to),
                    note: None,
                });
                relation_ids.insert(raw.id, b.set.relations.len() - 1);
                Some(id.to_string())
            }
        };
        if let Some(key) = key {
            fates[r.at] = Fate::Made(key);
        }
    }
    b.set.next_ids.relation = next_relation;

    // Attributes: Kind on a quote and Checkworthy on a claim are tandai's; any other on an
    // entity, quote or claim is an attribute; the rest is kept.
    for (at, raw) in raws.iter().enumerate() {
        if !matches!(raw.id.chars().next(), Some('A' | 'M')) {
            continue;
        }
        let parts: Vec<&str> = raw.body.split_whitespace().collect();
        let (name, on, value) = match parts[..] {
            [name, on] => (name, on, None),
            [name, on, value] => (name, on, Some(value)),
            _ => {
                return Err(err(
                    raw.line,
                    format!("{}: expected NAME TARGET [VALUE]", raw.id),
                ));
            }
        };
        if raw.text.is_some() || raw.body.split(' ').count() != parts.len() {
            continue;
        }
        let Some(&target) = made.get(on) else {
            continue;
        };
        let key = match (name, target, value) {
            ("Kind", Made::Quote(q), Some(v))
                if quote_kind(v).is_some_and(|k| kind_name(k) == v) =>
            {
                b.set.quotes[q].kind = quote_kind(v).unwrap_or_default();
                format!("{} A Kind", b.set.quotes[q].id)
            }
            ("Checkworthy", Made::Claim(c), Some(v @ ("Yes" | "No")))
                if b.set.claims[c].checkworthy.is_none() =>
            {
                b.set.claims[c].checkworthy = Some(if v == "Yes" {
                    Checkworthy::Yes
                } else {
                    Checkworthy::No
                });
                format!("{} A Checkworthy", b.set.claims[c].id)
            }
            (_, Made::Cue(_), _) => continue,
            _ => {
                let list = match target {
                    Made::Entity(i) => &mut b.set.entities[i].attributes,
                    Made::Quote(i) => &mut b.set.quotes[i].attributes,
                    Made::Claim(i) => &mut b.set.claims[i].attributes,
                    Made::Cue(_) => continue,
                };
                if attributes::get(list, name).is_some() {
                    continue;
                }
                let attribute = Attribute {
                    name: name.into(),
                    value: value.map(Text::from),
                };
                attributes::set(list, attribute);
                format!("{} A {name}", id_of(&b, target))
            }
        };
        fates[at] = Fate::Made(key);
    }

    // Notes: the first AnnotatorNotes of an annotation or relation, when the export writes it
    // back as it is; any other note is kept.
    for (at, raw) in raws
        .iter()
        .enumerate()
        .filter(|(_, r)| r.id.starts_with('#'))
    {
        let ["AnnotatorNotes", on] = raw.body.split(' ').collect::<Vec<_>>()[..] else {
            continue;
        };
        let Some(note) = raw
            .text
            .filter(|n| !n.is_empty() && n.trim() == *n && !n.chars().any(char::is_control))
        else {
            continue;
        };
        let (slot, key) = if let Some(&i) = relation_ids.get(on) {
            let r = &mut b.set.relations[i];
            (&mut r.note, format!("{} #", r.id))
        } else {
            let Some(&target) = made.get(on) else {
                continue;
            };
            let key = format!("{} #", id_of(&b, target));
            let slot = match target {
                Made::Entity(i) => &mut b.set.entities[i].note,
                Made::Quote(i) => &mut b.set.quotes[i].note,
                Made::Claim(i) => &mut b.set.claims[i].note,
                Made::Cue(_) => continue,
            };
            (slot, key)
        };
        if slot.is_some() {
            continue;
        }
        *slot = Some(note.into());
        fates[at] = Fate::Made(key);
    }

    let mut kept = Kept {
        format: crate::export::brat::FORMAT.into(),
        ..Kept::default()
    };
    for (raw, fate) in raws.iter().zip(fates) {
        let what = match fate {
            Fate::Made(key) => key.into(),
            Fate::Kept => {
                kept.lines.push(raw.whole.into());
                Text::default()
            }
        };
        kept.ids.push(Origin {
            id: raw.id.into(),
            what,
        });
    }
    if !kept.is_empty() {
        b.set.kept.push(kept);
    }
    Ok(b.finish())
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

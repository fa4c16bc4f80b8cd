//! Writing a version-1 file straight from the model.
//!
//! ron's serializer needs the version-1 structs, a copy of every string of the set, and builds
//! the whole text in memory: at 100,000 annotations a save peaked at more than twice the
//! memory of the open article. This writer streams the same text from the set, byte for byte
//! what ron writes with the settings of [`to_ron`](super::to_ron) (the tests compare both on
//! random sets and on the sample).

use std::io::{self, Write};

use crate::model::{
    About, AnnotationSet, Attribute, By, Claim, Conflict, Cue, Entity, Fingerprint, Item, Kept,
    Quote, Rejection, Relation, ReviewStatus, Source, Span, Version,
};

use super::convert;
use super::v1;

/// Writes the version-1 file of `set`, describing the article `text` whose paragraphs have the
/// fingerprints `prints` (none written where there is none), annotated by `annotator`.
pub fn write(
    out: &mut impl Write,
    text: &v1::TextRef,
    prints: &[Option<Fingerprint>],
    annotator: &str,
    set: &AnnotationSet,
) -> io::Result<()> {
    out.write_all(b"#![enable(implicit_some)]\nAnnotations(\n    version: 1,\n")?;
    out.write_all(b"    text: (\n        file: ")?;
    string(out, &text.file)?;
    out.write_all(b",\n        sha256: ")?;
    string(out, &text.sha256)?;
    writeln!(out, ",\n        chars: {},\n    ),", text.chars)?;
    out.write_all(b"    annotator: ")?;
    string(out, annotator)?;
    out.write_all(b",\n")?;
    let mut paragraph = 0;
    block(out, "paragraphs", &set.paragraphs, |out, status| {
        let status = convert::status_out(*status);
        let print = prints.get(paragraph).copied().flatten();
        paragraph += 1;
        match print {
            Some(print) => write!(out, "(status: {status:?}, hash: \"{print}\")"),
            None => write!(out, "(status: {status:?})"),
        }
    })?;
    block(out, "entities", &set.entities, entity)?;
    block(out, "quotes", &set.quotes, quote)?;
    block(out, "claims", &set.claims, claim)?;
    if !set.orphans.is_empty() {
        out.write_all(b"    orphans: (\n")?;
        let entities = set.orphans.iter().filter_map(|o| match o {
            Item::Entity(e) => Some(e),
            _ => None,
        });
        let quotes = set.orphans.iter().filter_map(|o| match o {
            Item::Quote(q) => Some(q),
            _ => None,
        });
        let claims = set.orphans.iter().filter_map(|o| match o {
            Item::Claim(c) => Some(c),
            _ => None,
        });
        inline_list(out, "entities", entities, entity)?;
        inline_list(out, "quotes", quotes, quote)?;
        inline_list(out, "claims", claims, claim)?;
        out.write_all(b"    ),\n")?;
    }
    if !set.rejected.is_empty() {
        block(out, "rejected", &set.rejected, rejected)?;
    }
    if !set.conflicts.is_empty() {
        block(out, "conflicts", &set.conflicts, conflict)?;
    }
    if !set.relations.is_empty() {
        block(out, "relations", &set.relations, relation)?;
    }
    if !set.kept.is_empty() {
        block(out, "kept", &set.kept, kept)?;
    }
    let ids = &set.next_ids;
    write!(
        out,
        "    next_ids: (\n        entity: {},\n        quote: {},\n        claim: {},\n",
        ids.entity, ids.quote, ids.claim
    )?;
    if ids.relation != 1 {
        writeln!(out, "        relation: {},", ids.relation)?;
    }
    out.write_all(b"    ),\n)\n")
}

fn relation(out: &mut impl Write, r: &Relation) -> io::Result<()> {
    out.write_all(b"(id: ")?;
    string(out, &r.id)?;
    out.write_all(b", kind: ")?;
    string(out, &r.kind)?;
    out.write_all(b", from: ")?;
    string(out, &r.from)?;
    out.write_all(b", to: ")?;
    string(out, &r.to)?;
    optional(out, "note", r.note.as_deref())?;
    out.write_all(b")")
}

fn kept(out: &mut impl Write, k: &Kept) -> io::Result<()> {
    out.write_all(b"(format: ")?;
    string(out, &k.format)?;
    if !k.lines.is_empty() {
        out.write_all(b", lines: [")?;
        for (i, line) in k.lines.iter().enumerate() {
            if i > 0 {
                out.write_all(b", ")?;
            }
            string(out, line)?;
        }
        out.write_all(b"]")?;
    }
    if !k.ids.is_empty() {
        out.write_all(b", ids: [")?;
        for (i, o) in k.ids.iter().enumerate() {
            if i > 0 {
                out.write_all(b", ")?;
            }
            out.write_all(b"(")?;
            string(out, &o.id)?;
            out.write_all(b", ")?;
            string(out, &o.what)?;
            out.write_all(b")")?;
        }
        out.write_all(b"]")?;
    }
    out.write_all(b")")
}

/// `, attributes: [(name: "…", value: "…"), …]`; nothing when there are none.
fn attributes(out: &mut impl Write, list: &[Attribute]) -> io::Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    out.write_all(b", attributes: [")?;
    for (i, a) in list.iter().enumerate() {
        if i > 0 {
            out.write_all(b", ")?;
        }
        out.write_all(b"(name: ")?;
        string(out, &a.name)?;
        optional(out, "value", a.value.as_deref())?;
        out.write_all(b")")?;
    }
    out.write_all(b"]")
}

/// A top-level list: one item a line, or `[]` when empty.
fn block<W: Write, T>(
    out: &mut W,
    name: &str,
    items: &[T],
    mut item: impl FnMut(&mut W, &T) -> io::Result<()>,
) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(out, "    {name}: [],");
    }
    writeln!(out, "    {name}: [")?;
    for x in items {
        out.write_all(b"        ")?;
        item(out, x)?;
        out.write_all(b",\n")?;
    }
    out.write_all(b"    ],\n")
}

/// A list of the orphans, on one line; nothing when empty.
fn inline_list<'a, W: Write, T: 'a>(
    out: &mut W,
    name: &str,
    items: impl Iterator<Item = &'a T>,
    mut item: impl FnMut(&mut W, &T) -> io::Result<()>,
) -> io::Result<()> {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return Ok(());
    }
    write!(out, "        {name}: [")?;
    for (i, x) in items.enumerate() {
        if i > 0 {
            out.write_all(b", ")?;
        }
        item(out, x)?;
    }
    out.write_all(b"],\n")
}

fn entity(out: &mut impl Write, e: &Entity) -> io::Result<()> {
    out.write_all(b"(id: ")?;
    string(out, &e.id)?;
    out.write_all(b", label: ")?;
    string(out, &e.label)?;
    out.write_all(b", ")?;
    spans_and_text(out, &e.spans, &e.text)?;
    optional(out, "note", e.note.as_deref())?;
    review(out, e.review)?;
    source(out, &e.source)?;
    by(out, &e.by)?;
    attributes(out, &e.attributes)?;
    out.write_all(b")")
}

fn quote(out: &mut impl Write, q: &Quote) -> io::Result<()> {
    out.write_all(b"(id: ")?;
    string(out, &q.id)?;
    write!(out, ", kind: {:?}, ", convert::kind_out(q.kind))?;
    spans_and_text(out, &q.spans, &q.text)?;
    if let Some(Cue { spans, text }) = &q.cue {
        out.write_all(b", cue: (")?;
        spans_and_text(out, spans, text)?;
        out.write_all(b")")?;
    }
    optional(out, "speaker", q.speaker.as_deref())?;
    optional(out, "note", q.note.as_deref())?;
    review(out, q.review)?;
    source(out, &q.source)?;
    by(out, &q.by)?;
    attributes(out, &q.attributes)?;
    out.write_all(b")")
}

fn claim(out: &mut impl Write, c: &Claim) -> io::Result<()> {
    out.write_all(b"(id: ")?;
    string(out, &c.id)?;
    out.write_all(b", ")?;
    spans_and_text(out, &c.spans, &c.text)?;
    optional(out, "claimant", c.claimant.as_deref())?;
    optional(out, "quote", c.quote.as_deref())?;
    if let Some(value) = c.checkworthy {
        write!(out, ", checkworthy: {:?}", convert::checkworthy_out(value))?;
    }
    optional(out, "note", c.note.as_deref())?;
    review(out, c.review)?;
    source(out, &c.source)?;
    by(out, &c.by)?;
    attributes(out, &c.attributes)?;
    out.write_all(b")")
}

/// `spans: […], text: "…"`.
fn spans_and_text(out: &mut impl Write, spans: &[Span], text: &str) -> io::Result<()> {
    out.write_all(b"spans: [")?;
    for (i, span) in spans.iter().enumerate() {
        let comma = if i > 0 { ", " } else { "" };
        write!(out, "{comma}({}, {})", span.start, span.end)?;
    }
    out.write_all(b"], text: ")?;
    string(out, text)
}

fn optional(out: &mut impl Write, name: &str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(value) => {
            write!(out, ", {name}: ")?;
            string(out, value)
        }
        None => Ok(()),
    }
}

fn review(out: &mut impl Write, status: ReviewStatus) -> io::Result<()> {
    match status {
        ReviewStatus::Unreviewed => Ok(()),
        _ => write!(out, ", review: {:?}", convert::review_out(status)),
    }
}

fn rejected(out: &mut impl Write, r: &Rejection) -> io::Result<()> {
    write!(out, "(layer: {:?}", convert::layer_out(r.layer))?;
    optional(out, "label", r.label.as_deref())?;
    write!(out, ", span: ({}, {}), text: ", r.span.start, r.span.end)?;
    string(out, &r.text)?;
    out.write_all(b", source: ")?;
    string(out, &r.source.to_string())?;
    out.write_all(b")")
}

fn conflict(out: &mut impl Write, c: &Conflict) -> io::Result<()> {
    out.write_all(b"(about: ")?;
    match &c.about {
        About::Annotation(id) => {
            out.write_all(b"Annotation(")?;
            string(out, id)?;
            out.write_all(b")")?;
        }
        About::Paragraph(n) => write!(out, "Paragraph({n})")?,
    }
    out.write_all(b", reason: ")?;
    string(out, &c.reason)?;
    for (name, v) in [("base", &c.base), ("ours", &c.ours), ("theirs", &c.theirs)] {
        if let Some(v) = v {
            write!(out, ", {name}: ")?;
            version(out, v)?;
        }
    }
    out.write_all(b")")
}

fn version(out: &mut impl Write, v: &Version) -> io::Result<()> {
    match v {
        Version::Item(Item::Entity(e)) => {
            out.write_all(b"Entity(")?;
            entity(out, e)?;
        }
        Version::Item(Item::Quote(q)) => {
            out.write_all(b"Quote(")?;
            quote(out, q)?;
        }
        Version::Item(Item::Claim(c)) => {
            out.write_all(b"Claim(")?;
            claim(out, c)?;
        }
        Version::Status(s) => write!(out, "Status({:?}", convert::status_out(*s))?,
    }
    out.write_all(b")")
}

fn source(out: &mut impl Write, source: &Source) -> io::Result<()> {
    if source.is_typed() {
        return Ok(());
    }
    out.write_all(b", source: ")?;
    string(out, &source.to_string())
}

/// `, by: ["alice", "budi"]`; nothing when nobody is named.
fn by(out: &mut impl Write, by: &By) -> io::Result<()> {
    if by.is_empty() {
        return Ok(());
    }
    out.write_all(b", by: [")?;
    for (i, name) in by.names().iter().enumerate() {
        if i > 0 {
            out.write_all(b", ")?;
        }
        string(out, name)?;
    }
    out.write_all(b"]")
}

/// A string between quotes, each character escaped as `char::escape_debug` does (as ron
/// writes it). Printable ASCII other than `"`, `'` and `\\` is copied as it is, those three
/// get a backslash; only the other characters go through `escape_debug`.
fn string(out: &mut impl Write, value: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = value.as_bytes();
    let (mut plain, mut at) = (0, 0);
    while at < bytes.len() {
        let b = bytes[at];
        if matches!(b, b' '..=b'~') && !matches!(b, b'"' | b'\'' | b'\\') {
            at += 1;
            continue;
        }
        out.write_all(&bytes[plain..at])?;
        if matches!(b, b'"' | b'\'' | b'\\') {
            out.write_all(&[b'\\', b])?;
            at += 1;
        } else {
            let c = value[at..].chars().next().expect("a character starts here");
            let mut buf = [0u8; 16];
            let mut len = 0;
            for e in c.escape_debug() {
                len += e.encode_utf8(&mut buf[len..]).len();
            }
            out.write_all(&buf[..len])?;
            at += c.len_utf8();
        }
        plain = at;
    }
    out.write_all(&bytes[plain..])?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::store::arbitrary::file;
    use crate::store::save::v1_text;

    /// What this writer writes for the set of `file`, and what ron writes for it.
    fn both(file: v1::Annotations) -> (String, String) {
        let (text, annotator) = (file.text.clone(), file.annotator.clone());
        let parsed = convert::parsed_from_v1(file);
        let (set, prints) = (parsed.set, parsed.fingerprints);
        let mut mine = Vec::new();
        write(&mut mine, &text, &prints, &annotator, &set).unwrap();
        let ron = v1_text(&convert::set_to_v1(&set, &prints, text, &annotator));
        (String::from_utf8(mine).unwrap(), ron)
    }

    #[test]
    fn a_string_is_written_with_each_character_escaped_as_escape_debug_does() {
        let value = "a\"b'c\\d\n\t\r\u{0}é“ka”\u{301}\u{7f}\u{200b}\u{feff}😀~ \u{10ffff}";
        let mut mine = Vec::new();
        string(&mut mine, value).unwrap();
        let expected: String = value
            .chars()
            .map(|c| c.escape_debug().to_string())
            .collect();
        assert_eq!(String::from_utf8(mine).unwrap(), format!("\"{expected}\""));
    }

    #[test]
    fn writes_the_sample_file_as_ron_does() {
        let text = include_str!("../../sample-data/korut-dukung-rusia.ann.ron");
        let file = v1::ron_options().from_str(text).unwrap();
        let (mine, ron) = both(file);
        assert_eq!(mine, ron);
        assert_eq!(mine, text);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        #[test]
        fn writes_every_set_as_ron_does(file in file()) {
            let (mine, ron) = both(file);
            prop_assert_eq!(mine, ron);
        }
    }
}

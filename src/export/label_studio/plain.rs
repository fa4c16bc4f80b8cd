//! A task in tandai's own layout, written straight to bytes: the bytes `serde_json` writes for
//! the same values (keys in order, its string escapes), without building them first.

use std::io::{self, Write};

use super::{CHECKWORTHY_FROM, CHOICE_SEPARATOR, Item, NOTE_FROM, Per, TEXT_NAME, yes_no};
use crate::model::Document;

/// Writes `{"data": {"text", "tandai_id"}, "annotations": [{"result": [items]}]}`.
pub(super) fn task<'a>(
    out: &mut Vec<u8>,
    doc: &Document,
    doc_id: &str,
    items: impl Iterator<Item = Item<'a>>,
) -> io::Result<()> {
    out.extend_from_slice(b"{\"data\":{\"text\":");
    string(out, doc.text())?;
    out.extend_from_slice(b",\"tandai_id\":");
    string(out, doc_id)?;
    out.extend_from_slice(b"},\"annotations\":[{\"result\":[");
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        result(out, doc, &item)?;
    }
    out.extend_from_slice(b"]}]}");
    Ok(())
}

fn result(out: &mut Vec<u8>, doc: &Document, item: &Item) -> io::Result<()> {
    match item {
        Item::Region {
            id,
            from,
            label,
            span,
        } => {
            head(out, from, id)?;
            out.extend_from_slice(b"\"labels\",\"value\":{\"end\":");
            write!(out, "{}", span.end)?;
            out.extend_from_slice(b",\"labels\":[");
            string(out, label)?;
            write!(out, "],\"start\":{},\"text\":", span.start)?;
            string(out, doc.slice(*span))?;
            out.extend_from_slice(b"}}");
        }
        Item::PerRegion { id, span, per } => {
            let (from, choices): (&str, Vec<&str>) = match per {
                Per::Checkworthy(v) => (CHECKWORTHY_FROM, vec![yes_no(*v)]),
                Per::Note(_) => (NOTE_FROM, Vec::new()),
                Per::Attribute(a) => (
                    &a.name,
                    match &a.value {
                        Some(v) => v.split(CHOICE_SEPARATOR).collect(),
                        None => vec![a.name.as_str()],
                    },
                ),
            };
            head(out, from, id)?;
            if let Per::Note(note) = per {
                write!(
                    out,
                    "\"textarea\",\"value\":{{\"end\":{},\"start\":{},\"text\":[",
                    span.end, span.start
                )?;
                string(out, note)?;
                out.extend_from_slice(b"]}}");
            } else {
                out.extend_from_slice(b"\"choices\",\"value\":{\"choices\":[");
                for (n, c) in choices.iter().enumerate() {
                    if n > 0 {
                        out.push(b',');
                    }
                    string(out, c)?;
                }
                write!(out, "],\"end\":{},\"start\":{}}}}}", span.end, span.start)?;
            }
        }
        Item::Relation {
            from, to, label, ..
        } => {
            out.extend_from_slice(b"{\"direction\":\"right\",\"from_id\":");
            string(out, from)?;
            out.extend_from_slice(b",\"labels\":[");
            string(out, label)?;
            out.extend_from_slice(b"],\"to_id\":");
            string(out, to)?;
            out.extend_from_slice(b",\"type\":\"relation\"}");
        }
    }
    Ok(())
}

/// `{"from_name":F,"id":ID,"to_name":"text","type":` of a region or per-region result.
fn head(out: &mut Vec<u8>, from: &str, id: &str) -> io::Result<()> {
    out.extend_from_slice(b"{\"from_name\":");
    string(out, from)?;
    out.extend_from_slice(b",\"id\":");
    string(out, id)?;
    out.extend_from_slice(b",\"to_name\":\"");
    out.extend_from_slice(TEXT_NAME.as_bytes());
    out.extend_from_slice(b"\",\"type\":");
    Ok(())
}

/// `s` as a JSON string: copied between quotes when nothing in it needs an escape, else as
/// `serde_json` escapes it.
fn string(out: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        serde_json::to_writer(&mut *out, s).map_err(io::Error::other)
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        for s in ["plain", "a \"q\" \\ b", "line\nend\ttab\u{1}", "😀 “x”", ""] {
            let mut out = Vec::new();
            string(&mut out, s).unwrap();
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }
}

//! Writing a side file straight into a buffer: the same text, byte for byte, as ron's pretty
//! serialiser with the settings of the reference in the tests (depth limit 3, four-space
//! indent, `implicit_some`), at a fraction of its cost (ron validates every identifier and
//! formats through `fmt::Write` a character at a time). The tests compare both on random
//! predictions.

use std::fmt::Write as _;

use super::{PredictedClaim, PredictedEntity, PredictedQuote, Predictions};
use crate::model::{Checkworthy, QuoteKind, Span};

/// Appends the text of the side file of `p` to `out`, ending with a line break.
pub fn write(out: &mut String, p: &Predictions) {
    out.push_str("(\n    version: ");
    number(out, p.version);
    out.push_str(",\n    text: (\n        file: ");
    string(out, &p.text.file);
    out.push_str(",\n        sha256: ");
    string(out, &p.text.sha256);
    out.push_str(",\n        chars: ");
    number(out, p.text.chars as u64);
    out.push_str(",\n    ),\n    model: ");
    string(out, &p.model);
    out.push_str(",\n");
    list(out, "entities", &p.entities, entity);
    list(out, "quotes", &p.quotes, quote);
    list(out, "claims", &p.claims, claim);
    out.push_str(")\n");
}

/// A top-level list: one struct an item, its fields a line each; `[]` when empty.
fn list<T>(out: &mut String, name: &str, items: &[T], item: fn(&mut String, &T)) {
    out.push_str("    ");
    out.push_str(name);
    if items.is_empty() {
        out.push_str(": [],\n");
        return;
    }
    out.push_str(": [\n");
    for x in items {
        out.push_str("        (\n");
        item(out, x);
        out.push_str("        ),\n");
    }
    out.push_str("    ],\n");
}

/// One field of an item: `            name: `, the value, `,\n`.
fn field(out: &mut String, name: &str) {
    out.push_str("            ");
    out.push_str(name);
    out.push_str(": ");
}

fn span_field(out: &mut String, name: &str, span: Span) {
    field(out, name);
    out.push('(');
    number(out, span.start as u64);
    out.push_str(", ");
    number(out, span.end as u64);
    out.push_str("),\n");
}

fn optional_span(out: &mut String, name: &str, span: Option<Span>) {
    if let Some(span) = span {
        span_field(out, name, span);
    }
}

fn string_field(out: &mut String, name: &str, value: &str) {
    field(out, name);
    string(out, value);
    out.push_str(",\n");
}

fn score(out: &mut String, score: Option<f32>) {
    if let Some(s) = score {
        field(out, "score");
        // As ron writes floats: `Debug` (shortest round trip, `.0` on whole numbers), and a
        // sign before a negative NaN.
        if s.is_nan() && s.is_sign_negative() {
            out.push('-');
        }
        let _ = write!(out, "{s:?}");
        out.push_str(",\n");
    }
}

fn entity(out: &mut String, e: &PredictedEntity) {
    span_field(out, "span", e.span);
    string_field(out, "text", &e.text);
    string_field(out, "label", &e.label);
    score(out, e.score);
}

fn quote(out: &mut String, q: &PredictedQuote) {
    span_field(out, "span", q.span);
    string_field(out, "text", &q.text);
    field(out, "kind");
    out.push_str(match q.kind {
        QuoteKind::Direct => "Direct",
        QuoteKind::Indirect => "Indirect",
        QuoteKind::Mixed => "Mixed",
    });
    out.push_str(",\n");
    optional_span(out, "cue", q.cue);
    optional_span(out, "speaker", q.speaker);
    score(out, q.score);
}

fn claim(out: &mut String, c: &PredictedClaim) {
    span_field(out, "span", c.span);
    string_field(out, "text", &c.text);
    optional_span(out, "claimant", c.claimant);
    optional_span(out, "quote", c.quote);
    if let Some(value) = c.checkworthy {
        field(out, "checkworthy");
        out.push_str(match value {
            Checkworthy::Yes => "Yes",
            Checkworthy::No => "No",
        });
        out.push_str(",\n");
    }
    score(out, c.score);
}

/// A whole number in decimal.
fn number(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// A string between double quotes, each character escaped as `char::escape_debug` escapes it
/// (as ron does): printable ASCII other than `"`, `'` and `\` goes through in runs.
fn string(out: &mut String, value: &str) {
    out.push('"');
    let mut plain = 0;
    for (at, c) in value.char_indices() {
        if matches!(c, ' '..='~') && !matches!(c, '"' | '\'' | '\\') {
            continue;
        }
        out.push_str(&value[plain..at]);
        out.extend(c.escape_debug());
        plain = at + c.len_utf8();
    }
    out.push_str(&value[plain..]);
    out.push('"');
}

//! The index page: what the report covers and a link to every page.

use std::fmt::Write;

use super::escape::{attr, push_text};
use super::page;
use super::rows::{DocRow, Totals};

/// The index of a report on `root` (as the user named it) with these documents.
pub fn render(root: &str, rows: &[DocRow], totals: &Totals) -> String {
    let mut out = String::with_capacity(256 + rows.len() * 120);
    page::head(&mut out, &format!("{root} — tandai report"), "");
    out.push_str("<header><h1>tandai report: ");
    push_text(&mut out, root);
    out.push_str("</h1>\n");
    let s = &totals.summary;
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} documents ({} annotated) · {} of {} paragraphs done · {} entities · {} quotes · {} claims · {} documents with problems</p>",
        rows.len(),
        s.annotated,
        s.paragraphs.done,
        s.paragraphs.total,
        s.entity_count(),
        s.quotes.total,
        s.claims.total,
        totals.with_problems
    );
    out.push_str("</header>\n<main>\n<p><a href=\"corpus.html\">The corpus: every document, its progress and counts, and charts</a></p>\n");
    out.push_str("<h2>Articles</h2>\n<ol class=\"articles\">\n");
    for row in rows {
        let _ = write!(out, "<li><a href=\"{}\">", attr(&row.page));
        push_text(&mut out, &row.name);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ol>\n</main>\n");
    page::foot(&mut out);
    out
}

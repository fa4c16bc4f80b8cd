//! The index page: what the report covers, the corpus pages, and a link to each article (the
//! first [`ROWS_PER_PAGE`] of them; the corpus pages link to every one).

use std::fmt::Write;

use super::corpus_page::{ROWS_PER_PAGE, page_file};
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
    let pages = rows.len().div_ceil(ROWS_PER_PAGE);
    if pages > 1 {
        out.push_str("<p>Every document, in pages:");
        for page in 1..=pages {
            let from = (page - 1) * ROWS_PER_PAGE + 1;
            let to = (page * ROWS_PER_PAGE).min(rows.len());
            let _ = write!(out, " <a href=\"{}\">{from}–{to}</a>", page_file(page));
        }
        out.push_str("</p>\n");
    }
    out.push_str("<h2>Articles</h2>\n<ol class=\"articles\">\n");
    for row in rows.iter().take(ROWS_PER_PAGE) {
        let _ = write!(out, "<li><a href=\"{}\">", attr(&row.page));
        push_text(&mut out, &row.name);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ol>\n");
    if rows.len() > ROWS_PER_PAGE {
        let _ = writeln!(
            out,
            "<p>… and {} more, listed on the corpus pages above.</p>",
            rows.len() - ROWS_PER_PAGE
        );
    }
    out.push_str("</main>\n");
    page::foot(&mut out);
    out
}

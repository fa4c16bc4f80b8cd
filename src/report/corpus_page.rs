//! The corpus page: every document with its progress bar, counts, review state, problems and
//! annotators in a table sortable by any column (`report.js`), and the charts: labels, quote
//! kinds, quotes per speaker, annotations per day their file was saved, and agreement where
//! articles have several annotators.
//!
//! A browser takes seconds to lay out a table of 10,000 rows, so the table is cut into pages
//! of [`ROWS_PER_PAGE`] documents: `corpus.html` (with the charts), then `corpus-2.html`, …,
//! each linking to all the others; sorting sorts the rows of one page.

use std::fmt::Write;

use crate::agree::{Layer, Report};

use super::charts::{Bar, chart, noted_chart};
use super::escape::{attr, push_text, text};
use super::page;
use super::palette::style_of;
use super::rows::{DocRow, Totals};

/// Speakers shown in the chart of quotes per speaker.
const TOP_SPEAKERS: usize = 20;

/// Style classes of the bars, by a label's style.
const STYLE_CLASSES: [&str; 8] = ["l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7"];

/// Documents in the table of one corpus page.
pub const ROWS_PER_PAGE: usize = 500;

/// The file name of corpus page `number` (from 1).
pub fn page_file(number: usize) -> String {
    if number <= 1 {
        "corpus.html".into()
    } else {
        format!("corpus-{number}.html")
    }
}

/// The corpus pages of a report on `root`, in order: `(file name, page)`.
pub fn render(
    root: &str,
    rows: &[DocRow],
    totals: &Totals,
    agreement: Option<&Report>,
) -> Vec<(String, String)> {
    let chunks: Vec<&[DocRow]> = if rows.is_empty() {
        vec![rows]
    } else {
        rows.chunks(ROWS_PER_PAGE).collect()
    };
    let count = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let number = i + 1;
            let first = i * ROWS_PER_PAGE;
            let page = render_page(
                root,
                rows.len(),
                totals,
                agreement,
                (number, count),
                first,
                chunk,
            );
            (page_file(number), page)
        })
        .collect()
}

/// Links to every corpus page, the current one not a link.
fn pager(out: &mut String, total: usize, (number, count): (usize, usize)) {
    if count <= 1 {
        return;
    }
    out.push_str("<nav class=\"pages\">Documents:");
    for page in 1..=count {
        let from = (page - 1) * ROWS_PER_PAGE + 1;
        let to = (page * ROWS_PER_PAGE).min(total);
        if page == number {
            let _ = write!(out, " <strong>{from}–{to}</strong>");
        } else {
            let _ = write!(out, " <a href=\"{}\">{from}–{to}</a>", page_file(page));
        }
    }
    out.push_str("</nav>\n");
}

/// One corpus page: the summary, on the first page the charts and agreement, then the rows
/// `first..first + chunk.len()` of the documents table.
fn render_page(
    root: &str,
    total: usize,
    totals: &Totals,
    agreement: Option<&Report>,
    (number, count): (usize, usize),
    first: usize,
    chunk: &[DocRow],
) -> String {
    let mut out = String::with_capacity(4096 + chunk.len() * 600);
    page::head(&mut out, &format!("Corpus {root} — tandai report"), "");
    out.push_str("<nav><a href=\"index.html\">Index</a></nav>\n<header><h1>Corpus: ");
    push_text(&mut out, root);
    out.push_str("</h1>\n");
    let s = &totals.summary;
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} documents ({} annotated) · {} of {} paragraphs done · {} entities · {} quotes · {} claims · {} of {} annotations reviewed · {} documents with problems</p>\n</header>\n<main>",
        total,
        s.annotated,
        s.paragraphs.done,
        s.paragraphs.total,
        s.entity_count(),
        s.quotes.total,
        s.claims.total,
        s.review.reviewed(),
        s.review.total,
        totals.with_problems,
    );
    if number == 1 {
        charts(&mut out, totals);
        if let Some(report) = agreement {
            agreement_section(&mut out, report);
        }
    } else {
        out.push_str("<p><a href=\"corpus.html\">The charts are on the first page.</a></p>\n");
    }
    pager(&mut out, total, (number, count));
    table(&mut out, chunk, first);
    pager(&mut out, total, (number, count));
    out.push_str("</main>\n");
    page::foot(&mut out);
    out
}

fn count_bar<'a>(name: &'a str, n: usize, class: &'static str) -> Bar<'a> {
    Bar {
        name,
        value: n as f64,
        shown: n.to_string(),
        class,
    }
}

fn charts(out: &mut String, totals: &Totals) {
    out.push_str("<section class=\"charts\" aria-label=\"Charts\">\n");
    let s = &totals.summary;
    let mut labels: Vec<(&String, &usize)> = s.entities.iter().collect();
    labels.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let bars: Vec<Bar> = labels
        .iter()
        .map(|(l, n)| count_bar(l, **n, STYLE_CLASSES[style_of(l)]))
        .collect();
    chart(out, "Entities per label", &bars);
    let q = &s.quotes;
    let kinds = [
        count_bar("direct", q.direct, "l1"),
        count_bar("indirect", q.indirect, "l0"),
        count_bar("mixed", q.mixed, "l5"),
    ];
    chart(
        out,
        "Quotes per kind",
        if q.total == 0 { &[] } else { &kinds },
    );
    let mut speakers: Vec<(&String, &usize)> = totals.speakers.iter().collect();
    speakers.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let shown = speakers.len().min(TOP_SPEAKERS);
    let bars: Vec<Bar> = speakers[..shown]
        .iter()
        .map(|(name, n)| count_bar(name, **n, "l2"))
        .collect();
    let title = if speakers.len() > shown {
        format!(
            "Quotes per speaker (the {shown} most quoted of {})",
            speakers.len()
        )
    } else {
        "Quotes per speaker".to_owned()
    };
    chart(out, &title, &bars);
    let c = &s.claims;
    let worthy = [
        count_bar("check-worthy", c.checkworthy, "l4"),
        count_bar("not check-worthy", c.not_checkworthy, "l7"),
        count_bar("undecided", c.undecided, "l6"),
    ];
    chart(out, "Claims", if c.total == 0 { &[] } else { &worthy });
    let bars: Vec<Bar> = totals
        .days
        .iter()
        .map(|(day, n)| count_bar(day, *n, "l1"))
        .collect();
    noted_chart(
        out,
        "Annotations by the day their file was last saved",
        &bars,
        Some(
            "The annotation files do not record when each annotation was made: a file's \
             annotations are counted on the day (UTC) the file was last written.",
        ),
    );
    out.push_str("</section>\n");
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}

fn agreement_section(out: &mut String, report: &Report) {
    out.push_str("<section class=\"agreement\"><h2>Agreement between annotators</h2>\n");
    let parties: Vec<String> = report.parties.iter().map(|p| text(p)).collect();
    let _ = writeln!(
        out,
        "<p>{} documents compared; parties: {}. Span F1 and Cohen's κ are means over pairs of \
         annotators; Krippendorff's α takes them all at once (<code>tandai agree</code> gives \
         every figure).</p>",
        report.corpus.documents,
        parties.join(", ")
    );
    out.push_str("<table><thead><tr><th>layer</th><th class=\"num\">exact F1</th><th class=\"num\">overlap F1</th><th class=\"num\">κ (tokens)</th><th class=\"num\">α (characters)</th></tr></thead><tbody>\n");
    let mut bars = Vec::new();
    for (layer, name) in [
        (Layer::Entities, "entities"),
        (Layer::Quotes, "quotes"),
        (Layer::Claims, "claims"),
    ] {
        let o = &report.corpus.layer(layer).overall;
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{name}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            figure(o.exact.f1),
            figure(o.overlap.f1),
            figure(o.kappa),
            figure(o.alpha)
        );
        if let Some(f1) = o.overlap.f1 {
            bars.push(Bar {
                name,
                value: f1,
                shown: format!("{f1:.2}"),
                class: "l2",
            });
        }
    }
    out.push_str("</tbody></table>\n");
    chart(out, "Overlap F1 per layer (1 = full agreement)", &bars);
    if !report.documents.is_empty() {
        out.push_str("<h3>The most differing documents</h3>\n<ol>\n");
        for doc in report.documents.iter().take(10) {
            out.push_str("<li>");
            push_text(out, &doc.path.display().to_string());
            let _ = writeln!(
                out,
                ": {:.0}% of annotations differ</li>",
                doc.differing * 100.0
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn table(out: &mut String, rows: &[DocRow], first: usize) {
    if first == 0 && rows.len() < ROWS_PER_PAGE {
        out.push_str("<section><h2>Documents</h2>\n");
    } else {
        let _ = writeln!(
            out,
            "<section><h2>Documents {}–{}</h2>",
            first + 1,
            first + rows.len()
        );
    }
    out.push_str("<table class=\"sortable\" id=\"documents\"><thead><tr>");
    for (name, kind) in [
        ("document", "text"),
        ("progress", "number"),
        ("entities", "number"),
        ("quotes", "number"),
        ("claims", "number"),
        ("reviewed", "number"),
        ("problems", "number"),
        ("annotators", "text"),
    ] {
        let _ = write!(
            out,
            "<th><button type=\"button\" data-type=\"{kind}\">{name}</button></th>"
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let s = &row.summary;
        let p = &s.paragraphs;
        let share = p.progress();
        let _ = write!(
            out,
            "<tr><td><a href=\"{}\">{}</a></td><td data-v=\"{share:.4}\"><span class=\"bar\" title=\"{} of {} paragraphs done\"><span style=\"width:{:.0}%\"></span></span> {}/{}</td>",
            attr(&row.page),
            text(&row.name),
            p.done,
            p.total,
            share * 100.0,
            p.done,
            p.total,
        );
        let _ = write!(
            out,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\" data-v=\"{}\">{}/{}</td>",
            s.entity_count(),
            s.quotes.total,
            s.claims.total,
            s.review.reviewed(),
            s.review.reviewed(),
            s.review.total,
        );
        let _ = write!(out, "<td class=\"num\" data-v=\"{}\">", row.problems);
        if row.problems > 0 {
            let _ = write!(out, "⚠ {}", row.problems);
        } else {
            out.push('0');
        }
        for trouble in &row.troubles {
            out.push_str("<br><span class=\"warn\">");
            push_text(out, trouble);
            out.push_str("</span>");
        }
        out.push_str("</td><td>");
        push_text(out, &row.annotators_text());
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n</section>\n");
}

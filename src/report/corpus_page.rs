//! The corpus page: every document with its progress bar, counts, review state, problems and
//! annotators in a table sortable by any column (`report.js`), and the charts: labels, quote
//! kinds, quotes per speaker, annotations per day their file was saved, and agreement where
//! articles have several annotators.

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

/// The corpus page of a report on `root`.
pub fn render(root: &str, rows: &[DocRow], totals: &Totals, agreement: Option<&Report>) -> String {
    let mut out = String::with_capacity(4096 + rows.len() * 600);
    page::head(&mut out, &format!("Corpus {root} — tandai report"), "");
    out.push_str("<nav><a href=\"index.html\">Index</a></nav>\n<header><h1>Corpus: ");
    push_text(&mut out, root);
    out.push_str("</h1>\n");
    let s = &totals.summary;
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} documents ({} annotated) · {} of {} paragraphs done · {} entities · {} quotes · {} claims · {} of {} annotations reviewed · {} documents with problems</p>\n</header>\n<main>",
        rows.len(),
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
    charts(&mut out, totals);
    if let Some(report) = agreement {
        agreement_section(&mut out, report);
    }
    table(&mut out, rows);
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

fn table(out: &mut String, rows: &[DocRow]) {
    out.push_str(
        "<section><h2>Documents</h2>\n<table class=\"sortable\" id=\"documents\"><thead><tr>",
    );
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

//! The page of one article: its paragraphs with their status, entities highlighted by label,
//! quotes shaded by kind with their cue and a link to their speaker, claims outlined with
//! their claimant and check-worthiness, notes (hover and print), review status and problems;
//! another tool's stored predictions apart, below.
//!
//! Every annotation's element carries `data-id` and, on its first piece, `id`, so a link
//! (`<a class="speaker" href="#e3">`) reaches it; its kind and label are written as text
//! beside it too (`<sup class="tag">`), so the page reads with CSS off.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::model::{
    AnnotationSet, Checkworthy, Document, Item, ParagraphStatus, Problem, QuoteKind, ReviewStatus,
    Span, Text,
};
use crate::suggest::predictions::Predictions;

use super::escape::{attr, push_attr, push_text, text};
use super::page;
use super::palette::style_of;
use super::segments::{self, Mark, Owner, Step};

/// What an article's page shows.
pub struct ArticlePage<'a> {
    /// The article's name in the report (its path under the corpus).
    pub name: &'a str,
    /// Its text.
    pub doc: &'a Document,
    /// Its annotations; `None` when it has no annotation file (or it could not be read).
    pub set: Option<&'a AnnotationSet>,
    /// Another tool's predictions stored beside it.
    pub predictions: Option<&'a Predictions>,
    /// Files of the article that could not be read, one message each.
    pub troubles: &'a [String],
}

/// The page's HTML; links to the index, the corpus page and the stylesheet are relative to a
/// page one folder below them (`articles/`).
pub fn render(page: &ArticlePage<'_>) -> String {
    let empty = AnnotationSet::new(page.doc.paragraphs().len());
    let set = page.set.unwrap_or(&empty);
    let problems = crate::model::problems(page.doc, set);
    let mut out = String::with_capacity(page.doc.text().len() * 3 + 4096);
    page::head(&mut out, &format!("{} — tandai report", page.name), "../");
    out.push_str("<nav><a href=\"../index.html\">Index</a> · <a href=\"../corpus.html\">Corpus</a></nav>\n<header>\n<h1>");
    push_text(&mut out, page.name);
    out.push_str("</h1>\n");
    summary_line(&mut out, page, set, &problems);
    for trouble in page.troubles {
        out.push_str("<p class=\"trouble\" role=\"alert\">⚠ ");
        push_text(&mut out, trouble);
        out.push_str("</p>\n");
    }
    legend(&mut out, set);
    out.push_str("</header>\n<main id=\"article\">\n");
    let names = Names::of(set);
    for (p, para) in page.doc.paragraphs().iter().enumerate() {
        paragraph(&mut out, page.doc, set, &problems, &names, p, para.chars);
    }
    out.push_str("</main>\n");
    problem_list(&mut out, set, &problems);
    if let Some(predictions) = page.predictions {
        suggestions(&mut out, predictions);
    }
    page::foot(&mut out);
    out
}

/// The texts of the entities, by id, for links.
struct Names<'a>(BTreeMap<&'a str, &'a str>);

impl<'a> Names<'a> {
    fn of(set: &'a AnnotationSet) -> Self {
        Self(
            set.entities
                .iter()
                .map(|e| (e.id.as_str(), e.text.as_str()))
                .collect(),
        )
    }
}

fn summary_line(
    out: &mut String,
    page: &ArticlePage<'_>,
    set: &AnnotationSet,
    problems: &BTreeMap<String, Vec<Problem>>,
) {
    let done = set
        .paragraphs
        .iter()
        .filter(|s| **s == ParagraphStatus::Done)
        .count();
    let items = set.entities.len() + set.quotes.len() + set.claims.len();
    let reviewed = set
        .items()
        .filter(|i| i.review() != ReviewStatus::Unreviewed)
        .count();
    let file = if page.set.is_some() {
        ""
    } else {
        " · no annotation file"
    };
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} of {} paragraphs done · {} entities · {} quotes · {} claims · \
         {reviewed} of {items} reviewed · {} with problems{file}</p>",
        done,
        page.doc.paragraphs().len(),
        set.entities.len(),
        set.quotes.len(),
        set.claims.len(),
        problems.len(),
    );
}

fn legend(out: &mut String, set: &AnnotationSet) {
    let mut labels: Vec<&str> = set.entities.iter().map(|e| e.label.as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    out.push_str("<section class=\"legend\" aria-label=\"Legend\"><h2>Legend</h2>\n<ul>");
    for label in labels {
        let _ = write!(out, "<li><mark class=\"ent l{}\">", style_of(label));
        push_text(out, label);
        out.push_str("</mark></li>");
    }
    out.push_str(
        "<li><span class=\"quote direct\">direct quote</span></li>\
         <li><span class=\"quote indirect\">indirect quote</span></li>\
         <li><span class=\"quote mixed\">mixed quote</span></li>\
         <li><em class=\"cue\">cue</em></li>\
         <li><span class=\"claim cw-yes\">claim, check-worthy</span></li>\
         <li><span class=\"claim cw-no\">claim, not check-worthy</span></li>\
         <li><span class=\"claim cw-unset\">claim, undecided</span></li>\
         <li><span class=\"rev\">✓</span> accepted · <span class=\"rev\">✗</span> rejected · \
         <span class=\"warn\">⚠</span> problem</li></ul>\n</section>\n",
    );
}

fn status_name(status: ParagraphStatus) -> &'static str {
    match status {
        ParagraphStatus::Todo => "todo",
        ParagraphStatus::Done => "done",
        ParagraphStatus::Skipped => "skipped",
        ParagraphStatus::Flagged => "flagged",
    }
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

fn checkworthy_name(value: Option<Checkworthy>) -> &'static str {
    match value {
        Some(Checkworthy::Yes) => "yes",
        Some(Checkworthy::No) => "no",
        None => "unset",
    }
}

fn paragraph(
    out: &mut String,
    doc: &Document,
    set: &AnnotationSet,
    problems: &BTreeMap<String, Vec<Problem>>,
    names: &Names<'_>,
    index: usize,
    range: Span,
) {
    let status = status_name(set.paragraphs.get(index).copied().unwrap_or_default());
    let n = index + 1;
    let _ = write!(
        out,
        "<p class=\"para st-{status}\" id=\"p{n}\"><span class=\"pstatus\">¶{n} {status}</span> "
    );
    let marks = segments::marks(set, range);
    let text_of = doc.paragraph_text(index);
    let bytes = char_bytes(text_of);
    for step in segments::steps(range, &marks) {
        match step {
            Step::Text(span) => {
                let from = bytes[span.start - range.start];
                let to = bytes[span.end - range.start];
                push_text(out, &text_of[from..to]);
            }
            Step::Open { mark, again } => open(out, set, problems, &marks[mark], again),
            Step::Close { mark, ends } => {
                let m = &marks[mark];
                if ends && m.last {
                    tag(out, set, problems, names, m.owner);
                }
                out.push_str(close_tag(m.owner));
            }
        }
    }
    out.push_str("</p>\n");
}

/// Byte offset of every character of `s`, and of its end.
fn char_bytes(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
    v.push(s.len());
    v
}

fn close_tag(owner: Owner) -> &'static str {
    match owner {
        Owner::Entity(_) => "</mark>",
        Owner::Cue(_) => "</em>",
        Owner::Quote(_) | Owner::Claim(_) => "</span>",
    }
}

fn review_class(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Unreviewed => "",
        ReviewStatus::Accepted => " rev-accepted",
        ReviewStatus::Rejected => " rev-rejected",
    }
}

/// The hover text of an annotation: what it is, its review, note and problems.
fn title(item: &Item, what: &str, problems: Option<&Vec<Problem>>) -> String {
    let mut t = format!("{} {what}", item.id());
    if item.review() != ReviewStatus::Unreviewed {
        let _ = write!(t, " · {}", item.review().name());
    }
    if let Some(note) = item.note() {
        let _ = write!(t, "\nnote: {note}");
    }
    for p in problems.into_iter().flatten() {
        let _ = write!(t, "\n⚠ {}", p.describe());
    }
    t
}

fn open(
    out: &mut String,
    set: &AnnotationSet,
    problems: &BTreeMap<String, Vec<Problem>>,
    mark: &Mark,
    again: bool,
) {
    let anchor = |item: &Item| {
        if mark.first && !again {
            format!(" id=\"{}\"", attr(item.id()))
        } else {
            String::new()
        }
    };
    let cont = if again || !mark.first { " cont" } else { "" };
    match mark.owner {
        Owner::Entity(i) => {
            let e = &set.entities[i];
            let item = Item::Entity(e.clone());
            let found = problems.get(e.id.as_str());
            let _ = write!(
                out,
                "<mark class=\"ent l{}{}{}{cont}\"{} data-id=\"{}\" data-label=\"{}\" title=\"{}\">",
                style_of(&e.label),
                review_class(e.review),
                if found.is_some() { " problem" } else { "" },
                anchor(&item),
                attr(&e.id),
                attr(&e.label),
                attr(&title(&item, &e.label, found)),
            );
        }
        Owner::Quote(i) => {
            let q = &set.quotes[i];
            let item = Item::Quote(q.clone());
            let found = problems.get(q.id.as_str());
            let kind = kind_name(q.kind);
            let _ = write!(
                out,
                "<span class=\"quote {kind}{}{}{cont}\"{} data-id=\"{}\" data-kind=\"{kind}\"",
                review_class(q.review),
                if found.is_some() { " problem" } else { "" },
                anchor(&item),
                attr(&q.id),
            );
            if let Some(speaker) = &q.speaker {
                out.push_str(" data-speaker=\"");
                push_attr(out, speaker);
                out.push('"');
            }
            let _ = write!(
                out,
                " title=\"{}\">",
                attr(&title(&item, &format!("{kind} quote"), found))
            );
        }
        Owner::Cue(i) => {
            let q = &set.quotes[i];
            let _ = write!(
                out,
                "<em class=\"cue{cont}\" data-cue-of=\"{}\" title=\"cue of {}\">",
                attr(&q.id),
                attr(&q.id)
            );
        }
        Owner::Claim(i) => {
            let c = &set.claims[i];
            let item = Item::Claim(c.clone());
            let found = problems.get(c.id.as_str());
            let cw = checkworthy_name(c.checkworthy);
            let _ = write!(
                out,
                "<span class=\"claim cw-{cw}{}{}{cont}\"{} data-id=\"{}\" data-checkworthy=\"{cw}\"",
                review_class(c.review),
                if found.is_some() { " problem" } else { "" },
                anchor(&item),
                attr(&c.id),
            );
            if let Some(claimant) = &c.claimant {
                out.push_str(" data-claimant=\"");
                push_attr(out, claimant);
                out.push('"');
            }
            let _ = write!(out, " title=\"{}\">", attr(&title(&item, "claim", found)));
        }
    }
}

/// A link to the entity `id`, named by its text (or the id, marked missing, when it is gone).
fn entity_link(out: &mut String, names: &Names<'_>, id: &Text, class: &str) {
    let _ = write!(out, "<a class=\"{class}\" href=\"#{}\">", attr(id));
    match names.0.get(id.as_str()) {
        Some(name) => push_text(out, name),
        None => {
            push_text(out, id);
            out.push_str(" (missing)");
        }
    }
    out.push_str("</a>");
}

/// The text written after an annotation's last piece: kind, label, links, review, problems
/// and the note (shown in print).
fn tag(
    out: &mut String,
    set: &AnnotationSet,
    problems: &BTreeMap<String, Vec<Problem>>,
    names: &Names<'_>,
    owner: Owner,
) {
    let (id, review, note) = match owner {
        Owner::Entity(i) => {
            let e = &set.entities[i];
            out.push_str("<sup class=\"tag\">");
            push_text(out, &e.label);
            (&e.id, e.review, e.note.as_ref())
        }
        Owner::Quote(i) => {
            let q = &set.quotes[i];
            let _ = write!(
                out,
                "<sup class=\"tag qtag\">{} {} quote",
                text(&q.id),
                kind_name(q.kind)
            );
            match &q.speaker {
                Some(speaker) => {
                    out.push_str(" — ");
                    entity_link(out, names, speaker, "speaker");
                }
                None => out.push_str(" — no speaker"),
            }
            (&q.id, q.review, q.note.as_ref())
        }
        Owner::Claim(i) => {
            let c = &set.claims[i];
            let _ = write!(out, "<sup class=\"tag ctag\">{} claim", text(&c.id));
            match &c.claimant {
                Some(claimant) => {
                    out.push_str(" by ");
                    entity_link(out, names, claimant, "claimant");
                }
                None => out.push_str(", no claimant"),
            }
            let _ = write!(out, " · check-worthy: {}", checkworthy_name(c.checkworthy));
            (&c.id, c.review, c.note.as_ref())
        }
        Owner::Cue(_) => return,
    };
    match review {
        ReviewStatus::Accepted => out.push_str(" <span class=\"rev\" title=\"accepted\">✓</span>"),
        ReviewStatus::Rejected => out.push_str(" <span class=\"rev\" title=\"rejected\">✗</span>"),
        ReviewStatus::Unreviewed => {}
    }
    if let Some(found) = problems.get(id.as_str()) {
        out.push_str(" <span class=\"warn\">⚠ ");
        let described: Vec<String> = found.iter().map(Problem::describe).collect();
        push_text(out, &described.join("; "));
        out.push_str("</span>");
    }
    if let Some(note) = note {
        out.push_str(" <span class=\"note\">note: ");
        push_text(out, note);
        out.push_str("</span>");
    }
    out.push_str("</sup>");
}

fn problem_list(out: &mut String, set: &AnnotationSet, problems: &BTreeMap<String, Vec<Problem>>) {
    out.push_str("<section class=\"problems\"><h2>Problems</h2>\n");
    if problems.is_empty() {
        out.push_str("<p>None.</p>\n</section>\n");
        return;
    }
    out.push_str("<ul>\n");
    for (id, found) in problems {
        let described: Vec<String> = found.iter().map(Problem::describe).collect();
        if let Some(orphan) = set.orphan(id) {
            let _ = write!(
                out,
                "<li id=\"{}\" data-id=\"{}\">{} ({}) “",
                attr(id),
                attr(id),
                text(id),
                orphan.kind_name()
            );
            push_text(out, orphan.text());
            out.push_str("”: ");
        } else {
            let _ = write!(out, "<li><a href=\"#{}\">{}</a>: ", attr(id), text(id));
        }
        push_text(out, &described.join("; "));
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

fn suggestions(out: &mut String, p: &Predictions) {
    out.push_str("<section class=\"suggestions\"><h2>Suggestions (not annotations)</h2>\n<p>Stored predictions of ");
    push_text(out, &p.model);
    let _ = writeln!(
        out,
        ": {} entities, {} quotes, {} claims.</p>",
        p.entities.len(),
        p.quotes.len(),
        p.claims.len()
    );
    out.push_str("<table><thead><tr><th>kind</th><th>characters</th><th>text</th><th>label or kind</th><th>score</th></tr></thead><tbody>\n");
    let mut row = |kind: &str, span: Span, t: &str, what: &str, score: Option<f32>| {
        let _ = write!(
            out,
            "<tr><td>{kind}</td><td>{}–{}</td><td>",
            span.start, span.end
        );
        push_text(out, t);
        out.push_str("</td><td>");
        push_text(out, what);
        out.push_str("</td><td>");
        if let Some(s) = score {
            let _ = write!(out, "{s:.2}");
        }
        out.push_str("</td></tr>\n");
    };
    for e in &p.entities {
        row("entity", e.span, &e.text, &e.label, e.score);
    }
    for q in &p.quotes {
        row("quote", q.span, &q.text, kind_name(q.kind), q.score);
    }
    for c in &p.claims {
        row(
            "claim",
            c.span,
            &c.text,
            checkworthy_name(c.checkworthy),
            c.score,
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

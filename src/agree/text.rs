//! The report as text: a compact table per document (the most differing first), then the
//! corpus, the articles skipped and the files that could not be read.

use std::fmt::Write;

use crate::model::Text;

use super::figures::{LayerFigures, MeanPrf, Overall, PairFigures, Share};
use super::link_figures::{AttributesFigures, RelationFigures};
use super::report::Report;
use super::stats::Prf;
use super::units::Layer;

const LEGEND: &str = "\
P and R: the second party's annotations against the first's; exact: same label and characters;
overlap: same label, a shared character, one to one; κ: Cohen's on tokens, O included;
α: Krippendorff's (nominal) on characters, O included; mean: P, R, F1 and κ averaged over
pairs, α over all parties together; -: undefined (nothing to divide by)
";

/// The two header lines, aligned with [`row`].
fn header(out: &mut String) {
    let _ = writeln!(
        out,
        "  {:<9} {:<15} {:<17}   {:<17}  {:>6} {:>6}",
        "", "", "exact", "overlap", "tokens", "chars"
    );
    let _ = writeln!(
        out,
        "  {:<9} {:<15} {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5}  {:>6} {:>6}",
        "layer", "pair / label", "P", "R", "F1", "P", "R", "F1", "κ", "α"
    );
}

/// A figure with three decimals, or `-` when undefined.
fn num(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn prf(p: &Prf) -> String {
    format!(
        "{:>5} {:>5} {:>5}",
        num(p.precision),
        num(p.recall),
        num(p.f1)
    )
}

fn mean_prf(p: &MeanPrf) -> String {
    format!(
        "{:>5} {:>5} {:>5}",
        num(p.precision),
        num(p.recall),
        num(p.f1)
    )
}

fn row(
    out: &mut String,
    layer: &str,
    who: &str,
    exact: String,
    overlap: String,
    k: Option<f64>,
    a: Option<f64>,
) {
    let _ = writeln!(
        out,
        "  {layer:<9} {who:<15} {exact}   {overlap}  {:>6} {:>6}",
        num(k),
        num(a)
    );
}

fn share(name: &str, s: &Share) -> String {
    format!("{name} {} ({})", s.agree, num(s.share))
}

fn pair_name(p: &PairFigures) -> String {
    format!("{}:{}", p.a, p.b)
}

fn attributes(out: &mut String, p: &PairFigures) {
    if let Some(q) = &p.quotes {
        let _ = writeln!(
            out,
            "              {} matched: {}, {}, {}, kind κ {}",
            q.matched,
            share("speaker", &q.speaker),
            share("cue", &q.cue),
            share("kind", &q.kind),
            num(q.kind_kappa)
        );
    }
    if let Some(c) = &p.checkworthy {
        let _ = writeln!(
            out,
            "              {} matched: {}, κ {}",
            c.matched,
            share("check-worthy", &c.checkworthy),
            num(c.kappa)
        );
    }
}

fn overall_attributes(out: &mut String, o: &Overall) {
    if let Some(q) = &o.quotes {
        let _ = writeln!(
            out,
            "              mean: speaker {}, cue {}, kind {}, kind κ {}",
            num(q.speaker),
            num(q.cue),
            num(q.kind),
            num(q.kind_kappa)
        );
    }
    if let Some(c) = &o.checkworthy {
        let _ = writeln!(
            out,
            "              mean: check-worthy {}, κ {}",
            num(c.checkworthy),
            num(c.kappa)
        );
    }
}

fn layer_rows(out: &mut String, layer: Layer, figures: &LayerFigures) {
    let mut name = layer.name();
    for p in &figures.pairs {
        row(
            out,
            name,
            &pair_name(p),
            prf(&p.exact),
            prf(&p.overlap),
            p.kappa,
            p.alpha,
        );
        attributes(out, p);
        name = "";
    }
    let o = &figures.overall;
    if figures.pairs.len() > 1 {
        row(
            out,
            "",
            "mean",
            mean_prf(&o.exact),
            mean_prf(&o.overlap),
            o.kappa,
            o.alpha,
        );
        overall_attributes(out, o);
    }
    for (label, l) in o.labels.iter().flatten() {
        row(
            out,
            "",
            &format!("  {label}"),
            mean_prf(&l.exact),
            mean_prf(&l.overlap),
            l.kappa,
            l.alpha,
        );
    }
}

fn table(out: &mut String, layers: [&LayerFigures; 3]) {
    header(out);
    for (layer, figures) in Layer::ALL.into_iter().zip(layers) {
        layer_rows(out, layer, figures);
    }
}

fn counted(p: &Prf) -> String {
    format!("{:>7} {:>5} {:>5}", p.matched, p.a, p.b)
}

/// The relations table, when some party related annotations.
fn relations(out: &mut String, figures: &RelationFigures) {
    if figures.pairs.iter().all(|p| p.kinds.is_empty()) {
        return;
    }
    let _ = writeln!(
        out,
        "  {:<9} {:<15} {:>5} {:>5} {:>5}  {:>7} {:>5} {:>5}",
        "relations", "pair / kind", "P", "R", "F1", "matched", "a", "b"
    );
    for p in &figures.pairs {
        let _ = writeln!(
            out,
            "  {:<9} {:<15} {}  {}",
            "",
            format!("{}:{}", p.a, p.b),
            prf(&p.all),
            counted(&p.all)
        );
        for (kind, k) in &p.kinds {
            let _ = writeln!(
                out,
                "  {:<9} {:<15} {}  {}",
                "",
                format!("  {kind}"),
                prf(k),
                counted(k)
            );
        }
    }
    let o = &figures.overall;
    if figures.pairs.len() > 1 {
        let _ = writeln!(out, "  {:<9} {:<15} {}", "", "mean", mean_prf(&o.all));
        for (kind, k) in &o.kinds {
            let _ = writeln!(
                out,
                "  {:<9} {:<15} {}",
                "",
                format!("  {kind}"),
                mean_prf(k)
            );
        }
    }
}

/// The attributes table, when some matched annotation has an attribute.
fn attributes_table(out: &mut String, figures: &AttributesFigures) {
    if figures.overall.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "  {:<10} {:<14} {:>8} {:>5} {:>5} {:>6}",
        "attributes", "pair / name", "compared", "same", "share", "κ"
    );
    for p in &figures.pairs {
        let _ = writeln!(out, "  {:<10} {}:{}", "", p.a, p.b);
        for (name, f) in &p.names {
            let _ = writeln!(
                out,
                "  {:<10} {:<14} {:>8} {:>5} {:>5} {:>6}",
                "",
                format!("  {name}"),
                f.compared,
                f.same.agree,
                num(f.same.share),
                num(f.kappa)
            );
        }
    }
    if figures.pairs.len() > 1 {
        let _ = writeln!(out, "  {:<10} mean", "");
        for (name, o) in &figures.overall {
            let _ = writeln!(
                out,
                "  {:<10} {:<14} {:>8} {:>5} {:>5} {:>6}",
                "",
                format!("  {name}"),
                "",
                "",
                num(o.same),
                num(o.kappa)
            );
        }
    }
}

fn names(parties: &[Text]) -> String {
    parties
        .iter()
        .map(Text::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Report {
    /// The report as text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "tandai agree: {} document(s) compared, {} skipped, {} with problems; parties: {}",
            self.documents.len(),
            self.skipped.len(),
            self.problems.len(),
            names(&self.parties)
        );
        out.push_str(LEGEND);
        for doc in &self.documents {
            let _ = writeln!(
                out,
                "\n{} ({}): differing {:.3}",
                doc.path.display(),
                names(&doc.parties),
                doc.differing
            );
            table(&mut out, [&doc.entities, &doc.quotes, &doc.claims]);
            relations(&mut out, &doc.relations);
            attributes_table(&mut out, &doc.attributes);
        }
        if !self.documents.is_empty() {
            let c = &self.corpus;
            let _ = writeln!(
                out,
                "\ncorpus ({} document(s), counts summed over documents)",
                c.documents
            );
            table(&mut out, [&c.entities, &c.quotes, &c.claims]);
            relations(&mut out, &c.relations);
            attributes_table(&mut out, &c.attributes);
        }
        if !self.skipped.is_empty() {
            out.push_str("\nskipped (fewer than two parties):\n");
            for s in &self.skipped {
                let who = if s.parties.is_empty() {
                    "nobody".to_owned()
                } else {
                    names(&s.parties)
                };
                let _ = writeln!(out, "  {} ({who})", s.path.display());
            }
        }
        if !self.problems.is_empty() {
            out.push_str("\nnot compared:\n");
            for t in &self.problems {
                let _ = writeln!(out, "  {t}");
            }
        }
        out
    }
}

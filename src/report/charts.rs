//! Bar charts as HTML tables: a row per bar, its name, a bar as wide as its share of the
//! largest, and the figure as text, so the chart reads (as a table) with CSS off and in print.

use std::fmt::Write;

use super::escape::push_text;

/// One bar: its name, its figure, and its style class (`l0`… for a label's colour).
pub struct Bar<'a> {
    /// What it counts.
    pub name: &'a str,
    /// The figure.
    pub value: f64,
    /// The figure as shown (`12`, `0.84`).
    pub shown: String,
    /// A style class of the bar (empty: the default colour).
    pub class: &'static str,
}

/// The longest bar's share of its cell, leaving room for its figure on the same line.
const LONGEST: f64 = 80.0;

/// Appends a chart titled `title` (a `<figure>`) of `bars`, the longest bar `LONGEST` % of
/// its cell.
pub fn chart(out: &mut String, title: &str, bars: &[Bar<'_>]) {
    noted_chart(out, title, bars, None);
}

/// [`chart`] with a note under its title.
pub fn noted_chart(out: &mut String, title: &str, bars: &[Bar<'_>], note: Option<&str>) {
    out.push_str("<figure class=\"chart\"><figcaption><h3>");
    push_text(out, title);
    out.push_str("</h3>");
    if let Some(note) = note {
        out.push_str("<p class=\"muted\">");
        push_text(out, note);
        out.push_str("</p>");
    }
    out.push_str("</figcaption>\n");
    if bars.is_empty() {
        out.push_str("<p class=\"muted\">Nothing to count.</p></figure>\n");
        return;
    }
    let top = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    out.push_str("<table>\n");
    for bar in bars {
        let width = if top > 0.0 {
            bar.value / top * LONGEST
        } else {
            0.0
        };
        out.push_str("<tr><th scope=\"row\">");
        push_text(out, bar.name);
        let _ = writeln!(
            out,
            "</th><td class=\"bars\"><span class=\"fill {}\" style=\"width:{width:.1}%\"></span>{}</td></tr>",
            bar.class, bar.shown
        );
    }
    out.push_str("</table></figure>\n");
}

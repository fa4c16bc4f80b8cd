//! What the corpus page and the index know of each document, gathered while its page is
//! written, and the totals over the corpus.

use std::collections::BTreeMap;

use crate::corpus::Summary;
use crate::model::AnnotationSet;
use crate::state::list::{AnnotatorFile, Progress};

/// One document of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct DocRow {
    /// Its name in the report (the article's path under the corpus).
    pub name: String,
    /// Its page, relative to the report's folder (`articles/NAME.html`).
    pub page: String,
    /// Its counts (empty counts when it has no annotation file or it could not be read).
    pub summary: Summary,
    /// Annotations with a problem, plus files that could not be read.
    pub problems: usize,
    /// What could not be read, one message each.
    pub troubles: Vec<String>,
    /// Each annotator's file and how far it is.
    pub annotators: Vec<AnnotatorFile>,
    /// Quotes per speaker (the speaker entity's text; `(no speaker)` without one).
    pub speakers: BTreeMap<String, usize>,
    /// The day (UTC, `YYYY-MM-DD`) its annotation file was last written, when it has one.
    pub saved: Option<String>,
}

impl DocRow {
    /// Annotations of every kind.
    pub fn annotations(&self) -> usize {
        self.summary.entity_count() + self.summary.quotes.total + self.summary.claims.total
    }

    /// The annotators, each with how far their file is, as one line.
    pub fn annotators_text(&self) -> String {
        let one = |a: &AnnotatorFile| match &a.progress {
            Progress::NoFile => format!("{} (no file)", a.annotator),
            Progress::Counted(p) => format!("{} ({}/{})", a.annotator, p.done, p.total),
            Progress::Broken(why) => format!("{} (unreadable: {why})", a.annotator),
        };
        self.annotators
            .iter()
            .map(one)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Quotes per speaker in `set`, by the speaker entity's text.
pub fn speakers(set: &AnnotationSet) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for q in &set.quotes {
        let name = match q.speaker.as_deref().map(|id| set.entity(id)) {
            Some(Some(e)) => e.text.trim().to_owned(),
            Some(None) => "(missing speaker)".to_owned(),
            None => "(no speaker)".to_owned(),
        };
        *out.entry(name).or_insert(0) += 1;
    }
    out
}

/// The totals of a corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// Every document's counts added.
    pub summary: Summary,
    /// Quotes per speaker over the corpus.
    pub speakers: BTreeMap<String, usize>,
    /// Annotations per day their file was last written.
    pub days: BTreeMap<String, usize>,
    /// Documents with a problem.
    pub with_problems: usize,
}

impl Totals {
    /// The totals of `rows`.
    pub fn of(rows: &[DocRow]) -> Self {
        let mut t = Totals::default();
        for row in rows {
            t.summary.add(&row.summary);
            for (name, n) in &row.speakers {
                *t.speakers.entry(name.clone()).or_insert(0) += n;
            }
            if let Some(day) = &row.saved {
                *t.days.entry(day.clone()).or_insert(0) += row.annotations();
            }
            if row.problems > 0 {
                t.with_problems += 1;
            }
        }
        t
    }
}

/// The UTC day `YYYY-MM-DD` of `secs` seconds after the Unix epoch (the proleptic Gregorian
/// calendar, computed from the day count).
pub fn day_of(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_known_instants() {
        assert_eq!(day_of(0), "1970-01-01");
        assert_eq!(day_of(951_782_400), "2000-02-29");
        assert_eq!(day_of(1_709_251_199), "2024-02-29");
        assert_eq!(day_of(1_709_251_200), "2024-03-01");
        assert_eq!(day_of(4_102_444_800), "2100-01-01");
    }
}

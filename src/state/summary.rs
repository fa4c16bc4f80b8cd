//! What one document holds, counted (`Summary`), and what is wrong with a document that
//! cannot be read (`Trouble`). Pure: computed from a set of annotations, never from a file
//! (`corpus` reads the files and builds these).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{AnnotationSet, Checkworthy, ParagraphStatus, QuoteKind, ReviewStatus};

/// A problem with a file of the corpus, printed as `file:line:col: message` (or
/// `file: message` when the place is not known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trouble {
    /// The file concerned (article or annotation file).
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub place: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Trouble {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.place {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl Trouble {
    /// The message with the file's name (not its folder) and place, for the document list.
    pub fn short(&self) -> String {
        let name = self.file.file_name().unwrap_or_default().to_string_lossy();
        match self.place {
            Some((line, column)) => format!("{name}:{line}:{column}: {}", self.message),
            None => format!("{name}: {}", self.message),
        }
    }

    /// Like [`Trouble::short`], without the file name when it is `file` itself.
    pub fn short_for(&self, file: &Path) -> String {
        match (self.file == file, self.place) {
            (false, _) => self.short(),
            (true, Some((line, column))) => format!("{line}:{column}: {}", self.message),
            (true, None) => self.message.clone(),
        }
    }
}

/// Counts of paragraph statuses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Paragraphs {
    /// All paragraphs.
    pub total: usize,
    /// Marked done.
    pub done: usize,
    /// Skipped.
    pub skipped: usize,
    /// Flagged for another look.
    pub flagged: usize,
}

impl Paragraphs {
    /// Paragraphs not yet done, skipped or flagged.
    pub fn todo(&self) -> usize {
        self.total - self.done - self.skipped - self.flagged
    }

    /// Share of paragraphs settled (done or skipped), from 0 to 1; 1 for an empty article.
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            (self.done + self.skipped) as f64 / self.total as f64
        }
    }
}

/// Counts of quotes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Quotes {
    /// All quotes.
    pub total: usize,
    /// Direct quotes.
    pub direct: usize,
    /// Indirect quotes.
    pub indirect: usize,
    /// Mixed quotes.
    pub mixed: usize,
    /// Quotes with a speaker.
    pub with_speaker: usize,
    /// Quotes without a speaker.
    pub without_speaker: usize,
    /// Quotes with a cue.
    pub with_cue: usize,
}

/// Counts of claims.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Claims {
    /// All claims.
    pub total: usize,
    /// Claims with a claimant.
    pub with_claimant: usize,
    /// Marked worth checking.
    pub checkworthy: usize,
    /// Marked not worth checking.
    pub not_checkworthy: usize,
    /// Not yet decided.
    pub undecided: usize,
}

/// Review statuses of every annotation (entities, quotes and claims together).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Review {
    /// All annotations.
    pub total: usize,
    /// Accepted by a reviewer.
    pub accepted: usize,
    /// Rejected by a reviewer.
    pub rejected: usize,
}

impl Review {
    /// Annotations accepted or rejected.
    pub fn reviewed(&self) -> usize {
        self.accepted + self.rejected
    }

    /// Annotations nobody has reviewed yet.
    pub fn unreviewed(&self) -> usize {
        self.total - self.reviewed()
    }

    /// Share of annotations reviewed, from 0 to 1; 1 when there is nothing to review.
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.reviewed() as f64 / self.total as f64
        }
    }

    fn count(&mut self, status: ReviewStatus) {
        self.total += 1;
        match status {
            ReviewStatus::Accepted => self.accepted += 1,
            ReviewStatus::Rejected => self.rejected += 1,
            ReviewStatus::Unreviewed => {}
        }
    }
}

/// What one document holds: its progress and its annotations, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Documents counted (1 for one document; more in a total).
    pub documents: usize,
    /// Documents with an annotation file.
    pub annotated: usize,
    /// Paragraph statuses.
    pub paragraphs: Paragraphs,
    /// Entities per label.
    pub entities: BTreeMap<String, usize>,
    /// Quotes.
    pub quotes: Quotes,
    /// Claims.
    pub claims: Claims,
    /// Review statuses of all annotations.
    pub review: Review,
    /// How the annotations were made, and the suggestions rejected, per source (`typed`,
    /// `propagated`, `quote-finder`, `model:NAME`, …).
    pub sources: BTreeMap<String, SourceCounts>,
}

/// One source's record: annotations it made that are in the file, suggestions of it rejected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceCounts {
    /// Annotations with this provenance (for `typed`: made by the editor's keys; for the
    /// others: suggestions accepted).
    pub made: usize,
    /// Suggestions of this source the editor rejected.
    pub rejected: usize,
}

impl Summary {
    /// Whether any annotation came from a suggestion or any suggestion was rejected.
    pub fn used_suggestions(&self) -> bool {
        self.sources
            .iter()
            .any(|(name, counts)| name != "typed" || counts.rejected > 0)
    }

    fn count_source(&mut self, source: &crate::model::Source, made: bool) {
        let entry = self.sources.entry(source.to_string()).or_default();
        if made {
            entry.made += 1;
        } else {
            entry.rejected += 1;
        }
    }
}

impl Summary {
    /// The summary of one document's annotations (`annotated`: whether they come from a file).
    pub fn of(set: &AnnotationSet, annotated: bool) -> Self {
        let mut s = Self {
            documents: 1,
            annotated: usize::from(annotated),
            ..Self::default()
        };
        s.paragraphs.total = set.paragraphs.len();
        for status in &set.paragraphs {
            match status {
                ParagraphStatus::Done => s.paragraphs.done += 1,
                ParagraphStatus::Skipped => s.paragraphs.skipped += 1,
                ParagraphStatus::Flagged => s.paragraphs.flagged += 1,
                ParagraphStatus::Todo => {}
            }
        }
        for e in &set.entities {
            match s.entities.get_mut(e.label.as_str()) {
                Some(count) => *count += 1,
                None => {
                    s.entities.insert(e.label.to_string(), 1);
                }
            }
            s.review.count(e.review);
        }
        for q in &set.quotes {
            s.quotes.total += 1;
            match q.kind {
                QuoteKind::Direct => s.quotes.direct += 1,
                QuoteKind::Indirect => s.quotes.indirect += 1,
                QuoteKind::Mixed => s.quotes.mixed += 1,
            }
            if q.speaker.is_some() {
                s.quotes.with_speaker += 1;
            } else {
                s.quotes.without_speaker += 1;
            }
            s.quotes.with_cue += usize::from(q.cue.is_some());
            s.review.count(q.review);
        }
        for c in &set.claims {
            s.claims.total += 1;
            s.claims.with_claimant += usize::from(c.claimant.is_some());
            match c.checkworthy {
                Some(Checkworthy::Yes) => s.claims.checkworthy += 1,
                Some(Checkworthy::No) => s.claims.not_checkworthy += 1,
                None => s.claims.undecided += 1,
            }
            s.review.count(c.review);
        }
        let sources = set
            .entities
            .iter()
            .map(|e| &e.source)
            .chain(set.quotes.iter().map(|q| &q.source))
            .chain(set.claims.iter().map(|c| &c.source));
        for source in sources {
            s.count_source(source, true);
        }
        for rejection in &set.rejected {
            s.count_source(&rejection.source, false);
        }
        s
    }

    /// Number of entities, all labels together.
    pub fn entity_count(&self) -> usize {
        self.entities.values().sum()
    }

    /// Adds `other`'s counts to these (for totals).
    pub fn add(&mut self, other: &Summary) {
        for (name, counts) in &other.sources {
            let entry = self.sources.entry(name.clone()).or_default();
            entry.made += counts.made;
            entry.rejected += counts.rejected;
        }
        self.documents += other.documents;
        self.annotated += other.annotated;
        let (p, o) = (&mut self.paragraphs, &other.paragraphs);
        p.total += o.total;
        p.done += o.done;
        p.skipped += o.skipped;
        p.flagged += o.flagged;
        for (label, n) in &other.entities {
            *self.entities.entry(label.clone()).or_default() += n;
        }
        let (q, o) = (&mut self.quotes, &other.quotes);
        q.total += o.total;
        q.direct += o.direct;
        q.indirect += o.indirect;
        q.mixed += o.mixed;
        q.with_speaker += o.with_speaker;
        q.without_speaker += o.without_speaker;
        q.with_cue += o.with_cue;
        let (c, o) = (&mut self.claims, &other.claims);
        c.total += o.total;
        c.with_claimant += o.with_claimant;
        c.checkworthy += o.checkworthy;
        c.not_checkworthy += o.not_checkworthy;
        c.undecided += o.undecided;
        let (r, o) = (&mut self.review, &other.review);
        r.total += o.total;
        r.accepted += o.accepted;
        r.rejected += o.rejected;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::smallvec;
    use crate::model::{Claim, Entity, Span};

    fn entity(id: &str, review: ReviewStatus) -> Entity {
        Entity {
            id: id.into(),
            label: "PER".into(),
            spans: smallvec![Span::new(0, 1)],
            text: "x".into(),
            note: None,
            review,
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        }
    }

    #[test]
    fn review_counts_every_kind_and_adds_up() {
        let mut set = AnnotationSet::new(1);
        set.entities = vec![
            entity("e1", ReviewStatus::Accepted),
            entity("e2", ReviewStatus::Rejected),
            entity("e3", ReviewStatus::Unreviewed),
        ];
        set.claims = vec![Claim {
            id: "c1".into(),
            spans: smallvec![Span::new(0, 1)],
            text: "x".into(),
            claimant: None,
            quote: None,
            checkworthy: None,
            note: None,
            review: ReviewStatus::Accepted,
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        }];
        let one = Summary::of(&set, true);
        assert_eq!(
            one.review,
            Review {
                total: 4,
                accepted: 2,
                rejected: 1
            }
        );
        assert_eq!((one.review.reviewed(), one.review.unreviewed()), (3, 1));
        assert_eq!(one.review.progress(), 0.75);
        assert_eq!(Review::default().progress(), 1.0, "nothing to review");
        let mut total = Summary::default();
        total.add(&one);
        total.add(&one);
        assert_eq!((total.review.total, total.review.accepted), (8, 4));
    }
}

//! Another tool's predictions, kept beside the article as suggestions (not annotations): the
//! side file `ARTICLE.sug.ron` (`a.txt` → `a.sug.ron`), written by `tandai suggest --from`.
//!
//! ```text
//! Predictions(
//!     version: 1,
//!     text: (file: "a.txt", sha256: "…", chars: 1234),
//!     model: "spacy",
//!     entities: [(span: (0, 6), text: "Moskwa", label: "LOC", score: 0.93)],
//!     quotes: [(span: (20, 40), text: "…", kind: Direct, cue: (41, 45), speaker: (0, 6))],
//!     claims: [(span: (20, 40), text: "…", claimant: (0, 6), quote: (20, 40), checkworthy: Yes)],
//! )
//! ```
//!
//! `text` names the article as the annotation file does (its file name, the hex SHA-256 of its
//! text, its length in characters). Spans are half-open character ranges of the whole article;
//! a quote's cue and speaker and a claim's claimant and quote are named by their spans; `score`
//! (0 to 1), `cue`, `speaker`, `claimant`, `quote` and `checkworthy` are optional, and so are
//! the three lists. Loading checks the file against the article: another SHA-256 or length,
//! a span that is empty, past the end or across a paragraph break, a `text` that is not what
//! the article holds there: each is an error naming the file, line and column. Saving writes
//! the whole file through a temporary file renamed over it.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Proposal, Suggestion};
use crate::durable::{self, DurableError};
use crate::model::{Checkworthy, Document, QuoteKind, Source, Span};
use crate::ron_locate::{self, Place};

/// The version this code reads and writes.
pub const VERSION: u64 = 1;

/// The side file of `article`: `a.txt` → `a.sug.ron`.
pub fn predictions_path(article: &Path) -> PathBuf {
    article.with_extension("sug.ron")
}

/// The article the predictions were made on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRef {
    /// The article's file name.
    pub file: String,
    /// Hex SHA-256 of its text.
    pub sha256: String,
    /// Its length in characters.
    pub chars: usize,
}

/// A predicted entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictedEntity {
    /// Its characters.
    pub span: Span,
    /// The article's text there.
    pub text: String,
    /// Its label.
    pub label: String,
    /// How sure the tool is, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

/// A predicted quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictedQuote {
    /// Its content.
    pub span: Span,
    /// The article's text there.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The cue's characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
    /// The speaker's characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Span>,
    /// How sure the tool is, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

/// A predicted claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictedClaim {
    /// Its characters.
    pub span: Span,
    /// The article's text there.
    pub text: String,
    /// The claimant's characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<Span>,
    /// The content of the quote it was made in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Span>,
    /// Whether it is worth checking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkworthy: Option<Checkworthy>,
    /// How sure the tool is, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

/// The side file: one tool's predictions for one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Predictions", deny_unknown_fields)]
pub struct Predictions {
    /// [`VERSION`].
    pub version: u64,
    /// The article.
    pub text: TextRef,
    /// The tool or model (`spacy`, `id_core_news_lg`); suggestions come from `model:NAME`.
    pub model: String,
    /// Predicted entities.
    #[serde(default)]
    pub entities: Vec<PredictedEntity>,
    /// Predicted quotes.
    #[serde(default)]
    pub quotes: Vec<PredictedQuote>,
    /// Predicted claims.
    #[serde(default)]
    pub claims: Vec<PredictedClaim>,
}

/// A side file that cannot be read, does not belong to the article, or cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum PredictionsError {
    /// The file is malformed or does not fit the article.
    #[error("{}:{}:{}: {problem}", file.display(), place.line, place.column)]
    Invalid {
        /// The side file.
        file: PathBuf,
        /// Where in it.
        place: Place,
        /// What is wrong.
        problem: String,
    },
    /// Reading or writing failed.
    #[error("{}: {action} failed: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The system's error.
        source: std::io::Error,
    },
}

impl From<DurableError> for PredictionsError {
    fn from(e: DurableError) -> Self {
        PredictionsError::Io {
            file: e.file,
            action: e.action,
            source: e.source,
        }
    }
}

/// What is wrong with one entry: the list, its index, and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryProblem {
    /// `entities`, `quotes` or `claims`, or the field of the header (`sha256`, …).
    pub field: &'static str,
    /// Index in the list (0 for a header field).
    pub index: usize,
    /// What is wrong.
    pub problem: String,
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

impl Predictions {
    /// No predictions yet, by `model`, for `doc` read from the file named `file_name`.
    pub fn new(file_name: &str, doc: &Document, model: &str) -> Self {
        Self {
            version: VERSION,
            text: TextRef {
                file: file_name.into(),
                sha256: doc.sha256(),
                chars: doc.len_chars(),
            },
            model: model.into(),
            entities: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
        }
    }

    /// The source the suggestions come from: `model:NAME`.
    pub fn source(&self) -> Source {
        Source::Model(self.model.as_str().into())
    }

    /// Every prediction as a suggestion, entities first, each list in file order.
    pub fn suggestions(&self) -> Vec<Suggestion> {
        let source = self.source();
        let reason = |what: &str, score: Option<f32>| match score {
            Some(s) => format!("{source} predicts {what} ({s:.2})"),
            None => format!("{source} predicts {what}"),
        };
        let entities = self.entities.iter().map(|e| Suggestion {
            span: e.span,
            what: Proposal::Entity {
                label: e.label.as_str().into(),
            },
            source: source.clone(),
            score: e.score,
            reason: reason(&e.label, e.score).into(),
        });
        let quotes = self.quotes.iter().map(|q| Suggestion {
            span: q.span,
            what: Proposal::Quote {
                kind: q.kind,
                cue: q.cue,
                speaker: q.speaker,
            },
            source: source.clone(),
            score: q.score,
            reason: reason("a quote", q.score).into(),
        });
        let claims = self.claims.iter().map(|c| Suggestion {
            span: c.span,
            what: Proposal::Claim {
                claimant: c.claimant,
                quote: c.quote,
                checkworthy: c.checkworthy,
            },
            source: source.clone(),
            score: c.score,
            reason: reason("a claim", c.score).into(),
        });
        entities.chain(quotes).chain(claims).collect()
    }

    /// The first thing that does not fit `doc`.
    pub fn check(&self, doc: &Document) -> Result<(), EntryProblem> {
        let header = |field, problem: String| EntryProblem {
            field,
            index: 0,
            problem,
        };
        if self.version != VERSION {
            return Err(header(
                "version",
                format!("version {} is not {VERSION}", self.version),
            ));
        }
        if self.model.is_empty()
            || self
                .model
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(header(
                "model",
                format!(
                    "the model name {:?} is empty or holds white space",
                    self.model
                ),
            ));
        }
        if self.text.sha256 != doc.sha256() {
            return Err(header(
                "sha256",
                format!(
                    "the predictions are for another text (sha256 {}, the article's is {})",
                    self.text.sha256,
                    doc.sha256()
                ),
            ));
        }
        if self.text.chars != doc.len_chars() {
            return Err(header(
                "chars",
                format!(
                    "{} characters, the article has {}",
                    self.text.chars,
                    doc.len_chars()
                ),
            ));
        }
        let at = |field, index| {
            move |problem| EntryProblem {
                field,
                index,
                problem,
            }
        };
        for (i, e) in self.entities.iter().enumerate() {
            check_entry(doc, e.span, &e.text, e.score).map_err(at("entities", i))?;
            if e.label.is_empty() || e.label.chars().any(char::is_whitespace) {
                return Err(at("entities", i)(format!(
                    "the label {:?} is empty or holds white space",
                    e.label
                )));
            }
        }
        for (i, q) in self.quotes.iter().enumerate() {
            check_entry(doc, q.span, &q.text, q.score).map_err(at("quotes", i))?;
            for (name, span) in [("cue", q.cue), ("speaker", q.speaker)] {
                check_link(doc, name, span).map_err(at("quotes", i))?;
            }
        }
        for (i, c) in self.claims.iter().enumerate() {
            check_entry(doc, c.span, &c.text, c.score).map_err(at("claims", i))?;
            for (name, span) in [("claimant", c.claimant), ("quote", c.quote)] {
                check_link(doc, name, span).map_err(at("claims", i))?;
            }
        }
        Ok(())
    }

    /// The file's text, as [`save`](Self::save) writes it (ron's pretty form: see
    /// [`write`]).
    pub fn to_ron(&self) -> String {
        let items = self.entities.len() + self.quotes.len() + self.claims.len();
        let mut text = String::with_capacity(256 + 96 * items);
        write::write(&mut text, self);
        text
    }

    /// The file's text as ron's serialiser writes it: the reference [`to_ron`](Self::to_ron)
    /// is tested against.
    #[cfg(test)]
    pub(crate) fn ron_reference(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new()
            .depth_limit(3)
            .indentor("    ".to_owned())
            .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
        let mut text = ron_options()
            .to_string_pretty(self, pretty)
            .expect("predictions always serialise");
        text.push('\n');
        text
    }

    /// Writes the side file of `article`, whole and durable: to a temporary file in its
    /// folder, flushed to disk, renamed over the side file, the folder flushed (see
    /// [`durable`], which writes many at once).
    pub fn save(&self, article: &Path) -> Result<PathBuf, PredictionsError> {
        let target = predictions_path(article);
        let temp = durable::write_temporary(&target, self.to_ron().as_bytes())?;
        durable::place(vec![temp]).map_err(|e| e.error)?;
        Ok(target)
    }
}

fn check_span(doc: &Document, span: Span) -> Result<(), String> {
    if span.is_empty() {
        return Err(format!("empty span {}..{}", span.start, span.end));
    }
    if span.end > doc.len_chars() {
        return Err(format!(
            "span {}..{} goes past the end of the article ({} characters)",
            span.start,
            span.end,
            doc.len_chars()
        ));
    }
    let inside = doc
        .paragraph_at(span.start)
        .and_then(|i| doc.paragraph(i))
        .is_some_and(|p| p.chars.start <= span.start && span.end <= p.chars.end);
    if !inside {
        return Err(format!(
            "span {}..{} is not inside one paragraph",
            span.start, span.end
        ));
    }
    Ok(())
}

fn check_entry(doc: &Document, span: Span, text: &str, score: Option<f32>) -> Result<(), String> {
    check_span(doc, span)?;
    let there = doc.slice(span);
    if there != text {
        return Err(format!(
            "the text {text:?} is not the article's text at {}..{} ({there:?})",
            span.start, span.end
        ));
    }
    if let Some(s) = score
        && !(0.0..=1.0).contains(&s)
    {
        return Err(format!("the score {s} is not from 0 to 1"));
    }
    Ok(())
}

fn check_link(doc: &Document, name: &str, span: Option<Span>) -> Result<(), String> {
    match span {
        Some(span) => check_span(doc, span).map_err(|p| format!("{name}: {p}")),
        None => Ok(()),
    }
}

/// Where entry `index` of list `field` (or the header field `field`) is written in `text`.
fn place_of(text: &str, problem: &EntryProblem) -> Place {
    let fields: Vec<(&str, Place, usize)> = ron_locate::fields(text).collect();
    let first = |name: &str| fields.iter().find(|(n, _, _)| *n == name);
    let Some(&(_, place, value)) = first(problem.field) else {
        return Place { line: 1, column: 1 };
    };
    if !matches!(problem.field, "entities" | "quotes" | "claims") {
        return place;
    }
    fields
        .iter()
        .filter(|(n, _, v)| *n == "span" && *v > value)
        .nth(problem.index)
        .map_or(place, |(_, p, _)| *p)
}

/// Reads and checks the side file `file` (its content `text`) against `doc`.
pub fn parse(file: &Path, text: &str, doc: &Document) -> Result<Predictions, PredictionsError> {
    let invalid = |place: Place, problem: String| PredictionsError::Invalid {
        file: file.to_owned(),
        place,
        problem,
    };
    let predictions: Predictions = ron_options().from_str(text).map_err(|e| {
        invalid(
            Place {
                line: e.span.start.line,
                column: e.span.start.col,
            },
            e.code.to_string(),
        )
    })?;
    predictions.check(doc).map_err(|p| {
        let place = place_of(text, &p);
        let problem = match p.field {
            "entities" | "quotes" | "claims" => format!("{}[{}]: {}", p.field, p.index, p.problem),
            _ => p.problem,
        };
        invalid(place, problem)
    })?;
    Ok(predictions)
}

/// The predictions beside `article`, checked against `doc`; `None` when there is no side file.
pub fn load(article: &Path, doc: &Document) -> Result<Option<Predictions>, PredictionsError> {
    let file = predictions_path(article);
    let bytes = match fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(PredictionsError::Io {
                file,
                action: "reading",
                source,
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        PredictionsError::Invalid {
            file: file.clone(),
            place: ron_locate::place_of_byte(valid, valid.len()),
            problem: "not valid UTF-8".into(),
        }
    })?;
    parse(&file, &text, doc).map(Some)
}

#[cfg(test)]
mod tests;
mod write;

//! The version-1 annotation file, frozen.
//!
//! These structs are the file format itself, kept apart from the model so that a change to the
//! model cannot change what version 1 means. A later version gets its own file and a migration.

use serde::{Deserialize, Serialize};

use crate::model::Source;

/// The ron options every version-1 file is read (and, in the tests, written) with: optional
/// fields are written bare (`note: "…"`, not `note: Some("…")`).
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The whole file. The name is written as `Annotations(` and checked on read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Annotations", deny_unknown_fields)]
pub struct Annotations {
    pub version: u64,
    pub text: TextRef,
    pub annotator: String,
    pub paragraphs: Vec<ParagraphEntry>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub claims: Vec<Claim>,
    /// Added after the first files were written: annotations whose text is no longer in the
    /// article (after it changed), kept unchanged; absent when there are none.
    #[serde(default, skip_serializing_if = "Orphans::is_empty")]
    pub orphans: Orphans,
    /// Added with suggestions: the suggestions the editor rejected; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
    /// Added with the git merge driver: the conflicts a three-way merge could not settle,
    /// each with its base, ours and theirs versions; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Added with interchange: typed links between annotations; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Added with interchange: what an import could not model, per source format (its
    /// original lines, and the original ids of what it modelled); absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<Kept>,
    pub next_ids: NextIds,
}

/// A typed link between two annotations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: String,
    pub kind: String,
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The lines of one source format kept from an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kept {
    pub format: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// The original layout: (original id, what tandai made of it; empty for a kept line).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<(String, String)>,
}

/// An attribute of an annotation; a flag has no value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A conflict a merge recorded. A version absent means the thing did not exist on that side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub about: About,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Version>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<Version>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<Version>,
}

/// What a conflict is about: an annotation's id, or a paragraph's index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum About {
    Annotation(String),
    Paragraph(usize),
}

/// One side's version in a conflict: a whole annotation, or a paragraph's status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Version {
    Entity(Entity),
    Quote(Quote),
    Claim(Claim),
    Status(Status),
}

/// The layer a rejected suggestion belonged to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layer {
    Entity,
    Quote,
    Claim,
}

/// A rejected suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejected {
    pub layer: Layer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub span: Pair,
    pub text: String,
    pub source: Source,
}

/// Orphaned annotations by kind, each as it was (old offsets and text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Orphans {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
}

impl Orphans {
    fn is_empty(&self) -> bool {
        self.entities.is_empty() && self.quotes.is_empty() && self.claims.is_empty()
    }
}

/// The article the annotations belong to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRef {
    pub file: String,
    pub sha256: String,
    pub chars: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphEntry {
    pub status: Status,
    /// Added after the first files were written: the paragraph's fingerprint (8 hex digits,
    /// [`crate::model::Fingerprint`]), by which its status finds it again after the article
    /// changed; absent in older files, which load unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Todo,
    Done,
    Skipped,
    Flagged,
}

/// A half-open character range, written `(start, end)`.
pub type Pair = (usize, usize);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub label: String,
    pub spans: Vec<Pair>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Added after the first files were written: optional, absent means unreviewed, so older
    /// files load unchanged and unreviewed annotations save exactly as before.
    #[serde(default, skip_serializing_if = "is_unreviewed")]
    pub review: Review,
    /// Added with suggestions: optional, absent means typed by the editor.
    #[serde(default, skip_serializing_if = "Source::is_typed")]
    pub source: Source,
    /// Added with adjudication: the annotators it was taken from; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
    /// Added with interchange: sorted by name, each name once; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    pub spans: Vec<Pair>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub id: String,
    pub kind: QuoteKind,
    pub spans: Vec<Pair>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Cue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Added after the first files were written: optional, absent means unreviewed, so older
    /// files load unchanged and unreviewed annotations save exactly as before.
    #[serde(default, skip_serializing_if = "is_unreviewed")]
    pub review: Review,
    /// Added with suggestions: optional, absent means typed by the editor.
    #[serde(default, skip_serializing_if = "Source::is_typed")]
    pub source: Source,
    /// Added with adjudication: the annotators it was taken from; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
    /// Added with interchange: sorted by name, each name once; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Checkworthy {
    Yes,
    No,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub spans: Vec<Pair>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkworthy: Option<Checkworthy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Added after the first files were written: optional, absent means unreviewed, so older
    /// files load unchanged and unreviewed annotations save exactly as before.
    #[serde(default, skip_serializing_if = "is_unreviewed")]
    pub review: Review,
    /// Added with suggestions: optional, absent means typed by the editor.
    #[serde(default, skip_serializing_if = "Source::is_typed")]
    pub source: Source,
    /// Added with adjudication: the annotators it was taken from; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
    /// Added with interchange: sorted by name, each name once; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

/// Review status of an annotation (an optional field of version 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Review {
    #[default]
    Unreviewed,
    Accepted,
    Rejected,
}

fn is_unreviewed(review: &Review) -> bool {
    *review == Review::Unreviewed
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextIds {
    pub entity: u64,
    pub quote: u64,
    pub claim: u64,
    /// Added with relations: absent while it is 1 (no relation was ever made), so older files
    /// load and save unchanged.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub relation: u64,
}

fn one() -> u64 {
    1
}

fn is_one(n: &u64) -> bool {
    *n == 1
}

//! Export of annotations as training data that NLP tools read unchanged.
//!
//! Every exporter works on one document at a time: `(&Document, &AnnotationSet, doc_id)` in,
//! text written to an [`std::io::Write`] out, and a list of [`Warning`]s returned (never
//! printed), so a caller can stream a whole corpus document by document and report on stderr.
//! Nothing here reads files or touches the terminal.
//!
//! # Offsets
//!
//! All offsets written are Unicode scalar values (Rust `char`s, Python `str` indices), half-open,
//! counted from the start of the whole document text as read (after removing a BOM; a CR of a
//! CRLF line end is kept and counted). Fragments of a discontinuous span are written as
//! separate entries (or, in brat, as one discontinuous span).
//!
//! # Tokenisation (CoNLL and Hugging Face)
//!
//! See [`tokenize`]: UAX #29 words of each paragraph, white space dropped, punctuation kept,
//! digit runs joined by `/` (`1/11/2024`) merged, then every token cut at each edge of an
//! exported span of the layer, so that every span falls on token boundaries (`Barat|lah`).
//! Sentences are UAX #29 sentences, except that a sentence break never splits a token nor a
//! span of the exported layer (the sentences around it are then kept together).
//!
//! # Formats
//!
//! | [`Format`] | writes, per document |
//! | --- | --- |
//! | [`Format::Conll`] | `-DOCSTART- -X- O O`, then `TOKEN -X- _ TAG` lines, a blank line after each sentence or paragraph ([`conll`]) |
//! | [`Format::Spacy`] | one JSON line `{"text", "entities", "spans"}` ([`spacy`]) |
//! | [`Format::Hf`] | one JSON line `{"id", "tokens", "ner_tags"}` per sentence or paragraph, ids from [`hf::label_names`] ([`hf`]) |
//! | [`Format::Brat`] | the `.ann` standoff text; the `.txt` is the document text unchanged ([`brat`]) |
//! | [`Format::Doccano`] | one JSON line `{"text", "entities", "relations"}` ([`doccano`]) |
//! | [`Format::Quotes`] | one JSON line per quote ([`quotes`]) |
//! | [`Format::Claims`] | one JSON line per claim ([`quotes`]) |
//! | [`Format::SpacyJson`] | one object of spaCy v2's JSON training array: paragraphs → sentences → tokens with BILUO `ner` tags ([`spacy_json`]) |
//! | [`Format::QuoteRoles`] | `TOKEN -X- QUOTES TAG` lines, each token tagged `SOURCE`, `CUE` or `CONTENT` of a quote ([`quote_roles`]) |
//! | [`Format::CheckThat`] | one `Sentence_id`, `Text`, `class_label` row (tab separated) per sentence of a Done paragraph ([`checkworthy`]) |
//! | [`Format::ClaimBuster`] | one `Sentence_id,Text,Speaker,Verdict` row per sentence of a Done paragraph ([`checkworthy`]) |
//! | [`Format::Citron`] | BBC R&D's citron JSON: the text and its quotes with `cue`, `sources`, `contents` (one file per document) ([`citron`]) |
//! | [`Format::LabelStudio`] | one Label Studio task on one line; a corpus is a JSON array of them ([`label_studio`]) |
//!
//! Formats whose file is more than documents put one after another (a JSON array, a table
//! with a header) have a [`Framing`]: written once before the first document, between two
//! documents and after the last.

pub mod bio;
pub mod brat;
pub mod checkworthy;
pub mod citron;
pub mod conll;
pub mod doccano;
pub mod hf;
pub mod label_studio;
pub mod quote_roles;
pub mod quotes;
pub mod spacy;
pub mod spacy_json;
pub mod spans;
pub mod tokenize;

#[cfg(test)]
mod fixture;

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use crate::model::{AnnotationSet, Document, QuoteKind, Span};

/// An export target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// CoNLL-2003 style `TOKEN -X- _ TAG` lines (one layer).
    Conll,
    /// spaCy character-offset JSONL, one line per document.
    Spacy,
    /// Hugging Face token classification JSONL (one layer), with a label names list.
    Hf,
    /// brat standoff `.ann` text (one `.ann` per document).
    Brat,
    /// doccano JSONL with entities and relations, one line per document.
    Doccano,
    /// Quote attribution JSONL, one line per quote.
    Quotes,
    /// Claim JSONL, one line per claim.
    Claims,
    /// spaCy v2 JSON training data (`spacy convert` reads it), BILUO tags of one layer.
    SpacyJson,
    /// Quote roles (source, cue, content) as token tags in CoNLL-like columns.
    QuoteRoles,
    /// The CheckThat! lab's check-worthiness TSV, one row per sentence.
    CheckThat,
    /// ClaimBuster's check-worthiness CSV, one row per sentence.
    ClaimBuster,
    /// citron's quote JSON, one file per document.
    Citron,
    /// Label Studio JSON: an array of tasks, one per document.
    LabelStudio,
}

/// What a file of a [`Format`] holds besides its documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Framing {
    /// Written once, before the first document (even when no document follows).
    pub head: &'static str,
    /// Written between two documents.
    pub between: &'static str,
    /// Written once, after the last document.
    pub tail: &'static str,
}

impl Format {
    /// Every format, in the order of [`Format::name`]s shown to users.
    pub const ALL: [Format; 13] = [
        Format::Conll,
        Format::Spacy,
        Format::Hf,
        Format::Brat,
        Format::Doccano,
        Format::Quotes,
        Format::Claims,
        Format::SpacyJson,
        Format::QuoteRoles,
        Format::CheckThat,
        Format::ClaimBuster,
        Format::Citron,
        Format::LabelStudio,
    ];

    /// The canonical name, accepted by [`FromStr`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Conll => "conll",
            Format::Spacy => "spacy",
            Format::Hf => "hf",
            Format::Brat => "brat",
            Format::Doccano => "doccano",
            Format::Quotes => "quotes",
            Format::Claims => "claims",
            Format::SpacyJson => "spacy-json",
            Format::QuoteRoles => "quote-roles",
            Format::CheckThat => "checkthat",
            Format::ClaimBuster => "claimbuster",
            Format::Citron => "citron",
            Format::LabelStudio => "label-studio",
        }
    }

    /// The usual file extension of the output (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Conll => "conll",
            Format::Brat => "ann",
            Format::SpacyJson | Format::Citron => "json",
            Format::QuoteRoles => "conll",
            Format::CheckThat => "tsv",
            Format::ClaimBuster => "csv",
            Format::LabelStudio => "json",
            _ => "jsonl",
        }
    }

    /// True when the output of each document belongs in its own file (brat's `.ann` beside a
    /// `.txt`, citron's `.json`); otherwise documents are concatenated into one stream.
    pub fn file_per_document(self) -> bool {
        matches!(self, Format::Brat | Format::Citron)
    }

    /// True for the token formats that export exactly one layer (BIO tags cannot nest).
    pub fn one_layer(self) -> bool {
        matches!(self, Format::Conll | Format::Hf | Format::SpacyJson)
    }

    /// True when `--layers` means something for the format: the shapes made for one task
    /// (quote roles, check-worthiness, citron) choose their annotations themselves.
    pub fn takes_layers(self) -> bool {
        !matches!(
            self,
            Format::QuoteRoles | Format::CheckThat | Format::ClaimBuster | Format::Citron
        )
    }

    /// True for the formats cut into tokens and blocks, which take `--only-done` /
    /// `--all-paragraphs` and `--sentences` / `--paragraphs`.
    pub fn takes_blocks(self) -> bool {
        matches!(
            self,
            Format::Conll | Format::Hf | Format::SpacyJson | Format::QuoteRoles
        )
    }

    /// True for the formats whose tagging scheme can be chosen (`--scheme`); spaCy's JSON is
    /// always BILUO.
    pub fn takes_scheme(self) -> bool {
        matches!(self, Format::Conll | Format::Hf | Format::QuoteRoles)
    }

    /// What the output file holds besides the documents: a JSON array for spaCy's JSON, the
    /// header row of the tables; nothing for the others.
    pub fn framing(self) -> Framing {
        let plain = |head| Framing {
            head,
            between: "",
            tail: "",
        };
        match self {
            Format::SpacyJson | Format::LabelStudio => Framing {
                head: "[\n",
                between: ",\n",
                tail: "\n]\n",
            },
            Format::CheckThat => plain(checkworthy::CHECKTHAT_HEADER),
            Format::ClaimBuster => plain(checkworthy::CLAIMBUSTER_HEADER),
            _ => plain(""),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a known format, layer, scheme or unit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}` (expected one of: {expected})")]
pub struct UnknownName {
    /// What was being parsed (`format`, `layer`, …).
    pub what: &'static str,
    /// The name given.
    pub name: String,
    /// The accepted names, comma separated.
    pub expected: &'static str,
}

fn parse_name<T: Copy>(
    what: &'static str,
    expected: &'static str,
    name: &str,
    table: &[(&str, T)],
) -> Result<T, UnknownName> {
    let lower = name.trim().to_ascii_lowercase();
    table
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, v)| *v)
        .ok_or_else(|| UnknownName {
            what,
            name: name.to_owned(),
            expected,
        })
}

impl FromStr for Format {
    type Err = UnknownName;

    /// Parses `conll`, `spacy`, `hf`, `brat`, `doccano`, `quotes`, `claims`, `spacy-json`,
    /// `quote-roles`, `checkthat`, `claimbuster`, `citron` (any case; also `conll2003`,
    /// `huggingface`, `spacy-v2`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(
            "format",
            "conll, spacy, hf, brat, doccano, quotes, claims, spacy-json, quote-roles, checkthat, claimbuster, citron, label-studio",
            s,
            &[
                ("conll", Format::Conll),
                ("conll2003", Format::Conll),
                ("spacy", Format::Spacy),
                ("hf", Format::Hf),
                ("huggingface", Format::Hf),
                ("brat", Format::Brat),
                ("doccano", Format::Doccano),
                ("quotes", Format::Quotes),
                ("claims", Format::Claims),
                ("spacy-json", Format::SpacyJson),
                ("spacy-v2", Format::SpacyJson),
                ("quote-roles", Format::QuoteRoles),
                ("checkthat", Format::CheckThat),
                ("claimbuster", Format::ClaimBuster),
                ("citron", Format::Citron),
                ("label-studio", Format::LabelStudio),
                ("labelstudio", Format::LabelStudio),
            ],
        )
    }
}

/// A layer of annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// Entities, tagged with their label (`PER`, …).
    Entities,
    /// Quote contents, tagged `QUOTE` in token formats.
    Quotes,
    /// Claims, tagged `CLAIM` in token formats.
    Claims,
}

impl Layer {
    /// Every layer.
    pub const ALL: [Layer; 3] = [Layer::Entities, Layer::Quotes, Layer::Claims];

    /// The tag labels of this layer in token formats, in a stable order: the entity labels as
    /// given (the label set's order), or the one label `QUOTE` / `CLAIM`.
    pub fn tag_labels(self, entity_labels: &[String]) -> Vec<String> {
        match self {
            Layer::Entities => entity_labels.to_vec(),
            Layer::Quotes => vec![QUOTE_TAG.to_owned()],
            Layer::Claims => vec![CLAIM_TAG.to_owned()],
        }
    }
}

/// The tag label of quotes in token formats.
pub const QUOTE_TAG: &str = "QUOTE";
/// The tag label of claims in token and offset formats.
pub const CLAIM_TAG: &str = "CLAIM";

impl FromStr for Layer {
    type Err = UnknownName;

    /// Parses `entities`, `quotes`, `claims` (any case; singular accepted).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(
            "layer",
            "entities, quotes, claims",
            s,
            &[
                ("entities", Layer::Entities),
                ("entity", Layer::Entities),
                ("quotes", Layer::Quotes),
                ("quote", Layer::Quotes),
                ("claims", Layer::Claims),
                ("claim", Layer::Claims),
            ],
        )
    }
}

/// How token formats mark span boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `B-` begins every span, `I-` continues it, `O` is outside.
    #[default]
    Iob2,
    /// CoNLL-2003's IOB: `I-` begins and continues a span, `B-` begins only a span that
    /// directly follows another of the same label.
    Iob1,
    /// Like IOB2, with `E-` ending a span and `S-` for a one-token span.
    Bioes,
    /// BIOES with spaCy's letters: `L-` ends a span, `U-` is a one-token span.
    Bilou,
}

impl FromStr for Scheme {
    type Err = UnknownName;

    /// Parses `iob2` (also `bio`), `iob1` (also `iob`), `bioes` (also `iobes`) or `bilou`
    /// (also `biluo`), any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(
            "scheme",
            "iob2, iob1, bioes, bilou",
            s,
            &[
                ("iob2", Scheme::Iob2),
                ("bio", Scheme::Iob2),
                ("iob1", Scheme::Iob1),
                ("iob", Scheme::Iob1),
                ("bioes", Scheme::Bioes),
                ("iobes", Scheme::Bioes),
                ("bilou", Scheme::Bilou),
                ("biluo", Scheme::Bilou),
            ],
        )
    }
}

impl Scheme {
    /// The scheme's name as [`FromStr`] reads it: `iob2`, `iob1`, `bioes`, `bilou`.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Iob2 => "iob2",
            Scheme::Iob1 => "iob1",
            Scheme::Bioes => "bioes",
            Scheme::Bilou => "bilou",
        }
    }
}

/// What one block of a token format holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Unit {
    /// One sentence (UAX #29, kept together where a break would split a span).
    #[default]
    Sentences,
    /// One paragraph.
    Paragraphs,
}

impl FromStr for Unit {
    type Err = UnknownName;

    /// Parses `sentences` or `paragraphs` (any case; singular accepted).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(
            "unit",
            "sentences, paragraphs",
            s,
            &[
                ("sentences", Unit::Sentences),
                ("sentence", Unit::Sentences),
                ("paragraphs", Unit::Paragraphs),
                ("paragraph", Unit::Paragraphs),
            ],
        )
    }
}

/// Export options shared by all formats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Layers to export. Token formats ([`Format::one_layer`]) need exactly one; the others
    /// write every layer listed.
    pub layers: Vec<Layer>,
    /// Tagging scheme of token formats.
    pub scheme: Scheme,
    /// Whether `scheme` was chosen (`--scheme`) rather than left at its default: a document
    /// imported from CoNLL is written in the scheme it came in unless one was chosen.
    pub scheme_chosen: bool,
    /// Blocks of token formats.
    pub unit: Unit,
    /// Token formats only: leave out paragraphs whose status is not Done (their unannotated
    /// words are unknown, not `O`).
    pub only_done: bool,
    /// Entity label names in the label set's order; gives the Hugging Face tag ids (see
    /// [`hf::label_names`]). Unused by the other formats.
    pub labels: Vec<String>,
}

impl Default for Options {
    /// All layers, IOB2, sentences, Done paragraphs only, no labels.
    fn default() -> Self {
        Self {
            layers: Layer::ALL.to_vec(),
            scheme: Scheme::Iob2,
            scheme_chosen: false,
            unit: Unit::Sentences,
            only_done: true,
            labels: Vec::new(),
        }
    }
}

impl Options {
    /// Options exporting the one layer `layer`, otherwise default.
    pub fn layer(layer: Layer) -> Self {
        Self {
            layers: vec![layer],
            ..Self::default()
        }
    }

    /// Checks that the options suit `format`, before any document is written.
    pub fn check(&self, format: Format) -> Result<(), ExportError> {
        if format.one_layer() && self.layers.len() != 1 {
            return Err(ExportError::OneLayer {
                format,
                count: self.layers.len(),
            });
        }
        if format == Format::Hf && self.layers == [Layer::Entities] && self.labels.is_empty() {
            return Err(ExportError::NoLabels);
        }
        Ok(())
    }

    /// True when `layer` is to be exported.
    pub fn has(&self, layer: Layer) -> bool {
        self.layers.contains(&layer)
    }
}

/// The name of a quote kind as written by every format (`Direct`, `Indirect`, `Mixed`).
pub fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "Direct",
        QuoteKind::Indirect => "Indirect",
        QuoteKind::Mixed => "Mixed",
    }
}

/// A span that was left out or changed on export, for the caller to report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The document it belongs to.
    pub doc_id: String,
    /// The span concerned (char offsets).
    pub span: Span,
    /// The article's text under the span.
    pub text: String,
    /// What happened and why.
    pub reason: String,
}

impl Warning {
    /// A warning about `span` of `doc`.
    pub fn new(doc: &Document, doc_id: &str, span: Span, reason: impl Into<String>) -> Self {
        Self {
            doc_id: doc_id.to_owned(),
            span,
            text: doc.slice(span).to_owned(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}..{} {:?}: {}",
            self.doc_id, self.span.start, self.span.end, self.text, self.reason
        )
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// Serialising JSON failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A token format was asked for other than one layer.
    #[error("{format} exports exactly one layer at a time (BIO tags cannot nest), {count} given")]
    OneLayer {
        /// The format.
        format: Format,
        /// How many layers were given.
        count: usize,
    },
    /// Hugging Face entity export without a label list.
    #[error("hf export of entities needs the label names, in the label set's order")]
    NoLabels,
}

/// Writes one document in `format` to `out` and returns what was dropped or changed.
///
/// The one entry point per document: call it for each document of a corpus in turn (after
/// [`Options::check`]); for brat, `out` is the document's `.ann` file.
pub fn export_document<W: Write + ?Sized>(
    format: Format,
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    options.check(format)?;
    let layer = options.layers.first().copied().unwrap_or(Layer::Entities);
    let mut warnings = match format {
        Format::Conll => conll::write(doc, set, doc_id, layer, options, out),
        Format::Hf => hf::write(doc, set, doc_id, layer, options, out),
        Format::Spacy => spacy::write(doc, set, doc_id, options, out),
        Format::Brat => brat::write(doc, set, doc_id, options, out),
        Format::Doccano => doccano::write(doc, set, doc_id, options, out),
        Format::Quotes => quotes::write_quotes(doc, set, doc_id, out),
        Format::Claims => quotes::write_claims(doc, set, doc_id, out),
        Format::SpacyJson => spacy_json::write(doc, set, doc_id, layer, options, out),
        Format::QuoteRoles => quote_roles::write(doc, set, doc_id, options, out),
        Format::CheckThat => checkworthy::write_checkthat(doc, set, doc_id, out),
        Format::ClaimBuster => checkworthy::write_claimbuster(doc, set, doc_id, out),
        Format::Citron => citron::write(doc, set, doc_id, out),
        Format::LabelStudio => label_studio::write(doc, set, doc_id, options, out),
    }?;
    warnings.extend(set.orphans.iter().map(|orphan| Warning {
        doc_id: doc_id.to_owned(),
        span: orphan.spans().first().copied().unwrap_or_default(),
        text: orphan.text().to_owned(),
        reason: format!(
            "{} is an orphan (its text is not in the changed article): left out",
            orphan.id()
        ),
    }));
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::smallvec;

    #[test]
    fn orphans_are_left_out_with_a_warning() {
        let doc = Document::new("Putin bicara.");
        let mut set = AnnotationSet::new(1);
        set.orphans
            .push(crate::model::Item::Entity(crate::model::Entity {
                id: "e1".into(),
                label: "PER".into(),
                spans: smallvec![Span::new(40, 46)],
                text: "Lavrov".into(),
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            }));
        let mut out = Vec::new();
        let options = Options::layer(Layer::Entities);
        let warnings = export_document(Format::Spacy, &doc, &set, "d", &options, &mut out).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].reason.contains("e1 is an orphan"));
        assert!(!String::from_utf8(out).unwrap().contains("Lavrov"));
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_errors() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
        }
        assert_eq!("HuggingFace".parse::<Format>(), Ok(Format::Hf));
        let err = "csv".parse::<Format>().unwrap_err();
        assert!(err.to_string().contains("`csv`"), "{err}");
        assert_eq!("quote".parse::<Layer>(), Ok(Layer::Quotes));
        assert_eq!("BIOES".parse::<Scheme>(), Ok(Scheme::Bioes));
        assert_eq!("paragraph".parse::<Unit>(), Ok(Unit::Paragraphs));
        assert!("words".parse::<Unit>().is_err());
    }

    #[test]
    fn token_formats_need_exactly_one_layer() {
        let all = Options::default();
        assert!(matches!(
            all.check(Format::Conll),
            Err(ExportError::OneLayer { count: 3, .. })
        ));
        assert!(all.check(Format::Spacy).is_ok());
        assert!(Options::layer(Layer::Quotes).check(Format::Conll).is_ok());
        assert!(matches!(
            Options::layer(Layer::Entities).check(Format::Hf),
            Err(ExportError::NoLabels)
        ));
    }

    #[test]
    fn one_entry_point_writes_every_format() {
        let (doc, set) = fixture::sample();
        for format in Format::ALL {
            let options = if format.one_layer() {
                Options {
                    labels: fixture::labels(),
                    ..Options::layer(Layer::Entities)
                }
            } else {
                Options::default()
            };
            let framing = format.framing();
            let mut out = framing.head.as_bytes().to_vec();
            let warnings = export_document(format, &doc, &set, "korut", &options, &mut out)
                .unwrap_or_else(|e| panic!("{format}: {e}"));
            out.extend_from_slice(framing.tail.as_bytes());
            let text = String::from_utf8(out).unwrap();
            if format.extension() == "json" {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{format}: {e}"));
            }
            assert!(text.ends_with('\n'), "{format}");
            if format.extension() == "jsonl" {
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line).unwrap();
                }
            }
            for w in &warnings {
                assert_eq!(w.doc_id, "korut");
                assert!(w.to_string().starts_with("korut: "), "{w}");
            }
        }
        let mut out = Vec::new();
        let err = export_document(
            Format::Conll,
            &doc,
            &set,
            "korut",
            &Options::default(),
            &mut out,
        );
        assert!(matches!(err, Err(ExportError::OneLayer { .. })));
        assert!(
            out.is_empty(),
            "nothing written before the options are checked"
        );
    }
}

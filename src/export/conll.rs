//! CoNLL-2003 style columns: `TOKEN -X- _ TAG`, one token a line.
//!
//! Each document starts with `-DOCSTART- -X- O O` and a blank line; each block (sentence or
//! paragraph, see [`super::Unit`]) ends with a blank line. Tags are IOB2 or BIOES
//! ([`super::Scheme`]) for one layer; read by `spacy convert --converter ner`, seqeval and
//! conlleval.
//!
//! A document imported from CoNLL (with [`Kept`] lines of [`FORMAT`]) is written in its own
//! layout instead (`export::conll::kept`): its `-DOCSTART-` line, extra columns and blank lines as read, its
//! tags in the scheme it came in unless `--scheme` chose one.

mod kept;

use std::io::Write;

use crate::model::{AnnotationSet, Document, Kept};

use super::bio::tag_document_each;
use super::{ExportError, Layer, Options, Warning};

/// The line opening every document.
pub const DOCSTART: &str = "-DOCSTART- -X- O O";

/// The name of CoNLL's [`Kept`] lines.
pub const FORMAT: &str = "conll";

/// The original id under which CoNLL's [`Kept`] names the scheme its document came in (`what`
/// is the scheme's name, `iob1`, `iob2`, `bioes` or `bilou`).
pub const SCHEME_ID: &str = "scheme";

/// Writes `layer` of one document as CoNLL columns; returns the warnings of
/// [`tag_document`](super::bio::tag_document).
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    if let Some(layout) = Kept::of(&set.kept, FORMAT).and_then(kept::Layout::of) {
        return kept::write(doc, set, doc_id, layer, options, &layout, out);
    }
    writeln!(out, "{DOCSTART}\n")?;
    // Each block is written as soon as it is tagged: a document's blocks are never all held.
    tag_document_each(doc, set, doc_id, layer, options, |unit| {
        for (token, tag) in unit.tokens.iter().zip(&unit.tags) {
            out.write_all(token.text.as_bytes())?;
            out.write_all(b" -X- _ ")?;
            tag.write_to(out)?;
            out.write_all(b"\n")?;
        }
        out.write_all(b"\n")
    })
    .map_err(ExportError::from)
}

#[cfg(test)]
mod tests {
    use crate::model::smallvec;
    use std::collections::BTreeSet;

    use super::*;
    use crate::export::fixture::{decode_conll, find, find_in, sample};
    use crate::export::{Scheme, Unit};
    use crate::model::{ParagraphStatus, Span};

    fn run(set: &AnnotationSet, doc: &Document, options: &Options) -> (String, Vec<Warning>) {
        let layer = options.layers[0];
        let mut out = Vec::new();
        let warnings = write(doc, set, "korut", layer, options, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), warnings)
    }

    fn all_paragraphs(layer: Layer) -> Options {
        Options {
            only_done: false,
            ..Options::layer(layer)
        }
    }

    /// The entity fragments expected back: all but `e2` (inside the longer `e4`), and without
    /// `e14` when Todo paragraphs are left out.
    fn expected_entities(set: &AnnotationSet, only_done: bool) -> BTreeSet<(Span, String)> {
        set.entities
            .iter()
            .filter(|e| e.id != "e2" && !(only_done && e.id == "e14"))
            .flat_map(|e| e.spans.iter().map(|s| (*s, e.label.to_string())))
            .collect()
    }

    #[test]
    fn iob2_decodes_back_to_the_entity_spans() {
        let (doc, set) = sample();
        let (conll, warnings) = run(&set, &doc, &all_paragraphs(Layer::Entities));
        let decoded: BTreeSet<_> = decode_conll(&doc, &conll).into_iter().collect();
        assert_eq!(decoded, expected_entities(&set, false));
        assert!(!conll.contains("E-") && !conll.contains("S-"));
        // `Barat` of `Baratlah` is its own token.
        assert!(
            conll.contains("\nBarat -X- _ B-GPE\nlah -X- _ O\n"),
            "{conll}"
        );
        // The only warning: e2 dropped for the longer e4.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].span, find(&doc, "Korea Utara", 0));
        assert_eq!(warnings[0].text, "Korea Utara");
        assert!(warnings[0].reason.contains("e2") && warnings[0].reason.contains("e4"));
    }

    #[test]
    fn bioes_decodes_back_too() {
        let (doc, set) = sample();
        let options = Options {
            scheme: Scheme::Bioes,
            ..all_paragraphs(Layer::Entities)
        };
        let (conll, _) = run(&set, &doc, &options);
        assert!(conll.contains(" S-GPE\n") && conll.contains(" E-PER\n"));
        let decoded: BTreeSet<_> = decode_conll(&doc, &conll).into_iter().collect();
        assert_eq!(decoded, expected_entities(&set, false));
    }

    #[test]
    fn only_done_leaves_todo_and_skipped_paragraphs_out() {
        let (doc, set) = sample();
        let (conll, _) = run(&set, &doc, &Options::layer(Layer::Entities));
        let decoded: BTreeSet<_> = decode_conll(&doc, &conll).into_iter().collect();
        assert_eq!(decoded, expected_entities(&set, true));
        assert!(!conll.contains("Negara -X-"), "Todo paragraph 2 written");
        assert!(
            !conll.contains("Respon -X-"),
            "Skipped paragraph 11 written"
        );
        let (all, _) = run(&set, &doc, &all_paragraphs(Layer::Entities));
        assert!(all.contains("Negara -X- _ O\n") && all.contains("Respon -X- _ O\n"));
        // A paragraph marked Done comes back.
        let mut done = set.clone();
        done.paragraphs[2] = ParagraphStatus::Done;
        let (conll, _) = run(&done, &doc, &Options::layer(Layer::Entities));
        assert!(conll.contains("Barat -X- _ B-GPE\njuga"));
    }

    #[test]
    fn quotes_layer_keeps_fragments_and_multi_sentence_quotes() {
        let (doc, set) = sample();
        let (conll, warnings) = run(&set, &doc, &all_paragraphs(Layer::Quotes));
        assert!(warnings.is_empty(), "{warnings:?}");
        let decoded: BTreeSet<_> = decode_conll(&doc, &conll).into_iter().collect();
        let expected: BTreeSet<_> = set
            .quotes
            .iter()
            .flat_map(|q| q.spans.iter().map(|s| (*s, "QUOTE".to_owned())))
            .collect();
        assert_eq!(decoded.len(), 5, "q3 has two fragments");
        assert_eq!(decoded, expected);
        // The two sentences of q2 stay in one block.
        assert!(conll.contains("serius -X- _ I-QUOTE\n. -X- _ I-QUOTE\nJika -X- _ I-QUOTE\n"));
    }

    #[test]
    fn claims_layer_reports_a_claim_split_over_paragraphs() {
        let (doc, set) = sample();
        let (conll, warnings) = run(&set, &doc, &all_paragraphs(Layer::Claims));
        let decoded = decode_conll(&doc, &conll);
        let c2 = set.claims.iter().find(|c| c.id == "c2").unwrap().spans[0];
        let parts: Vec<Span> = decoded
            .iter()
            .filter(|(s, _)| c2.overlaps(s))
            .map(|(s, _)| *s)
            .collect();
        let first_end = find(&doc, "perang di Ukraina.\nDilansir", 0).start + 18;
        assert_eq!(
            parts,
            [
                Span::new(c2.start, first_end),
                find(&doc, "Dilansir Reuters", 0)
            ]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].reason.contains("split over 2 blocks"));
    }

    #[test]
    fn cue_inside_a_word_cuts_it() {
        let (doc, mut set) = sample();
        // Export cues as if they were quotes: the cut must fall inside `ujarnya`.
        for q in &mut set.quotes {
            let cue = q.cue.take().unwrap();
            q.spans = cue.spans;
            q.text = cue.text;
        }
        let (conll, _) = run(&set, &doc, &all_paragraphs(Layer::Quotes));
        assert!(
            conll.contains("\nujar -X- _ B-QUOTE\nnya -X- _ O\n"),
            "{conll}"
        );
        let decoded: Vec<Span> = decode_conll(&doc, &conll)
            .into_iter()
            .map(|d| d.0)
            .collect();
        assert!(decoded.contains(&find_in(&doc, "ujar", "ujarnya", 0)));
    }

    #[test]
    fn paragraphs_unit_writes_one_block_per_paragraph() {
        let (doc, set) = sample();
        let options = Options {
            unit: Unit::Paragraphs,
            ..all_paragraphs(Layer::Entities)
        };
        let (conll, _) = run(&set, &doc, &options);
        let blocks = conll.trim_end().split("\n\n").count() - 1;
        assert_eq!(blocks, doc.paragraphs().len());
        let decoded: BTreeSet<_> = decode_conll(&doc, &conll).into_iter().collect();
        assert_eq!(decoded, expected_entities(&set, false));
    }

    #[test]
    fn small_document_snapshot() {
        let doc = Document::new(
            "Menlu Choe Son Hui tiba di Moskwa (1/11/2024).\n“Kami mendukung Rusia. Selalu,” ujarnya.\n",
        );
        let mut set = AnnotationSet::new(doc.paragraphs().len());
        set.paragraphs.fill(ParagraphStatus::Done);
        for (id, label, needle) in [
            ("e1", "PER", "Choe Son Hui"),
            ("e2", "GPE", "Moskwa"),
            ("e3", "GPE", "Rusia"),
        ] {
            let span = find(&doc, needle, 0);
            set.entities.push(crate::model::Entity {
                id: id.into(),
                label: label.into(),
                spans: smallvec![span],
                text: needle.into(),
                note: None,
                review: Default::default(),
                source: Default::default(),
                by: Default::default(),
                attributes: Vec::new(),
            });
        }
        let (iob2, warnings) = run(&set, &doc, &Options::layer(Layer::Entities));
        assert!(warnings.is_empty());
        let options = Options {
            scheme: Scheme::Bioes,
            ..Options::layer(Layer::Entities)
        };
        let (bioes, _) = run(&set, &doc, &options);
        insta::assert_snapshot!("conll_iob2", iob2);
        insta::assert_snapshot!("conll_bioes", bioes);
    }
}

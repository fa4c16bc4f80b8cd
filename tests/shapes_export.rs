//! The new shapes end to end, through the binary: spaCy v2 JSON, quote roles, CheckThat! and
//! ClaimBuster tables, citron (export, import, round trip); snapshots of each on the sample
//! and on a small article with odd Unicode and CRLF line ends (`tests/fixtures/shapes/odd.txt`,
//! its annotations made here); option combinations that make no sense refused.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use tandai::model::{
    AnnotationSet, Checkworthy, Claim, Cue, Document, Entity, ParagraphStatus, Quote, QuoteKind,
    Span, smallvec,
};

use common::{stderr, tandai};

const ODD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shapes/odd.txt");

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn ok(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
}

/// Char span of the `nth` occurrence of `needle` in the document.
fn find(doc: &Document, needle: &str, nth: usize) -> Span {
    let (byte, _) = doc
        .text()
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = doc.text()[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn entity(doc: &Document, id: &str, label: &str, needle: &str) -> Entity {
    let span = find(doc, needle, 0);
    Entity {
        id: id.into(),
        label: label.into(),
        spans: smallvec![span],
        text: doc.slice(span).into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

fn quote(
    doc: &Document,
    id: &str,
    kind: QuoteKind,
    content: &str,
    cue: &[Span],
    speaker: &str,
) -> Quote {
    let span = find(doc, content, 0);
    Quote {
        id: id.into(),
        kind,
        spans: smallvec![span],
        text: doc.slice(span).into(),
        cue: Some(Cue {
            spans: cue.iter().copied().collect(),
            text: doc.slice_fragments(cue).into(),
        }),
        speaker: Some(speaker.into()),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

fn claim(
    doc: &Document,
    id: &str,
    needle: &str,
    worthy: Option<Checkworthy>,
    claimant: Option<&str>,
    quote: Option<&str>,
) -> Claim {
    let span = find(doc, needle, 0);
    Claim {
        id: id.into(),
        spans: smallvec![span],
        text: doc.slice(span).into(),
        claimant: claimant.map(Into::into),
        quote: quote.map(Into::into),
        checkworthy: worthy,
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    }
}

/// The odd article's annotations: ids with a gap (no `e3`), a two-fragment cue, a cue inside
/// `ujarnya`, a source (`Jakarta`, speaker of q3) inside q2's content, a note with quotes, a
/// claim in a paragraph not Done.
fn odd_set(doc: &Document) -> AnnotationSet {
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.paragraphs = vec![
        ParagraphStatus::Done,
        ParagraphStatus::Done,
        ParagraphStatus::Done,
        ParagraphStatus::Todo,
    ];
    set.entities = vec![
        entity(doc, "e1", "PER", "Choe"),
        entity(doc, "e2", "PER", "Jokowi"),
        entity(doc, "e4", "GPE", "Jakarta"),
        entity(doc, "e5", "PER", "Sri Mulyani"),
    ];
    let ujar = find(doc, "ujarnya", 0);
    let mut q1 = quote(
        doc,
        "q1",
        QuoteKind::Direct,
        "Kami  siap,",
        &[find(doc, "kata", 0)],
        "e1",
    );
    q1.note = Some("a \"quoted\" note, with a comma".into());
    set.quotes = vec![
        q1,
        quote(
            doc,
            "q2",
            QuoteKind::Indirect,
            "harga naik 5,5% di Jakarta",
            &[find(doc, "berkata", 0), find(doc, "bahwa", 0)],
            "e2",
        ),
        quote(
            doc,
            "q3",
            QuoteKind::Indirect,
            "Itu fakta",
            &[Span::new(ujar.start, ujar.start + 4)],
            "e4",
        ),
        quote(
            doc,
            "q4",
            QuoteKind::Direct,
            "Harga beras turun,",
            &[find(doc, "ujar", 1)],
            "e5",
        ),
    ];
    set.claims = vec![
        claim(
            doc,
            "c1",
            "harga naik 5,5% di Jakarta",
            Some(Checkworthy::Yes),
            Some("e2"),
            Some("q2"),
        ),
        claim(
            doc,
            "c2",
            "Harga beras turun",
            Some(Checkworthy::No),
            Some("e5"),
            Some("q4"),
        ),
        claim(doc, "c3", "Itu fakta", None, None, Some("q3")),
        claim(
            doc,
            "c4",
            "Paragraf ini",
            Some(Checkworthy::Yes),
            None,
            None,
        ),
    ];
    set.next_ids.entity = 6;
    set.next_ids.quote = 5;
    set.next_ids.claim = 5;
    set.sort();
    set
}

/// A folder holding the odd article and its annotations.
fn odd_corpus() -> (tempfile::TempDir, PathBuf, Document, AnnotationSet) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("corpus").join("odd.txt");
    fs::create_dir_all(article.parent().unwrap()).unwrap();
    fs::copy(ODD, &article).unwrap();
    let doc = Document::from_bytes(fs::read(&article).unwrap()).unwrap();
    assert!(doc.text().contains("\r\n"), "the fixture keeps its CRLF");
    let set = odd_set(&doc);
    tandai::store::save(article.as_path(), &doc, &set, "gold").unwrap();
    (dir, article, doc, set)
}

/// Exports `input` as `format` (with `extra` options) to `out`; returns stderr.
fn export(input: &Path, format: &str, out: &Path, extra: &[&str]) -> String {
    let output = tandai()
        .args(["export", s(input), "--format", format, "--out", s(out)])
        .args(extra)
        .output()
        .unwrap();
    ok(&output);
    stderr(&output)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// A minimal RFC 4180 reader: rows of fields, separated by `sep`.
fn parse_table(text: &str, sep: char) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the table ends with a line end"
    );
    rows
}

#[test]
fn sample_snapshots_of_every_new_format() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(common::SAMPLE);
    for (format, extra) in [
        ("spacy-json", &[][..]),
        ("quote-roles", &[][..]),
        ("quote-roles", &["--scheme", "bilou", "--paragraphs"][..]),
        ("checkthat", &[][..]),
        ("claimbuster", &[][..]),
    ] {
        let out = dir.path().join(format!("{format}{}.out", extra.len()));
        let warnings = export(sample, format, &out, extra);
        assert!(
            !warnings.contains("tandai: warning"),
            "{format}: {warnings}"
        );
        let name = format!("sample_{format}{}", extra.join("_").replace("--", "_"));
        insta::assert_snapshot!(name, read(&out));
    }
    let out = dir.path().join("citron");
    export(sample, "citron", &out, &[]);
    insta::assert_snapshot!("sample_citron", read(&out.join("korut-dukung-rusia.json")));
}

#[test]
fn odd_snapshots_of_every_new_format() {
    let (dir, article, _, _) = odd_corpus();
    let corpus = article.parent().unwrap();
    for format in [
        "spacy-json",
        "quote-roles",
        "checkthat",
        "claimbuster",
        "citron",
    ] {
        let out = dir.path().join(format!("out-{format}"));
        let warnings = export(corpus, format, &out, &[]);
        let written = if format == "citron" {
            read(&out.join("odd.json"))
        } else {
            read(&out)
        };
        insta::assert_snapshot!(
            format!("odd_{format}"),
            format!("{written}--- stderr\n{warnings}")
        );
    }
}

#[test]
fn spacy_json_tokens_give_back_each_paragraph_and_every_entity() {
    let (dir, article, doc, set) = odd_corpus();
    let out = dir.path().join("train.json");
    export(&article, "spacy-json", &out, &["--all-paragraphs"]);
    let json: serde_json::Value = serde_json::from_str(&read(&out)).unwrap();
    let paragraphs = json[0]["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), doc.paragraphs().len());
    let mut decoded = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let raw = paragraph["raw"].as_str().unwrap();
        assert_eq!(raw, doc.paragraph_text(i));
        let mut text = String::new();
        let mut open = None;
        let base = doc.paragraph(i).unwrap().chars.start;
        for token in paragraph["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["tokens"].as_array().unwrap())
        {
            let start = base + text.chars().count();
            text.push_str(token["orth"].as_str().unwrap());
            let end = base + text.chars().count();
            text.push_str(token["space"].as_str().unwrap());
            let ner = token["ner"].as_str().unwrap();
            match ner.split_once('-') {
                Some(("U", label)) => decoded.push((Span::new(start, end), label.to_owned())),
                Some(("B", _)) => open = Some(start),
                Some(("L", label)) => {
                    decoded.push((Span::new(open.take().unwrap(), end), label.to_owned()))
                }
                Some(("I", _)) => assert!(open.is_some(), "I- outside a span"),
                _ => assert_eq!(ner, "O"),
            }
        }
        assert_eq!(text, raw, "orth + space give back the paragraph");
    }
    let want: Vec<(Span, String)> = set
        .entities
        .iter()
        .map(|e| (e.spans[0], e.label.to_string()))
        .collect();
    assert_eq!(decoded, want);
    // White space other than one space is a token of its own, as spaCy makes it.
    for gap in [" ", "\t", "\u{a0}"] {
        assert!(
            paragraphs
                .iter()
                .flat_map(|p| p["sentences"].as_array().unwrap())
                .flat_map(|s| s["tokens"].as_array().unwrap())
                .any(|t| t["orth"] == gap && t["ner"] == "O"),
            "{gap:?}"
        );
    }
}

#[test]
fn checkworthiness_tables_quote_fields_and_judge_each_sentence() {
    let (dir, article, _, _) = odd_corpus();
    let tsv = dir.path().join("ct.tsv");
    let csv = dir.path().join("cb.csv");
    let warnings = export(&article, "checkthat", &tsv, &[]);
    assert!(
        warnings.contains("c4: in no sentence of a Done paragraph, left out"),
        "{warnings}"
    );
    export(&article, "claimbuster", &csv, &[]);
    let checkthat = parse_table(&read(&tsv), '\t');
    let claimbuster = parse_table(&read(&csv), ',');
    assert_eq!(checkthat[0], ["Sentence_id", "Text", "class_label"]);
    assert_eq!(
        claimbuster[0],
        ["Sentence_id", "Text", "Speaker", "Verdict"]
    );
    let rows: Vec<(&str, &str, &str, &str, &str)> = checkthat[1..]
        .iter()
        .zip(&claimbuster[1..])
        .map(|(t, c)| {
            assert_eq!((&t[0], &t[1]), (&c[0], &c[1]));
            (
                t[0].as_str(),
                t[1].as_str(),
                t[2].as_str(),
                c[2].as_str(),
                c[3].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("odd:1", "\"Kami  siap,\" kata\tMenlu Choe.", "No", "", "-1"),
            ("odd:2", "Ya, benar.", "No", "", "-1"),
            (
                "odd:3",
                "Presiden Jokowi👩‍👩‍👧 berkata bahwa harga naik 5,5% di Jakarta.",
                "Yes",
                "Jokowi",
                "1"
            ),
            ("odd:4", "Itu fakta, ujarnya.", "Yes", "Jakarta", "1"),
            (
                "odd:5",
                "Ñoño e\u{301} café:\u{a0}“Harga beras turun,” ujar Sri Mulyani.",
                "No",
                "Sri Mulyani",
                "0"
            ),
        ]
    );
}

#[test]
fn quote_roles_put_a_cue_and_a_source_before_content() {
    let (dir, article, _, _) = odd_corpus();
    let out = dir.path().join("roles.conll");
    export(&article, "quote-roles", &out, &["--scheme", "bilou"]);
    let text = read(&out);
    for lines in [
        // The source of q3 inside the content of q2 cuts it.
        "di -X- q2 L-CONTENT\nJakarta -X- q3 U-SOURCE\n. -X- _ O\n",
        // A two-fragment cue is two runs; a cue inside a word cuts it.
        "berkata -X- q2 U-CUE\nbahwa -X- q2 U-CUE\n",
        "ujar -X- q3 U-CUE\nnya -X- _ O\n",
        "Kami -X- q1 B-CONTENT\nsiap -X- q1 I-CONTENT\n, -X- q1 L-CONTENT\n",
    ] {
        assert!(text.contains(lines), "{lines}\nnot in\n{text}");
    }
    assert!(
        !text.contains("Paragraf"),
        "a paragraph not Done is left out"
    );
    export(&article, "quote-roles", &out, &["--all-paragraphs"]);
    assert!(read(&out).contains("Paragraf -X- _ O\n"));
}

/// Quotes and their speakers as citron holds them: the part of a set a round trip keeps.
fn citron_part(set: &AnnotationSet) -> (Vec<Quote>, Vec<Entity>) {
    let speakers: Vec<&str> = set
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    let entities = set
        .entities
        .iter()
        .filter(|e| speakers.contains(&e.id.as_str()))
        .cloned()
        .collect();
    (set.quotes.clone(), entities)
}

#[test]
fn citron_import_of_the_export_gives_back_the_quotes_and_speakers() {
    for (article, set) in [
        {
            let (dir, article, _, set) = odd_corpus();
            std::mem::forget(dir);
            (article, set)
        },
        {
            let sample = Path::new(common::SAMPLE);
            let doc = Document::from_bytes(fs::read(sample).unwrap()).unwrap();
            let set = tandai::store::load(sample, &doc).unwrap().unwrap().set;
            (sample.to_owned(), set)
        },
    ] {
        let dir = tempfile::tempdir().unwrap();
        let citron = dir.path().join("citron");
        export(&article, "citron", &citron, &[]);
        let corpus = dir.path().join("imported");
        ok(&tandai()
            .args([
                "import",
                s(&citron),
                "--from",
                "citron",
                "--out",
                s(&corpus),
            ])
            .output()
            .unwrap());
        let stem = article.file_stem().unwrap().to_str().unwrap();
        let imported = corpus.join(format!("{stem}.txt"));
        assert_eq!(fs::read(&imported).unwrap(), fs::read(&article).unwrap());
        let doc = Document::from_bytes(fs::read(&imported).unwrap()).unwrap();
        let back = tandai::store::load(imported.as_path(), &doc)
            .unwrap()
            .unwrap()
            .set;
        assert_eq!(citron_part(&back), citron_part(&set), "{stem}");
        // And the export of the import is the same file.
        let again = dir.path().join("again");
        export(&corpus, "citron", &again, &[]);
        assert_eq!(
            read(&again.join(format!("{stem}.json"))),
            read(&citron.join(format!("{stem}.json")))
        );
    }
}

#[test]
fn citron_import_reads_citron_own_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bbc.json");
    let text = "\"I will go,\" he said. Humpty Dumpty sat.";
    fs::write(
        &file,
        serde_json::json!({
            "text": text,
            "quotes": [{
                "cue": {"start": 16, "end": 20, "text": "said"},
                "sources": [{"start": 13, "end": 15, "text": "he"}],
                "contents": [{"start": 0, "end": 12, "text": "\"I will go,\""}],
                "coreferences": [{"start": 22, "end": 35, "text": "Humpty Dumpty"}],
                "confidence": 0.75
            }]
        })
        .to_string(),
    )
    .unwrap();
    let corpus = dir.path().join("corpus");
    ok(&tandai()
        .args(["import", s(&file), "--from", "citron", "--out", s(&corpus)])
        .output()
        .unwrap());
    let article = corpus.join("bbc.txt");
    let doc = Document::new(text);
    let set = tandai::store::load(article.as_path(), &doc)
        .unwrap()
        .unwrap()
        .set;
    let q = &set.quotes[0];
    assert_eq!(
        (q.id.as_str(), q.kind, q.speaker.as_deref()),
        ("q1", QuoteKind::Direct, Some("e1"))
    );
    assert_eq!(q.note.as_deref(), Some("citron confidence 0.75"));
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    let names: Vec<(&str, &str, Option<&str>)> = set
        .entities
        .iter()
        .map(|e| (e.text.as_str(), e.label.as_str(), e.note.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("he", "PER", None),
            ("Humpty Dumpty", "PER", Some("citron coreference of q1"))
        ]
    );
}

#[test]
fn citron_import_refuses_a_span_that_is_not_the_text_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    fs::write(
        &file,
        "{\"text\": \"Ya, kata dia.\",\n\"quotes\": [\n{\"cue\": {\"start\": 4, \"end\": 8, \"text\": \"kata\"}, \"sources\": [], \"contents\": [{\"start\": 0, \"end\": 2, \"text\": \"Ya\"}]},\n{\"cue\": null, \"sources\": [], \"contents\": [{\"start\": 9, \"end\": 12, \"text\": \"xyz\"}]}\n]}\n",
    )
    .unwrap();
    let corpus = dir.path().join("corpus");
    let output = tandai()
        .args(["import", s(&file), "--from", "citron", "--out", s(&corpus)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("bad.json:4: quote 2: content 9..12: its text differs"),
        "{message}"
    );
    assert!(!corpus.exists(), "nothing written");
}

#[test]
fn options_that_do_not_fit_a_new_format_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(common::SAMPLE);
    let out = dir.path().join("out");
    for (format, extra, says) in [
        ("spacy-json", &["--scheme", "iob2"][..], "always BILUO"),
        (
            "spacy-json",
            &["--layers", "entities,quotes"][..],
            "exactly one layer",
        ),
        (
            "checkthat",
            &["--layers", "claims"][..],
            "--layers does not apply",
        ),
        (
            "claimbuster",
            &["--all-paragraphs"][..],
            "apply to the token formats",
        ),
        ("citron", &["--sentences"][..], "apply to the token formats"),
        (
            "quote-roles",
            &["--layers", "quotes"][..],
            "--layers does not apply",
        ),
    ] {
        let output = tandai()
            .args(["export", s(sample), "--format", format, "--out", s(&out)])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format} {extra:?}");
        assert!(stderr(&output).contains(says), "{}", stderr(&output));
        assert!(!out.exists(), "{format} {extra:?} wrote something");
    }
    let output = tandai()
        .args(["export", s(sample), "--format", "citron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("give --out (a folder)"));
}

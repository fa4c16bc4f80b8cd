use super::*;

const ARTICLE: &str = "MOSKWA — Choe Son Hui bertemu Putin.\n\n“Kami mendukung Rusia,” katanya.\n";

fn doc() -> Document {
    Document::new(ARTICLE)
}

fn span_of(doc: &Document, needle: &str) -> Span {
    let byte = doc.text().find(needle).unwrap();
    let start = doc.text()[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn sample() -> Predictions {
    let doc = doc();
    let mut p = Predictions::new("a.txt", &doc, "spacy");
    p.entities.push(PredictedEntity {
        span: span_of(&doc, "Choe Son Hui"),
        text: "Choe Son Hui".into(),
        label: "PER".into(),
        score: Some(0.9),
    });
    p.entities.push(PredictedEntity {
        span: span_of(&doc, "Rusia"),
        text: "Rusia".into(),
        label: "GPE".into(),
        score: None,
    });
    p.quotes.push(PredictedQuote {
        span: span_of(&doc, "Kami mendukung Rusia,"),
        text: "Kami mendukung Rusia,".into(),
        kind: QuoteKind::Direct,
        cue: Some(span_of(&doc, "kata")),
        speaker: Some(span_of(&doc, "Choe Son Hui")),
        score: None,
    });
    p.claims.push(PredictedClaim {
        span: span_of(&doc, "Kami mendukung Rusia"),
        text: "Kami mendukung Rusia".into(),
        claimant: None,
        quote: None,
        checkworthy: Some(Checkworthy::Yes),
        score: Some(0.5),
    });
    p
}

fn problem_in(text: &str) -> (usize, usize, String) {
    match parse(Path::new("a.sug.ron"), text, &doc()).unwrap_err() {
        PredictionsError::Invalid { place, problem, .. } => (place.line, place.column, problem),
        other => panic!("{other}"),
    }
}

#[test]
fn a_saved_file_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, ARTICLE).unwrap();
    let written = sample().save(&article).unwrap();
    assert_eq!(written, dir.path().join("a.sug.ron"));
    assert_eq!(load(&article, &doc()).unwrap(), Some(sample()));
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    assert_eq!(load(&dir.path().join("b.txt"), &doc()).unwrap(), None);
}

#[test]
fn suggestions_come_from_the_model() {
    let s = sample().suggestions();
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].source, Source::Model("spacy".into()));
    assert_eq!(s[0].what.label(), Some("PER"));
    assert_eq!(s[0].score, Some(0.9));
    assert!(s[0].reason.contains("model:spacy"), "{}", s[0].reason);
    assert!(matches!(
        s[2].what,
        Proposal::Quote {
            speaker: Some(_),
            ..
        }
    ));
    assert!(matches!(s[3].what, Proposal::Claim { .. }));
}

#[test]
fn a_file_for_another_text_is_refused_at_its_sha256() {
    let other = Predictions::new("a.txt", &Document::new("Lain.\n"), "spacy").to_ron();
    let (line, _, problem) = problem_in(&other);
    let expected = other.lines().position(|l| l.contains("sha256")).unwrap() + 1;
    assert_eq!(line, expected);
    assert!(problem.contains("another text"), "{problem}");
}

#[test]
fn an_entry_past_the_end_or_with_another_text_is_refused_where_it_is() {
    let mut p = sample();
    p.entities[1].span = Span::new(70, 90);
    let text = p.to_ron();
    let (line, column, problem) = problem_in(&text);
    let at = text.match_indices("span:").nth(1).unwrap().0;
    let place = ron_locate::place_of_byte(&text, at);
    assert_eq!((line, column), (place.line, place.column));
    assert!(
        problem.starts_with("entities[1]: span 70..90 goes past the end"),
        "{problem}"
    );

    let mut p = sample();
    p.quotes[0].text = "Kami menolak Rusia,".into();
    let text = p.to_ron();
    let (line, _, problem) = problem_in(&text);
    let at = text.find("quotes:").unwrap();
    assert!(line > ron_locate::place_of_byte(&text, at).line);
    assert!(problem.contains("is not the article's text"), "{problem}");

    let mut p = sample();
    p.claims[0].claimant = Some(Span::new(30, 45));
    assert!(
        problem_in(&p.to_ron())
            .2
            .contains("claimant: span 30..45 is not inside one paragraph")
    );
}

#[test]
fn malformed_files_are_refused_with_ron_s_place() {
    let (line, column, _problem) = problem_in("Predictions(\n    version: 1,\n    text: 3,\n)");
    assert_eq!(line, 3);
    assert!(column >= 10, "{column}");
    let mut p = sample();
    p.version = 2;
    assert!(problem_in(&p.to_ron()).2.contains("version 2"));
}

mod written_as_ron_writes {
    use proptest::prelude::*;

    use super::*;

    /// Text with what a string escape must get right: quotes, backslashes, apostrophes,
    /// controls, line breaks, combining marks, characters past ASCII and past the BMP.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::char::range(' ', '~'),
                1 => prop::sample::select(vec![
                    '"', '\'', '\\', '\n', '\r', '\t', '\0', '\u{7f}', '\u{301}', '\u{200b}',
                    '“', '”', '—', 'é', '\u{feff}', '😀', '\u{e000}', '\u{10ffff}',
                ]),
                1 => any::<char>(),
            ],
            0..24,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn span() -> impl Strategy<Value = Span> {
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Span::new(a, b))
    }

    fn score() -> impl Strategy<Value = Option<f32>> {
        prop_oneof![
            Just(None),
            (0.0f32..=1.0).prop_map(Some),
            any::<f32>().prop_map(Some),
            prop::sample::select(vec![
                0.0,
                -0.0,
                1.0,
                f32::NAN,
                -f32::NAN,
                f32::INFINITY,
                1e-7,
                3e9
            ])
            .prop_map(Some),
        ]
    }

    fn kind() -> impl Strategy<Value = QuoteKind> {
        prop::sample::select(vec![
            QuoteKind::Direct,
            QuoteKind::Indirect,
            QuoteKind::Mixed,
        ])
    }

    fn checkworthy() -> impl Strategy<Value = Option<Checkworthy>> {
        prop::sample::select(vec![None, Some(Checkworthy::Yes), Some(Checkworthy::No)])
    }

    fn entity() -> impl Strategy<Value = PredictedEntity> {
        (span(), text(), text(), score()).prop_map(|(span, text, label, score)| PredictedEntity {
            span,
            text,
            label,
            score,
        })
    }

    fn quote() -> impl Strategy<Value = PredictedQuote> {
        (
            span(),
            text(),
            kind(),
            proptest::option::of(span()),
            proptest::option::of(span()),
            score(),
        )
            .prop_map(|(span, text, kind, cue, speaker, score)| PredictedQuote {
                span,
                text,
                kind,
                cue,
                speaker,
                score,
            })
    }

    fn claim() -> impl Strategy<Value = PredictedClaim> {
        (
            span(),
            text(),
            proptest::option::of(span()),
            proptest::option::of(span()),
            checkworthy(),
            score(),
        )
            .prop_map(
                |(span, text, claimant, quote, checkworthy, score)| PredictedClaim {
                    span,
                    text,
                    claimant,
                    quote,
                    checkworthy,
                    score,
                },
            )
    }

    fn predictions() -> impl Strategy<Value = Predictions> {
        (
            any::<u64>(),
            (text(), text(), any::<usize>()),
            text(),
            proptest::collection::vec(entity(), 0..6),
            proptest::collection::vec(quote(), 0..4),
            proptest::collection::vec(claim(), 0..4),
        )
            .prop_map(
                |(version, (file, sha256, chars), model, entities, quotes, claims)| Predictions {
                    version,
                    text: TextRef {
                        file,
                        sha256,
                        chars,
                    },
                    model,
                    entities,
                    quotes,
                    claims,
                },
            )
    }

    #[test]
    fn the_sample_and_an_empty_file_are_written_as_ron_writes_them() {
        let p = sample();
        assert_eq!(p.to_ron(), p.ron_reference());
        let empty = Predictions::new("a.txt", &doc(), "spacy");
        assert_eq!(empty.to_ron(), empty.ron_reference());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn every_file_is_written_as_ron_writes_it(p in predictions()) {
            prop_assert_eq!(p.to_ron(), p.ron_reference());
        }
    }
}

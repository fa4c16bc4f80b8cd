use std::fs;
use std::path::PathBuf;

use super::*;

/// A lexicon of the given files (name, content), written to a temporary folder.
fn lexicon(files: &[(&str, &str)]) -> (tempfile::TempDir, Lexicon) {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, content)| {
            let path = dir.path().join(name);
            fs::write(&path, content).unwrap();
            path
        })
        .collect();
    let lexicon = Lexicon::load(&paths).unwrap();
    (dir, lexicon)
}

/// `(text, label)` of every suggestion in the one-paragraph article `text`.
fn found(lexicon: &Lexicon, text: &str) -> Vec<(String, String)> {
    let doc = Document::new(text);
    lexicon
        .find(&doc, 0)
        .into_iter()
        .map(|s| {
            (
                doc.slice(s.span).to_owned(),
                s.what.label().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn the_longest_match_wins_then_the_earlier_line() {
    let (_dir, lex) = lexicon(&[(
        "g.tsv",
        "Korea\tLOC\nKorea Utara\tGPE\nUtara\tLOC\nKorea Utara\tORG\n",
    )]);
    assert_eq!(
        found(&lex, "Korea Utara dan Korea."),
        pairs(&[("Korea Utara", "GPE"), ("Korea", "LOC")])
    );
}

#[test]
fn overlapping_matches_of_one_length_keep_the_earlier_start() {
    let (_dir, lex) = lexicon(&[("g.tsv", "Rusia Korea\tX\nKorea Utara\tY\n")]);
    assert_eq!(
        found(&lex, "Rusia Korea Utara"),
        pairs(&[("Rusia Korea", "X")])
    );
}

#[test]
fn gazetteer_texts_match_as_written_or_in_capitals() {
    let (_dir, lex) = lexicon(&[("g.tsv", "Moskwa\tLOC\n")]);
    assert_eq!(
        found(&lex, "MOSKWA — Dari Moskwa, bukan moskwa atau mOSKWA."),
        pairs(&[("MOSKWA", "LOC"), ("Moskwa", "LOC")])
    );
}

#[test]
fn lower_tokens_match_any_case_and_orth_tokens_match_as_written() {
    let (_dir, lex) = lexicon(&[(
        "p.jsonl",
        concat!(
            r#"{"label": "GPE", "pattern": [{"LOWER": "new"}, {"ORTH": "York"}]}"#,
            "\n",
            r#"{"label": "ORG", "pattern": "Reuters"}"#,
            "\n",
        ),
    )]);
    assert_eq!(
        found(
            &lex,
            "New York, NEW York, new York, NEW YORK; not new york nor REUTERs but Reuters."
        ),
        pairs(&[
            ("New York", "GPE"),
            ("NEW York", "GPE"),
            ("new York", "GPE"),
            ("NEW YORK", "GPE"),
            ("Reuters", "ORG"),
        ])
    );
}

#[test]
fn matches_stop_at_word_edges_and_leave_clitics_outside() {
    let (_dir, lex) = lexicon(&[("g.tsv", "Barat\tLOC\nAS\tGPE\nPutin\tPER\n")]);
    assert_eq!(
        found(&lex, "Baratlah, ASEAN, BeliAS, Putinnya, AS."),
        pairs(&[("Barat", "LOC"), ("Putin", "PER"), ("AS", "GPE")])
    );
}

#[test]
fn suggestions_carry_source_reason_score_and_document_offsets() {
    let (_dir, lex) = lexicon(&[
        ("places.gazetteer.tsv", "# places\nRusia\tLOC\t0.5\n"),
        (
            "orgs.patterns.jsonl",
            "{\"label\": \"ORG\", \"pattern\": \"KCNA\"}\n",
        ),
    ]);
    let doc = Document::new("Judul “baru”\n\n“Rusia” kata KCNA.\n");
    assert!(lex.find(&doc, 0).is_empty());
    let found = lex.find(&doc, 1);
    assert_eq!(found.len(), 2);
    assert_eq!(doc.slice(found[0].span), "Rusia");
    assert_eq!(found[0].span.start, 15);
    assert_eq!(found[0].source, Source::Gazetteer);
    assert_eq!(found[0].score, Some(0.5));
    assert!(
        found[0].reason.contains("places.gazetteer.tsv:2"),
        "{}",
        found[0].reason
    );
    assert_eq!(found[1].source, Source::Pattern);
    assert!(found[1].reason.contains("orgs.patterns.jsonl:1"));
    assert!(lex.find(&doc, 7).is_empty());
}

#[test]
fn a_bad_line_fails_the_load_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a.tsv");
    let bad = dir.path().join("b.jsonl");
    fs::write(&good, "Rusia\tLOC\n").unwrap();
    fs::write(
        &bad,
        "{\"label\": \"X\", \"pattern\": [{\"SHAPE\": \"Xx\"}]}\n",
    )
    .unwrap();
    let e = Lexicon::load(&[good.clone(), bad.clone()]).unwrap_err();
    assert!(
        e.to_string().starts_with(&format!(
            "{}:1:29: token 1: unknown attribute",
            bad.display()
        )),
        "{e}"
    );
    let other = dir.path().join("c.csv");
    fs::write(&other, "").unwrap();
    assert!(matches!(
        Lexicon::load(&[other]),
        Err(LexiconError::UnknownKind { .. })
    ));
    assert!(matches!(
        Lexicon::load(&[dir.path().join("missing.tsv")]),
        Err(LexiconError::Read { .. })
    ));
}

#[test]
fn a_folder_offers_its_gazetteer_and_pattern_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "b.gazetteer.tsv",
        "a.patterns.jsonl",
        "notes.tsv",
        "article.txt",
        "x.patterns.json",
    ] {
        fs::write(dir.path().join(name), "").unwrap();
    }
    fs::create_dir(dir.path().join("sub.gazetteer.tsv")).unwrap();
    let names: Vec<String> = lexicon_files_in(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.patterns.jsonl", "b.gazetteer.tsv"]);
    assert!(lexicon_files_in(&dir.path().join("missing")).is_empty());
}

#[test]
fn non_ascii_text_keeps_its_offsets() {
    let (_dir, lex) = lexicon(&[(
        "p.jsonl",
        "{\"label\": \"LOC\", \"pattern\": [{\"LOWER\": \"şanghai\"}]}\n",
    )]);
    assert_eq!(
        found(&lex, "İ — ŞANGHAI dan Şanghai"),
        pairs(&[("ŞANGHAI", "LOC"), ("Şanghai", "LOC")])
    );
}

/// `choose` as first written: the places kept in a map by their start.
fn choose_with_a_map(mut hits: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    hits.sort_by_key(|&(s, e, entry)| (std::cmp::Reverse(e - s), s, entry));
    let mut kept = Vec::new();
    let mut taken = std::collections::BTreeMap::<usize, usize>::new();
    for (s, e, entry) in hits {
        if taken
            .range(..e)
            .next_back()
            .is_some_and(|(_, &end)| end > s)
        {
            continue;
        }
        taken.insert(s, e);
        kept.push((s, e, entry));
    }
    kept.sort_unstable();
    kept
}

#[test]
fn hits_are_chosen_as_a_map_of_the_kept_places_chooses_them() {
    let mut seed: u64 = 11;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut dropped = 0;
    for _ in 0..20_000 {
        let hits: Vec<(usize, usize, usize)> = (0..next(12))
            .map(|_| {
                let start = next(30) as usize;
                (start, start + 1 + next(8) as usize, next(5) as usize)
            })
            .collect();
        let want = choose_with_a_map(hits.clone());
        dropped += hits.len() - want.len();
        assert_eq!(choose(hits.clone()), want, "{hits:?}");
    }
    assert!(dropped > 10_000, "{dropped}");
}

#[test]
fn files_read_already_make_the_lexicon_their_paths_make() {
    let files: [(&str, &str); 2] = [
        ("g.tsv", "Korea Utara\tGPE\nMoskwa\tLOC\t0.5\n"),
        (
            "p.jsonl",
            "{\"label\": \"ORG\", \"pattern\": \"Reuters\"}\n",
        ),
    ];
    let (dir, loaded) = lexicon(&files);
    let paths: Vec<PathBuf> = files.iter().map(|(n, _)| dir.path().join(n)).collect();
    let read: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(files)
        .map(|(p, (_, content))| (p.as_path(), content.as_bytes()))
        .collect();
    let parsed = Lexicon::parse(&read).unwrap();
    assert_eq!(parsed.files(), loaded.files());
    let doc = Document::new("Reuters: Korea Utara dan Moskwa.");
    assert_eq!(parsed.find(&doc, 0), loaded.find(&doc, 0));
    assert_eq!(parsed.find(&doc, 0).len(), 3);
    let bad = [(Path::new("b.tsv"), &b"Rusia LOC\n"[..])];
    assert!(
        Lexicon::parse(&bad)
            .unwrap_err()
            .to_string()
            .starts_with("b.tsv:1:")
    );
    let other = [(Path::new("c.csv"), &b""[..])];
    assert!(matches!(
        Lexicon::parse(&other),
        Err(LexiconError::UnknownKind { .. })
    ));
}

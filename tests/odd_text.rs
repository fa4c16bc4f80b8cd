//! Hostile and odd articles through the real binary: huge paragraphs, many paragraphs, tiny
//! terminals, RTL, ZWJ emoji, CJK, bidi overrides. No panic, and offsets stay in characters.

mod common;

use common::*;
use tandai::model::{Document, Span};

fn article(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn saved_entities(path: &std::path::Path) -> Vec<(Span, String)> {
    let doc = Document::new(std::fs::read_to_string(path).unwrap());
    let set = tandai::store::load(path, &doc).unwrap().unwrap().set;
    set.entities
        .into_iter()
        .map(|e| (e.spans[0], e.text.to_string()))
        .collect()
}

#[test]
fn a_one_megabyte_paragraph_opens_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let words = ["Putin", "“kata”", "8.000", "東京", "👩‍👩‍👧", "שלום", "e\u{301}"];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 1;
    }
    let path = article(&dir, "huge.txt", &text);
    let out = tandai()
        .args(["replay", "--size", "80x24", "--keys", "www1q"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let entities = saved_entities(&path);
    assert_eq!(entities.len(), 1);
    let (span, text) = &entities[0];
    // UAX #29 makes each ideograph a word of its own.
    assert_eq!(text, "東");
    assert_eq!(
        *span,
        Span::new(19, 20),
        "offsets are characters, not bytes"
    );
}

#[test]
fn a_hundred_thousand_paragraphs_open_and_jump_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..100_000)
        .map(|i| format!("Paragraf {i}: Putin bertemu Kim.\n"))
        .collect();
    let path = article(&dir, "many.txt", &text);
    let out = tandai()
        .args(["replay", "--size", "80x24", "--keys", "Gw2q"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("100000/100000"), "{}", stdout(&out));
    assert_eq!(saved_entities(&path)[0].1, "99999");
}

/// At every size, down to one cell, the keys do their work (the word after the opening quote
/// becomes a quote, in characters), the screen has the size asked for, and the status line
/// names the review panel, where `<Tab>` went, once it has room.
#[test]
fn tiny_terminals_do_not_panic() {
    let text = "“Kami ulangi,” kata Putin. 東京 👩‍👩‍👧 שלום עולם\n";
    for size in ["1x1", "1x6", "20x6", "2x2", "300x5"] {
        let dir = tempfile::tempdir().unwrap();
        let path = article(&dir, "a.txt", text);
        let out = tandai()
            .args(["replay", "--size", size, "--keys", "wv\"?<Esc><Tab>"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{size}: {}", stderr(&out));
        let screen = stdout(&out);
        let (w, h) = size.split_once('x').unwrap();
        let (w, h): (usize, usize) = (w.parse().unwrap(), h.parse().unwrap());
        let rows: Vec<&str> = screen.lines().collect();
        assert_eq!(rows.len(), h, "{size}: {screen}");
        if w >= 20 {
            assert!(rows[h - 1].starts_with(" REVIEW"), "{size}: {screen}");
        }
        if w >= 100 {
            assert!(
                rows[h - 1].contains("¶ 1/1  E 0 Q 1 C 0"),
                "{size}: {screen}"
            );
            assert!(
                rows[0].contains("“Kami ulangi,” kata Putin. 東京 👩‍👩‍👧 שלום עולם"),
                "{size}: {screen}"
            );
        }
        let saved = std::fs::read_to_string(ann_path(&path)).unwrap();
        assert!(
            saved.contains(r#"(id: "q1", kind: Indirect, spans: [(6, 12)], text: "ulangi")"#),
            "{size}: {saved}"
        );
    }
}

#[test]
fn rtl_bidi_and_zero_width_text_is_shown_safely_and_tagged_by_characters() {
    let dir = tempfile::tempdir().unwrap();
    let text = "שלום \u{202e}evil\u{202c} zero\u{200b}width Putin\n";
    let path = article(&dir, "rtl.txt", text);
    let out = tandai()
        .args(["replay", "--size", "80x10", "--keys", "$1"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    for raw in ['\u{202e}', '\u{202c}', '\u{200b}'] {
        assert!(
            !screen.contains(raw),
            "{raw:?} reached the screen: {screen}"
        );
    }
    let (span, tagged) = &saved_entities(&path)[0];
    assert_eq!(tagged, "Putin");
    let start = text.chars().count() - "Putin\n".chars().count();
    assert_eq!(*span, Span::new(start, start + 5));
}

#[test]
fn tag_characters_and_stray_joiners_reach_the_screen_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let tags: String = "hidden"
        .chars()
        .map(|c| char::from_u32(0xe0000 + c as u32).unwrap())
        .collect();
    let path = article(
        &dir,
        "tags.txt",
        &format!("Kim{tags} \u{200d}bertemu Putin\u{200c}\n"),
    );
    let out = tandai()
        .args(["replay", "--size", "80x10", "--keys", ""])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(
        !screen
            .chars()
            .any(|c| ('\u{e0000}'..='\u{e007f}').contains(&c)
                || c == '\u{200c}'
                || c == '\u{200d}'),
        "an invisible character reached the screen: {screen}"
    );
    assert!(screen.contains("Kim⍰ ⍰bertemu Putin⍰"), "{screen}");
}

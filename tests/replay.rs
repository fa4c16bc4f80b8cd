//! The binary end to end through `tandai replay`: keys in, annotation file and screen out.

mod common;

use common::*;

#[test]
fn search_tag_quit_saves_the_entity_in_characters() {
    let (_dir, article) = sample_copy();
    let out = replay("/Choe Son Hui<Enter>1q", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(
        saved.contains(r#"(id: "e1", label: "PER", spans: [(41, 53)], text: "Choe Son Hui")"#)
            || saved.contains("spans: [\n                (41, 53),"),
        "{saved}"
    );
    assert!(saved.contains("Choe Son Hui"));

    let reopened = replay("", &article);
    let screen = stdout(&reopened);
    assert!(screen.contains("PER"), "{screen}");
    assert!(screen.contains("Choe Son Hui"), "{screen}");
}

#[test]
fn quote_speaker_undo_redo() {
    let (_dir, article) = sample_copy();
    let out = replay(
        "/Choe Son Hui.<Enter><S-Left>1/ulangi<Enter><Esc>\"achoe<Enter>",
        &article,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(saved.contains("speaker: \"e1\""), "{saved}");

    replay("/ulangi<Enter><Esc>u", &article);
    let undone = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(!undone.contains("speaker:"), "{undone}");
}

#[test]
fn gold_keys_rebuild_the_shipped_gold_annotation() {
    let (_dir, article) = sample_copy();
    let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/korut-dukung-rusia.keys");
    let out = tandai()
        .args(["replay", "--keys-file", keys])
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let made = std::fs::read_to_string(ann_path(&article)).unwrap();
    let gold = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/korut-dukung-rusia.ann.ron"
    ))
    .unwrap();
    assert_eq!(made, gold);
}

#[test]
fn non_utf8_article_is_refused_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("bad.txt");
    std::fs::write(&article, b"Satu\nDua \xff tiga\n").unwrap();
    let out = replay("", &article);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.txt:2:5"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
    assert!(!ann_path(&article).exists());
}

#[test]
fn unreadable_annotation_file_is_never_overwritten() {
    let (_dir, article) = sample_copy();
    let broken = "Annotations(\n    version: 1,\n    text: (file: \"x\"\n";
    std::fs::write(ann_path(&article), broken).unwrap();
    let out = replay("1q", &article);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("korut-dukung-rusia.ann.ron:"), "{err}");
    assert_eq!(std::fs::read_to_string(ann_path(&article)).unwrap(), broken);
}

#[test]
fn bad_keymap_is_refused_with_file_line_and_column() {
    let (dir, article) = sample_copy();
    let keymap = dir.path().join("keys.ron");
    std::fs::write(&keymap, "Keymap(\n    normal: {\n        \"j\": Fly,\n    },\n)\n").unwrap();
    let out = tandai()
        .args(["replay", "--keys", "q", "--keymap"])
        .arg(&keymap)
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("keys.ron:3:"), "{err}");
}

#[test]
fn arrows_preset_loads_from_the_command_line() {
    let (_dir, article) = sample_copy();
    let keymap = concat!(env!("CARGO_MANIFEST_DIR"), "/keymaps/arrows.ron");
    let out = tandai()
        .args(["replay", "--keys", "<Down>", "--keymap", keymap])
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("osc.txt");
    std::fs::write(&article, "Judul \u{1b}]0;pwned\u{7} di sini\u{1b}[31m merah\n").unwrap();
    let out = replay("", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(!screen.contains('\u{1b}'), "{screen:?}");
    assert!(screen.contains('␛'), "{screen}");
}

#[test]
fn odd_unicode_and_empty_articles_open() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.txt", ""),
        ("crlf.txt", "\u{feff}Satu dua.\r\n\r\nTiga\tempat 東京 👩‍👩‍👧 e\u{301}.\r\n"),
    ] {
        let article = dir.path().join(name);
        std::fs::write(&article, text).unwrap();
        let out = replay("wv1jwq", &article);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
}

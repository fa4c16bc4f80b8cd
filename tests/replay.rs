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
    let tag_and_link = "/Choe Son Hui.<Enter><S-Left>1/ulangi<Enter><Esc>\"achoe<Enter>";
    let saved = |keys: &str| {
        let (_dir, article) = sample_copy();
        let out = replay(keys, &article);
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read_to_string(ann_path(&article)).unwrap()
    };
    let linked = saved(tag_and_link);
    assert!(linked.contains("speaker: \"e1\""), "{linked}");
    assert!(linked.contains("text: \"Kami ulangi bahwa"), "{linked}");

    let undone = saved(&format!("{tag_and_link}u"));
    assert!(!undone.contains("speaker:"), "{undone}");
    assert!(undone.contains("text: \"Kami ulangi bahwa"), "{undone}");

    let redone = saved(&format!("{tag_and_link}u<C-r>"));
    assert_eq!(redone, linked);
}

#[test]
fn gold_keys_rebuild_the_shipped_gold_annotation() {
    let (_dir, article) = sample_copy();
    let keys = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/korut-dukung-rusia.keys"
    );
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
    std::fs::write(
        &keymap,
        "Keymap(\n    normal: {\n        \"j\": Fly,\n    },\n)\n",
    )
    .unwrap();
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

/// `<C-End>` and `<S-Right>` are the preset's keys (the default binds neither): with the preset
/// they reach the last paragraph and tag its first word; without it nothing moves.
#[test]
fn arrows_preset_loads_from_the_command_line() {
    let keymap = concat!(env!("CARGO_MANIFEST_DIR"), "/keymaps/arrows.ron");
    let run = |preset: bool| {
        let (dir, article) = sample_copy();
        let mut command = tandai();
        command.args([
            "replay",
            "--size",
            "100x12",
            "--keys",
            "<C-End><Enter><S-Right>1",
        ]);
        if preset {
            command.args(["--keymap", keymap]);
        }
        let out = command.arg(&article).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let saved = std::fs::read_to_string(ann_path(&article)).unwrap();
        drop(dir);
        (stdout(&out), saved)
    };

    let (screen, saved) = run(true);
    assert!(screen.contains("¶ 24/24"), "{screen}");
    assert!(screen.contains("PER “AS”"), "{screen}");
    assert!(
        saved.contains(r#"(id: "e1", label: "PER", spans: [(3510, 3512)], text: "AS")"#),
        "{saved}"
    );

    let (screen, saved) = run(false);
    assert!(screen.contains("¶ 1/24"), "{screen}");
    assert!(!saved.contains("(3510, 3512)"), "{saved}");
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("osc.txt");
    std::fs::write(
        &article,
        "Judul \u{1b}]0;pwned\u{7} di sini\u{1b}[31m merah\n",
    )
    .unwrap();
    let out = replay("", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(!screen.contains('\u{1b}'), "{screen:?}");
    assert!(screen.contains('␛'), "{screen}");
}

/// An empty article shows that it is empty and saves nothing; a CRLF article with a BOM, a tab,
/// CJK, a ZWJ sequence and a combining mark opens on its two paragraphs, and a word tagged in it
/// is saved in characters of the text without the BOM.
#[test]
fn odd_unicode_and_empty_articles_open() {
    let dir = tempfile::tempdir().unwrap();

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = tandai()
        .args(["replay", "--size", "60x8", "--keys", "wv1jwq"])
        .arg(&empty)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(screen.contains("(empty article)"), "{screen}");
    assert!(screen.contains("¶ 0/0  E 0 Q 0 C 0"), "{screen}");
    assert!(!ann_path(&empty).exists());

    let crlf = dir.path().join("crlf.txt");
    let text = "\u{feff}Satu dua.\r\n\r\nTiga\tempat 東京 👩‍👩‍👧 e\u{301}.\r\n";
    std::fs::write(&crlf, text).unwrap();
    let out = tandai()
        .args(["replay", "--size", "60x8", "--keys", "wv1jwq"])
        .arg(&crlf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(screen.contains("1   Satu dua."), "{screen}");
    assert!(
        screen.contains("▶ 2   Tiga    empat 東京 👩‍👩‍👧 e\u{301}."),
        "{screen}"
    );
    assert!(screen.contains("¶ 2/2  E 1 Q 0 C 0"), "{screen}");
    assert!(
        !screen.contains('\r') && !screen.contains('\t'),
        "{screen:?}"
    );
    let saved = std::fs::read_to_string(ann_path(&crlf)).unwrap();
    assert!(
        saved.contains(r#"(id: "e1", label: "PER", spans: [(5, 8)], text: "dua")"#),
        "{saved}"
    );
    assert!(saved.contains("chars: 38,"), "{saved}");
}

#[test]
fn every_sample_article_opens_with_its_annotations() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");
    let mut opened = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let keymap = tandai::keymap::Keymap::embedded_default();
            let session = tandai::app::Session::open(&path, keymap)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if ann_path(&path).exists() {
                assert!(!session.state.annotations.entities.is_empty());
            }
            opened += 1;
        }
    }
    assert!(opened >= 1);
}

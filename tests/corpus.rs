//! The document list end to end on an in-memory screen: scan, broken files, open, `]` / `[`,
//! back to the list; every key through the keymap (default, arrows preset, a user file).

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tandai::app::{CorpusApp, buffer_text};
use tandai::keymap::{Keymap, parse_keystrokes};
use tandai::ui::Theme;

use common::*;

/// A corpus with the gold sample (two annotations reviewed), a new article, a non-UTF-8 article, an article with a
/// half-written annotation file and an annotation file without its article.
fn corpus() -> tempfile::TempDir {
    let (dir, article) = sample_copy();
    // The gold file with one entity accepted and one rejected.
    let reviewed = fs::read_to_string(ann_path(Path::new(SAMPLE)))
        .unwrap()
        .replacen(
            r#"text: "MOSKWA")"#,
            r#"text: "MOSKWA", review: Accepted)"#,
            1,
        )
        .replacen(
            r#"[(29, 40)], text: "Korea Utara")"#,
            r#"[(29, 40)], text: "Korea Utara", review: Rejected)"#,
            1,
        );
    fs::write(ann_path(&article), reviewed).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/baru.txt"), "Satu.\n\nDua.\n").unwrap();
    fs::write(dir.path().join("latin1.txt"), b"Caf\xe9\n").unwrap();
    fs::copy(SAMPLE, dir.path().join("setengah.txt")).unwrap();
    let gold = fs::read_to_string(ann_path(Path::new(SAMPLE))).unwrap();
    fs::write(dir.path().join("setengah.ann.ron"), &gold[..2000]).unwrap();
    fs::write(dir.path().join("yatim.ann.ron"), &gold).unwrap();
    dir
}

fn scanned(root: &Path) -> CorpusApp {
    let mut app = CorpusApp::open(root, Keymap::embedded_default(), false);
    let start = Instant::now();
    while app.poll_scan() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "scan did not finish"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    app
}

fn keys(app: &mut CorpusApp, keys: &str) {
    for key in parse_keystrokes(keys).unwrap() {
        assert!(!app.handle_key(key), "quit on {keys}");
    }
}

fn screen(app: &CorpusApp) -> String {
    screen_sized(app, 100, 12)
}

fn screen_sized(app: &CorpusApp, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| app.render(frame, &Theme::plain()))
        .unwrap();
    buffer_text(terminal.backend().buffer())
}

#[test]
fn broken_files_are_listed_with_their_reason_and_the_rest_open() {
    let dir = corpus();
    let app = scanned(dir.path());
    insta::assert_snapshot!(screen(&app).replace(&dir.path().display().to_string(), "DIR"));
}

#[test]
fn enter_opens_brackets_move_and_q_returns_to_the_list() {
    let dir = corpus();
    let half = fs::read(dir.path().join("setengah.ann.ron")).unwrap();
    let mut app = scanned(dir.path());
    keys(&mut app, "<Enter>");
    assert!(screen(&app).contains("korut-dukung-rusia.txt  ¶ 1/24"));
    // `]` skips the broken documents.
    keys(&mut app, "]");
    assert!(screen(&app).contains("baru.txt  ¶ 1/2"), "{}", screen(&app));
    keys(&mut app, "<Space>");
    assert!(screen(&app).contains("baru.txt  ¶ 2/2"));
    keys(&mut app, "]");
    assert!(screen(&app).contains("this is the last document of the list"));
    keys(&mut app, "[");
    assert!(screen(&app).contains("korut-dukung-rusia.txt"));
    keys(&mut app, "]q");
    let list = screen(&app);
    assert!(list.contains("sub/baru.txt"), "{list}");
    assert!(list.contains("1/2"), "{list}");
    // Reopening resumes at the first paragraph not done.
    keys(&mut app, "<Enter>");
    assert!(screen(&app).contains("baru.txt  ¶ 2/2"));
    keys(&mut app, "q");
    // A broken document does not open, says why, and its file is left as it was.
    keys(&mut app, "ggjj<Enter>");
    assert!(
        screen(&app).contains("cannot open setengah.txt: setengah.ann.ron:46:56:"),
        "{}",
        screen(&app)
    );
    assert_eq!(fs::read(dir.path().join("setengah.ann.ron")).unwrap(), half);
    assert!(app.handle_key(tandai::keymap::Key::char('q')));
}

fn scanned_with(root: &Path, keymap: Keymap) -> CorpusApp {
    let mut app = CorpusApp::open(root, keymap, false);
    let start = Instant::now();
    while app.poll_scan() {
        assert!(start.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(5));
    }
    app
}

fn selected(app: &CorpusApp) -> String {
    app.list.selected_row().unwrap().name.clone()
}

#[test]
fn list_keys_sort_help_and_document_moves_come_from_the_keymap() {
    let dir = corpus();
    let mut app = scanned(dir.path());
    keys(&mut app, "G");
    assert_eq!(selected(&app), "yatim.ann.ron");
    keys(&mut app, "gg");
    assert_eq!(selected(&app), "korut-dukung-rusia.txt");
    keys(&mut app, "<PageDown>");
    assert_eq!(selected(&app), "yatim.ann.ron");
    keys(&mut app, "<PageUp><Down>");
    assert_eq!(selected(&app), "latin1.txt");
    // s: progress (least done first), review (least reviewed first), problems, name.
    keys(&mut app, "s");
    assert!(screen(&app).contains("sorted by progress"));
    assert_eq!(
        app.list
            .order
            .first()
            .map(|&i| app.list.rows[i].name.as_str()),
        Some("sub/baru.txt")
    );
    keys(&mut app, "s");
    let review = screen(&app);
    assert!(review.contains("sorted by review"), "{review}");
    // 2 of 126 reviewed comes before a document with nothing to review.
    let korut = review.find("korut-dukung-rusia.txt").unwrap();
    assert!(korut < review.find("sub/baru.txt").unwrap(), "{review}");
    assert_eq!(
        selected(&app),
        "latin1.txt",
        "the selection follows its document"
    );
    keys(&mut app, "ss");
    assert!(screen(&app).contains("sorted by unsettled first"));
    keys(&mut app, "s");
    assert!(screen(&app).contains("sorted by name"));
    // The help, generated from the keymap, starts with the list's own keys.
    keys(&mut app, "?");
    let help = screen_sized(&app, 100, 40);
    assert!(help.contains("Document list"), "{help}");
    assert!(
        help.contains("sort by name → progress → review → problems → unsettled first"),
        "{help}"
    );
    keys(&mut app, "q");
    assert!(!screen(&app).contains("Document list"));
    // In an article, `]` / `[` are NextDocument / PrevDocument, listed in its help.
    keys(&mut app, "gg<Enter>?");
    let help = screen_sized(&app, 100, 80);
    assert!(help.contains("next document of the list"), "{help}");
    keys(&mut app, "?]");
    assert!(screen(&app).contains("baru.txt  ¶ 1/2"), "{}", screen(&app));
    keys(&mut app, "q");
    assert_eq!(selected(&app), "sub/baru.txt");
}

#[test]
fn review_dir_moves_between_documents_from_the_review_panel() {
    let dir = corpus();
    let mut app = CorpusApp::open(dir.path(), Keymap::embedded_default(), true);
    while app.poll_scan() {
        std::thread::sleep(Duration::from_millis(5));
    }
    keys(&mut app, "<Enter>");
    assert!(
        screen(&app).contains("REVIEW   korut-dukung-rusia.txt"),
        "{}",
        screen(&app)
    );
    keys(&mut app, "]");
    assert!(
        screen(&app).contains("REVIEW   baru.txt"),
        "{}",
        screen(&app)
    );
    keys(&mut app, "[");
    assert!(screen(&app).contains("REVIEW   korut-dukung-rusia.txt"));
}

#[test]
fn the_arrows_preset_and_a_user_keymap_drive_the_list() {
    let dir = corpus();
    let arrows = Keymap::load_over_default(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/arrows.ron"),
    )
    .unwrap();
    let mut app = scanned_with(dir.path(), arrows);
    keys(&mut app, "<End><Home><Enter>");
    assert!(screen(&app).contains("korut-dukung-rusia.txt  ¶ 1/24"));
    keys(&mut app, "<C-PageDown>");
    assert!(screen(&app).contains("baru.txt  ¶ 1/2"), "{}", screen(&app));
    keys(&mut app, "<C-PageUp><C-q>");
    assert!(screen(&app).contains("sorted by name"), "{}", screen(&app));
    keys(&mut app, "<F5>");
    assert!(screen(&app).contains("sorted by progress"));

    // A user file moving the documents to `n` / `p` and opening with `o`: `]` is free again.
    let user = Keymap::embedded_default()
        .merged_with(
            r#"Keymap(normal: { "]": Save, "<A-n>": NextDocument }, list: { "o": OpenDocument })"#,
            "user.ron",
        )
        .unwrap();
    let mut app = scanned_with(dir.path(), user);
    keys(&mut app, "o");
    assert!(screen(&app).contains("korut-dukung-rusia.txt  ¶ 1/24"));
    keys(&mut app, "]");
    assert!(
        screen(&app).contains("korut-dukung-rusia.txt  ¶ 1/24"),
        "] saves here"
    );
    keys(&mut app, "<A-n>");
    assert!(screen(&app).contains("baru.txt  ¶ 1/2"), "{}", screen(&app));
}

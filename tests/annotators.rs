//! Several annotators on one article, through the real binary and the document list: each
//! works in a file of their own (`stem.ann.NAME.ron`) with its own journal, lock, recovery and
//! conflict copies, never touching the gold file or another annotator's; `tandai assign` writes
//! a plan the document list follows.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tandai::app::{CorpusApp, ListOptions, Session, buffer_text};
use tandai::corpus::Plan;
use tandai::keymap::{Keymap, parse_keystrokes};
use tandai::model::Document;
use tandai::store::{self, AnnotationFile, Annotator};
use tandai::ui::Theme;

use common::*;

fn alice() -> Annotator {
    Annotator::new("alice").unwrap()
}

/// The names of the files in `dir`.
fn files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The sample with its gold file, in a folder of its own.
fn with_gold() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let (dir, article) = sample_copy();
    let gold = fs::read(ann_path(Path::new(SAMPLE))).unwrap();
    fs::write(ann_path(&article), &gold).unwrap();
    (dir, article, gold)
}

fn replay_as(annotator: &str, keys: &str, article: &Path) -> std::process::Output {
    tandai()
        .args(["replay", "--annotator", annotator, "--keys", keys])
        .arg(article)
        .output()
        .unwrap()
}

fn entities(file: AnnotationFile<'_>) -> Vec<String> {
    let doc = Document::new(fs::read_to_string(file.article()).unwrap());
    store::load(file, &doc).unwrap().map_or_else(Vec::new, |l| {
        l.set.entities.iter().map(|e| e.text.to_string()).collect()
    })
}

#[test]
fn replay_as_an_annotator_writes_only_their_file_and_leaves_the_gold_alone() {
    let (dir, article, gold) = with_gold();
    let before = files(dir.path());
    let out = replay_as("alice", "/Choe Son Hui<Enter>1", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("korut-dukung-rusia.txt · alice"),
        "the status bar says whose file is open:\n{}",
        stdout(&out)
    );
    let mut expected = before.clone();
    expected.insert("korut-dukung-rusia.ann.alice.ron".into());
    assert_eq!(
        files(dir.path()),
        expected,
        "only alice's file is new: her journal is folded, her lock released"
    );
    assert_eq!(
        fs::read(ann_path(&article)).unwrap(),
        gold,
        "gold untouched"
    );
    let alice = alice();
    let file = AnnotationFile::of(&article, Some(&alice));
    assert_eq!(
        entities(file),
        ["Choe Son Hui"],
        "alice starts from nothing"
    );
    let text = fs::read_to_string(file.path()).unwrap();
    assert!(text.contains("annotator: \"alice\","), "{text}");

    // A second replay continues her file; budi's is another one.
    let out = replay_as("alice", "/Rusia<Enter>3", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(entities(file), ["Choe Son Hui", "Rusia"]);
    let out = replay_as("budi", "/Pyongyang<Enter>3", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    let budi = Annotator::new("budi").unwrap();
    assert_eq!(
        entities(AnnotationFile::of(&article, Some(&budi))),
        ["Pyongyang"]
    );
    assert_eq!(entities(file), ["Choe Son Hui", "Rusia"]);
    assert_eq!(fs::read(ann_path(&article)).unwrap(), gold);
    assert_eq!(
        store::annotator_files(&article)
            .unwrap()
            .iter()
            .map(|(a, _)| a.to_string())
            .collect::<Vec<_>>(),
        ["alice", "budi"]
    );
}

#[test]
fn a_bad_name_is_refused_before_anything_is_written() {
    let (dir, article, _) = with_gold();
    let before = files(dir.path());
    for name in ["a.b", "recovery", "conflict-2", "-x", ""] {
        let out = tandai()
            .args([
                "replay",
                &format!("--annotator={name}"),
                "--keys",
                "/Choe<Enter>1",
            ])
            .arg(&article)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name:?}: {}", stderr(&out));
        let message = Annotator::new(name).unwrap_err().to_string();
        assert!(stderr(&out).contains(&message), "{}", stderr(&out));
        assert_eq!(files(dir.path()), before);
    }
    let out = tandai()
        .args(["check", "--annotator", "alice"])
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--annotator is taken by"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn each_annotator_has_a_lock_of_their_own() {
    let (dir, article, gold) = with_gold();
    let alice = alice();
    // This process holds alice's file, as her open tandai would.
    let holder = Session::open(
        AnnotationFile::of(&article, Some(&alice)),
        Keymap::embedded_default(),
    )
    .unwrap();
    assert_eq!(holder.read_only(), None);
    assert!(
        dir.path()
            .join("korut-dukung-rusia.ann.alice.lock")
            .exists()
    );

    // Budi and the gold are free.
    let out = replay_as("budi", "/Rusia<Enter>3", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("read-only"), "{}", stdout(&out));
    let budi = Annotator::new("budi").unwrap();
    assert_eq!(
        entities(AnnotationFile::of(&article, Some(&budi))),
        ["Rusia"]
    );
    let out = replay("w", &article);
    assert!(!stdout(&out).contains("read-only"), "{}", stdout(&out));

    // A second session of alice's keeps its changes in her conflict copy.
    let out = replay_as("alice", "/Rusia<Enter>3", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("read-only (pid"), "{}", stdout(&out));
    let copy = dir.path().join("korut-dukung-rusia.ann.alice.conflict.ron");
    assert!(
        stderr(&out).contains(&copy.display().to_string()),
        "{}",
        stderr(&out)
    );
    assert!(fs::read_to_string(&copy).unwrap().contains("\"Rusia\""));
    assert!(
        !dir.path()
            .join("korut-dukung-rusia.ann.conflict.ron")
            .exists()
    );
    assert!(!AnnotationFile::of(&article, Some(&alice)).path().exists());
    assert_eq!(fs::read(ann_path(&article)).unwrap(), gold);
    drop(holder);
    assert!(
        !dir.path()
            .join("korut-dukung-rusia.ann.alice.lock")
            .exists()
    );
}

#[test]
fn a_crash_keeps_each_annotators_work_in_their_own_recovery_copy() {
    let (dir, article, gold) = with_gold();
    let alice = alice();
    let file = AnnotationFile::of(&article, Some(&alice));
    let mut session = Session::open(file, Keymap::embedded_default()).unwrap();
    for key in parse_keystrokes("/Choe Son Hui<Enter>1").unwrap() {
        if let Some(action) = session.state.key_to_action(key) {
            session.state.update(action);
        }
    }
    let recovery = session.write_recovery().unwrap();
    assert_eq!(
        recovery,
        dir.path().join("korut-dukung-rusia.ann.alice.recovery.ron")
    );
    assert_eq!(session.pending_recovery(), Some(recovery.clone()));
    drop(session);
    assert!(!store::recovery_path(&article).exists(), "not the gold's");

    // Alice's next replay names her copy; the gold's and budi's know nothing of it.
    let out = replay_as("alice", "", &article);
    assert!(
        stderr(&out).contains(&format!(
            "{} holds annotations saved after a crash",
            recovery.display()
        )),
        "{}",
        stderr(&out)
    );
    for out in [replay("", &article), replay_as("budi", "", &article)] {
        assert!(!stderr(&out).contains("crash"), "{}", stderr(&out));
    }
    let doc = Document::new(fs::read_to_string(&article).unwrap());
    let kept = store::load_from(&recovery, &doc).unwrap();
    assert_eq!(kept.annotator, "alice");
    assert_eq!(kept.set.entities.len(), 1);

    // Restored, it becomes her file and the copy goes.
    let mut session = Session::open(file, Keymap::embedded_default()).unwrap();
    session.restore_recovery().unwrap();
    drop(session);
    assert_eq!(entities(file), ["Choe Son Hui"]);
    assert!(!recovery.exists());
    assert_eq!(fs::read(ann_path(&article)).unwrap(), gold);
}

fn assign(dir: &Path, args: &[&str]) -> std::process::Output {
    tandai().arg("assign").arg(dir).args(args).output().unwrap()
}

/// A folder of `n` articles (copies of a short text), in two subfolders.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("pagi")).unwrap();
    fs::create_dir_all(dir.path().join("sore")).unwrap();
    for i in 0..n {
        let folder = if i % 2 == 0 { "pagi" } else { "sore" };
        fs::write(
            dir.path().join(format!("{folder}/berita-{i:02}.txt")),
            format!("Berita {i}.\n\nParagraf kedua.\n"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn assign_writes_a_balanced_plan_the_same_for_a_seed_and_never_over_one_unasked() {
    let dir = corpus(12);
    let plan_file = dir.path().join("tandai-plan.ron");
    let args = [
        "--annotators",
        "alice,budi,citra,dewi",
        "--overlap",
        "2",
        "--seed",
        "7",
    ];
    let out = assign(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("12 articles, each seen by 2 of 4 annotators (seed 7); articles per annotator: alice 6, budi 6, citra 6, dewi 6"),
        "{}",
        stdout(&out)
    );
    let first = fs::read(&plan_file).unwrap();
    let plan = Plan::read(dir.path()).unwrap().unwrap();
    assert_eq!(plan.articles.len(), 12);
    assert!(plan.articles.contains_key("pagi/berita-00.txt"));
    assert!(plan.articles.values().all(|given| given.len() == 2));

    // Not over an existing plan without --force; with it, the same seed draws the same.
    let out = assign(
        dir.path(),
        &["--annotators", "alice,budi", "--overlap", "1"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a plan is already there; --force replaces it"));
    assert_eq!(fs::read(&plan_file).unwrap(), first);
    let out = tandai()
        .arg("assign")
        .arg(dir.path())
        .args(args)
        .arg("--force")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read(&plan_file).unwrap(), first, "deterministic");

    // Impossible overlaps are refused, and nothing is written.
    fs::remove_file(&plan_file).unwrap();
    for overlap in ["0", "5"] {
        let out = assign(
            dir.path(),
            &[
                "--annotators",
                "alice,budi,citra,dewi",
                "--overlap",
                overlap,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("cannot be met with 4 annotator(s)"));
        assert!(!plan_file.exists());
    }
    let out = assign(dir.path(), &["--annotators", "alice,a.b"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!plan_file.exists());
}

fn list_of(root: &Path, options: ListOptions) -> CorpusApp {
    let mut app = CorpusApp::open_with(root, Keymap::embedded_default(), options);
    let start = Instant::now();
    while app.poll_scan() {
        assert!(start.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(5));
    }
    app
}

fn screen(app: &CorpusApp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 12)).unwrap();
    terminal
        .draw(|frame| app.render(frame, &Theme::plain()))
        .unwrap();
    buffer_text(terminal.backend().buffer())
}

#[test]
fn the_list_follows_the_plan_and_opens_the_annotators_files() {
    let dir = corpus(6);
    let out = assign(
        dir.path(),
        &["--annotators", "alice,budi,citra", "--seed", "3"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = Plan::read(dir.path()).unwrap().unwrap();
    let alices: Vec<&String> = plan
        .articles
        .iter()
        .filter(|(_, given)| given.contains(&alice()))
        .map(|(article, _)| article)
        .collect();
    assert_eq!(alices.len(), 4);

    // Budi has already finished one of alice's articles.
    let shared = plan
        .articles
        .iter()
        .find(|(_, given)| given.iter().any(|a| a.as_str() == "budi") && given.contains(&alice()))
        .map(|(article, _)| dir.path().join(article))
        .unwrap();
    let out = replay_as("budi", "<Space><Space>", &shared);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut app = list_of(
        dir.path(),
        ListOptions {
            annotator: Some(alice()),
            plan: Some(plan.clone()),
            ..ListOptions::default()
        },
    );
    let text = screen(&app);
    assert!(
        text.contains("alice's files  ·  4 documents assigned"),
        "{text}"
    );
    for article in &alices {
        assert!(text.contains(article.as_str()), "{article}:\n{text}");
    }
    let shared_name = shared
        .strip_prefix(dir.path())
        .unwrap()
        .display()
        .to_string();
    let row = text.lines().find(|l| l.starts_with(&shared_name)).unwrap();
    assert!(row.contains("alice – · budi 2/2"), "{row}");

    // Enter opens alice's file; marking a paragraph done writes hers, and the list shows it.
    let first = dir.path().join(alices[0]);
    for key in parse_keystrokes("gg<Enter><Space>q").unwrap() {
        assert!(!app.handle_key(key));
    }
    let alice = alice();
    let file = AnnotationFile::of(&first, Some(&alice));
    assert!(file.path().exists(), "{:?}", files(first.parent().unwrap()));
    assert!(!ann_path(&first).exists(), "no gold file made");
    let text = screen(&app);
    let row = text
        .lines()
        .find(|l| l.starts_with(alices[0].as_str()))
        .unwrap();
    assert!(row.contains("alice 1/2"), "{text}");

    // Every article with --all-articles; the gold list shows every annotator too.
    let all = list_of(
        dir.path(),
        ListOptions {
            annotator: Some(alice.clone()),
            plan: Some(plan.clone()),
            all_articles: true,
            ..ListOptions::default()
        },
    );
    assert_eq!(all.list.order.len(), 6);
    let gold = list_of(
        dir.path(),
        ListOptions {
            plan: Some(plan),
            ..ListOptions::default()
        },
    );
    let text = screen(&gold);
    assert!(text.contains("6 documents: 6 read"), "{text}");
    assert!(!text.contains("alice's files"), "{text}");
    insta::assert_snapshot!(text.replace(&dir.path().display().to_string(), "DIR"));
}

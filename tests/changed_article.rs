//! The article changed under its annotations: insertions, deletions, CRLF, edits inside spans.
//! Every annotation is placed on the new text or kept as an orphan; none is lost.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use tandai::model::{Document, ParagraphStatus};

const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/korut-dukung-rusia.ann.ron"
);

/// A temp copy of the gold pair, with the article text replaced by `edit(text)`.
fn changed(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let (dir, article) = sample_copy();
    std::fs::copy(GOLD, ann_path(&article)).unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, edit(&text)).unwrap();
    (dir, article)
}

fn gold_count() -> usize {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let doc = Document::new(text);
    let set = tandai::store::load(Path::new(SAMPLE), &doc)
        .unwrap()
        .unwrap()
        .set;
    set.entities.len() + set.quotes.len() + set.claims.len()
}

fn reanchor(article: &Path) -> String {
    let out = tandai().arg("reanchor").arg(article).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// Loads the re-anchored file strictly: every placed span matches the new text.
fn placed_and_orphans(article: &Path) -> (usize, Vec<String>) {
    let doc = Document::new(std::fs::read_to_string(article).unwrap());
    let set = tandai::store::load(article, &doc)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap()
        .set;
    let placed = set.entities.len() + set.quotes.len() + set.claims.len();
    (
        placed,
        set.orphans.iter().map(|o| o.text().to_owned()).collect(),
    )
}

#[test]
fn a_paragraph_inserted_at_the_top_moves_everything() {
    let (_dir, article) = changed(|t| format!("Berita terbaru – “Putin” bicara lagi.\n{t}"));
    let said = reanchor(&article);
    assert!(
        said.contains(&format!("{} annotation(s) moved, 0 orphaned", gold_count())),
        "{said}"
    );
    assert!(!said.contains("statuses reset"), "{said}");
    assert_eq!(placed_and_orphans(&article), (gold_count(), vec![]));
    assert!(tandai::store::before_reanchor_path(&article).exists());
    // Every paragraph of the gold is done: the statuses followed their paragraphs.
    let mut expected = vec![ParagraphStatus::Done; 25];
    expected[0] = ParagraphStatus::Todo;
    assert_eq!(statuses(&article), expected);
}

/// The statuses saved for `article`, loaded strictly.
fn statuses(article: &Path) -> Vec<ParagraphStatus> {
    let doc = Document::new(std::fs::read_to_string(article).unwrap());
    let set = tandai::store::load(article, &doc).unwrap().unwrap().set;
    set.paragraphs
}

/// The gold with one status changed, so that a status moving to the wrong paragraph shows.
fn flag_paragraph(article: &Path, paragraph: usize) {
    let ann = ann_path(article);
    let text = std::fs::read_to_string(&ann).unwrap();
    let mut n = 0;
    let flagged: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("(status: ") {
                n += 1;
                if n == paragraph + 1 {
                    return l.replace("status: Done", "status: Flagged");
                }
            }
            l.to_owned()
        })
        .collect();
    std::fs::write(&ann, flagged.join("\n") + "\n").unwrap();
}

#[test]
fn statuses_follow_their_paragraphs_when_paragraphs_are_removed_and_inserted() {
    let lines = |t: &str| t.split('\n').map(str::to_owned).collect::<Vec<_>>();
    let (_dir, article) = changed(|t| {
        let mut lines = lines(t);
        lines.remove(2);
        lines.insert(6, "Paragraf baru di tengah.".to_owned());
        lines.join("\n")
    });
    flag_paragraph(&article, 10);
    reanchor(&article);
    let got = statuses(&article);
    assert_eq!(got.len(), 24);
    let todo: Vec<usize> = (0..24)
        .filter(|&i| got[i] == ParagraphStatus::Todo)
        .collect();
    assert_eq!(todo, [6], "only the new paragraph is to do: {got:?}");
    let flagged: Vec<usize> = (0..24)
        .filter(|&i| got[i] == ParagraphStatus::Flagged)
        .collect();
    // Old paragraph 10 is now the 10th (one removed before it, one inserted before it).
    assert_eq!(flagged, [10], "{got:?}");
}

#[test]
fn a_file_without_fingerprints_still_loads_and_resets_statuses_when_the_count_changes() {
    let (_dir, article) = changed(|t| format!("Berita terbaru.\n{t}"));
    let ann = ann_path(&article);
    let text = std::fs::read_to_string(&ann).unwrap();
    let old: String = text
        .lines()
        .map(|l| match l.find(", hash: \"") {
            Some(at) => format!("{}),\n", &l[..at]),
            None => format!("{l}\n"),
        })
        .collect();
    assert!(!old.contains("hash"), "{old}");
    std::fs::write(&ann, old).unwrap();
    let said = reanchor(&article);
    assert!(said.contains("statuses reset"), "{said}");
    assert_eq!(statuses(&article), vec![ParagraphStatus::Todo; 25]);
}

#[test]
fn crlf_line_ends_keep_every_annotation_and_status() {
    let (_dir, article) = changed(|t| t.replace('\n', "\r\n"));
    let said = reanchor(&article);
    assert!(said.contains("0 orphaned"), "{said}");
    assert!(!said.contains("statuses reset"), "{said}");
    assert_eq!(placed_and_orphans(&article), (gold_count(), vec![]));
}

#[test]
fn an_edit_inside_a_span_orphans_it_and_check_lists_it() {
    let (_dir, article) = changed(|t| t.replace("Sergei Lavrov", "Sergey Lavrov"));
    let said = reanchor(&article);
    assert!(said.contains("1 orphaned"), "{said}");
    assert_eq!(
        placed_and_orphans(&article),
        (gold_count() - 1, vec!["Sergei Lavrov".to_owned()])
    );
    let check = tandai().arg("check").arg(&article).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let report = stdout(&check);
    assert!(
        report.contains("is an orphan: \"Sergei Lavrov\""),
        "{report}"
    );
}

#[test]
fn a_deleted_paragraph_orphans_its_annotations_only() {
    let (_dir, article) = changed(|t| {
        let mut lines: Vec<&str> = t.split('\n').collect();
        lines.remove(5);
        lines.join("\n")
    });
    let said = reanchor(&article);
    let (placed, orphans) = placed_and_orphans(&article);
    assert_eq!(placed + orphans.len(), gold_count(), "{said}");
    assert!(orphans.iter().any(|o| o == "Lavrov"), "{orphans:?}");
    assert!(orphans.len() <= 4, "{orphans:?}");
}

#[test]
fn check_reports_a_changed_article_and_changes_nothing() {
    let (_dir, article) = changed(|t| t.replacen("MOSKWA", "MOSKOW", 1));
    let before = std::fs::read(ann_path(&article)).unwrap();
    let out = tandai().arg("check").arg(&article).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("the article changed"),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read(ann_path(&article)).unwrap(), before);
}

#[test]
fn opening_a_changed_article_says_so_and_saves_on_the_first_change() {
    let (_dir, article) = changed(|t| format!("Judul.\n{t}"));
    let before = std::fs::read(ann_path(&article)).unwrap();
    let out = replay("", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("the article changed"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        std::fs::read(ann_path(&article)).unwrap(),
        before,
        "opening alone writes nothing"
    );
    let out = replay("<Space>", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(placed_and_orphans(&article), (gold_count(), vec![]));
}

#[test]
fn changes_still_in_the_journal_survive_a_changed_article() {
    use tandai::action::Action;
    use tandai::app::Session;
    use tandai::keymap::Keymap;
    let (_dir, article) = changed(|t| t.to_owned());
    {
        let mut session = Session::open(&article, Keymap::embedded_default()).unwrap();
        session.state.update(Action::LastParagraph);
        let effect = session
            .state
            .update(Action::SetStatus(tandai::model::ParagraphStatus::Flagged));
        session.run(effect.unwrap());
        assert!(
            tandai::store::journal_path(&article).exists(),
            "the change went to the journal"
        );
    }
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("Sergei Lavrov", "Sergey Lavrov")).unwrap();
    let mut session = Session::open(&article, Keymap::embedded_default()).unwrap();
    let set = &session.state.annotations;
    assert_eq!(
        set.paragraphs.last(),
        Some(&tandai::model::ParagraphStatus::Flagged)
    );
    assert_eq!(set.orphans.len(), 1);
    let effect = session
        .state
        .update(Action::SetStatus(tandai::model::ParagraphStatus::Done));
    session.run(effect.unwrap());
    drop(session);
    assert!(
        !tandai::store::journal_path(&article).exists(),
        "the first save was a full one"
    );
    let (placed, orphans) = placed_and_orphans(&article);
    assert_eq!((placed, orphans.len()), (gold_count() - 1, 1));
}

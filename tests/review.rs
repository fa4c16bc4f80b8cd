//! The review panel end to end through `tandai replay --review`: keys in, RON file out.

mod common;

use common::*;

/// A copy of the sample with its gold annotation file beside it.
fn gold_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, article) = sample_copy();
    let gold = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/korut-dukung-rusia.ann.ron"
    );
    std::fs::copy(gold, ann_path(&article)).unwrap();
    (dir, article)
}

fn replay_review(keys: &str, article: &std::path::Path) -> std::process::Output {
    tandai()
        .args(["replay", "--review", "--size", "100x30", "--keys", keys])
        .arg(article)
        .output()
        .unwrap()
}

/// The lines of one section (`quotes`, …) of a saved file.
fn section(saved: &str, name: &str) -> Vec<String> {
    saved
        .lines()
        .skip_while(|l| l.trim() != format!("{name}: ["))
        .skip(1)
        .take_while(|l| l.trim() != "],")
        .map(str::to_owned)
        .collect()
}

#[test]
fn filter_to_quotes_jump_reject_quit_records_the_status() {
    let (_dir, article) = gold_copy();
    let before = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(!before.contains("review:"));

    // Filter to quotes, second quote, jump to it, back to the panel, reject, close, quit.
    let out = replay_review("/quote<Enter>j<Enter><Tab>rqq", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = std::fs::read_to_string(ann_path(&article)).unwrap();
    let quotes = section(&saved, "quotes");
    assert!(quotes.len() >= 2, "{saved}");
    assert!(quotes[1].ends_with(", review: Rejected),"), "{}", quotes[1]);
    assert_eq!(saved.matches("review:").count(), 1, "{saved}");

    // Undo history lives in one session: a new one has nothing to undo. Rejecting the
    // rejected quote again takes it back to unreviewed: the gold file again, byte for byte.
    let out = replay_review("/quote<Enter>ju", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    let undone = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(section(&undone, "quotes")[1].ends_with(", review: Rejected),"));
    let out = replay_review("/quote<Enter>jr", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(ann_path(&article)).unwrap(), before);
}

#[test]
fn review_screen_lists_groups_and_the_status_glyphs() {
    let (_dir, article) = gold_copy();
    let out = replay_review("y", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = stdout(&out);
    assert!(screen.contains("Review"), "{screen}");
    assert!(screen.contains("Entities · PER ("), "{screen}");
    assert!(screen.contains("✓"), "{screen}");
    assert!(screen.contains("REVIEW"), "{screen}");
    let saved = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert_eq!(saved.matches("review: Accepted").count(), 1);
}

//! A journal whose header is damaged is never read past silently nor removed: every command
//! that reads annotations fails naming it, and it stays byte for byte as it was.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use tandai::action::Action;
use tandai::app::Session;
use tandai::keymap::Keymap;
use tandai::store;

/// The sample article with one entity in its annotation file and three more in its journal,
/// left as a session killed before quitting leaves them.
fn four_entities_three_journaled() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, article) = sample_copy();
    let mut session = Session::open(&article, Keymap::embedded_default()).unwrap();
    change(&mut session, Action::TagEntity(1));
    for _ in 0..3 {
        session.state.update(Action::NextWord);
        session.state.update(Action::NextWord);
        change(&mut session, Action::TagEntity(1));
    }
    assert_eq!(session.state.annotations.entities.len(), 4);
    drop(session);
    let journal = fs::read_to_string(store::journal_path(&article)).unwrap();
    assert_eq!(journal.lines().count(), 4, "a header and three changes");
    (dir, article)
}

/// Changes one hex digit of the hash in the journal's header.
fn change_a_hex_digit(article: &Path) -> Vec<u8> {
    let path = store::journal_path(article);
    let mut bytes = fs::read(&path).unwrap();
    let end = bytes.iter().position(|&b| b == b'\n').unwrap();
    bytes[end - 1] = if bytes[end - 1] == b'0' { b'1' } else { b'0' };
    fs::write(&path, &bytes).unwrap();
    bytes
}

/// Replaces the journal's header with garbage.
fn garble_the_header(article: &Path) -> Vec<u8> {
    let path = store::journal_path(article);
    let text = fs::read(&path).unwrap();
    let end = text.iter().position(|&b| b == b'\n').unwrap();
    let bytes = [&b"\xffgarbage"[..], &text[end..]].concat();
    fs::write(&path, &bytes).unwrap();
    bytes
}

#[test]
fn check_stats_and_export_refuse_a_journal_with_a_damaged_header_and_keep_it() {
    for damage in [change_a_hex_digit, garble_the_header] {
        let (dir, article) = four_entities_three_journaled();
        let journal = store::journal_path(&article);
        let damaged = damage(&article);
        let commands: [&[&str]; 4] = [
            &["check"],
            &["stats"],
            &["export", "--format", "conll"],
            &["show"],
        ];
        for args in commands {
            let target = if args == ["show"] {
                &article
            } else {
                dir.path()
            };
            let out = tandai().args(args).arg(target).output().unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(!out.status.success(), "{args:?} exited 0: {all}");
            let at = format!("{}:1:", journal.display());
            assert!(all.contains(&at), "{args:?} does not name {at}: {all}");
            assert_eq!(fs::read(&journal).unwrap(), damaged, "{args:?} changed it");
        }
    }
}

#[test]
fn check_lists_a_journal_set_aside_until_it_is_deleted() {
    let (dir, article) = four_entities_three_journaled();
    let damaged = change_a_hex_digit(&article);
    let aside = store::set_journal_aside(&article).unwrap();
    assert_eq!(fs::read(&aside).unwrap(), damaged);
    let out = tandai().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let expected = format!(
        "{}:1:1: a journal kept aside holding 3 changes",
        aside.display()
    );
    assert!(stdout(&out).starts_with(&expected), "{}", stdout(&out));
    assert_eq!(fs::read(&aside).unwrap(), damaged);
    fs::remove_file(&aside).unwrap();
    let out = tandai().arg("check").arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn check_on_a_folder_without_articles_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["check", "stats"] {
        let out = tandai().arg(command).arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        let expected = format!("no articles in {}", dir.path().display());
        assert!(
            stderr(&out).contains(&expected),
            "{command}: {}",
            stderr(&out)
        );
    }
}

//! The journal's tests: format, replay, the saver, and journals it must never lose.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{AnnotationSet, Document, Edit, Entity, Item, Span, format_compact, smallvec};
use crate::store::fixtures::{full_set, sample_doc};
use crate::store::{Problem, annotation_path, load, save};

use super::format::{header, header_line};
use super::ops::{apply, ops_of};
use super::{Saver, journal_path};
use crate::store::hash::Base;

fn setup() -> (tempfile::TempDir, PathBuf, Document, AnnotationSet) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("korut-dukung-rusia.txt");
    let doc = sample_doc();
    fs::write(&article, crate::store::fixtures::SAMPLE).unwrap();
    let set = full_set(&doc);
    save(&article, &doc, &set, "ed").unwrap();
    (dir, article, doc, set)
}

fn new_entity(set: &mut AnnotationSet, doc: &Document, start: usize) -> Vec<Edit> {
    let id = format_compact!("e{}", set.next_ids.entity);
    let mut ids = set.next_ids;
    ids.entity += 1;
    let span = Span::new(start, start + 6);
    let edits = vec![
        Edit::Ids {
            before: set.next_ids,
            after: ids,
        },
        Edit::Insert(Item::Entity(Entity {
            id,
            label: "LOC".into(),
            spans: smallvec![span],
            text: doc.slice(span).into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        })),
    ];
    for e in &edits {
        set.apply(e);
    }
    edits
}

#[test]
fn changes_go_to_the_journal_and_load_back() {
    let (_dir, article, doc, mut set) = setup();
    let before = fs::read(annotation_path(&article)).unwrap();
    let mut saver = Saver::default();
    let edits = new_entity(&mut set, &doc, 0);
    saver
        .save(&article, &doc, &set, "ed", Some(&edits))
        .unwrap();
    assert_eq!(fs::read(annotation_path(&article)).unwrap(), before);
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
    // Undo: the inverses, in reverse order.
    let undo: Vec<Edit> = edits.iter().rev().map(Edit::inverse).collect();
    for e in &undo {
        set.apply(e);
    }
    saver.save(&article, &doc, &set, "ed", Some(&undo)).unwrap();
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
    saver.fold(&article, &doc, &set, "ed").unwrap();
    assert!(!journal_path(&article).exists());
    assert_eq!(fs::read(annotation_path(&article)).unwrap(), before);
}

#[test]
fn a_torn_last_line_is_ignored_and_cut_off_by_the_next_save() {
    let (_dir, article, doc, mut set) = setup();
    let mut saver = Saver::default();
    let first = new_entity(&mut set, &doc, 0);
    saver
        .save(&article, &doc, &set, "ed", Some(&first))
        .unwrap();
    let after_first = set.clone();
    let second = new_entity(&mut set, &doc, 8);
    saver
        .save(&article, &doc, &set, "ed", Some(&second))
        .unwrap();
    let full = fs::read(journal_path(&article)).unwrap();
    let last_start = full[..full.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    // Every cut inside the last line, and a damaged byte in it, read as the first save.
    for cut in last_start..full.len() {
        fs::write(journal_path(&article), &full[..cut]).unwrap();
        assert_eq!(load(&article, &doc).unwrap().unwrap().set, after_first);
    }
    let mut damaged = full.clone();
    damaged[last_start + 30] ^= 1;
    fs::write(journal_path(&article), &damaged).unwrap();
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, after_first);
    // A new session appends after cutting the torn line off.
    fs::write(journal_path(&article), &full[..full.len() - 3]).unwrap();
    let mut set = after_first.clone();
    let third = new_entity(&mut set, &doc, 16);
    Saver::default()
        .save(&article, &doc, &set, "ed", Some(&third))
        .unwrap();
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
}

#[test]
fn a_damaged_middle_line_is_an_error_naming_its_line() {
    let (_dir, article, doc, mut set) = setup();
    let mut saver = Saver::default();
    for start in [0, 8] {
        let edits = new_entity(&mut set, &doc, start);
        saver
            .save(&article, &doc, &set, "ed", Some(&edits))
            .unwrap();
    }
    let mut text = fs::read(journal_path(&article)).unwrap();
    let second_line = text.iter().position(|&b| b == b'\n').unwrap() + 1;
    text[second_line + 40] ^= 1;
    fs::write(journal_path(&article), &text).unwrap();
    let err = load(&article, &doc).unwrap_err();
    assert_eq!(err.path(), journal_path(&article));
    assert_eq!(err.line(), Some(2));
    let reported = crate::store::problems(&article, &doc);
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].to_string(), err.to_string());
}

/// A journal with one change, left beside the file its fold wrote (a crash between the two
/// steps of a fold); returns its bytes.
fn leftover_of_a_fold(article: &Path, doc: &Document, set: &mut AnnotationSet) -> Vec<u8> {
    let mut saver = Saver::default();
    let edits = new_entity(set, doc, 0);
    saver.save(article, doc, set, "ed", Some(&edits)).unwrap();
    let journal = fs::read(journal_path(article)).unwrap();
    saver.fold(article, doc, set, "ed").unwrap();
    assert!(!journal_path(article).exists());
    fs::write(journal_path(article), &journal).unwrap();
    journal
}

#[test]
fn a_leftover_journal_of_a_completed_fold_is_ignored_then_replaced() {
    let (_dir, article, doc, mut set) = setup();
    let journal = leftover_of_a_fold(&article, &doc, &mut set);
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
    assert!(crate::store::problems(&article, &doc).is_empty());
    let edits = new_entity(&mut set, &doc, 8);
    Saver::default()
        .save(&article, &doc, &set, "ed", Some(&edits))
        .unwrap();
    assert_ne!(fs::read(journal_path(&article)).unwrap(), journal);
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
}

#[test]
fn a_journal_of_another_file_holding_changes_it_lacks_is_refused_until_set_aside() {
    let (_dir, article, doc, mut set) = setup();
    let first = full_set(&doc);
    let journal = leftover_of_a_fold(&article, &doc, &mut set);
    // Another file put in its place (here the first one, by someone else).
    save(&article, &doc, &first, "someone").unwrap();
    let file_header = header_line(&Base::of(&fs::read(annotation_path(&article)).unwrap()));
    let err = load(&article, &doc).unwrap_err();
    assert_eq!(
        (err.path(), err.line()),
        (journal_path(&article).as_path(), Some(1))
    );
    assert!(
        matches!(
            err.problem(),
            Problem::StaleJournal { changes: 1, expected_header: Some(h) } if *h == file_header
        ),
        "{err}"
    );
    let aside = crate::store::set_journal_aside(&article).unwrap();
    assert_eq!(
        aside.file_name().unwrap(),
        "korut-dukung-rusia.ann.journal.aside"
    );
    assert_eq!(fs::read(&aside).unwrap(), journal);
    assert!(!journal_path(&article).exists());
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, first);
    let reported = crate::store::problems(&article, &doc);
    assert_eq!(reported.len(), 1, "{reported:#?}");
    assert_eq!(reported[0].path(), aside);
    assert!(
        matches!(
            reported[0].problem(),
            Problem::JournalAside { changes: Some(1), expected_header: Some(h) } if *h == file_header
        ),
        "{}",
        reported[0]
    );
}

#[test]
fn a_journal_without_its_annotation_file_is_refused_when_it_holds_changes() {
    let (_dir, article, doc, mut set) = setup();
    let edits = new_entity(&mut set, &doc, 0);
    Saver::default()
        .save(&article, &doc, &set, "ed", Some(&edits))
        .unwrap();
    let journal = fs::read(journal_path(&article)).unwrap();
    fs::remove_file(annotation_path(&article)).unwrap();
    let err = load(&article, &doc).unwrap_err();
    assert!(
        matches!(
            err.problem(),
            Problem::StaleJournal {
                changes: 1,
                expected_header: None
            }
        ),
        "{err}"
    );
    // A session starting afresh writes the whole file and keeps the journal.
    let fresh = AnnotationSet::new(doc.paragraphs().len());
    Saver::default()
        .save(&article, &doc, &fresh, "ed", Some(&[]))
        .unwrap();
    assert_eq!(fs::read(journal_path(&article)).unwrap(), journal);
}

#[test]
fn a_change_that_would_not_load_is_refused() {
    let (_dir, article, doc, mut set) = setup();
    let before = set.clone();
    let mut saver = Saver::default();
    let mut claim = set.claims[0].clone();
    claim.claimant = Some("e99".into());
    let edit = Edit::Replace {
        before: Item::Claim(set.claims[0].clone()),
        after: Item::Claim(claim),
    };
    set.apply(&edit);
    let err = saver
        .save(&article, &doc, &set, "ed", Some(&[edit]))
        .unwrap_err();
    assert!(matches!(err.problem(), Problem::Inconsistent(_)), "{err}");
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, before);
}

#[test]
fn replaying_a_line_twice_changes_nothing() {
    let (_dir, _article, doc, mut set) = setup();
    let mut edits = new_entity(&mut set, &doc, 0);
    edits.extend(new_entity(&mut set, &doc, 8));
    let ops = ops_of(&edits).expect("entity edits are journaled");
    let mut again = set.clone();
    for op in &ops {
        apply(&mut again, op).unwrap();
    }
    assert_eq!(again, set);
}

#[test]
fn orphan_edits_are_saved_whole() {
    let (_dir, article, doc, mut set) = setup();
    let mut saver = Saver::default();
    saver.save(&article, &doc, &set, "ed", None).unwrap();
    let edits = new_entity(&mut set, &doc, 0);
    saver
        .save(&article, &doc, &set, "ed", Some(&edits))
        .unwrap();
    assert!(journal_path(&article).exists());
    let orphan = set.entities[0].clone();
    let edits = vec![
        Edit::Remove(Item::Entity(orphan.clone())),
        Edit::InsertOrphan(Item::Entity(orphan)),
    ];
    for edit in &edits {
        set.apply(edit);
    }
    assert!(ops_of(&edits).is_none());
    saver
        .save(&article, &doc, &set, "ed", Some(&edits))
        .unwrap();
    assert!(!journal_path(&article).exists(), "folded into the file");
    assert_eq!(load(&article, &doc).unwrap().unwrap().set.orphans.len(), 1);
}

/// The sample with three changes in the journal, as a session killed before quitting
/// leaves them; returns the set they make.
fn three_journaled(article: &Path, doc: &Document, set: &mut AnnotationSet) {
    let mut saver = Saver::default();
    for start in [0, 8, 16] {
        let edits = new_entity(set, doc, start);
        saver.save(article, doc, set, "ed", Some(&edits)).unwrap();
    }
}

/// The journal of `article` with its header line replaced by `header` (which may lack
/// its line end, or be everything).
fn with_header(article: &Path, header: &[u8]) -> Vec<u8> {
    let path = journal_path(article);
    let text = fs::read(&path).unwrap();
    let end = text.iter().position(|&b| b == b'\n').unwrap() + 1;
    let damaged = [header, &text[end..]].concat();
    fs::write(&path, &damaged).unwrap();
    damaged
}

/// Asserts that `load` and `problems` refuse the journal at line 1 and column `column`,
/// with `needle` in the message; that a session's save and fold neither remove nor
/// change it; and that the refusal outlives them.
fn assert_refused_and_kept(damage: impl Fn(&Path, &str) -> Vec<u8>, column: usize, needle: &str) {
    let (_dir, article, doc, mut set) = setup();
    let file_set = set.clone();
    three_journaled(&article, &doc, &mut set);
    let header = fs::read_to_string(journal_path(&article)).unwrap();
    let header = header.lines().next().unwrap().to_owned();
    let damaged = damage(&article, &header);
    let path = journal_path(&article);
    let Err(err) = load(&article, &doc) else {
        panic!("a damaged journal is an error");
    };
    let at = format!("{}:1:{column}: ", path.display());
    assert!(
        err.to_string().starts_with(&at),
        "{err} does not start with {at}"
    );
    assert!(err.to_string().contains(needle), "{err} lacks {needle:?}");
    assert_eq!(fs::read(&path).unwrap(), damaged);
    let reanchored = crate::store::load_reanchored(&article, &doc).unwrap_err();
    assert_eq!(reanchored.to_string(), err.to_string());
    let reported = crate::store::problems(&article, &doc);
    assert!(
        reported.iter().any(|p| p.to_string() == err.to_string()),
        "{reported:#?}"
    );
    // A session that read the file alone makes a change, saves it and quits.
    let mut session = file_set;
    let edits = new_entity(&mut session, &doc, 40);
    let mut saver = Saver::default();
    let _ = saver.save(&article, &doc, &session, "ed", Some(&edits));
    assert_eq!(fs::read(&path).unwrap(), damaged, "the save wrote over it");
    saver.fold(&article, &doc, &session, "ed").unwrap();
    assert_eq!(fs::read(&path).unwrap(), damaged, "the fold removed it");
    assert!(
        load(&article, &doc).is_err(),
        "still refused after the fold"
    );
}

#[test]
fn a_journal_header_with_one_hex_digit_changed_is_refused_and_kept() {
    assert_refused_and_kept(
        |article, header| {
            let last = header.chars().last().unwrap();
            let other = if last == '0' { '1' } else { '0' };
            let fixed = format!("{}{other}\n", &header[..header.len() - 1]);
            with_header(article, fixed.as_bytes())
        },
        1,
        "3 changes",
    );
}

#[test]
fn a_journal_header_with_a_length_off_by_one_is_refused_and_kept() {
    assert_refused_and_kept(
        |article, header| {
            let words: Vec<&str> = header.split(' ').collect();
            let len: u64 = words[2].parse().unwrap();
            let fixed = format!("{} {} {} {}\n", words[0], words[1], len + 1, words[3]);
            with_header(article, fixed.as_bytes())
        },
        1,
        "3 changes",
    );
}

#[test]
fn a_journal_of_an_unknown_version_is_refused_and_kept() {
    assert_refused_and_kept(
        |article, header| {
            let fixed = format!("{}\n", header.replacen(" 1 ", " 2 ", 1));
            with_header(article, fixed.as_bytes())
        },
        16,
        "journal version 2",
    );
}

#[test]
fn a_journal_of_garbage_is_refused_and_kept() {
    assert_refused_and_kept(
        |article, _| {
            let garbage = b"\xff\xfe PK\x03\x04 not a journal\n\x00\x01".to_vec();
            fs::write(journal_path(article), &garbage).unwrap();
            garbage
        },
        1,
        "tandai-journal",
    );
}

#[test]
fn a_journal_header_without_its_line_end_is_refused_and_kept() {
    assert_refused_and_kept(
        |article, header| {
            fs::write(journal_path(article), header).unwrap();
            header.as_bytes().to_vec()
        },
        header_len(),
        "line end",
    );
}

/// One past the length of a header line without its line end, for the sample's file.
fn header_len() -> usize {
    let (_dir, article, _doc, _set) = setup();
    let base = Base::of(&fs::read(annotation_path(&article)).unwrap());
    header(&base).len()
}

#[test]
fn an_empty_journal_is_refused_and_kept() {
    assert_refused_and_kept(
        |article, _| {
            fs::write(journal_path(article), b"").unwrap();
            Vec::new()
        },
        1,
        "empty",
    );
}

#[test]
fn a_damaged_header_restored_as_the_error_shows_brings_the_changes_back() {
    let (_dir, article, doc, mut set) = setup();
    three_journaled(&article, &doc, &mut set);
    let path = journal_path(&article);
    let text = fs::read_to_string(&path).unwrap();
    let (header, rest) = text.split_once('\n').unwrap();
    let other = if header.ends_with('f') { '0' } else { 'f' };
    fs::write(
        &path,
        format!("{}{other}\n{rest}", &header[..header.len() - 1]),
    )
    .unwrap();
    let err = load(&article, &doc).unwrap_err();
    let Problem::StaleJournal {
        changes: 3,
        expected_header: Some(expected),
    } = err.problem()
    else {
        panic!("{err}");
    };
    assert!(err.to_string().contains(expected.as_str()), "{err}");
    fs::write(&path, format!("{expected}\n{rest}")).unwrap();
    assert_eq!(load(&article, &doc).unwrap().unwrap().set, set);
}

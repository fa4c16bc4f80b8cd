//! A session saves its first change as the whole file and later ones as journal lines; every
//! reader sees them; quitting folds them into the file.

mod common;

use std::fs;

use common::*;
use tandai::action::Action;
use tandai::app::Session;
use tandai::keymap::Keymap;
use tandai::model::Document;
use tandai::state::Effect;
use tandai::store;

#[test]
fn changes_are_journaled_read_back_and_folded_on_quit() {
    let (_dir, article) = sample_copy();
    let journal = store::journal_path(&article);
    let doc = Document::new(fs::read_to_string(&article).unwrap());
    let mut session = Session::open(&article, Keymap::embedded_default()).unwrap();

    change(&mut session, Action::TagEntity(1));
    assert!(!journal.exists(), "the first save writes the whole file");
    let file = fs::read(ann_path(&article)).unwrap();
    session.state.update(Action::NextWord);
    change(&mut session, Action::TagEntity(2));
    assert!(journal.exists(), "a later change goes to the journal");
    assert_eq!(
        fs::read(ann_path(&article)).unwrap(),
        file,
        "the file is not rewritten"
    );
    for action in [Action::Undo, Action::Redo, Action::MarkDoneNext] {
        change(&mut session, action);
    }
    let in_memory = session.state.annotations.clone();
    assert_eq!(in_memory.entities.len(), 2);
    assert_eq!(store::load(&article, &doc).unwrap().unwrap().set, in_memory);

    assert!(session.run(Effect::Quit));
    assert!(!journal.exists(), "quitting folds the journal");
    assert_ne!(fs::read(ann_path(&article)).unwrap(), file);
    assert_eq!(store::load(&article, &doc).unwrap().unwrap().set, in_memory);
}

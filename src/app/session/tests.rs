use super::*;

const SAMPLE: &str = include_str!("../../../sample-data/korut-dukung-rusia.txt");

fn article() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, SAMPLE).unwrap();
    (dir, path)
}

fn open(path: &Path, force: bool) -> Session {
    Session::open_with(path, Keymap::embedded_default(), force).unwrap()
}

/// Tags `word` (searched from the top) as a place, running the save as the terminal does.
fn tag(session: &mut Session, word: &str) {
    let state = &mut session.state;
    state.update(Action::FirstParagraph);
    state.update(Action::StartSearch);
    for c in word.chars() {
        state.update(Action::InsertChar(c));
    }
    state.update(Action::Confirm);
    assert_eq!(state.doc.slice(state.target_span().unwrap()), word);
    let effect = state.update(Action::TagEntity(3)).unwrap();
    session.run(effect);
}

fn texts(set: &AnnotationSet) -> Vec<String> {
    let mut texts: Vec<String> = set.entities.iter().map(|e| e.text.to_string()).collect();
    texts.sort();
    texts
}

/// What the annotation file and its journal hold.
fn on_disk(path: &Path, doc: &Document) -> Vec<String> {
    store::load(path, doc)
        .unwrap()
        .map_or_else(Vec::new, |l| texts(&l.set))
}

fn in_copy(copy: &Path, doc: &Document) -> Vec<String> {
    texts(&store::load_from(copy, doc).unwrap().set)
}

fn failed(session: &Session) -> &str {
    match &session.state.save_status {
        SaveStatus::Failed(message) => message,
        other => panic!("not failed: {other:?}"),
    }
}

#[test]
fn a_file_changed_by_someone_else_is_kept_and_ours_goes_beside_it() {
    let (_dir, path) = article();
    let mut session = open(&path, false);
    tag(&mut session, "Rusia");
    let ann = store::annotation_path(&path);
    let theirs = fs::read_to_string(&ann)
        .unwrap()
        .replace("\"e1\"", "\"e1\" ");
    fs::write(&ann, &theirs).unwrap();
    tag(&mut session, "Kursk");
    assert_eq!(fs::read_to_string(&ann).unwrap(), theirs);
    let copy = store::conflict_path(&path);
    assert_eq!(in_copy(&copy, &session.state.doc), ["Kursk", "Rusia"]);
    assert!(failed(&session).contains("changed by another program"));
}

#[test]
fn a_session_opened_while_another_holds_the_article_writes_only_its_conflict_copy() {
    let (_dir, path) = article();
    let mut first = open(&path, false);
    tag(&mut first, "Rusia");
    let mut second = open(&path, false);
    let why = second.read_only().unwrap();
    assert!(why.starts_with("read-only (pid "), "{why}");
    let before = fs::read(store::annotation_path(&path)).unwrap();
    tag(&mut second, "Kursk");
    assert_eq!(fs::read(store::annotation_path(&path)).unwrap(), before);
    assert!(failed(&second).contains("a.ann.conflict.ron"));
    let doc = second.state.doc.clone();
    assert_eq!(
        in_copy(&store::conflict_path(&path), &doc),
        ["Kursk", "Rusia"]
    );
    // While the first session is open, Ctrl-s changes nothing.
    second.run(Effect::SaveNow);
    assert_eq!(fs::read(store::annotation_path(&path)).unwrap(), before);
    assert!(second.read_only().is_some());
}

#[test]
fn a_read_only_session_offers_to_take_over_and_puts_its_changes_on_top() {
    let (_dir, path) = article();
    let mut first = open(&path, false);
    tag(&mut first, "Rusia");
    let mut second = open(&path, false);
    tag(&mut second, "Kursk");
    tag(&mut first, "Jakarta");
    second.retry_failed_save();
    let offered = |s: &Session| {
        s.state
            .message
            .as_deref()
            .is_some_and(|m| m.contains("Ctrl-s takes it over"))
    };
    assert!(!offered(&second), "no offer while it is held");
    first.run(Effect::Quit);
    drop(first);
    second.retry_failed_save();
    assert!(offered(&second), "{:?}", second.state.message);
    // A change's own save does not take the article unasked.
    tag(&mut second, "Pyongyang");
    assert!(second.read_only().is_some());
    second.run(Effect::SaveNow);
    assert!(second.read_only().is_none(), "{:?}", second.read_only());
    assert_eq!(second.state.save_status, SaveStatus::Saved);
    let doc = second.state.doc.clone();
    assert_eq!(
        on_disk(&path, &doc),
        ["Jakarta", "Kursk", "Pyongyang", "Rusia"]
    );
    assert!(
        !store::conflict_path(&path).exists(),
        "nothing clashed: the copy is not needed"
    );
    let ids: Vec<_> = second
        .state
        .annotations
        .entities
        .iter()
        .map(|e| &e.id)
        .collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids.len(), unique.len());
    assert!(
        second
            .state
            .message
            .as_deref()
            .unwrap()
            .contains("took the article over")
    );
}

#[test]
fn quitting_a_read_only_session_keeps_its_changes_and_says_where() {
    let (_dir, path) = article();
    let _first = open(&path, false);
    let mut second = open(&path, false);
    let state = &mut second.state;
    let effect = state.update(Action::TagEntity(1)).unwrap();
    second.run(effect);
    fs::remove_file(store::conflict_path(&path)).unwrap();
    assert_eq!(second.state.update(Action::Quit), None, "asks first");
    let quit = second.state.update(Action::Quit).unwrap();
    assert!(second.run(quit));
    let farewell = second.farewell().unwrap();
    assert!(farewell.contains("a.ann.conflict.ron"), "{farewell}");
    assert_eq!(
        store::load_from(&store::conflict_path(&path), &second.state.doc)
            .unwrap()
            .set
            .entities
            .len(),
        1
    );
}

#[test]
fn a_forced_session_takes_the_article_and_the_other_keeps_its_later_changes_aside() {
    let (_dir, path) = article();
    let mut first = open(&path, false);
    tag(&mut first, "Rusia");
    tag(&mut first, "Kursk");
    let mut forced = open(&path, true);
    assert!(forced.read_only().is_none());
    assert_eq!(texts(&forced.state.annotations), ["Kursk", "Rusia"]);
    tag(&mut forced, "Jakarta");
    // The first session learns before it writes: nothing of its later work reaches the file.
    tag(&mut first, "Pyongyang");
    let taken = failed(&first);
    assert!(taken.contains("took this article over"), "{taken}");
    let doc = first.state.doc.clone();
    assert_eq!(on_disk(&path, &doc), ["Jakarta", "Kursk", "Rusia"]);
    let copy = store::conflict_path(&path);
    assert_eq!(in_copy(&copy, &doc), ["Kursk", "Pyongyang", "Rusia"]);
    // Killed (no quit): the forced session's lock and journal stay as they are.
    std::mem::forget(forced);
    first.run(Effect::Quit);
    assert!(first.farewell().unwrap().contains("a.ann.conflict.ron"));
    assert_eq!(on_disk(&path, &doc), ["Jakarta", "Kursk", "Rusia"]);
    assert_eq!(in_copy(&copy, &doc), ["Kursk", "Pyongyang", "Rusia"]);
}

#[test]
fn the_forced_session_hands_out_ids_after_the_ones_already_saved() {
    // The report: A tags Kursk (e2), B (forced) tags Jakarta, also e2; A's tag was lost.
    let (_dir, path) = article();
    let mut a = open(&path, false);
    tag(&mut a, "Rusia");
    tag(&mut a, "Kursk");
    let mut b = open(&path, true);
    tag(&mut b, "Jakarta");
    let ids: Vec<&str> = b
        .state
        .annotations
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.contains(&"e3"), "{ids:?}");
    std::mem::forget(b);
    a.run(Effect::Quit);
    let doc = a.state.doc.clone();
    assert_eq!(on_disk(&path, &doc), ["Jakarta", "Kursk", "Rusia"]);
}

#[test]
fn a_session_that_could_not_lock_takes_the_lock_with_a_later_save() {
    // Root can write a read-only folder; a folder in the lock file's place fails for anyone.
    let (_dir, path) = article();
    fs::create_dir(lock::lock_path(&path)).unwrap();
    let mut session = open(&path, false);
    let why = session.read_only().unwrap();
    assert!(why.starts_with("read-only, cannot lock"), "{why}");
    tag(&mut session, "Rusia");
    assert!(!store::annotation_path(&path).exists());
    fs::remove_dir(lock::lock_path(&path)).unwrap();
    session.retry_failed_save();
    assert!(session.read_only().is_none());
    assert_eq!(session.state.save_status, SaveStatus::Saved);
    tag(&mut session, "Kursk");
    assert_eq!(
        on_disk(&path, &session.state.doc.clone()),
        ["Kursk", "Rusia"]
    );
}

#[test]
fn recovery_is_written_beside_and_restored() {
    let (_dir, path) = article();
    let mut session = open(&path, false);
    session.state.update(Action::TagEntity(1));
    let recovery = session.write_recovery().unwrap();
    assert!(!store::annotation_path(&path).exists());
    drop(session);
    let mut again = open(&path, false);
    assert_eq!(again.pending_recovery(), Some(recovery.clone()));
    again.restore_recovery().unwrap();
    assert_eq!(again.state.annotations.entities.len(), 1);
    assert!(store::annotation_path(&path).exists());
    assert!(!recovery.exists());
}

#[test]
fn a_journal_of_another_version_of_the_file_is_kept_aside_and_the_editor_told() {
    let (_dir, path) = article();
    let mut first = open(&path, false);
    tag(&mut first, "Rusia");
    first.run(Effect::Quit);
    drop(first);
    let mut second = open(&path, false);
    tag(&mut second, "Kursk");
    drop(second); // ended without folding, as a kill would
    // One hex digit of the header changed: the journal no longer names the file.
    let journal = store::journal_path(&path);
    let mut bytes = fs::read(&journal).unwrap();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() - 1;
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    fs::write(&journal, &bytes).unwrap();
    let third = open(&path, false);
    let told = third.state.message.clone().unwrap();
    assert!(told.contains("a.ann.journal.aside"), "{told}");
    assert_eq!(
        fs::read(journal.with_extension("journal.aside")).unwrap(),
        bytes
    );
    assert_eq!(texts(&third.state.annotations), ["Rusia"]);
}

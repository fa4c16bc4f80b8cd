//! Tests of whole keymaps: the shipped files, loading, merging and errors.

use super::*;
use crate::model::ParagraphStatus;

fn keys(s: &str) -> Vec<Key> {
    parse_sequence(s).unwrap()
}

fn matched(keymap: &Keymap, mode: Mode, s: &str) -> Option<Action> {
    match keymap.resolve(mode, &keys(s)) {
        Resolution::Matched(action) => Some(action),
        _ => None,
    }
}

fn error_of(source: &str) -> String {
    Keymap::from_ron(source, "k.ron").unwrap_err().to_string()
}

fn merge_error_of(source: &str) -> String {
    Keymap::embedded_default()
        .merged_with(source, "user.ron")
        .unwrap_err()
        .to_string()
}

#[test]
fn every_shipped_keymap_loads_alone_and_over_the_default() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let origin = path.display().to_string();
        let alone = Keymap::from_ron(&source, &origin).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(alone.labels().labels().len(), 4, "{origin}");
        for mode in Mode::ALL {
            assert!(!alone.help_entries(mode).is_empty(), "{origin}: {mode:?}");
        }
        Keymap::load_over_default(&path).unwrap_or_else(|e| panic!("{e}"));
        seen += 1;
    }
    assert!(seen >= 2, "expected default.ron and arrows.ron");
}

#[test]
fn default_binds_the_documented_keys() {
    let k = Keymap::embedded_default();
    let normal = [
        ("j", Action::NextParagraph),
        ("<Down>", Action::NextParagraph),
        ("k", Action::PrevParagraph),
        ("<Up>", Action::PrevParagraph),
        ("w", Action::NextWord),
        ("<Right>", Action::NextWord),
        ("b", Action::PrevWord),
        ("<Left>", Action::PrevWord),
        ("0", Action::ParagraphStart),
        ("<Home>", Action::ParagraphStart),
        ("$", Action::ParagraphEnd),
        ("<End>", Action::ParagraphEnd),
        ("g g", Action::FirstParagraph),
        ("G", Action::LastParagraph),
        ("v", Action::ToggleSelection),
        ("<Esc>", Action::Cancel),
        ("<S-Right>", Action::SelectionEndRight),
        ("<S-Left>", Action::SelectionEndLeft),
        ("<", Action::SelectionStartLeft),
        (">", Action::SelectionStartRight),
        ("s", Action::SelectSentence),
        ("/", Action::StartSearch),
        ("n", Action::SearchNext),
        ("N", Action::SearchPrev),
        ("1", Action::TagEntity(1)),
        ("5", Action::TagEntity(5)),
        ("9", Action::TagEntity(9)),
        ("\"", Action::TagQuote),
        ("C", Action::SetCue),
        ("c", Action::TagClaim),
        ("a", Action::LinkEntity),
        ("t", Action::CycleKind),
        ("x", Action::Delete),
        ("e", Action::EditNote),
        ("=", Action::EditAttribute),
        ("R", Action::EditRelation),
        ("u", Action::Undo),
        ("<C-r>", Action::Redo),
        ("<Space>", Action::MarkDoneNext),
        ("!", Action::SetStatus(ParagraphStatus::Flagged)),
        ("-", Action::SetStatus(ParagraphStatus::Skipped)),
        ("<Tab>", Action::ToggleReview),
        ("p", Action::Reattach),
        ("<C-s>", Action::Save),
        ("?", Action::ToggleHelp),
        ("q", Action::Quit),
        ("]", Action::NextDocument),
        ("[", Action::PrevDocument),
        ("f", Action::NextSuggestion),
        ("F", Action::PrevSuggestion),
        ("y", Action::AcceptSuggestion),
        ("r", Action::RejectSuggestion),
        ("Y", Action::AcceptParagraphSuggestions),
        ("A", Action::AcceptSameTextSuggestions),
        ("S", Action::ToggleSuggestions),
        ("D", Action::ToggleAdjudication),
    ];
    for (key, action) in &normal {
        assert_eq!(
            matched(&k, Mode::Normal, key).as_ref(),
            Some(action),
            "{key}"
        );
    }
    let bound: usize = k.help_entries(Mode::Normal).len();
    assert_eq!(bound, normal.len() + 6, "2-4, 6-8 are not listed above");
    let adjudicate = [
        ("n", Action::NextDisagreement),
        ("N", Action::PrevDisagreement),
        ("j", Action::ListDown),
        ("k", Action::ListUp),
        ("1", Action::TakeVersion(1)),
        ("9", Action::TakeVersion(9)),
        ("<Space>", Action::MarkVersion),
        ("<Enter>", Action::TakeMarked),
        ("0", Action::TakeNone),
        ("a", Action::ShowSettled),
        ("e", Action::ToggleAdjudication),
        ("D", Action::ToggleAdjudication),
        ("<Esc>", Action::ToggleAdjudication),
        ("u", Action::Undo),
        ("q", Action::Quit),
    ];
    for (key, action) in &adjudicate {
        assert_eq!(
            matched(&k, Mode::Adjudicate, key).as_ref(),
            Some(action),
            "{key}"
        );
    }
    for mode in [Mode::Search, Mode::Note] {
        assert_eq!(matched(&k, mode, "<Enter>"), Some(Action::Confirm));
        assert_eq!(matched(&k, mode, "<Esc>"), Some(Action::Cancel));
        assert_eq!(matched(&k, mode, "<BS>"), Some(Action::Backspace));
        assert_eq!(k.help_entries(mode).len(), 3);
        assert_eq!(matched(&k, mode, "j"), None, "letters must type in prompts");
    }
    let picker = [
        ("<Enter>", Action::Confirm),
        ("<Esc>", Action::Cancel),
        ("<BS>", Action::Backspace),
        ("<Up>", Action::ListUp),
        ("<C-p>", Action::ListUp),
        ("<Down>", Action::ListDown),
        ("<C-n>", Action::ListDown),
    ];
    for (key, action) in &picker {
        assert_eq!(
            matched(&k, Mode::Picker, key).as_ref(),
            Some(action),
            "{key}"
        );
    }
    assert_eq!(k.help_entries(Mode::Picker).len(), picker.len());
    let help = [
        ("?", Action::ToggleHelp),
        ("<Esc>", Action::ToggleHelp),
        ("q", Action::ToggleHelp),
        ("j", Action::ListDown),
        ("<Down>", Action::ListDown),
        ("k", Action::ListUp),
        ("<Up>", Action::ListUp),
    ];
    for (key, action) in &help {
        assert_eq!(matched(&k, Mode::Help, key).as_ref(), Some(action), "{key}");
    }
    assert_eq!(k.help_entries(Mode::Help).len(), help.len());
    let review = [
        ("<Tab>", Action::ToggleReview),
        ("<Esc>", Action::ToggleReview),
        ("q", Action::ToggleReview),
        ("j", Action::ListDown),
        ("<Down>", Action::ListDown),
        ("k", Action::ListUp),
        ("<Up>", Action::ListUp),
        ("<Enter>", Action::JumpToAnnotation),
        ("y", Action::Accept),
        ("r", Action::Reject),
        ("/", Action::FilterReview),
        ("f", Action::CycleReviewFilter),
        ("1", Action::TagEntity(1)),
        ("9", Action::TagEntity(9)),
        ("\"", Action::TagQuote),
        ("c", Action::TagClaim),
        ("a", Action::LinkEntity),
        ("p", Action::Reattach),
        ("e", Action::EditNote),
        ("=", Action::EditAttribute),
        ("R", Action::EditRelation),
        ("x", Action::Delete),
        ("u", Action::Undo),
        ("<C-r>", Action::Redo),
        ("<C-s>", Action::Save),
        ("?", Action::ToggleHelp),
        ("]", Action::NextDocument),
        ("[", Action::PrevDocument),
    ];
    for (key, action) in &review {
        assert_eq!(
            matched(&k, Mode::Review, key).as_ref(),
            Some(action),
            "{key}"
        );
    }
    assert_eq!(
        k.help_entries(Mode::Review).len(),
        review.len() + 7,
        "2-8 are not listed above"
    );
    assert_eq!(
        matched(&k, Mode::ReviewFilter, "<Enter>"),
        Some(Action::Confirm)
    );
    assert_eq!(matched(&k, Mode::ReviewFilter, "j"), None, "letters type");
    let list = [
        ("j", Action::ListDown),
        ("<Down>", Action::ListDown),
        ("k", Action::ListUp),
        ("<Up>", Action::ListUp),
        ("<PageDown>", Action::PageDown),
        ("<Space>", Action::PageDown),
        ("<PageUp>", Action::PageUp),
        ("g g", Action::ListFirst),
        ("<Home>", Action::ListFirst),
        ("G", Action::ListLast),
        ("<End>", Action::ListLast),
        ("<Enter>", Action::OpenDocument),
        ("s", Action::CycleSort),
        ("?", Action::ToggleHelp),
        ("q", Action::Quit),
    ];
    for (key, action) in &list {
        assert_eq!(matched(&k, Mode::List, key).as_ref(), Some(action), "{key}");
    }
    assert_eq!(k.help_entries(Mode::List).len(), list.len());
    assert_eq!(k.resolve(Mode::List, &keys("g")), Resolution::Pending);
    let names: Vec<_> = k
        .labels()
        .labels()
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(names, ["PER", "ORG", "LOC", "MISC"]);
}

#[test]
fn resolves_the_g_g_chord() {
    let k = Keymap::embedded_default();
    assert_eq!(k.resolve(Mode::Normal, &keys("g")), Resolution::Pending);
    assert_eq!(
        k.resolve(Mode::Normal, &keys("g g")),
        Resolution::Matched(Action::FirstParagraph)
    );
    assert_eq!(k.resolve(Mode::Normal, &keys("g j")), Resolution::NotFound);
    assert_eq!(k.resolve(Mode::Normal, &keys("z")), Resolution::NotFound);
    assert_eq!(k.resolve(Mode::Help, &keys("g")), Resolution::NotFound);
}

#[test]
fn help_entries_group_by_action_in_file_order() {
    let k = Keymap::embedded_default();
    let entries = k.help_entries(Mode::Normal);
    assert_eq!(entries[0], (keys("j"), Action::NextParagraph));
    assert_eq!(entries[1], (keys("<Down>"), Action::NextParagraph));
    assert_eq!(entries[2], (keys("k"), Action::PrevParagraph));
    assert!(entries.contains(&(keys("g g"), Action::FirstParagraph)));
}

#[test]
fn a_user_file_overrides_one_key_and_keeps_the_rest() {
    let default = Keymap::embedded_default();
    let user = default
        .merged_with(r#"Keymap(normal: { "q": Save, "Q": Quit })"#, "user.ron")
        .unwrap();
    assert_eq!(matched(&user, Mode::Normal, "q"), Some(Action::Save));
    assert_eq!(matched(&user, Mode::Normal, "Q"), Some(Action::Quit));
    for mode in Mode::ALL {
        for (keys, action) in default.help_entries(mode) {
            if mode == Mode::Normal && keys == self::keys("q") {
                continue;
            }
            assert_eq!(
                user.resolve(mode, &keys),
                Resolution::Matched(action),
                "{mode:?} {}",
                sequence_to_string(&keys)
            );
        }
    }
    assert_eq!(user.labels(), default.labels());
}

#[test]
fn user_labels_replace_the_set_whole() {
    let user = Keymap::embedded_default()
        .merged_with(
            r#"Keymap(labels: [(name: "GPE", color: "red", description: "country")])"#,
            "user.ron",
        )
        .unwrap();
    let names: Vec<_> = user
        .labels()
        .labels()
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(names, ["GPE"]);
    assert_eq!(
        matched(&user, Mode::Normal, "j"),
        Some(Action::NextParagraph)
    );
}

#[test]
fn load_over_default_reads_the_file_and_names_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.ron");
    std::fs::write(&path, "Keymap(help: {\n  \"h\": ToggleHelp,\n})\n").unwrap();
    let k = Keymap::load_over_default(&path).unwrap();
    assert_eq!(matched(&k, Mode::Help, "h"), Some(Action::ToggleHelp));
    assert_eq!(matched(&k, Mode::Help, "q"), Some(Action::ToggleHelp));

    std::fs::write(&path, "Keymap(help: {\n  \"h\": Fly,\n})\n").unwrap();
    let message = Keymap::load_over_default(&path).unwrap_err().to_string();
    assert!(
        message.starts_with(&format!("{}:2:", path.display())),
        "{message}"
    );

    let missing = dir.path().join("nope.ron");
    let message = Keymap::load_over_default(&missing).unwrap_err().to_string();
    assert!(
        message.starts_with(&format!("{}: cannot read keymap", missing.display())),
        "{message}"
    );
}

#[test]
fn user_keymap_path_ends_in_tandai_keymap_ron() {
    if let Some(path) = user_keymap_path() {
        assert!(path.ends_with("tandai/keymap.ron"));
    }
}

#[test]
fn syntax_errors_have_a_position() {
    assert_eq!(
        error_of("Keymap(\n  normal: {\n    \"j\" NextParagraph,\n  },\n)"),
        "k.ron:3:8: Expected colon"
    );
}

#[test]
fn unknown_fields_are_refused_with_a_position() {
    let message = error_of("Keymap(\n  nromal: {},\n)");
    assert!(message.starts_with("k.ron:2:3: "), "{message}");
    assert!(message.contains("nromal"), "{message}");
    let message =
        error_of("Keymap(\n  labels: [(name: \"A\", colour: \"red\", description: \"\")],\n)");
    assert!(message.starts_with("k.ron:2:24: "), "{message}");
    assert!(message.contains("colour"), "{message}");
}

#[test]
fn unknown_actions_are_refused_with_a_position() {
    let message = error_of("Keymap(\n  normal: {\n    \"j\": NextParagraf,\n  },\n)");
    assert!(message.starts_with("k.ron:3:10: "), "{message}");
    assert!(message.contains("NextParagraf"), "{message}");
    let message = error_of("Keymap(\n  normal: {\n    \"i\": InsertChar('i'),\n  },\n)");
    assert!(message.starts_with("k.ron:3:10: "), "{message}");
}

#[test]
fn bad_notation_points_at_the_key() {
    assert_eq!(
        error_of("Keymap(\n  search: {\n    \"<Enter>\": Confirm, \"<Entr>\": Confirm,\n  },\n)"),
        "k.ron:3:25: bad key \"<Entr>\" in search: unknown key `<Entr>`"
    );
    assert_eq!(
        error_of("Keymap(normal: {\"gg\": FirstParagraph})"),
        "k.ron:1:17: bad key \"gg\" in normal: `gg` is not one key: separate keys with spaces, \
         write named keys as <Name>"
    );
}

#[test]
fn a_key_bound_twice_in_one_mode_is_refused_at_the_second() {
    assert_eq!(
        error_of(
            "Keymap(\n  normal: { \"j\": Quit },\n  help: {\n    \"j\": ListDown,\n    \"\\\"\": Quit,\n    \"<Down>\": ListDown,\n    \"j\": ListUp,\n  },\n)"
        ),
        "k.ron:7:5: key \"j\" is bound twice in help"
    );
    assert_eq!(
        error_of("Keymap(normal: { \"<C-r>\": Redo, \"<c-r>\": Undo })"),
        "k.ron:1:33: key \"<c-r>\" is bound twice in normal"
    );
}

#[test]
fn prefix_conflicts_are_refused_in_one_file() {
    assert_eq!(
        error_of("Keymap(\n  normal: {\n    \"g g\": FirstParagraph,\n    \"g\": Quit,\n  },\n)"),
        "k.ron:4:5: key \"g\" conflicts with \"g g\" in normal: the shorter one would hide the longer"
    );
    assert_eq!(
        error_of("Keymap(normal: { \"g\": Quit, // \"g g\"\n \"g g\": FirstParagraph })"),
        "k.ron:2:2: key \"g g\" conflicts with \"g\" in normal: the shorter one would hide the longer"
    );
}

#[test]
fn prefix_conflicts_are_refused_after_merging() {
    assert_eq!(
        merge_error_of(
            "Keymap(\n  help: { \"g\": ListUp },\n  normal: {\n    \"x\": Delete,\n    \"g\": FirstParagraph,\n  },\n)"
        ),
        "user.ron:5:5: key \"g\" conflicts with \"g g\" in normal: the shorter one would hide the longer"
    );
    assert_eq!(
        merge_error_of("Keymap(normal: {\n  \"q q\": Quit,\n})"),
        "user.ron:2:3: key \"q q\" conflicts with \"q\" in normal: the shorter one would hide the longer"
    );
}

#[test]
fn a_complete_file_leaves_other_modes_empty() {
    let k = Keymap::from_ron(r#"Keymap(normal: { "j": NextParagraph })"#, "k.ron").unwrap();
    assert!(k.labels().labels().is_empty());
    assert_eq!(k.help_entries(Mode::Help), vec![]);
    assert_eq!(k.resolve(Mode::Help, &keys("q")), Resolution::NotFound);
}

#[test]
fn the_arrows_preset_covers_every_bindable_action() {
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/arrows.ron"))
            .unwrap();
    let arrows = Keymap::from_ron(&source, "arrows.ron").unwrap();
    let default = Keymap::embedded_default();
    let actions = |k: &Keymap, mode| -> Vec<Action> {
        let mut all: Vec<Action> = Vec::new();
        for (_, action) in k.help_entries(mode) {
            if !all.contains(&action) {
                all.push(action);
            }
        }
        all
    };
    for mode in Mode::ALL {
        let (mine, theirs) = (actions(&arrows, mode), actions(&default, mode));
        assert_eq!(mine.len(), theirs.len(), "{mode:?}");
        for action in theirs {
            assert!(mine.contains(&action), "{mode:?}: {action:?} unbound");
        }
    }
    assert_eq!(
        matched(&arrows, Mode::Normal, "<F1>"),
        Some(Action::ToggleHelp)
    );
    assert_eq!(matched(&arrows, Mode::Normal, "<C-q>"), Some(Action::Quit));
    assert_eq!(matched(&arrows, Mode::Normal, "j"), None);
}

#[test]
fn a_user_file_may_rebind_a_chord_of_the_default() {
    let user = Keymap::embedded_default()
        .merged_with(
            r#"Keymap(normal: { "g g": LastParagraph, "<lt>": Undo })"#,
            "user.ron",
        )
        .unwrap();
    assert_eq!(
        matched(&user, Mode::Normal, "g g"),
        Some(Action::LastParagraph)
    );
    assert_eq!(matched(&user, Mode::Normal, "<"), Some(Action::Undo));
    assert_eq!(user.resolve(Mode::Normal, &keys("g")), Resolution::Pending);
}

#[test]
fn the_mouse_is_on_unless_a_file_turns_it_off() {
    assert!(Keymap::embedded_default().mouse());
    assert!(Keymap::from_ron("()", "k.ron").unwrap().mouse());
    let off = Keymap::embedded_default()
        .merged_with("Keymap(mouse: false)", "user.ron")
        .unwrap();
    assert!(!off.mouse());
    assert!(
        !off.merged_with("()", "later.ron").unwrap().mouse(),
        "kept by a file without it"
    );
    assert!(off.merged_with("(mouse: true)", "on.ron").unwrap().mouse());
    let message = merge_error_of("Keymap(\n  mouse: 1,\n)");
    assert!(message.contains("user.ron:2:"), "{message}");
}

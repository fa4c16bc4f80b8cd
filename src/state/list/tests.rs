//! The document list's update, for keys and for the loop's reports.

use std::path::{Path, PathBuf};

use super::*;
use crate::action::Action;
use crate::keymap::{Keymap, Mode};
use crate::state::summary::{Paragraphs, Review, Summary, Trouble};

fn summary(done: usize, total: usize, flagged: usize) -> Summary {
    Summary {
        documents: 1,
        paragraphs: Paragraphs {
            total,
            done,
            flagged,
            skipped: 0,
        },
        ..Summary::default()
    }
}

fn list() -> CorpusList {
    let mut list = CorpusList::new("/c");
    list.scanned(ScanEvent::Listed {
        articles: ["/c/a.txt", "/c/b.txt", "/c/c.txt", "/c/d/e.txt"]
            .map(PathBuf::from)
            .to_vec(),
        troubles: vec![Trouble {
            file: "/c/z.ann.ron".into(),
            place: None,
            message: "annotation file without its article: there is no z.txt beside it".into(),
        }],
    });
    list.prepare();
    list
}

fn names(list: &CorpusList) -> Vec<&str> {
    list.order
        .iter()
        .map(|&i| list.rows[i].name.as_str())
        .collect()
}

#[test]
fn rows_arrive_pending_then_fill_in() {
    let mut list = list();
    assert_eq!(
        names(&list),
        ["a.txt", "b.txt", "c.txt", "d/e.txt", "z.ann.ron"]
    );
    assert_eq!(list.counts(), (0, 1, 4));
    list.scanned(ScanEvent::Summary {
        index: 1,
        result: Ok(summary(1, 2, 0)),
        annotators: Vec::new(),
        unsettled: None,
    });
    list.scanned(ScanEvent::Done);
    assert_eq!(list.counts(), (1, 1, 3));
    assert!(!list.scanning);
}

#[test]
fn sorting_keeps_the_selected_document() {
    let mut list = list();
    for (index, s) in [
        (0, summary(2, 2, 0)),
        (1, summary(0, 2, 1)),
        (2, summary(1, 2, 3)),
    ] {
        list.scanned(ScanEvent::Summary {
            index,
            result: Ok(s),
            annotators: Vec::new(),
            unsettled: None,
        });
    }
    list.scanned(ScanEvent::Summary {
        index: 3,
        result: Err(Trouble {
            file: "/c/d/e.txt".into(),
            place: Some((1, 4)),
            message: "bad".into(),
        }),
        annotators: Vec::new(),
        unsettled: None,
    });
    list.update(ListAction::Down);
    list.update(ListAction::CycleSort);
    assert_eq!(list.sort, SortKey::Progress);
    assert_eq!(
        names(&list),
        ["b.txt", "c.txt", "a.txt", "d/e.txt", "z.ann.ron"]
    );
    assert_eq!(list.selected_row().unwrap().name, "b.txt");
    list.update(ListAction::CycleSort);
    assert_eq!(list.sort, SortKey::Review);
    list.update(ListAction::CycleSort);
    assert_eq!(
        names(&list),
        ["d/e.txt", "z.ann.ron", "c.txt", "b.txt", "a.txt"]
    );
    list.update(ListAction::CycleSort);
    assert_eq!(names(&list)[0], "a.txt");
}

fn reviewed(total: usize, accepted: usize, rejected: usize) -> Summary {
    Summary {
        review: Review {
            total,
            accepted,
            rejected,
        },
        ..summary(1, 1, 0)
    }
}

#[test]
fn review_sort_puts_the_least_reviewed_first() {
    let mut list = list();
    for (index, s) in [
        (0, reviewed(4, 4, 0)),
        (1, reviewed(10, 1, 1)),
        (2, reviewed(0, 0, 0)),
    ] {
        list.scanned(ScanEvent::Summary {
            index,
            result: Ok(s),
            annotators: Vec::new(),
            unsettled: None,
        });
    }
    list.scanned(ScanEvent::Summary {
        index: 3,
        result: Ok(reviewed(5, 1, 0)),
        annotators: Vec::new(),
        unsettled: None,
    });
    list.sort = SortKey::Progress;
    list.update(ListAction::CycleSort);
    assert_eq!(list.sort, SortKey::Review);
    // 2 of 10 (0.2, 8 left), 1 of 5 (0.2, 4 left), then all reviewed: a.txt and c.txt,
    // which has nothing to review, by name; the broken orphan last.
    assert_eq!(
        names(&list),
        ["b.txt", "d/e.txt", "a.txt", "c.txt", "z.ann.ron"]
    );
    assert_eq!(list.selected_row().unwrap().name, "a.txt", "selection kept");
}

#[test]
fn open_neighbours_and_broken_rows() {
    let mut list = list();
    assert_eq!(
        list.update(ListAction::Open),
        Some(ListEffect::Open("/c/a.txt".into()))
    );
    list.update(ListAction::Last);
    assert_eq!(list.update(ListAction::Open), None);
    assert_eq!(
        list.message.as_deref(),
        Some(
            "cannot open z.ann.ron: annotation file without its article: there is no z.txt beside it"
        )
    );
    assert_eq!(
        list.neighbour(Path::new("/c/a.txt"), 1),
        Some("/c/b.txt".into())
    );
    assert_eq!(list.neighbour(Path::new("/c/a.txt"), -1), None);
    assert_eq!(list.neighbour(Path::new("/c/d/e.txt"), 1), None);
    list.select_path(Path::new("/c/c.txt"));
    assert_eq!(list.selected, 2);
    assert_eq!(list.update(ListAction::Quit), Some(ListEffect::Quit));
}

#[test]
fn keys_go_through_the_keymap_chords_and_help_included() {
    let keymap = Keymap::embedded_default();
    let mut list = list();
    let press = |list: &mut CorpusList, keys: &str| {
        let mut effect = None;
        for key in crate::keymap::parse_keystrokes(keys).unwrap() {
            effect = list.handle_key(&keymap, key);
        }
        effect
    };
    press(&mut list, "jj");
    assert_eq!(list.selected, 2);
    press(&mut list, "G");
    assert_eq!(list.selected, 4);
    press(&mut list, "g");
    assert_eq!(list.selected, 4, "half a chord does nothing yet");
    assert_eq!(list.pending.len(), 1);
    press(&mut list, "g");
    assert_eq!(list.selected, 0);
    press(&mut list, "gk<Down>");
    assert_eq!(list.selected, 1, "g then k: the chord is dropped, k moves");
    press(&mut list, "s");
    assert_eq!(list.sort, SortKey::Progress);
    assert_eq!(list.selected_row().unwrap().name, "b.txt");
    assert_eq!(list.selected, 2, "the broken orphan sorts first");
    assert_eq!(press(&mut list, "x"), None, "unbound");
    press(&mut list, "?");
    assert_eq!(list.mode(), Mode::Help);
    press(&mut list, "jjk");
    assert_eq!(
        (list.help, list.selected),
        (Some(1), 2),
        "j/k scroll the help"
    );
    press(&mut list, "q");
    assert_eq!(list.help, None, "q closes the help, as in an article");
    assert_eq!(
        press(&mut list, "k<Enter>"),
        Some(ListEffect::Open("/c/a.txt".into()))
    );
    assert_eq!(press(&mut list, "q"), Some(ListEffect::Quit));
}

#[test]
fn actions_outside_the_list_mean_nothing_here() {
    assert_eq!(
        ListAction::from_action(Mode::List, &Action::OpenDocument),
        Some(ListAction::Open)
    );
    assert_eq!(ListAction::from_action(Mode::List, &Action::Undo), None);
    assert_eq!(
        ListAction::from_action(Mode::Help, &Action::Cancel),
        Some(ListAction::ToggleHelp)
    );
    assert_eq!(
        ListAction::from_action(Mode::Help, &Action::CycleSort),
        None
    );
}

impl CorpusList {
    fn scanned(&mut self, event: ScanEvent) {
        assert_eq!(self.update(ListAction::Scanned(event)), None);
    }
}

#[test]
fn steps_from_an_open_article_skip_broken_rows_and_stop_at_the_ends() {
    let mut list = list();
    let step = |list: &mut CorpusList, from: &str, step| {
        list.update(ListAction::Step {
            from: from.into(),
            step,
        })
    };
    assert_eq!(
        step(&mut list, "/c/c.txt", 1),
        Some(ListEffect::Open("/c/d/e.txt".into()))
    );
    assert_eq!(
        step(&mut list, "/c/d/e.txt", 1),
        Some(ListEffect::Notice(
            "this is the last document of the list".into()
        )),
        "the broken orphan after it cannot be opened"
    );
    assert_eq!(
        step(&mut list, "/c/a.txt", -1),
        Some(ListEffect::Notice(
            "this is the first document of the list".into()
        ))
    );
}

#[test]
fn the_loops_reports_select_refresh_and_explain() {
    let mut list = list();
    list.update(ListAction::Opened("/c/c.txt".into()));
    assert_eq!(list.selected_row().unwrap().name, "c.txt");
    list.update(ListAction::NotOpened {
        path: "/c/b.txt".into(),
        reason: "b.txt: locked".into(),
    });
    assert_eq!(
        (list.selected, list.message.as_deref()),
        (1, Some("b.txt: locked"))
    );
    list.sort = SortKey::Progress;
    list.update(ListAction::Closed {
        path: "/c/d/e.txt".into(),
        state: RowState::Ready(summary(1, 2, 0)),
        farewell: Some("kept in a conflict copy".into()),
        annotators: Vec::new(),
        unsettled: None,
    });
    assert_eq!(list.selected_row().unwrap().name, "d/e.txt");
    assert_eq!(list.message.as_deref(), Some("kept in a conflict copy"));
    list.prepare();
    assert_eq!(names(&list)[0], "d/e.txt", "counted again and sorted");
    assert_eq!(
        list.selected_row().unwrap().name,
        "d/e.txt",
        "selection kept"
    );
    list.update(ListAction::Scanned(ScanEvent::Failed("gone".into())));
    assert_eq!(
        (list.scanning, list.failed.as_deref()),
        (false, Some("gone"))
    );
}

/// The list of `list()` for alice, following a plan that gives her a.txt and d/e.txt.
fn alices_list(all_articles: bool) -> CorpusList {
    let plan = [
        ("/c/a.txt", vec!["alice", "budi"]),
        ("/c/b.txt", vec!["budi", "citra"]),
        ("/c/d/e.txt", vec!["citra", "alice"]),
    ]
    .into_iter()
    .map(|(p, names)| {
        (
            PathBuf::from(p),
            names.into_iter().map(String::from).collect(),
        )
    })
    .collect();
    let team = Team {
        annotator: Some("alice".into()),
        plan: Some(plan),
        all_articles,
    };
    let mut list = CorpusList::for_team("/c", team);
    list.scanned(ScanEvent::Listed {
        articles: ["/c/a.txt", "/c/b.txt", "/c/c.txt", "/c/d/e.txt"]
            .map(PathBuf::from)
            .to_vec(),
        troubles: vec![Trouble {
            file: "/c/z.ann.ron".into(),
            place: None,
            message: "annotation file without its article".into(),
        }],
    });
    list.prepare();
    list
}

fn file(annotator: &str, done: usize, total: usize) -> AnnotatorFile {
    AnnotatorFile {
        annotator: annotator.into(),
        progress: Progress::Counted(Paragraphs {
            total,
            done,
            ..Paragraphs::default()
        }),
    }
}

#[test]
fn an_annotator_with_a_plan_sees_the_articles_it_gives_them_and_the_broken_files() {
    let mut list = alices_list(false);
    assert!(list.team.only_assigned());
    assert_eq!(names(&list), ["a.txt", "d/e.txt", "z.ann.ron"]);
    assert_eq!(list.counts(), (0, 1, 2), "the rows shown");
    assert_eq!(
        list.neighbour(Path::new("/c/a.txt"), 1).as_deref(),
        Some(Path::new("/c/d/e.txt")),
        "] skips the articles of others"
    );
    let everyone = alices_list(true);
    assert!(!everyone.team.only_assigned());
    assert_eq!(everyone.order.len(), 5);
    let nobody = CorpusList::for_team(
        "/c",
        Team {
            plan: alices_list(false).team.plan,
            ..Team::default()
        },
    );
    assert!(!nobody.team.only_assigned(), "the gold list shows all");
    list.scanned(ScanEvent::Done);
}

#[test]
fn planned_annotators_show_before_their_files_and_files_fill_them_in() {
    let mut list = alices_list(true);
    let works = |list: &CorpusList, name: &str| -> Vec<(String, bool, Progress)> {
        let row = list.rows.iter().find(|r| r.name == name).unwrap();
        row.annotators
            .iter()
            .map(|w| (w.annotator.clone(), w.planned, w.progress.clone()))
            .collect()
    };
    assert_eq!(
        works(&list, "d/e.txt"),
        [
            ("alice".into(), true, Progress::NoFile),
            ("citra".into(), true, Progress::NoFile)
        ]
    );
    assert!(works(&list, "c.txt").is_empty(), "not in the plan");
    list.scanned(ScanEvent::Summary {
        index: 3,
        result: Ok(summary(0, 4, 0)),
        annotators: vec![file("alice", 1, 4), file("dewi", 4, 4)],
        unsettled: None,
    });
    let counted = |done| {
        Progress::Counted(Paragraphs {
            total: 4,
            done,
            ..Paragraphs::default()
        })
    };
    assert_eq!(
        works(&list, "d/e.txt"),
        [
            ("alice".into(), true, counted(1)),
            ("citra".into(), true, Progress::NoFile),
            ("dewi".into(), false, counted(4)),
        ]
    );
    // Closing alice's article counts her file again; dewi's file is gone meanwhile.
    list.update(ListAction::Closed {
        path: "/c/d/e.txt".into(),
        state: RowState::Ready(summary(3, 4, 0)),
        annotators: vec![file("alice", 3, 4)],
        unsettled: None,
        farewell: None,
    });
    assert_eq!(
        works(&list, "d/e.txt"),
        [
            ("alice".into(), true, counted(3)),
            ("citra".into(), true, Progress::NoFile),
        ]
    );
}

#[test]
fn unsettled_first_sorts_by_what_is_left_to_settle() {
    let mut list = list();
    for (index, unsettled) in [(0, Some(0)), (1, Some(2)), (2, None), (3, Some(5))] {
        list.scanned(ScanEvent::Summary {
            index,
            result: Ok(summary(1, 2, 0)),
            annotators: Vec::new(),
            unsettled,
        });
    }
    for _ in 0..4 {
        list.update(ListAction::CycleSort);
    }
    assert_eq!(list.sort, SortKey::Unsettled);
    assert_eq!(list.sort.name(), "unsettled first");
    assert_eq!(
        names(&list),
        ["d/e.txt", "b.txt", "a.txt", "c.txt", "z.ann.ron"]
    );
    // Settling b.txt (counted again on closing) moves it down at the next sort.
    list.update(ListAction::Closed {
        path: "/c/b.txt".into(),
        state: RowState::Ready(summary(1, 2, 0)),
        annotators: Vec::new(),
        unsettled: Some(0),
        farewell: None,
    });
    list.prepare();
    assert_eq!(
        names(&list),
        ["d/e.txt", "a.txt", "b.txt", "c.txt", "z.ann.ron"]
    );
    list.update(ListAction::CycleSort);
    assert_eq!(list.sort, SortKey::Name);
}

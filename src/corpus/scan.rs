//! Scanning a corpus in a background thread: the file list first, then one summary per
//! document, sent over a channel as they are read, so the list never waits for the disk.
//! The events are the list's own input (`state::ScanEvent`).

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use super::summary::{Trouble, summarize_team};
use super::walk::walk;
pub use crate::state::ScanEvent;
use crate::store::Annotator;

/// Walks and summarises `root` in a new thread. The thread stops early when the receiver is
/// dropped.
pub fn spawn_scan(root: PathBuf) -> Receiver<ScanEvent> {
    spawn_scan_for(root, None)
}

/// [`spawn_scan`] for a list that opens `whose` annotator's files: each summary counts their
/// file (the gold file when `None`); every annotator's file beside an article is read for
/// how far it is.
pub fn spawn_scan_for(root: PathBuf, whose: Option<Annotator>) -> Receiver<ScanEvent> {
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("tandai-scan".into())
        .spawn(move || {
            let found = match walk(&root) {
                Ok(found) => found,
                Err(err) => {
                    let _ = tx.send(ScanEvent::Failed(format!("{}: {err}", root.display())));
                    return;
                }
            };
            let mut troubles: Vec<Trouble> =
                found.orphans.iter().map(|o| Trouble::orphan(o)).collect();
            troubles.extend(found.unreadable.iter().map(|(folder, err)| Trouble {
                file: folder.clone(),
                place: None,
                message: format!("cannot list the folder: {err}"),
            }));
            let articles = found.articles;
            if tx
                .send(ScanEvent::Listed {
                    articles: articles.clone(),
                    troubles,
                })
                .is_err()
            {
                return;
            }
            for (index, article) in articles.iter().enumerate() {
                let names = found.annotators.get(article).map_or(&[][..], Vec::as_slice);
                let read = summarize_team(article, whose.as_ref(), names);
                let event = ScanEvent::Summary {
                    index,
                    result: read.opened,
                    annotators: read.annotators,
                    unsettled: read.unsettled,
                };
                if tx.send(event).is_err() {
                    return;
                }
            }
            let _ = tx.send(ScanEvent::Done);
        })
        .expect("a thread can be started");
    rx
}

/// Runs a scan to the end and returns every event (for tests and benchmarks).
pub fn scan_all(root: PathBuf) -> Vec<ScanEvent> {
    spawn_scan(root).into_iter().collect()
}

//! Scanning a corpus in a background thread: the file list first, then one summary per
//! document, sent over a channel as they are read, so the list never waits for the disk.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use super::summary::{Summary, Trouble, summarize};
use super::walk::walk;

/// What the scanning thread reports, in this order: `Listed` (or `Failed`), one `Summary` per
/// article, `Done`.
#[derive(Debug)]
pub enum ScanEvent {
    /// The files found, each list sorted by path.
    Listed {
        /// The articles; `Summary::index` refers to this list.
        articles: Vec<PathBuf>,
        /// Problems found while walking: annotation files without an article, folders that
        /// could not be listed.
        troubles: Vec<Trouble>,
    },
    /// The summary of `articles[index]`, or why it cannot be read.
    Summary {
        /// Index in the `Listed` articles.
        index: usize,
        /// The counts, or the first problem met.
        result: Result<Summary, Trouble>,
    },
    /// Every article has been read.
    Done,
    /// The folder itself cannot be read.
    Failed(String),
}

/// Walks and summarises `root` in a new thread. The thread stops early when the receiver is
/// dropped.
pub fn spawn_scan(root: PathBuf) -> Receiver<ScanEvent> {
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
                let result = summarize(article);
                if tx.send(ScanEvent::Summary { index, result }).is_err() {
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

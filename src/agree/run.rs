//! Comparing the articles under a path: the folder walk of the other commands, every folder
//! listed once for annotators' files, the documents read and compared in parallel, the
//! report built in path order.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::corpus::{self, Trouble};
use crate::model::{AnnotationSet, Text};

use super::document;
use super::parties::{self, Parties};
use super::report::{CorpusTotals, DocumentReport, Outcome, Report, Skipped, add_totals};

/// What `tandai agree` compares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The settled `stem.ann.ron` takes part, as the party `gold`.
    pub gold: bool,
    /// Keep the tokens compared in the report (for checking by other tools).
    pub units: bool,
}

/// Why nothing could be compared.
#[derive(Debug, thiserror::Error)]
pub enum AgreeError {
    /// The path, or a folder holding articles, cannot be read.
    #[error("{}: {source}", path.display())]
    Unreadable {
        /// The path or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The path holds no article.
    #[error("no articles in {}", path.display())]
    NothingToDo {
        /// The path given.
        path: PathBuf,
    },
}

/// Compares the parties of every article under `path` (an article, an annotation file, or a
/// folder searched recursively as `tandai stats` does). Reads files, writes none.
pub fn agree(path: &Path, options: Options) -> Result<Report, AgreeError> {
    let unreadable = |source| AgreeError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let found = corpus::walk(path).map_err(unreadable)?;
    if found.articles.is_empty() && found.unreadable.is_empty() {
        return Err(AgreeError::NothingToDo {
            path: path.to_owned(),
        });
    }
    let jobs: Vec<(&PathBuf, Parties)> = found
        .articles
        .iter()
        .map(|a| {
            let names = found.annotators.get(a).map_or(&[][..], Vec::as_slice);
            (a, parties::parties(a, names, options.gold))
        })
        .collect();
    let (mut outcomes, partial) = in_parallel(&jobs, |(article, parties), totals| {
        compare(article, parties, options.units, totals)
    });
    let mut totals = CorpusTotals::default();
    for one in &partial {
        add_totals(&mut totals, one);
    }
    outcomes.extend(found.unreadable.into_iter().map(|(folder, err)| {
        Outcome::Trouble(Trouble {
            file: folder,
            place: None,
            message: format!("cannot list the folder: {err}"),
        })
    }));
    Ok(Report::build(outcomes, totals))
}

/// Reads and compares one article, adding its counts to `totals`.
fn compare(article: &Path, parties: &Parties, units: bool, totals: &mut CorpusTotals) -> Outcome {
    if parties.len() < 2 {
        return Outcome::Skipped(Skipped {
            path: article.to_owned(),
            parties: parties.iter().map(|(n, _)| n.clone()).collect(),
        });
    }
    let read = || -> Result<_, Trouble> {
        let doc = corpus::summary::read_article(article)?;
        let sets: Vec<(Text, AnnotationSet)> = parties
            .iter()
            .map(|(name, source)| Ok((name.clone(), parties::read(article, source, &doc)?)))
            .collect::<Result<_, Trouble>>()?;
        Ok((doc, sets))
    };
    match read() {
        Ok((doc, sets)) => {
            let borrowed: Vec<(Text, &AnnotationSet)> =
                sets.iter().map(|(n, s)| (n.clone(), s)).collect();
            let counts = document::compare(&doc, &borrowed);
            let (report, mine) = DocumentReport::of(article.to_owned(), counts, units);
            add_totals(totals, &mine);
            Outcome::Compared(Box::new(report))
        }
        Err(trouble) => Outcome::Trouble(trouble),
    }
}

/// `work` applied to every job on one thread per core, each thread with an accumulator of
/// its own (`A::default()` to start); the results in the jobs' order, and the accumulators.
fn in_parallel<J: Sync, R: Send, A: Default + Send>(
    jobs: &[J],
    work: impl Fn(&J, &mut A) -> R + Sync,
) -> (Vec<R>, Vec<A>) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let run = || {
        let mut acc = A::default();
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            mine.push((i, work(job, &mut acc)));
        }
        (mine, acc)
    };
    let parts: Vec<(Vec<(usize, R)>, A)> = if workers == 1 {
        vec![run()]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers).map(|_| scope.spawn(run)).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a worker panicked"))
                .collect()
        })
    };
    let mut done = Vec::with_capacity(jobs.len());
    let mut accs = Vec::with_capacity(parts.len());
    for (results, acc) in parts {
        done.extend(results);
        accs.push(acc);
    }
    done.sort_by_key(|(i, _)| *i);
    (done.into_iter().map(|(_, r)| r).collect(), accs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_in_parallel_keeps_the_order() {
        let jobs: Vec<usize> = (0..100).collect();
        let (doubled, sums) = in_parallel(&jobs, |j, sum: &mut usize| {
            *sum += j;
            j * 2
        });
        assert_eq!(doubled, (0..100).map(|j| j * 2).collect::<Vec<_>>());
        assert_eq!(sums.iter().sum::<usize>(), 4950);
    }
}

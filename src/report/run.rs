//! Writing a report: the folder walk of the other commands, one page per article written on
//! every core, then the corpus page and the index from what the pages gathered.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use crate::corpus::{self, Summary, Trouble};
use crate::model::{AnnotationSet, Document};
use crate::store::{self, AnnotationFile, Annotator};
use crate::suggest::predictions;

use super::article::{self, ArticlePage};
use super::out::{self, ARTICLES};
use super::rows::{self, DocRow, Totals};
use super::{ReportError, corpus_page, index, page};

/// What a report wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The index page.
    pub index: PathBuf,
    /// The corpus page.
    pub corpus: PathBuf,
    /// Each article's page, in the walk's order.
    pub pages: Vec<PathBuf>,
    /// Files that could not be read (their pages say so), and annotation files without an
    /// article, one message each (`file:line:column: what`).
    pub troubles: Vec<String>,
}

/// Writes the report of `input` (an article, an annotation file standing for its article, or
/// a folder searched recursively) into the folder `out`. Reads the corpus, writes only inside
/// `out` (see [`out::prepare`] for what is refused).
pub fn report(input: &Path, out: &Path) -> Result<Written, ReportError> {
    let found = corpus::walk(input).map_err(|source| ReportError::Unreadable {
        path: input.to_owned(),
        source,
    })?;
    if found.articles.is_empty() {
        return Err(ReportError::NothingToDo {
            path: input.to_owned(),
        });
    }
    out::prepare(input, out)?;
    let names = report_names(input, &found.articles);
    let files = page_files(&names);
    let jobs: Vec<Job> = found
        .articles
        .iter()
        .zip(names)
        .zip(&files)
        .map(|((article, name), file)| Job {
            article,
            name,
            page: format!("{ARTICLES}/{file}"),
            annotators: found.annotators.get(article).map_or(&[][..], Vec::as_slice),
        })
        .collect();
    let results = in_parallel(&jobs, |job| one_article(job, out));
    let rows: Vec<DocRow> = results.into_iter().collect::<Result<_, _>>()?;
    let totals = Totals::of(&rows);
    let several = found.annotators.values().any(|a| a.len() >= 2);
    let agreement = several
        .then(|| crate::agree::agree(input, crate::agree::Options::default()).ok())
        .flatten();
    let root = input.display().to_string();
    out::write(&out.join("report.css"), page::CSS)?;
    out::write(&out.join("report.js"), page::JS)?;
    let corpus = out.join(corpus_page::page_file(1));
    let corpus_pages = corpus_page::render(&root, &rows, &totals, agreement.as_ref());
    for (name, page) in &corpus_pages {
        out::write(&out.join(name), page)?;
    }
    out::remove_stale_corpus_pages(out, corpus_pages.len());
    let index = out.join("index.html");
    out::write(&index, &index::render(&root, &rows, &totals))?;
    out::remove_stale(out, &files.iter().cloned().collect::<HashSet<_>>());
    let mut troubles: Vec<String> = found
        .orphans
        .iter()
        .map(|o| Trouble::orphan(o).to_string())
        .collect();
    troubles.extend(
        found
            .unreadable
            .iter()
            .map(|(folder, err)| format!("{}: cannot list the folder: {err}", folder.display())),
    );
    troubles.extend(rows.iter().flat_map(|r| r.troubles.iter().cloned()));
    Ok(Written {
        index,
        corpus,
        pages: files.iter().map(|f| out.join(ARTICLES).join(f)).collect(),
        troubles,
    })
}

/// One article to write.
struct Job<'a> {
    article: &'a PathBuf,
    name: String,
    page: String,
    annotators: &'a [Annotator],
}

/// Each article's name in the report: its path under the folder given (its file name when an
/// article was given), with `/` between folders.
fn report_names(input: &Path, articles: &[PathBuf]) -> Vec<String> {
    articles
        .iter()
        .map(|a| {
            let relative = a
                .strip_prefix(input)
                .ok()
                .filter(|r| !r.as_os_str().is_empty());
            let shown = relative.unwrap_or_else(|| Path::new(a.file_name().unwrap_or_default()));
            shown
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

/// A page file name per article, unique even where names differ only in case or in
/// characters a file name cannot keep (`-2`, `-3`, … added).
fn page_files(names: &[String]) -> Vec<String> {
    let mut taken = HashSet::new();
    names
        .iter()
        .map(|name| {
            let base = out::page_name(name);
            let mut file = format!("{base}.html");
            let mut n = 1;
            while !taken.insert(file.to_lowercase()) {
                n += 1;
                file = format!("{base}-{n}.html");
            }
            file
        })
        .collect()
}

/// Reads one article and what is beside it, writes its page, and returns its row.
fn one_article(job: &Job<'_>, out: &Path) -> Result<DocRow, ReportError> {
    let mut troubles: Vec<String> = Vec::new();
    let doc = match corpus::summary::read_article(job.article) {
        Ok(doc) => doc,
        Err(trouble) => {
            troubles.push(trouble.to_string());
            Document::new("")
        }
    };
    let set = match store::load(AnnotationFile::gold(job.article), &doc) {
        Ok(loaded) => loaded.map(|l| l.set),
        Err(err) if troubles.is_empty() => {
            troubles.push(Trouble::from(err).to_string());
            None
        }
        Err(_) => None,
    };
    let predictions = match predictions::load(job.article, &doc) {
        Ok(p) => p,
        Err(err) if troubles.is_empty() => {
            troubles.push(err.to_string());
            None
        }
        Err(_) => None,
    };
    let html = article::render(&ArticlePage {
        name: &job.name,
        doc: &doc,
        set: set.as_ref(),
        predictions: predictions.as_ref(),
        troubles: &troubles,
    });
    out::write(&out.join(&job.page), &html)?;
    let counted = set.as_ref().map_or_else(
        || Summary::of(&AnnotationSet::new(doc.paragraphs().len()), false),
        |s| Summary::of(s, true),
    );
    let problems = set
        .as_ref()
        .map_or(0, |s| crate::model::problems(&doc, s).len());
    let annotators = if job.annotators.is_empty() {
        Vec::new()
    } else {
        corpus::summarize_team(job.article, None, job.annotators).annotators
    };
    let saved = set.as_ref().and_then(|_| {
        let modified = std::fs::metadata(store::annotation_path(job.article))
            .and_then(|m| m.modified())
            .ok()?;
        let secs = modified.duration_since(UNIX_EPOCH).ok()?.as_secs();
        Some(rows::day_of(secs))
    });
    Ok(DocRow {
        name: job.name.clone(),
        page: job.page.clone(),
        summary: counted,
        problems: problems + troubles.len(),
        speakers: set.as_ref().map(rows::speakers).unwrap_or_default(),
        troubles,
        annotators,
        saved,
    })
}

/// `work` applied to every job on one thread per core; the results in the jobs' order.
fn in_parallel<J: Sync, R: Send>(jobs: &[J], work: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let run = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            mine.push((i, work(job)));
        }
        mine
    };
    let mut done: Vec<(usize, R)> = if workers == 1 {
        run()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers).map(|_| scope.spawn(run)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a report worker panicked"))
                .collect()
        })
    };
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files_are_unique_whatever_the_case() {
        let names = ["a/B.txt", "a/b.txt", "a b.txt", "a_b.txt"].map(String::from);
        assert_eq!(
            page_files(&names),
            ["a__B.html", "a__b-2.html", "a_b.html", "a_b-2.html"]
        );
    }

    #[test]
    fn names_are_paths_under_the_folder() {
        let input = Path::new("corpus");
        let articles = [
            PathBuf::from("corpus/x/a.txt"),
            PathBuf::from("corpus/b.txt"),
        ];
        assert_eq!(report_names(input, &articles), ["x/a.txt", "b.txt"]);
        let one = Path::new("corpus/b.txt");
        assert_eq!(report_names(one, &articles[1..]), ["b.txt"]);
    }
}

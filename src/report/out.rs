//! The report's folder: refused when it is the input or holds it, or when it holds files the
//! report did not write; marked as the report's own (`.tandai-report`), so a later run may
//! replace its files and nothing else.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::ReportError;

/// The file that marks a folder as one tandai report wrote.
pub const MARKER: &str = ".tandai-report";

/// The folder of the article pages inside the report's folder.
pub const ARTICLES: &str = "articles";

/// The absolute form of `path` with its existing part resolved (symbolic links followed), for
/// comparing places.
fn resolved(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(mut real) => {
                for part in rest.iter().rev() {
                    real.push(part);
                }
                return Ok(real);
            }
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => return Ok(absolute),
            },
        }
    }
}

/// Checks that `out` may hold the report of `input`, and makes it (with `articles/`). Refused:
/// `out` is `input` or a folder holding it; `out` is a file; `out` is a folder that holds
/// files and was not written by a report.
pub fn prepare(input: &Path, out: &Path) -> Result<(), ReportError> {
    let io_err = |path: &Path| {
        let path = path.to_owned();
        move |source| ReportError::Write { path, source }
    };
    let real_in = resolved(input).map_err(io_err(input))?;
    let real_out = resolved(out).map_err(io_err(out))?;
    if real_in.starts_with(&real_out) {
        return Err(ReportError::OutHoldsInput {
            out: out.to_owned(),
            input: input.to_owned(),
        });
    }
    match fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => {
            return Err(ReportError::OutNotFolder {
                out: out.to_owned(),
            });
        }
        Ok(_) => {
            let mut entries = fs::read_dir(out).map_err(io_err(out))?;
            if entries.next().is_some() && !out.join(MARKER).is_file() {
                return Err(ReportError::OutNotReport {
                    out: out.to_owned(),
                });
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(out)(e)),
    }
    let articles = out.join(ARTICLES);
    fs::create_dir_all(&articles).map_err(io_err(&articles))?;
    write(
        &out.join(MARKER),
        "This folder was written by `tandai report`; a later run replaces its files.\n",
    )
}

/// Writes `contents` to `path`.
pub fn write(path: &Path, contents: &str) -> Result<(), ReportError> {
    fs::write(path, contents).map_err(|source| ReportError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Removes the article pages of an earlier run that this run did not write (`kept`: the file
/// names written).
pub fn remove_stale(out: &Path, kept: &std::collections::HashSet<String>) {
    let Ok(entries) = fs::read_dir(out.join(ARTICLES)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".html") && !kept.contains(&name) && entry.path().is_file() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the corpus pages `corpus-N.html` of an earlier report beyond the `count` written.
pub fn remove_stale_corpus_pages(out: &Path, count: usize) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let number = name
            .strip_prefix("corpus-")
            .and_then(|n| n.strip_suffix(".html"))
            .and_then(|n| n.parse::<usize>().ok());
        if number.is_some_and(|n| n > count) && entry.path().is_file() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A file name for an article's page from its name in the report: letters, digits, `-`, `_`
/// and `.` kept, anything else `_`; `/` becomes `__`.
pub fn page_name(name: &str) -> String {
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    let mut out = String::with_capacity(stem.len() + 5);
    for c in stem.chars() {
        match c {
            '/' | '\\' => out.push_str("__"),
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') => out.push(c),
            _ => out.push('_'),
        }
    }
    if out.is_empty() || out.starts_with('.') {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_plain() {
        assert_eq!(page_name("a/b c.txt"), "a__b_c");
        assert_eq!(page_name("../x<y>.txt"), "_..__x_y_");
        assert_eq!(page_name("berita.txt"), "berita");
    }

    #[test]
    fn the_input_or_a_folder_holding_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir(&corpus).unwrap();
        let article = corpus.join("a.txt");
        fs::write(&article, "x\n").unwrap();
        for out in [&corpus, &dir.path().to_owned()] {
            let err = prepare(&corpus, out).unwrap_err();
            assert!(matches!(err, ReportError::OutHoldsInput { .. }), "{err}");
        }
        let err = prepare(&corpus, &article).unwrap_err();
        assert!(matches!(err, ReportError::OutNotFolder { .. }), "{err}");
        let err = prepare(&article, &article).unwrap_err();
        assert!(matches!(err, ReportError::OutHoldsInput { .. }), "{err}");
        let err = prepare(&article, &corpus).unwrap_err();
        assert!(matches!(err, ReportError::OutHoldsInput { .. }), "{err}");
        assert_eq!(fs::read_to_string(&article).unwrap(), "x\n");
    }

    #[test]
    fn a_folder_of_other_files_is_refused_and_a_report_folder_reused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        fs::write(&input, "x\n").unwrap();
        let other = dir.path().join("mine");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("thesis.tex"), "keep").unwrap();
        let err = prepare(&input, &other).unwrap_err();
        assert!(matches!(err, ReportError::OutNotReport { .. }), "{err}");
        let file = dir.path().join("file");
        fs::write(&file, "keep").unwrap();
        assert!(matches!(
            prepare(&input, &file).unwrap_err(),
            ReportError::OutNotFolder { .. }
        ));
        let out = dir.path().join("new/report");
        prepare(&input, &out).unwrap();
        assert!(out.join(MARKER).is_file() && out.join(ARTICLES).is_dir());
        prepare(&input, &out).expect("its own folder again");
    }
}

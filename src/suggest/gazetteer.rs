//! Gazetteers: tab-separated `text<TAB>label` lines, the shape INCEpTION and brat use, with an
//! optional third column holding a score from 0 to 1 (`Jakarta<TAB>LOC<TAB>0.9`).
//!
//! Blank lines and lines starting with `#` are skipped; a CR before the line end is ignored.
//! Anything else is refused with the file, the line and column, and what is wrong: a line
//! without a tab, an empty text or label, a text with white space at either end, a label
//! holding white space, a score that is not a number from 0 to 1, more than three columns,
//! bytes that are not UTF-8.

use crate::model::document::NotUtf8;
use std::path::{Path, PathBuf};

/// One line of a gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct GazetteerEntry {
    /// The text to find, as written.
    pub text: String,
    /// The entity label it proposes.
    pub label: String,
    /// The score of the third column, if any.
    pub score: Option<f32>,
    /// 1-based line in the file.
    pub line: usize,
}

/// A gazetteer line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {problem}", file.display())]
pub struct GazetteerError {
    /// The gazetteer file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub problem: String,
}

/// Reads the entries of `bytes`, the content of the gazetteer `file`.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<Vec<GazetteerEntry>, GazetteerError> {
    let text = NotUtf8::check(bytes).map_err(|e| GazetteerError {
        file: file.to_owned(),
        line: e.line,
        column: e.column,
        problem: "not valid UTF-8".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let entry = parse_line(line, i + 1).map_err(|(column, problem)| GazetteerError {
            file: file.to_owned(),
            line: i + 1,
            column,
            problem,
        })?;
        entries.push(entry);
    }
    Ok(entries)
}

/// Reads one non-blank line; an error is its column and what is wrong.
fn parse_line(line: &str, number: usize) -> Result<GazetteerEntry, (usize, String)> {
    let columns: Vec<&str> = line.split('\t').collect();
    // 1-based character column where field `i` starts.
    let column_of = |i: usize| -> usize {
        columns[..i]
            .iter()
            .map(|c| c.chars().count() + 1)
            .sum::<usize>()
            + 1
    };
    if columns.len() < 2 {
        return Err((
            line.chars().count() + 1,
            "no tab: expected text<TAB>label".into(),
        ));
    }
    if columns.len() > 3 {
        return Err((
            column_of(3),
            format!(
                "{} columns: expected text<TAB>label, or text<TAB>label<TAB>score",
                columns.len()
            ),
        ));
    }
    let text = columns[0];
    if text.is_empty() {
        return Err((1, "empty text".into()));
    }
    if text.trim() != text {
        let at = if text.starts_with(char::is_whitespace) {
            1
        } else {
            text.trim_end().chars().count() + 1
        };
        return Err((at, format!("the text {text:?} has white space at an end")));
    }
    let label = columns[1];
    if label.is_empty() {
        return Err((column_of(1), "empty label".into()));
    }
    if let Some(at) = label.chars().position(char::is_whitespace) {
        return Err((
            column_of(1) + at,
            format!("the label {label:?} holds white space"),
        ));
    }
    let score = match columns.get(2) {
        None => None,
        Some(raw) => Some(
            raw.trim()
                .parse::<f32>()
                .ok()
                .filter(|s| (0.0..=1.0).contains(s))
                .ok_or_else(|| {
                    (
                        column_of(2),
                        format!("the score {raw:?} is not a number from 0 to 1"),
                    )
                })?,
        ),
    };
    Ok(GazetteerEntry {
        text: text.into(),
        label: label.into(),
        score,
        line: number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<GazetteerEntry>, GazetteerError> {
        parse(Path::new("places.gazetteer.tsv"), text.as_bytes())
    }

    fn refused(text: &str) -> (usize, usize, String) {
        let e = read(text).unwrap_err();
        (e.line, e.column, e.problem)
    }

    #[test]
    fn lines_comments_and_scores_are_read() {
        let entries =
            read("# places\n\nKorea Utara\tGPE\r\nMoskwa\tLOC\t0.75\n\u{2003}\n").unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].text, "Korea Utara");
        assert_eq!(entries[0].label, "GPE");
        assert_eq!(entries[0].line, 3);
        assert_eq!(entries[1].score, Some(0.75));
        assert_eq!(entries[1].line, 4);
    }

    #[test]
    fn bad_lines_are_refused_at_their_line_and_column() {
        assert_eq!(refused("Rusia\tLOC\nJakarta LOC\n").0, 2);
        assert_eq!(refused("Rusia\tLOC\nJakarta LOC\n").1, 12);
        assert_eq!(refused("\tLOC\n"), (1, 1, "empty text".into()));
        assert_eq!(refused("Rusia\t\n"), (1, 7, "empty label".into()));
        assert_eq!(refused("Rusia\tLOC X\n").1, 10);
        assert_eq!(refused(" Rusia\tLOC\n").1, 1);
        assert_eq!(refused("Rusia \tLOC\n").1, 6);
        assert_eq!(refused("Rusia\tLOC\tlots\n").1, 11);
        assert_eq!(refused("Rusia\tLOC\t1.5\n").1, 11);
        assert_eq!(refused("Rusia\tLOC\t1\tx\n").1, 13);
        assert!(refused("a\tb\tc\td\n").2.contains("4 columns"));
    }

    #[test]
    fn invalid_utf8_is_refused_where_it_is() {
        let e = parse(Path::new("g.tsv"), b"Rusia\tLOC\nAB\xff\tLOC\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert_eq!(e.to_string(), "g.tsv:2:3: not valid UTF-8");
    }
}

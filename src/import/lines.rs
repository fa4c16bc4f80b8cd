//! Reading a file of one record a line (JSONL), or any list of records, on every core, with the
//! first bad one in file order reported, as reading them one by one would.

use std::path::Path;

use super::ImportError;

/// Fewest lines worth spreading over threads.
const WORTH_THREADS: usize = 64;

/// `parse` of every non-blank line of `source` (read from `path`), in order. The lines are
/// cut into one run per core, parsed at once; each run stops at its first bad line, and the
/// error is that of the earliest run with one, so the line named is the first bad line of
/// the file.
pub fn parse_lines<T: Send>(
    path: &Path,
    source: &str,
    parse: impl Fn(&str) -> Result<T, String> + Sync,
) -> Result<Vec<T>, ImportError> {
    let lines: Vec<(usize, &str)> = source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    in_runs(lines, WORTH_THREADS, |_, (i, line)| {
        parse(line).map_err(|message| (i + 1, message))
    })
    .map_err(|(line, message)| ImportError::at(path, line, message))
}

/// `column C: invalid JSON: WHAT` for serde_json's error `e` on `text` (a one-line record, or
/// a whole file whose line `e.line()` the caller names): the column counted in characters
/// (serde_json counts bytes), and serde_json's own `at line L column N` left out.
pub fn invalid_json(text: &str, e: &serde_json::Error) -> String {
    let line = text
        .split('\n')
        .nth(e.line().saturating_sub(1))
        .unwrap_or("");
    let full = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&place).unwrap_or(&full);
    let byte = e.column().saturating_sub(1);
    let column = line
        .char_indices()
        .take_while(|&(at, c)| at + c.len_utf8() <= byte)
        .count()
        + 1;
    format!("column {column}: invalid JSON: {what}")
}

/// `work` of every item (with its index), in order, on every core when there are at least
/// `worth_threads` items. The items are cut into one run per core; each run stops at its
/// first failure, and the error is that of the earliest run with one: the first failing
/// item's, as doing them one by one would give.
pub fn in_runs<I: Send, T: Send, E: Send>(
    mut items: Vec<I>,
    worth_threads: usize,
    work: impl Fn(usize, I) -> Result<T, E> + Sync,
) -> Result<Vec<T>, E> {
    let count = items.len();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let runs = if count < worth_threads.max(2) {
        1
    } else {
        cores.clamp(1, 8)
    };
    let run = |first: usize, part: Vec<I>| -> (Vec<T>, Option<E>) {
        let mut out = Vec::with_capacity(part.len());
        for (k, item) in part.into_iter().enumerate() {
            match work(first + k, item) {
                Ok(record) => out.push(record),
                Err(e) => return (out, Some(e)),
            }
        }
        (out, None)
    };
    let done: Vec<(Vec<T>, Option<E>)> = if runs == 1 {
        vec![run(0, items)]
    } else {
        let size = count.div_ceil(runs);
        let mut parts = Vec::with_capacity(runs);
        while items.len() > size {
            let rest = items.split_off(size);
            parts.push(std::mem::replace(&mut items, rest));
        }
        parts.push(items);
        let run = &run;
        std::thread::scope(|scope| {
            let workers: Vec<_> = parts
                .into_iter()
                .enumerate()
                .map(|(k, part)| scope.spawn(move || run(k * size, part)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a worker does not panic"))
                .collect()
        })
    };
    let mut all = Vec::with_capacity(count);
    for (records, problem) in done {
        if let Some(e) = problem {
            return Err(e);
        }
        all.extend(records);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_json_is_placed_at_its_character_column_without_serdes_own_place() {
        let line = r#"{"text": "Jalan “Tol”", "label": [[0, 5, "LOC"],]}"#;
        let e = serde_json::from_str::<serde_json::Value>(line).unwrap_err();
        // The trailing comma's `]` is after two curly quotes of three bytes each.
        let bracket = line.rfind(",]").unwrap() + 1;
        assert_eq!(e.column(), bracket + 1, "serde_json counts bytes");
        let chars = line[..bracket].chars().count() + 1;
        assert_eq!(
            invalid_json(line, &e),
            format!("column {chars}: invalid JSON: trailing comma")
        );
        assert_eq!(chars, bracket + 1 - 4);
        // On a later line of a whole file, the column is that line's.
        let second = r#""a": "“x”", "b": [1,]"#;
        let text = format!("{{\n{second}\n}}");
        let e = serde_json::from_str::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(e.line(), 2);
        let chars = second[..second.rfind(']').unwrap()].chars().count() + 1;
        assert_eq!(
            invalid_json(&text, &e),
            format!("column {chars}: invalid JSON: trailing comma")
        );
    }

    fn numbers(source: &str) -> Result<Vec<u32>, ImportError> {
        parse_lines(Path::new("n.jsonl"), source, |line| {
            line.trim()
                .parse::<u32>()
                .map_err(|e| format!("{line:?}: {e}"))
        })
    }

    #[test]
    fn every_line_in_order_and_the_first_bad_one_named() {
        let source: String = (0..1000).map(|i| format!("{i}\n\n")).collect();
        assert_eq!(numbers(&source).unwrap(), (0..1000).collect::<Vec<u32>>());
        // Bad lines in both runs: the earlier is named (line numbers count blank lines).
        let mut lines: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        lines[900] = "x".into();
        lines[700] = "y".into();
        lines[30] = "z".into();
        let e = numbers(&lines.join("\n")).unwrap_err();
        assert_eq!((e.line, e.file.as_path()), (Some(31), Path::new("n.jsonl")));
        lines[30] = "30".into();
        assert_eq!(numbers(&lines.join("\n")).unwrap_err().line, Some(701));
        assert_eq!(numbers("1\n2\nq\n").unwrap_err().line, Some(3));
    }
}

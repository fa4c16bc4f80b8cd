//! Reading a file of one record a line (JSONL) on every core, with the first bad line in file
//! order reported, as reading it line by line would.

use std::path::Path;

use super::ImportError;

/// Fewest lines worth spreading over threads.
const WORTH_THREADS: usize = 64;

/// What one run of lines gave: its records up to its first bad line, and that line's number
/// and problem.
type Run<T> = (Vec<T>, Option<(usize, String)>);

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
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let runs = if lines.len() < WORTH_THREADS {
        1
    } else {
        cores.clamp(1, 8)
    };
    let run = |part: &[(usize, &str)]| -> Run<T> {
        let mut out = Vec::with_capacity(part.len());
        for &(i, line) in part {
            match parse(line) {
                Ok(record) => out.push(record),
                Err(message) => return (out, Some((i + 1, message))),
            }
        }
        (out, None)
    };
    let parsed: Vec<Run<T>> = if runs == 1 {
        vec![run(&lines)]
    } else {
        let size = lines.len().div_ceil(runs);
        std::thread::scope(|scope| {
            let workers: Vec<_> = lines
                .chunks(size)
                .map(|part| scope.spawn(move || run(part)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a line parser does not panic"))
                .collect()
        })
    };
    let mut all = Vec::with_capacity(lines.len());
    for (records, problem) in parsed {
        if let Some((line, message)) = problem {
            return Err(ImportError::at(path, line, message));
        }
        all.extend(records);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

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

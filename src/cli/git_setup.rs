//! `tandai git-setup [DIR]`: registers tandai's merge driver for annotation files in the git
//! repository holding DIR, and keeps each session's side files out of it.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use super::failure::Failure;

/// `tandai git-setup --help`, after the options.
pub const AFTER_HELP: &str = "\
Run once in each clone (git keeps the driver in the clone's own config). At the top of the git
repository holding DIR (default: the current folder) it appends, without repeating lines
already there:
  .gitattributes  annotation files (*.ann.ron and annotators' *.ann.NAME.ron) merge with tandai
  .gitignore      the side files of a session: journals, locks, recovery and conflict copies,
                  backups before re-anchoring, temporary files
and sets `merge.tandai.driver` (this tandai's `merge-file %O %A %B --marker-size %L --path %P`)
and `merge.tandai.name` in the repository's config. Commit .gitattributes and .gitignore.

Exit codes: 0 done; 2 DIR is not in a git repository, or git cannot be run.

Examples:
  tandai git-setup                      the repository of the current folder
  tandai git-setup corpus --program tandai   call `tandai` from PATH instead of this binary";

/// The arguments of `tandai git-setup`.
#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// A folder inside the git repository (default: the current folder).
    pub dir: Option<PathBuf>,
    /// The tandai git runs as the driver (default: this binary's full path).
    #[arg(long, value_name = "PROGRAM")]
    pub program: Option<String>,
}

/// What `.gitattributes` gets: annotation files merge with the driver named `tandai`.
pub const ATTRIBUTES: &[&str] = &[
    "# tandai: annotation files merge annotation by annotation (tandai git-setup)",
    "*.ann.ron merge=tandai",
    "*.ann.*.ron merge=tandai",
];

/// What `.gitignore` gets: the files a session keeps beside an article, which belong to one
/// machine (commit the annotation file once tandai has folded its journal into it, on quit).
pub const IGNORED: &[&str] = &[
    "# tandai: a session's side files stay on its machine (tandai git-setup)",
    "*.ann.journal",
    "*.ann.*.journal",
    "*.ann.journal.aside*",
    "*.ann.*.journal.aside*",
    "*.ann.lock",
    "*.ann.*.lock",
    "*.ann.recovery.ron",
    "*.ann.*.recovery.ron",
    "*.ann.conflict.ron",
    "*.ann.conflict-*.ron",
    "*.ann.*.conflict.ron",
    "*.ann.*.conflict-*.ron",
    "*.ann.before-reanchor.*",
    "*.ann.*.before-reanchor.*",
    ".*.ann*.tmp",
];

fn git(dir: &Path, args: &[&str]) -> Result<String, Failure> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| Failure::bad_input(format!("cannot run git: {err}; is git installed?")))?;
    if !out.status.success() {
        return Err(Failure::bad_input(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// `lines` appended to the file at `path` where missing; how many were added.
fn append_missing(path: &Path, lines: &[&str]) -> Result<usize, Failure> {
    let old = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => {
            return Err(Failure::bad_input(format!(
                "{}: cannot read it: {err}",
                path.display()
            )));
        }
    };
    let present: Vec<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !present.contains(l))
        .collect();
    let rules = missing.iter().filter(|l| !l.starts_with('#')).count();
    if rules == 0 {
        return Ok(0);
    }
    let mut text = old.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    crate::store::atomic::write(path, text.as_bytes()).map_err(|failed| {
        Failure::failed(format!(
            "{}: {} failed: {}",
            path.display(),
            failed.step,
            failed.source
        ))
    })?;
    Ok(rules)
}

/// `program` quoted for the shell git runs the driver with.
fn quoted(program: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@".contains(c);
    if program.chars().all(plain) {
        program.to_owned()
    } else {
        format!("'{}'", program.replace('\'', r"'\''"))
    }
}

/// Runs `tandai git-setup`; see [`AFTER_HELP`].
pub fn run(args: &GitSetupArgs) -> Result<(), Failure> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|err| {
        Failure::bad_input(format!(
            "{} is not inside a git repository ({err}); run `git init` or `git clone` first",
            dir.display()
        ))
    })?;
    let top = PathBuf::from(top);
    let program = match &args.program {
        Some(program) => program.clone(),
        None => std::env::current_exe()
            .map_err(|err| Failure::failed(format!("cannot find this tandai's path: {err}")))?
            .to_string_lossy()
            .into_owned(),
    };
    let driver = format!(
        "{} merge-file %O %A %B --marker-size %L --path %P",
        quoted(&program)
    );
    let attributes = append_missing(&top.join(".gitattributes"), ATTRIBUTES)?;
    let ignored = append_missing(&top.join(".gitignore"), IGNORED)?;
    git(
        &top,
        &["config", "merge.tandai.name", "tandai annotation files"],
    )?;
    git(&top, &["config", "merge.tandai.driver", &driver])?;
    eprintln!(
        "tandai git-setup: {}: {attributes} line(s) added to .gitattributes, {ignored} to \
         .gitignore; merge.tandai.driver = {driver}",
        top.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_appended_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".gitignore");
        std::fs::write(&path, "target\n*.ann.lock").unwrap();
        assert_eq!(append_missing(&path, IGNORED).unwrap(), IGNORED.len() - 2);
        assert_eq!(append_missing(&path, IGNORED).unwrap(), 0);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("target\n*.ann.lock\n# tandai"), "{text}");
        assert_eq!(text.matches("*.ann.lock\n").count(), 1);
    }

    #[test]
    fn programs_are_quoted_for_the_shell() {
        assert_eq!(quoted("/usr/bin/tandai"), "/usr/bin/tandai");
        assert_eq!(quoted("/a b/it's"), r"'/a b/it'\''s'");
    }
}

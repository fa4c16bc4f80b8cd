//! The annotator started without a terminal (from a script, cron, a pipe): one line on stderr
//! naming the problem and the alternatives, exit code 2, no panic, and nothing written.
//! The cases where only one of stdin and stdout is a terminal run in tmux, which must be
//! installed (`.ci/run` installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::*;

/// Every path under `dir`, sorted.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(listing(&path));
        }
        out.push(path);
    }
    out.sort();
    out
}

/// Runs `tandai ARGS` with stdin, stdout and stderr not a terminal.
fn run_piped(args: &[&std::ffi::OsStr]) -> Output {
    tandai().args(args).stdin(Stdio::null()).output().unwrap()
}

/// The one line a run without a terminal must print, and its exit code.
fn assert_refused(out: &Output, missing: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line only: {err}");
    assert!(
        err.starts_with(&format!("tandai: {missing} not a terminal")),
        "{err}"
    );
    for alternative in ["tandai replay", "check", "show", "stats", "export"] {
        assert!(err.contains(alternative), "{alternative} missing: {err}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "{:?}", stdout(out));
}

/// A folder holding two articles, one with its annotation file.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let (dir, article) = sample_copy();
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::copy(SAMPLE, dir.path().join("more/b.txt")).unwrap();
    std::fs::copy(
        SAMPLE.replace(".txt", ".ann.ron"),
        ann_path(&dir.path().join("more/b.txt")),
    )
    .unwrap();
    (dir, article)
}

#[test]
fn an_article_without_a_terminal_is_refused_and_nothing_is_written() {
    let (dir, article) = corpus();
    let before = listing(dir.path());
    for args in [vec!["review"], vec![]] {
        let mut args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        args.push(article.as_os_str());
        assert_refused(&run_piped(&args), "stdin and stdout are");
        assert_eq!(listing(dir.path()), before, "{args:?}");
    }
}

#[test]
fn a_folder_without_a_terminal_is_refused_and_nothing_is_written() {
    let (dir, _) = corpus();
    let before = listing(dir.path());
    for args in [vec!["review"], vec![]] {
        let mut args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        args.push(dir.path().as_os_str());
        assert_refused(&run_piped(&args), "stdin and stdout are");
        assert_eq!(listing(dir.path()), before, "{args:?}");
    }
}

#[test]
fn the_bundled_sample_without_a_terminal_is_refused() {
    assert_refused(&run_piped(&[]), "stdin and stdout are");
}

#[test]
fn the_subcommands_still_run_without_a_terminal() {
    let (_dir, article) = sample_copy();
    let out = run_piped(&[
        "replay".as_ref(),
        "--keys".as_ref(),
        "q".as_ref(),
        article.as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_piped(&["check".as_ref(), article.as_ref()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Runs `shell` (a `sh -c` command line) in a detached tmux session, so that whatever it does
/// not redirect is a terminal, and waits (10 s at most) for it to write `rc` in `dir`.
fn in_tmux(dir: &Path, shell: &str) -> Option<String> {
    let version = Command::new("tmux").arg("-V").output();
    assert!(
        version.is_ok_and(|v| v.status.success()),
        "tmux is needed for this test (`.ci/run` installs it)"
    );
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let socket = format!("tandai-no-terminal-{}-{name}", std::process::id());
    let status = Command::new("tmux")
        .args(["-L", &socket, "new-session", "-d", "-x", "80", "-y", "24"])
        .arg("sh")
        .arg("-c")
        .arg(shell)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success());
    let rc = dir.join("rc");
    let start = Instant::now();
    while !rc.exists() && start.elapsed() < Duration::from_secs(10) {
        sleep(Duration::from_millis(50));
    }
    sleep(Duration::from_millis(50));
    let _ = Command::new("tmux")
        .args(["-L", &socket, "kill-server"])
        .stderr(Stdio::null())
        .status();
    std::fs::read_to_string(rc).ok()
}

#[test]
fn only_one_of_stdin_and_stdout_a_terminal_is_refused() {
    let binary = env!("CARGO_BIN_EXE_tandai");
    for (redirect, missing) in [("> ../out", "stdout is"), ("< /dev/null", "stdin is")] {
        let outer = tempfile::tempdir().unwrap();
        let dir = outer.path().join("work");
        std::fs::create_dir(&dir).unwrap();
        std::fs::copy(SAMPLE, dir.join("a.txt")).unwrap();
        let shell = format!(
            "USER=gold XDG_CONFIG_HOME=/nonexistent {binary} a.txt {redirect} 2> ../err; \
             echo $? > ../rc"
        );
        let rc = in_tmux(outer.path(), &format!("cd work && {shell}"));
        let err = std::fs::read_to_string(outer.path().join("err")).unwrap_or_default();
        assert_eq!(rc.as_deref(), Some("2\n"), "{redirect}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("tandai: {missing} not a terminal")),
            "{err}"
        );
        assert_eq!(listing(&dir), vec![dir.join("a.txt")], "{redirect}");
        if let Ok(out) = std::fs::read(outer.path().join("out")) {
            assert!(out.is_empty(), "{:?}", String::from_utf8_lossy(&out));
        }
    }
}

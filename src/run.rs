//! What each command line does, as a library function the binary and tests share.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::action::Action;
use crate::app::{self, Session};
use crate::cli::{Cli, Command};
use crate::keymap::{self, Keymap};

/// A failed command: the message for stderr and the process exit code.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, naming the file and place.
    pub message: String,
    /// 2 for bad input (unreadable article, annotation or keymap file) or no terminal for
    /// the annotator, 1 otherwise.
    pub code: u8,
}

impl Failure {
    pub(crate) fn input(message: impl ToString) -> Self {
        Self {
            message: message.to_string(),
            code: 2,
        }
    }
}

/// The bundled sample article, when tandai runs from its source tree.
pub fn sample_article() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/korut-dukung-rusia.txt");
    path.exists().then_some(path)
}

/// A working copy of the bundled sample and its gold annotation under `target/sample/`, so that
/// trying tandai never changes the gold file the tests compare with. An existing copy (with the
/// user's work in it) is kept.
fn sample_working_copy(sample: &Path) -> Result<PathBuf, Failure> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/sample");
    let failed =
        |path: &Path, e: std::io::Error| Failure::input(format!("{}: {e}", path.display()));
    std::fs::create_dir_all(&dir).map_err(|e| failed(&dir, e))?;
    let article = dir.join(sample.file_name().unwrap_or_default());
    for (from, to) in [
        (sample.to_owned(), article.clone()),
        (
            crate::store::annotation_path(sample),
            crate::store::annotation_path(&article),
        ),
    ] {
        if from.exists() && !to.exists() {
            std::fs::copy(&from, &to).map_err(|e| failed(&to, e))?;
        }
    }
    Ok(article)
}

/// Runs the command line.
pub fn run_cli(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Replay {
            keys,
            keys_file,
            size,
            review,
            timing,
            saved_log,
            file,
        }) => {
            let keys = match (keys, keys_file) {
                (Some(keys), _) => keys,
                (None, Some(path)) => read_keys_file(&path)?,
                (None, None) => String::new(),
            };
            let keymap = load_keymap(cli.keymap.as_deref(), false)?;
            let opening = Instant::now();
            let mut session = open(&file, keymap, cli.force, false, review)?;
            let opened = opening.elapsed();
            if timing {
                let (screen, times) =
                    app::replay_timed(&mut session, &keys, size).map_err(Failure::input)?;
                // The end of the keys ends the session, as `q` does: the journal is folded.
                session.fold_journal();
                print!("{screen}");
                eprint!("{}", timing_report(opened, size, &times));
                return Ok(());
            }
            let mut log = match &saved_log {
                Some(path) => Some(
                    std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(path)
                        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?,
                ),
                None => None,
            };
            let log = log.as_mut().map(|f| f as &mut dyn std::io::Write);
            let screen = app::replay(&mut session, &keys, size, log).map_err(Failure::input)?;
            session.fold_journal();
            print!("{screen}");
            if let Some(farewell) = session.farewell() {
                eprintln!("tandai: {farewell}");
            }
            Ok(())
        }
        Some(Command::Review { file }) => {
            need_terminal()?;
            let keymap = load_keymap(cli.keymap.as_deref(), true)?;
            if file.is_dir() {
                return corpus(&file, keymap, true);
            }
            interactive(open(&file, keymap, cli.force, true, true)?)
        }
        Some(Command::Reanchor { file }) => {
            let mut session = open(&file, Keymap::embedded_default(), cli.force, false, false)?;
            let Some(report) = session.reanchored() else {
                println!(
                    "{}: the article has not changed; nothing to do",
                    file.display()
                );
                return Ok(());
            };
            session.save().map_err(|err| Failure {
                message: err.to_string(),
                code: 1,
            })?;
            let backup = crate::store::before_reanchor_path(&file);
            println!(
                "{}: {}",
                file.display(),
                app::reanchor_notice(&report, &backup)
            );
            Ok(())
        }
        Some(Command::Check { path }) => crate::commands::run_check(&path),
        Some(Command::Stats { path, json }) => crate::commands::run_stats(&path, json),
        Some(Command::Show { file, json }) => crate::commands::run_show(&file, json),
        Some(Command::Export(args)) => {
            let keymap = load_keymap(cli.keymap.as_deref(), false)?;
            crate::export_cli::run(&args, keymap.labels())
        }
        Some(Command::Import(args)) => crate::import::run(&args),
        None => {
            need_terminal()?;
            let sample = cli.file.is_none();
            let file = match cli.file {
                Some(file) => file,
                None => sample_working_copy(&sample_article().ok_or_else(|| {
                    Failure::input(
                        "no article given and the bundled sample is not here: tandai FILE",
                    )
                })?)?,
            };
            let keymap = load_keymap(cli.keymap.as_deref(), true)?;
            if file.is_dir() {
                return corpus(&file, keymap, false);
            }
            let mut session = open(&file, keymap, cli.force, true, false)?;
            if sample && session.state.message.is_none() {
                session.state.message = Some(format!(
                    "the bundled sample with its gold annotation: a working copy in {}",
                    file.parent()
                        .map_or_else(String::new, |p| p.display().to_string())
                ));
            }
            interactive(session)
        }
    }
}

/// Fails, before anything is opened or written, unless both stdin and stdout are a terminal:
/// the annotator reads keys from one and draws on the other.
fn need_terminal() -> Result<(), Failure> {
    use std::io::IsTerminal;
    let missing = match (
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    ) {
        (true, true) => return Ok(()),
        (false, true) => "stdin is",
        (true, false) => "stdout is",
        (false, false) => "stdin and stdout are",
    };
    Err(Failure::input(format!(
        "{missing} not a terminal, and the annotator needs one; without a terminal use \
         `tandai replay --keys KEYS FILE`, or `tandai check`, `show`, `stats` or `export`"
    )))
}

/// Opens an article; interactively, offers to restore a crash's recovery file, otherwise
/// mentions it; `review` starts in the review panel.
fn open(
    file: &Path,
    keymap: Keymap,
    force: bool,
    interactive: bool,
    review: bool,
) -> Result<Session, Failure> {
    let mut session = Session::open_with(file, keymap, force).map_err(Failure::input)?;
    if interactive {
        offer_recovery(&mut session)?;
    } else if let Some(recovery) = session.pending_recovery() {
        eprintln!(
            "tandai: note: {} holds annotations saved after a crash; open the article interactively to restore it",
            recovery.display()
        );
    }
    if review {
        session.state.update(Action::ToggleReview);
    }
    Ok(session)
}

fn corpus(dir: &Path, keymap: Keymap, review: bool) -> Result<(), Failure> {
    app::run_corpus(dir, keymap, review).map_err(|e| Failure {
        message: format!("terminal: {e}"),
        code: 1,
    })
}

fn interactive(session: Session) -> Result<(), Failure> {
    app::run(session).map_err(|e| Failure {
        message: format!("terminal: {e}"),
        code: 1,
    })
}

/// The `--timing` report of a replay: open, first frame, keys and saves, in milliseconds.
fn timing_report(opened: Duration, size: (u16, u16), times: &app::Timings) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut out = format!(
        "timing: open {:.2} ms, first frame {:.2} ms, open to first frame {:.2} ms\n",
        ms(opened),
        ms(times.first_frame),
        ms(opened + times.first_frame)
    );
    let line = |what: &str, list: &[Duration]| match app::summary(list) {
        Some((median, p99, max)) => format!(
            "timing: {what}: {} × median {:.3} ms, p99 {:.3} ms, max {:.3} ms\n",
            list.len(),
            ms(median),
            ms(p99),
            ms(max)
        ),
        None => format!("timing: {what}: none\n"),
    };
    out.push_str(&line(
        &format!("key + {}x{} frame (saves apart)", size.0, size.1),
        &times.keys,
    ));
    out.push_str(&line("save", &times.saves));
    out
}

/// The keymap: `--keymap FILE` over the default, else (interactive only) the user's config
/// file over the default, else the default.
fn load_keymap(path: Option<&Path>, use_config: bool) -> Result<Keymap, Failure> {
    let user = path.map(Path::to_owned).or_else(|| {
        use_config
            .then(keymap::user_keymap_path)
            .flatten()
            .filter(|p| p.exists())
    });
    match user {
        Some(path) => Keymap::load_over_default(&path).map_err(Failure::input),
        None => Ok(Keymap::embedded_default()),
    }
}

/// Reads a keys file: line breaks are dropped, `#` lines are comments.
fn read_keys_file(path: &Path) -> Result<String, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    Ok(text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect())
}

/// Asks on the terminal whether to restore annotations left by a crash.
fn offer_recovery(session: &mut Session) -> Result<(), Failure> {
    use std::io::{BufRead, IsTerminal, Write};
    let Some(recovery) = session.pending_recovery() else {
        return Ok(());
    };
    if !std::io::stdin().is_terminal() {
        return Ok(());
    }
    eprint!(
        "tandai: {} holds the annotations in memory at a crash. Restore them over {}? [y/N] ",
        recovery.display(),
        crate::store::annotation_path(&session.article).display()
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if answer.trim().eq_ignore_ascii_case("y") {
        session.restore_recovery().map_err(|err| Failure {
            message: err.to_string(),
            code: 1,
        })?;
        eprintln!("tandai: restored.");
    } else {
        eprintln!(
            "tandai: kept {} as it is; delete it when you no longer need it.",
            recovery.display()
        );
    }
    Ok(())
}

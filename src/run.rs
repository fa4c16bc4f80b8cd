//! What each command line does, as a library function the binary and tests share.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::app::{self, Session};
use crate::cli::{Cli, Command};
use crate::keymap::{self, Keymap};

/// A failed command: the message for stderr and the process exit code.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, naming the file and place.
    pub message: String,
    /// 2 for bad input (unreadable article, annotation or keymap file), 1 otherwise.
    pub code: u8,
}

impl Failure {
    fn input(message: impl ToString) -> Self {
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

/// Runs the command line.
pub fn run_cli(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Replay {
            keys,
            keys_file,
            size,
            timing,
            file,
        }) => {
            let keys = match (keys, keys_file) {
                (Some(keys), _) => keys,
                (None, Some(path)) => read_keys_file(&path)?,
                (None, None) => String::new(),
            };
            let keymap = load_keymap(cli.keymap.as_deref(), false)?;
            let opening = Instant::now();
            let mut session = Session::open(&file, keymap).map_err(Failure::input)?;
            let opened = opening.elapsed();
            if timing {
                let (screen, times) =
                    app::replay_timed(&mut session, &keys, size).map_err(Failure::input)?;
                print!("{screen}");
                eprint!("{}", timing_report(opened, size, &times));
                return Ok(());
            }
            let screen = app::replay(&mut session, &keys, size).map_err(Failure::input)?;
            print!("{screen}");
            Ok(())
        }
        None => {
            let file = cli.file.or_else(sample_article).ok_or_else(|| {
                Failure::input("no article given and the bundled sample is not here: tandai FILE")
            })?;
            let keymap = load_keymap(cli.keymap.as_deref(), true)?;
            let session = Session::open(&file, keymap).map_err(Failure::input)?;
            app::run(session).map_err(|e| Failure {
                message: format!("terminal: {e}"),
                code: 1,
            })
        }
    }
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

//! `tandai replay --keys KEYS FILE`: the annotator without a terminal; keys applied, saved as
//! the terminal does, the final screen printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;

use super::failure::Failure;
use super::session::{self, Global};
use crate::app;

/// `tandai replay --help`, after the options.
pub const AFTER_HELP: &str = "Keys use the keymap notation: every character is a key, named keys in angle brackets (<Enter>, <Esc>, <C-r>, <S-Right>, <Space>, <lt> for '<').\n\nExample:\n  tandai replay --keys '/Choe Son Hui<Enter>1' --size 100x30 article.txt";

/// The arguments of `tandai replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The keys to apply, in keymap notation.
    #[arg(
        long,
        required_unless_present = "keys_file",
        conflicts_with = "keys_file"
    )]
    pub keys: Option<String>,
    /// A file of keys in keymap notation: line breaks are ignored, lines starting with `#`
    /// are comments.
    #[arg(long, value_name = "FILE")]
    pub keys_file: Option<PathBuf>,
    /// Screen size as COLUMNSxROWS.
    #[arg(long, default_value = "100x30", value_parser = parse_size)]
    pub size: (u16, u16),
    /// Start in the review panel, as `tandai review` does.
    #[arg(long)]
    pub review: bool,
    /// Draw a frame after every key and print, to stderr, the time to open the article
    /// and draw its first frame, and per-key latency (median, p99, max) of handling a key
    /// plus drawing its frame; saves are timed apart.
    #[arg(long)]
    pub timing: bool,
    /// For tests: after every save the screen shows as saved, append a line naming every
    /// annotation in memory to FILE.
    #[arg(long, value_name = "FILE", hide = true)]
    pub saved_log: Option<PathBuf>,
    /// The article.
    pub file: PathBuf,
}

/// Runs `tandai replay`.
pub fn run(args: &ReplayArgs, global: &Global) -> Result<(), Failure> {
    let keys = match (&args.keys, &args.keys_file) {
        (Some(keys), _) => keys.clone(),
        (None, Some(path)) => read_keys_file(path)?,
        (None, None) => String::new(),
    };
    let keymap = session::load_keymap(global.keymap.as_deref(), false)?;
    let opening = Instant::now();
    let mut session = session::open(&args.file, keymap, global, false, args.review)?;
    let opened = opening.elapsed();
    if args.timing {
        let (screen, times) =
            app::replay_timed(&mut session, &keys, args.size).map_err(Failure::bad_input)?;
        // The end of the keys ends the session, as `q` does: the journal is folded.
        session.fold_journal();
        print!("{screen}");
        eprint!("{}", timing_report(opened, args.size, &times));
        return Ok(());
    }
    let mut log = match &args.saved_log {
        Some(path) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| Failure::bad_input(format!("{}: {e}", path.display())))?,
        ),
        None => None,
    };
    let log = log.as_mut().map(|f| f as &mut dyn std::io::Write);
    let screen = app::replay(&mut session, &keys, args.size, log).map_err(Failure::bad_input)?;
    session.fold_journal();
    print!("{screen}");
    if let Some(farewell) = session.farewell() {
        eprintln!("tandai: {farewell}");
    }
    Ok(())
}

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("size '{text}' is not COLUMNSxROWS, e.g. 100x30"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("size '{text}': '{s}' is not a positive number"))
    };
    Ok((number(w)?, number(h)?))
}

/// Reads a keys file: line breaks are dropped, `#` lines are comments.
fn read_keys_file(path: &Path) -> Result<String, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::bad_input(format!("{}: {e}", path.display())))?;
    Ok(text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_parses_and_rejects_nonsense() {
        assert_eq!(parse_size("100x30"), Ok((100, 30)));
        assert!(parse_size("0x5").is_err());
        assert!(parse_size("100").is_err());
    }
}

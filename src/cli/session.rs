//! What the front ends that open an article share: the global options, the keymap, the
//! terminal check, opening a session (with the offer to restore a crash's recovery file) and
//! running the terminal loops.

use std::path::{Path, PathBuf};

use super::failure::{Failure, Kind};
use crate::action::Action;
use crate::app::{self, Session};
use crate::keymap::{self, Keymap};
use crate::store::{AnnotationFile, Annotator};

/// The options every command takes.
#[derive(Clone, Debug, Default)]
pub struct Global {
    /// `--keymap FILE`.
    pub keymap: Option<PathBuf>,
    /// `--force`: take the article's lock even from another live tandai.
    pub force: bool,
    /// `--annotator NAME`: open NAME's own annotation files instead of the gold ones.
    pub annotator: Option<Annotator>,
    /// `--all-articles`: the document list shows every article, whatever the plan.
    pub all_articles: bool,
    /// `--gazetteer`, `--patterns`, `--cues`, `--no-suggestions`.
    pub suggest: app::SuggestOptions,
}

/// The keymap: `--keymap FILE` over the default, else (interactive only) the user's config
/// file over the default, else the default.
pub fn load_keymap(path: Option<&Path>, use_config: bool) -> Result<Keymap, Failure> {
    let user = path.map(Path::to_owned).or_else(|| {
        use_config
            .then(keymap::user_keymap_path)
            .flatten()
            .filter(|p| p.exists())
    });
    match user {
        Some(path) => Keymap::load_over_default(&path).map_err(Failure::bad_input),
        None => Ok(Keymap::embedded_default()),
    }
}

/// Whose annotation files to open: `--annotator NAME`, else (interactive only, as for the
/// keymap) the user's `tandai/config.ron`, else nobody's (the gold files). A config file
/// that cannot be read is refused with its place, before anything is opened.
pub fn annotator(global: &Global, use_config: bool) -> Result<Option<Annotator>, Failure> {
    if global.annotator.is_some() || !use_config {
        return Ok(global.annotator.clone());
    }
    match super::config::config_path() {
        Some(path) => super::config::load(&path)
            .map(|config| config.annotator)
            .map_err(Failure::bad_input),
        None => Ok(None),
    }
}

/// Fails, before anything is opened or written, unless both stdin and stdout are a terminal:
/// the annotator reads keys from one and draws on the other.
pub fn need_terminal() -> Result<(), Failure> {
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
    Err(Failure::new(
        Kind::NoTerminal,
        format!(
            "{missing} not a terminal, and the annotator needs one; without a terminal use \
             `tandai replay --keys KEYS FILE`, or `tandai check`, `show`, `stats` or `export`"
        ),
    ))
}

/// Opens an article (on the annotator's own file, see [`annotator`]); interactively, offers
/// to restore a crash's recovery file, otherwise mentions it; `review` starts in the review
/// panel.
pub fn open(
    file: &Path,
    keymap: Keymap,
    global: &Global,
    interactive: bool,
    review: bool,
) -> Result<Session, Failure> {
    let whose = annotator(global, interactive)?;
    open_file(
        AnnotationFile::of(file, whose.as_ref()),
        keymap,
        global,
        interactive,
        review,
    )
}

/// [`open`] on the gold file of `file` whatever `--annotator` or the user's config say: for
/// the commands that settle annotators' work into the gold (`tandai adjudicate`).
pub fn open_gold(file: &Path, keymap: Keymap, global: &Global) -> Result<Session, Failure> {
    open_file(AnnotationFile::gold(file), keymap, global, true, false)
}

fn open_file(
    target: AnnotationFile<'_>,
    keymap: Keymap,
    global: &Global,
    interactive: bool,
    review: bool,
) -> Result<Session, Failure> {
    let mut session = Session::open_suggesting(target, keymap, global.force, &global.suggest)
        .map_err(Failure::bad_input)?;
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

/// The document list of the folder `dir`, in the terminal: on the annotator's files (see
/// [`annotator`]), following the folder's assignment plan if it has one (a plan that cannot be
/// read is refused with its place, before the terminal is taken).
pub fn run_corpus(
    dir: &Path,
    keymap: Keymap,
    global: &Global,
    review: bool,
) -> Result<(), Failure> {
    let options = app::ListOptions {
        review,
        annotator: annotator(global, true)?,
        plan: crate::corpus::Plan::read(dir).map_err(Failure::bad_input)?,
        all_articles: global.all_articles,
    };
    app::run_corpus(dir, keymap, options).map_err(|e| Failure::failed(format!("terminal: {e}")))
}

/// The annotator on an open article, in the terminal.
pub fn run_annotator(session: Session) -> Result<(), Failure> {
    app::run(session).map_err(|e| Failure::failed(format!("terminal: {e}")))
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
        session.file().path().display()
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if answer.trim().eq_ignore_ascii_case("y") {
        session.restore_recovery().map_err(Failure::failed)?;
        eprintln!("tandai: restored.");
    } else {
        eprintln!(
            "tandai: kept {} as it is; delete it when you no longer need it.",
            recovery.display()
        );
    }
    Ok(())
}

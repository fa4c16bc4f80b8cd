//! The suggester of a session, from the files beside the article and the command line: the
//! editor's gazetteers and patterns, the cue lexicon, another tool's predictions, and the
//! texts labelled in the other documents of the folder.

use std::path::{Path, PathBuf};

use crate::corpus::lexicon::folder_lexicon;
use crate::model::Document;
use crate::suggest::cues::{CueError, Cues};
use crate::suggest::engine::{Finder, Fixed, Suggester};
use crate::suggest::lexicon::{Lexicon, LexiconError, lexicon_files_in};
use crate::suggest::predictions;
use crate::suggest::speech::Speech;

/// What a session's suggestions are made of, beyond what the article's folder offers.
#[derive(Clone, Debug, Default)]
pub struct SuggestOptions {
    /// Gazetteers (`.tsv`) and pattern files (`.jsonl`) given on the command line, used with
    /// those of the article's folder (`*.gazetteer.tsv`, `*.patterns.jsonl`).
    pub lexicons: Vec<PathBuf>,
    /// A cue lexicon extending tandai's (`--cues`); the user's `cues.ron` in the tandai config
    /// folder is read too when it exists.
    pub cues: Option<PathBuf>,
    /// Start with suggestions off (`--no-suggestions`); the toggle key turns them on.
    pub off: bool,
}

/// Why the suggestions could not be set up: a gazetteer, pattern file or cue lexicon the
/// editor provided is wrong.
#[derive(Debug, thiserror::Error)]
pub enum SuggestError {
    /// A gazetteer or pattern file.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// A cue lexicon.
    #[error(transparent)]
    Cues(#[from] CueError),
    /// A cue lexicon could not be read.
    #[error("{}: {source}", file.display())]
    ReadCues {
        /// The file.
        file: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

impl Finder for Lexicon {
    fn find(&self, doc: &Document, index: usize) -> Vec<crate::suggest::Suggestion> {
        Lexicon::find(self, doc, index)
    }
}

/// Where the user's own cue lexicon lives: `tandai/cues.ron` in the config folder.
pub fn user_cues_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("tandai").join("cues.ron"))
}

fn read_cues(file: &Path) -> Result<Cues, SuggestError> {
    let bytes = std::fs::read(file).map_err(|source| SuggestError::ReadCues {
        file: file.to_owned(),
        source,
    })?;
    Ok(Cues::parse_bytes(&bytes, &file.display().to_string())?)
}

/// The suggester for `article` (whose text is `doc`), and what was left out of it: the
/// predictions stored beside the article are derived data, so a damaged side file, or one made
/// for an older text of the article, is skipped with a message rather than refusing the
/// article (`tandai suggest` writes it again).
pub fn suggester_for(
    article: &Path,
    doc: &Document,
    options: &SuggestOptions,
) -> Result<(Suggester, Option<String>), SuggestError> {
    let dir = article
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut files = options.lexicons.clone();
    for file in lexicon_files_in(dir) {
        if !files.contains(&file) {
            files.push(file);
        }
    }
    let mut finders: Vec<Box<dyn Finder>> = Vec::new();
    if !files.is_empty() {
        finders.push(Box::new(Lexicon::load(&files)?));
    }
    let mut skipped = None;
    match predictions::load(article, doc) {
        Ok(Some(predicted)) => finders.push(Box::new(Fixed::new(predicted.suggestions()))),
        Ok(None) => {}
        Err(err) => skipped = Some(format!("predictions not used: {err}")),
    }
    let mut cues = Cues::builtin();
    let user = user_cues_path().filter(|p| p.is_file());
    for file in user.iter().chain(options.cues.iter()) {
        cues.extend(read_cues(file)?);
    }
    let (corpus, _) = folder_lexicon(article);
    let mut suggester = Suggester::new(corpus, finders, Some(Box::new(Speech::new(cues))));
    if options.off {
        suggester.set_enabled(false);
    }
    Ok((suggester, skipped))
}

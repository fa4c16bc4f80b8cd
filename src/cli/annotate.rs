//! `tandai [FILE|DIR]`: the annotator on one article, or the document list of a folder; with
//! no argument, a working copy of the bundled sample.

use std::path::{Path, PathBuf};

use super::failure::Failure;
use super::session::{self, Global};

/// The bundled sample article, when tandai runs from its source tree.
pub fn sample_article() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/korut-dukung-rusia.txt");
    path.exists().then_some(path)
}

/// Runs the annotator on `file` (the sample when `None`).
pub fn run(file: Option<PathBuf>, global: &Global) -> Result<(), Failure> {
    session::need_terminal()?;
    let sample = file.is_none();
    let file = match file {
        Some(file) => file,
        None => sample_working_copy(&sample_article().ok_or_else(|| {
            Failure::bad_input("no article given and the bundled sample is not here: tandai FILE")
        })?)?,
    };
    let keymap = session::load_keymap(global.keymap.as_deref(), true)?;
    if file.is_dir() {
        return session::run_corpus(&file, keymap, global, false);
    }
    let mut session = session::open(&file, keymap, global, true, false)?;
    if sample && session.state.message.is_none() {
        let dir = file
            .parent()
            .map_or_else(String::new, |p| p.display().to_string());
        session.state.update(crate::action::Action::Notice(format!(
            "the bundled sample with its gold annotation: a working copy in {dir}"
        )));
    }
    session::run_annotator(session)
}

/// A working copy of the bundled sample, its gold annotation and the samples' gazetteer under
/// `target/sample/`, so that trying tandai never changes the gold file the tests compare with.
/// An existing copy (with the user's work in it) is kept.
fn sample_working_copy(sample: &Path) -> Result<PathBuf, Failure> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/sample");
    let failed =
        |path: &Path, e: std::io::Error| Failure::bad_input(format!("{}: {e}", path.display()));
    std::fs::create_dir_all(&dir).map_err(|e| failed(&dir, e))?;
    let article = dir.join(sample.file_name().unwrap_or_default());
    let gazetteer = "newsroom.gazetteer.tsv";
    for (from, to) in [
        (sample.to_owned(), article.clone()),
        (
            crate::store::annotation_path(sample),
            crate::store::annotation_path(&article),
        ),
        (sample.with_file_name(gazetteer), dir.join(gazetteer)),
    ] {
        if from.exists() && !to.exists() {
            std::fs::copy(&from, &to).map_err(|e| failed(&to, e))?;
        }
    }
    Ok(article)
}

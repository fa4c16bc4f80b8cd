//! Helpers shared by the end-to-end tests: a temporary copy of the sample and the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled sample article.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/korut-dukung-rusia.txt"
);

/// A temporary folder holding a copy of the sample article (without annotations).
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("korut-dukung-rusia.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    (dir, article)
}

/// The `tandai` binary with a fixed annotator name and no user config.
pub fn tandai() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tandai"));
    cmd.env("USER", "gold")
        .env("XDG_CONFIG_HOME", "/nonexistent-tandai-config");
    cmd
}

/// Runs `tandai ARGS` and waits for it.
pub fn run(args: &[&str]) -> Output {
    tandai().args(args).output().unwrap()
}

/// A path as an argument (the tests' paths are UTF-8).
pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs `tandai replay --keys KEYS FILE`.
pub fn replay(keys: &str, article: &Path) -> Output {
    tandai()
        .args(["replay", "--size", "100x30", "--keys", keys])
        .arg(article)
        .output()
        .unwrap()
}

/// The annotation file beside an article.
pub fn ann_path(article: &Path) -> PathBuf {
    article.with_extension("ann.ron")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Applies a change that asks for a save, runs the save, and checks that it was saved.
pub fn change(session: &mut tandai::app::Session, action: tandai::action::Action) {
    let effect = session
        .state
        .update(action)
        .expect("a change asks for a save");
    assert!(!session.run(effect));
    assert_eq!(session.state.save_status, tandai::state::SaveStatus::Saved);
}

pub mod tmux;

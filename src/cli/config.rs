//! The user's settings: `tandai/config.ron` in the platform's config folder, beside
//! `keymap.ron` (`~/.config/tandai/config.ron` on Linux). For now it names the annotator whose
//! files the interactive commands open when `--annotator` is not given:
//!
//! ```text
//! (annotator: "alice")
//! ```
//!
//! A file that is not this shape, or names a bad annotator, is refused with its line and
//! column; nothing is opened.

use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::ron_locate;
use crate::store::{Annotator, BadName};

/// The settings file's shape; every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Config", deny_unknown_fields)]
struct Text {
    annotator: Option<String>,
}

/// The user's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Whose annotation files to open when `--annotator` is not given.
    pub annotator: Option<Annotator>,
}

/// Why the settings file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// It exists but cannot be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// It is not a settings file.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Its annotator's name cannot be used in a file name.
    #[error("{}:{line}:{column}: {source}", path.display())]
    Name {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Why the name is refused.
        source: BadName,
    },
}

/// Where the settings file is looked for: `tandai/config.ron` in the config folder.
pub fn config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("tandai").join("config.ron"))
}

/// Reads the settings at `path`; a file that does not exist holds none.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    parse(path, &text)
}

/// Parses the settings `text` of the file at `path`.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let read: Text = options.from_str(text).map_err(|err| {
        let place = ron_locate::skip_blank(
            text,
            ron_locate::Place {
                line: err.span.start.line,
                column: err.span.start.col,
            },
        );
        ConfigError::Syntax {
            path: path.to_owned(),
            line: place.line,
            column: place.column,
            message: err.code.to_string(),
        }
    })?;
    let annotator = match read.annotator {
        None => None,
        Some(name) => Some(Annotator::new(&name).map_err(|source| {
            let place = ron_locate::fields(text)
                .find(|(n, _, _)| *n == "annotator")
                .map_or(ron_locate::Place { line: 1, column: 1 }, |(_, _, value)| {
                    ron_locate::place_of_byte(text, value)
                });
            ConfigError::Name {
                path: path.to_owned(),
                line: place.line,
                column: place.column,
                source,
            }
        })?),
    };
    Ok(Config { annotator })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        parse(Path::new("config.ron"), text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn names_the_annotator_or_nobody() {
        let path = Path::new("config.ron");
        let alice = parse(path, "// mine\n(annotator: \"alice\")\n").unwrap();
        assert_eq!(alice.annotator.unwrap().as_str(), "alice");
        assert_eq!(parse(path, "()").unwrap(), Config::default());
        assert_eq!(parse(path, "Config()").unwrap(), Config::default());
    }

    #[test]
    fn a_malformed_file_is_refused_with_its_place() {
        assert_eq!(
            error("(\n  annotator: alice,\n)"),
            "config.ron:2:14: Expected string"
        );
        assert!(
            error("(\n  annotater: \"alice\",\n)").starts_with("config.ron:2:3: Unexpected field"),
            "{}",
            error("(\n  annotater: \"alice\",\n)")
        );
        assert_eq!(
            error("(\n  annotator:  \"a.b\",\n)"),
            format!("config.ron:2:15: {}", Annotator::new("a.b").unwrap_err())
        );
    }

    #[test]
    fn a_missing_file_holds_no_settings_and_an_unreadable_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load(&dir.path().join("none.ron")).unwrap(),
            Config::default()
        );
        let err = load(dir.path()).unwrap_err();
        assert!(matches!(err, ConfigError::Read { .. }), "{err}");
    }
}

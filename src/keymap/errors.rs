//! Why a keymap file, or a key written in notation, was refused.

use std::path::PathBuf;

/// A keymap file that could not be used. Displays as `FILE:LINE:COL: message` (1-based) when
/// the problem has a place in the file.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// The file could not be read.
    #[error("{}: cannot read keymap: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The reading error.
        source: std::io::Error,
    },
    /// The file was read but its content is wrong.
    #[error("{origin}:{line}:{col}: {message}")]
    Invalid {
        /// The file's name, as given to the loader.
        origin: String,
        /// Line of the problem, 1-based.
        line: usize,
        /// Column of the problem, 1-based, in characters.
        col: usize,
        /// What is wrong.
        message: String,
    },
}

/// Key notation that names no key (see [`parse_sequence`](super::parse_sequence) and
/// [`parse_keystrokes`](super::parse_keystrokes)).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotationError {
    /// A key sequence with no key in it.
    #[error("empty key sequence")]
    Empty,
    /// A `<` whose `>` never comes (the rest of the text).
    #[error("unclosed `{0}`")]
    Unclosed(String),
    /// Several characters not in `<...>`.
    #[error("`{0}` is not one key: separate keys with spaces, write named keys as <Name>")]
    NotOneKey(String),
    /// A `<...>` naming no key.
    #[error("unknown key `{0}`")]
    UnknownKey(String),
    /// Shift with a character that is not a letter.
    #[error("`{0}`: shift goes with letters and named keys; write the shifted character")]
    ShiftedCharacter(String),
}

impl KeymapError {
    /// A RON error from parsing the file `origin`, at ron's position.
    pub(super) fn from_ron(origin: &str, error: &ron::error::SpannedError) -> Self {
        KeymapError::Invalid {
            origin: origin.to_string(),
            line: error.span.start.line,
            col: error.span.start.col,
            message: error.code.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_line_column() {
        let e = KeymapError::Invalid {
            origin: "k.ron".into(),
            line: 3,
            col: 7,
            message: "bad".into(),
        };
        assert_eq!(e.to_string(), "k.ron:3:7: bad");
        let e = KeymapError::Read {
            path: "/nope/k.ron".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        assert!(
            e.to_string()
                .starts_with("/nope/k.ron: cannot read keymap: ")
        );
    }
}

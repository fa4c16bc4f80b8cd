//! Why a keymap file was refused.

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

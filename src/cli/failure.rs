//! The one error of the command line: what went wrong, and the exit code it ends with.

use std::fmt::Display;

/// Why a command failed; it decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Bad input: an article, annotation, keymap or keys file that cannot be read, options
    /// that do not go together, an output that would overwrite an input, documents an export
    /// had to skip (exit 2).
    BadInput,
    /// A path that holds nothing to work on (exit 2).
    NothingToDo,
    /// The annotator needs a terminal and has none (exit 2).
    NoTerminal,
    /// The command ran and found problems in the annotations (`check`, `stats`) (exit 1).
    Problems,
    /// The command could not finish: a write, the terminal (exit 1).
    Failed,
}

impl Kind {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::BadInput | Kind::NothingToDo | Kind::NoTerminal => 2,
            Kind::Problems | Kind::Failed => 1,
        }
    }
}

/// A failed command: the message for stderr (naming the file and place) and its kind.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    /// Why it failed.
    pub kind: Kind,
    /// What went wrong.
    pub message: String,
}

impl Failure {
    /// A failure of `kind`.
    pub fn new(kind: Kind, message: impl Display) -> Self {
        Self {
            kind,
            message: message.to_string(),
        }
    }

    /// Bad input (exit 2).
    pub fn bad_input(message: impl Display) -> Self {
        Self::new(Kind::BadInput, message)
    }

    /// Nothing to work on (exit 2).
    pub fn nothing_to_do(message: impl Display) -> Self {
        Self::new(Kind::NothingToDo, message)
    }

    /// Problems found in the annotations (exit 1).
    pub fn problems(message: impl Display) -> Self {
        Self::new(Kind::Problems, message)
    }

    /// The command could not finish (exit 1).
    pub fn failed(message: impl Display) -> Self {
        Self::new(Kind::Failed, message)
    }

    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_two_and_failures_are_one() {
        assert_eq!(Failure::bad_input("x").exit_code(), 2);
        assert_eq!(Failure::nothing_to_do("x").exit_code(), 2);
        assert_eq!(Failure::new(Kind::NoTerminal, "x").exit_code(), 2);
        assert_eq!(Failure::problems("x").exit_code(), 1);
        assert_eq!(Failure::failed("x").to_string(), "x");
    }
}

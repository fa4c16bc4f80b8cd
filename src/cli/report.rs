//! What the report commands (`check`, `stats`, `show`) share: a report that could not be made
//! is bad input.

use super::failure::Failure;
use crate::commands::ReportError;

/// The failure for a report that could not be made: nothing to do for a path without
/// articles, bad input otherwise (both exit 2).
pub fn failure(err: ReportError) -> Failure {
    match err {
        ReportError::NothingToDo { .. } => Failure::nothing_to_do(err),
        _ => Failure::bad_input(err),
    }
}

//! Pure views: draw the state into a ratatui frame, never change it.

mod sanitize;
mod wrap;

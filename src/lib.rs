//! tandai: a terminal annotator for news articles.
//!
//! The shape is one state, one update, pure views: [`keymap`] turns keys into
//! [`action::Action`]s, [`state::AppState::update`] applies them, [`ui`] draws the state, and
//! [`store`] reads and writes the annotation file.

pub mod action;
pub mod export;
pub mod keymap;
pub mod model;
pub mod state;
pub mod store;
pub mod ui;

//! tandai: a terminal annotator for news articles.
//!
//! The shape is one state, one update, pure views: [`keymap`] turns keys into
//! [`action::Action`]s, [`state::AppState::update`] applies them, [`ui`] draws the state, and
//! [`store`] reads and writes the annotation file.

pub mod action;
pub mod agree;
pub mod app;
#[doc(hidden)]
pub mod bench_support;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod durable;
pub mod export;
pub mod import;
pub mod keymap;
pub mod model;
pub mod report;
mod ron_locate;
pub mod state;
pub mod store;
pub mod suggest;
pub mod ui;

pub use cli::{Failure, run_cli, sample_article};

/// Every binary, example, benchmark and test linked with tandai allocates through mimalloc:
/// computing suggestions and exporting make many small, short-lived allocations on several
/// threads, which it serves faster than the system allocator. It is built without transparent
/// huge pages (`no_thp`): a batch command that frees and reallocates hundreds of megabytes
/// otherwise spends much of its time having the kernel zero whole 2 MiB pages again.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

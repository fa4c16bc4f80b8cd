//! The command line: the clap definition ([`args`]), the dispatch, the one error of the command
//! line with its exit codes ([`Failure`]), and a front end per command: it takes the command's
//! arguments, calls the library (`app`, `commands`, `export`, `import`, `store`), prints and
//! picks the exit code. `commands/`, `export/` and `import/` print nothing and know no exit
//! codes: their errors are thiserror types that the front ends turn into a [`Failure`].
//!
//! Inside the wing, imports go one way: `args` and `dispatch` use the front ends, the front
//! ends use `session` (opening an article) and `failure`, and nothing uses `dispatch`.

pub mod adjudicate;
pub mod agree;
pub mod annotate;
pub mod args;
pub mod assign;
pub mod check;
pub mod config;
mod dispatch;
pub mod export;
pub mod failure;
pub mod git_setup;
pub mod html_report;
pub mod import;
pub mod merge_file;
pub mod reanchor;
pub mod replay;
mod report;
pub mod review;
pub mod session;
pub mod show;
pub mod stats;
pub mod suggest;

pub use annotate::sample_article;
pub use args::{Cli, Command};
pub use dispatch::run_cli;
pub use failure::{Failure, Kind};

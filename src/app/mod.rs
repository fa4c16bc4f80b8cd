//! The outer shell: the terminal loop, the headless replay driver and the open article.
//! Only this layer and `store` touch files or the terminal.

mod corpus;
mod input;
mod lock;
mod replay;
mod session;
mod suggestions;
mod terminal;

pub use corpus::{CorpusApp, ListOptions, run_corpus};
pub use input::key_from_event;
pub use replay::{ReplayError, Timings, buffer_text, replay, replay_timed, saved_line, summary};
pub use session::{OpenError, RestoreError, Session, reanchor_notice};
pub use suggestions::{SuggestError, SuggestOptions, suggester_for, user_cues_path};
pub use terminal::run;

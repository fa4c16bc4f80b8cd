//! The export's progress bar on stderr: documents done of all, rate, time left and the last
//! document's id. Drawn only when stderr is a terminal; the messages printed through it (skips,
//! warnings) appear either way.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Characters of a document id shown, from its end.
const ID_WIDTH: usize = 40;

/// Progress over the documents of an export.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar over `total` documents on stderr, hidden when stderr is not a terminal.
    pub fn new(total: usize) -> Self {
        Self::with_target(total, ProgressDrawTarget::stderr())
    }

    fn with_target(total: usize, target: ProgressDrawTarget) -> Self {
        let style = ProgressStyle::with_template("[{bar:30}] {pos}/{len} {rate} eta {eta} {msg}")
            .expect("the template is valid")
            .progress_chars("#-")
            .with_key(
                "rate",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{:.0}/s", state.per_sec());
                },
            );
        let bar = ProgressBar::with_draw_target(Some(total as u64), target).with_style(style);
        Self { bar }
    }

    /// One more document done: `id`.
    pub fn tick(&self, id: &str) {
        let skip = id.chars().count().saturating_sub(ID_WIDTH);
        self.bar
            .set_message(id.chars().skip(skip).collect::<String>());
        self.bar.inc(1);
    }

    /// Prints a message line on stderr, the bar (if drawn) kept below it.
    pub fn say(&self, message: &str) {
        self.bar.suspend(|| eprintln!("{message}"));
    }

    /// Removes the bar.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_and_keeps_the_end_of_a_long_id() {
        let progress = Progress::with_target(3, ProgressDrawTarget::hidden());
        progress.tick("a");
        progress.tick(&"x".repeat(50));
        assert_eq!(progress.bar.position(), 2);
        assert_eq!(progress.bar.message(), "x".repeat(ID_WIDTH));
        progress.clear();
        assert!(progress.bar.is_finished());
    }

    #[test]
    fn on_a_terminal_the_bar_shows_count_rate_eta_and_id_and_goes_away() {
        use indicatif::InMemoryTerm;
        let term = InMemoryTerm::new(4, 100);
        let target = ProgressDrawTarget::term_like_with_hz(Box::new(term.clone()), 255);
        let progress = Progress::with_target(4, target);
        progress.tick("folder/article");
        progress.bar.tick();
        let screen = term.contents();
        assert!(
            screen.starts_with(&format!("[{}{}] 1/4 ", "#".repeat(7), "-".repeat(23))),
            "{screen:?}"
        );
        assert!(screen.contains("/s eta "), "{screen:?}");
        assert!(screen.trim_end().ends_with("folder/article"), "{screen:?}");
        progress.clear();
        assert_eq!(term.contents().trim(), "");
    }
}

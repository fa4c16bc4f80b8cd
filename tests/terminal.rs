//! The real binary in a real terminal (tmux): what a user sees and what lands on disk.
//! tmux is required (`.ci/run` installs it): without it the test fails.

mod common;

use common::tmux::Tmux;
use common::*;

#[test]
fn annotate_in_a_real_terminal_then_quit_and_reopen() {
    let (_dir, article) = sample_copy();
    let tmux = Tmux::start(&[&article], None);
    let first = tmux.wait_for("korut-dukung-rusia.txt");
    assert!(first.contains("MOSKWA"), "{first}");
    tmux.type_text("/Choe Son Hui");
    tmux.keys(&["Enter", "1"]);
    let tagged = tmux.wait_for("PER");
    assert!(tagged.contains("PER"), "{tagged}");
    tmux.keys(&["?"]);
    let help = tmux.wait_for("next paragraph");
    assert!(help.contains("next paragraph"), "{help}");
    tmux.keys(&["Escape", "q"]);
    // Quit: the process is gone, the journal folded into the file, the label in it.
    tmux.wait_until_ended();
    assert!(!article.with_extension("ann.journal").exists());
    assert!(!article.with_extension("ann.lock").exists());
    let text = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(
        text.contains("(id: \"e1\", label: \"PER\", spans: [(41, 53)], text: \"Choe Son Hui\")"),
        "{text}"
    );
    // Reopened: the tag is there, on screen.
    let again = Tmux::start(&[&article], None);
    let screen = again.wait_for("E 1 Q 0 C 0");
    assert!(screen.contains("PER"), "{screen}");
}

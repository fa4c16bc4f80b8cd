//! A crash of the real binary in a real terminal (tmux), end to end: the terminal is given
//! back, what was in memory lands in the recovery file, the message names that file, and the
//! next start offers to restore it. The crash is triggered by `TANDAI_TEST_PANIC_AFTER_KEYS`,
//! read by the interactive loop for this test only.

mod common;

use common::tmux::Tmux;
use common::*;

/// The keys typed before the crash: a search, then tagging the match as the first label.
const SEARCH: &str = "/Choe Son Hui";
const KEYS_BEFORE_THE_CRASH: usize = SEARCH.len() + 2;

#[test]
fn a_crash_restores_the_terminal_writes_the_recovery_file_and_the_next_start_offers_it() {
    let (dir, article) = sample_copy();
    let stderr = dir.path().join("stderr.txt");
    let stty = dir.path().join("stty.txt");
    let recovery = article.with_extension("ann.recovery.ron");
    let command = format!(
        "TANDAI_TEST_PANIC_AFTER_KEYS={KEYS_BEFORE_THE_CRASH} {} {} 2>{}; \
         echo \"tandai exited with $?\"; stty -a >{}; sleep 60",
        Tmux::tandai(),
        Tmux::quote(&article),
        Tmux::quote(&stderr),
        Tmux::quote(&stty),
    );
    let tmux = Tmux::run(&command);
    tmux.wait_for("korut-dukung-rusia.txt");
    tmux.type_text(SEARCH);
    tmux.keys(&["Enter", "1"]);

    // The terminal is back: the article's screen is gone, the shell's line shows, and the
    // terminal is in its line mode again (echo and canonical input on).
    let after = tmux.wait_for("tandai exited with");
    assert!(!after.contains("tandai exited with 0"), "{after}");
    assert!(
        !after.contains("MOSKWA") && !after.contains("NORMAL"),
        "{after}"
    );
    let modes = wait_for_file(&stty);
    let words: Vec<&str> = modes.split_whitespace().collect();
    for mode in ["icanon", "echo", "icrnl", "opost"] {
        assert!(
            words.contains(&mode),
            "{mode} is off after the crash: {modes}"
        );
    }

    // The message says it crashed and names the recovery file, which holds the tag.
    let message = std::fs::read_to_string(&stderr).unwrap();
    assert!(
        message.contains("TANDAI_TEST_PANIC_AFTER_KEYS"),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "the annotations in memory were written to {}; the next start offers to restore them",
            recovery.display()
        )),
        "{message}"
    );
    let saved = std::fs::read_to_string(&recovery).unwrap();
    assert!(
        saved.contains(r#"(id: "e1", label: "PER", spans: [(41, 53)], text: "Choe Son Hui")"#),
        "{saved}"
    );

    // The next start asks, restores on `y`, and opens the article with the tag.
    let again = Tmux::start(&[&article], None);
    let offer = again.wait_for("Restore them over");
    assert!(
        offer.contains("korut-dukung-rusia.ann.recovery.ron"),
        "{offer}"
    );
    again.keys(&["y", "Enter"]);
    let screen = again.wait_for("E 1 Q 0 C 0");
    assert!(screen.contains("Choe Son Hui"), "{screen}");
    assert!(
        !recovery.exists(),
        "the recovery file is kept after restoring"
    );
    again.keys(&["q"]);
    again.wait_until_ended();
    let file = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(file.contains(r#"text: "Choe Son Hui")"#), "{file}");
}

/// The file's text once it is written (the shell writes it after tandai exits).
fn wait_for_file(path: &std::path::Path) -> String {
    let start = std::time::Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(
            start.elapsed().as_secs() < 10,
            "{} never written",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

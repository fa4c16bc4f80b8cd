//! The real binary in a real terminal (tmux): what a user sees and what lands on disk.
//! Skipped (with a note) when tmux is not installed; `.ci/run` installs it.

mod common;

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::*;

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(article: &std::path::Path) -> Option<Self> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("tmux not installed: terminal test skipped");
            return None;
        }
        let socket = format!("tandai-test-{}", std::process::id());
        let binary = env!("CARGO_BIN_EXE_tandai");
        let status = Command::new("tmux")
            .args(["-L", &socket, "new-session", "-d", "-x", "100", "-y", "30"])
            .arg(format!(
                "env USER=gold XDG_CONFIG_HOME=/nonexistent {binary} {}",
                article.display()
            ))
            .status()
            .unwrap();
        assert!(status.success());
        Some(Self { socket })
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "0"])
                .arg(key)
                .status()
                .unwrap();
            sleep(Duration::from_millis(60));
        }
    }

    fn type_text(&self, text: &str) {
        Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "0", "-l", text])
            .status()
            .unwrap();
        sleep(Duration::from_millis(60));
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) || start.elapsed() > Duration::from_secs(10) {
                return screen;
            }
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

#[test]
fn annotate_in_a_real_terminal_then_quit_and_reopen() {
    let (_dir, article) = sample_copy();
    let Some(tmux) = Tmux::start(&article) else {
        return;
    };
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
    let saved = ann_path(&article);
    let start = Instant::now();
    while !saved.exists() && start.elapsed() < Duration::from_secs(5) {
        sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("(41, 53)"), "{text}");
}

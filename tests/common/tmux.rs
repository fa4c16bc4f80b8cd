//! The real binary in a real terminal: a tmux server of the test's own, keys sent to it and
//! the screen read back. tmux is required (`.ci/run` installs it): without it the test fails.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server running one tandai in a 100×30 window.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `tandai ARGS` (its stderr sent to `stderr_to`, when given) in a new server.
    pub fn start(args: &[&Path], stderr_to: Option<&Path>) -> Self {
        let mut command = Self::tandai();
        for arg in args {
            command.push(' ');
            command.push_str(&Self::quote(arg));
        }
        if let Some(file) = stderr_to {
            command.push_str(&format!(" 2>{}", Self::quote(file)));
        }
        Self::run(&command)
    }

    /// Runs the shell command `command` in a new server's 100×30 window (`tandai` in it is
    /// not found on the PATH: name the binary with [`Tmux::tandai`]).
    pub fn run(command: &str) -> Self {
        static SERVERS: AtomicUsize = AtomicUsize::new(0);
        let version = Command::new("tmux").arg("-V").output();
        assert!(
            version.is_ok_and(|v| v.status.success()),
            "tmux is needed by this test (`.ci/run` installs it: apt-get install tmux)"
        );
        let socket = format!(
            "tandai-test-{}-{}",
            std::process::id(),
            SERVERS.fetch_add(1, Ordering::Relaxed)
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "new-session", "-d", "-x", "100", "-y", "30"])
            .arg(command)
            .status()
            .unwrap();
        assert!(status.success());
        Self { socket }
    }

    /// The shell command that runs the tandai under test, with the settings of every run.
    pub fn tandai() -> String {
        format!(
            "env USER=gold XDG_CONFIG_HOME=/nonexistent {}",
            env!("CARGO_BIN_EXE_tandai")
        )
    }

    /// `path` quoted for a shell.
    pub fn quote(path: &Path) -> String {
        format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
    }

    /// Sends named keys (`Enter`, `Escape`, `C-s`, or a character), one at a time.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "0"])
                .arg(key)
                .status()
                .unwrap();
            sleep(Duration::from_millis(60));
        }
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "0", "-l", text])
            .status()
            .unwrap();
        sleep(Duration::from_millis(60));
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen as text with its styles, as SGR escape sequences (`capture-pane -e`).
    pub fn styled_screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-e", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// What tmux says of the window for `format` (`#{mouse_any_flag}`, …).
    pub fn display(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "-t",
                "0",
                format,
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// The screen once it shows `text`; panics with the screen after 10 s.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "never showed {text:?}:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// Whether the program has ended (its window closed, so the server went with it).
    pub fn ended(&self) -> bool {
        !Command::new("tmux")
            .args(["-L", &self.socket, "has-session"])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Waits until the program has ended; panics after 10 s.
    pub fn wait_until_ended(&self) {
        let start = Instant::now();
        while !self.ended() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "still running:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

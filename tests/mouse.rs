//! The mouse in a real terminal (tmux): clicks, drags and the wheel sent as the SGR mouse
//! sequences a terminal writes, and what the user then sees and what lands on disk; with
//! `mouse: false` the same bytes do nothing, and the terminal gets its mouse back on every
//! exit. tmux is required (`.ci/run` installs it): without it the test fails.

mod common;

use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tmux::Tmux;
use common::*;

/// Starts tandai on `article` (with `keymap` when given) without colours, so the cursor and
/// the selection are both drawn in reverse video; `after` runs in the window once it ends.
fn start(article: &Path, keymap: Option<&Path>, env: &str, after: &str) -> Tmux {
    let keymap = keymap.map_or(String::new(), |k| format!("--keymap {}", Tmux::quote(k)));
    let tmux = Tmux::run(&format!(
        "env NO_COLOR=1 {env} {} {keymap} {}{after}",
        Tmux::tandai(),
        Tmux::quote(article)
    ));
    tmux.wait_for("korut-dukung-rusia.txt");
    tmux
}

/// One mouse event as a terminal in SGR mode writes it, at the 0-based cell (`column`, `row`).
fn mouse(tmux: &Tmux, code: u8, (column, row): (usize, usize), pressed: bool) {
    let end = if pressed { 'M' } else { 'm' };
    tmux.type_text(&format!("\x1b[<{code};{};{}{end}", column + 1, row + 1));
}

fn click(tmux: &Tmux, cell: (usize, usize)) {
    mouse(tmux, 0, cell, true);
    mouse(tmux, 0, cell, false);
}

fn drag(tmux: &Tmux, from: (usize, usize), to: (usize, usize)) {
    mouse(tmux, 0, from, true);
    mouse(tmux, 32, to, true);
    mouse(tmux, 0, to, false);
}

fn wheel(tmux: &Tmux, down: bool, cell: (usize, usize)) {
    mouse(tmux, if down { 65 } else { 64 }, cell, true);
}

/// The cell where `needle` first shows on the screen (the sample's visible characters are
/// all one cell wide).
fn cell_of(tmux: &Tmux, needle: &str) -> (usize, usize) {
    let screen = tmux.screen();
    screen
        .lines()
        .enumerate()
        .find_map(|(row, line)| {
            let byte = line.find(needle)?;
            Some((line[..byte].chars().count(), row))
        })
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
}

/// The runs of text drawn in reverse video above the status bar, read from the styled
/// capture (SGR 7 on, 27 off, 0 or nothing resets; colour arguments skipped).
fn reversed_runs(styled: &str) -> Vec<String> {
    let rows: Vec<&str> = styled.lines().collect();
    let mut runs = Vec::new();
    for line in &rows[..rows.len().saturating_sub(1)] {
        let mut reversed = false;
        let mut run = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                let params: String = chars.by_ref().take_while(|c| *c != 'm').collect();
                let mut args = params.split(';');
                while let Some(arg) = args.next() {
                    match arg {
                        "" | "0" => reversed = false,
                        "7" => reversed = true,
                        "27" => reversed = false,
                        "38" | "48" | "58" => {
                            let skip = if args.next() == Some("2") { 3 } else { 1 };
                            args.by_ref().take(skip).for_each(drop);
                        }
                        _ => {}
                    }
                }
                continue;
            }
            if reversed {
                run.push(c);
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run).trim().to_owned());
            }
        }
        if !run.is_empty() {
            runs.push(run.trim().to_owned());
        }
    }
    runs
}

/// Waits until the reverse-video runs above the status bar include `text` as a whole run.
fn wait_reversed(tmux: &Tmux, text: &str) {
    let start = Instant::now();
    loop {
        let runs = reversed_runs(&tmux.styled_screen());
        if runs.iter().any(|r| r == text) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{text:?} never drawn reversed; reversed runs: {runs:?}\n{}",
            tmux.screen()
        );
        sleep(Duration::from_millis(100));
    }
}

/// The character offset of the first `needle` after `after` in the sample.
fn offset_after(after: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let from = text.find(after).unwrap();
    let byte = from + text[from..].find(needle).unwrap();
    text[..byte].chars().count()
}

/// Waits until the program has ended and the window runs what follows it (`sleep`).
fn wait_for_shell(tmux: &Tmux) {
    let start = Instant::now();
    while tmux.display("#{pane_current_command}") != "sleep" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "tandai still running:\n{}",
            tmux.screen()
        );
        sleep(Duration::from_millis(50));
    }
}

/// The terminal's mouse modes as tmux sees them: all `0` when nobody captures the mouse.
fn mouse_modes(tmux: &Tmux) -> String {
    tmux.display("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}")
}

#[test]
fn click_wheel_and_drag_then_a_tag_key_tags_the_dragged_words() {
    let (_dir, article) = sample_copy();
    let tmux = start(&article, None, "", "");
    assert_eq!(
        mouse_modes(&tmux),
        "0011",
        "clicks, drags and motion in SGR form"
    );
    tmux.wait_for("¶ 1/24");

    // A click moves the cursor (drawn reversed) to the word under it.
    click(&tmux, cell_of(&tmux, "Sergei"));
    wait_reversed(&tmux, "Sergei");

    // Clicks off the text change nothing: the status bar, the side panel.
    let status_bar = (20, 29);
    click(&tmux, status_bar);
    click(&tmux, (95, 3));
    wait_reversed(&tmux, "Sergei");

    // The wheel moves the focus a paragraph per notch, wherever the pointer is.
    wheel(&tmux, true, (10, 10));
    wheel(&tmux, true, status_bar);
    tmux.wait_for("¶ 3/24");
    wheel(&tmux, false, (10, 10));
    tmux.wait_for("¶ 2/24");
    wheel(&tmux, false, (10, 10));
    tmux.wait_for("¶ 1/24");

    // A drag from "Korea" to "Utara" in the quote's paragraph selects both words; the
    // focus stays, so the screen does not move under the pointer.
    let line = cell_of(&tmux, "Menlu Korea Utara");
    let korea = (line.0 + "Menlu ".len() + 2, line.1);
    let utara = (line.0 + "Menlu Korea ".len() + 3, line.1);
    drag(&tmux, korea, utara);
    wait_reversed(&tmux, "Korea Utara");
    assert!(tmux.screen().contains("¶ 1/24"));

    // A tag key applies to the dragged selection.
    tmux.type_text("3");
    tmux.wait_for("LOC “Korea Utara”");
    tmux.type_text("q");
    tmux.wait_until_ended();
    let saved = std::fs::read_to_string(ann_path(&article)).unwrap();
    let start = offset_after("kata Menlu", "Korea Utara");
    let expected = format!(
        "label: \"LOC\", spans: [({start}, {})], text: \"Korea Utara\"",
        start + "Korea Utara".len()
    );
    assert!(saved.contains(&expected), "{expected}\n{saved}");
    assert_eq!(saved.matches("label:").count(), 1, "{saved}");
}

#[test]
fn with_mouse_false_the_same_bytes_do_nothing_and_the_terminal_keeps_its_mouse() {
    let (dir, article) = sample_copy();
    let keymap = dir.path().join("keymap.ron");
    std::fs::write(&keymap, "Keymap(mouse: false)\n").unwrap();
    let tmux = start(&article, Some(&keymap), "", "");
    assert_eq!(mouse_modes(&tmux), "0000", "no capture at all");
    wait_reversed(&tmux, "MOSKWA");

    let line = cell_of(&tmux, "Menlu Korea Utara");
    let korea = (line.0 + "Menlu ".len() + 2, line.1);
    let utara = (line.0 + "Menlu Korea ".len() + 3, line.1);
    click(&tmux, cell_of(&tmux, "Sergei"));
    drag(&tmux, korea, utara);
    wheel(&tmux, true, (10, 10));
    // The cursor is still on the first word: the tag key tags it, not the dragged words.
    tmux.type_text("3");
    let screen = tmux.wait_for("LOC “MOSKWA”");
    assert!(
        screen.contains("¶ 1/24") && screen.contains("NORMAL"),
        "{screen}"
    );
    tmux.type_text("q");
    tmux.wait_until_ended();
    let saved = std::fs::read_to_string(ann_path(&article)).unwrap();
    assert!(saved.contains("text: \"MOSKWA\""), "{saved}");
    assert_eq!(saved.matches("label:").count(), 1, "{saved}");
}

#[test]
fn the_terminal_gets_its_mouse_back_on_quit_and_after_a_crash() {
    let (_dir, article) = sample_copy();
    let tmux = start(&article, None, "", "; sleep 30");
    assert_eq!(mouse_modes(&tmux), "0011");
    tmux.type_text("q");
    wait_for_shell(&tmux);
    assert_eq!(mouse_modes(&tmux), "0000", "released on quit");
    assert_eq!(tmux.display("#{alternate_on}"), "0");

    let (_dir, article) = sample_copy();
    let crash = start(
        &article,
        None,
        "TANDAI_TEST_PANIC_AFTER_KEYS=1",
        " 2>/dev/null; sleep 30",
    );
    assert_eq!(mouse_modes(&crash), "0011");
    crash.type_text("j");
    wait_for_shell(&crash);
    assert_eq!(mouse_modes(&crash), "0000", "released after the panic");
    assert_eq!(crash.display("#{alternate_on}"), "0");
    assert!(
        article.with_extension("ann.recovery.ron").exists(),
        "the crash path ran"
    );
}

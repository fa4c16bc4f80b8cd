//! Annotators in a real terminal (tmux): the document list of a folder with a plan, opened
//! as alice, lists her articles, opens her own file and counts her work; the user's config
//! names the annotator when `--annotator` is not given, and a malformed one is refused with
//! its place; a crash of alice's session keeps her work in her own recovery copy. tmux is
//! required (`.ci/run` installs it).

mod common;

use std::fs;
use std::path::Path;

use common::tmux::Tmux;
use common::*;
use tandai::store::{AnnotationFile, Annotator};

fn alice() -> Annotator {
    Annotator::new("alice").unwrap()
}

/// Waits up to 10 s for `path` to exist and returns its text.
fn wait_for_file(path: &Path) -> String {
    let start = std::time::Instant::now();
    loop {
        if let Ok(text) = fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(
            start.elapsed().as_secs() < 10,
            "{} never came",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn the_list_as_alice_shows_her_articles_and_opens_her_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["satu", "dua", "tiga"] {
        fs::write(
            dir.path().join(format!("{name}.txt")),
            format!("Berita {name}.\n\nParagraf kedua.\n"),
        )
        .unwrap();
    }
    fs::write(
        dir.path().join("tandai-plan.ron"),
        "Plan(version: 1, seed: 0, overlap: 2, annotators: [\"alice\", \"budi\", \"citra\"],\n\
         articles: {\"satu.txt\": [\"alice\", \"budi\"], \"dua.txt\": [\"budi\", \"citra\"],\n\
         \"tiga.txt\": [\"alice\", \"citra\"]})\n",
    )
    .unwrap();
    let command = format!(
        "{} --annotator alice {}",
        Tmux::tandai(),
        Tmux::quote(dir.path())
    );
    let tmux = Tmux::run(&command);
    // The title shows while the folder is still being read: wait for the list itself.
    let screen = tmux.wait_for("2 documents assigned: 2 read");
    assert!(screen.contains("alice's files"), "{screen}");
    assert!(screen.contains("satu.txt"), "{screen}");
    assert!(screen.contains("tiga.txt"), "{screen}");
    assert!(!screen.contains("dua.txt"), "budi's and citra's:\n{screen}");
    assert!(screen.contains("alice – · budi –"), "{screen}");

    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("satu.txt · alice");
    assert!(screen.contains("¶ 1/2"), "{screen}");
    tmux.keys(&["Space"]);
    tmux.wait_for("saved");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("alice 1/2 · budi –");
    assert!(screen.contains("satu.txt"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_until_ended();

    let article = dir.path().join("satu.txt");
    let alice = alice();
    let file = AnnotationFile::of(&article, Some(&alice));
    assert!(
        fs::read_to_string(file.path())
            .unwrap()
            .contains("(status: Done")
    );
    assert!(!ann_path(&article).exists(), "no gold file was made");
    assert!(!file.lock().exists() && !file.journal().exists());
}

#[test]
fn the_config_names_the_annotator_and_a_malformed_one_is_refused() {
    let (dir, article) = sample_copy();
    let config = dir.path().join("config");
    fs::create_dir_all(config.join("tandai")).unwrap();
    fs::write(
        config.join("tandai/config.ron"),
        "// whose files I open\n(annotator: \"budi\")\n",
    )
    .unwrap();
    let run = |extra: &str| {
        format!(
            "env USER=gold XDG_CONFIG_HOME={} {} {extra} {} 2>{}; echo \"tandai exited with $?\"; sleep 60",
            Tmux::quote(&config),
            env!("CARGO_BIN_EXE_tandai"),
            Tmux::quote(&article),
            Tmux::quote(&dir.path().join("stderr.txt")),
        )
    };
    let tmux = Tmux::run(&run(""));
    tmux.wait_for("korut-dukung-rusia.txt · budi");
    tmux.keys(&["q"]);
    tmux.wait_for("tandai exited with 0");
    drop(tmux);
    // `--annotator` wins over the config.
    let tmux = Tmux::run(&run("--annotator citra"));
    tmux.wait_for("korut-dukung-rusia.txt · citra");
    tmux.keys(&["q"]);
    tmux.wait_for("tandai exited with 0");
    drop(tmux);

    fs::write(
        config.join("tandai/config.ron"),
        "(\n    annotator: \"bu di\",\n)\n",
    )
    .unwrap();
    let tmux = Tmux::run(&run(""));
    tmux.wait_for("tandai exited with 2");
    let message = fs::read_to_string(dir.path().join("stderr.txt")).unwrap();
    assert!(
        message.contains(&format!(
            "{}:2:16: the annotator's name \"bu di\"",
            config.join("tandai/config.ron").display()
        )),
        "{message}"
    );
    assert!(!ann_path(&article).exists());
    assert_eq!(
        tandai::store::annotator_files(&article).unwrap().len(),
        0,
        "nothing written"
    );
}

#[test]
fn a_crash_of_alices_session_writes_her_recovery_copy() {
    let (dir, article) = sample_copy();
    let search = "/Choe Son Hui";
    let command = format!(
        "TANDAI_TEST_PANIC_AFTER_KEYS={} {} --annotator alice {} 2>{}; echo \"tandai exited with $?\"; sleep 60",
        search.len() + 2,
        Tmux::tandai(),
        Tmux::quote(&article),
        Tmux::quote(&dir.path().join("stderr.txt")),
    );
    let tmux = Tmux::run(&command);
    tmux.wait_for("korut-dukung-rusia.txt · alice");
    tmux.type_text(search);
    tmux.keys(&["Enter", "1"]);
    tmux.wait_for("tandai exited with");
    let alice = alice();
    let recovery = AnnotationFile::of(&article, Some(&alice)).recovery();
    let text = wait_for_file(&recovery);
    assert!(text.contains("annotator: \"alice\""), "{text}");
    assert!(text.contains("Choe Son Hui"), "{text}");
    let message = fs::read_to_string(dir.path().join("stderr.txt")).unwrap();
    assert!(
        message.contains(&recovery.display().to_string()),
        "{message}"
    );
    assert!(
        !tandai::store::recovery_path(&article).exists(),
        "not the gold's"
    );
    assert!(!ann_path(&article).exists());
}

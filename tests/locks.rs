//! The article's lock through the real binary: a lock file that no live process holds is
//! taken over whatever its text says; one that a live session holds makes a second session
//! keep its changes aside, and `--force` takes it.

mod common;

use common::tmux::Tmux;
use common::*;

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap()
        .trim()
        .to_owned()
}

fn entities(article: &std::path::Path) -> usize {
    let doc = tandai::model::Document::new(std::fs::read_to_string(article).unwrap());
    tandai::store::load(article, &doc)
        .unwrap()
        .map_or(0, |l| l.set.entities.len())
}

#[test]
fn a_lock_file_naming_a_live_pid_that_holds_no_lock_is_taken_over() {
    // The report's repro: pid 1 always exists; before, the article opened read-only.
    let (_dir, article) = sample_copy();
    let lock = article.with_extension("ann.lock");
    std::fs::write(&lock, format!("pid=1 host={}\n", host())).unwrap();
    let out = replay("1", &article);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("read-only"), "{}", stdout(&out));
    assert_eq!(entities(&article), 1);
    assert!(!lock.exists(), "released at the end");
}

#[test]
fn a_second_session_keeps_its_changes_aside_and_force_takes_the_article() {
    let (dir, article) = sample_copy();
    assert!(replay("1", &article).status.success());
    let farewell = dir.path().join("holder.stderr");
    let holder = Tmux::start(&[&article], Some(&farewell));
    holder.wait_for("korut-dukung-rusia.txt");

    let second = replay("w1", &article);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stdout(&second).contains("read-only (pid"),
        "{}",
        stdout(&second)
    );
    assert!(
        stderr(&second).contains(".ann.conflict.ron"),
        "{}",
        stderr(&second)
    );
    assert_eq!(entities(&article), 1, "the file is the holder's");
    let copy = dir.path().join("korut-dukung-rusia.ann.conflict.ron");
    assert!(std::fs::read_to_string(&copy).unwrap().contains("\"e2\""));

    let forced = tandai()
        .args(["replay", "--force", "--keys", "ww1"])
        .arg(&article)
        .output()
        .unwrap();
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!stdout(&forced).contains("read-only"));
    assert_eq!(entities(&article), 2);

    // The first session learns it lost the article before it writes: its tag stays aside.
    holder.keys(&["w", "w", "w", "2"]);
    let screen = holder.wait_for("took this article over");
    assert!(screen.contains("not saved"), "{screen}");
    assert_eq!(
        entities(&article),
        2,
        "the first session wrote nothing more"
    );
    holder.keys(&["q"]);
    holder.wait_for("press q again");
    holder.keys(&["q"]);
    holder.wait_until_ended();
    let told = std::fs::read_to_string(&farewell).unwrap();
    assert!(
        told.contains("korut-dukung-rusia.ann.conflict-2.ron"),
        "{told}"
    );
    let doc = tandai::model::Document::new(std::fs::read_to_string(&article).unwrap());
    let kept = tandai::store::load_from(
        &dir.path().join("korut-dukung-rusia.ann.conflict-2.ron"),
        &doc,
    )
    .unwrap();
    assert!(kept.set.entities.iter().any(|e| e.label == "ORG"));
    assert_eq!(entities(&article), 2);
}

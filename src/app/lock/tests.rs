use super::*;

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

fn article() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "Halo.\n").unwrap();
    (dir, article)
}

fn acquired(article: &Path, force: bool) -> Lock {
    match acquire(article, force).unwrap() {
        Locking::Acquired(lock) => lock,
        Locking::HeldBy(owner) => panic!("held by {owner:?}"),
    }
}

const HOLDER: &str = "TANDAI_TEST_LOCK_HOLDER";

/// Not a test of its own: the process that [`holder`] starts, which locks the article named in
/// its environment and waits to be killed.
#[test]
#[ignore = "run as a child process by the tests that need another lock holder"]
fn lock_holder_child() {
    let Some(article) = std::env::var_os(HOLDER) else {
        return;
    };
    let _lock = acquired(Path::new(&article), false);
    println!("\nholder-has-the-lock");
    io::stdout().flush().unwrap();
    std::thread::sleep(std::time::Duration::from_secs(60));
}

/// Another process holding the lock of `article`, once this returns.
fn holder(article: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "app::lock::tests::lock_holder_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HOLDER, article)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = io::BufReader::new(child.stdout.take().unwrap());
    for line in out.lines() {
        if line.unwrap().contains("holder-has-the-lock") {
            return child;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the holder process never locked the article");
}

fn state_of(pid: u32) -> char {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    stat[stat.rfind(')').unwrap() + 1..]
        .trim_start()
        .chars()
        .next()
        .unwrap()
}

#[test]
fn a_live_holder_keeps_the_lock_and_its_text_says_who() {
    let (_dir, article) = article();
    let mut child = holder(&article);
    match acquire(&article, false).unwrap() {
        Locking::HeldBy(owner) => {
            assert_eq!(owner.pid, Some(child.id()));
            assert_eq!(owner.host.as_deref(), Some(host_name().as_str()));
            assert!(owner.describe().starts_with(&format!("pid {}", child.id())));
        }
        Locking::Acquired(_) => panic!("a live holder's lock was taken"),
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(acquired(&article, false));
}

#[test]
fn a_killed_holder_not_yet_reaped_leaves_a_lock_that_is_taken_over() {
    let (_dir, article) = article();
    let mut child = holder(&article);
    child.kill().unwrap();
    // Not reaped: the process stays a zombie, its pid still in /proc.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while state_of(child.id()) != 'Z' {
        assert!(
            std::time::Instant::now() < deadline,
            "never became a zombie"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // The group leader shows `Z` while the process's other threads may still be exiting; the
    // kernel drops the lock with the last of them, moments later, long before anyone reaps it.
    let lock = loop {
        match acquire(&article, false).unwrap() {
            Locking::Acquired(lock) => break lock,
            Locking::HeldBy(_) => {
                assert!(
                    std::time::Instant::now() < deadline,
                    "a zombie kept the lock"
                );
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    };
    assert_eq!(state_of(child.id()), 'Z', "still a zombie, not reaped");
    assert_eq!(lock.owner().pid, Some(std::process::id()));
    child.wait().unwrap();
}

#[test]
fn a_lock_file_naming_a_running_process_that_holds_no_lock_is_stale() {
    // A reused pid, or pid 1 as in the report: the text names a live process, no one locks it.
    let (_dir, article) = article();
    for pid in [1, std::process::id()] {
        fs::write(
            lock_path(&article),
            format!("pid={pid} host={}\n", host_name()),
        )
        .unwrap();
        let lock = acquired(&article, false);
        let text = fs::read_to_string(lock_path(&article)).unwrap();
        assert_eq!(Owner::parse(&text).token, lock.owner().token);
    }
}

#[test]
fn a_lock_file_from_before_a_reboot_is_stale() {
    let (_dir, article) = article();
    fs::write(
        lock_path(&article),
        format!(
            "pid={} host={} boot=00000000-dead-beef-0000-000000000000 start=1\n",
            std::process::id(),
            host_name()
        ),
    )
    .unwrap();
    drop(acquired(&article, false));
    assert!(!lock_path(&article).exists(), "removed when released");
}

fn machine() -> Machine {
    Machine {
        host: "desk".into(),
        boot: Some("boot-now".into()),
    }
}

fn owner(text: &str) -> Owner {
    Owner::parse(text)
}

#[test]
fn by_text_alone_zombies_reused_pids_and_other_boots_are_gone() {
    let alive = |start| {
        move |_| {
            Some(ProcessInfo {
                zombie: false,
                start,
            })
        }
    };
    let written = owner("pid=7 host=desk boot=boot-now start=100 token=t");
    assert!(!owner_gone(&written, &machine(), alive(100)));
    // Reused pid: the process with that pid started at another moment.
    assert!(owner_gone(&written, &machine(), alive(250)));
    // Zombie.
    assert!(owner_gone(&written, &machine(), |_| Some(ProcessInfo {
        zombie: true,
        start: 100
    })));
    // No such process.
    assert!(owner_gone(&written, &machine(), |_| None));
    // Before a reboot: another boot id, whatever the pid is now.
    let before = owner("pid=7 host=desk boot=boot-then start=100");
    assert!(owner_gone(&before, &machine(), alive(100)));
    // Another host cannot be checked: assumed alive.
    let far = owner("pid=7 host=elsewhere boot=x start=1");
    assert!(!owner_gone(&far, &machine(), |_| None));
    // Unreadable text.
    assert!(owner_gone(&owner("garbage"), &machine(), alive(1)));
}

#[test]
fn this_process_is_seen_as_it_is() {
    let info = process_info(std::process::id()).unwrap();
    assert!(!info.zombie);
    let me = Owner::this_process();
    assert_eq!(me.start, Some(info.start));
    assert!(!owner_gone(&me, &this_machine(), process_info));
    assert_eq!(Owner::parse(&me.to_text()), me);
}

#[test]
fn a_forced_session_takes_the_lock_and_the_holder_learns_before_writing() {
    let (_dir, article) = article();
    let first = acquired(&article, false);
    assert!(first.guard().is_ok());
    assert!(matches!(
        acquire(&article, false).unwrap(),
        Locking::HeldBy(_)
    ));
    let forced = acquired(&article, true);
    let lost = first.guard().unwrap_err();
    assert_eq!(lost.owner.token, forced.owner().token);
    assert!(forced.guard().is_ok());
    // The loser's release leaves the winner's lock file alone.
    drop(first);
    assert!(lock_path(&article).exists());
    assert!(forced.guard().is_ok());
    drop(forced);
    assert!(!lock_path(&article).exists());
}

#[test]
fn a_lock_file_removed_by_hand_is_a_lost_lock() {
    // Whoever removed it may have locked a new one meanwhile: the holder must re-read first.
    let (_dir, article) = article();
    let lock = acquired(&article, false);
    fs::remove_file(lock_path(&article)).unwrap();
    assert!(lock.guard().is_err());
    let other = acquired(&article, false);
    assert_eq!(lock.guard().unwrap_err().owner.token, other.owner().token);
}

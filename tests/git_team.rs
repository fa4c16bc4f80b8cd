//! Two annotators, two clones of one repository, real git: tandai's merge driver merges their
//! annotation files cleanly where they worked apart, and records the conflicts where they did
//! not, in a file that still loads and that `tandai check` passes with warnings.
//!
//! git is required: a machine without it fails here (CI installs it), never skips.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tandai::model::{About, AnnotationSet, Document, Item, Version};

const TANDAI: &str = env!("CARGO_BIN_EXE_tandai");
const SAMPLE: &str = include_str!("../sample-data/korut-dukung-rusia.txt");
const ARTICLE: &str = "news/korut.txt";
const ANNOTATIONS: &str = "news/korut.ann.ron";

/// A command with no dependency on the machine's or the user's git and tandai settings.
fn isolated(program: &str, dir: &Path, home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    command
}

fn run(mut command: Command) -> Output {
    let shown = format!("{command:?}");
    let out = command
        .output()
        .unwrap_or_else(|err| panic!("cannot run {shown}: {err} (is git installed?)"));
    eprintln!(
        "$ {shown}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn must(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A clone of the team's repository: its folder, and where HOME points for its commands.
struct Clone {
    dir: PathBuf,
    home: PathBuf,
}

impl Clone {
    fn git(&self, args: &[&str]) -> Output {
        let mut command = isolated("git", &self.dir, &self.home);
        command.args(args);
        run(command)
    }

    fn tandai(&self, args: &[&str]) -> Output {
        let mut command = isolated(TANDAI, &self.dir, &self.home);
        command.args(args);
        run(command)
    }

    /// Annotates the article with `keys` and quits (the journal folds into the file), then
    /// commits.
    fn annotate(&self, keys: &str, message: &str) {
        let keys = format!("gg{keys}q");
        must(self.tandai(&["replay", "--no-suggestions", "--keys", &keys, ARTICLE]));
        assert!(!self.dir.join("news/korut.ann.journal").exists());
        must(self.git(&["add", "-A"]));
        must(self.git(&["commit", "-q", "-m", message]));
    }

    fn set(&self) -> AnnotationSet {
        let doc = Document::new(SAMPLE);
        let loaded = tandai::store::load(&self.dir.join(ARTICLE), &doc)
            .expect("the merged file loads")
            .expect("there is an annotation file");
        loaded.set
    }

    fn configure(&self) {
        for (key, value) in [
            ("user.name", "Annotator"),
            ("user.email", "annotator@example.org"),
            ("pull.rebase", "false"),
        ] {
            must(self.git(&["config", key, value]));
        }
        must(self.tandai(&["git-setup"]));
    }
}

/// A bare remote and two clones set up with `tandai git-setup`, sharing the article with two
/// entities (e1 Choe Son Hui, e2 Sergei Lavrov).
fn team(root: &Path) -> (Clone, Clone) {
    let home = root.join("home");
    fs::create_dir_all(&home).unwrap();
    let plain = Clone {
        dir: root.to_owned(),
        home: home.clone(),
    };
    must(plain.git(&[
        "-c",
        "init.defaultBranch=main",
        "init",
        "-q",
        "--bare",
        "remote.git",
    ]));
    let ana = Clone {
        dir: root.join("ana"),
        home: home.clone(),
    };
    fs::create_dir_all(ana.dir.join("news")).unwrap();
    must(ana.git(&["-c", "init.defaultBranch=main", "init", "-q"]));
    ana.configure();
    fs::write(ana.dir.join(ARTICLE), SAMPLE).unwrap();
    ana.annotate(
        "/Choe Son Hui<Enter>1/Sergei Lavrov<Enter>1",
        "the article, two people",
    );
    must(ana.git(&["remote", "add", "origin", "../remote.git"]));
    must(ana.git(&["push", "-q", "-u", "origin", "main"]));
    must(plain.git(&["clone", "-q", "remote.git", "budi"]));
    let budi = Clone {
        dir: root.join("budi"),
        home,
    };
    budi.configure();
    (ana, budi)
}

fn label(set: &AnnotationSet, text: &str) -> Option<String> {
    let entity = set.entities.iter().find(|e| e.text == text)?;
    Some(entity.label.to_string())
}

#[test]
fn git_setup_writes_its_lines_once_and_refuses_outside_a_repository() {
    let root = tempfile::tempdir().unwrap();
    let (ana, _) = team(root.path());
    must(ana.tandai(&["git-setup"]));
    let attributes = fs::read_to_string(ana.dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes.matches("*.ann.ron merge=tandai\n").count(), 1);
    assert!(attributes.contains("*.ann.*.ron merge=tandai\n"));
    let ignored = fs::read_to_string(ana.dir.join(".gitignore")).unwrap();
    for side_file in [
        "*.ann.journal",
        "*.ann.lock",
        "*.ann.recovery.ron",
        "*.ann.conflict.ron",
    ] {
        assert_eq!(
            ignored.matches(&format!("{side_file}\n")).count(),
            1,
            "{ignored}"
        );
    }
    let driver = must(ana.git(&["config", "merge.tandai.driver"]));
    assert!(driver.starts_with(TANDAI), "{driver}");
    assert!(
        driver
            .trim_end()
            .ends_with("merge-file %O %A %B --marker-size %L --path %P")
    );
    let check = must(ana.git(&["check-attr", "merge", "--", "a.ann.ron", "a.ann.budi.ron"]));
    assert_eq!(
        check,
        "a.ann.ron: merge: tandai\na.ann.budi.ron: merge: tandai\n"
    );
    let ignored = must(ana.git(&[
        "check-ignore",
        "news/korut.ann.journal",
        "news/korut.ann.lock",
    ]));
    assert_eq!(ignored.lines().count(), 2);

    let outside = root.path().join("home");
    let out = ana.tandai(&["git-setup", outside.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("is not inside a git repository"),
        "{message}"
    );
    assert!(!outside.join(".gitattributes").exists());
}

#[test]
fn two_clones_merge_clean_apart_and_record_conflicts_together() {
    let root = tempfile::tempdir().unwrap();
    let (ana, budi) = team(root.path());

    // Different paragraphs: a clean merge keeping both sides' annotations and statuses.
    ana.annotate("/Moskwa<Enter>3<Space>", "ana: paragraph 1");
    must(ana.git(&["push", "-q"]));
    budi.annotate("/AFP<Enter>2<Space>", "budi: paragraph 2");
    must(budi.git(&["pull", "-q", "--no-edit"]));
    let merged = budi.set();
    assert!(merged.conflicts().is_empty());
    assert_eq!(label(&merged, "Moskwa").as_deref(), Some("LOC"));
    assert_eq!(label(&merged, "AFP").as_deref(), Some("ORG"));
    assert_eq!(label(&merged, "Choe Son Hui").as_deref(), Some("PER"));
    let mut ids: Vec<&str> = merged.entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["e1", "e2", "e3", "e4"]);
    assert_eq!(
        &merged.paragraphs[..2],
        [tandai::model::ParagraphStatus::Done; 2]
    );
    let check = budi.tandai(&["check", "news"]);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).is_empty());
    must(budi.git(&["push", "-q"]));
    must(ana.git(&["pull", "-q", "--no-edit"]));
    assert_eq!(ana.set(), merged);

    // The same annotation relabelled two ways: git reports the conflict; the file loads with
    // ours in place and every version recorded; `tandai check` lists it and passes.
    ana.annotate("/Choe Son Hui<Enter>2", "ana: Choe is an ORG");
    must(ana.git(&["push", "-q"]));
    budi.annotate("/Choe Son Hui<Enter>3", "budi: Choe is a LOC");
    let pull = budi.git(&["pull", "--no-edit"]);
    assert!(!pull.status.success());
    let said = String::from_utf8_lossy(&pull.stdout) + String::from_utf8_lossy(&pull.stderr);
    assert!(
        said.contains("CONFLICT") && said.contains(ANNOTATIONS),
        "{said}"
    );
    assert!(said.contains("relabelled two ways"), "{said}");
    let unmerged = must(budi.git(&["diff", "--name-only", "--diff-filter=U"]));
    assert_eq!(unmerged.trim(), ANNOTATIONS);
    let merged = budi.set();
    assert_eq!(label(&merged, "Choe Son Hui").as_deref(), Some("LOC"));
    let [conflict] = merged.conflicts() else {
        panic!("{:?}", merged.conflicts())
    };
    assert_eq!(conflict.about, About::Annotation("e1".into()));
    assert_eq!(conflict.reason, "relabelled two ways");
    let version_label = |v: &Option<Version>| match v {
        Some(Version::Item(Item::Entity(e))) => e.label.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        [&conflict.base, &conflict.ours, &conflict.theirs].map(version_label),
        ["PER", "LOC", "ORG"]
    );
    let check = budi.tandai(&["check", "news"]);
    assert!(check.status.success(), "a recorded conflict is a warning");
    let listed = String::from_utf8_lossy(&check.stdout);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(
        listed.starts_with(&format!("{ANNOTATIONS}:"))
            && listed.contains("warning: unsettled conflict about e1: relabelled two ways"),
        "{listed}"
    );
    must(budi.git(&["add", ANNOTATIONS]));
    must(budi.git(&["commit", "-q", "--no-edit"]));
    must(budi.git(&["push", "-q"]));
    must(ana.git(&["pull", "-q", "--no-edit"]));

    // Deleted by one, linked by a new quote of the other: kept and recorded. Ana's file
    // holds the earlier conflict and still loads, edits and saves.
    ana.annotate("/Sergei Lavrov<Enter>x", "ana: no Lavrov");
    must(ana.git(&["push", "-q"]));
    budi.annotate(
        "/Korea Utara akan mendukung Rusia<Enter>\"asergei lavrov<Enter>",
        "budi: Lavrov says",
    );
    let pull = budi.git(&["pull", "--no-edit"]);
    assert!(!pull.status.success());
    let merged = budi.set();
    assert_eq!(label(&merged, "Sergei Lavrov").as_deref(), Some("PER"));
    let quote = &merged.quotes[0];
    assert_eq!(
        merged
            .entity(quote.speaker.as_deref().unwrap())
            .unwrap()
            .text,
        "Sergei Lavrov"
    );
    let reasons: Vec<&str> = merged
        .conflicts()
        .iter()
        .map(|c| c.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "relabelled two ways",
            "deleted by theirs, still linked by the new quote q1"
        ]
    );
    let check = budi.tandai(&["check", "news"]);
    assert!(check.status.success());
    assert_eq!(String::from_utf8_lossy(&check.stdout).lines().count(), 2);
}

#[test]
fn merge_file_leaves_ours_untouched_on_bad_input() {
    let root = tempfile::tempdir().unwrap();
    let (ana, _) = team(root.path());
    let good = fs::read_to_string(ana.dir.join(ANNOTATIONS)).unwrap();
    let write = |name: &str, text: &str| {
        let path = ana.dir.join(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let base = write("base.ron", &good);
    let ours = write("ours.ron", &good);
    let damaged = write("theirs.ron", &good.replace("(41, 53)", "(41, 5300)"));
    let out = ana.tandai(&["merge-file", &base, &ours, &damaged, "--path", ANNOTATIONS]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("theirs.ron:37:10: e1: span (41, 5300)"),
        "{message}"
    );
    assert!(message.contains("left as it is"), "{message}");
    assert_eq!(fs::read_to_string(&ours).unwrap(), good);

    let elsewhere = "elsewhere/korut.ann.ron";
    let out = ana.tandai(&["merge-file", &base, &ours, &base, "--path", elsewhere]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("elsewhere/korut.txt"));
    assert_eq!(fs::read_to_string(&ours).unwrap(), good);

    write("news/korut.ann.journal", "tandai-journal 1 0 0\n");
    let out = ana.tandai(&["merge-file", &base, &ours, &base, "--path", ANNOTATIONS]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("korut.ann.journal"));
    fs::remove_file(ana.dir.join("news/korut.ann.journal")).unwrap();

    let out = ana.tandai(&[
        "merge-file",
        "/dev/null",
        &ours,
        &base,
        "--path",
        ANNOTATIONS,
    ]);
    assert_eq!(out.status.code(), Some(0), "an empty base is no ancestor");
    assert_eq!(fs::read_to_string(&ours).unwrap(), good);
}

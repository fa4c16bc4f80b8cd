//! `tandai report` without a browser: the HTML of a small hostile fixture (insta snapshots),
//! and the output folders it refuses.

mod report_support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, UNIX_EPOCH};

fn tandai_report(input: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandai"))
        .arg("report")
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// A corpus folder holding the hostile article, its annotation file last written on
/// 2024-11-01 (UTC).
fn fixture(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    let article = report_support::write_hostile(&corpus, "hostile.txt");
    let ann = fs::File::options()
        .append(true)
        .open(corpus.join("hostile.ann.ron"))
        .unwrap();
    ann.set_modified(UNIX_EPOCH + Duration::from_secs(1_730_462_400))
        .unwrap();
    article
}

#[test]
fn the_pages_of_a_hostile_fixture() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let out = dir.path().join("report");
    let run = tandai_report(&dir.path().join("corpus"), &out);
    assert!(run.status.success(), "{run:?}");
    let root = dir.path().display().to_string();
    let read = |name: &str| {
        fs::read_to_string(out.join(name))
            .unwrap()
            .replace(&root, "[DIR]")
    };
    insta::assert_snapshot!("article", read("articles/hostile.html"));
    insta::assert_snapshot!("corpus", read("corpus.html"));
    insta::assert_snapshot!("index", read("index.html"));
    assert_eq!(
        fs::read_to_string(out.join("report.css")).unwrap(),
        tandai::report::page::CSS
    );
}

#[test]
fn a_report_is_never_written_over_its_input_nor_into_a_foreign_folder() {
    let dir = tempfile::tempdir().unwrap();
    let article = fixture(dir.path());
    let corpus = dir.path().join("corpus");
    let listing = |p: &Path| {
        let mut names: Vec<_> = fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = listing(&corpus);
    let text = fs::read(&article).unwrap();
    for out in [corpus.clone(), article.clone(), dir.path().to_owned()] {
        let run = tandai_report(&corpus, &out);
        assert_eq!(run.status.code(), Some(2), "{run:?}");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("--out"), "{err}");
    }
    let run = tandai_report(&article, &article);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("never over its input"));
    let foreign = dir.path().join("thesis");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("chapter.tex"), "mine").unwrap();
    let run = tandai_report(&corpus, &foreign);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("did not write"));
    assert_eq!(listing(&foreign).len(), 1);
    assert_eq!(listing(&corpus), before, "nothing written beside the input");
    assert_eq!(fs::read(&article).unwrap(), text);
}

/// `--open` runs the platform's opener (`xdg-open` here) on the page; without one it says so
/// and the report stands.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn open_hands_the_page_to_the_opener_or_says_there_is_none() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let article = fixture(dir.path());
    let bin = dir.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let opened = dir.path().join("opened");
    let opener = bin.join("xdg-open");
    fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.path().join("report");
    let run = |path: &Path| {
        Command::new(env!("CARGO_BIN_EXE_tandai"))
            .arg("report")
            .arg(&article)
            .arg("--out")
            .arg(&out)
            .arg("--open")
            .env("PATH", path)
            .output()
            .unwrap()
    };
    let with = run(&bin);
    assert!(with.status.success(), "{with:?}");
    assert_eq!(
        fs::read_to_string(&opened).unwrap(),
        out.join("articles/hostile.html").display().to_string(),
        "the article's own page"
    );
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let without = run(&empty);
    assert!(without.status.success(), "{without:?}");
    let err = String::from_utf8_lossy(&without.stderr);
    assert!(err.contains("no browser opener found (xdg-open)"), "{err}");
    assert!(out.join("articles/hostile.html").is_file());
}

/// With two annotators' files beside an article, the corpus page shows their agreement and
/// the table each one's progress.
#[test]
fn the_corpus_page_shows_agreement_between_annotators() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for (from, to) in [
        ("korut-dukung-rusia.txt", "korut-dukung-rusia.txt"),
        (
            "korut-dukung-rusia.ann.ron",
            "korut-dukung-rusia.ann.ana.ron",
        ),
        (
            "korut-dukung-rusia.ann.budi.ron",
            "korut-dukung-rusia.ann.budi.ron",
        ),
    ] {
        fs::copy(sample.join(from), corpus.join(to)).unwrap();
    }
    let out = dir.path().join("report");
    let run = tandai_report(&corpus, &out);
    assert!(run.status.success(), "{run:?}");
    let page = fs::read_to_string(out.join("corpus.html")).unwrap();
    assert!(
        page.contains("<h2>Agreement between annotators</h2>"),
        "{page}"
    );
    assert!(page.contains("parties: ana, budi"), "{page}");
    assert!(
        page.contains("<th scope=\"row\">entities</th><td class=\"num\">0.96</td>"),
        "{page}"
    );
    assert!(page.contains("ana (24/24), budi ("), "{page}");
}

/// Every `href` of a page that points at an article's page.
fn article_links(page: &str) -> Vec<String> {
    page.split("href=\"articles/")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

#[test]
fn a_large_corpus_is_listed_on_pages_of_500_documents_each_linking_every_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for i in 0..1_001 {
        fs::write(
            corpus.join(format!("a{i:04}.txt")),
            format!("Berita {i}.\n"),
        )
        .unwrap();
    }
    let out = dir.path().join("report");
    let run = tandai_report(&corpus, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let pages: Vec<String> = ["corpus.html", "corpus-2.html", "corpus-3.html"]
        .iter()
        .map(|name| fs::read_to_string(out.join(name)).unwrap())
        .collect();
    assert!(!out.join("corpus-4.html").exists());
    let rows: Vec<usize> = pages
        .iter()
        .map(|p| p.matches("<tr><td>").count())
        .collect();
    assert_eq!(rows, [500, 500, 1]);
    let mut linked: Vec<String> = pages.iter().flat_map(|p| article_links(p)).collect();
    linked.sort();
    linked.dedup();
    assert_eq!(
        linked.len(),
        1_001,
        "every article is linked from one corpus page"
    );
    let names = ["corpus.html", "corpus-2.html", "corpus-3.html"];
    for (i, page) in pages.iter().enumerate() {
        for (j, other) in names.iter().enumerate() {
            let link = format!("href=\"{other}\">");
            assert_eq!(
                page.contains(&link),
                i != j,
                "page {i} and its link to page {j}"
            );
        }
    }
    assert!(
        pages[0].contains("class=\"chart\""),
        "the charts are on page 1"
    );
    assert!(!pages[1].contains("class=\"chart\""));
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(article_links(&index).len(), 500);
    assert!(index.contains("href=\"corpus-3.html\">1001–1001</a>"));

    for i in 500..1_001 {
        fs::remove_file(corpus.join(format!("a{i:04}.txt"))).unwrap();
    }
    let again = tandai_report(&corpus, &out);
    assert!(again.status.success());
    assert!(
        !out.join("corpus-2.html").exists(),
        "pages of the earlier report removed"
    );
    let first = fs::read_to_string(out.join("corpus.html")).unwrap();
    assert_eq!(first.matches("<tr><td>").count(), 500);
    assert!(!first.contains("corpus-2.html"));
}

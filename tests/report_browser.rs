//! `tandai report` in a real browser: headless Chromium (Debian's `chromium`, installed by
//! `.ci/run`) renders the sample's page, the corpus page and a hostile article's page. A
//! screenshot of each is kept under `target/report-screens/`; the DOM Chromium dumps after
//! running the pages' scripts is checked: every annotation of the gold file is on the page
//! with its label, every quote links to its speaker, and no markup from an article, a note or
//! a label ran. Without `/usr/bin/chromium` the test fails: it never skips.

mod report_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use tandai::model::Document;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs headless Chromium with `args` and a new, empty profile.
fn chromium(args: &[String]) -> std::process::Output {
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)"
    );
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(CHROMIUM);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(args);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "chromium failed: {out:?}");
    out
}

fn url(page: &Path) -> String {
    format!("file://{}", page.canonicalize().unwrap().display())
}

/// The DOM of `page` after its scripts ran.
fn dump_dom(page: &Path) -> String {
    let out = chromium(&["--dump-dom".into(), url(page)]);
    let dom = String::from_utf8(out.stdout).unwrap();
    assert!(dom.contains("</html>"), "no DOM dumped: {dom}");
    dom
}

/// Takes a screenshot of `page` into `target/report-screens/NAME.png`.
fn screenshot(page: &Path, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-screens");
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    chromium(&[
        format!("--screenshot={}", png.display()),
        "--window-size=1200,2000".into(),
        url(page),
    ]);
    let bytes = std::fs::read(&png).expect("a screenshot was written");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "{}",
        png.display()
    );
    png
}

fn report(input: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_tandai"))
        .arg("report")
        .arg(input)
        .arg("--out")
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success(), "tandai report {}", input.display());
}

/// The opening tag of the element whose `id` is `id` (the annotation's first piece).
fn opening_tag<'a>(dom: &'a str, id: &str) -> &'a str {
    let needle = format!(" id=\"{id}\"");
    let at = dom
        .find(&needle)
        .unwrap_or_else(|| panic!("no element with id {id} on the page"));
    let start = dom[..at].rfind('<').unwrap();
    let end = at + dom[at..].find('>').unwrap();
    &dom[start..=end]
}

/// The visible tag written after an annotation (`<sup class="tag qtag">q1 …</sup>`).
fn tag_of<'a>(dom: &'a str, class: &str, id: &str) -> &'a str {
    let needle = format!("<sup class=\"{class}\">{id} ");
    let at = dom
        .find(&needle)
        .unwrap_or_else(|| panic!("no tag of {id} on the page"));
    let end = at + dom[at..].find("</sup>").unwrap();
    &dom[at..end]
}

/// Checks that every annotation of `set` is on the page: entities with their label, quotes
/// with their kind and a link to their speaker, claims with their check-worthiness and
/// claimant; and that each link reaches an element of the page.
fn every_annotation_is_on_the_page(dom: &str, set: &tandai::model::AnnotationSet) {
    // As Chromium serialises an attribute's value.
    let escaped = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    for e in &set.entities {
        let tag = opening_tag(dom, &e.id);
        assert!(
            tag.contains(&format!("data-label=\"{}\"", escaped(&e.label))),
            "{} without its label {}: {tag}",
            e.id,
            e.label
        );
        assert!(tag.starts_with("<mark class=\"ent"), "{tag}");
    }
    for q in &set.quotes {
        let tag = opening_tag(dom, &q.id);
        let kind = format!("{:?}", q.kind).to_lowercase();
        assert!(tag.contains(&format!("data-kind=\"{kind}\"")), "{tag}");
        let visible = tag_of(dom, "tag qtag", &q.id);
        match &q.speaker {
            Some(speaker) => {
                let link = format!("<a class=\"speaker\" href=\"#{speaker}\">");
                assert!(
                    visible.contains(&link),
                    "{} does not link to {speaker}: {visible}",
                    q.id
                );
                opening_tag(dom, speaker);
            }
            None => assert!(visible.contains("no speaker"), "{visible}"),
        }
    }
    for c in &set.claims {
        let tag = opening_tag(dom, &c.id);
        assert!(tag.contains("data-checkworthy=\""), "{tag}");
        if let Some(claimant) = &c.claimant {
            let visible = tag_of(dom, "tag ctag", &c.id);
            let link = format!("<a class=\"claimant\" href=\"#{claimant}\">");
            assert!(visible.contains(&link), "{visible}");
        }
    }
    let firsts = dom.matches(" data-id=\"").count();
    assert!(firsts >= set.entities.len() + set.quotes.len() + set.claims.len());
}

#[test]
fn the_sample_page_shows_every_gold_annotation_and_links_quotes_to_speakers() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let out = tempfile::tempdir().unwrap();
    report(&sample, out.path());
    let page = out.path().join("articles/korut-dukung-rusia.html");
    screenshot(&page, "korut-dukung-rusia");
    let dom = dump_dom(&page);
    assert!(dom.contains("data-js=\"on\""), "the page's script ran");
    let article = sample.join("korut-dukung-rusia.txt");
    let doc = Document::new(std::fs::read_to_string(&article).unwrap());
    let gold = tandai::store::load(&article, &doc).unwrap().unwrap().set;
    assert!(gold.entities.len() > 50 && gold.quotes.len() > 10 && !gold.claims.is_empty());
    every_annotation_is_on_the_page(&dom, &gold);
    assert_eq!(
        dom.matches("<a class=\"speaker\" href=\"#").count(),
        gold.quotes.iter().filter(|q| q.speaker.is_some()).count(),
        "one speaker link per quote with a speaker"
    );
}

#[test]
fn the_corpus_page_lists_every_document_and_sorts() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let out = tempfile::tempdir().unwrap();
    report(&sample, out.path());
    let page = out.path().join("corpus.html");
    screenshot(&page, "corpus");
    let dom = dump_dom(&page);
    assert!(dom.contains("data-js=\"on\""), "the page's script ran");
    for name in ["korut-dukung-rusia", "grain-corridor"] {
        assert!(
            dom.contains(&format!("<a href=\"articles/{name}.html\">{name}.txt</a>")),
            "{name} is listed"
        );
        assert!(out.path().join(format!("articles/{name}.html")).is_file());
    }
    for chart in [
        "Entities per label",
        "Quotes per kind",
        "Quotes per speaker",
        "Annotations by the day",
    ] {
        assert!(dom.contains(chart), "{chart}");
    }
    let index = dump_dom(&out.path().join("index.html"));
    assert!(index.contains("<a href=\"corpus.html\">"));
    assert!(index.contains("<a href=\"articles/korut-dukung-rusia.html\">"));
}

#[test]
fn markup_in_a_hostile_article_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let name = "x\"><svg onload=document.title='pwned'>.txt";
    let article = report_support::write_hostile(&corpus, name);
    let out = dir.path().join("report");
    report(&corpus, &out);
    let pages: Vec<PathBuf> = std::fs::read_dir(out.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    let page = &pages[0];
    screenshot(page, "hostile");
    for checked in [
        page.clone(),
        out.join("corpus.html"),
        out.join("index.html"),
    ] {
        let dom = dump_dom(&checked);
        assert!(dom.contains("data-js=\"on\""), "the page's own script ran");
        let title = &dom[dom.find("<title>").unwrap() + 7..dom.find("</title>").unwrap()];
        assert!(
            title.ends_with("tandai report") && title.trim() != "pwned",
            "{}: the title changed: {title}",
            checked.display()
        );
        let body = &dom[dom.find("<body").unwrap()..];
        assert_eq!(dom.matches("<script").count(), 1, "only report.js: {dom}");
        for injected in ["<img", "<svg", "<style", "<b>", "<i>"] {
            assert!(
                !body.contains(injected),
                "{injected} became markup in {}",
                checked.display()
            );
        }
        assert!(
            dom.contains("&lt;svg onload=document.title='pwned'&gt;"),
            "the file name is shown as text"
        );
    }
    let dom = dump_dom(page);
    for text in [
        "&lt;script&gt;document.title='pwned'&lt;/script&gt;",
        "&lt;img src=x onerror=\"document.title='pwned'\"&gt;&lt;/style&gt;&lt;style&gt;",
        "[U+202E]kebalik[U+202C]",
        "nul\u{FFFD}di",
        "&lt;b&gt;Jakarta&lt;/b&gt;",
    ] {
        assert!(dom.contains(text), "{text} is not on the page as text");
    }
    assert!(dom.contains("Suggestions (not annotations)") && dom.contains("tool&lt;script&gt;"));
    let doc = Document::new(std::fs::read_to_string(&article).unwrap());
    let set = tandai::store::load(&article, &doc).unwrap().unwrap().set;
    every_annotation_is_on_the_page(&dom, &set);
}

//! Adjudication in a real terminal (tmux): two annotators' files of the sample (the gold as
//! `editor`, and budi's, `sample-data/korut-dukung-rusia.ann.budi.ron`), no gold;
//! `tandai adjudicate` settles what both agree on, then every disagreement is visited with the
//! next key and the editor's version taken; after quitting, the gold holds exactly the
//! editor's annotations (compared by place: ids and who made them aside). tmux is required
//! (`.ci/run` installs it).

mod common;

use std::path::Path;

use common::tmux::Tmux;
use common::*;
use tandai::model::disagreements::{Content, contents};
use tandai::model::{AnnotationSet, Document, IdKind};

const EDITOR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/korut-dukung-rusia.ann.ron"
);
const BUDI: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/korut-dukung-rusia.ann.budi.ron"
);

fn read(path: &Path, doc: &Document) -> AnnotationSet {
    let text = std::fs::read_to_string(path).unwrap();
    tandai::store::parse(path, &text, doc).unwrap().set
}

fn by_place(set: &AnnotationSet) -> Vec<Content> {
    IdKind::ALL
        .into_iter()
        .flat_map(|layer| contents(set, layer))
        .collect()
}

/// The disagreements between the editor and budi, in the order of the article, as the panel
/// heads them (cut to the panel's width).
const DISAGREEMENTS: [&str; 10] = [
    "Entity at ¶2 “Barat”",
    "Quote at ¶2 “ribuan pasukan Korea Utara",
    "Claim at ¶2 “ribuan pasukan Korea Utara",
    "Quote at ¶5 “Kami sama sekali tidak ragu",
    "Entity at ¶5 “Rusia”",
    "Claim at ¶7 “Sebelumnya, Moskwa menandatangani",
    "Entity at ¶11 “Presiden Rusia Vladimir Putin”",
    "Entity at ¶13 “Bergelora.com”",
    "Entity at ¶13 “Jakarta”",
    "Quote at ¶17 “itu adalah hal serius”",
];

#[test]
fn every_disagreement_visited_with_next_and_the_editors_version_taken_gives_the_editors_file() {
    let (dir, article) = sample_copy();
    let editor_file = dir.path().join("korut-dukung-rusia.ann.editor.ron");
    std::fs::copy(EDITOR, &editor_file).unwrap();
    std::fs::copy(BUDI, dir.path().join("korut-dukung-rusia.ann.budi.ron")).unwrap();
    let gold = ann_path(&article);
    assert!(!gold.exists());

    // A user config naming an annotator must not turn adjudication onto that annotator's file:
    // the gold is what is settled.
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("tandai")).unwrap();
    std::fs::write(config.join("tandai/config.ron"), "(annotator: \"budi\")\n").unwrap();
    let command = format!(
        "env USER=gold XDG_CONFIG_HOME={} {} adjudicate {}",
        Tmux::quote(&config),
        env!("CARGO_BIN_EXE_tandai"),
        Tmux::quote(&article)
    );
    let tmux = Tmux::run(&command);
    let screen = tmux.wait_for("Adjudication 1/10");
    assert!(screen.contains("10 disagreements left"), "{screen}");
    for (i, heading) in DISAGREEMENTS.iter().enumerate() {
        let screen = tmux.wait_for(&format!("Adjudication {}/10", i + 1));
        assert!(screen.contains(heading), "expected {heading}:\n{screen}");
        assert!(screen.contains("unsettled"), "{screen}");
        assert!(screen.contains("1 [ ] budi"), "{screen}");
        assert!(screen.contains("2 [ ] editor"), "{screen}");
        tmux.keys(&["2"]);
        let screen = tmux.wait_for("settled: the gold holds 2");
        let left = match 9 - i {
            0 => "no disagreement left".to_owned(),
            1 => "1 disagreement left".to_owned(),
            n => format!("{n} disagreements left"),
        };
        assert!(screen.contains(&left), "expected {left}:\n{screen}");
        tmux.keys(&["n"]);
    }
    tmux.wait_for("every disagreement is settled");
    tmux.keys(&["q"]);
    tmux.wait_until_ended();

    let doc = Document::new(std::fs::read_to_string(&article).unwrap());
    let settled = read(&gold, &doc);
    let editor = read(&editor_file, &doc);
    assert_eq!(by_place(&settled), by_place(&editor));
    assert!(settled.items().all(|item| !item.by().is_empty()));
    let text = std::fs::read_to_string(&gold).unwrap();
    assert!(
        text.contains(r#"text: "Jakarta", by: ["editor"])"#),
        "{text}"
    );
    assert!(text.contains(r#"by: ["budi", "editor"]"#), "{text}");
    assert_eq!(
        std::fs::read_to_string(&editor_file).unwrap(),
        std::fs::read_to_string(EDITOR).unwrap(),
        "the annotators' files are read only"
    );
}

//! The sample's second annotator: `sample-data/korut-dukung-rusia.budi.keys` replayed on a copy
//! of the gold makes the shipped `korut-dukung-rusia.ann.budi.ron`, which differs from the
//! gold in exactly the eight annotations the script documents; `tandai agree --gold` reports
//! those differences (snapshots of the text and the JSON, and the figures asserted one by one).
//! The figures are recomputed with scikit-learn, krippendorff and seqeval by
//! `scripts/check_agreement.py`, which `.ci/run` runs.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use common::{sample_copy, stderr, stdout, tandai};
use tandai::model::{AnnotationSet, Document, Span};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE: &str = "sample-data/korut-dukung-rusia.txt";

fn at_root(path: &str) -> String {
    format!("{ROOT}/{path}")
}

/// Every annotation described by place, links resolved to the places they name.
fn by_place(set: &AnnotationSet, doc: &Document) -> BTreeSet<String> {
    let spans = |s: &[Span]| {
        s.iter()
            .map(|s| format!("{}-{} “{}”", s.start, s.end, doc.slice(*s)))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let entity = |id: &Option<tandai::model::Text>| {
        id.as_deref()
            .and_then(|id| set.entity(id))
            .map_or("none".into(), |e| spans(&e.spans))
    };
    let mut out = BTreeSet::new();
    for e in &set.entities {
        out.insert(format!("entity {} {}", spans(&e.spans), e.label));
    }
    for q in &set.quotes {
        let cue = q.cue.as_ref().map_or("none".into(), |c| spans(&c.spans));
        out.insert(format!(
            "quote {} {:?} cue {cue} speaker {}",
            spans(&q.spans),
            q.kind,
            entity(&q.speaker)
        ));
    }
    for c in &set.claims {
        out.insert(format!(
            "claim {} claimant {} {:?}",
            spans(&c.spans),
            entity(&c.claimant),
            c.checkworthy
        ));
    }
    out
}

fn load_file(path: &str, doc: &Document) -> AnnotationSet {
    let path = Path::new(path);
    let text = std::fs::read_to_string(path).unwrap();
    tandai::store::parse(path, &text, doc).unwrap().set
}

fn agree(args: &[&str]) -> Output {
    tandai()
        .current_dir(ROOT)
        .arg("agree")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_key_script_makes_the_shipped_second_annotator() {
    let (dir, article) = sample_copy();
    std::fs::copy(
        at_root("sample-data/korut-dukung-rusia.ann.ron"),
        dir.path().join("korut-dukung-rusia.ann.ron"),
    )
    .unwrap();
    let out = tandai()
        .env("USER", "budi")
        .args(["replay", "--size", "120x40", "--keys-file"])
        .arg(at_root("sample-data/korut-dukung-rusia.budi.keys"))
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let made = std::fs::read_to_string(dir.path().join("korut-dukung-rusia.ann.ron")).unwrap();
    let shipped =
        std::fs::read_to_string(at_root("sample-data/korut-dukung-rusia.ann.budi.ron")).unwrap();
    assert_eq!(made, shipped, "replay the keys and ship the result");
}

#[test]
fn budi_differs_from_the_gold_in_the_eight_documented_annotations() {
    let doc = Document::new(std::fs::read_to_string(at_root(SAMPLE)).unwrap());
    let gold = by_place(
        &load_file(&at_root("sample-data/korut-dukung-rusia.ann.ron"), &doc),
        &doc,
    );
    let budi = by_place(
        &load_file(
            &at_root("sample-data/korut-dukung-rusia.ann.budi.ron"),
            &doc,
        ),
        &doc,
    );
    let only_gold: Vec<String> = gold.difference(&budi).cloned().collect();
    let only_budi: Vec<String> = budi.difference(&gold).cloned().collect();
    let q5 = "quote 680-912 “Kami sama sekali tidak ragu bahwa di bawah kepemimpinan Presiden Rusia Vladimir Putin, tentara dan rakyat Rusia pasti akan mencapai kemenangan besar dalam perjuangannya untuk mempertahankan hak kedaulatan dan keamanan negara mereka,” Direct cue 914-920 “tambah”";
    let c2 = "claim 1011-1108 “Sebelumnya, Moskwa menandatangani pakta pertahanan bersama dengan Pyongyang pada musim panas ini.” claimant none";
    let q14 = "quote 2599-2620 “itu adalah hal serius” {} cue 2591-2598 “berkata” speaker 2585-2590 “Putin”";
    assert_eq!(
        only_gold,
        [
            format!("{c2} Some(Yes)"),
            "entity 1670-1684 “Vladimir Putin” PER".to_owned(),
            "entity 1847-1860 “Bergelora.com” ORG".to_owned(),
            "entity 1864-1871 “Jakarta” LOC".to_owned(),
            "entity 347-352 “Barat” LOC".to_owned(),
            q14.replace("{}", "Indirect"),
            format!("{q5} speaker 665-677 “Choe Son Hui”"),
        ]
    );
    assert_eq!(
        only_budi,
        [
            format!("{c2} Some(No)"),
            "entity 1655-1684 “Presiden Rusia Vladimir Putin” PER".to_owned(),
            "entity 1847-1860 “Bergelora.com” MISC".to_owned(),
            "entity 347-352 “Barat” ORG".to_owned(),
            "entity 745-750 “Rusia” LOC".to_owned(),
            q14.replace("{}", "Mixed"),
            format!("{q5} speaker 751-765 “Vladimir Putin”"),
        ]
    );
}

#[test]
fn agree_reports_exactly_those_differences() {
    let out = agree(&["--json", "--gold", SAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = stdout(&out);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let doc = &report["documents"][0];
    assert_eq!(doc["parties"], serde_json::json!(["gold", "budi"]));
    // 126 annotations each; identical twins: 93 - 4 entities, 21 - 2 quotes, 12 - 1 claims.
    let differing = doc["differing"].as_f64().unwrap();
    assert!(
        (differing - (1.0 - 2.0 * 119.0 / 252.0)).abs() < 1e-12,
        "{differing}"
    );
    let pair = |layer: &str| doc[layer]["pairs"][0].clone();
    let counts = |v: &serde_json::Value| {
        (
            v["matched"].as_u64().unwrap(),
            v["a"].as_u64().unwrap(),
            v["b"].as_u64().unwrap(),
        )
    };
    let entities = pair("entities");
    // Exact: all but the two relabelled, the deleted and the widened; the widened PER still
    // overlaps its gold span.
    assert_eq!(counts(&entities["exact"]), (89, 93, 93));
    assert_eq!(counts(&entities["overlap"]), (90, 93, 93));
    let labels = &entities["labels"];
    assert_eq!(counts(&labels["LOC"]["exact"]), (67, 69, 68));
    assert_eq!(counts(&labels["ORG"]["exact"]), (6, 7, 7));
    assert_eq!(counts(&labels["MISC"]["exact"]), (1, 1, 2));
    assert_eq!(counts(&labels["PER"]["exact"]), (15, 16, 16));
    assert_eq!(counts(&labels["PER"]["overlap"]), (16, 16, 16));
    let quotes = pair("quotes");
    assert_eq!(counts(&quotes["exact"]), (21, 21, 21));
    let q = &quotes["quotes"];
    assert_eq!(q["matched"], 21);
    assert_eq!(q["speaker"]["agree"], 20);
    assert_eq!(q["cue"]["agree"], 21);
    assert_eq!(q["kind"]["agree"], 20);
    let claims = pair("claims");
    assert_eq!(counts(&claims["exact"]), (12, 12, 12));
    assert_eq!(claims["checkworthy"]["matched"], 12);
    assert_eq!(claims["checkworthy"]["checkworthy"]["agree"], 11);
    // The spans of quotes and claims are the gold's: their token and character figures are 1.
    for layer in ["quotes", "claims"] {
        assert_eq!(pair(layer)["kappa"], 1.0, "{layer}");
        assert_eq!(pair(layer)["alpha"], 1.0, "{layer}");
    }
    insta::assert_snapshot!("agree_sample_json", json);
}

#[test]
fn the_text_report_of_the_sample() {
    let out = agree(&["--gold", SAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("agree_sample_text", stdout(&out));
}

#[test]
fn without_gold_the_sample_has_one_party_and_is_skipped() {
    let out = agree(&[SAMPLE]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).contains("korut-dukung-rusia.txt (budi)"));
    assert!(stderr(&out).contains("--gold"), "{}", stderr(&out));
}

/// The second annotator's file is not an article nor a settled annotation file: the commands
/// that walk `sample-data/` see the same two documents as before.
#[test]
fn the_second_annotators_file_leaves_the_other_commands_alone() {
    let check = tandai()
        .current_dir(ROOT)
        .args(["check", "sample-data"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
    assert!(!stdout(&check).contains("budi"), "{}", stdout(&check));
    let stats = tandai()
        .current_dir(ROOT)
        .args(["stats", "--json", "sample-data"])
        .output()
        .unwrap();
    assert!(stats.status.success(), "{}", stderr(&stats));
    let report: serde_json::Value = serde_json::from_str(&stdout(&stats)).unwrap();
    let paths: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "sample-data/grain-corridor.txt",
            "sample-data/korut-dukung-rusia.txt"
        ]
    );
}

//! `tandai agree` on relations and attributes, through the binary: the fixtures of
//! `tests/fixtures/agree/links/` (made by `tests/fixtures/agree/make.py`, also checked by
//! `scripts/check_agreement.py`), every figure worked out by hand below.
//!
//! `temu.txt` is `Dewi bertemu Budi di Jakarta.`: Dewi (0..4), Budi (13..17), Jakarta
//! (21..28), and three annotators:
//!
//! | annotator | Dewi          | Budi                   | Jakarta | relations                        |
//! |-----------|---------------|------------------------|---------|----------------------------------|
//! | ana       | e1 Role=host  | e2 Role=guest, Negated | e3      | Meets e1→e2, LocatedIn e1→e3     |
//! | budi      | e1 Role=host  | e2 Role=host           | e3      | Meets e1→e2, LocatedIn e2→e3     |
//! | citra     | e1 Role=host  | e2 Negated             | —       | Meets e2→e1 (the other way)      |
//!
//! Every annotation one party shares with another is matched by overlap (ends are matched, not
//! ids). `kutip.txt` (a quote, a claim in it, relations to and from them; gold, ana, budi) is
//! described in `make.py`.

mod common;

use std::path::Path;

use serde_json::Value;
use tandai::model::{AnnotationSet, Attribute, Document, Entity, Relation, Span, smallvec};

use common::{stdout, tandai};

const TEMU: &str = "tests/fixtures/agree/links/temu.txt";
const KUTIP: &str = "tests/fixtures/agree/links/kutip.txt";

fn entity(
    doc: &Document,
    id: &str,
    label: &str,
    at: (usize, usize),
    attrs: &[Attribute],
) -> Entity {
    let span = Span::new(at.0, at.1);
    Entity {
        by: Default::default(),
        id: id.into(),
        label: label.into(),
        spans: smallvec![span],
        text: doc.slice(span).into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        attributes: attrs.to_vec(),
    }
}

fn relation(id: &str, kind: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: id.into(),
        kind: kind.into(),
        from: from.into(),
        to: to.into(),
        note: None,
    }
}

fn set(doc: &Document, entities: Vec<Entity>, relations: Vec<Relation>) -> AnnotationSet {
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.entities = entities;
    set.relations = relations;
    set.sort();
    set
}

/// The annotators of `temu.txt` as the table above gives them.
fn table(doc: &Document) -> Vec<(&'static str, AnnotationSet)> {
    let role = |v: &str| Attribute::valued("Role", v);
    let negated = Attribute::flag("Negated");
    let (dewi, budi, jakarta) = ((0, 4), (13, 17), (21, 28));
    vec![
        (
            "ana",
            set(
                doc,
                vec![
                    entity(doc, "e1", "PER", dewi, &[role("host")]),
                    entity(doc, "e2", "PER", budi, &[negated.clone(), role("guest")]),
                    entity(doc, "e3", "LOC", jakarta, &[]),
                ],
                vec![
                    relation("r1", "Meets", "e1", "e2"),
                    relation("r2", "LocatedIn", "e1", "e3"),
                ],
            ),
        ),
        (
            "budi",
            set(
                doc,
                vec![
                    entity(doc, "e1", "PER", dewi, &[role("host")]),
                    entity(doc, "e2", "PER", budi, &[role("host")]),
                    entity(doc, "e3", "LOC", jakarta, &[]),
                ],
                vec![
                    relation("r1", "Meets", "e1", "e2"),
                    relation("r2", "LocatedIn", "e2", "e3"),
                ],
            ),
        ),
        (
            "citra",
            set(
                doc,
                vec![
                    entity(doc, "e1", "PER", dewi, &[role("host")]),
                    entity(doc, "e2", "PER", budi, &[negated]),
                ],
                vec![relation("r1", "Meets", "e2", "e1")],
            ),
        ),
    ]
}

#[test]
fn the_fixture_holds_the_annotations_of_the_table() {
    let article = Path::new(TEMU);
    let doc = Document::new(std::fs::read_to_string(article).unwrap());
    let parties = tandai::store::load_parties(article, &doc).unwrap();
    let read: Vec<(&str, &[Entity], &[Relation])> = parties
        .iter()
        .map(|p| {
            let set = &p.set;
            (p.annotator.as_str(), &set.entities[..], &set.relations[..])
        })
        .collect();
    let sets = table(&doc);
    let expected: Vec<(&str, &[Entity], &[Relation])> = sets
        .iter()
        .map(|(name, set)| (*name, &set.entities[..], &set.relations[..]))
        .collect();
    assert_eq!(read, expected);
}

fn report(article: &Path) -> Value {
    report_with(article, &[])
}

fn report_with(article: &Path, args: &[&str]) -> Value {
    let out = tandai()
        .args(["agree", "--json"])
        .args(args)
        .arg(article)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn close(value: &Value, expected: Option<f64>, what: &str) {
    match expected {
        None => assert!(value.is_null(), "{what}: {value} instead of null"),
        Some(x) => {
            let got = value
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: {value} is no number"));
            assert!((got - x).abs() < 1e-9, "{what}: {got} instead of {x}");
        }
    }
}

/// `(matched, a, b, P, R, F1)` of a precision / recall object.
fn prf(v: &Value, expected: (u64, u64, u64, Option<f64>, Option<f64>, Option<f64>), what: &str) {
    assert_eq!(
        (v["matched"].as_u64(), v["a"].as_u64(), v["b"].as_u64()),
        (Some(expected.0), Some(expected.1), Some(expected.2)),
        "{what}: counts of {v}"
    );
    close(&v["precision"], expected.3, what);
    close(&v["recall"], expected.4, what);
    close(&v["f1"], expected.5, what);
}

#[test]
fn relations_pair_by_pair_per_kind_and_overall() {
    let json = report(Path::new(TEMU));
    let relations = &json["documents"][0]["relations"];
    let pairs = relations["pairs"].as_array().unwrap();
    let names: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| (p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [("ana", "budi"), ("ana", "citra"), ("budi", "citra")]
    );
    // ana:budi: Meets e1→e2 on both sides (1 of 1 each); LocatedIn starts at Dewi for ana and
    // at Budi for budi: no match. Together 1 of 2 each side.
    prf(
        &pairs[0]["kinds"]["Meets"],
        (1, 1, 1, Some(1.0), Some(1.0), Some(1.0)),
        "ana:budi Meets",
    );
    prf(
        &pairs[0]["kinds"]["LocatedIn"],
        (0, 1, 1, Some(0.0), Some(0.0), Some(0.0)),
        "ana:budi LocatedIn",
    );
    prf(
        &pairs[0]["all"],
        (1, 2, 2, Some(0.5), Some(0.5), Some(0.5)),
        "ana:budi",
    );
    // ana:citra: citra's Meets goes Budi→Dewi, the other way; Jakarta is not matched, so
    // LocatedIn cannot be. citra has no LocatedIn: its precision is undefined.
    prf(
        &pairs[1]["kinds"]["Meets"],
        (0, 1, 1, Some(0.0), Some(0.0), Some(0.0)),
        "ana:citra Meets",
    );
    prf(
        &pairs[1]["kinds"]["LocatedIn"],
        (0, 1, 0, None, Some(0.0), Some(0.0)),
        "ana:citra LocatedIn",
    );
    prf(
        &pairs[1]["all"],
        (0, 2, 1, Some(0.0), Some(0.0), Some(0.0)),
        "ana:citra",
    );
    prf(
        &pairs[2]["all"],
        (0, 2, 1, Some(0.0), Some(0.0), Some(0.0)),
        "budi:citra",
    );
    // Means over the three pairs: (0.5 + 0 + 0) / 3; Meets precision (1 + 0 + 0) / 3;
    // LocatedIn precision only where defined (ana:budi, 0).
    let overall = &relations["overall"];
    assert_eq!(overall["pairs"], 3);
    for figure in ["precision", "recall", "f1"] {
        close(&overall["all"][figure], Some(1.0 / 6.0), figure);
        close(&overall["kinds"]["Meets"][figure], Some(1.0 / 3.0), figure);
        close(&overall["kinds"]["LocatedIn"][figure], Some(0.0), figure);
    }
    // The corpus is this one document.
    assert_eq!(json["corpus"]["relations"], *relations);
    // The layers' own figures do not count relations: every entity but citra's missing
    // Jakarta matches.
    let entities = &json["documents"][0]["entities"]["pairs"][0]["exact"];
    prf(
        entities,
        (3, 3, 3, Some(1.0), Some(1.0), Some(1.0)),
        "ana:budi entities",
    );
}

#[test]
fn attributes_of_matched_annotations_per_name() {
    let json = report(Path::new(TEMU));
    let attributes = &json["documents"][0]["attributes"];
    let pairs = attributes["pairs"].as_array().unwrap();
    let check =
        |pair: usize, name: &str, compared: u64, same: u64, share: f64, kappa: Option<f64>| {
            let f = &pairs[pair]["names"][name];
            let what = format!("pair {pair} {name}");
            assert_eq!(f["compared"].as_u64(), Some(compared), "{what}: {f}");
            assert_eq!(f["same"]["agree"].as_u64(), Some(same), "{what}: {f}");
            close(&f["same"]["share"], Some(share), &what);
            close(&f["kappa"], kappa, &what);
        };
    // Role is compared on Dewi and Budi (Jakarta has it on neither side).
    // ana:budi: host/host, guest/host. p_o = 1/2; ana gives host 1, guest 1, budi host 2:
    // p_e = (1·2) / 4 = 1/2, κ = 0.
    check(0, "Role", 2, 1, 0.5, Some(0.0));
    // ana:citra: host/host, guest/(absent). p_e = (1·1) / 4 = 1/4: κ = (1/2 - 1/4) / (3/4) = 1/3.
    check(1, "Role", 2, 1, 0.5, Some(1.0 / 3.0));
    // budi:citra: host/host, host/(absent): p_e = (2·1) / 4 = 1/2, κ = 0.
    check(2, "Role", 2, 1, 0.5, Some(0.0));
    // Negated, on Budi only: ana flag / budi absent (κ 0: p_o = p_e = 0), ana and citra both
    // flagged (κ undefined: one value throughout), budi absent / citra flag.
    check(0, "Negated", 1, 0, 0.0, Some(0.0));
    check(1, "Negated", 1, 1, 1.0, None);
    check(2, "Negated", 1, 0, 0.0, Some(0.0));
    let overall = &attributes["overall"];
    close(&overall["Role"]["same"], Some(0.5), "Role share");
    close(&overall["Role"]["kappa"], Some(1.0 / 9.0), "Role κ");
    close(
        &overall["Negated"]["same"],
        Some(1.0 / 3.0),
        "Negated share",
    );
    close(&overall["Negated"]["kappa"], Some(0.0), "Negated κ");
}

#[test]
fn the_text_report_lists_relations_and_attributes_apart() {
    let out = tandai().arg("agree").arg(TEMU).output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    for expected in [
        "  relations pair / kind         P     R    F1  matched     a     b",
        "            ana:budi        0.500 0.500 0.500        1     2     2",
        "              Meets         1.000 1.000 1.000        1     1     1",
        "            mean            0.167 0.167 0.167",
        "  attributes pair / name    compared  same share      κ",
        "               Role                2     1 0.500  0.333",
        "               Negated                     0.333  0.000",
    ] {
        assert!(lines.contains(&expected), "no line {expected:?} in\n{text}");
    }
}

#[test]
fn differing_counts_relations_and_attributes_as_the_figures_do() {
    let json = report(Path::new(TEMU));
    // Per pair, what both sides hold with an identical twin, of all both hold:
    // - ana:budi: entities 6 of 6; relations 2 of 4 (Meets matched); attribute values
    //   2 of 6 (Role on Dewi alike; Role on Budi and Negated not): 10 of 16.
    // - ana:citra: entities 4 of 5 (citra lacks Jakarta); relations 0 of 3; values 4 of 6
    //   (Role on Dewi, Negated on Budi): 8 of 14.
    // - budi:citra: entities 4 of 5; relations 0 of 3; values 2 of 6 (Role on Dewi): 6 of 14.
    // differing = 1 - (10/16 + 8/14 + 6/14) / 3 = 1 - (5/8 + 1) / 3 = 11/24.
    close(
        &json["documents"][0]["differing"],
        Some(11.0 / 24.0),
        "differing",
    );
    let text = stdout(&tandai().arg("agree").arg(TEMU).output().unwrap());
    assert!(
        text.contains("(ana, budi, citra): differing 0.458"),
        "{text}"
    );
}

#[test]
fn relations_and_attributes_of_quotes_and_claims_with_the_gold() {
    let json = report_with(Path::new(KUTIP), &["--gold"]);
    let document = &json["documents"][0];
    let pairs = document["relations"]["pairs"].as_array().unwrap();
    let names: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| (p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("gold", "ana"), ("gold", "budi"), ("ana", "budi")]);
    // gold:ana: Supports BPS→claim matched (ana's ORG "Data BPS" is matched to BPS by
    // overlap); ana's Contains goes claim→quote, the other way.
    prf(
        &pairs[0]["all"],
        (1, 2, 2, Some(0.5), Some(0.5), Some(0.5)),
        "gold:ana",
    );
    // gold:budi: Supports and Contains matched (budi's shorter claim matched by overlap),
    // budi's Cites quote→BPS besides: P 2/3, R 1, F1 4/5.
    prf(
        &pairs[1]["all"],
        (2, 2, 3, Some(2.0 / 3.0), Some(1.0), Some(0.8)),
        "gold:budi",
    );
    prf(
        &pairs[1]["kinds"]["Cites"],
        (0, 0, 1, Some(0.0), None, Some(0.0)),
        "gold:budi Cites",
    );
    // ana:budi: Supports only: P 1/3, R 1/2, F1 2/5.
    prf(
        &pairs[2]["all"],
        (1, 2, 3, Some(1.0 / 3.0), Some(0.5), Some(0.4)),
        "ana:budi",
    );
    // Topic on the claim: economy / economy, economy / prices, economy / prices.
    let attributes = &document["attributes"];
    let topic = |pair: usize| &attributes["pairs"][pair]["names"]["Topic"];
    assert_eq!(topic(0)["same"]["agree"], 1);
    close(&topic(0)["kappa"], None, "gold:ana Topic κ (one value)");
    assert_eq!(topic(1)["same"]["agree"], 0);
    close(&topic(1)["kappa"], Some(0.0), "gold:budi Topic κ");
    close(
        &attributes["overall"]["Topic"]["same"],
        Some(1.0 / 3.0),
        "Topic share",
    );
    // Verified: a flag only ana set; compared where ana takes part.
    let verified = &attributes["pairs"][0]["names"]["Verified"];
    assert_eq!(
        (
            verified["compared"].as_u64(),
            verified["same"]["agree"].as_u64()
        ),
        (Some(1), Some(0))
    );
    assert!(attributes["pairs"][1]["names"].get("Verified").is_none());
    // Over the folder (without the gold), ana:budi sums temu's relations (1, 2, 2) and
    // kutip's (1, 2, 3).
    let folder = report(Path::new("tests/fixtures/agree/links"));
    let corpus = &folder["corpus"]["relations"]["pairs"];
    let ana_budi = corpus
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "ana" && p["b"] == "budi")
        .unwrap();
    prf(
        &ana_budi["all"],
        (2, 4, 5, Some(0.4), Some(0.5), Some(4.0 / 9.0)),
        "corpus ana:budi",
    );
}

//! The plan: drawing it (determinism, balance, overlap) and its file.

use std::path::Path;

use super::*;

fn team(names: &[&str]) -> Vec<Annotator> {
    names.iter().map(|n| Annotator::new(n).unwrap()).collect()
}

fn articles(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("berita-{i:03}.txt")).collect()
}

#[test]
fn the_same_seed_draws_the_same_plan_and_another_seed_another() {
    let abc = team(&["alice", "budi", "citra", "dewi"]);
    let first = assign(&articles(40), &abc, 2, 7).unwrap();
    assert_eq!(first, assign(&articles(40), &abc, 2, 7).unwrap());
    assert_ne!(
        first.articles,
        assign(&articles(40), &abc, 2, 8).unwrap().articles
    );
    assert_eq!((first.seed, first.overlap), (7, 2));
}

#[test]
fn every_article_gets_overlap_distinct_annotators_and_loads_stay_within_one() {
    for (n, k, overlap, seed) in [
        (40, 4, 2, 1),
        (41, 3, 2, 2),
        (7, 5, 3, 3),
        (10, 3, 3, 4),
        (1, 2, 1, 5),
        (25, 6, 1, 6),
        (100, 7, 4, 7),
    ] {
        let names: Vec<String> = (0..k).map(|i| format!("a{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let plan = assign(&articles(n), &team(&names), overlap, seed).unwrap();
        assert_eq!(plan.articles.len(), n);
        for given in plan.articles.values() {
            assert_eq!(given.len(), overlap);
            let mut distinct = given.clone();
            distinct.dedup();
            assert_eq!(distinct.len(), overlap, "{given:?}");
        }
        let loads: Vec<usize> = plan.loads().into_iter().map(|(_, n)| n).collect();
        let (min, max) = (loads.iter().min().unwrap(), loads.iter().max().unwrap());
        assert!(max - min <= 1, "{n} articles, {k} annotators: {loads:?}");
        assert_eq!(loads.iter().sum::<usize>(), n * overlap);
    }
}

#[test]
fn every_pair_of_annotators_shares_articles_when_there_are_enough() {
    let four = team(&["alice", "budi", "citra", "dewi"]);
    let plan = assign(&articles(24), &four, 2, 11).unwrap();
    for (i, a) in four.iter().enumerate() {
        for b in &four[i + 1..] {
            let shared = plan
                .articles
                .values()
                .filter(|given| given.contains(a) && given.contains(b))
                .count();
            assert!((3..=5).contains(&shared), "{a} and {b} share {shared}");
        }
    }
}

#[test]
fn impossible_plans_are_refused() {
    let two = team(&["alice", "budi"]);
    assert_eq!(
        assign(&articles(3), &two, 3, 0),
        Err(AssignError::Overlap {
            overlap: 3,
            annotators: 2
        })
    );
    assert!(matches!(
        assign(&articles(3), &two, 0, 0),
        Err(AssignError::Overlap { overlap: 0, .. })
    ));
    assert_eq!(
        assign(&articles(3), &[], 1, 0),
        Err(AssignError::NoAnnotators)
    );
    assert_eq!(
        assign(&articles(3), &team(&["alice", "alice"]), 1, 0),
        Err(AssignError::Twice("alice".into()))
    );
    assert_eq!(assign(&[], &two, 1, 0), Err(AssignError::NoArticles));
}

#[test]
fn the_file_reads_back_what_was_written() {
    let mut names = articles(5);
    names.push("sub/\"kutip\" dan \\.txt".into());
    let plan = assign(&names, &team(&["citra", "alice", "budi"]), 2, 3).unwrap();
    let text = plan.to_ron();
    assert!(
        text.contains("annotators: [\"citra\", \"alice\", \"budi\"],"),
        "{text}"
    );
    assert_eq!(Plan::parse(Path::new("p.ron"), &text).unwrap(), plan);
    let by_path = plan.by_path(Path::new("/c"));
    assert_eq!(
        by_path[Path::new("/c/sub/\"kutip\" dan \\.txt")].len(),
        2,
        "{by_path:?}"
    );
}

#[test]
fn a_bad_plan_is_refused_with_its_place() {
    let error = |text: &str| {
        Plan::parse(Path::new("p.ron"), text)
            .unwrap_err()
            .to_string()
    };
    let plan = |annotators: &str, articles: &str| {
        format!(
            "Plan(\n    version: 1,\n    seed: 0,\n    overlap: 1,\n    annotators: {annotators},\n    articles: {{\n        {articles}\n    }},\n)\n"
        )
    };
    assert_eq!(
        error(&plan("[\"alice\"]", "\"a.txt\": [\"alice\"]]")),
        "p.ron:7:27: Expected comma"
    );
    assert_eq!(
        error(&plan("[\"alice\", \"a.b\"]", "")),
        format!("p.ron:5:27: {}", Annotator::new("a.b").unwrap_err())
    );
    assert_eq!(
        error(&plan("[\"alice\"]", "\"a.txt\": [\"budi\"],")),
        "p.ron:7:9: \"budi\" of \"a.txt\" is not among the plan's annotators"
    );
    assert_eq!(
        error(&plan("[\"alice\"]", "\"a.txt\": [\"alice\", \"alice\"],")),
        "p.ron:7:9: \"alice\" is given \"a.txt\" twice"
    );
    assert_eq!(
        error(&plan("[\"alice\"]", "\"../a.txt\": [\"alice\"],")),
        "p.ron:7:9: \"../a.txt\" is not a path inside the plan's folder"
    );
    assert_eq!(
        error(&plan("[\"alice\", \"alice\"]", "")),
        "p.ron:5:18: \"alice\" is listed twice"
    );
    assert_eq!(
        error(&plan("[\"alice\"]", "").replace("version: 1", "version: 9")),
        "p.ron:2:14: version 9 of the plan is not known to this tandai (it reads version 1)"
    );
}

#[test]
fn relative_names_use_slashes_and_stay_inside() {
    let dir = Path::new("/c");
    assert_eq!(
        relative_name(dir, Path::new("/c/sub/a.txt")).as_deref(),
        Some("sub/a.txt")
    );
    assert_eq!(relative_name(dir, Path::new("/d/a.txt")), None);
    assert_eq!(relative_name(dir, dir), None);
}

#[test]
fn a_folder_without_a_plan_has_none() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(Plan::read(dir.path()).unwrap(), None);
    std::fs::write(plan_path(dir.path()), "Plan(").unwrap();
    assert!(Plan::read(dir.path()).is_err());
}

//! Suggestions in a real terminal (tmux), as an editor meets them: tag "Korea Utara" once,
//! see its other occurrences proposed, accept a paragraph's, reject one, accept a proposed
//! quote after reading its speaker and cue in the side panel, undo that, quit; the file holds
//! exactly what was accepted (and the rejection). tmux is required (`.ci/run` installs it).

mod common;

use common::tmux::Tmux;
use common::*;
use tandai::model::{Document, IdKind, Source, Span};

/// The status bar's suggestion counts: in the focused paragraph and in the article.
fn counts(screen: &str) -> (usize, usize) {
    let status = screen.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    let piece = status
        .split("sug ")
        .nth(1)
        .unwrap_or_else(|| panic!("no suggestion count in {status:?}"));
    let numbers: Vec<usize> = piece
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(2)
        .map(|s| s.parse().unwrap())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn tag_once_see_the_rest_proposed_accept_reject_undo_quit() {
    let (_dir, article) = sample_copy();
    let tmux = Tmux::start(&[&article], None);
    tmux.wait_for("korut-dukung-rusia.txt");
    tmux.keys(&["/"]);
    tmux.type_text("korea utara");
    tmux.keys(&["Enter", "3"]);
    let screen = tmux.wait_for("LOC “Korea Utara”");
    let (here, all) = counts(&screen);
    assert_eq!(
        here, 2,
        "the second Korea Utara of ¶1 and the quote:\n{screen}"
    );
    assert!(all >= 18, "the 18 other Korea Utara at least:\n{screen}");

    tmux.keys(&["Y"]);
    let screen = tmux.wait_for("accepted 2 suggestions in this paragraph");
    assert_eq!(counts(&screen), (0, all - 2));

    tmux.keys(&["f", "r"]);
    let screen = tmux.wait_for("rejected: not proposed there again");
    assert!(counts(&screen).1 < all - 2, "{screen}");

    // On to the quote of ¶4 ("…,” kata Menlu Korea Utara Choe Son Hui.).
    let mut screen = String::new();
    for _ in 0..12 {
        tmux.keys(&["f"]);
        screen = tmux.screen();
        if screen.contains("Direct quote by Korea Utara") {
            break;
        }
    }
    assert!(screen.contains("¶ 4/24"), "{screen}");
    assert!(
        screen.contains("cue: kata"),
        "the side panel names the cue:\n{screen}"
    );
    assert!(
        screen.contains("← Korea Utara"),
        "and the speaker:\n{screen}"
    );
    assert!(
        screen.contains("from quote-finder"),
        "and the source:\n{screen}"
    );

    // Accepted with its speaker (two annotations), then undone in one step.
    tmux.keys(&["y"]);
    tmux.wait_for("accepted 2 suggestions here");
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("undone");
    assert!(screen.contains("E 2 Q 1 C 0"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_until_ended();

    let doc = Document::new(std::fs::read_to_string(&article).unwrap());
    let set = tandai::store::load(&article, &doc).unwrap().unwrap().set;
    let entities: Vec<(Span, &str, Source)> = set
        .entities
        .iter()
        .map(|e| (e.spans[0], e.label.as_str(), e.source.clone()))
        .collect();
    assert_eq!(
        entities,
        [
            (Span::new(29, 40), "LOC", Source::Typed),
            (Span::new(71, 82), "LOC", Source::Propagated),
        ]
    );
    assert_eq!(
        set.quotes.len(),
        1,
        "the quote of ¶1, accepted with the paragraph"
    );
    let quote = &set.quotes[0];
    assert_eq!(
        doc.slice(quote.spans[0]),
        "Korea Utara akan mendukung Rusia hingga kemenangannya di Ukraina"
    );
    assert_eq!(quote.cue.as_ref().unwrap().text, "menyatakan");
    assert_eq!(quote.speaker.as_deref(), Some("e1"));
    assert_eq!(quote.source, Source::QuoteFinder);
    assert!(set.claims.is_empty());
    assert_eq!(set.rejected.len(), 1);
    assert_eq!(set.rejected[0].layer, IdKind::Quote);
    assert_eq!(
        set.rejected[0].text,
        "ribuan pasukan Korea Utara berada di Rusia"
    );
}

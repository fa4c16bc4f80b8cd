use super::*;
use crate::suggest::edges::at_word_edges;

/// Mentions of `names` (text, label) at word edges of `text`, sorted by start.
fn mentions(text: &str, names: &[(&str, &str)]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (name, label) in names {
        for (b, _) in text.match_indices(name) {
            if at_word_edges(text, b, b + name.len()) {
                let start = text[..b].chars().count();
                out.push(Mention {
                    span: Span::new(start, start + name.chars().count()),
                    label: (*label).into(),
                });
            }
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// What the finder proposes for each paragraph of `text`, as (content, kind, cue, speaker)
/// texts, the carry going from one paragraph to the next.
fn find(text: &str, names: &[(&str, &str)]) -> Vec<(String, QuoteKind, String, String)> {
    let doc = Document::new(text);
    let cues = Cues::builtin();
    let all = mentions(text, names);
    let mut carry = None;
    let mut out = Vec::new();
    for (p, para) in doc.paragraphs().iter().enumerate() {
        let here: Vec<Mention> = all
            .iter()
            .filter(|m| para.chars.start <= m.span.start && m.span.end <= para.chars.end)
            .cloned()
            .collect();
        let (found, next) = find_quotes(&doc, p, &here, &[], carry, &cues);
        carry = next;
        for s in found {
            let Proposal::Quote { kind, cue, speaker } = s.what else {
                panic!("not a quote: {s:?}");
            };
            assert_eq!(s.source, Source::QuoteFinder);
            assert!(!s.reason.is_empty());
            let text_of = |span: Option<Span>| span.map_or(String::new(), |s| doc.slice(s).into());
            out.push((
                doc.slice(s.span).into(),
                kind,
                text_of(cue),
                text_of(speaker),
            ));
        }
    }
    out
}

fn q(
    content: &str,
    kind: QuoteKind,
    cue: &str,
    speaker: &str,
) -> (String, QuoteKind, String, String) {
    (content.into(), kind, cue.into(), speaker.into())
}

use QuoteKind::{Direct, Indirect, Mixed};

#[test]
fn direct_quote_with_cue_after_and_nya_speaker() {
    let text = "“Kami akan menang,” kata Menlu Korea Utara Choe Son Hui.\n“Perang ini panjang,” tambahnya.";
    let found = find(text, &[("Korea Utara", "LOC"), ("Choe Son Hui", "PER")]);
    assert_eq!(
        found,
        [
            q("Kami akan menang,", Direct, "kata", "Choe Son Hui"),
            q("Perang ini panjang,", Direct, "tambah", "Choe Son Hui"),
        ]
    );
}

#[test]
fn indirect_quotes_with_bahwa_bare_and_speaker_between() {
    let text = "MOSKWA – Menteri Luar Negeri Korea Utara Choe Son Hui menyatakan bahwa Korea Utara akan mendukung Rusia. Hal itu dikatakan Choe Son dalam sebuah pernyataan.\n\
                Putin tidak membantah klaim AS bahwa Korea Utara telah mengirim pasukan ke Rusia.\n\
                AS masih meyakini sedikitnya 3.000 tentara berada di Rusia timur, sementara Ukraina mengatakan pasukan Korea Utara sudah berada di Kursk. (Web Warouw)";
    let names = [
        ("MOSKWA", "LOC"),
        ("Korea Utara", "LOC"),
        ("Choe Son Hui", "PER"),
        ("Choe Son", "PER"),
        ("Rusia", "LOC"),
        ("Putin", "PER"),
        ("AS", "LOC"),
        ("Ukraina", "LOC"),
        ("Kursk", "LOC"),
        ("Web Warouw", "PER"),
    ];
    assert_eq!(
        find(text, &names),
        [
            q(
                "Korea Utara akan mendukung Rusia",
                Indirect,
                "menyatakan",
                "Choe Son Hui"
            ),
            q(
                "Korea Utara telah mengirim pasukan ke Rusia",
                Indirect,
                "klaim",
                "AS"
            ),
            q(
                "sedikitnya 3.000 tentara berada di Rusia timur",
                Indirect,
                "meyakini",
                "AS"
            ),
            q(
                "pasukan Korea Utara sudah berada di Kursk",
                Indirect,
                "mengatakan",
                "Ukraina"
            ),
        ]
    );
}

#[test]
fn pronouns_resolve_to_the_last_speaker() {
    let text = "Lavrov dari Rusia memuji hubungan dekat kedua negara.\nIa mengatakan Moskwa sangat berterima kasih kepada Pyongyang.";
    let names = [
        ("Lavrov", "PER"),
        ("Rusia", "LOC"),
        ("Moskwa", "LOC"),
        ("Pyongyang", "LOC"),
    ];
    assert_eq!(
        find(text, &names),
        [
            q("hubungan dekat kedua negara", Indirect, "memuji", "Lavrov"),
            q(
                "Moskwa sangat berterima kasih kepada Pyongyang",
                Indirect,
                "mengatakan",
                "Lavrov"
            ),
        ]
    );
}

#[test]
fn english_attributions() {
    let text = "“We will not back down,” Smith told reporters, “not now, not ever.”\n\
                The ministry said on Tuesday that 40 people had died.\n\
                He said the talks would resume in May.\n\
                About 3,000 troops crossed the border, according to NATO.\n\
                Officials called the plan “reckless” in a statement.";
    let names = [("Smith", "PER"), ("NATO", "ORG")];
    assert_eq!(
        find(text, &names),
        [
            q("We will not back down,", Direct, "told", "Smith"),
            q("not now, not ever.", Direct, "told", "Smith"),
            q("40 people had died", Indirect, "said", ""),
            q("the talks would resume in May", Indirect, "said", "Smith"),
            q(
                "About 3,000 troops crossed the border",
                Indirect,
                "according to",
                "NATO"
            ),
        ]
    );
}

#[test]
fn mixed_quotes_and_apostrophes() {
    let text = "Jones said the plan was “reckless” and would fail. Ukraine’s army held.";
    assert_eq!(
        find(text, &[("Jones", "PER")]),
        [q(
            "the plan was “reckless” and would fail",
            Mixed,
            "said",
            "Jones"
        )]
    );
}

#[test]
fn known_quotes_are_not_proposed_but_move_the_carry() {
    let text = "“Satu dua tiga,” kata Putin.\n“Empat lima enam,” ujarnya.";
    let doc = Document::new(text);
    let cues = Cues::builtin();
    let ms = mentions(text, &[("Putin", "PER")]);
    let known = [QuoteMention {
        span: Span::new(1, 15),
        kind: Direct,
        speaker: Some(ms[0].span),
    }];
    let (found, carry) = find_quotes(&doc, 0, &ms, &known, None, &cues);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(carry, Some(ms[0].span));
    let (found, carry) = find_quotes(&doc, 1, &[], &[], carry, &cues);
    assert_eq!(found.len(), 1);
    assert_eq!(carry, Some(ms[0].span));
}

#[test]
fn empty_and_odd_paragraphs_propose_nothing() {
    for text in [
        "",
        "“",
        "said",
        "kata”“",
        "“”",
        "menurut",
        "according to",
        "bahwa bahwa",
    ] {
        assert!(find(text, &[]).is_empty(), "{text:?}");
    }
}

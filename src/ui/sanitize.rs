//! Makes untrusted text safe and visible before it reaches a terminal cell.
//!
//! Rules, applied per grapheme cluster:
//! - C0 controls (U+0000–U+001F, ESC included) become their Control Picture (U+2400 + code,
//!   so ESC shows as `␛`), DEL becomes `␡`; a tab becomes [`TAB_WIDTH`] spaces.
//! - C1 controls (U+0080–U+009F), bidi embeddings, overrides, isolates and marks, and
//!   zero-width format characters (ZWSP, word joiner, BOM, …) become [`PLACEHOLDER`].
//! - A zero-width joiner or non-joiner stays only where it has a job: after a letter, a
//!   combining mark or an emoji of its own cluster and before a letter or an emoji (Persian
//!   ZWNJ, Indic half forms, emoji ZWJ sequences). Anywhere else it becomes [`PLACEHOLDER`]:
//!   starting a cluster, after a space (UAX #29 attaches it to the space), before a space, a
//!   digit or punctuation, at the end of the text (of a paragraph, for the article). Emoji are
//!   told by code point blocks, a superset of Extended_Pictographic.
//! - Tag characters (U+E0000–U+E007F), invisible copies of ASCII, become [`PLACEHOLDER`],
//!   except in the one complete emoji tag sequence terminals draw: a subdivision flag, i.e. 🏴
//!   (U+1F3F4, optionally with U+FE0F), a subdivision id in tag letters and digits (two
//!   letters or three digits, then one to four letters or digits, such as `gbsct`), then
//!   CANCEL TAG (U+E007F). It stays whole inside its cluster, as ZWJ inside an emoji sequence.
//! - All the characters of one cluster that become [`PLACEHOLDER`] share one, where the first
//!   of them stood, so a cluster stays a few cells wide however many it hides (a cluster wider
//!   than the screen could not be drawn at all).
//! - A cluster that would still be zero cells wide (a combining mark with no base) gets the
//!   dotted circle `◌` as its base, so every cluster occupies at least one cell.
//! - A soft hyphen, whose width terminals disagree on, shows as `-`.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What an invisible or dangerous character is shown as: `⍰` (U+2370, one cell wide).
pub const PLACEHOLDER: char = '⍰';

/// Number of spaces a tab is shown as.
pub const TAB_WIDTH: usize = 4;

const ZWJ: char = '\u{200d}';
const ZWNJ: char = '\u{200c}';
const WAVING_BLACK_FLAG: char = '\u{1f3f4}';
const EMOJI_PRESENTATION: char = '\u{fe0f}';
const CANCEL_TAG: char = '\u{e007f}';

/// The visible stand-in for `c`, or `None` when `c` may be shown as it is. Joiners and tag
/// characters depend on their neighbours: see [`rewrite`].
fn replacement(c: char) -> Option<char> {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{ad}' => Some('-'),
        '\u{80}'..='\u{9f}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' => Some(PLACEHOLDER),
        _ => None,
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, ZWJ | ZWNJ)
}

fn is_tag(c: char) -> bool {
    ('\u{e0000}'..=CANCEL_TAG).contains(&c)
}

/// Emoji a joiner may join, by block: a superset of Extended_Pictographic.
fn is_pictographic(c: char) -> bool {
    matches!(
        c,
        '\u{a9}'
            | '\u{ae}'
            | '\u{203c}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{2194}'..='\u{21aa}'
            | '\u{2300}'..='\u{23ff}'
            | '\u{24c2}'
            | '\u{25a0}'..='\u{27bf}'
            | '\u{2934}'..='\u{2935}'
            | '\u{2b00}'..='\u{2bff}'
            | '\u{3030}'
            | '\u{303d}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{1f000}'..='\u{1faff}'
            | '\u{1fc00}'..='\u{1fffd}'
    )
}

/// A combining mark (a virama, an emoji variation selector, a keycap, …): zero cells wide and
/// none of the format characters these rules deal with.
fn is_mark(c: char) -> bool {
    c.width() == Some(0) && !is_joiner(c) && !is_tag(c) && replacement(c).is_none()
}

/// Whether a joiner between `before` and `after` has a job (see the module rules).
fn joins(before: Option<char>, after: Option<char>) -> bool {
    let word = |c: char| c.is_alphabetic() || is_pictographic(c);
    before.is_some_and(|c| word(c) || is_mark(c)) && after.is_some_and(word)
}

/// How many characters at the start of `rest` end a subdivision flag begun in `before` (its
/// id and the cancel tag), or 0 when they do not.
fn flag_tags(before: &[char], rest: &[char]) -> usize {
    if !matches!(
        before,
        [.., WAVING_BLACK_FLAG] | [.., WAVING_BLACK_FLAG, EMOJI_PRESENTATION]
    ) {
        return 0;
    }
    let id: Vec<char> = rest
        .iter()
        .map_while(|&c| {
            char::from_u32((c as u32).wrapping_sub(0xe0000))
                .filter(|a| a.is_ascii_digit() || a.is_ascii_lowercase())
        })
        .take(8)
        .collect();
    let region = if id.len() >= 2 && id[..2].iter().all(char::is_ascii_lowercase) {
        2
    } else if id.len() >= 3 && id[..3].iter().all(char::is_ascii_digit) {
        3
    } else {
        return 0;
    };
    let complete =
        (1..=4).contains(&(id.len() - region)) && rest.get(id.len()) == Some(&CANCEL_TAG);
    if complete { id.len() + 1 } else { 0 }
}

/// `g` with its joiners, tag characters and replaced characters shown (see the module rules);
/// `next` is the character after the cluster.
fn rewrite(g: &str, next: Option<char>) -> String {
    let chars: Vec<char> = g.chars().collect();
    let mut out = String::with_capacity(g.len() + PLACEHOLDER.len_utf8());
    let mut placeholder_shown = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let flag = if is_tag(c) {
            flag_tags(&chars[..i], &chars[i..])
        } else {
            0
        };
        if flag > 0 {
            out.extend(&chars[i..i + flag]);
            i += flag;
            continue;
        }
        let shown = if is_joiner(c) {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied().or(next);
            joins(before, after).then_some(c)
        } else if is_tag(c) {
            None
        } else {
            match replacement(c) {
                Some(PLACEHOLDER) => None,
                other => Some(other.unwrap_or(c)),
            }
        };
        match shown {
            Some(c) => out.push(c),
            None if !placeholder_shown => {
                out.push(PLACEHOLDER);
                placeholder_shown = true;
            }
            None => {}
        }
        i += 1;
    }
    out
}

/// One grapheme cluster made safe to put in a cell; `next` is the first character after it
/// (`None` at the end of the text).
fn cluster(g: &str, next: Option<char>) -> Cow<'_, str> {
    let plain = g
        .chars()
        .all(|c| replacement(c).is_none() && !is_joiner(c) && !is_tag(c));
    let mut out = if plain {
        Cow::Borrowed(g)
    } else {
        Cow::Owned(rewrite(g, next))
    };
    if out.width() == 0 && !out.is_empty() {
        out = format!("◌{out}").into();
    }
    out
}

/// Every grapheme cluster of `text` with what a cell shows for it (see the module rules).
/// A cluster is judged with the character after it, so `text` should be a whole paragraph
/// (or end where one does). A tab is returned as is: callers that lay text out treat it as
/// [`TAB_WIDTH`] spaces (see [`sanitize`]).
pub fn clusters(text: &str) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let g = next_grapheme(text, at)?;
        at += g.len();
        if matches!(g.as_bytes(), [b' '..=b'~'] | [b'\t']) {
            return Some((g, Cow::Borrowed(g)));
        }
        let next = text[at..].chars().next();
        Some((g, cluster(g, next)))
    })
}

/// The grapheme cluster of `text` that starts at byte `at` (a cluster boundary).
///
/// A printable ASCII character before another ASCII one (or the end) is a cluster of its own:
/// no rule of UAX #29 joins it to what follows. Otherwise the segmenter is started at `at`;
/// started again at a cluster's end, it cuts the rest as it would have.
fn next_grapheme(text: &str, at: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let first = *bytes.get(at)?;
    if (b' '..=b'~').contains(&first) && bytes.get(at + 1).is_none_or(u8::is_ascii) {
        return Some(&text[at..=at]);
    }
    text[at..].graphemes(true).next()
}

/// The grapheme clusters of `text`, as `text.graphemes(true)` gives them, with printable
/// ASCII taken without the segmenter.
pub fn graphemes(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let g = next_grapheme(text, at)?;
        at += g.len();
        Some(g)
    })
}

/// Display width of a sanitised cluster (a tab counts [`TAB_WIDTH`]).
pub fn grapheme_width(g: &str) -> usize {
    match g.as_bytes() {
        [b'\t'] => TAB_WIDTH,
        [b' '..=b'~'] => 1,
        _ => g.width(),
    }
}

/// A whole string made safe for a cell: every cluster sanitised, tabs expanded to spaces.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (g, shown) in clusters(text) {
        if g == "\t" {
            out.extend(std::iter::repeat_n(' ', TAB_WIDTH));
        } else {
            out.push_str(&shown);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let s = sanitize("a\u{1b}[31mred\u{1b}]8;;http://x\u{7}link\u{9b}2J");
        assert_eq!(s, "a␛[31mred␛]8;;http://x␇link⍰2J");
        assert!(!s.chars().any(|c| (c as u32) < 0x20 || c == '\u{7f}'));
    }

    #[test]
    fn controls_del_and_line_breaks() {
        assert_eq!(sanitize("\0\r\n\u{7f}"), "␀␍␊␡");
        assert_eq!(sanitize("a\tb"), "a    b");
    }

    #[test]
    fn bidi_and_zero_width_format_characters_become_placeholders() {
        for c in [
            '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{feff}', '\u{2060}',
        ] {
            assert_eq!(sanitize(&format!("x{c}y")), "x⍰y", "{:04x}", c as u32);
        }
    }

    #[test]
    fn zwj_emoji_sequence_is_kept_but_a_lone_joiner_is_not() {
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(sanitize(family), family);
        assert_eq!(sanitize("\u{200d}"), "⍰");
    }

    /// `ascii` spelled in tag characters (U+E0000 + code).
    fn tags(ascii: &str) -> String {
        ascii
            .chars()
            .map(|c| char::from_u32(0xe0000 + c as u32).unwrap())
            .collect()
    }

    #[test]
    fn tag_characters_starting_a_cluster_become_visible() {
        assert_eq!(sanitize(&format!("{}b", tags("hi"))), "⍰b");
        assert_eq!(sanitize(&format!("x\n{}", tags("hi"))), "x␊⍰");
        assert_eq!(sanitize("\u{e0001}"), "⍰");
    }

    #[test]
    fn tag_characters_after_a_letter_or_another_emoji_become_visible() {
        assert_eq!(sanitize(&format!("a{} b", tags("ignore"))), "a⍰ b");
        assert_eq!(sanitize(&format!("😀{}\u{e007f}", tags("gbsct"))), "😀⍰");
        assert_eq!(sanitize(&format!("a\u{301}{}", tags("x"))), "a\u{301}⍰");
    }

    #[test]
    fn a_subdivision_flag_keeps_its_tag_sequence() {
        for id in ["gbsct", "gbeng", "gbwls", "usca", "fr75"] {
            for base in ["🏴", "🏴\u{fe0f}"] {
                let flag = format!("{base}{}\u{e007f}", tags(id));
                assert_eq!(sanitize(&flag), flag, "{id}");
                assert_eq!(sanitize(&format!("di {flag}.")), format!("di {flag}."));
                assert_eq!(grapheme_width(&sanitize(&flag)), 2);
            }
        }
    }

    #[test]
    fn a_flag_tag_sequence_that_is_not_a_subdivision_flag_becomes_visible() {
        let cases = [
            (format!("🏴{}", tags("gbsct")), "no cancel tag"),
            (format!("🏴{}\u{e007f}", tags("GBSCT")), "capitals"),
            (format!("🏴{}\u{e007f}", tags("ignoreall")), "too long"),
            (format!("🏴{}\u{e007f}", tags("gb")), "too short"),
            ("🏴\u{e007f}".to_string(), "a cancel tag alone"),
        ];
        for (text, why) in cases {
            assert_eq!(sanitize(&text), "🏴⍰", "{why}");
        }
        let scotland = format!("🏴{}\u{e007f}", tags("gbsct"));
        assert_eq!(
            sanitize(&format!("{scotland}{}", tags("x"))),
            format!("{scotland}⍰"),
            "tags after a complete flag"
        );
    }

    #[test]
    fn a_joiner_after_a_space_becomes_visible() {
        assert_eq!(sanitize("a \u{200d}b"), "a ⍰b");
        assert_eq!(sanitize("a \u{200c}b"), "a ⍰b");
        assert_eq!(sanitize("a\u{3000}\u{200d}東"), "a\u{3000}⍰東");
    }

    #[test]
    fn a_joiner_at_the_end_of_a_paragraph_or_before_a_space_becomes_visible() {
        assert_eq!(sanitize("kata\u{200d}"), "kata⍰");
        assert_eq!(sanitize("kata\u{200c}"), "kata⍰");
        assert_eq!(sanitize("kata\u{200c} lain"), "kata⍰ lain");
        assert_eq!(sanitize("kata\u{200d}\nlain"), "kata⍰␊lain");
        assert_eq!(sanitize("👩\u{200d}"), "👩⍰");
    }

    #[test]
    fn a_joiner_next_to_digits_punctuation_or_another_joiner_becomes_visible() {
        assert_eq!(sanitize("1\u{200d}2"), "1⍰2");
        assert_eq!(sanitize("a\u{200d}."), "a⍰.");
        assert_eq!(sanitize("a\u{200d}\u{200c}b"), "a⍰b");
    }

    #[test]
    fn joiners_between_letters_or_emoji_keep_their_job() {
        for text in [
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "ක්\u{200d}ය",
            "Auf\u{200c}lage",
            "❤\u{fe0f}\u{200d}🔥",
            "👁\u{200d}🗨",
            "🏳\u{fe0f}\u{200d}⚧\u{fe0f}",
            "🧑🏽\u{200d}💻",
        ] {
            assert_eq!(sanitize(text), text, "{text:?}");
        }
    }

    #[test]
    fn a_cluster_hiding_many_characters_shows_one_placeholder() {
        let long = format!("a{}", tags(&"x".repeat(1000)));
        assert_eq!(sanitize(&long), "a⍰");
        assert_eq!(sanitize(" \u{200d}\u{200d}\u{200d}b"), " ⍰b");
    }

    #[test]
    fn every_cluster_is_a_cell_or_more_and_widths_agree_with_the_sanitised_text() {
        let text = format!(
            "\u{200d}{} \u{200c}x\u{301}{}🏴{}\u{e007f}\u{301} e\u{301} 東 \u{200b}\t.\u{200d}",
            tags("a"),
            tags("b"),
            tags("gbsct")
        );
        let mut total = 0;
        for (g, shown) in clusters(&text) {
            let width = grapheme_width(&shown);
            assert!(width >= 1, "{g:?} shows as {shown:?}");
            total += width;
        }
        let clean = sanitize(&text);
        let clean_width: usize = clean.graphemes(true).map(grapheme_width).sum();
        assert_eq!(total, clean_width, "{clean:?}");
    }

    #[test]
    fn combining_marks_stay_on_their_base_or_get_one() {
        assert_eq!(sanitize("e\u{301}"), "e\u{301}");
        assert_eq!(sanitize("\u{301}"), "◌\u{301}");
        assert_eq!(grapheme_width(&sanitize("\u{301}")), 1);
    }

    /// The clusters as the segmenter alone cuts them, each judged with the next one.
    fn segmented(text: &str) -> Vec<(&str, Cow<'_, str>)> {
        let mut rest = text.graphemes(true).peekable();
        std::iter::from_fn(|| {
            let g = rest.next()?;
            if g == "\t" {
                return Some((g, Cow::Borrowed(g)));
            }
            let next = rest.peek().and_then(|n| n.chars().next());
            Some((g, cluster(g, next)))
        })
        .collect()
    }

    #[test]
    fn the_ascii_path_cuts_and_shows_as_the_segmenter_does() {
        use proptest::prelude::*;
        const PIECES: [&str; 22] = [
            "a",
            "Z",
            " ",
            "~",
            "\t",
            "\r",
            "\n",
            "\r\n",
            "\u{1b}",
            "\u{7f}",
            "\u{301}",
            "\u{200d}",
            "\u{200c}",
            "👩",
            "🇮",
            "🇩",
            "\u{fe0f}",
            "東",
            "\u{ad}",
            "\u{e0067}",
            "\u{e007f}",
            "\u{94d}",
        ];
        proptest!(|(pieces in prop::collection::vec(0..PIECES.len(), 0..30))| {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            prop_assert_eq!(clusters(&text).collect::<Vec<_>>(), segmented(&text));
            prop_assert_eq!(
                graphemes(&text).collect::<Vec<_>>(),
                text.graphemes(true).collect::<Vec<_>>()
            );
            for g in text.graphemes(true) {
                let width = if g == "\t" { TAB_WIDTH } else { g.width() };
                prop_assert_eq!(grapheme_width(g), width, "{:?}", g);
            }
        });
    }

    #[test]
    fn cjk_is_untouched() {
        assert_eq!(sanitize("東京"), "東京");
    }
}

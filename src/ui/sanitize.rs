//! Makes untrusted text safe and visible before it reaches a terminal cell.
//!
//! Rules, applied per grapheme cluster:
//! - C0 controls (U+0000–U+001F, ESC included) become their Control Picture (U+2400 + code,
//!   so ESC shows as `␛`), DEL becomes `␡`; a tab becomes [`TAB_WIDTH`] spaces.
//! - C1 controls (U+0080–U+009F), bidi embeddings, overrides, isolates and marks, and
//!   zero-width format characters (ZWSP, word joiner, BOM, …) become [`PLACEHOLDER`].
//! - A zero-width joiner or non-joiner keeps working inside a cluster (emoji sequences) but
//!   becomes [`PLACEHOLDER`] when it starts a cluster, i.e. stands alone.
//! - A cluster that would still be zero cells wide (a combining mark with no base) gets the
//!   dotted circle `◌` as its base, so every cluster occupies at least one cell.
//! - A soft hyphen, whose width terminals disagree on, shows as `-`.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What an invisible or dangerous character is shown as: `⍰` (U+2370, one cell wide).
pub const PLACEHOLDER: char = '⍰';

/// Number of spaces a tab is shown as.
pub const TAB_WIDTH: usize = 4;

/// The visible stand-in for `c`, or `None` when `c` may be shown as it is.
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

/// One grapheme cluster made safe to put in a cell (see the module rules). A tab is returned
/// as is: callers that lay text out treat it as [`TAB_WIDTH`] spaces (see [`sanitize`]).
pub fn grapheme(g: &str) -> Cow<'_, str> {
    let needs_change = g
        .chars()
        .enumerate()
        .any(|(i, c)| replacement(c).is_some() || (i == 0 && matches!(c, '\u{200c}' | '\u{200d}')));
    let mut out: Cow<'_, str> = if needs_change {
        g.chars()
            .enumerate()
            .map(|(i, c)| match c {
                '\u{200c}' | '\u{200d}' if i == 0 => PLACEHOLDER,
                _ => replacement(c).unwrap_or(c),
            })
            .collect::<String>()
            .into()
    } else {
        Cow::Borrowed(g)
    };
    if out.width() == 0 && !out.is_empty() {
        out = format!("◌{out}").into();
    }
    out
}

/// Display width of a sanitised cluster (a tab counts [`TAB_WIDTH`]).
pub fn grapheme_width(g: &str) -> usize {
    if g == "\t" { TAB_WIDTH } else { g.width() }
}

/// A whole string made safe for a cell: every cluster sanitised, tabs expanded to spaces.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        if g == "\t" {
            out.extend(std::iter::repeat_n(' ', TAB_WIDTH));
        } else {
            out.push_str(&grapheme(g));
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

    #[test]
    fn combining_marks_stay_on_their_base_or_get_one() {
        assert_eq!(sanitize("e\u{301}"), "e\u{301}");
        assert_eq!(sanitize("\u{301}"), "◌\u{301}");
        assert_eq!(grapheme_width(&grapheme("\u{301}")), 1);
    }

    #[test]
    fn cjk_is_untouched() {
        assert_eq!(sanitize("東京"), "東京");
    }
}

//! HTML escaping of untrusted text (article text, notes, labels, file names): everything the
//! report writes that it did not make itself goes through [`push_text`] or [`push_attr`].
//!
//! Both escape `&`, `<`, `>`, `"` and `'`, so the same function is safe between tags and
//! inside a quoted attribute value. Characters that HTML forbids or that could reorder what the
//! reader sees are replaced by a visible stand-in: NUL and the other C0/C1 controls (but tab,
//! line feed and carriage return) become U+FFFD; bidirectional controls (U+202A–U+202E,
//! U+2066–U+2069, U+200E, U+200F, U+061C) become `[U+202E]`, so a right-to-left override in a
//! note cannot make text read differently from what it is. Offsets do not matter here: the
//! report escapes each piece of text after it has been cut at annotation edges.

/// Appends `text` escaped for use between tags.
pub fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_bidi_control(c) => {
                out.push_str("[U+");
                out.push_str(&format!("{:04X}", c as u32));
                out.push(']');
            }
            c if is_forbidden_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Appends `text` escaped for use inside a double- or single-quoted attribute value. Line
/// breaks are kept as character references so that a `title` keeps them.
pub fn push_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => push_text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// `text` escaped for use between tags.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_text(&mut out, text);
    out
}

/// `text` escaped for use inside a quoted attribute value.
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_attr(&mut out, text);
    out
}

/// Controls that change the order in which text is shown.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters HTML does not allow in text (NUL, other controls, noncharacters' neighbours).
fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            text("<script>document.title='pwned'</script>"),
            "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"
        );
        assert_eq!(
            text("<img src=x onerror=\"alert(1)\">"),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
        );
        assert_eq!(text("</style><b>"), "&lt;/style&gt;&lt;b&gt;");
        assert_eq!(text("a && b"), "a &amp;&amp; b");
        assert_eq!(
            text("&lt;"),
            "&amp;lt;",
            "an entity in the text stays as typed"
        );
    }

    #[test]
    fn attribute_values_cannot_be_left() {
        for quote in ['"', '\''] {
            let hostile = format!("x{quote} onmouseover={quote}alert(1)");
            let escaped = attr(&hostile);
            assert!(!escaped.contains(quote), "{escaped}");
            assert!(!escaped.contains('<') && !escaped.contains('>'));
        }
        assert_eq!(attr("a\nb\tc"), "a&#10;b&#9;c");
    }

    #[test]
    fn controls_become_visible_stand_ins() {
        assert_eq!(text("a\0b"), "a\u{FFFD}b");
        assert_eq!(text("a\u{7}b\u{85}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(text("tab\there\nline"), "tab\there\nline");
        assert_eq!(text("abc\u{202E}fed"), "abc[U+202E]fed");
        assert_eq!(text("\u{2066}x\u{2069}"), "[U+2066]x[U+2069]");
        assert_eq!(attr("\u{200F}"), "[U+200F]");
    }

    #[test]
    fn ordinary_text_is_kept() {
        let s = "Choe Son Hui — “kami mendukung” 北朝鮮 🇰🇵 café";
        assert_eq!(text(s), s);
        assert_eq!(attr(s), s);
    }

    #[test]
    fn nothing_unescaped_survives_any_ascii() {
        let all: String = (0u8..128).map(char::from).collect();
        for escaped in [text(&all), attr(&all)] {
            for bad in ['<', '>', '"', '\'', '\0'] {
                assert!(!escaped.contains(bad), "{bad:?} in {escaped:?}");
            }
            assert_eq!(
                escaped.matches('&').count(),
                escaped.matches(';').count() - usize::from(all.contains(';')),
                "every & starts a reference"
            );
        }
    }
}

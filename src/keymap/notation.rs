//! Key notation: `j`, `G`, `<C-r>`, `<S-Right>`, `<Space>`, `<lt>`, used in keymap files,
//! in the help overlay and in replayed keystrokes.

use std::fmt;

use super::errors::NotationError;
use super::key::{Key, KeyCode};

/// Parses a keymap-file key sequence: keys separated by spaces (`"g g"`, `"<C-r>"`, `"?"`).
/// Each key is one character or a `<...>` name; a lone `<` is the `<` key.
pub fn parse_sequence(s: &str) -> Result<Vec<Key>, NotationError> {
    let keys = s
        .split_whitespace()
        .map(parse_one)
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(NotationError::Empty);
    }
    Ok(keys)
}

/// Parses replayed keystrokes: every character is one key (a space is the space bar) and
/// `<...>` is a named key (`"/Choe Son Hui<Enter>1"`); a literal `<` is written `<lt>`.
pub fn parse_keystrokes(s: &str) -> Result<Vec<Key>, NotationError> {
    let mut keys = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let len =
                bracketed_len(rest).ok_or_else(|| NotationError::Unclosed(rest.to_owned()))?;
            keys.push(parse_bracketed(&rest[..len])?);
            rest = &rest[len..];
        } else {
            keys.push(Key::char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(keys)
}

/// The byte length of the `<...>` at the start of `s`, closing bracket included. A `>` right
/// after a modifier's `-` is the key itself (`<C->>`).
fn bracketed_len(s: &str) -> Option<usize> {
    let close = s[1..].find('>')? + 1;
    if s[..close].ends_with('-') && s[close + 1..].starts_with('>') {
        Some(close + 2)
    } else {
        Some(close + 1)
    }
}

/// One whitespace-free token of a keymap-file sequence.
fn parse_one(token: &str) -> Result<Key, NotationError> {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Key::char(c)),
        _ if token.starts_with('<') && token.ends_with('>') => parse_bracketed(token),
        _ => Err(NotationError::NotOneKey(token.to_owned())),
    }
}

/// A `<...>` token: modifiers (`C-`, `A-`/`M-`, `S-`) then a key name or one character.
fn parse_bracketed(token: &str) -> Result<Key, NotationError> {
    let unknown = || NotationError::UnknownKey(token.to_owned());
    let mut name = token
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(unknown)?;
    let (mut ctrl, mut alt, mut shift) = (false, false, false);
    while let Some((flag, rest)) = split_modifier(name) {
        match flag {
            'c' => ctrl = true,
            'a' | 'm' => alt = true,
            _ => shift = true,
        }
        name = rest;
    }
    let mut code = key_name(name).ok_or_else(unknown)?;
    if shift && code == KeyCode::Tab {
        code = KeyCode::BackTab;
        shift = false;
    }
    if let KeyCode::Char(c) = code
        && shift
    {
        if !c.is_alphabetic() {
            return Err(NotationError::ShiftedCharacter(token.to_owned()));
        }
        code = KeyCode::Char(c.to_uppercase().next().unwrap_or(c));
        shift = false;
    }
    Ok(Key {
        code,
        ctrl,
        alt,
        shift,
    })
}

/// Splits a leading modifier (`C-`, `A-`, `M-`, `S-`, any case) off `name`, as long as a key
/// name remains after it.
fn split_modifier(name: &str) -> Option<(char, &str)> {
    let mut chars = name.chars();
    let flag = chars.next()?.to_ascii_lowercase();
    let rest = chars.as_str().strip_prefix('-')?;
    (matches!(flag, 'c' | 'a' | 'm' | 's') && !rest.is_empty()).then_some((flag, rest))
}

/// The key called `name` (case-insensitive), or the single character `name`.
fn key_name(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "cr" | "return" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "bs" | "backspace" => KeyCode::Backspace,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "del" | "delete" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        "space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        _ => {
            let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
            return (1..=12).contains(&n).then_some(KeyCode::F(n));
        }
    };
    Some(code)
}

impl fmt::Display for Key {
    /// Canonical notation, which [`parse_sequence`] and [`parse_keystrokes`] read back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char(c) if !(self.ctrl || self.alt || self.shift) => return write!(f, "{c}"),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "BS".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::F(n) => format!("F{n}"),
        };
        f.write_str("<")?;
        for (held, prefix) in [(self.ctrl, "C-"), (self.alt, "A-"), (self.shift, "S-")] {
            if held {
                f.write_str(prefix)?;
            }
        }
        write!(f, "{name}>")
    }
}

/// A key sequence in keymap-file notation: keys separated by spaces.
pub fn sequence_to_string(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctrl(c: char) -> Key {
        Key {
            ctrl: true,
            ..Key::char(c)
        }
    }

    fn shifted(code: KeyCode) -> Key {
        Key {
            shift: true,
            ..Key::plain(code)
        }
    }

    #[test]
    fn sequences_parse() {
        assert_eq!(parse_sequence("j"), Ok(vec![Key::char('j')]));
        assert_eq!(
            parse_sequence("g g"),
            Ok(vec![Key::char('g'), Key::char('g')])
        );
        assert_eq!(parse_sequence("<C-r>"), Ok(vec![ctrl('r')]));
        assert_eq!(
            parse_sequence("<S-Right>"),
            Ok(vec![shifted(KeyCode::Right)])
        );
        assert_eq!(parse_sequence("<Space>"), Ok(vec![Key::char(' ')]));
        assert_eq!(parse_sequence("<lt>"), Ok(vec![Key::char('<')]));
        assert_eq!(parse_sequence("<"), Ok(vec![Key::char('<')]));
        assert_eq!(parse_sequence(">"), Ok(vec![Key::char('>')]));
        assert_eq!(parse_sequence("\""), Ok(vec![Key::char('"')]));
        assert_eq!(parse_sequence("G"), Ok(vec![Key::char('G')]));
        assert_eq!(
            parse_sequence("<F12>"),
            Ok(vec![Key::plain(KeyCode::F(12))])
        );
    }

    #[test]
    fn names_are_case_insensitive_and_have_aliases() {
        let enter = Ok(vec![Key::plain(KeyCode::Enter)]);
        for s in ["<Enter>", "<CR>", "<return>", "<ENTER>"] {
            assert_eq!(parse_sequence(s), enter, "{s}");
        }
        let backtab = Ok(vec![Key::plain(KeyCode::BackTab)]);
        for s in ["<S-Tab>", "<BackTab>", "<s-tab>"] {
            assert_eq!(parse_sequence(s), backtab, "{s}");
        }
        assert_eq!(
            parse_sequence("<BS>"),
            Ok(vec![Key::plain(KeyCode::Backspace)])
        );
        assert_eq!(
            parse_sequence("<Delete>"),
            Ok(vec![Key::plain(KeyCode::Delete)])
        );
    }

    #[test]
    fn modifiers_combine_and_shift_folds_into_letters() {
        let key = Key {
            ctrl: true,
            shift: true,
            ..Key::plain(KeyCode::Right)
        };
        assert_eq!(parse_sequence("<C-S-Right>"), Ok(vec![key]));
        assert_eq!(parse_sequence("<S-a>"), parse_sequence("A"));
        assert_eq!(parse_sequence("<C-S-r>"), Ok(vec![ctrl('R')]));
        let alt_x = Key {
            alt: true,
            ..Key::char('x')
        };
        assert_eq!(parse_sequence("<M-x>"), Ok(vec![alt_x]));
        assert_eq!(parse_sequence("<A-x>"), Ok(vec![alt_x]));
        assert_eq!(parse_sequence("<C-->"), Ok(vec![ctrl('-')]));
    }

    #[test]
    fn sequence_errors_name_the_key() {
        let message = |s: &str| parse_sequence(s).unwrap_err().to_string();
        assert_eq!(message("<Foo>"), "unknown key `<Foo>`");
        assert_eq!(message("<F13>"), "unknown key `<F13>`");
        assert_eq!(
            message("gg"),
            "`gg` is not one key: separate keys with spaces, write named keys as <Name>"
        );
        assert_eq!(
            message("<S-1>"),
            "`<S-1>`: shift goes with letters and named keys; write the shifted character"
        );
        assert_eq!(message("  "), "empty key sequence");
        assert_eq!(parse_sequence("  "), Err(NotationError::Empty));
    }

    #[test]
    fn keystrokes_parse_each_character() {
        let keys = parse_keystrokes("/Choe Son<Enter>1").unwrap();
        let expected: Vec<Key> = "/Choe Son"
            .chars()
            .map(Key::char)
            .chain([Key::plain(KeyCode::Enter), Key::char('1')])
            .collect();
        assert_eq!(keys, expected);
        assert_eq!(parse_keystrokes("<C-r>"), Ok(vec![ctrl('r')]));
        assert_eq!(
            parse_keystrokes("a<lt>b"),
            Ok(vec![Key::char('a'), Key::char('<'), Key::char('b')])
        );
        assert_eq!(
            parse_keystrokes("<C->>x"),
            Ok(vec![ctrl('>'), Key::char('x')])
        );
        assert_eq!(parse_keystrokes(""), Ok(vec![]));
    }

    #[test]
    fn keystroke_errors_name_the_bad_part() {
        let message = |s: &str| parse_keystrokes(s).unwrap_err().to_string();
        assert_eq!(message("ab<Enter"), "unclosed `<Enter`");
        assert_eq!(message("a<Entr>b"), "unknown key `<Entr>`");
    }

    #[test]
    fn display_is_canonical() {
        let cases = [
            ("j", "j"),
            ("G", "G"),
            ("<c-r>", "<C-r>"),
            ("<s-right>", "<S-Right>"),
            ("<space>", "<Space>"),
            ("<CR>", "<Enter>"),
            ("<", "<lt>"),
            ("<backspace>", "<BS>"),
            ("<M-S-Tab>", "<A-S-Tab>"),
        ];
        for (input, shown) in cases {
            assert_eq!(sequence_to_string(&parse_sequence(input).unwrap()), shown);
        }
    }

    #[test]
    fn display_parses_back() {
        let codes = [
            KeyCode::Char('a'),
            KeyCode::Char('Z'),
            KeyCode::Char(' '),
            KeyCode::Char('<'),
            KeyCode::Char('>'),
            KeyCode::Char('-'),
            KeyCode::Char('"'),
            KeyCode::Char('é'),
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::F(1),
            KeyCode::F(12),
        ];
        for code in codes {
            for bits in 0..8u8 {
                let key = Key {
                    code,
                    ctrl: bits & 1 != 0,
                    alt: bits & 2 != 0,
                    shift: bits & 4 != 0
                        && !matches!(code, KeyCode::Char(_) | KeyCode::Tab | KeyCode::BackTab),
                };
                let shown = key.to_string();
                assert_eq!(parse_sequence(&shown), Ok(vec![key]), "{shown}");
                assert_eq!(parse_keystrokes(&shown), Ok(vec![key]), "{shown}");
            }
        }
    }
}

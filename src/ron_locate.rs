//! Finds where things are written in RON text, to point errors found after parsing (by the
//! annotation file's checks, or the keymap's) at a line and column.
//!
//! One small lexer, not a parser: it knows RON's comments (nested), strings, raw strings and
//! character literals, brackets, commas, colons and identifiers, and gives each with its
//! place. A leaf module: it imports nothing of tandai.

use std::iter::Peekable;
use std::str::CharIndices;

/// A place in a text: 1-based line and column, the column counted in characters (as ron
/// counts them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Line and column of byte offset `byte` of `text`.
pub fn place_of_byte(text: &str, byte: usize) -> Place {
    let before = &text[..byte.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Place {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The first place at or after `place` that is not white space, so that an error reported
/// just after a `:` points at the value that follows.
pub fn skip_blank(text: &str, place: Place) -> Place {
    let line_start = text
        .split_inclusive('\n')
        .take(place.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let at = text[line_start..]
        .char_indices()
        .nth(place.column.saturating_sub(1))
        .map_or(text.len(), |(b, _)| line_start + b);
    let blank = text[at..].len() - text[at..].trim_start().len();
    place_of_byte(text, at + blank)
}

/// Every `name:` outside strings and comments, at any depth, in text order: the name, its
/// place, and the byte where the value after the colon starts.
pub fn fields(text: &str) -> impl Iterator<Item = (&str, Place, usize)> {
    let mut tokens = Tokens::new(text).peekable();
    std::iter::from_fn(move || {
        while let Some(token) = tokens.next() {
            if let Kind::Ident(name) = token.kind
                && tokens.next_if(|t| t.kind == Kind::Colon).is_some()
            {
                let value = tokens.peek().map_or(text.len(), |t| t.byte);
                return Some((name, token.place, value));
            }
        }
        None
    })
}

/// Place of the first field `name:` in `text`.
pub fn field(text: &str, name: &str) -> Option<Place> {
    fields(text)
        .find(|(n, _, _)| *n == name)
        .map(|(_, place, _)| place)
}

/// Where the field `field` of the top-level struct is a map (`field: { "k": v, … }`), the
/// place of each of its keys (their opening quote), in text order.
pub fn map_keys(text: &str, field: &str) -> Vec<Place> {
    let mut depth = 0usize;
    let mut stage = Stage::None;
    let mut in_map = false;
    let mut expect_key = false;
    let mut keys = Vec::new();
    for token in Tokens::new(text) {
        let was = std::mem::replace(&mut stage, Stage::None);
        match token.kind {
            Kind::Literal if in_map && depth == 2 && std::mem::take(&mut expect_key) => {
                keys.push(token.place);
            }
            Kind::Open(c) => {
                depth += 1;
                if c == '{' && was == Stage::Colon {
                    in_map = true;
                    expect_key = true;
                }
            }
            Kind::Close => {
                depth = depth.saturating_sub(1);
                if in_map && depth < 2 {
                    break;
                }
            }
            Kind::Comma => expect_key = in_map && depth == 2,
            Kind::Colon if was == Stage::Name => stage = Stage::Colon,
            Kind::Ident(name) if depth == 1 && !in_map && name == field => stage = Stage::Name,
            _ => {}
        }
    }
    keys
}

/// How much of `field: {` [`map_keys`] has seen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    None,
    Name,
    Colon,
}

/// One token of RON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind<'a> {
    /// `(`, `[` or `{`.
    Open(char),
    /// `)`, `]` or `}`.
    Close,
    Comma,
    Colon,
    Ident(&'a str),
    /// A string, raw string or character literal.
    Literal,
    /// Any other character (digits, signs, dots…), one at a time.
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    kind: Kind<'a>,
    place: Place,
    byte: usize,
}

/// The tokens of a text, comments and white space left out.
struct Tokens<'a> {
    text: &'a str,
    chars: Peekable<CharIndices<'a>>,
    line: usize,
    column: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        Tokens {
            text,
            chars: text.char_indices().peekable(),
            line: 1,
            column: 1,
        }
    }

    fn bump(&mut self) -> Option<(usize, char)> {
        let (byte, c) = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some((byte, c))
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn rest(&mut self) -> &'a str {
        let at = self.chars.peek().map_or(self.text.len(), |&(b, _)| b);
        &self.text[at..]
    }

    /// Skips a `//` or (nested) `/* */` comment whose `/` was just read.
    fn skip_comment(&mut self) -> bool {
        match self.peek() {
            Some('/') => {
                while let Some((_, c)) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            Some('*') => {
                self.bump();
                let mut open = 1;
                while open > 0 {
                    match self.bump() {
                        Some((_, '/')) if self.peek() == Some('*') => {
                            self.bump();
                            open += 1;
                        }
                        Some((_, '*')) if self.peek() == Some('/') => {
                            self.bump();
                            open -= 1;
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Skips the rest of a `"..."` string whose opening quote was just read.
    fn skip_string(&mut self) {
        while let Some((_, c)) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => break,
                _ => {}
            }
        }
    }

    /// Skips the rest of a `'x'` character literal whose opening quote was just read.
    fn skip_char_literal(&mut self) {
        if let Some((_, '\\')) = self.bump() {
            self.bump();
        }
        while let Some((_, c)) = self.bump() {
            if c == '\'' {
                break;
            }
        }
    }

    /// Whether the `r` just read starts a raw string (`r"`, `r#"`, …).
    fn raw_string_ahead(&mut self) -> bool {
        self.rest().trim_start_matches('#').starts_with('"')
    }

    /// Skips the rest of a raw string whose `r` was just read.
    fn skip_raw_string(&mut self) {
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        let closing = format!("\"{}", "#".repeat(hashes));
        while !self.rest().starts_with(&closing) {
            if self.bump().is_none() {
                return;
            }
        }
        for _ in 0..closing.len() {
            self.bump();
        }
    }

    /// The identifier starting at byte `start`, whose first character was just read.
    fn identifier(&mut self, start: usize) -> &'a str {
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        let end = self.chars.peek().map_or(self.text.len(), |&(b, _)| b);
        &self.text[start..end]
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let place = Place {
                line: self.line,
                column: self.column,
            };
            let (byte, c) = self.bump()?;
            let kind = match c {
                c if c.is_whitespace() => continue,
                '/' if self.skip_comment() => continue,
                '(' | '[' | '{' => Kind::Open(c),
                ')' | ']' | '}' => Kind::Close,
                ',' => Kind::Comma,
                ':' => Kind::Colon,
                '"' => {
                    self.skip_string();
                    Kind::Literal
                }
                '\'' => {
                    self.skip_char_literal();
                    Kind::Literal
                }
                'r' if self.raw_string_ahead() => {
                    self.skip_raw_string();
                    Kind::Literal
                }
                c if c.is_alphabetic() || c == '_' => Kind::Ident(self.identifier(byte)),
                _ => Kind::Other,
            };
            return Some(Token { kind, place, byte });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Place {
        Place { line, column }
    }

    const SOURCE: &str = "Annotations(\n  // id: \"e1\"\n  a: (note: \"id: \\\"e1\\\"\", x: r#\"id: \"e1\"\"#),\n  b: [(id: \"e1\"), (id:\"e1\")],\n)";

    #[test]
    fn finds_fields_outside_strings_and_comments() {
        let ids: Vec<(Place, &str)> = fields(SOURCE)
            .filter(|(name, _, _)| *name == "id")
            .map(|(_, place, value)| (place, &SOURCE[value..value + 4]))
            .collect();
        assert_eq!(ids, [(at(4, 8), "\"e1\""), (at(4, 20), "\"e1\"")]);
        assert_eq!(field(SOURCE, "b"), Some(at(4, 3)));
        assert_eq!(field("(t: \"–\", x: 1)", "x"), Some(at(1, 10)));
        assert_eq!(field(SOURCE, "missing"), None);
    }

    #[test]
    fn skips_to_the_next_token() {
        let text = "(a: \n   7,\n b:)";
        assert_eq!(skip_blank(text, at(1, 4)), at(2, 4));
        assert_eq!(skip_blank(text, at(3, 5)), at(3, 5));
    }

    #[test]
    fn finds_keys_of_the_named_map_only() {
        let src = r#"Keymap(
    labels: [(name: "normal", color: "x", description: "y")],
    search: { "j": Confirm },
    normal: {
        "j": NextParagraph, "g g": FirstParagraph,
        "1": TagEntity(1),
    },
)"#;
        assert_eq!(map_keys(src, "normal"), [at(5, 9), at(5, 29), at(6, 9)]);
        assert_eq!(map_keys(src, "search"), [at(3, 15)]);
        assert_eq!(map_keys(src, "help"), []);
    }

    #[test]
    fn map_keys_skip_comments_escapes_and_raw_strings() {
        let src = "Keymap( // normal: { \"x\": Quit }\n /* normal: { /* \"y\" */ } */ normal: {\n  \"\\\"\": TagQuote, // \"z\"\n  r#\"a\"b\"#: Quit,\n  \"é\": Quit, 'c': Quit,\n  \"q\": Quit,\n },\n)";
        assert_eq!(
            map_keys(src, "normal"),
            [at(3, 3), at(4, 3), at(5, 3), at(5, 14), at(6, 3)]
        );
    }
}

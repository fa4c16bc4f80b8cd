//! Finds where the keys of a mode map are written in a keymap file, for errors found after
//! ron has parsed it. A small scanner: it knows RON's comments, strings and brackets, nothing
//! more.

/// A place in a source text, both 1-based; the column counts characters as ron does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Position {
    /// Line, 1-based.
    pub line: usize,
    /// Column in characters, 1-based.
    pub col: usize,
}

/// Where the field `field` of the top-level struct is a map, the position of the opening
/// quote of each of its keys, in file order.
pub(super) fn key_positions(source: &str, field: &str) -> Vec<Position> {
    let mut scan = Scanner::new(source);
    let mut depth = 0usize;
    let mut stage = FieldStage::None;
    let mut in_map = false;
    let mut expect_key = false;
    let mut keys = Vec::new();
    while let Some((pos, c)) = scan.next() {
        if c.is_whitespace() || scan.skip_comment(c) {
            continue;
        }
        let was = std::mem::replace(&mut stage, FieldStage::None);
        let literal = c == '"' || c == '\'' || (c == 'r' && scan.raw_string_ahead());
        if literal && in_map && depth == 2 && std::mem::take(&mut expect_key) {
            keys.push(pos);
        }
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                if c == '{' && was == FieldStage::Colon {
                    in_map = true;
                    expect_key = true;
                }
            }
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                if in_map && depth < 2 {
                    break;
                }
            }
            ',' => expect_key = in_map && depth == 2,
            ':' if was == FieldStage::Name => stage = FieldStage::Colon,
            '"' => scan.skip_string(),
            '\'' => scan.skip_char_literal(),
            'r' if literal => scan.skip_raw_string(),
            c if c.is_alphabetic() || c == '_' => {
                let ident = scan.identifier(c);
                if depth == 1 && !in_map && ident == field {
                    stage = FieldStage::Name;
                }
            }
            _ => {}
        }
    }
    keys
}

/// How much of `field: {` has been seen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FieldStage {
    None,
    Name,
    Colon,
}

/// Characters with their positions.
struct Scanner<'a> {
    rest: std::str::Chars<'a>,
    line: usize,
    col: usize,
}

impl<'a> Scanner<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            rest: source.chars(),
            line: 1,
            col: 1,
        }
    }

    fn next(&mut self) -> Option<(Position, char)> {
        let c = self.rest.next()?;
        let pos = Position {
            line: self.line,
            col: self.col,
        };
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some((pos, c))
    }

    fn peek(&self) -> Option<char> {
        self.rest.clone().next()
    }

    /// Skips a `//` or (nested) `/* */` comment whose `/` was just read.
    fn skip_comment(&mut self, c: char) -> bool {
        if c != '/' {
            return false;
        }
        match self.peek() {
            Some('/') => {
                while let Some((_, c)) = self.next() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            Some('*') => {
                self.next();
                let mut open = 1;
                while open > 0 {
                    match self.next() {
                        Some((_, '/')) if self.peek() == Some('*') => {
                            self.next();
                            open += 1;
                        }
                        Some((_, '*')) if self.peek() == Some('/') => {
                            self.next();
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
        while let Some((_, c)) = self.next() {
            match c {
                '\\' => {
                    self.next();
                }
                '"' => break,
                _ => {}
            }
        }
    }

    /// Skips the rest of a `'x'` character literal whose opening quote was just read.
    fn skip_char_literal(&mut self) {
        if let Some((_, '\\')) = self.next() {
            self.next();
        }
        while let Some((_, c)) = self.next() {
            if c == '\'' {
                break;
            }
        }
    }

    /// Whether the `r` just read starts a raw string (`r"`, `r#"`, …).
    fn raw_string_ahead(&self) -> bool {
        let after_hashes = self.rest.as_str().trim_start_matches('#');
        after_hashes.starts_with('"')
    }

    /// Skips the rest of a raw string whose `r` was just read.
    fn skip_raw_string(&mut self) {
        let mut hashes = 0;
        while let Some((_, '#')) = self.next() {
            hashes += 1;
        }
        let closing = format!("\"{}", "#".repeat(hashes));
        while !self.rest.as_str().starts_with(&closing) {
            if self.next().is_none() {
                return;
            }
        }
        for _ in 0..closing.chars().count() {
            self.next();
        }
    }

    /// The identifier starting with `first`, which was just read.
    fn identifier(&mut self, first: char) -> String {
        let mut ident = String::from(first);
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            ident.push(c);
            self.next();
        }
        ident
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> Position {
        Position { line, col }
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
        assert_eq!(
            key_positions(src, "normal"),
            vec![at(5, 9), at(5, 29), at(6, 9)]
        );
        assert_eq!(key_positions(src, "search"), vec![at(3, 15)]);
        assert_eq!(key_positions(src, "help"), vec![]);
    }

    #[test]
    fn skips_comments_escapes_and_raw_strings() {
        let src = "Keymap( // normal: { \"x\": Quit }\n /* normal: { /* \"y\" */ } */ normal: {\n  \"\\\"\": TagQuote, // \"z\"\n  r#\"a\"b\"#: Quit,\n  \"é\": Quit, 'c': Quit,\n  \"q\": Quit,\n },\n)";
        assert_eq!(
            key_positions(src, "normal"),
            vec![at(3, 3), at(4, 3), at(5, 3), at(5, 14), at(6, 3)]
        );
    }
}

//! Finds where a field or an annotation is written in the RON source, to point errors at it.
//!
//! A light scan, not a parser: it skips strings and comments and reports each `name:` it meets.

use super::error::Place;

/// Line and column (1-based, in characters) of byte offset `byte` of `text`.
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

/// Every `name:` outside strings and comments, as (name, byte of the name, byte of the value).
fn fields(text: &str) -> impl Iterator<Item = (&str, usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'"' {
                i = skip_string(bytes, i + 1);
            } else if bytes[i..].starts_with(b"//") {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            } else if bytes[i..].starts_with(b"/*") {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            } else if c == b'r' && raw_string_hashes(&bytes[i + 1..]).is_some() {
                let hashes = raw_string_hashes(&bytes[i + 1..]).unwrap_or(0);
                let close = format!("\"{}", "#".repeat(hashes));
                let body = i + 2 + hashes;
                i = text[body..]
                    .find(&close)
                    .map_or(bytes.len(), |n| body + n + close.len());
            } else if c == b'_' || c.is_ascii_alphabetic() {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                let mut j = i;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if bytes.get(j) == Some(&b':') {
                    j += 1;
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    return Some((&text[start..i], start, j));
                }
            } else {
                i += 1;
            }
        }
        None
    })
}

fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Number of `#` of a raw string opening `r##"`, given the bytes after the `r`.
fn raw_string_hashes(after_r: &[u8]) -> Option<usize> {
    let hashes = after_r.iter().take_while(|&&b| b == b'#').count();
    (after_r.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// Place of the first field `name:` in `text`.
pub fn field(text: &str, name: &str) -> Option<Place> {
    fields(text)
        .find(|(n, _, _)| *n == name)
        .map(|(_, at, _)| place_of_byte(text, at))
}

/// Place of the `nth` (0-based) `id: "<id>"` in `text`.
pub fn id(text: &str, id: &str, nth: usize) -> Option<Place> {
    let quoted = format!("\"{id}\"");
    fields(text)
        .filter(|(n, _, value)| *n == "id" && text[*value..].starts_with(&quoted))
        .nth(nth)
        .map(|(_, at, _)| place_of_byte(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Annotations(\n  // id: \"e1\"\n  a: (note: \"id: \\\"e1\\\"\", x: r#\"id: \"e1\"\"#),\n  b: [(id: \"e1\"), (id:\"e1\")],\n)";

    #[test]
    fn finds_ids_outside_strings_and_comments() {
        assert_eq!(id(SOURCE, "e1", 0), Some(Place { line: 4, column: 8 }));
        assert_eq!(
            id(SOURCE, "e1", 1),
            Some(Place {
                line: 4,
                column: 20
            })
        );
        assert_eq!(id(SOURCE, "e1", 2), None);
        assert_eq!(id(SOURCE, "e", 0), None);
    }

    #[test]
    fn skips_to_the_next_token() {
        let text = "(a: \n   7,\n b:)";
        let after_colon = Place { line: 1, column: 4 };
        assert_eq!(skip_blank(text, after_colon), Place { line: 2, column: 4 });
        let end = Place { line: 3, column: 5 };
        assert_eq!(skip_blank(text, end), end);
    }

    #[test]
    fn finds_fields_and_counts_columns_in_characters() {
        assert_eq!(field(SOURCE, "b"), Some(Place { line: 4, column: 3 }));
        assert_eq!(
            field("(t: \"–\", x: 1)", "x"),
            Some(Place {
                line: 1,
                column: 10
            })
        );
        assert_eq!(field(SOURCE, "missing"), None);
    }
}

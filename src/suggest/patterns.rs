//! spaCy / Prodigy pattern files: JSON Lines, one pattern per line.
//!
//! - a phrase: `{"label": "ORG", "pattern": "Reuters"}`, matched as the text is written;
//! - tokens: `{"label": "GPE", "pattern": [{"LOWER": "new"}, {"ORTH": "York"}]}`, each token a
//!   word, the words one space apart in the article. A token has one attribute: `ORTH` (or its
//!   synonym `TEXT`): the word as written; `LOWER`: the word in any case, its value written in
//!   lower case.
//!
//! An optional `"id"` string is accepted (and kept). Blank lines are skipped. Anything else is
//! refused with the file, line and column and what is wrong: malformed JSON, a line that is not
//! an object, a missing or empty label or pattern, a label holding white space, an unknown key
//! or token attribute (`POS`, `OP`, …), a token with more than one attribute, a token value
//! that is empty or holds white space, a `LOWER` value with capitals, bytes that are not UTF-8.

use crate::model::document::NotUtf8;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// One token of a token pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenRule {
    /// The word exactly as written (`ORTH`, `TEXT`).
    Orth(String),
    /// The word in any case (`LOWER`); the value is in lower case.
    Lower(String),
}

/// What a pattern matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternKind {
    /// A phrase, matched as written.
    Phrase(String),
    /// Words one space apart.
    Tokens(Vec<TokenRule>),
}

/// One line of a pattern file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The entity label it proposes.
    pub label: String,
    /// What it matches.
    pub kind: PatternKind,
    /// The optional `id` field.
    pub id: Option<String>,
    /// 1-based line in the file.
    pub line: usize,
}

/// A pattern line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {problem}", file.display())]
pub struct PatternError {
    /// The pattern file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub problem: String,
}

/// Reads the patterns of `bytes`, the content of the pattern file `file`.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<Vec<Pattern>, PatternError> {
    let error = |line, column, problem: String| PatternError {
        file: file.to_owned(),
        line,
        column,
        problem,
    };
    let text =
        NotUtf8::check(bytes).map_err(|e| error(e.line, e.column, "not valid UTF-8".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut patterns = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let pattern = parse_line(line, i + 1).map_err(|(column, p)| error(i + 1, column, p))?;
        patterns.push(pattern);
    }
    Ok(patterns)
}

/// The 1-based character column of the first `"key"` in `line` (1 when not found).
fn column_of_key(line: &str, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    line.find(&quoted)
        .map_or(1, |byte| line[..byte].chars().count() + 1)
}

/// The 1-based character column of `line` holding the byte at serde_json's 1-based byte
/// column `byte_column`.
fn char_column(line: &str, byte_column: usize) -> usize {
    let byte = byte_column.saturating_sub(1);
    line.char_indices()
        .take_while(|&(at, c)| at + c.len_utf8() <= byte)
        .count()
        + 1
}

fn parse_line(line: &str, number: usize) -> Result<Pattern, (usize, String)> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        (
            char_column(line, e.column()),
            format!("malformed JSON: {e}"),
        )
    })?;
    let Value::Object(object) = value else {
        return Err((1, "not a JSON object".into()));
    };
    if let Some(key) = object
        .keys()
        .find(|k| !matches!(k.as_str(), "label" | "pattern" | "id"))
    {
        return Err((
            column_of_key(line, key),
            format!("unknown key {key:?}: expected label, pattern and an optional id"),
        ));
    }
    let label = match object.get("label") {
        Some(Value::String(label)) if !label.is_empty() => label,
        Some(_) => {
            return Err((
                column_of_key(line, "label"),
                "the label is not a non-empty string".into(),
            ));
        }
        None => return Err((1, "no \"label\"".into())),
    };
    if label.chars().any(char::is_whitespace) {
        return Err((
            column_of_key(line, "label"),
            format!("the label {label:?} holds white space"),
        ));
    }
    let id = match object.get("id") {
        None => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err((column_of_key(line, "id"), "the id is not a string".into())),
    };
    let at = column_of_key(line, "pattern");
    let kind = match object.get("pattern") {
        None => return Err((1, "no \"pattern\"".into())),
        Some(Value::String(phrase)) if phrase.trim().is_empty() => {
            return Err((at, "empty pattern".into()));
        }
        Some(Value::String(phrase)) if phrase.trim() != phrase => {
            return Err((
                at,
                format!("the phrase {phrase:?} has white space at an end"),
            ));
        }
        Some(Value::String(phrase)) => PatternKind::Phrase(phrase.clone()),
        Some(Value::Array(tokens)) if tokens.is_empty() => {
            return Err((at, "empty token list".into()));
        }
        Some(Value::Array(tokens)) => PatternKind::Tokens(
            tokens
                .iter()
                .enumerate()
                .map(|(n, t)| token(t, n + 1).map_err(|p| (token_column(line, at, n, t), p)))
                .collect::<Result<_, _>>()?,
        ),
        Some(_) => {
            return Err((
                at,
                "the pattern is neither a string nor a list of tokens".into(),
            ));
        }
    };
    Ok(Pattern {
        label: label.clone(),
        kind,
        id,
        line: number,
    })
}

/// Where token `n` (0-based) of the list after `"pattern"` is: its offending attribute if it
/// has one we can find, else the pattern key.
fn token_column(line: &str, pattern_column: usize, n: usize, token: &Value) -> usize {
    let start: usize = line
        .char_indices()
        .nth(pattern_column - 1)
        .map_or(0, |(b, _)| b);
    let after = &line[start..];
    // The n-th `{` after the pattern key opens token n (values never hold braces in practice).
    let Some(open) = after.match_indices('{').nth(n).map(|(b, _)| start + b) else {
        return pattern_column;
    };
    let offending = token.as_object().and_then(|o| {
        o.keys()
            .find(|k| !matches!(k.as_str(), "ORTH" | "TEXT" | "LOWER"))
            .or_else(|| o.keys().nth(1))
            .or_else(|| o.keys().next())
    });
    let within = offending
        .and_then(|k| line[open..].find(&format!("\"{k}\"")))
        .unwrap_or(0);
    line[..open + within].chars().count() + 1
}

/// Reads token `n` (1-based, for messages).
fn token(value: &Value, n: usize) -> Result<TokenRule, String> {
    let Value::Object(object) = value else {
        return Err(format!("token {n} is not an object"));
    };
    let (attribute, value) = single(object, n)?;
    let Value::String(text) = value else {
        return Err(format!(
            "token {n}: the value of {attribute} is not a string"
        ));
    };
    if text.is_empty() || text.chars().any(char::is_whitespace) {
        return Err(format!(
            "token {n}: {attribute} {text:?} is empty or holds white space (a token is one word)"
        ));
    }
    match attribute {
        "ORTH" | "TEXT" => Ok(TokenRule::Orth(text.clone())),
        "LOWER" if text.to_lowercase() != *text => Err(format!(
            "token {n}: LOWER {text:?} has capitals (write {:?})",
            text.to_lowercase()
        )),
        "LOWER" => Ok(TokenRule::Lower(text.clone())),
        other => Err(format!(
            "token {n}: unknown attribute {other:?} (ORTH, TEXT and LOWER are supported)"
        )),
    }
}

/// The one attribute of a token object.
fn single(object: &Map<String, Value>, n: usize) -> Result<(&str, &Value), String> {
    let mut entries = object.iter();
    match (entries.next(), entries.next()) {
        (Some((key, value)), None) => Ok((key.as_str(), value)),
        (None, _) => Err(format!("token {n} has no attribute")),
        (Some(_), Some(_)) => match object
            .keys()
            .find(|k| !matches!(k.as_str(), "ORTH" | "TEXT" | "LOWER"))
        {
            Some(other) => Err(format!(
                "token {n}: unknown attribute {other:?} (ORTH, TEXT and LOWER are supported)"
            )),
            None => Err(format!("token {n} has more than one attribute")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Pattern>, PatternError> {
        parse(Path::new("p.patterns.jsonl"), text.as_bytes())
    }

    fn refused(text: &str) -> (usize, usize, String) {
        let e = read(text).unwrap_err();
        (e.line, e.column, e.problem)
    }

    #[test]
    fn phrases_and_token_patterns_are_read() {
        let patterns = read(concat!(
            "{\"label\": \"ORG\", \"pattern\": \"Reuters\"}\n",
            "\n",
            "{\"label\": \"GPE\", \"pattern\": [{\"LOWER\": \"new\"}, {\"ORTH\": \"York\"}], \"id\": \"ny\"}\n",
            "{\"label\": \"LOC\", \"pattern\": [{\"TEXT\": \"Moskwa\"}]}\n",
        ))
        .unwrap();
        assert_eq!(patterns[0].kind, PatternKind::Phrase("Reuters".into()));
        assert_eq!(patterns[1].line, 3);
        assert_eq!(patterns[1].id.as_deref(), Some("ny"));
        assert_eq!(
            patterns[1].kind,
            PatternKind::Tokens(vec![
                TokenRule::Lower("new".into()),
                TokenRule::Orth("York".into())
            ])
        );
        assert_eq!(
            patterns[2].kind,
            PatternKind::Tokens(vec![TokenRule::Orth("Moskwa".into())])
        );
    }

    #[test]
    fn malformed_json_is_refused_at_its_column() {
        let (line, column, problem) = refused(
            "{\"label\": \"ORG\", \"pattern\": \"A\"}\n{\"label\": \"ORG\" \"pattern\": \"B\"}\n",
        );
        assert_eq!((line, column), (2, 17));
        assert!(problem.starts_with("malformed JSON"), "{problem}");
    }

    #[test]
    fn malformed_json_after_wide_characters_is_refused_at_its_character_column() {
        // serde_json counts bytes: `ẞ` is three of them, one character.
        let (_, column, _) = refused("{\"label\": \"ẞẞ\" \"pattern\": \"B\"}\n");
        assert_eq!(column, "{\"label\": \"ẞẞ\" ".chars().count() + 1);
        let (_, column, _) = refused("{\"labeln ẞ.");
        assert_eq!(column, "{\"labeln ẞ.".chars().count());
    }

    #[test]
    fn unknown_attributes_and_keys_are_refused_where_they_are() {
        let line = r#"{"label": "GPE", "pattern": [{"LOWER": "new"}, {"POS": "PROPN"}]}"#;
        let (_, column, problem) = refused(line);
        assert_eq!(column, line.find("\"POS\"").unwrap() + 1);
        assert!(problem.contains("unknown attribute \"POS\""), "{problem}");
        let line = r#"{"label": "GPE", "pattern": "X", "kb": 1}"#;
        let (_, column, problem) = refused(line);
        assert_eq!(column, line.find("\"kb\"").unwrap() + 1);
        assert!(problem.contains("unknown key"), "{problem}");
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(refused(r#"{"pattern": "X"}"#).2.contains("no \"label\""));
        assert!(
            refused(r#"{"label": "A B", "pattern": "X"}"#)
                .2
                .contains("white space")
        );
        assert!(
            refused(r#"{"label": "A", "pattern": ""}"#)
                .2
                .contains("empty")
        );
        assert!(
            refused(r#"{"label": "A", "pattern": []}"#)
                .2
                .contains("empty")
        );
        assert!(
            refused(r#"{"label": "A", "pattern": [{"LOWER": "New"}]}"#)
                .2
                .contains("capitals")
        );
        assert!(
            refused(r#"{"label": "A", "pattern": [{"ORTH": "a b"}]}"#)
                .2
                .contains("one word")
        );
        assert!(
            refused(r#"{"label": "A", "pattern": [{"ORTH": "a", "LOWER": "a"}]}"#)
                .2
                .contains("more than one")
        );
        assert!(refused("[1, 2]").2.contains("not a JSON object"));
        let e = parse(Path::new("p.jsonl"), b"{\"label\": \"A\xff\"}").unwrap_err();
        assert_eq!((e.line, e.column), (1, 13));
    }
}

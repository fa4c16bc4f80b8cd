//! CoNLL columns in: `-DOCSTART-` lines separate documents, named `<file stem>-<n>`.
//!
//! Each non-blank line is `TOKEN … TAG`: the first column is the token, the last its tag
//! (`TOKEN -X- _ TAG` as tandai writes it, `TOKEN TAG`, the four CoNLL-2003 columns, or any
//! number of columns between). A blank line ends a sentence. Tags are `O` or a prefix and a
//! label of any name: `B-`/`S-`/`U-` start a span, `I-`/`E-`/`L-` continue the span of the same
//! label before them (or, `I-` only, start one), `E-`/`S-`/`L-`/`U-` end it. Each document's
//! scheme (IOB1, IOB2, BIOES, BILOU) is told from its tags ([`scheme`]); a document whose tags
//! mix schemes is refused at the line that mixes them.
//!
//! The text is rebuilt, since CoNLL does not keep it: the tokens of a sentence joined by single
//! spaces, one sentence per line (so each sentence is a paragraph), every line ending with
//! `\n`, except that no space is put before a closing punctuation token (`.` `,` `;` `:` `!`
//! `?` `)` `]` `}` `»` `”` `’` `›`) nor after an opening one (`(` `[` `{` `«` `“` `‘` `„` `‹`),
//! so that sentence breaks fall where they fell in the original text (UAX #29 keeps `.”`
//! together, not `. ”`). Spans cover their tokens and the spaces between them. Spans labelled `QUOTE`
//! become quotes of kind Direct (tandai's CoNLL does not say), `QUOTE-Direct`,
//! `QUOTE-Indirect` and `QUOTE-Mixed` quotes of that kind, `CLAIM` claims, any other label
//! entities.
//!
//! What tandai does not model is kept ([`Kept`] of format `conll`, see
//! `docs/interchange.md`): every line of the document in order, a token line as the columns
//! between its token and its tag (separators included), the `-DOCSTART-` line as read, a blank
//! line as an empty one; and the scheme found. The CoNLL export writes them back, so that
//! import → export gives the input back line for line when the tokens are what tandai's
//! tokeniser makes of the rebuilt text (UAX #29 words); a sentence whose tokens it cuts
//! otherwise (`U.S.` → `U.S` `.`) comes back cut its way, with `_` in its middle columns.

mod scheme;

use std::path::Path;

use crate::export::conll::{FORMAT, SCHEME_ID};
use crate::export::{CLAIM_TAG, QUOTE_TAG, Scheme};
use crate::model::{Document, Kept, Origin, QuoteKind, Span, Text};

use super::{Builder, ImportError, Imported, numbered_names, quote_kind, read_text};
use scheme::Evidence;

/// One span being read: its label and char range.
struct Open {
    label: String,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Pending {
    text: String,
    /// `(span, label, first line)`.
    spans: Vec<(Span, String, usize)>,
    open: Option<Open>,
    sentence_empty: bool,
    started: bool,
    /// The document's lines as kept (see the module's documentation).
    kept: Vec<Text>,
    evidence: Evidence,
}

impl Pending {
    fn close(&mut self, line: usize) {
        if let Some(o) = self.open.take() {
            self.spans.push((Span::new(o.start, o.end), o.label, line));
        }
    }
}

/// What lies between a token line's first column (`token`) and its last (`tag`), separators
/// included.
fn middle<'a>(line: &'a str, token: &str, tag: &str) -> &'a str {
    let line = line.trim();
    &line[token.len()..line.len() - tag.len()]
}

/// True for a token of closing punctuation, written without a space before it.
fn is_closing(token: &str) -> bool {
    let mut chars = token.chars();
    matches!(
        (chars.next(), chars.next()),
        (
            Some('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '»' | '”' | '’' | '›'),
            None
        )
    )
}

/// True for opening punctuation, written without a space after it.
fn is_opening_char(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '«' | '“' | '‘' | '„' | '‹')
}

/// Reads every document of a CoNLL file.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    let source = read_text(path)?;
    let err = |line: usize, message: String| ImportError::at(path, line, message);
    let mut raw: Vec<Pending> = Vec::new();
    let mut cur = Pending {
        sentence_empty: true,
        ..Pending::default()
    };
    let mut chars = 0;
    for (i, line) in source.lines().enumerate() {
        let n = i + 1;
        let columns: Vec<&str> = line.split_whitespace().collect();
        if columns.first() == Some(&"-DOCSTART-") {
            cur.close(n);
            if !cur.sentence_empty {
                cur.text.push('\n');
            }
            if cur.started || !cur.text.is_empty() {
                raw.push(std::mem::take(&mut cur));
            }
            cur = Pending {
                sentence_empty: true,
                started: true,
                kept: vec![line.into()],
                ..Pending::default()
            };
            chars = 0;
            continue;
        }
        if columns.is_empty() {
            cur.kept.push(Text::default());
            cur.close(n);
            if !cur.sentence_empty {
                cur.text.push('\n');
                chars += 1;
                cur.sentence_empty = true;
            }
            continue;
        }
        if columns.len() < 2 {
            return Err(err(n, format!("{line:?}: expected a token and a tag")));
        }
        let (token, tag) = (columns[0], columns[columns.len() - 1]);
        cur.kept.push(middle(line, token, tag).into());
        if !cur.sentence_empty && !is_closing(token) && !cur.text.ends_with(is_opening_char) {
            cur.text.push(' ');
            chars += 1;
        }
        let start = chars;
        cur.text.push_str(token);
        chars += token.chars().count();
        cur.sentence_empty = false;
        if tag == "O" {
            cur.close(n);
            continue;
        }
        let (prefix, label) = tag
            .split_once('-')
            .filter(|(p, l)| !l.is_empty() && matches!(*p, "B" | "I" | "E" | "S" | "L" | "U"))
            .ok_or_else(|| {
                err(
                    n,
                    format!("tag {tag:?} is not O, B-X, I-X, E-X, S-X, L-X or U-X"),
                )
            })?;
        let after_same = cur.open.as_ref().is_some_and(|o| o.label == label);
        cur.evidence
            .see(n, tag, after_same)
            .map_err(|m| err(n, m))?;
        let continues = matches!(prefix, "I" | "E" | "L") && after_same;
        if continues {
            if let Some(o) = cur.open.as_mut() {
                o.end = chars;
            }
        } else {
            cur.close(n);
            cur.open = Some(Open {
                label: label.to_owned(),
                start,
                end: chars,
            });
        }
        if matches!(prefix, "E" | "S" | "L" | "U") {
            cur.close(n);
        }
    }
    let end = source.lines().count() + 1;
    cur.close(end);
    if !cur.sentence_empty {
        cur.text.push('\n');
    }
    if cur.started || !cur.text.is_empty() {
        raw.push(cur);
    }
    let names = numbered_names(path, raw.len());
    let file_scheme = raw
        .iter()
        .find_map(|p| p.evidence.scheme())
        .unwrap_or_default();
    let mut docs = Vec::with_capacity(raw.len());
    for (p, name) in raw.into_iter().zip(names) {
        let doc = Document::new(p.text);
        let mut b = Builder::new(&doc);
        let scheme: Scheme = p.evidence.scheme().unwrap_or(file_scheme);
        b.set.kept.push(Kept {
            format: FORMAT.into(),
            lines: p.kept,
            ids: vec![Origin {
                id: SCHEME_ID.into(),
                what: scheme.name().into(),
            }],
        });
        for (span, label, line) in p.spans {
            let spans = b.spans(vec![span]).map_err(|m| err(line, m))?;
            match label.as_str() {
                QUOTE_TAG => {
                    b.quote(QuoteKind::Direct, spans);
                }
                CLAIM_TAG => {
                    b.claim(spans);
                }
                _ => match label
                    .strip_prefix(QUOTE_TAG)
                    .and_then(|k| k.strip_prefix('-'))
                {
                    Some(kind) => {
                        let kind = quote_kind(kind).ok_or_else(|| {
                            let message = format!(
                                "label {label} is not QUOTE, QUOTE-Direct, QUOTE-Indirect or QUOTE-Mixed"
                            );
                            err(line, message)
                        })?;
                        b.quote(kind, spans);
                    }
                    None => {
                        b.entity(&label, spans);
                    }
                },
            }
        }
        let set = b.finish();
        docs.push(Imported { name, doc, set });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imported(text: &str) -> Result<Vec<Imported>, ImportError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kinds.conll");
        std::fs::write(&path, text).unwrap();
        read(&path)
    }

    #[test]
    fn a_quote_keeps_the_kind_its_tags_carry() {
        let docs = imported(
            "Kami B-QUOTE-Indirect\nsiap I-QUOTE-Indirect\nkata O\nAna S-PER\n\n\
             Ya B-QUOTE-Mixed\nbenar E-QUOTE-Mixed\n\nTidak S-QUOTE-Direct\n\nBoleh S-QUOTE\n",
        )
        .unwrap();
        let set = &docs[0].set;
        let kinds: Vec<(QuoteKind, &str)> = set
            .quotes
            .iter()
            .map(|q| (q.kind, q.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (QuoteKind::Indirect, "Kami siap"),
                (QuoteKind::Mixed, "Ya benar"),
                (QuoteKind::Direct, "Tidak"),
                (QuoteKind::Direct, "Boleh"),
            ]
        );
        assert_eq!(set.entities.len(), 1);
        assert_eq!(set.entities[0].label, "PER");
    }

    #[test]
    fn an_unknown_quote_kind_is_refused_with_a_place() {
        let Err(err) = imported("Kata O\nitu B-QUOTE-Partial\n") else {
            panic!("a quote of an unknown kind was read");
        };
        let message = err.to_string();
        assert!(message.contains("kinds.conll:"), "{message}");
        assert!(message.contains("QUOTE-Partial"), "{message}");
    }
}

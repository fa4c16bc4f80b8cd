//! CoNLL columns in: `-DOCSTART-` lines separate documents, named `<file stem>-<n>`.
//!
//! Each non-blank line is `TOKEN … TAG`: the first column is the token, the last its tag
//! (`TOKEN -X- _ TAG` as tandai writes it, `TOKEN TAG`, the four CoNLL-2003 columns, or any
//! number of columns between). A blank line ends a sentence. Tags are `O` or a prefix and a
//! label of any name: `B-`/`S-`/`U-` start a span, `I-`/`E-`/`L-` continue the span of the same
//! label before them (or, `I-` only, start one), `E-`/`S-`/`L-`/`U-` end it. Each document's
//! scheme (IOB1, IOB2, BIOES, BILOU) is told from its tags (`import::conll::scheme`); a document whose tags
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

use super::lines::in_runs;
use super::{Builder, ImportError, Imported, numbered_names, quote_kind, read_text};
use scheme::Evidence;

/// One span being read: its label, char range and first line.
struct Open {
    label: String,
    start: usize,
    end: usize,
    line: usize,
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
    fn close(&mut self) {
        if let Some(o) = self.open.take() {
            self.spans
                .push((Span::new(o.start, o.end), o.label, o.line));
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

/// Reads every document of a CoNLL file. The file is cut at its `-DOCSTART-` lines
/// (`documents`) and its documents are read on every core
/// ([`super::lines::in_runs`]): first every document's text and spans, then their annotation
/// sets, each step reporting the first bad line in file order, as reading the file line by
/// line would.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    parse(path, &read_text(path)?)
}

/// Reads every document of `source`, the text of the CoNLL file `path` (which names the
/// documents and the errors), as [`read`] does.
pub fn parse(path: &Path, source: &str) -> Result<Vec<Imported>, ImportError> {
    let chunks = documents(source);
    let err = |line: usize, message: String| ImportError::at(path, line, message);
    let raw: Vec<Vec<Pending>> = in_runs(chunks, 2, |_, (first_line, chunk)| {
        pending(chunk, first_line).map_err(|(line, m)| err(line, m))
    })?;
    let raw: Vec<Pending> = raw.into_iter().flatten().collect();
    let names = numbered_names(path, raw.len());
    let file_scheme = raw
        .iter()
        .find_map(|p| p.evidence.scheme())
        .unwrap_or_default();
    let raw: Vec<(Pending, String)> = raw.into_iter().zip(names).collect();
    in_runs(raw, 2, |_, (p, name)| {
        imported(p, name, file_scheme).map_err(|(line, m)| err(line, m))
    })
}

/// The parts of `source` each beginning at a `-DOCSTART-` line (the first part at the start
/// of the file), with the number of their first line. Each part but the first holds exactly
/// one `-DOCSTART-` line, its first.
fn documents(source: &str) -> Vec<(usize, &str)> {
    let bytes = source.as_bytes();
    let mut parts = Vec::new();
    let (mut start, mut line) = (0, 1);
    for at in memchr::memmem::find_iter(bytes, DOCSTART) {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let after = source[at + DOCSTART.len()..].chars().next();
        let first_column = source[line_start..at].chars().all(char::is_whitespace)
            && after.is_none_or(char::is_whitespace);
        if !first_column || line_start == start {
            continue;
        }
        parts.push((line, &source[start..line_start]));
        line += memchr::memchr_iter(b'\n', &bytes[start..line_start]).count();
        start = line_start;
    }
    parts.push((line, &source[start..]));
    parts
}

/// The `-DOCSTART-` column.
const DOCSTART: &[u8] = b"-DOCSTART-";

/// The documents of `chunk` (a part of the file whose first line is line `first_line`), read
/// up to their text and spans; the first bad line's number and problem.
fn pending(chunk: &str, first_line: usize) -> Result<Vec<Pending>, (usize, String)> {
    let mut raw: Vec<Pending> = Vec::new();
    let mut cur = Pending {
        sentence_empty: true,
        ..Pending::default()
    };
    let mut chars = 0;
    for (i, line) in chunk.lines().enumerate() {
        let n = first_line + i;
        let mut columns = line.split_whitespace();
        let first = columns.next();
        if first == Some("-DOCSTART-") {
            cur.close();
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
        let Some(token) = first else {
            cur.kept.push(Text::default());
            cur.close();
            if !cur.sentence_empty {
                cur.text.push('\n');
                chars += 1;
                cur.sentence_empty = true;
            }
            continue;
        };
        let Some(tag) = columns.next_back() else {
            return Err((n, format!("{line:?}: expected a token and a tag")));
        };
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
            cur.close();
            continue;
        }
        let (prefix, label) = tag
            .split_once('-')
            .filter(|(p, l)| !l.is_empty() && matches!(*p, "B" | "I" | "E" | "S" | "L" | "U"))
            .ok_or_else(|| {
                (
                    n,
                    format!("tag {tag:?} is not O, B-X, I-X, E-X, S-X, L-X or U-X"),
                )
            })?;
        let after_same = cur.open.as_ref().is_some_and(|o| o.label == label);
        cur.evidence.see(n, tag, after_same).map_err(|m| (n, m))?;
        let continues = matches!(prefix, "I" | "E" | "L") && after_same;
        if continues {
            if let Some(o) = cur.open.as_mut() {
                o.end = chars;
            }
        } else {
            cur.close();
            cur.open = Some(Open {
                label: label.to_owned(),
                start,
                end: chars,
                line: n,
            });
        }
        if matches!(prefix, "E" | "S" | "L" | "U") {
            cur.close();
        }
    }
    cur.close();
    if !cur.sentence_empty {
        cur.text.push('\n');
    }
    if cur.started || !cur.text.is_empty() {
        raw.push(cur);
    }
    Ok(raw)
}

/// The document `p` read, named `name`, with the file's scheme when its own tags do not tell.
fn imported(p: Pending, name: String, file_scheme: Scheme) -> Result<Imported, (usize, String)> {
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
        let spans = b.spans(vec![span]).map_err(|m| (line, m))?;
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
                        (line, message)
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
    Ok(Imported { name, doc, set })
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
    fn the_file_is_cut_at_its_docstart_lines_only() {
        let source =
            "a O\n-DOCSTART- -X- O O\n\nb O\n  -DOCSTART-\n-DOCSTART-X O\nx -DOCSTART-\n-DOCSTART-";
        let parts = documents(source);
        let starts: Vec<(usize, &str)> = parts
            .iter()
            .map(|&(line, part)| (line, part.lines().next().unwrap_or("")))
            .collect();
        assert_eq!(
            starts,
            [
                (1, "a O"),
                (2, "-DOCSTART- -X- O O"),
                (5, "  -DOCSTART-"),
                (8, "-DOCSTART-")
            ]
        );
        assert_eq!(parts.iter().map(|p| p.1).collect::<String>(), source);
        assert_eq!(documents("-DOCSTART-\nx O\n"), [(1, "-DOCSTART-\nx O\n")]);
        assert_eq!(documents(""), [(1, "")]);
    }

    #[test]
    fn a_bad_line_in_a_later_document_is_named_by_its_line_in_the_file() {
        let mut text = String::new();
        for n in 0..200 {
            text.push_str(&format!("-DOCSTART- -X- O O\n\nKata{n} O\nAna S-PER\n\n"));
        }
        let docs = imported(&text).unwrap();
        assert_eq!(docs.len(), 200);
        assert_eq!(docs[150].doc.text(), "Kata150 Ana\n");
        assert_eq!(docs[150].name, "kinds-151");
        // Line 5 * 150 + 4 is document 151's `Ana S-PER`; a later bad line is not the one named.
        let mut lines: Vec<&str> = text.lines().collect();
        lines[5 * 150 + 3] = "Ana Q-PER";
        lines[5 * 190 + 3] = "Ana";
        let Err(err) = imported(&lines.join("\n")) else {
            panic!("a bad tag was read");
        };
        assert_eq!(err.line, Some(5 * 150 + 4), "{err}");
        assert!(err.message.contains("Q-PER"), "{err}");
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

    #[test]
    fn a_bad_span_is_named_by_its_first_line() {
        // At the end of the file, or ended by a later line, the span's own first line is named.
        for text in [
            "Kata O\nitu B-QUOTE-Partial\n",
            "Kata O\nitu B-QUOTE-Partial\nlagi I-QUOTE-Partial\nya O\n\n",
        ] {
            let Err(err) = imported(text) else {
                panic!("a quote of an unknown kind was read");
            };
            assert_eq!(err.line, Some(2), "{err}");
        }
    }
}

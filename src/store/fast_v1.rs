//! A fast reader for version-1 files as tandai writes them.
//!
//! ron's deserializer reads any RON; at 100,000 annotations it was more than half of opening
//! an article. This reader takes only the plain subset that [`to_ron`](super::to_ron) writes
//! (and small hand edits of it: any ASCII spacing, fields in any order, trailing commas) and
//! returns `None` on anything else (comments, `Some(…)`, named structs, raw strings, numbers in
//! other notations, unknown fields, a version other than 1, a syntax error), so that the caller
//! reads the file with ron, which reads it or names the error. Whenever it returns a value,
//! it is the value ron reads from the same text: the tests and the fuzz target compare both.

use memchr::memchr2;

use super::v1::{
    Annotations, Checkworthy, Claim, Cue, Entity, NextIds, Orphans, Pair, ParagraphEntry, Quote,
    QuoteKind, Review, Status, TextRef,
};

/// The file whose text (BOM removed) is `text`, or `None` when it is not in the plain subset.
pub fn read(text: &str) -> Option<Annotations> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    reader.ws();
    if reader.bytes[reader.at..].starts_with(b"#") {
        reader.literal(b"#![enable(implicit_some)]")?;
        reader.ws();
    }
    if reader.bytes[reader.at..].starts_with(b"Annotations") {
        reader.at += "Annotations".len();
    }
    let file = reader.annotations()?;
    reader.ws();
    (reader.at == reader.bytes.len() && file.version == 1).then_some(file)
}

/// Whether ron reads `text` as [`read`] does, whenever `read` returns a value (for the fuzz
/// target, which looks for a text where they differ).
pub fn agrees_with_ron(text: &str) -> bool {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    read(text).is_none_or(|fast| options.from_str::<Annotations>(text).ok() == Some(fast))
}

/// A cursor over the file's bytes. Every method returns `None` at the first byte outside the
/// subset, leaving the file to ron.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// Stores a field's value, refusing a field given twice (as ron does).
fn put<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.replace(value).is_none().then_some(())
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn byte(&mut self, expected: u8) -> Option<()> {
        self.ws();
        (self.peek()? == expected).then(|| self.at += 1)
    }

    fn literal(&mut self, expected: &[u8]) -> Option<()> {
        self.bytes[self.at..]
            .starts_with(expected)
            .then(|| self.at += expected.len())
    }

    /// An ASCII identifier; `None` when one is not here or it runs on into other characters.
    fn ident(&mut self) -> Option<&'a [u8]> {
        self.ws();
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_')
        ) {
            self.at += 1;
        }
        let ident = &self.bytes[start..self.at];
        let ends_cleanly = self.peek().is_none_or(|b| b.is_ascii());
        (!ident.is_empty() && !ident[0].is_ascii_digit() && ends_cleanly).then_some(ident)
    }

    /// The next field's name and its `:`, or `None` (with the `)` consumed) at the struct's end.
    /// A field's value is followed by `,` or the `)`: [`Self::after_value`].
    fn field(&mut self) -> Option<Option<&'a [u8]>> {
        self.ws();
        if self.peek()? == b')' {
            self.at += 1;
            return Some(None);
        }
        let start = self.at;
        self.ident()?;
        let end = self.at;
        self.byte(b':')?;
        self.ws();
        Some(Some(&self.bytes[start..end]))
    }

    fn after_value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b',' => {
                self.at += 1;
                Some(())
            }
            b')' => Some(()),
            _ => None,
        }
    }

    /// A decimal number without sign, separators or leading zeros.
    fn number(&mut self) -> Option<u64> {
        let start = self.at;
        let mut value: u64 = 0;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            value = value
                .checked_mul(10)?
                .checked_add(u64::from(digit - b'0'))?;
            self.at += 1;
        }
        let digits = self.at - start;
        let clean = digits == 1 || (digits > 1 && self.bytes[start] != b'0');
        let ends = !matches!(self.peek(), Some(b'_' | b'.' | b'a'..=b'z' | b'A'..=b'Z'));
        (clean && ends).then_some(value)
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }

    /// A `"…"` string with the escapes `char::escape_debug` writes.
    fn string(&mut self) -> Option<String> {
        self.literal(b"\"")?;
        let mut out = Vec::new();
        loop {
            let rest = &self.bytes[self.at..];
            let next = memchr2(b'"', b'\\', rest)?;
            out.extend_from_slice(&rest[..next]);
            self.at += next + 1;
            if rest[next] == b'"' {
                break;
            }
            let escaped = self.peek()?;
            self.at += 1;
            let plain = match escaped {
                b'\'' | b'"' | b'\\' => escaped,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'0' => b'\0',
                b'u' => {
                    let c = self.unicode_escape()?;
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                    continue;
                }
                _ => return None,
            };
            out.push(plain);
        }
        String::from_utf8(out).ok()
    }

    /// The `{…}` of a `\u{…}` escape: one to six hex digits naming a character.
    fn unicode_escape(&mut self) -> Option<char> {
        self.literal(b"{")?;
        let start = self.at;
        while self.peek()?.is_ascii_hexdigit() && self.at - start < 6 {
            self.at += 1;
        }
        let hex = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        self.literal(b"}")?;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.byte(b'[')?;
        let mut items = Vec::new();
        loop {
            self.ws();
            if self.peek()? == b']' {
                self.at += 1;
                return Some(items);
            }
            items.push(item(self)?);
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    fn pair(&mut self) -> Option<Pair> {
        self.byte(b'(')?;
        self.ws();
        let start = self.usize()?;
        self.byte(b',')?;
        self.ws();
        let end = self.usize()?;
        self.ws();
        if self.peek()? == b',' {
            self.at += 1;
        }
        self.byte(b')')?;
        Some((start, end))
    }

    fn spans(&mut self) -> Option<Vec<Pair>> {
        self.list(Self::pair)
    }

    /// One of `variants`' names, as an index into it.
    fn variant(&mut self, variants: &[&str]) -> Option<usize> {
        let name = self.ident()?;
        variants.iter().position(|v| v.as_bytes() == name)
    }

    fn status(&mut self) -> Option<Status> {
        let all = [Status::Todo, Status::Done, Status::Skipped, Status::Flagged];
        Some(all[self.variant(&["Todo", "Done", "Skipped", "Flagged"])?])
    }

    fn review(&mut self) -> Option<Review> {
        let all = [Review::Unreviewed, Review::Accepted, Review::Rejected];
        Some(all[self.variant(&["Unreviewed", "Accepted", "Rejected"])?])
    }

    fn quote_kind(&mut self) -> Option<QuoteKind> {
        let all = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed];
        Some(all[self.variant(&["Direct", "Indirect", "Mixed"])?])
    }

    fn checkworthy(&mut self) -> Option<Checkworthy> {
        let all = [Checkworthy::Yes, Checkworthy::No];
        Some(all[self.variant(&["Yes", "No"])?])
    }

    fn annotations(&mut self) -> Option<Annotations> {
        self.byte(b'(')?;
        let (mut version, mut text, mut annotator, mut paragraphs) = (None, None, None, None);
        let (mut entities, mut quotes, mut claims, mut orphans, mut next_ids) =
            (None, None, None, None, None);
        while let Some(name) = self.field()? {
            match name {
                b"version" => put(&mut version, self.number()?),
                b"text" => put(&mut text, self.text_ref()?),
                b"annotator" => put(&mut annotator, self.string()?),
                b"paragraphs" => put(&mut paragraphs, self.list(Self::paragraph)?),
                b"entities" => put(&mut entities, self.list(Self::entity)?),
                b"quotes" => put(&mut quotes, self.list(Self::quote)?),
                b"claims" => put(&mut claims, self.list(Self::claim)?),
                b"orphans" => put(&mut orphans, self.orphans()?),
                b"next_ids" => put(&mut next_ids, self.next_ids()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Annotations {
            version: version?,
            text: text?,
            annotator: annotator?,
            paragraphs: paragraphs?,
            entities: entities?,
            quotes: quotes?,
            claims: claims?,
            orphans: orphans.unwrap_or_default(),
            next_ids: next_ids?,
        })
    }

    fn text_ref(&mut self) -> Option<TextRef> {
        self.byte(b'(')?;
        let (mut file, mut sha256, mut chars) = (None, None, None);
        while let Some(name) = self.field()? {
            match name {
                b"file" => put(&mut file, self.string()?),
                b"sha256" => put(&mut sha256, self.string()?),
                b"chars" => put(&mut chars, self.usize()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(TextRef {
            file: file?,
            sha256: sha256?,
            chars: chars?,
        })
    }

    fn paragraph(&mut self) -> Option<ParagraphEntry> {
        self.byte(b'(')?;
        let mut status = None;
        while let Some(name) = self.field()? {
            match name {
                b"status" => put(&mut status, self.status()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(ParagraphEntry { status: status? })
    }

    fn entity(&mut self) -> Option<Entity> {
        self.byte(b'(')?;
        let (mut id, mut label, mut spans, mut text) = (None, None, None, None);
        let (mut note, mut review) = (None, None);
        while let Some(name) = self.field()? {
            match name {
                b"id" => put(&mut id, self.string()?),
                b"label" => put(&mut label, self.string()?),
                b"spans" => put(&mut spans, self.spans()?),
                b"text" => put(&mut text, self.string()?),
                b"note" => put(&mut note, self.string()?),
                b"review" => put(&mut review, self.review()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Entity {
            id: id?,
            label: label?,
            spans: spans?,
            text: text?,
            note,
            review: review.unwrap_or_default(),
        })
    }

    fn cue(&mut self) -> Option<Cue> {
        self.byte(b'(')?;
        let (mut spans, mut text) = (None, None);
        while let Some(name) = self.field()? {
            match name {
                b"spans" => put(&mut spans, self.spans()?),
                b"text" => put(&mut text, self.string()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Cue {
            spans: spans?,
            text: text?,
        })
    }

    fn quote(&mut self) -> Option<Quote> {
        self.byte(b'(')?;
        let (mut id, mut kind, mut spans, mut text) = (None, None, None, None);
        let (mut cue, mut speaker, mut note, mut review) = (None, None, None, None);
        while let Some(name) = self.field()? {
            match name {
                b"id" => put(&mut id, self.string()?),
                b"kind" => put(&mut kind, self.quote_kind()?),
                b"spans" => put(&mut spans, self.spans()?),
                b"text" => put(&mut text, self.string()?),
                b"cue" => put(&mut cue, self.cue()?),
                b"speaker" => put(&mut speaker, self.string()?),
                b"note" => put(&mut note, self.string()?),
                b"review" => put(&mut review, self.review()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Quote {
            id: id?,
            kind: kind?,
            spans: spans?,
            text: text?,
            cue,
            speaker,
            note,
            review: review.unwrap_or_default(),
        })
    }

    fn claim(&mut self) -> Option<Claim> {
        self.byte(b'(')?;
        let (mut id, mut spans, mut text, mut claimant) = (None, None, None, None);
        let (mut quote, mut checkworthy, mut note, mut review) = (None, None, None, None);
        while let Some(name) = self.field()? {
            match name {
                b"id" => put(&mut id, self.string()?),
                b"spans" => put(&mut spans, self.spans()?),
                b"text" => put(&mut text, self.string()?),
                b"claimant" => put(&mut claimant, self.string()?),
                b"quote" => put(&mut quote, self.string()?),
                b"checkworthy" => put(&mut checkworthy, self.checkworthy()?),
                b"note" => put(&mut note, self.string()?),
                b"review" => put(&mut review, self.review()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Claim {
            id: id?,
            spans: spans?,
            text: text?,
            claimant,
            quote,
            checkworthy,
            note,
            review: review.unwrap_or_default(),
        })
    }

    fn orphans(&mut self) -> Option<Orphans> {
        self.byte(b'(')?;
        let (mut entities, mut quotes, mut claims) = (None, None, None);
        while let Some(name) = self.field()? {
            match name {
                b"entities" => put(&mut entities, self.list(Self::entity)?),
                b"quotes" => put(&mut quotes, self.list(Self::quote)?),
                b"claims" => put(&mut claims, self.list(Self::claim)?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Orphans {
            entities: entities.unwrap_or_default(),
            quotes: quotes.unwrap_or_default(),
            claims: claims.unwrap_or_default(),
        })
    }

    fn next_ids(&mut self) -> Option<NextIds> {
        self.byte(b'(')?;
        let (mut entity, mut quote, mut claim) = (None, None, None);
        while let Some(name) = self.field()? {
            match name {
                b"entity" => put(&mut entity, self.number()?),
                b"quote" => put(&mut quote, self.number()?),
                b"claim" => put(&mut claim, self.number()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(NextIds {
            entity: entity?,
            quote: quote?,
            claim: claim?,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ron::extensions::Extensions;

    use super::*;
    use crate::store::save::v1_text;

    /// What ron reads from `text`, with the options the loader uses.
    fn ron_read(text: &str) -> Result<Annotations, ron::error::SpannedError> {
        ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .from_str(text)
    }

    /// Checks the promise: whenever the fast reader returns a value, ron reads the same.
    fn assert_agrees(text: &str) -> bool {
        match read(text) {
            Some(fast) => {
                assert_eq!(ron_read(text).as_ref(), Ok(&fast), "text: {text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_the_sample_annotation_file_as_ron_does() {
        let text = include_str!("../../sample-data/korut-dukung-rusia.ann.ron");
        assert!(assert_agrees(text), "the sample file is in the subset");
    }

    /// A small file, hand-written in the plain subset.
    const SMALL: &str = r#"#![enable(implicit_some)]
Annotations(
    version: 1,
    text: (
        file: "a.txt",
        sha256: "00",
        chars: 12,
    ),
    annotator: "ed",
    paragraphs: [
        (status: Todo),
    ],
    entities: [
        (id: "e1", label: "PER", spans: [(0, 3)], text: "Ana", note: "x", review: Accepted),
    ],
    quotes: [
        (id: "q1", kind: Direct, spans: [(4, 8)], text: "kata", cue: (spans: [(9, 11)], text: "ujar"), speaker: "e1"),
    ],
    claims: [
        (id: "c1", spans: [(0, 12)], text: "all", claimant: "e1", quote: "q1", checkworthy: No),
    ],
    next_ids: (
        entity: 2,
        quote: 2,
        claim: 2,
    ),
)
"#;

    #[test]
    fn hand_edits_within_the_subset_read_as_ron_reads_them() {
        let edited = [
            SMALL.to_owned(),
            SMALL.replace("#![enable(implicit_some)]\n", ""),
            SMALL.replace("Annotations(", "("),
            SMALL.replace(", review: Accepted", ""),
            SMALL.replace("(0, 3)", "( 0 ,3 )"),
            SMALL.replace("\n", "\r\n"),
            SMALL.replace("    ", "\t"),
            SMALL
                .replace("version: 1,\n", "")
                .replace("annotator: \"ed\",", "annotator: \"ed\", version: 1,"),
            SMALL.replace("\"Ana\"", "\"A\\u{6E}a\""),
            SMALL.replace("text: \"all\"", "text: \"a\\\"l\\\\l\\'\\n\\t\\r\\0\""),
        ];
        for text in &edited {
            assert!(assert_agrees(text), "should be in the subset: {text}");
        }
    }

    #[test]
    fn anything_outside_the_subset_is_left_to_ron() {
        let outside = [
            SMALL.replace("version: 1", "version: 2"),
            SMALL.replace("version: 1", "version: 01"),
            SMALL.replace("version: 1", "version: 0x1"),
            SMALL.replace("version: 1", "version: 1_0"),
            SMALL.replace("chars: 12", "chars: 99999999999999999999999"),
            SMALL.replace("note: \"x\"", "note: Some(\"x\")"),
            SMALL.replace("note: \"x\"", "note: None"),
            SMALL.replace("note: \"x\"", "note: r\"x\""),
            SMALL.replace("\"Ana\"", "\"A\\x6Ea\""),
            SMALL.replace("\"Ana\"", "\"A\\\nna\""),
            SMALL.replace("\"Ana\"", "\"A\\u{D800}a\""),
            SMALL.replace("(status: Todo)", "ParagraphEntry(status: Todo)"),
            SMALL.replace("(status: Todo)", "(status: Later)"),
            SMALL.replace("(status: Todo)", "(status: Todo, status: Done)"),
            SMALL.replace("label: \"PER\"", "lable: \"PER\""),
            SMALL.replace("version: 1,", "version: 1, // one\n"),
            SMALL.replace("version: 1,", "version:\u{85}1,"),
            SMALL.replace("Annotations(", "Annotation("),
            SMALL.replace("#![enable(implicit_some)]", "#![enable(unwrap_newtypes)]"),
            SMALL.replace("next_ids", "next_idz"),
            SMALL.replace("spans: [(0, 3)]", "spans: [(0, 3),,]"),
            format!("{SMALL})"),
            SMALL[..SMALL.len() - 10].to_owned(),
        ];
        for text in &outside {
            assert_eq!(read(text), None, "should be left to ron: {text}");
        }
    }

    /// Characters that test the escapes: quotes, backslashes, controls, combining marks,
    /// bidi marks, a BOM, non-BMP, and RON's own punctuation.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 'Z', ' ', '"', '\\', '\'', '\n', '\t', '\r', '\0', '\u{1}', '\u{7f}', '\u{85}',
            '\u{301}', '\u{200e}', '\u{2028}', '\u{feff}', '“', '”', '–', 'é', '😀', '#', '/', '{',
            '}', '(', ')', ',', ':', '[',
        ])
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(tricky_char(), 0..12).prop_map(String::from_iter)
    }

    fn spans() -> impl Strategy<Value = Vec<Pair>> {
        prop::collection::vec((0..5_000_000usize, 0..5_000_000usize), 0..3)
    }

    fn review() -> impl Strategy<Value = Review> {
        prop::sample::select(vec![Review::Unreviewed, Review::Accepted, Review::Rejected])
    }

    fn entity() -> impl Strategy<Value = Entity> {
        (
            text(),
            text(),
            spans(),
            text(),
            prop::option::of(text()),
            review(),
        )
            .prop_map(|(id, label, spans, text, note, review)| Entity {
                id,
                label,
                spans,
                text,
                note,
                review,
            })
    }

    fn quote() -> impl Strategy<Value = Quote> {
        let kind = prop::sample::select(vec![
            QuoteKind::Direct,
            QuoteKind::Indirect,
            QuoteKind::Mixed,
        ]);
        let cue = prop::option::of((spans(), text()).prop_map(|(spans, text)| Cue { spans, text }));
        (
            (text(), kind, spans(), text()),
            (
                cue,
                prop::option::of(text()),
                prop::option::of(text()),
                review(),
            ),
        )
            .prop_map(
                |((id, kind, spans, text), (cue, speaker, note, review))| Quote {
                    id,
                    kind,
                    spans,
                    text,
                    cue,
                    speaker,
                    note,
                    review,
                },
            )
    }

    fn claim() -> impl Strategy<Value = Claim> {
        let checkworthy = prop::option::of(prop::sample::select(vec![
            Checkworthy::Yes,
            Checkworthy::No,
        ]));
        (
            (text(), spans(), text(), prop::option::of(text())),
            (
                prop::option::of(text()),
                checkworthy,
                prop::option::of(text()),
                review(),
            ),
        )
            .prop_map(
                |((id, spans, text, claimant), (quote, checkworthy, note, review))| Claim {
                    id,
                    spans,
                    text,
                    claimant,
                    quote,
                    checkworthy,
                    note,
                    review,
                },
            )
    }

    fn file() -> impl Strategy<Value = Annotations> {
        let status = prop::sample::select(vec![
            Status::Todo,
            Status::Done,
            Status::Skipped,
            Status::Flagged,
        ]);
        let orphans = (
            prop::collection::vec(entity(), 0..2),
            prop::collection::vec(quote(), 0..2),
            prop::collection::vec(claim(), 0..2),
        )
            .prop_map(|(entities, quotes, claims)| Orphans {
                entities,
                quotes,
                claims,
            });
        (
            (text(), text(), any::<usize>(), text()),
            prop::collection::vec(status.prop_map(|status| ParagraphEntry { status }), 0..4),
            (
                prop::collection::vec(entity(), 0..4),
                prop::collection::vec(quote(), 0..3),
                prop::collection::vec(claim(), 0..3),
            ),
            orphans,
            (any::<u64>(), any::<u64>(), any::<u64>()),
        )
            .prop_map(
                |(
                    (file, sha256, chars, annotator),
                    paragraphs,
                    (entities, quotes, claims),
                    orphans,
                    ids,
                )| {
                    Annotations {
                        version: 1,
                        text: TextRef {
                            file,
                            sha256,
                            chars,
                        },
                        annotator,
                        paragraphs,
                        entities,
                        quotes,
                        claims,
                        orphans,
                        next_ids: NextIds {
                            entity: ids.0,
                            quote: ids.1,
                            claim: ids.2,
                        },
                    }
                },
            )
    }

    /// Snippets that a hand edit or a damaged file could bring: RON syntax the subset leaves
    /// to ron, syntax errors, and text that is in the subset.
    fn snippet() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "",
            " ",
            "\n",
            ",",
            "(",
            ")",
            "[",
            "]",
            ":",
            "\"",
            "\\",
            "0",
            "1",
            "_",
            "+",
            "-",
            ".",
            "x",
            "Some(",
            "None",
            "// c\n",
            "/* c */",
            "r#",
            "0x1",
            "1e3",
            "\u{85}",
            "é",
            "note: \"n\", ",
            "review: Rejected, ",
            "review: Unreviewed, ",
            "cue: (spans: [], text: \"\"), ",
            "orphans: (), ",
            "orphans: (entities: []), ",
            "Todo",
            "Annotations",
            "#![enable(implicit_some)]",
            "\\u{41}",
            "\\x41",
            "\\'",
            "(1, 2)",
            "(1, 2,)",
            "[]",
            "[,]",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn every_written_file_reads_back_as_written(file in file()) {
            let text = v1_text(&file);
            prop_assert_eq!(read(&text), Some(file.clone()));
            prop_assert_eq!(ron_read(&text).ok(), Some(file));
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        #[test]
        fn an_edited_file_reads_as_ron_reads_it_or_goes_to_ron(
            file in file(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..3usize, snippet()), 1..3),
        ) {
            let mut text = v1_text(&file);
            for (at, cut, snippet) in edits {
                let boundaries: Vec<usize> =
                    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let start = at.index(boundaries.len());
                let end = boundaries[(start + cut).min(boundaries.len() - 1)];
                text.replace_range(boundaries[start]..end, snippet);
            }
            assert_agrees(&text);
        }
    }
}

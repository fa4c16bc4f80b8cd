//! A fast reader for version-1 files as tandai writes them.
//!
//! ron's deserializer reads any RON, but at 100,000 annotations it was more than half of
//! opening an article, and it needs the whole text in memory beside the structs it makes.
//! This reader takes only the plain subset that [`to_ron`](super::to_ron) writes (and small hand
//! edits of it: any ASCII spacing, fields in any order, trailing commas), reads the file in
//! pieces, and puts each annotation in the model's set as soon as it is read. It returns `None`
//! on anything else (comments, `Some(…)`, named structs, raw strings, numbers in other
//! notations, unknown fields, bytes that are not UTF-8, a version other than 1, a syntax
//! error, a read error), so that the caller reads the file with ron, which reads it or names
//! the error. Whenever it returns a value, it is the value ron reads from the same text: the
//! tests and the fuzz target compare both.

use std::io::{self, Read};

use memchr::memchr2;

use crate::model::{
    About, AnnotationSet, Attribute, By, Checkworthy, Claim, Conflict, Cue, Entity, Fingerprint,
    Item, Kept, NextIds, Origin, ParagraphStatus, Quote, QuoteKind, Relation, ReviewStatus, Span,
    Spans, Text, Version,
};

use super::convert::{self, Parsed};
use super::hash::{Base, Hasher};
use super::v1::{self, Review, Status, TextRef};

/// How much is read from the file at a time.
const PIECE: usize = 1 << 16;

/// The file whose text (BOM removed) is `text`, or `None` when it is not in the plain subset.
/// A BOM still there is a character ron does not take: it is left to ron too.
pub fn read(text: &str) -> Option<Parsed> {
    if text.starts_with('\u{feff}') {
        return None;
    }
    read_from(text.as_bytes(), text.len() as u64).map(|(parsed, _)| parsed)
}

/// The file read from `source`, which holds `len` bytes (a BOM may lead), with the
/// [`Base`] its journal names; `None` when it is not in the plain subset, could not be read,
/// or did not hold `len` bytes.
pub fn read_from(source: impl Read, len: u64) -> Option<(Parsed, Base)> {
    let mut reader = Reader {
        source,
        buf: Vec::with_capacity(PIECE),
        at: 0,
        done: false,
        failed: false,
        hasher: Hasher::new(len),
    };
    reader.literal(b"\xEF\xBB\xBF");
    reader.ws();
    if reader.peek() == Some(b'#') && !reader.literal(b"#![enable(implicit_some)]") {
        return None;
    }
    reader.ws();
    reader.literal(b"Annotations");
    let parsed = reader.annotations()?;
    reader.ws();
    let ended = reader.peek().is_none() && !reader.failed;
    let base = reader.hasher.base()?;
    (ended && parsed.version == 1).then_some((parsed, base))
}

/// Whether ron reads `text` as [`read`] does, whenever `read` returns a value (for the fuzz
/// target, which looks for a text where they differ).
pub fn agrees_with_ron(text: &str) -> bool {
    read(text).is_none_or(|fast| {
        let slow = v1::ron_options().from_str::<v1::Annotations>(text).ok();
        slow.map(convert::parsed_from_v1) == Some(fast)
    })
}

/// A cursor over the file's bytes, read in pieces. Every method returns `None` at the first
/// byte outside the subset, leaving the file to ron.
struct Reader<R> {
    source: R,
    buf: Vec<u8>,
    at: usize,
    /// The source is exhausted.
    done: bool,
    /// Reading the source failed.
    failed: bool,
    hasher: Hasher,
}

/// Stores a field's value, refusing a field given twice (as ron does).
fn put<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.replace(value).is_none().then_some(())
}

/// An identifier, at most as long as the longest name of the format (`checkworthy`).
#[derive(Default)]
struct Ident {
    bytes: [u8; 12],
    len: usize,
}

impl Ident {
    fn name(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl<R: Read> Reader<R> {
    /// Reads the next piece of the source after the bytes not yet consumed; `false` when
    /// nothing more came.
    fn fill(&mut self) -> bool {
        while !self.done {
            self.buf.drain(..self.at);
            self.at = 0;
            let old = self.buf.len();
            self.buf.resize(old + PIECE, 0);
            let read = self.source.read(&mut self.buf[old..]);
            let got = *read.as_ref().unwrap_or(&0);
            self.buf.truncate(old + got);
            match read {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.hasher.update(&self.buf[old..]);
                    return true;
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => (self.done, self.failed) = (true, true),
            }
        }
        false
    }

    fn peek(&mut self) -> Option<u8> {
        if self.at == self.buf.len() && !self.fill() {
            return None;
        }
        Some(self.buf[self.at])
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

    /// Consumes `expected` if the text goes on with it.
    fn literal(&mut self, expected: &[u8]) -> bool {
        while self.buf.len() - self.at < expected.len() && self.fill() {}
        let found = self.buf[self.at..].starts_with(expected);
        if found {
            self.at += expected.len();
        }
        found
    }

    /// An ASCII identifier; `None` when none is here, it is longer than any name of the
    /// format, or it runs on into other characters.
    fn ident(&mut self) -> Option<Ident> {
        self.ws();
        let mut ident = Ident::default();
        while let Some(b @ (b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_')) = self.peek() {
            *ident.bytes.get_mut(ident.len)? = b;
            ident.len += 1;
            self.at += 1;
        }
        let ends_cleanly = self.peek().is_none_or(|b| b.is_ascii());
        (ident.len > 0 && !ident.bytes[0].is_ascii_digit() && ends_cleanly).then_some(ident)
    }

    /// The next field's name and its `:`, or `None` (with the `)` consumed) at the struct's end.
    /// A field's value is followed by `,` or the `)`: [`Self::after_value`].
    fn field(&mut self) -> Option<Option<Ident>> {
        self.ws();
        if self.peek()? == b')' {
            self.at += 1;
            return Some(None);
        }
        let name = self.ident()?;
        self.byte(b':')?;
        self.ws();
        Some(Some(name))
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
        let (mut value, mut digits, mut leading_zero) = (0u64, 0, false);
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            leading_zero |= digits == 0 && digit == b'0';
            value = value
                .checked_mul(10)?
                .checked_add(u64::from(digit - b'0'))?;
            digits += 1;
            self.at += 1;
        }
        let clean = digits == 1 || (digits > 1 && !leading_zero);
        let ends = !matches!(self.peek(), Some(b'_' | b'.' | b'a'..=b'z' | b'A'..=b'Z'));
        (clean && ends).then_some(value)
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }

    /// A `"…"` string with the escapes `char::escape_debug` writes.
    fn string(&mut self) -> Option<Text> {
        self.literal(b"\"").then_some(())?;
        // Most strings have no escape and lie in the bytes already read: taken as they are.
        let rest = &self.buf[self.at..];
        if let Some(end) = memchr2(b'"', b'\\', rest).filter(|&end| rest[end] == b'"') {
            let text = Text::from(std::str::from_utf8(&rest[..end]).ok()?);
            self.at += end + 1;
            return Some(text);
        }
        let mut out = Vec::new();
        loop {
            let rest = &self.buf[self.at..];
            let Some(next) = memchr2(b'"', b'\\', rest) else {
                out.extend_from_slice(rest);
                self.at = self.buf.len();
                self.fill().then_some(())?;
                continue;
            };
            out.extend_from_slice(&rest[..next]);
            let quote = rest[next] == b'"';
            self.at += next + 1;
            if quote {
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
        String::from_utf8(out).ok().map(Text::from)
    }

    /// A string of the header (`file`, `sha256`, `annotator`).
    fn header_string(&mut self) -> Option<String> {
        self.string().map(String::from)
    }

    /// The `{…}` of a `\u{…}` escape: one to six hex digits naming a character.
    fn unicode_escape(&mut self) -> Option<char> {
        self.literal(b"{").then_some(())?;
        let (mut value, mut digits) = (0u32, 0);
        while digits < 6 {
            let Some(digit) = char::from(self.peek()?).to_digit(16) else {
                break;
            };
            value = value * 16 + digit;
            digits += 1;
            self.at += 1;
        }
        (digits > 0 && self.literal(b"}")).then_some(())?;
        char::from_u32(value)
    }

    /// A `[…]` list, each item handed to `take` as it is read.
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
        mut take: impl FnMut(T),
    ) -> Option<()> {
        self.byte(b'[')?;
        loop {
            self.ws();
            if self.peek()? == b']' {
                self.at += 1;
                return Some(());
            }
            take(item(self)?);
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    /// A list read whole.
    fn vec<T>(&mut self, item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = Vec::new();
        self.list(item, |x| items.push(x))?;
        Some(items)
    }

    fn pair(&mut self) -> Option<Span> {
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
        Some(Span::new(start, end))
    }

    fn spans(&mut self) -> Option<Spans> {
        let mut spans = Spans::new();
        self.list(Self::pair, |span| spans.push(span))?;
        Some(spans)
    }

    /// One of `variants`' names, as an index into it.
    fn variant(&mut self, variants: &[&str]) -> Option<usize> {
        let ident = self.ident()?;
        variants.iter().position(|v| v.as_bytes() == ident.name())
    }

    fn status(&mut self) -> Option<ParagraphStatus> {
        let all = [Status::Todo, Status::Done, Status::Skipped, Status::Flagged];
        let status = all[self.variant(&["Todo", "Done", "Skipped", "Flagged"])?];
        Some(convert::status_in(status))
    }

    fn rejected(&mut self) -> Option<crate::model::Rejection> {
        use crate::model::IdKind;
        self.byte(b'(')?;
        let (mut layer, mut label, mut span, mut text, mut source) = (None, None, None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"layer" => {
                    let all = [IdKind::Entity, IdKind::Quote, IdKind::Claim];
                    put(
                        &mut layer,
                        all[self.variant(&["Entity", "Quote", "Claim"])?],
                    )
                }
                b"label" => put(&mut label, self.string()?),
                b"span" => put(&mut span, self.pair()?),
                b"text" => put(&mut text, self.string()?),
                b"source" => put(&mut source, self.source()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(crate::model::Rejection {
            layer: layer?,
            label,
            span: span?,
            text: text?,
            source: source?,
        })
    }

    /// A provenance name; an unknown one leaves the file to ron, which names the place.
    fn source(&mut self) -> Option<crate::model::Source> {
        self.string()?.parse().ok()
    }

    /// Who made an annotation: a list of strings.
    fn by(&mut self) -> Option<By> {
        Some(By::from_vec(self.vec(Self::string)?))
    }

    fn review(&mut self) -> Option<ReviewStatus> {
        let all = [Review::Unreviewed, Review::Accepted, Review::Rejected];
        let review = all[self.variant(&["Unreviewed", "Accepted", "Rejected"])?];
        Some(convert::review_in(review))
    }

    fn quote_kind(&mut self) -> Option<QuoteKind> {
        let all = [
            v1::QuoteKind::Direct,
            v1::QuoteKind::Indirect,
            v1::QuoteKind::Mixed,
        ];
        let kind = all[self.variant(&["Direct", "Indirect", "Mixed"])?];
        Some(convert::kind_in(kind))
    }

    fn checkworthy(&mut self) -> Option<Checkworthy> {
        let all = [v1::Checkworthy::Yes, v1::Checkworthy::No];
        let value = all[self.variant(&["Yes", "No"])?];
        Some(convert::checkworthy_in(value))
    }

    fn annotations(&mut self) -> Option<Parsed> {
        self.byte(b'(')?;
        let (mut version, mut text, mut annotator, mut next_ids) = (None, None, None, None);
        let (mut paragraphs, mut entities, mut quotes, mut claims, mut orphans) =
            (None, None, None, None, None);
        let (mut rejected, mut conflicts, mut relations, mut kept) = (None, None, None, None);
        let mut set = AnnotationSet::default();
        let mut fingerprints = Vec::new();
        while let Some(field) = self.field()? {
            match field.name() {
                b"version" => put(&mut version, self.number()?),
                b"text" => put(&mut text, self.text_ref()?),
                b"annotator" => put(&mut annotator, self.header_string()?),
                b"paragraphs" => {
                    let (list, prints) = (&mut set.paragraphs, &mut fingerprints);
                    self.list(Self::paragraph, |(status, print)| {
                        list.push(status);
                        prints.push(print);
                    })?;
                    put(&mut paragraphs, ())
                }
                b"entities" => {
                    let list = &mut set.entities;
                    self.list(Self::entity, |e| list.push(e))?;
                    put(&mut entities, ())
                }
                b"quotes" => {
                    let list = &mut set.quotes;
                    self.list(Self::quote, |q| list.push(q))?;
                    put(&mut quotes, ())
                }
                b"claims" => {
                    let list = &mut set.claims;
                    self.list(Self::claim, |c| list.push(c))?;
                    put(&mut claims, ())
                }
                b"orphans" => put(&mut orphans, self.orphans()?),
                b"rejected" => {
                    let list = &mut set.rejected;
                    self.list(Self::rejected, |r| list.push(r))?;
                    put(&mut rejected, ())
                }
                b"conflicts" => {
                    let list = &mut set.conflicts;
                    self.list(Self::conflict, |c| list.push(c))?;
                    put(&mut conflicts, ())
                }
                b"relations" => {
                    let list = &mut set.relations;
                    self.list(Self::relation, |r| list.push(r))?;
                    put(&mut relations, ())
                }
                b"kept" => put(&mut kept, self.vec(Self::kept)?),
                b"next_ids" => put(&mut next_ids, self.next_ids()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        paragraphs.zip(entities).zip(quotes).zip(claims)?;
        set.paragraphs.shrink_to_fit();
        fingerprints.shrink_to_fit();
        set.entities.shrink_to_fit();
        set.quotes.shrink_to_fit();
        set.claims.shrink_to_fit();
        set.orphans = orphans.unwrap_or_default();
        set.kept = kept.unwrap_or_default();
        set.next_ids = next_ids?;
        Some(Parsed {
            version: version?,
            text: text?,
            annotator: annotator?,
            set,
            fingerprints,
        })
    }

    fn conflict(&mut self) -> Option<Conflict> {
        self.byte(b'(')?;
        let (mut about, mut reason) = (None, None);
        let (mut base, mut ours, mut theirs) = (None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"about" => put(&mut about, self.about()?),
                b"reason" => put(&mut reason, self.string()?),
                b"base" => put(&mut base, self.version()?),
                b"ours" => put(&mut ours, self.version()?),
                b"theirs" => put(&mut theirs, self.version()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Conflict {
            about: about?,
            reason: reason?,
            base,
            ours,
            theirs,
        })
    }

    /// `Annotation("e3")` or `Paragraph(2)`.
    fn about(&mut self) -> Option<About> {
        let about = match self.variant(&["Annotation", "Paragraph"])? {
            0 => {
                self.byte(b'(')?;
                self.ws();
                About::Annotation(self.string()?)
            }
            _ => {
                self.byte(b'(')?;
                self.ws();
                About::Paragraph(self.usize()?)
            }
        };
        self.byte(b')')?;
        Some(about)
    }

    /// `Entity((…))`, `Quote((…))`, `Claim((…))` or `Status(Done)`.
    fn version(&mut self) -> Option<Version> {
        let which = self.variant(&["Entity", "Quote", "Claim", "Status"])?;
        self.byte(b'(')?;
        let version = match which {
            0 => Version::Item(Item::Entity(self.entity()?)),
            1 => Version::Item(Item::Quote(self.quote()?)),
            2 => Version::Item(Item::Claim(self.claim()?)),
            _ => Version::Status(self.status()?),
        };
        self.byte(b')')?;
        Some(version)
    }

    fn text_ref(&mut self) -> Option<TextRef> {
        self.byte(b'(')?;
        let (mut file, mut sha256, mut chars) = (None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"file" => put(&mut file, self.header_string()?),
                b"sha256" => put(&mut sha256, self.header_string()?),
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

    fn paragraph(&mut self) -> Option<(ParagraphStatus, Option<Fingerprint>)> {
        self.byte(b'(')?;
        let (mut status, mut hash) = (None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"status" => put(&mut status, self.status()?),
                b"hash" => put(&mut hash, self.string()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some((status?, convert::fingerprint_in(hash.as_deref())))
    }

    fn entity(&mut self) -> Option<Entity> {
        self.byte(b'(')?;
        let (mut id, mut label, mut spans, mut text) = (None, None, None, None);
        let (mut note, mut review, mut source, mut by) = (None, None, None, None);
        let mut attributes = None;
        while let Some(field) = self.field()? {
            match field.name() {
                b"id" => put(&mut id, self.string()?),
                b"label" => put(&mut label, self.string()?),
                b"spans" => put(&mut spans, self.spans()?),
                b"text" => put(&mut text, self.string()?),
                b"note" => put(&mut note, self.string()?),
                b"review" => put(&mut review, self.review()?),
                b"source" => put(&mut source, self.source()?),
                b"by" => put(&mut by, self.by()?),
                b"attributes" => put(&mut attributes, self.vec(Self::attribute)?),
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
            source: source.unwrap_or_default(),
            by: by.unwrap_or_default(),
            attributes: attributes.unwrap_or_default(),
        })
    }

    fn cue(&mut self) -> Option<Cue> {
        self.byte(b'(')?;
        let (mut spans, mut text) = (None, None);
        while let Some(field) = self.field()? {
            match field.name() {
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
        let (mut source, mut by, mut attributes) = (None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"id" => put(&mut id, self.string()?),
                b"kind" => put(&mut kind, self.quote_kind()?),
                b"spans" => put(&mut spans, self.spans()?),
                b"text" => put(&mut text, self.string()?),
                b"cue" => put(&mut cue, self.cue()?),
                b"speaker" => put(&mut speaker, self.string()?),
                b"note" => put(&mut note, self.string()?),
                b"review" => put(&mut review, self.review()?),
                b"source" => put(&mut source, self.source()?),
                b"by" => put(&mut by, self.by()?),
                b"attributes" => put(&mut attributes, self.vec(Self::attribute)?),
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
            source: source.unwrap_or_default(),
            by: by.unwrap_or_default(),
            attributes: attributes.unwrap_or_default(),
        })
    }

    fn claim(&mut self) -> Option<Claim> {
        self.byte(b'(')?;
        let (mut id, mut spans, mut text, mut claimant) = (None, None, None, None);
        let (mut quote, mut checkworthy, mut note, mut review) = (None, None, None, None);
        let (mut source, mut by, mut attributes) = (None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"id" => put(&mut id, self.string()?),
                b"spans" => put(&mut spans, self.spans()?),
                b"text" => put(&mut text, self.string()?),
                b"claimant" => put(&mut claimant, self.string()?),
                b"quote" => put(&mut quote, self.string()?),
                b"checkworthy" => put(&mut checkworthy, self.checkworthy()?),
                b"note" => put(&mut note, self.string()?),
                b"review" => put(&mut review, self.review()?),
                b"source" => put(&mut source, self.source()?),
                b"by" => put(&mut by, self.by()?),
                b"attributes" => put(&mut attributes, self.vec(Self::attribute)?),
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
            source: source.unwrap_or_default(),
            by: by.unwrap_or_default(),
            attributes: attributes.unwrap_or_default(),
        })
    }

    /// The orphans, entities first, then quotes, then claims, whatever order the fields are in.
    fn orphans(&mut self) -> Option<Vec<Item>> {
        self.byte(b'(')?;
        let (mut entities, mut quotes, mut claims) = (None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"entities" => put(&mut entities, self.vec(Self::entity)?),
                b"quotes" => put(&mut quotes, self.vec(Self::quote)?),
                b"claims" => put(&mut claims, self.vec(Self::claim)?),
                _ => None,
            }?;
            self.after_value()?;
        }
        let entities = entities.into_iter().flatten();
        let quotes = quotes.into_iter().flatten();
        let claims = claims.into_iter().flatten();
        Some(
            (entities.map(Item::Entity))
                .chain(quotes.map(Item::Quote))
                .chain(claims.map(Item::Claim))
                .collect(),
        )
    }

    fn next_ids(&mut self) -> Option<NextIds> {
        self.byte(b'(')?;
        let (mut entity, mut quote, mut claim, mut relation) = (None, None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"entity" => put(&mut entity, self.number()?),
                b"quote" => put(&mut quote, self.number()?),
                b"claim" => put(&mut claim, self.number()?),
                b"relation" => put(&mut relation, self.number()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(NextIds {
            entity: entity?,
            quote: quote?,
            claim: claim?,
            relation: relation.unwrap_or(1),
        })
    }

    /// `(name: "…", value: "…")`, the value optional.
    fn attribute(&mut self) -> Option<Attribute> {
        self.byte(b'(')?;
        let (mut name, mut value) = (None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"name" => put(&mut name, self.string()?),
                b"value" => put(&mut value, self.string()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Attribute { name: name?, value })
    }

    fn relation(&mut self) -> Option<Relation> {
        self.byte(b'(')?;
        let (mut id, mut kind, mut from, mut to, mut note) = (None, None, None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"id" => put(&mut id, self.string()?),
                b"kind" => put(&mut kind, self.string()?),
                b"from" => put(&mut from, self.string()?),
                b"to" => put(&mut to, self.string()?),
                b"note" => put(&mut note, self.string()?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Relation {
            id: id?,
            kind: kind?,
            from: from?,
            to: to?,
            note,
        })
    }

    fn kept(&mut self) -> Option<Kept> {
        self.byte(b'(')?;
        let (mut format, mut lines, mut ids) = (None, None, None);
        while let Some(field) = self.field()? {
            match field.name() {
                b"format" => put(&mut format, self.string()?),
                b"lines" => put(&mut lines, self.vec(Self::string)?),
                b"ids" => put(&mut ids, self.vec(Self::origin)?),
                _ => None,
            }?;
            self.after_value()?;
        }
        Some(Kept {
            format: format?,
            lines: lines.unwrap_or_default(),
            ids: ids.unwrap_or_default(),
        })
    }

    /// `("T1", "e1")`: an original id and what tandai made of it.
    fn origin(&mut self) -> Option<Origin> {
        self.byte(b'(')?;
        self.ws();
        let id = self.string()?;
        self.byte(b',')?;
        self.ws();
        let what = self.string()?;
        self.ws();
        if self.peek()? == b',' {
            self.at += 1;
        }
        self.byte(b')')?;
        Some(Origin { id, what })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::store::arbitrary::file;
    use crate::store::save::v1_text;
    use crate::store::v1::Annotations;

    /// What ron reads from `text`, with the options the loader uses.
    fn ron_read(text: &str) -> Result<Annotations, ron::error::SpannedError> {
        v1::ron_options().from_str(text)
    }

    /// Checks the promise: whenever the fast reader returns a value, ron reads the same.
    fn assert_agrees(text: &str) -> bool {
        match read(text) {
            Some(fast) => {
                let slow = ron_read(text).ok().map(convert::parsed_from_v1);
                assert_eq!(slow, Some(fast), "text: {text:?}");
                true
            }
            None => false,
        }
    }

    /// A source that hands out at most `step` bytes per read, then fails if `fail_at` is
    /// reached.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
        fail_at: Option<usize>,
        at: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.fail_at.is_some_and(|f| self.at >= f) {
                return Err(io::Error::other("the disk failed"));
            }
            let n = self.step.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn trickled(text: &str, step: usize, fail_at: Option<usize>, len: u64) -> Option<Parsed> {
        let source = Trickle {
            bytes: text.as_bytes(),
            step,
            fail_at,
            at: 0,
        };
        read_from(source, len).map(|(parsed, base)| {
            assert_eq!(base, Base::of(text.as_bytes()));
            parsed
        })
    }

    #[test]
    fn reads_the_sample_annotation_file_as_ron_does() {
        let text = include_str!("../../sample-data/korut-dukung-rusia.ann.ron");
        assert!(assert_agrees(text), "the sample file is in the subset");
        let doc =
            crate::model::Document::new(include_str!("../../sample-data/korut-dukung-rusia.txt"));
        let prints: Vec<_> = doc
            .paragraph_fingerprints()
            .iter()
            .copied()
            .map(Some)
            .collect();
        assert_eq!(read(text).unwrap().fingerprints, prints);
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
            SMALL.replace("(status: Todo)", "(status: Todo, hash: \"1a2b3c4d\")"),
            SMALL.replace("(status: Todo)", "(hash: \"1A2B3C4D\", status: Todo)"),
            SMALL.replace("(status: Todo)", "(status: Todo, hash: \"not a hash\")"),
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
            SMALL.replace("\"PER\"", "\"P\\u{FFFFFF}R\""),
            SMALL.replace("(status: Todo)", "(statuses: Todo)"),
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
            SMALL.replace("(status: Todo)", "(status: Todo, hash: None)"),
            SMALL.replace("(status: Todo)", "(status: Todo, hash: \"a\", hash: \"b\")"),
            SMALL.replace("label: \"PER\"", "lable: \"PER\""),
            SMALL.replace("version: 1,", "version: 1, // one\n"),
            SMALL.replace("version: 1,", "version:\u{85}1,"),
            SMALL.replace("Annotations(", "Annotation("),
            SMALL.replace("#![enable(implicit_some)]", "#![enable(unwrap_newtypes)]"),
            SMALL.replace("next_ids", "next_idz"),
            SMALL.replace("spans: [(0, 3)]", "spans: [(0, 3),,]"),
            format!("{SMALL})"),
            format!("\u{feff}{SMALL}"),
            SMALL[..SMALL.len() - 10].to_owned(),
        ];
        for text in &outside {
            assert_eq!(read(text), None, "should be left to ron: {text}");
        }
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
            "conflicts: [], ",
            "conflicts: [(about: Paragraph(1), reason: \"r\")], ",
            "theirs: Status(Done), ",
            "ours: None, ",
            "Entity(",
            "Annotation(\"e1\")",
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
            let parsed = convert::parsed_from_v1(file.clone());
            prop_assert_eq!(read(&text), Some(parsed.clone()));
            prop_assert_eq!(ron_read(&text).ok(), Some(file));
            for step in [1, 2, 3, 7] {
                prop_assert_eq!(trickled(&text, step, None, text.len() as u64), Some(parsed.clone()));
            }
            let with_bom = format!("\u{feff}{text}");
            prop_assert_eq!(trickled(&with_bom, 5, None, with_bom.len() as u64), Some(parsed));
            prop_assert_eq!(trickled(&text, 3, Some(text.len() / 2), text.len() as u64), None);
            prop_assert_eq!(trickled(&text, 3, None, text.len() as u64 + 1), None);
        }

    }

    /// Random hand edits of written files: whenever the fast reader reads one, ron reads the
    /// same; and the fast reader reads a good share of the edited files ron reads (the edits
    /// are often spaces, line ends and fields of the subset: about 350 of 4000 stay valid
    /// and the fast reader reads about 280 of them), so a reader that declined
    /// everything would fail.
    #[test]
    fn an_edited_file_reads_as_ron_reads_it_or_goes_to_ron() {
        use std::cell::Cell;

        use proptest::test_runner::{Config, TestRunner};

        let edited = (
            file(),
            prop::collection::vec((any::<prop::sample::Index>(), 0..3usize, snippet()), 1..3),
        );
        let ron_reads = Cell::new(0usize);
        let fast_reads = Cell::new(0usize);
        let mut runner = TestRunner::new(Config {
            cases: 4000,
            ..Config::default()
        });
        runner
            .run(&edited, |(file, edits)| {
                let mut text = v1_text(&file);
                for (at, cut, snippet) in edits {
                    let boundaries: Vec<usize> = text
                        .char_indices()
                        .map(|(i, _)| i)
                        .chain([text.len()])
                        .collect();
                    let start = at.index(boundaries.len());
                    let end = boundaries[(start + cut).min(boundaries.len() - 1)];
                    text.replace_range(boundaries[start]..end, snippet);
                }
                if ron_read(&text).is_ok() {
                    ron_reads.set(ron_reads.get() + 1);
                }
                if assert_agrees(&text) {
                    fast_reads.set(fast_reads.get() + 1);
                }
                Ok(())
            })
            .unwrap();
        let (ron_reads, fast_reads) = (ron_reads.get(), fast_reads.get());
        eprintln!("ron read {ron_reads} edited files, the fast reader {fast_reads}");
        assert!(
            ron_reads >= 150,
            "too few edited files are valid: {ron_reads}"
        );
        assert!(
            fast_reads * 2 >= ron_reads,
            "the fast reader read {fast_reads} of the {ron_reads} edited files ron reads"
        );
    }
}

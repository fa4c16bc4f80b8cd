//! Placing annotations again on an article whose text changed since they were made.
//!
//! Only the annotations are known (each fragment's old offsets and the text it covered, and
//! the old length of the article), not the old article. An edit shifts everything after it by
//! the same amount, so annotations are placed in three passes, in document order:
//!
//! 1. **Anchors**: annotations of at least [`ANCHOR_CHARS`] characters are looked for at the
//!    nearest occurrence of their exact text; such texts are as good as unique, so each anchor
//!    tells the shift of its stretch of the article.
//! 2. **Known shifts**: between two anchors (the start of the text counts as shift 0, the end
//!    as the change in length), an annotation whose exact text sits at its old place plus the
//!    shift before or after is placed there.
//! 3. **Nearest**: what is left goes to the nearest occurrence of its text between the places
//!    of its placed neighbours, unless another annotation of the same kind and text holds it.
//!
//! An annotation that finds no place is an orphan: kept unchanged, never dropped, for the
//! editor to re-attach or delete.
//!
//! Paragraph statuses follow their paragraphs by fingerprint ([`statuses`]).

use std::collections::{HashMap, HashSet};

use super::annotation::{Cue, Item, ParagraphStatus, Spans};
use super::document::{Document, FRAGMENT_JOIN};
use super::fingerprint::Fingerprint;
use super::span::Span;

/// Annotations at least this long anchor the shift of their stretch of the article.
pub const ANCHOR_CHARS: usize = 20;

/// What re-anchoring did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Annotations placed on the new text (same ids, texts and links; new offsets).
    pub placed: Vec<Item>,
    /// Annotations that could not be placed, unchanged.
    pub orphans: Vec<Item>,
    /// How many of the placed annotations changed offsets.
    pub moved: usize,
}

/// The texts of each fragment, from an annotation's joined text; `None` when they cannot be
/// told apart.
fn fragment_texts<'a>(text: &'a str, spans: &[Span]) -> Option<Vec<&'a str>> {
    if spans.len() == 1 {
        return Some(vec![text]);
    }
    let parts: Vec<&str> = text.split(FRAGMENT_JOIN).collect();
    (parts.len() == spans.len()).then_some(parts)
}

fn shifted(spans: &[Span], shift: isize) -> Option<Spans> {
    spans
        .iter()
        .map(|s| {
            let start = s.start.checked_add_signed(shift)?;
            Some(Span::new(start, start + s.len()))
        })
        .collect()
}

/// The new article as characters, with exact-text lookups.
struct Text {
    chars: Vec<char>,
}

impl Text {
    fn holds(&self, spans: &[Span], texts: &[Vec<char>]) -> bool {
        spans
            .iter()
            .zip(texts)
            .all(|(s, t)| self.chars.get(s.start..s.end) == Some(t.as_slice()))
    }

    /// Starts of `needle` in `[lo, hi)`, nearest to `expected` first.
    fn nearest(&self, needle: &[char], expected: usize, lo: usize, hi: usize) -> Option<usize> {
        let last = hi.min(self.chars.len()).checked_sub(needle.len())?;
        if needle.is_empty() || lo > last {
            return None;
        }
        let expected = expected.clamp(lo, last);
        let at = |s: usize| self.chars[s..s + needle.len()] == *needle;
        (0..=(expected - lo).max(last - expected)).find_map(|d| {
            let before = expected.checked_sub(d).filter(|&s| s >= lo && at(s));
            before.or_else(|| Some(expected + d).filter(|&s| s <= last && at(s)))
        })
    }
}

/// One annotation being placed: its old fragments and their texts.
struct Pending {
    item: Item,
    texts: Option<Vec<Vec<char>>>,
    placed: Option<Spans>,
}

impl Pending {
    fn new(item: Item) -> Self {
        let texts = fragment_texts(item.text(), item.spans())
            .map(|t| {
                t.iter()
                    .map(|x| x.chars().collect())
                    .collect::<Vec<Vec<char>>>()
            })
            .filter(|t| {
                t.iter()
                    .zip(item.spans())
                    .all(|(x, s)| x.len() == s.len() && !x.is_empty())
            });
        Self {
            item,
            texts,
            placed: None,
        }
    }

    fn old_start(&self) -> usize {
        self.item.spans().first().map_or(0, |s| s.start)
    }

    fn shift(&self) -> Option<isize> {
        let new = self.placed.as_ref()?.first()?.start;
        Some(new as isize - self.old_start() as isize)
    }

    fn try_shift(&mut self, text: &Text, shift: isize) -> bool {
        let Some(texts) = &self.texts else {
            return false;
        };
        match shifted(self.item.spans(), shift) {
            Some(spans) if text.holds(&spans, texts) => {
                self.placed = Some(spans);
                true
            }
            _ => false,
        }
    }

    /// Places the first fragment at the nearest occurrence in `[lo, hi)` around its old place
    /// plus `shift`; the other fragments must follow at their old distances.
    fn try_nearest(&mut self, text: &Text, shift: isize, lo: usize, hi: usize) -> bool {
        let Some(first) = self.texts.as_ref().and_then(|t| t.first()) else {
            return false;
        };
        let expected = self.old_start().saturating_add_signed(shift);
        match text.nearest(first, expected, lo, hi) {
            Some(start) => self.try_shift(text, start as isize - self.old_start() as isize),
            None => false,
        }
    }

    fn key(&self) -> Option<(&'static str, String, Spans)> {
        let spans = self.placed.clone()?;
        Some((self.item.kind_name(), self.item.text().to_owned(), spans))
    }
}

fn place_cue(text: &Text, cue: &Cue, shift: isize) -> Option<Cue> {
    let texts: Vec<Vec<char>> = fragment_texts(&cue.text, &cue.spans)?
        .iter()
        .map(|t| t.chars().collect())
        .collect();
    let mut spans = shifted(&cue.spans, shift)?;
    if !text.holds(&spans, &texts) {
        let first = cue.spans.first()?;
        let expected = first.start.saturating_add_signed(shift);
        let start = text.nearest(
            &texts[0],
            expected,
            expected.saturating_sub(200),
            expected + 200,
        )?;
        spans = shifted(&cue.spans, start as isize - first.start as isize)?;
        if !text.holds(&spans, &texts) {
            return None;
        }
    }
    Some(Cue {
        spans,
        text: cue.text.clone(),
    })
}

/// Places `items`, made on an older version of the article that had `old_chars`
/// characters, on `doc`.
pub fn reanchor(doc: &Document, items: Vec<Item>, old_chars: usize) -> Reanchored {
    let text = Text {
        chars: doc.text().chars().collect(),
    };
    let end_shift = text.chars.len() as isize - old_chars as isize;
    let mut pending: Vec<Pending> = items.into_iter().map(Pending::new).collect();
    pending.sort_by_key(Pending::old_start);

    for p in pending
        .iter_mut()
        .filter(|p| p.item.covered() >= ANCHOR_CHARS)
    {
        let len = text.chars.len();
        if !p.try_shift(&text, 0) {
            p.try_nearest(&text, 0, 0, len);
        }
    }
    let anchors: Vec<(usize, isize)> = pending
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, p.shift()?)))
        .collect();
    for (i, p) in pending.iter_mut().enumerate() {
        if p.placed.is_some() {
            continue;
        }
        let before = anchors
            .iter()
            .rev()
            .find(|(a, _)| *a < i)
            .map_or(0, |(_, s)| *s);
        let after = anchors
            .iter()
            .find(|(a, _)| *a > i)
            .map_or(end_shift, |(_, s)| *s);
        let _ = p.try_shift(&text, before) || p.try_shift(&text, after);
    }

    let mut taken: HashSet<(&'static str, String, Spans)> =
        pending.iter().filter_map(Pending::key).collect();
    for i in 0..pending.len() {
        if pending[i].placed.is_some() {
            continue;
        }
        let prev = pending[..i].iter().rev().find(|p| p.placed.is_some());
        let lo = prev
            .and_then(|p| p.placed.as_ref())
            .map_or(0, |s| s[0].start);
        let shift = prev.and_then(Pending::shift).unwrap_or(0);
        let hi = pending[i + 1..]
            .iter()
            .find_map(|p| p.placed.as_ref().map(|s| s[0].start + 1))
            .unwrap_or(text.chars.len());
        let p = &mut pending[i];
        if p.try_nearest(&text, shift, lo, hi) {
            let key = p.key().expect("just placed");
            if !taken.insert(key) {
                p.placed = None;
            }
        }
    }

    let mut out = Reanchored::default();
    for p in pending {
        let (Some(spans), Some(shift)) = (p.placed.clone(), p.shift()) else {
            out.orphans.push(p.item);
            continue;
        };
        let mut item = p.item.clone();
        match &mut item {
            Item::Entity(e) => e.spans = spans,
            Item::Claim(c) => c.spans = spans,
            Item::Quote(q) => {
                q.spans = spans;
                if let Some(cue) = &q.cue {
                    match place_cue(&text, cue, shift) {
                        Some(cue) => q.cue = Some(cue),
                        None => {
                            out.orphans.push(p.item);
                            continue;
                        }
                    }
                }
            }
        }
        if item != p.item {
            out.moved += 1;
        }
        out.placed.push(item);
    }
    out
}

/// The statuses of the new paragraphs, whose fingerprints are `new`, from the old paragraphs'
/// `old` statuses and fingerprints (`None` where the file kept none), and whether a status
/// other than Todo was lost.
///
/// Paragraphs are matched as a patience diff matches lines: the fingerprints found once in the
/// old paragraphs and once in the new are matched, keeping the longest run of them in the
/// same order on both sides. Between two matches (and before the first, after the last), as
/// many unmatched old paragraphs as new ones are taken to be the same paragraphs, edited or
/// repeated, and keep their statuses in order. Every other new paragraph is Todo. A file
/// without fingerprints thus keeps its statuses when the number of paragraphs is unchanged.
pub fn statuses(
    old: &[(ParagraphStatus, Option<Fingerprint>)],
    new: &[Fingerprint],
) -> (Vec<ParagraphStatus>, bool) {
    let matches = unique_matches(old, new);
    let mut out = vec![ParagraphStatus::Todo; new.len()];
    let mut kept = vec![false; old.len()];
    let mut from = (0, 0);
    let ends = matches.iter().copied().chain([(new.len(), old.len())]);
    for (i, j) in ends {
        if i - from.0 == j - from.1 {
            for k in 0..i - from.0 {
                out[from.0 + k] = old[from.1 + k].0;
                kept[from.1 + k] = true;
            }
        }
        if i < new.len() {
            out[i] = old[j].0;
            kept[j] = true;
        }
        from = (i + 1, j + 1);
    }
    let lost = old
        .iter()
        .zip(&kept)
        .any(|((status, _), kept)| !kept && *status != ParagraphStatus::Todo);
    (out, lost)
}

/// (new index, old index) of the fingerprints found once on each side, the longest run of
/// them increasing on both sides.
fn unique_matches(
    old: &[(ParagraphStatus, Option<Fingerprint>)],
    new: &[Fingerprint],
) -> Vec<(usize, usize)> {
    // For each fingerprint: its place among the new and the old paragraphs, and whether it
    // was seen at most once on each side.
    let mut seen: HashMap<Fingerprint, (Option<usize>, Option<usize>, bool)> = HashMap::new();
    for (j, print) in old.iter().enumerate() {
        if let Some(print) = print.1 {
            let entry = seen.entry(print).or_insert((None, None, true));
            entry.2 = entry.1.is_none() && entry.2;
            entry.1 = Some(j);
        }
    }
    for (i, print) in new.iter().enumerate() {
        if let Some(entry) = seen.get_mut(print) {
            entry.2 = entry.0.is_none() && entry.2;
            entry.0 = Some(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter_map(|(i, j, once)| Some((i?, j?)).filter(|_| once))
        .collect();
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest subsequence of `pairs` (sorted by their first half) whose second halves increase
/// too (patience sorting, n log n).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index in `pairs` of the smallest end of a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (n, &(_, j)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < j);
        before[n] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(n);
        } else {
            tails[k] = n;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(n) = at {
        run.push(pairs[n]);
        at = before[n];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Quote, QuoteKind};
    use smallvec::smallvec;

    const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

    fn entity(doc: &Document, id: &str, needle: &str, nth: usize) -> Item {
        let start = doc.text().match_indices(needle).nth(nth).unwrap().0;
        let start = doc.text()[..start].chars().count();
        let span = Span::new(start, start + needle.chars().count());
        Item::Entity(Entity {
            id: id.into(),
            label: "PER".into(),
            spans: smallvec![span],
            text: needle.into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        })
    }

    fn starts(items: &[Item]) -> Vec<usize> {
        items.iter().map(|i| i.spans()[0].start).collect()
    }

    #[test]
    fn unchanged_text_moves_nothing() {
        let doc = Document::new(SAMPLE);
        let items = vec![
            entity(&doc, "e1", "Choe Son Hui", 0),
            entity(&doc, "e2", "Putin", 3),
        ];
        let out = reanchor(&doc, items.clone(), doc.len_chars());
        assert_eq!((out.placed, out.moved, out.orphans.len()), (items, 0, 0));
    }

    #[test]
    fn a_paragraph_inserted_before_shifts_every_span() {
        let old = Document::new(SAMPLE);
        let items = vec![
            entity(&old, "e1", "Choe Son Hui", 1),
            entity(&old, "e2", "Putin", 5),
        ];
        let new = Document::new(format!("Judul baru – Putin?\n{SAMPLE}"));
        let out = reanchor(&new, items.clone(), old.len_chars());
        assert_eq!(out.moved, 2);
        assert!(out.orphans.is_empty());
        let shift = "Judul baru – Putin?\n".chars().count();
        assert_eq!(
            starts(&out.placed),
            starts(&items).iter().map(|s| s + shift).collect::<Vec<_>>()
        );
    }

    #[test]
    fn crlf_line_ends_shift_each_line_by_one_more() {
        let old = Document::new(SAMPLE);
        let items: Vec<Item> = (0..6)
            .map(|n| entity(&old, &format!("e{n}"), "Korea Utara", n * 3))
            .collect();
        let new = Document::new(SAMPLE.replace('\n', "\r\n"));
        let out = reanchor(&new, items, old.len_chars());
        assert!(out.orphans.is_empty());
        for item in &out.placed {
            assert_eq!(new.slice(item.spans()[0]), "Korea Utara");
        }
    }

    #[test]
    fn an_edit_inside_a_span_makes_an_orphan_and_keeps_it_whole() {
        let old = Document::new(SAMPLE);
        let lavrov = entity(&old, "e1", "Sergei Lavrov", 0);
        let hui = entity(&old, "e2", "Choe Son Hui", 0);
        let new = Document::new(SAMPLE.replace("Sergei Lavrov", "Sergey Lavrov"));
        let out = reanchor(&new, vec![lavrov.clone(), hui.clone()], old.len_chars());
        assert_eq!(out.orphans, [lavrov]);
        assert_eq!(out.placed, [hui]);
    }

    #[test]
    fn fragments_and_cues_move_together() {
        let old = Document::new(SAMPLE);
        let quote_start = SAMPLE.find("“Kami ulangi").unwrap();
        let start = SAMPLE[..quote_start].chars().count() + 1;
        let kata = SAMPLE[..SAMPLE.find("” kata Menlu").unwrap()]
            .chars()
            .count()
            + 2;
        let spans: Spans = smallvec![
            Span::new(start, start + 4),
            Span::new(start + 5, start + 11),
        ];
        let quote = Item::Quote(Quote {
            id: "q1".into(),
            kind: QuoteKind::Direct,
            text: old.slice_fragments(&spans).into(),
            spans,
            cue: Some(Cue {
                spans: smallvec![Span::new(kata, kata + 4)],
                text: "kata".into(),
            }),
            speaker: None,
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        let new = Document::new(SAMPLE.replacen("MOSKWA", "MOSKWA, Rusia", 1));
        let out = reanchor(&new, vec![quote], old.len_chars());
        let Item::Quote(q) = &out.placed[0] else {
            panic!()
        };
        assert_eq!(new.slice_fragments(&q.spans), "Kami … ulangi");
        assert_eq!(new.slice(q.cue.as_ref().unwrap().spans[0]), "kata");
        assert_eq!(out.moved, 1);
    }

    #[test]
    fn a_deleted_mention_is_an_orphan_and_its_twins_keep_their_places() {
        let old = Document::new(SAMPLE);
        let items: Vec<Item> = (0..10)
            .map(|n| entity(&old, &format!("e{n}"), "Rusia", n))
            .collect();
        let new = Document::new(SAMPLE.replacen("dari Rusia Sergei", "dari Sergei", 1));
        let out = reanchor(&new, items, old.len_chars());
        let orphans: Vec<&str> = out.orphans.iter().map(Item::id).collect();
        assert_eq!(orphans, ["e1"], "the second Rusia was deleted");
        let mut seen = starts(&out.placed);
        seen.dedup();
        assert_eq!(
            seen.len(),
            9,
            "two annotations landed on one place: {seen:?}"
        );
        assert!(
            out.placed
                .iter()
                .all(|i| new.slice(i.spans()[0]) == "Rusia")
        );
        assert_eq!(out.moved, 8);
    }

    mod statuses {
        use super::super::{Fingerprint, ParagraphStatus, statuses};
        use ParagraphStatus::{Done, Flagged, Skipped, Todo};

        fn prints(texts: &[&str]) -> Vec<Fingerprint> {
            texts.iter().map(|t| Fingerprint::of(t)).collect()
        }

        fn old(
            texts: &[&str],
            marks: &[ParagraphStatus],
        ) -> Vec<(ParagraphStatus, Option<Fingerprint>)> {
            marks
                .iter()
                .zip(prints(texts))
                .map(|(s, p)| (*s, Some(p)))
                .collect()
        }

        const OLD: [&str; 4] = ["satu", "dua", "tiga", "empat"];
        const MARKS: [ParagraphStatus; 4] = [Done, Flagged, Skipped, Done];

        #[test]
        fn an_inserted_paragraph_is_todo_and_the_others_keep_theirs() {
            let new = prints(&["baru", "satu", "dua", "sisipan", "tiga", "empat"]);
            let (got, lost) = statuses(&old(&OLD, &MARKS), &new);
            assert_eq!(got, [Todo, Done, Flagged, Todo, Skipped, Done]);
            assert!(!lost);
        }

        #[test]
        fn a_removed_paragraph_takes_its_status_with_it() {
            let new = prints(&["satu", "tiga", "empat"]);
            let (got, lost) = statuses(&old(&OLD, &MARKS), &new);
            assert_eq!(got, [Done, Skipped, Done]);
            assert!(lost, "the Flagged status of the removed paragraph is lost");
            let (_, lost) = statuses(&old(&OLD, &[Done, Todo, Skipped, Done]), &new);
            assert!(!lost, "a Todo paragraph removed loses nothing");
        }

        #[test]
        fn an_edited_paragraph_between_matches_keeps_its_status() {
            let new = prints(&["satu", "dua diubah", "tiga", "empat", "lima"]);
            let (got, lost) = statuses(&old(&OLD, &MARKS), &new);
            assert_eq!(got, [Done, Flagged, Skipped, Done, Todo]);
            assert!(!lost);
        }

        #[test]
        fn a_paragraph_moved_to_the_top_loses_its_status_and_the_others_keep_theirs() {
            let new = prints(&["empat", "satu", "dua", "tiga"]);
            let (got, lost) = statuses(&old(&OLD, &MARKS), &new);
            assert_eq!(got, [Todo, Done, Flagged, Skipped]);
            assert!(lost);
        }

        #[test]
        fn repeated_paragraphs_keep_their_statuses_between_unique_ones() {
            let texts = ["judul", "(foto)", "isi", "(foto)", "akhir"];
            let marks = [Done, Skipped, Done, Flagged, Done];
            let new = prints(&["baru", "judul", "(foto)", "isi", "(foto)", "akhir"]);
            let (got, lost) = statuses(&old(&texts, &marks), &new);
            assert_eq!(got, [Todo, Done, Skipped, Done, Flagged, Done]);
            assert!(!lost);
        }

        #[test]
        fn without_fingerprints_statuses_stay_by_position_only_when_the_count_is_unchanged() {
            let bare: Vec<_> = MARKS.iter().map(|s| (*s, None)).collect();
            let same = prints(&["a", "b", "c", "d"]);
            assert_eq!(statuses(&bare, &same), (MARKS.to_vec(), false));
            let more = prints(&["a", "b", "c", "d", "e"]);
            assert_eq!(statuses(&bare, &more), (vec![Todo; 5], true));
        }
    }
}

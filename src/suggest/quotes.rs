//! The quote finder: direct quotes from quotation marks, indirect ones from a reporting verb
//! of the [cue lexicon](super::cues) and its clause, each with its cue and speaker.
//!
//! One paragraph at a time, linear in its length. The rules are in `docs/quote-finder.md`.

mod para;

use crate::model::{QuoteKind, Source, Span};
use crate::suggest::cues::{CueMatch, Cues, WordClass};
use crate::suggest::{Mention, Proposal, QuoteMention, Suggestion};

use para::{Marks, Para};

/// How far (in words) a cue looks for its `bahwa` / `that`.
const THAT_WINDOW: usize = 10;
/// How many words besides mentions, parentheses and adjuncts may stand between a cue and its
/// `bahwa` / `that`.
const THAT_FREE_WORDS: usize = 1;
/// How many words after a closing mark may hold its cue (`“…,” the agency's deputy
/// director, Maria Lindqvist, told`).
const AFTER_WINDOW: usize = 8;
/// How many words before an opening mark may hold its cue (`Putin berkata: “…”`).
const BEFORE_WINDOW: usize = 5;
/// How far back (in words) the speaker is looked for in the cue's clause.
const CLAUSE_WINDOW: usize = 40;
/// Fewest words of a reported clause taken without `bahwa` / `that`.
const BARE_MIN_WORDS: usize = 3;
/// Fewest words of a quotation taken as a quote without a cue.
const UNCUED_MIN_WORDS: usize = 6;

/// Who speaks, before the carry is known.
#[derive(Clone, Copy, Debug)]
enum Who {
    Nobody,
    /// This entity.
    Entity(Span),
    /// The last speaker named (a pronoun, a `-nya` cue, a quote without attribution).
    Carry,
}

/// A quote found, before overlaps and the carry are settled.
#[derive(Debug)]
struct Found<'a> {
    content: Span,
    kind: QuoteKind,
    cue: Option<Span>,
    cue_text: &'a str,
    who: Who,
    score: f32,
    how: &'static str,
}

/// Proposes the quotes of paragraph `paragraph`.
///
/// `mentions` are the paragraph's entities (sorted by start), `known` the quotes it already
/// has (never proposed again nor overlapped; their speakers move the carry), `carry` the last
/// speaker named before the paragraph. Returns the suggestions, in order, and the last speaker
/// named after the paragraph.
pub fn find_quotes(
    doc: &Document,
    paragraph: usize,
    mentions: &[Mention],
    known: &[QuoteMention],
    carry: Option<Span>,
    cues: &Cues,
) -> (Vec<Suggestion>, Option<Span>) {
    let para = Para::new(doc, paragraph, mentions, cues);
    let mut found = Vec::new();
    let mut used = vec![false; para.words.len()];
    direct_quotes(&para, cues, &mut used, &mut found);
    reported_clauses(&para, cues, &used, &mut found);
    settle(found, known, carry)
}

use crate::model::Document;

/// Orders the quotes found, drops those overlapping a known or an earlier one, and resolves
/// speakers through the carry, walking the known quotes in the same order.
fn settle(
    mut found: Vec<Found<'_>>,
    known: &[QuoteMention],
    mut carry: Option<Span>,
) -> (Vec<Suggestion>, Option<Span>) {
    found.sort_by_key(|f| (f.content.start, f.content.end));
    let mut known: Vec<&QuoteMention> = known.iter().collect();
    known.sort_by_key(|q| q.span.start);
    let mut next_known = 0;
    // How far the known quotes already passed reach.
    let mut passed_end = 0;
    let mut out: Vec<Suggestion> = Vec::with_capacity(found.len());
    for f in found {
        while let Some(k) = known
            .get(next_known)
            .filter(|k| k.span.start <= f.content.start)
        {
            carry = k.speaker.or(carry);
            passed_end = passed_end.max(k.span.end);
            next_known += 1;
        }
        let overlaps_known = passed_end > f.content.start
            || known
                .get(next_known)
                .is_some_and(|k| k.span.start < f.content.end);
        let overlaps_found = out.last().is_some_and(|s| s.span.overlaps(&f.content));
        if overlaps_known || overlaps_found || f.content.is_empty() {
            continue;
        }
        let (speaker, whose) = match f.who {
            Who::Nobody => (None, ""),
            Who::Entity(span) => (Some(span), ""),
            Who::Carry => (carry, ", speaker: the last one named"),
        };
        carry = speaker.or(carry);
        let mut reason = String::with_capacity(f.how.len() + f.cue_text.len() + 48);
        reason.push_str(f.how);
        match f.cue {
            Some(_) => {
                reason.push_str(" (cue “");
                reason.push_str(f.cue_text);
                reason.push('”');
            }
            None => reason.push_str(" (no cue"),
        }
        reason.push_str(whose);
        reason.push(')');
        out.push(Suggestion {
            span: f.content,
            what: Proposal::Quote {
                kind: f.kind,
                cue: f.cue,
                speaker,
            },
            source: Source::QuoteFinder,
            score: Some(f.score),
            reason: reason.into(),
        });
    }
    for k in &known[next_known..] {
        carry = k.speaker.or(carry);
    }
    (out, carry)
}

/// The cue starting at word `i`, if any (its words must be separated by spaces only).
#[inline]
fn cue_at(para: &Para, cues: &Cues, i: usize) -> Option<CueMatch> {
    if !para.words.get(i)?.may_cue {
        return None;
    }
    cue_of(para, cues, i)
}

/// [`cue_at`] for a word that may start a cue.
fn cue_of(para: &Para, cues: &Cues, i: usize) -> Option<CueMatch> {
    let mut words = [""; 3];
    let mut n = 0;
    while n < 3 && i + n < para.words.len() && (n == 0 || para.words[i + n].spaced) {
        words[n] = para.word(i + n);
        n += 1;
    }
    cues.match_at(&words[..n])
}

/// The document span and text of the cue `m` found at word `i`.
fn cue_span<'a>(para: &Para<'a>, i: usize, m: &CueMatch) -> (Span, &'a str) {
    let (start, end) = (
        para.words[i].start,
        para.words[i + m.words - 1].start + m.last_len,
    );
    (para.span(start, end), &para.text[start..end])
}

/// One past the cue's last word.
fn after_cue(i: usize, m: &CueMatch) -> usize {
    i + m.words
}

/// A pair of quotation marks with its cue (place and text) and speaker.
type Attributed<'a> = (Marks, Option<(Span, &'a str)>, Who);

/// Direct quotes: every pair of quotation marks with a cue right after or right before it,
/// or long enough to stand alone.
fn direct_quotes<'a>(para: &Para<'a>, cues: &Cues, used: &mut [bool], found: &mut Vec<Found<'a>>) {
    let mut previous: Option<Attributed<'a>> = None;
    for marks in &para.marks {
        let content = para.span(marks.start, marks.end);
        let mut cue: Option<(Span, &'a str)> = None;
        let mut who = Who::Nobody;
        let mut how = "quotation marks";
        // After the closing mark: `“…,” kata Putin`, `“…,” she said`.
        let first = para.word_at(marks.close);
        let mut k = first;
        while k < para.words.len()
            && k < first + AFTER_WINDOW
            && !para.words[k].quoted
            && !(k > first && para.words[k].sentence_break)
            && !(k == first && first_is_far(para, marks, k))
        {
            if let Some(m) = cue_at(para, cues, k).filter(|m| m.flags.direct) {
                let stretch_end = attribution_end(para, after_cue(k, &m));
                who = attribution_speaker(para, first, stretch_end, &m);
                cue = Some(cue_span(para, k, &m));
                used[k..after_cue(k, &m)].fill(true);
                how = "direct quote, cue after it";
                break;
            }
            k += 1;
        }
        // Before the opening mark: the attribution between two parts of one quote, else a
        // cue closing the words before it (`Putin berkata: “…”`).
        if cue.is_none() {
            if let Some((_, prev_cue, prev_who)) = previous
                .as_ref()
                .filter(|(p, c, _)| c.is_some() && one_sentence(para, p.close, marks.open))
            {
                cue = *prev_cue;
                who = *prev_who;
                how = "direct quote, continued after its attribution";
            } else if let Some((k, m)) = cue_before(para, cues, marks.open) {
                cue = Some(cue_span(para, k, &m));
                used[k..after_cue(k, &m)].fill(true);
                let between = para.spots_in(para.words[after_cue(k, &m) - 1].end, marks.open);
                who = best(between)
                    .map(|s| Who::Entity(s.span))
                    .unwrap_or_else(|| clause_speaker(para, k, &m));
                how = "direct quote, cue before it";
            }
        }
        let words = para.word_at(marks.end) - para.word_at(marks.start);
        let sentence_like = para.text[marks.start..marks.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if cue.is_none() && !(words >= UNCUED_MIN_WORDS && sentence_like) {
            previous = None;
            continue;
        }
        if cue.is_none() {
            who = Who::Carry;
            how = "long quotation without a cue";
        }
        found.push(Found {
            content,
            kind: QuoteKind::Direct,
            cue: cue.map(|c| c.0),
            cue_text: cue.map_or("", |c| c.1),
            who,
            score: if cue.is_some() { 0.9 } else { 0.5 },
            how,
        });
        previous = Some((*marks, cue, who));
    }
}

/// Whether the first word after a closing mark starts a new sentence that is not the
/// attribution (`“…”. Then …`): a sentence end right after a closing mark.
fn first_is_far(para: &Para, marks: &Marks, k: usize) -> bool {
    let gap = &para.text[marks.close..para.words[k].start];
    gap.contains(['.', '!', '?'])
}

/// Whether the words in bytes `[from, to)` are one sentence at most (an attribution between
/// two parts of a quote).
fn one_sentence(para: &Para, from: usize, to: usize) -> bool {
    let (a, b) = (para.word_at(from), para.word_at(to));
    a < b && (a + 1..b).all(|k| !para.words[k].sentence_break)
}

/// A cue with the `direct` flag among the few words before byte `open`, in the same sentence,
/// introducing the quotation with a colon or a comma (`Putin berkata: “…”`, `he said, “…”`).
fn cue_before(para: &Para, cues: &Cues, open: usize) -> Option<(usize, CueMatch)> {
    let end = para.word_at(open);
    let gap_start = end.checked_sub(1).map_or(0, |k| para.words[k].end);
    if !para.text[gap_start..open].contains([':', ',']) {
        return None;
    }
    let mut k = end;
    while k > 0 && end - k < BEFORE_WINDOW {
        k -= 1;
        if para.words[k].quoted {
            return None;
        }
        if let Some(m) = cue_at(para, cues, k).filter(|m| m.flags.direct) {
            return Some((k, m));
        }
        if para.words[k].sentence_break {
            return None;
        }
    }
    None
}

/// Where the attribution after a quote ends: the first clause break after the cue.
fn attribution_end(para: &Para, from: usize) -> usize {
    let mut k = from;
    while k < para.words.len() && !para.words[k].clause_break && !para.words[k].quoted {
        k += 1;
    }
    para.words.get(k).map_or(para.text.len(), |w| w.start)
}

/// The speaker in an attribution after a quote (words `first..` up to byte `end`): a pronoun
/// or a `-nya` cue stands for the last speaker named; else the first person, else the first
/// entity.
fn attribution_speaker(para: &Para, first: usize, end: usize, m: &CueMatch) -> Who {
    if m.nya {
        return Who::Carry;
    }
    let from = para.words[first].start;
    let spots = para.spots_in(from, end);
    let pronoun = (first..para.word_at(end)).find(|&k| para.words[k].is(WordClass::Pronoun));
    let first_spot = spots.iter().find(|s| s.speaks).map(|s| s.start);
    if let Some(p) = pronoun
        && first_spot.is_none_or(|s| para.words[p].start < s)
    {
        return Who::Carry;
    }
    best(spots).map_or(Who::Nobody, |s| Who::Entity(s.span))
}

/// The first person among `spots`, else the first that may speak.
fn best(spots: &[para::Spot]) -> Option<&para::Spot> {
    spots
        .iter()
        .find(|s| s.per)
        .or_else(|| spots.iter().find(|s| s.speaks))
}

/// The speaker of a cue at word `i` from its own clause, before it: the first person (a role
/// phrase is followed to the person it names), else a pronoun for the last speaker named,
/// else the first entity; a `-nya` cue without one stands for the last speaker named. When
/// the clause holds none (`X, the envoy, said`), the two clauses before it in the sentence
/// are searched, a person first.
fn clause_speaker(para: &Para, i: usize, m: &CueMatch) -> Who {
    let floor = i.saturating_sub(CLAUSE_WINDOW);
    let mut start = para.words[i].clause.max(floor);
    let mut nearest: Option<Span> = None;
    let mut steps = 0;
    loop {
        let from = para.words[start].start;
        let spots = para.spots_in(from, para.words[i].start);
        if let Some(per) = spots.iter().find(|s| s.per) {
            return Who::Entity(per.span);
        }
        let pronoun =
            (start..i).any(|k| !para.words[k].paren && para.words[k].is(WordClass::Pronoun));
        if pronoun {
            return Who::Carry;
        }
        nearest = nearest.or_else(|| spots.iter().find(|s| s.speaks).map(|s| s.span));
        if steps == 0 && nearest.is_some()
            || steps == 2
            || start <= floor
            || para.words[start].sentence_break
        {
            break;
        }
        start = para.words[start - 1].clause.max(floor);
        steps += 1;
    }
    match nearest {
        Some(span) => Who::Entity(span),
        None if m.nya => Who::Carry,
        None => Who::Nobody,
    }
}

/// Indirect quotes: a cue followed by `bahwa` / `that` and its clause, a cue taking its
/// clause bare, or `according to X`.
fn reported_clauses<'a>(para: &Para<'a>, cues: &Cues, used: &[bool], found: &mut Vec<Found<'a>>) {
    let mut i = 0;
    while i < para.words.len() {
        if used[i] || para.words[i].quoted {
            i += 1;
            continue;
        }
        let Some(m) = cue_at(para, cues, i) else {
            i += 1;
            continue;
        };
        let next = after_cue(i, &m);
        let quote = if m.flags.according {
            according(para, i, &m)
        } else {
            m.flags
                .that
                .then(|| with_that(para, cues, i, &m))
                .flatten()
                .or_else(|| m.flags.bare.then(|| bare(para, i, &m)).flatten())
        };
        if let Some(q) = quote {
            found.push(q);
        }
        i = next;
    }
}

/// The content of a reported clause starting at word `k`, with its kind.
fn clause_from(para: &Para, k: usize) -> (usize, usize, QuoteKind) {
    let start = para.words[k].start;
    let end = para.words[k].stop;
    let end = start + para.text[start..end].trim_end().len();
    let kind = if para.has_marks_in(start, end) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    (start, end, kind)
}

/// `cue … bahwa/that clause`: the speaker between the cue and `bahwa`, else from the cue's
/// clause.
fn with_that<'a>(para: &Para<'a>, cues: &Cues, i: usize, m: &CueMatch) -> Option<Found<'a>> {
    let next = after_cue(i, m);
    let mut free = 0;
    let mut k = next;
    while k < para.words.len() && k < next + THAT_WINDOW {
        let w = &para.words[k];
        if w.quoted || w.sentence_break {
            return None;
        }
        if w.is(WordClass::Complementizer) {
            break;
        }
        if cue_at(para, cues, k).is_some() {
            return None;
        }
        let in_spot = para.in_spot(w.start, w.end);
        if !(w.paren || in_spot || w.is(WordClass::NotClauseStart)) {
            free += 1;
            if free > THAT_FREE_WORDS {
                return None;
            }
        }
        k += 1;
    }
    if k >= para.words.len() || k >= next + THAT_WINDOW || k + 1 >= para.words.len() {
        return None;
    }
    let (start, end, kind) = clause_from(para, k + 1);
    if end <= start {
        return None;
    }
    let between = para.spots_in(para.words[next.min(k)].start, para.words[k].start);
    let who = best(between)
        .filter(|_| !m.flags.listener)
        .map(|s| Who::Entity(s.span))
        .unwrap_or_else(|| clause_speaker(para, i, m));
    Some(Found {
        content: para.span(start, end),
        kind,
        cue: Some(cue_span(para, i, m).0),
        cue_text: cue_span(para, i, m).1,
        who,
        score: 0.8,
        how: "reported with a complementizer",
    })
}

/// `cue clause`: a cue taking its clause without `bahwa` / `that`.
fn bare<'a>(para: &Para<'a>, i: usize, m: &CueMatch) -> Option<Found<'a>> {
    let k = after_cue(i, m);
    let w = para.words.get(k)?;
    if !w.spaced || w.quoted || w.clause_break || m.nya {
        return None;
    }
    if w.is(WordClass::NotClauseStart) || w.is(WordClass::Complementizer) {
        return None;
    }
    let (start, end, kind) = clause_from(para, k);
    if para.word_at(end) - k < BARE_MIN_WORDS {
        return None;
    }
    Some(Found {
        content: para.span(start, end),
        kind,
        cue: Some(cue_span(para, i, m).0),
        cue_text: cue_span(para, i, m).1,
        who: clause_speaker(para, i, m),
        score: 0.6,
        how: "reported clause after a reporting verb",
    })
}

/// `according to X, clause` or `clause, according to X`.
fn according<'a>(para: &Para<'a>, i: usize, m: &CueMatch) -> Option<Found<'a>> {
    let next = after_cue(i, m);
    let stretch_end = attribution_end(para, next);
    let who = best(para.spots_in(para.words.get(next)?.start, stretch_end))
        .map_or(Who::Nobody, |s| Who::Entity(s.span));
    let w = &para.words[i];
    let (start, end) = if w.sentence_break {
        let k = para.word_at(stretch_end);
        if k >= para.words.len() || para.words[k].sentence_break {
            return None;
        }
        let (start, end, _) = clause_from(para, k);
        (start, end)
    } else if w.clause_break && para.text[..w.start].trim_end().ends_with(',') {
        let mut s = i;
        while s > 0 && !para.words[s].sentence_break {
            s -= 1;
        }
        let start = para.words[s].start;
        let end = para.text[..w.start].trim_end().len() - 1;
        (start, end)
    } else {
        return None;
    };
    if para.word_at(end) - para.word_at(start) < BARE_MIN_WORDS {
        return None;
    }
    let kind = if para.has_marks_in(start, end) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Some(Found {
        content: para.span(start, end),
        kind,
        cue: Some(cue_span(para, i, m).0),
        cue_text: cue_span(para, i, m).1,
        who,
        score: 0.7,
        how: "attributed with “according to”",
    })
}

#[cfg(test)]
mod tests;

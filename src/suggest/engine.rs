//! The suggester: every source's proposals for each paragraph, kept up to date as the
//! annotations change.
//!
//! Proposals are computed paragraph by paragraph and cached. A change marks dirty the
//! paragraphs it touches and, when it adds or removes a labelled text, the paragraphs where
//! that text (or what it proposes) occurs; only those are computed again. The quote finder
//! carries the last speaker named from one paragraph to the next: when a paragraph's carry
//! changes, the next one is computed again too, and so on until a carry stays the same.
//!
//! In each paragraph, entity proposals that overlap an entity annotation are dropped; among
//! proposals that overlap each other the longest wins, then the stronger source (this
//! article's own labels, gazetteers, patterns, the folder's labels, a model), then the
//! earlier. A proposal the editor rejected is not made again at that place.

use std::fmt::Debug;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::propagate::Lexicon;
use super::{Mention, Proposal, QuoteMention, Suggestion};
use crate::model::{AnnotationSet, Document, Edit, IdKind, Item, NearCursor, Source, Span, span};

/// Stretches of paragraphs per core when every suggestion is computed: more than one, so
/// that a core slowed by other work is left fewer of them.
const STRETCHES_PER_CORE: usize = 4;

/// A source of proposals that knows nothing of the annotations: gazetteers, patterns,
/// another tool's predictions.
pub trait Finder: Debug + Send + Sync {
    /// Its proposals in paragraph `index` of `doc`.
    fn find(&self, doc: &Document, index: usize) -> Vec<Suggestion>;
}

/// The quote and claim finders, which read the entities and quotes known in a paragraph.
pub trait SpeechFinder: Debug + Send + Sync {
    /// Quotes proposed in paragraph `index`, and the last speaker named after it (`carry` is
    /// the last one named before it).
    fn quotes(
        &self,
        doc: &Document,
        index: usize,
        mentions: &[Mention],
        known: &[QuoteMention],
        carry: Option<Span>,
    ) -> (Vec<Suggestion>, Option<Span>);

    /// Claims proposed in paragraph `index`, given its quotes (annotated and proposed) and
    /// the claims already annotated there.
    fn claims(
        &self,
        doc: &Document,
        index: usize,
        quotes: &[QuoteMention],
        known: &[Span],
    ) -> Vec<Suggestion>;
}

/// Proposals fixed in advance (another tool's predictions), sorted by place.
#[derive(Debug, Default)]
pub struct Fixed {
    list: Vec<Suggestion>,
}

impl Fixed {
    /// Holds `list`.
    pub fn new(mut list: Vec<Suggestion>) -> Self {
        list.sort_by_key(|s| (s.span.start, s.span.end));
        Self { list }
    }
}

impl Finder for Fixed {
    fn find(&self, doc: &Document, index: usize) -> Vec<Suggestion> {
        let Some(paragraph) = doc.paragraph(index) else {
            return Vec::new();
        };
        let range = paragraph.chars;
        let from = self.list.partition_point(|s| s.span.start < range.start);
        self.list[from..]
            .iter()
            .take_while(|s| s.span.start < range.end)
            .filter(|s| s.span.end <= range.end)
            .cloned()
            .collect()
    }
}

/// The rank of a source when proposals of the same length overlap: lower wins.
fn rank(source: &Source) -> u8 {
    match source {
        Source::Typed | Source::Propagated => 0,
        Source::Gazetteer => 1,
        Source::Pattern => 2,
        Source::Corpus => 3,
        Source::Model(_) => 4,
        Source::QuoteFinder | Source::ClaimFinder => 5,
    }
}

/// Keeps the proposals that overlap no other kept one: longest first, then by source, then
/// earliest.
fn without_overlaps(mut all: Vec<Suggestion>) -> Vec<Suggestion> {
    all.sort_by_key(|s| (s.span.start, s.span.end));
    if all.windows(2).all(|w| !w[0].span.overlaps(&w[1].span)) {
        return all;
    }
    all.sort_by(|a, b| {
        (b.span.end - b.span.start)
            .cmp(&(a.span.end - a.span.start))
            .then(rank(&a.source).cmp(&rank(&b.source)))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Suggestion> = Vec::with_capacity(all.len());
    for candidate in all {
        if !kept.iter().any(|k| k.span.overlaps(&candidate.span)) {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|s| s.span.start);
    kept
}

/// A paragraph computed ahead of the walk in order (see [`Suggester::recompute`]).
struct Ahead {
    index: usize,
    /// The carry it was computed with.
    carry_in: Option<Span>,
    list: Vec<Suggestion>,
    carry_out: Option<Span>,
}

#[derive(Debug, Default)]
struct Cached {
    list: Vec<Suggestion>,
    carry: Option<Span>,
}

/// Every source's proposals for an article, paragraph by paragraph.
#[derive(Debug)]
pub struct Suggester {
    enabled: bool,
    own: Lexicon,
    corpus: Lexicon,
    finders: Vec<Box<dyn Finder>>,
    speech: Option<Box<dyn SpeechFinder>>,
    cache: Vec<Cached>,
    total: usize,
}

impl Default for Suggester {
    /// Propagation within the article and tandai's quote and claim finders.
    fn default() -> Self {
        Self::new(
            Lexicon::new(Source::Corpus),
            Vec::new(),
            Some(Box::new(super::speech::Speech::default())),
        )
    }
}

impl Suggester {
    /// A suggester proposing what the article's own labels, the folder's (`corpus`), the
    /// `finders` and the quote and claim finders (`speech`) propose. It holds nothing until
    /// [`reset`](Self::reset).
    pub fn new(
        corpus: Lexicon,
        finders: Vec<Box<dyn Finder>>,
        speech: Option<Box<dyn SpeechFinder>>,
    ) -> Self {
        Self {
            enabled: true,
            own: Lexicon::new(Source::Propagated),
            corpus,
            finders,
            speech,
            cache: Vec::new(),
            total: 0,
        }
    }

    /// Whether suggestions are shown and counted.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Turns suggestions on or off (off, nothing is proposed; on again, call `reset`).
    pub fn set_enabled(&mut self, enabled: bool) {
        self.enabled = enabled;
        if !enabled {
            self.cache.clear();
            self.total = 0;
        }
    }

    /// Computes every paragraph's proposals afresh for `doc` annotated with `set`.
    ///
    /// The paragraphs are cut into one stretch per core, computed at once, each starting
    /// with no speaker carried in; then, where a stretch should have begun with a speaker,
    /// its first paragraphs are computed again until the carry agrees.
    pub fn reset(&mut self, doc: &Document, set: &AnnotationSet) {
        self.own = Lexicon::new(Source::Propagated);
        for entity in &set.entities {
            self.own.count(&entity.text, &entity.label);
        }
        let paragraphs = doc.paragraphs().len();
        self.cache = (0..paragraphs).map(|_| Cached::default()).collect();
        self.total = 0;
        if !self.enabled {
            return;
        }
        let cores = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8);
        let stretch = paragraphs.div_ceil(cores * STRETCHES_PER_CORE).max(256);
        self.compute_all(doc, set, stretch, cores);
    }

    /// Computes every paragraph in stretches of `stretch` paragraphs, `workers` threads
    /// taking the next stretch not yet taken, so that a core slowed by other work leaves
    /// more stretches to the others.
    fn compute_all(&mut self, doc: &Document, set: &AnnotationSet, stretch: usize, workers: usize) {
        let paragraphs = self.cache.len();
        self.own.prepare();
        self.corpus.prepare();
        let this = &*self;
        let starts: Vec<usize> = (0..paragraphs).step_by(stretch).collect();
        let computed: Vec<OnceLock<Vec<Cached>>> = starts.iter().map(|_| OnceLock::new()).collect();
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..workers.clamp(1, starts.len().max(1)) {
                scope.spawn(|| {
                    while let Some(&from) = starts.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let to = (from + stretch).min(paragraphs);
                        let mut carry = None;
                        let mut cursor = NearCursor::default();
                        let list = (from..to)
                            .map(|index| {
                                let (list, out) =
                                    this.proposals(doc, set, index, carry, &mut cursor);
                                carry = out;
                                Cached { list, carry: out }
                            })
                            .collect::<Vec<Cached>>();
                        let _ = computed[from / stretch].set(list);
                    }
                });
            }
        });
        self.cache = computed
            .into_iter()
            .flat_map(|c| c.into_inner().expect("every stretch is computed"))
            .collect();
        self.total = self.cache.iter().map(|c| c.list.len()).sum();
        let starts: Vec<usize> = (stretch..paragraphs).step_by(stretch).collect();
        for start in starts {
            if self.cache[start - 1].carry.is_some() {
                self.recompute(doc, set, vec![start]);
            }
        }
    }

    /// Brings the proposals up to date after `edits` were applied to `set` (or undone: the
    /// same edits name the same places).
    pub fn apply(&mut self, doc: &Document, set: &AnnotationSet, edits: &[Edit]) {
        let mut dirty: Vec<usize> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let paragraphs_of = |spans: &[Span], dirty: &mut Vec<usize>| {
            for s in spans {
                if let Some(p) = doc.paragraph_at(s.start) {
                    dirty.push(p);
                }
            }
        };
        for edit in edits {
            let (before, after) = match edit {
                Edit::Insert(item) => (None, Some(item)),
                Edit::Remove(item) => (Some(item), None),
                Edit::Replace { before, after } => (Some(before), Some(after)),
                Edit::Dismiss(r) | Edit::Undismiss(r) => {
                    paragraphs_of(&[r.span], &mut dirty);
                    continue;
                }
                Edit::Status { .. }
                | Edit::InsertOrphan(_)
                | Edit::RemoveOrphan(_)
                | Edit::Record(_)
                | Edit::Settle(_)
                | Edit::Relate(_)
                | Edit::Unrelate(_)
                | Edit::Ids { .. } => continue,
            };
            for item in before.into_iter().chain(after) {
                paragraphs_of(item.spans(), &mut dirty);
                if let Item::Quote(q) = item
                    && let Some(cue) = &q.cue
                {
                    paragraphs_of(&cue.spans, &mut dirty);
                }
            }
            if let Some(Item::Entity(e)) = before
                && self.own.remove(&e.text, &e.label)
            {
                texts.push(e.text.to_string());
            }
            if let Some(Item::Entity(e)) = after
                && self.own.add(&e.text, &e.label)
            {
                texts.push(e.text.to_string());
            }
        }
        texts.sort();
        texts.dedup();
        let strings: Vec<String> = texts.iter().flat_map(|t| Lexicon::strings_of(t)).collect();
        dirty.extend(paragraphs_with(doc, &strings));
        self.recompute(doc, set, dirty);
    }

    /// Computes the `dirty` paragraphs again, and those after one whose carry changed.
    ///
    /// Many paragraphs (a tag of a text found all over a long article) are first computed
    /// on every core, each with the carry it had; the walk in order below then takes each
    /// such result whose carry in is still the one it was computed with, and computes the
    /// others again, so the outcome is the walk's alone.
    fn recompute(&mut self, doc: &Document, set: &AnnotationSet, mut dirty: Vec<usize>) {
        if !self.enabled || self.cache.len() != doc.paragraphs().len() {
            return;
        }
        self.own.prepare();
        self.corpus.prepare();
        dirty.sort_unstable();
        dirty.dedup();
        let mut ahead = self.compute_ahead(doc, set, &dirty).into_iter().peekable();
        let mut queue = dirty.into_iter().peekable();
        while let Some(index) = queue.next() {
            let carry = index.checked_sub(1).and_then(|p| self.cache[p].carry);
            let before = self.cache[index].carry;
            while ahead.next_if(|a| a.index < index).is_some() {}
            let after = match ahead.next_if(|a| a.index == index && a.carry_in == carry) {
                Some(done) => self.keep(index, done.list, done.carry_out),
                None => self.compute(doc, set, index, carry),
            };
            let next = index + 1;
            if after != before && next < self.cache.len() && queue.peek() != Some(&next) {
                let rest: Vec<usize> = std::iter::once(next).chain(queue).collect();
                queue = rest.into_iter().peekable();
            }
        }
    }

    /// The proposals of the `dirty` paragraphs (in order), each computed with the carry the
    /// paragraph before it has now, on every core; none when they are too few to be worth
    /// the threads.
    fn compute_ahead(&self, doc: &Document, set: &AnnotationSet, dirty: &[usize]) -> Vec<Ahead> {
        const WORTH_THREADS: usize = 256;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        if dirty.len() < WORTH_THREADS || cores < 2 {
            return Vec::new();
        }
        let chunk = dirty.len().div_ceil(cores.min(8));
        std::thread::scope(|scope| {
            let workers: Vec<_> = dirty
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut cursor = NearCursor::default();
                        part.iter()
                            .map(|&index| {
                                let carry_in =
                                    index.checked_sub(1).and_then(|p| self.cache[p].carry);
                                let (list, carry_out) =
                                    self.proposals(doc, set, index, carry_in, &mut cursor);
                                Ahead {
                                    index,
                                    carry_in,
                                    list,
                                    carry_out,
                                }
                            })
                            .collect::<Vec<Ahead>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("a suggestion worker does not panic"))
                .collect()
        })
    }

    /// Computes paragraph `index` given the last speaker named before it, and keeps its
    /// proposals; returns the last speaker named after it.
    fn compute(
        &mut self,
        doc: &Document,
        set: &AnnotationSet,
        index: usize,
        carry: Option<Span>,
    ) -> Option<Span> {
        let (list, carry) = self.proposals(doc, set, index, carry, &mut NearCursor::default());
        self.keep(index, list, carry)
    }

    /// Keeps `list` and `carry` as paragraph `index`'s proposals and carry out; returns
    /// the carry.
    fn keep(&mut self, index: usize, list: Vec<Suggestion>, carry: Option<Span>) -> Option<Span> {
        let cached = &mut self.cache[index];
        self.total = self.total - cached.list.len() + list.len();
        cached.list = list;
        cached.carry = carry;
        carry
    }

    /// The proposals of paragraph `index` given the last speaker named before it, and the
    /// last speaker named after it; `cursor` is where the annotations of the paragraph
    /// computed before were found.
    fn proposals(
        &self,
        doc: &Document,
        set: &AnnotationSet,
        index: usize,
        carry: Option<Span>,
        cursor: &mut NearCursor,
    ) -> (Vec<Suggestion>, Option<Span>) {
        let Some(paragraph) = doc.paragraph(index) else {
            return (Vec::new(), carry);
        };
        let range = paragraph.chars;
        let near = set.near_from(range, cursor);
        let near_entities = near.entities;
        let annotated: Vec<Span> = near_entities
            .iter()
            .flat_map(|e| e.spans.iter().copied())
            .filter(|s| s.overlaps(&range))
            .collect();
        let mut candidates = self.own.find(doc, index);
        candidates.extend(self.corpus.find(doc, index));
        let mut others = Vec::new();
        for finder in &self.finders {
            for s in finder.find(doc, index) {
                match s.what {
                    Proposal::Entity { .. } => candidates.push(s),
                    _ => others.push(s),
                }
            }
        }
        candidates.retain(|s| {
            !annotated.iter().any(|a| a.overlaps(&s.span))
                && !set.is_rejected(IdKind::Entity, s.span)
        });
        let entities = without_overlaps(candidates);

        let mut mentions: Vec<Mention> = near_entities
            .iter()
            .filter(|e| e.spans.iter().any(|s| s.overlaps(&range)))
            .map(|e| Mention {
                span: e.spans[0],
                label: e.label.clone(),
            })
            .chain(entities.iter().map(|s| Mention {
                span: s.span,
                label: s.what.label().unwrap_or_default().into(),
            }))
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        let speaker_of = |id: &Option<crate::model::Text>| {
            id.as_deref()
                .and_then(|id| set.entity(id))
                .map(|e| e.spans[0])
        };
        let known_quotes: Vec<QuoteMention> = near
            .quotes
            .iter()
            .filter(|q| q.spans.iter().any(|s| s.overlaps(&range)))
            .filter_map(|q| {
                Some(QuoteMention {
                    span: span::hull(&q.spans)?,
                    kind: q.kind,
                    speaker: speaker_of(&q.speaker),
                })
            })
            .collect();
        let (mut quotes, carry) = match &self.speech {
            Some(speech) => speech.quotes(doc, index, &mentions, &known_quotes, carry),
            None => (Vec::new(), carry),
        };
        quotes.extend(
            others
                .iter()
                .filter(|s| s.what.layer() == IdKind::Quote)
                .cloned(),
        );
        quotes.retain(|s| {
            !known_quotes.iter().any(|q| q.span.overlaps(&s.span))
                && !set.is_rejected(IdKind::Quote, s.span)
        });
        let quotes = without_overlaps(quotes);

        let known_claims: Vec<Span> = near
            .claims
            .iter()
            .filter_map(|c| span::hull(&c.spans))
            .filter(|s| s.overlaps(&range))
            .collect();
        let all_quotes: Vec<QuoteMention> = known_quotes
            .iter()
            .cloned()
            .chain(quotes.iter().filter_map(|s| match &s.what {
                Proposal::Quote { kind, speaker, .. } => Some(QuoteMention {
                    span: s.span,
                    kind: *kind,
                    speaker: *speaker,
                }),
                _ => None,
            }))
            .collect();
        let mut claims = match &self.speech {
            Some(speech) => speech.claims(doc, index, &all_quotes, &known_claims),
            None => Vec::new(),
        };
        claims.extend(
            others
                .into_iter()
                .filter(|s| s.what.layer() == IdKind::Claim),
        );
        claims.retain(|s| {
            !known_claims.iter().any(|c| c.overlaps(&s.span))
                && !set.is_rejected(IdKind::Claim, s.span)
        });
        let claims = without_overlaps(claims);

        let mut list: Vec<Suggestion> = entities.into_iter().chain(quotes).chain(claims).collect();
        list.sort_by_key(|s| (s.span.start, s.what.layer().order(), s.span.end));
        (list, carry)
    }

    /// The proposals of paragraph `index`, in order of place.
    pub fn in_paragraph(&self, index: usize) -> &[Suggestion] {
        self.cache.get(index).map_or(&[], |c| &c.list)
    }

    /// How many proposals the article has.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Every proposal, in order of place.
    pub fn all(&self) -> impl Iterator<Item = &Suggestion> {
        self.cache.iter().flat_map(|c| c.list.iter())
    }

    /// The first proposal after `(offset, layer)` in reading order (`forward`), or the last
    /// before it; wraps around the article. Proposals at one offset go entity, quote, claim
    /// (layers 0, 1, 2): layer -1 stands before all of them.
    pub fn step(
        &self,
        doc: &Document,
        offset: usize,
        layer: i8,
        forward: bool,
    ) -> Option<&Suggestion> {
        let key = |s: &Suggestion| (s.span.start, s.what.layer().order() as i8);
        let here = doc.paragraph_at(offset).unwrap_or(0);
        let n = self.cache.len();
        if n == 0 {
            return None;
        }
        for step in 0..=n {
            let p = if forward {
                (here + step) % n
            } else {
                (here + n - step % n) % n
            };
            let list = &self.cache[p].list;
            let found = if forward {
                list.iter().find(|s| step > 0 || key(s) > (offset, layer))
            } else {
                list.iter()
                    .rev()
                    .find(|s| step > 0 || key(s) < (offset, layer))
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

/// The paragraphs where one of `needles` starts, in order, each once: one search of the
/// whole text for all of them (a person's name of many words gives a needle per word).
fn paragraphs_with(doc: &Document, needles: &[String]) -> Vec<usize> {
    let needles: Vec<&str> = needles
        .iter()
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    if needles.is_empty() {
        return Vec::new();
    }
    let Ok(automaton) = aho_corasick::AhoCorasick::new(&needles) else {
        return (0..doc.paragraphs().len()).collect();
    };
    let text = doc.text();
    let paragraphs = doc.paragraphs();
    let mut out: Vec<usize> = Vec::new();
    for found in automaton.find_overlapping_iter(text) {
        let at = found.start();
        let p = paragraphs
            .partition_point(|p| p.byte_start <= at)
            .saturating_sub(1);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests;

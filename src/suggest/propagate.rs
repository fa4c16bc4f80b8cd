//! Propagation: once a text is labelled, its other occurrences are proposed with that label.
//!
//! A [`Lexicon`] holds the texts labelled in one article (or, for the corpus, in the other
//! documents of its folder) with how often each label was given. It proposes, at word edges
//! (a clitic may follow: `Baratlah` holds `Barat`):
//! - each text as it was labelled, with its most frequent label;
//! - the same text in capitals (datelines: `MOSKWA` for `Moskwa`);
//! - for a person's name of several words, its last word and its leading words
//!   (`Putin` for `Vladimir Putin`, `Choe Son` for `Choe Son Hui`).
//!
//! Matching is case-sensitive apart from the capitals rule.

use foldhash::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::edges::{CharCounter, at_word_edges};
use super::{Proposal, Suggestion};
use crate::model::{Document, Source, Span, Text};

/// How a proposed string relates to the labelled text it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Form {
    /// The text itself.
    Whole,
    /// The text in capitals.
    Capitals,
    /// Part of a person's name.
    NamePart,
}

/// The labels one text was given, with counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelCounts {
    counts: Vec<(Text, u32)>,
    /// In how many documents it was labelled (corpus lexicons only).
    documents: u32,
}

impl LabelCounts {
    fn add(&mut self, label: &str) {
        match self.counts.iter_mut().find(|(l, _)| l == label) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((label.into(), 1)),
        }
    }

    fn remove(&mut self, label: &str) {
        if let Some(at) = self.counts.iter().position(|(l, _)| l == label) {
            self.counts[at].1 -= 1;
            if self.counts[at].1 == 0 {
                self.counts.remove(at);
            }
        }
    }

    /// The most frequent label (the first given among equals), its count and the total.
    pub fn best(&self) -> Option<(&Text, u32, u32)> {
        let total = self.counts.iter().map(|(_, n)| n).sum();
        let mut best: Option<&(Text, u32)> = None;
        for entry in &self.counts {
            if best.is_none_or(|b| entry.1 > b.1) {
                best = Some(entry);
            }
        }
        best.map(|(label, n)| (label, *n, total))
    }

    /// The labels, with their counts only where they disagree (a count alone would go
    /// stale as more are accepted: it is not recomputed for every one).
    fn describe(&self) -> String {
        if let [(label, _)] = &self.counts[..] {
            return label.to_string();
        }
        let mut parts: Vec<String> = self
            .counts
            .iter()
            .map(|(label, n)| format!("{label} {n}×"))
            .collect();
        parts.sort();
        parts.join(", ")
    }

    /// The labels given, without their counts: what decides the proposals, unless they
    /// disagree (then the counts decide which wins, and the score).
    pub fn shape(&self) -> (Vec<Text>, bool) {
        let mut labels: Vec<Text> = self.counts.iter().map(|(l, _)| l.clone()).collect();
        labels.sort();
        (labels, self.counts.len() > 1)
    }
}

/// One string the automaton looks for, and what it proposes.
#[derive(Clone, Debug)]
struct Needle {
    text: Text,
    origin: Text,
    form: Form,
    label: Text,
    score: f32,
    reason: Arc<str>,
}

/// Texts labelled somewhere, and the matcher that finds them again.
#[derive(Debug, Default)]
pub struct Lexicon {
    source: Source,
    texts: HashMap<Text, LabelCounts>,
    needles: Vec<Needle>,
    automaton: Option<AhoCorasick>,
    stale: bool,
}

/// The words of a person's name worth proposing on their own.
fn name_parts(name: &str) -> Vec<&str> {
    let words: Vec<(usize, &str)> = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
        .collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut parts = Vec::new();
    let (last_at, last) = words[words.len() - 1];
    if last.chars().count() >= 3 && capitalised(last) {
        parts.push(&name[last_at..]);
    }
    for end in 2..words.len() {
        let (at, word) = words[end - 1];
        parts.push(&name[..at + word.len()]);
    }
    parts
}

impl Lexicon {
    /// An empty lexicon whose proposals carry `source` (`Propagated` for the article's own,
    /// `Corpus` for its folder's).
    pub fn new(source: Source) -> Self {
        Self {
            source,
            ..Self::default()
        }
    }

    /// Counts one more `label` for `text`, without telling what changed (for filling a
    /// lexicon at once).
    pub fn count(&mut self, text: &str, label: &str) {
        match self.texts.get_mut(text) {
            Some(counts) => counts.add(label),
            None => {
                let mut counts = LabelCounts::default();
                counts.add(label);
                self.texts.insert(text.into(), counts);
            }
        }
        self.stale = true;
    }

    /// Counts one more `label` for `text`; whether what the lexicon proposes may have
    /// changed (not when the text only has one more of the one label it had).
    pub fn add(&mut self, text: &str, label: &str) -> bool {
        let counts = self.texts.entry(text.into()).or_default();
        let before = counts.shape();
        counts.add(label);
        let changed = before.1 || counts.shape() != before;
        self.stale |= changed;
        changed
    }

    /// Counts one `label` less for `text`; whether what the lexicon proposes may have
    /// changed.
    pub fn remove(&mut self, text: &str, label: &str) -> bool {
        let Some(counts) = self.texts.get_mut(text) else {
            return false;
        };
        let before = counts.shape();
        counts.remove(label);
        let changed = before.1 || counts.shape() != before;
        if counts.counts.is_empty() {
            self.texts.remove(text);
        }
        self.stale |= changed;
        changed
    }

    /// Counts one more document that labelled `text` (corpus lexicons).
    pub fn add_document(&mut self, text: &str) {
        self.texts.entry(text.into()).or_default().documents += 1;
    }

    /// The labels `text` was given.
    pub fn labels(&self, text: &str) -> Option<&LabelCounts> {
        self.texts.get(text)
    }

    /// Every string this lexicon's `text` makes it look for (the text, its capitals, the
    /// parts of a person's name): what a change of that text may add or remove.
    pub fn strings_of(text: &str) -> Vec<String> {
        let mut all = vec![text.to_owned()];
        let upper = text.to_uppercase();
        if upper != text {
            all.push(upper);
        }
        all.extend(name_parts(text).into_iter().map(str::to_owned));
        all
    }

    fn rebuild(&mut self) {
        let mut needles: HashMap<Text, Needle> = HashMap::default();
        for (text, counts) in &self.texts {
            let Some((label, n, total)) = counts.best() else {
                continue;
            };
            let mut forms = vec![(text.clone(), Form::Whole)];
            let upper = Text::from(text.to_uppercase());
            if upper != *text {
                forms.push((upper, Form::Capitals));
            }
            if label == "PER" {
                forms.extend(
                    name_parts(text)
                        .into_iter()
                        .map(|p| (Text::from(p), Form::NamePart)),
                );
            }
            for (string, form) in forms {
                let needle = Needle {
                    text: string.clone(),
                    origin: text.clone(),
                    form,
                    label: label.clone(),
                    score: self.score(form, n, total),
                    reason: self.reason(text, form, counts).into(),
                };
                match needles.get(&string) {
                    Some(old) if (old.form, &old.origin) <= (form, text) => {}
                    _ => {
                        needles.insert(string, needle);
                    }
                }
            }
        }
        let mut needles: Vec<Needle> = needles.into_values().collect();
        needles.sort_by(|a, b| a.text.cmp(&b.text));
        self.automaton = (!needles.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(needles.iter().map(|n| n.text.as_bytes()))
                .expect("texts of the lexicon build an automaton")
        });
        self.needles = needles;
        self.stale = false;
    }

    /// Brings the matcher up to date with the texts counted since; [`find`](Self::find)
    /// reads what it held at the last call.
    pub fn prepare(&mut self) {
        if self.stale {
            self.rebuild();
        }
    }

    /// The proposals of this lexicon in paragraph `index` of `doc` (overlaps with annotations
    /// are the caller's to drop), as of the last [`prepare`](Self::prepare).
    pub fn find(&self, doc: &Document, index: usize) -> Vec<Suggestion> {
        let (Some(automaton), Some(paragraph)) = (&self.automaton, doc.paragraph(index)) else {
            return Vec::new();
        };
        let text = doc.paragraph_text(index);
        let mut chars = CharCounter::new(text, paragraph.chars.start);
        let mut out = Vec::new();
        for found in automaton.find_iter(text) {
            if !at_word_edges(text, found.start(), found.end()) {
                continue;
            }
            let needle = &self.needles[found.pattern().as_usize()];
            let span = Span::new(chars.at(found.start()), chars.at(found.end()));
            out.push(Suggestion {
                span,
                what: Proposal::Entity {
                    label: needle.label.clone(),
                },
                source: self.source.clone(),
                score: Some(needle.score),
                reason: needle.reason.clone(),
            });
        }
        out
    }

    fn score(&self, form: Form, n: u32, total: u32) -> f32 {
        let agreement = n as f32 / total as f32;
        let form = match form {
            Form::Whole => 1.0,
            Form::Capitals => 0.9,
            Form::NamePart => 0.8,
        };
        let corpus = if self.source == Source::Corpus {
            0.9
        } else {
            1.0
        };
        agreement * form * corpus
    }

    fn reason(&self, origin: &str, form: Form, counts: &LabelCounts) -> String {
        let place = match self.source {
            Source::Corpus => format!(
                "in {} other document{}",
                counts.documents,
                if counts.documents == 1 { "" } else { "s" }
            ),
            _ => "in this article".into(),
        };
        let labels = counts.describe();
        match form {
            Form::Whole => format!("“{origin}” is {labels} {place}"),
            Form::Capitals => format!("capitals of “{origin}”, {labels} {place}"),
            Form::NamePart => format!("part of the name “{origin}”, {labels} {place}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(lexicon: &mut Lexicon, doc: &Document) -> Vec<(String, String)> {
        lexicon.prepare();
        (0..doc.paragraphs().len())
            .flat_map(|p| lexicon.find(doc, p))
            .map(|s| {
                let label = s.what.label().unwrap_or_default().to_owned();
                (doc.slice(s.span).to_owned(), label)
            })
            .collect()
    }

    #[test]
    fn other_occurrences_are_proposed_at_word_edges_with_clitics_outside() {
        let doc = Document::new(
            "MOSKWA – Korea Utara dan Rusia.\nBaratlah yang salah, kata Rusia-Ukraina dan Rusiana.",
        );
        let mut lexicon = Lexicon::new(Source::Propagated);
        lexicon.add("Korea Utara", "LOC");
        lexicon.add("Rusia", "LOC");
        lexicon.add("Barat", "LOC");
        lexicon.add("Moskwa", "LOC");
        let texts: Vec<String> = found(&mut lexicon, &doc)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            texts,
            ["MOSKWA", "Korea Utara", "Rusia", "Barat", "Rusia"],
            "Rusiana is another word"
        );
    }

    #[test]
    fn the_most_frequent_label_wins_and_removal_forgets() {
        let doc = Document::new("Barat dan Barat.");
        let mut lexicon = Lexicon::new(Source::Propagated);
        lexicon.add("Barat", "ORG");
        lexicon.add("Barat", "LOC");
        lexicon.add("Barat", "LOC");
        assert_eq!(found(&mut lexicon, &doc)[0].1, "LOC");
        lexicon.remove("Barat", "LOC");
        lexicon.remove("Barat", "LOC");
        assert_eq!(found(&mut lexicon, &doc)[0].1, "ORG");
        lexicon.remove("Barat", "ORG");
        assert!(found(&mut lexicon, &doc).is_empty());
    }

    #[test]
    fn parts_of_a_persons_name_are_proposed() {
        let doc = Document::new("Vladimir Putin bertemu Choe Son. Putin dan Kim Jong.");
        let mut lexicon = Lexicon::new(Source::Propagated);
        lexicon.add("Vladimir Putin", "PER");
        lexicon.add("Choe Son Hui", "PER");
        lexicon.add("Kim Jong Un", "PER");
        let texts: Vec<String> = found(&mut lexicon, &doc)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(texts, ["Vladimir Putin", "Choe Son", "Putin", "Kim Jong"]);
    }

    #[test]
    fn names_of_places_are_not_cut_into_parts() {
        let doc = Document::new("Utara dan Korea.");
        let mut lexicon = Lexicon::new(Source::Propagated);
        lexicon.add("Korea Utara", "LOC");
        assert!(found(&mut lexicon, &doc).is_empty());
    }

    #[test]
    fn strings_of_a_text_cover_what_it_proposes() {
        assert_eq!(
            Lexicon::strings_of("Choe Son Hui"),
            ["Choe Son Hui", "CHOE SON HUI", "Hui", "Choe Son"]
        );
    }
}

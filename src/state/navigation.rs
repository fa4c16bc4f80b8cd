//! Moving the focus and the cursor, selecting, and searching.

use super::{AppState, Selection};
use crate::model::Span;
use crate::model::text_find;

impl AppState {
    /// Focuses paragraph `index` (clamped) and puts the cursor on its first word.
    pub fn focus_paragraph(&mut self, index: usize) {
        let last = self.doc.paragraphs().len().saturating_sub(1);
        self.focus = index.min(last);
        let start = self.doc.paragraph(self.focus).map_or(0, |p| p.chars.start);
        self.cursor = self
            .words_near(start)
            .first()
            .map(|w| w.start)
            .or_else(|| self.doc.paragraph(self.focus).map(|p| p.chars.start))
            .unwrap_or(0);
    }

    /// Puts the cursor at `offset`, focusing its paragraph.
    pub(super) fn place_cursor(&mut self, offset: usize) {
        if let Some(p) = self.doc.paragraph_at(offset) {
            self.focus = p;
        }
        self.cursor = offset;
    }

    /// After a cursor move, a selection grows or shrinks to cover its anchor and the cursor word.
    fn cursor_moved(&mut self) {
        if let (Some(selection), Some(word)) = (self.selection, self.cursor_word()) {
            self.selection = Some(Selection {
                anchor: selection.anchor,
                span: selection.anchor.union(&word),
            });
        }
    }

    pub(super) fn move_paragraph(&mut self, delta: isize) {
        self.focus_paragraph(self.focus.saturating_add_signed(delta));
        self.cursor_moved();
    }

    pub(super) fn jump_paragraph(&mut self, index: usize) {
        self.focus_paragraph(index);
        self.cursor_moved();
    }

    /// The start of the next (or previous) word of the focused paragraph from the cursor.
    fn word_step(&self, words: &[Span], forward: bool) -> Option<usize> {
        let current = words.iter().rposition(|w| w.start <= self.cursor);
        match (forward, current) {
            (true, Some(i)) if i + 1 < words.len() => Some(words[i + 1].start),
            (true, None) => words.first().map(|w| w.start),
            (false, Some(i)) if i > 0 && words[i].start == self.cursor => Some(words[i - 1].start),
            (false, Some(i)) => Some(words[i].start).filter(|&s| s != self.cursor),
            _ => None,
        }
    }

    pub(super) fn move_word(&mut self, forward: bool) {
        let target = self
            .word_step(&self.words_near(self.cursor), forward)
            .or_else(|| self.word_step(&self.doc.words(self.focus), forward));
        match target {
            Some(offset) => self.cursor = offset,
            None if forward && self.focus + 1 < self.doc.paragraphs().len() => {
                self.focus_paragraph(self.focus + 1);
            }
            None if !forward && self.focus > 0 => {
                self.focus -= 1;
                self.move_to_paragraph_edge(true);
            }
            None => {}
        }
        self.cursor_moved();
    }

    pub(super) fn move_to_paragraph_edge(&mut self, end: bool) {
        let Some(paragraph) = self.doc.paragraph(self.focus).map(|p| p.chars) else {
            return;
        };
        let words = self.words_near(if end { paragraph.end } else { paragraph.start });
        let word = if end { words.last() } else { words.first() };
        if let Some(w) = word {
            self.cursor = w.start;
        }
        self.cursor_moved();
    }

    pub(super) fn toggle_selection(&mut self) {
        self.selection = match self.selection {
            Some(_) => None,
            None => self.cursor_word().map(|w| Selection { anchor: w, span: w }),
        };
    }

    /// Moves one edge of the selection by one character, starting a selection on the cursor
    /// word when there is none. The selection never becomes empty nor leaves the text.
    pub(super) fn adjust_selection(&mut self, start_edge: bool, delta: isize) {
        if self.selection.is_none() {
            self.toggle_selection();
        }
        let Some(mut selection) = self.selection else {
            return;
        };
        let span = &mut selection.span;
        if start_edge {
            let moved = span.start.saturating_add_signed(delta);
            if moved < span.end {
                span.start = moved;
            }
        } else {
            let moved = span.end.saturating_add_signed(delta);
            if moved > span.start && moved <= self.doc.len_chars() {
                span.end = moved;
            }
        }
        self.selection = Some(selection);
    }

    /// The sentence of the focused paragraph holding the cursor.
    pub(super) fn sentence_at_cursor(&self) -> Option<Span> {
        let sentences = self.doc.sentences(self.focus);
        sentences
            .iter()
            .find(|s| s.contains(self.cursor))
            .or_else(|| sentences.iter().rev().find(|s| s.start <= self.cursor))
            .or(sentences.first())
            .copied()
    }

    pub(super) fn select_sentence(&mut self) {
        self.selection = self
            .sentence_at_cursor()
            .map(|s| Selection { anchor: s, span: s });
    }

    /// Searches for `query` from the cursor; the match becomes the selection.
    pub(super) fn search(&mut self, query: &str, forward: bool) {
        match text_find::search(&self.doc, query, self.cursor, forward) {
            Some(hit) => {
                self.place_cursor(hit.start);
                self.selection = Some(Selection {
                    anchor: hit,
                    span: hit,
                });
            }
            None => self.message = Some(format!("not found: {query}")),
        }
    }

    pub(super) fn repeat_search(&mut self, forward: bool) {
        match self.last_search.clone() {
            Some(query) => self.search(&query, forward),
            None => self.message = Some("no search yet: press / to search".into()),
        }
    }
}

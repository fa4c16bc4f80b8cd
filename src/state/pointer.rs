//! The mouse: a click puts the cursor on a word, a drag selects, the wheel scrolls. The app
//! loop has already turned the pointer's cell into a character offset of the article
//! (`ui::hit`), so these are plain offsets here.
//!
//! Only the article reacts to clicks and drags; the wheel moves whatever list is open (the
//! help, the review panel, the picker). Prompts ignore the mouse.

use super::{AppState, Effect, Selection};
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::Span;

/// Lines of help scrolled per notch of the wheel.
const HELP_LINES_PER_NOTCH: usize = 3;

impl AppState {
    /// Applies a mouse action ([`Action::PointAt`], [`Action::DragTo`], [`Action::Scroll`]);
    /// any other action is ignored.
    pub(super) fn pointer(&mut self, action: Action) -> Option<Effect> {
        self.pending.clear();
        self.pending_keys.clear();
        match (self.mode, action) {
            (Mode::Normal, Action::PointAt(offset)) => self.point_at(offset),
            (Mode::Normal, Action::DragTo { from, to }) => self.drag(from, to),
            (Mode::Normal, Action::Scroll(notches)) => self.move_paragraph(notches),
            (Mode::Help, Action::Scroll(notches)) => {
                let lines = notches.unsigned_abs().saturating_mul(HELP_LINES_PER_NOTCH);
                self.help_scroll = if notches < 0 {
                    self.help_scroll.saturating_sub(lines)
                } else {
                    self.help_scroll.saturating_add(lines)
                };
            }
            (Mode::Review, Action::Scroll(notches)) => {
                let step = if notches < 0 {
                    Action::ListUp
                } else {
                    Action::ListDown
                };
                for _ in 0..notches.unsigned_abs() {
                    self.update_review(step.clone());
                }
            }
            (Mode::Picker, Action::Scroll(notches)) => {
                if let Some(picker) = &mut self.picker {
                    picker.step(notches);
                }
            }
            _ => {}
        }
        None
    }

    /// What the pointer is on at `offset`: its paragraph and the word there, or the one
    /// character when it is in no word. `None` between paragraphs and past the end.
    fn pointed(&self, offset: usize) -> Option<(usize, Span)> {
        let para = self.doc.paragraph_at(offset)?;
        if !self.doc.paragraph(para)?.chars.contains(offset) {
            return None;
        }
        let here = Span::new(offset, offset + 1);
        let word = self
            .doc
            .words_in(para, here)
            .into_iter()
            .find(|w| w.contains(offset))
            .unwrap_or(here);
        Some((para, word))
    }

    /// A click: the cursor goes to the word under the pointer (to the word before it on a
    /// space or a mark, as the cursor always sits on a word), the focus to its paragraph; a
    /// selection is cancelled.
    fn point_at(&mut self, offset: usize) {
        let Some((para, word)) = self.pointed(offset) else {
            return;
        };
        self.selection = None;
        self.focus = para;
        self.cursor = word.start;
        if let Some(on) = self.cursor_word() {
            self.cursor = on.start;
        }
    }

    /// A drag: the selection runs from the word where the button went down to the word (or
    /// the character, on a space or a mark) under the pointer, as the selection keys make it:
    /// its anchor is the first word. The focus and the cursor stay, so the article does not
    /// move under the pointer while the button is down.
    fn drag(&mut self, from: usize, to: usize) {
        let (Some((_, anchor)), Some((_, word))) = (self.pointed(from), self.pointed(to)) else {
            return;
        };
        self.selection = Some(Selection {
            anchor,
            span: anchor.union(&word),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::keymap::{Key, Keymap, Mode};
    use crate::model::{AnnotationSet, Document, Span};
    use crate::state::{AppState, Selection};

    const TEXT: &str = "Kim Jong Un bertemu Putin.\n\nKorea Utara mendukung Rusia, kata dia.\n\n\
                        Tiga paragraf.";

    fn state() -> AppState {
        let doc = Document::new(TEXT);
        let set = AnnotationSet::new(doc.paragraphs().len());
        AppState::new(doc, set, Keymap::embedded_default(), "a.txt")
    }

    fn offset_of(state: &AppState, needle: &str) -> usize {
        let byte = state.doc.text().find(needle).expect("in the text");
        state.doc.text()[..byte].chars().count()
    }

    fn drag(from: usize, to: usize) -> Action {
        Action::DragTo { from, to }
    }

    fn slice(state: &AppState, span: Span) -> &str {
        state.doc.slice(span)
    }

    #[test]
    fn a_click_moves_the_cursor_and_focus_to_the_word_and_cancels_a_selection() {
        let mut s = state();
        s.update(Action::ToggleSelection);
        let inside_utara = offset_of(&s, "Utara") + 2;
        s.update(Action::PointAt(inside_utara));
        assert_eq!(s.focus, 1);
        assert_eq!(s.cursor, offset_of(&s, "Utara"));
        assert_eq!(s.selection, None);
        assert_eq!(slice(&s, s.cursor_word().unwrap()), "Utara");
    }

    #[test]
    fn a_click_on_a_space_or_mark_puts_the_cursor_on_the_word_before() {
        let mut s = state();
        s.update(Action::PointAt(offset_of(&s, ", kata")));
        assert_eq!(slice(&s, s.cursor_word().unwrap()), "Rusia");
        s.update(Action::PointAt(offset_of(&s, " Jong")));
        assert_eq!(slice(&s, s.cursor_word().unwrap()), "Kim");
    }

    #[test]
    fn a_click_between_paragraphs_or_past_the_end_changes_nothing() {
        let mut s = state();
        s.update(Action::PointAt(offset_of(&s, "Putin")));
        let before = (s.focus, s.cursor);
        s.update(Action::PointAt(offset_of(&s, "\n\nKorea") + 1));
        s.update(Action::PointAt(usize::MAX));
        assert_eq!((s.focus, s.cursor), before);
    }

    #[test]
    fn a_drag_selects_whole_words_from_the_press_to_the_pointer_in_either_direction() {
        let mut s = state();
        let from = offset_of(&s, "Korea") + 3;
        s.update(drag(from, offset_of(&s, "mendukung")));
        s.update(drag(from, offset_of(&s, "Utara") + 4));
        let selection = s.selection.unwrap();
        assert_eq!(slice(&s, selection.span), "Korea Utara");
        assert_eq!(slice(&s, selection.anchor), "Korea");
        assert_eq!(
            (s.focus, s.cursor),
            (0, 0),
            "the article stays put under the pointer"
        );

        let from = offset_of(&s, "Rusia");
        s.update(drag(from, offset_of(&s, "Utara")));
        let selection = s.selection.unwrap();
        assert_eq!(slice(&s, selection.span), "Utara mendukung Rusia");
        assert_eq!(slice(&s, selection.anchor), "Rusia");
    }

    #[test]
    fn a_drag_onto_a_mark_ends_at_that_character() {
        let mut s = state();
        s.update(drag(offset_of(&s, "Rusia"), offset_of(&s, ", kata")));
        assert_eq!(slice(&s, s.selection.unwrap().span), "Rusia,");
    }

    #[test]
    fn a_dragged_selection_is_tagged_by_the_tag_keys_and_adjusted_by_the_selection_keys() {
        let mut s = state();
        s.update(drag(offset_of(&s, "Korea"), offset_of(&s, "Utara")));
        s.update(Action::SelectionEndLeft);
        assert_eq!(slice(&s, s.selection.unwrap().span), "Korea Utar");
        s.update(Action::SelectionEndRight);
        s.handle_key(Key::char('3'));
        let entity = &s.annotations.entities[0];
        assert_eq!(
            (entity.text.as_str(), entity.label.as_str()),
            ("Korea Utara", "LOC")
        );
        assert_eq!(s.selection, None, "tagging ends the selection as with keys");
    }

    #[test]
    fn a_drag_across_paragraphs_selects_across_them_and_keeps_the_focus() {
        let mut s = state();
        s.update(drag(offset_of(&s, "Korea"), offset_of(&s, "Tiga") + 1));
        assert_eq!(s.focus, 0);
        assert_eq!(
            slice(&s, s.selection.unwrap().span),
            "Korea Utara mendukung Rusia, kata dia.\n\nTiga"
        );
    }

    #[test]
    fn a_drag_from_between_paragraphs_or_to_past_the_end_selects_nothing() {
        let mut s = state();
        let gap = offset_of(&s, "\n\nKorea") + 1;
        s.update(drag(gap, offset_of(&s, "Korea")));
        s.update(drag(offset_of(&s, "Korea"), usize::MAX));
        assert_eq!(s.selection, None);
    }

    #[test]
    fn the_wheel_moves_the_focus_by_paragraphs_and_stops_at_the_ends() {
        let mut s = state();
        s.update(Action::Scroll(1));
        assert_eq!(s.focus, 1);
        s.update(Action::Scroll(5));
        assert_eq!(s.focus, 2);
        s.update(Action::Scroll(-1));
        assert_eq!(s.focus, 1);
        s.update(Action::Scroll(-9));
        assert_eq!((s.focus, s.cursor), (0, 0));
    }

    #[test]
    fn the_wheel_scrolls_the_help_and_moves_the_review_highlight() {
        let mut s = state();
        s.update(Action::ToggleHelp);
        s.update(Action::Scroll(2));
        assert_eq!(s.help_scroll, 6);
        s.update(Action::Scroll(-1));
        assert_eq!(s.help_scroll, 3);
        s.update(Action::Scroll(-5));
        assert_eq!(s.help_scroll, 0);
        s.update(Action::PointAt(offset_of(&s, "Rusia")));
        assert_eq!(
            (s.mode, s.focus),
            (Mode::Help, 0),
            "a click in the help does nothing"
        );
        s.update(Action::Cancel);

        s.handle_key(Key::char('1'));
        s.update(Action::PointAt(offset_of(&s, "Korea")));
        s.handle_key(Key::char('3'));
        s.update(Action::ToggleReview);
        assert_eq!(s.mode, Mode::Review);
        s.update(Action::Scroll(1));
        assert_eq!(s.review.selected, 1);
        s.update(Action::Scroll(-3));
        assert_eq!(s.review.selected, 0);
        s.update(drag(0, offset_of(&s, "Tiga")));
        assert_eq!(s.selection, None, "no selecting behind the review panel");
    }

    #[test]
    fn prompts_ignore_the_mouse() {
        let mut s = state();
        s.handle_key(Key::char('/'));
        s.update(Action::PointAt(offset_of(&s, "Rusia")));
        s.update(drag(0, offset_of(&s, "Tiga")));
        s.update(Action::Scroll(1));
        assert_eq!((s.mode, s.focus, s.selection), (Mode::Search, 0, None));
    }

    #[test]
    fn a_click_drops_an_unfinished_chord() {
        let mut s = state();
        s.handle_key(Key::char('g'));
        assert_eq!(s.pending_keys, "g");
        s.update(Action::PointAt(offset_of(&s, "Rusia")));
        assert_eq!(s.pending_keys, "");
        s.handle_key(Key::char('g'));
        assert_eq!(s.focus, 1, "a lone g after the click starts a new chord");
    }

    #[test]
    fn an_empty_article_takes_clicks_and_wheel_without_panicking() {
        let doc = Document::new("");
        let set = AnnotationSet::new(doc.paragraphs().len());
        let mut s = AppState::new(doc, set, Keymap::embedded_default(), "e.txt");
        for action in [
            Action::PointAt(0),
            drag(0, 0),
            Action::Scroll(-1),
            Action::Scroll(1),
        ] {
            s.update(action);
        }
        assert_eq!(s.selection, None::<Selection>);
    }
}

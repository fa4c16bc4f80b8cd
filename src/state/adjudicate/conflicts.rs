//! Conflicts a merge recorded in the gold, settled in adjudication like a disagreement: each
//! is a stop of next / previous, its versions base, ours and theirs are versions 1, 2 and 3,
//! and taking one settles it ([`Conflict::settle`]) in one undo step.

use super::{Adjudication, AppState, Effect, Key, Selection, left_text};
use crate::keymap::Mode;
use crate::model::span;
use crate::model::{About, AnnotationSet, Conflict, Document, SettleError, Side, Span, Version};

/// The versions of a recorded conflict, in the order shown and numbered.
pub const CONFLICT_SIDES: [Side; 3] = [Side::Base, Side::Ours, Side::Theirs];

/// "base", "ours", "theirs".
pub fn side_name(side: Side) -> &'static str {
    match side {
        Side::Base => "base",
        Side::Ours => "ours",
        Side::Theirs => "theirs",
    }
}

/// Whether `gold` holds `side`'s version of `conflict` (an absent version: the annotation is
/// not there).
pub fn conflict_in_use(conflict: &Conflict, gold: &AnnotationSet, side: Side) -> bool {
    let version = conflict.version(side);
    match &conflict.about {
        About::Annotation(id) => match (gold.get(id), version) {
            (Some(held), Some(Version::Item(item))) => held == *item,
            (None, None) => true,
            _ => false,
        },
        About::Paragraph(n) => match (gold.paragraphs.get(*n), version) {
            (Some(held), Some(Version::Status(status))) => held == status,
            _ => false,
        },
    }
}

/// A recorded conflict with its place in the article and its key among the stops.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Placed {
    pub(super) conflict: Conflict,
    pub(super) place: Span,
    pub(super) key: Key,
}

/// The conflicts `gold` records, placed: an annotation's at what the gold holds (else the
/// first version there is), a paragraph's status at the paragraph.
pub(super) fn placed(doc: &Document, gold: &AnnotationSet) -> Vec<Placed> {
    gold.conflicts()
        .iter()
        .enumerate()
        .map(|(j, conflict)| {
            let (place, layer) = match &conflict.about {
                About::Annotation(id) => {
                    let item = gold.get(id).or_else(|| {
                        [Side::Ours, Side::Theirs, Side::Base]
                            .into_iter()
                            .find_map(|s| conflict.version(s)?.item().cloned())
                    });
                    let layer = crate::model::id::parse(id).map_or(3, |(k, _)| k.order());
                    let place = item.and_then(|i| span::hull(i.spans())).unwrap_or_default();
                    (place, layer)
                }
                About::Paragraph(n) => (doc.paragraph(*n).map(|p| p.chars).unwrap_or_default(), 3),
            };
            Placed {
                conflict: conflict.clone(),
                place,
                key: (place.start, layer, place.end, 1, j),
            }
        })
        .collect()
}

/// ", 2 of them recorded conflicts" (nothing when none).
pub(super) fn among(recorded: usize) -> String {
    match recorded {
        0 => String::new(),
        1 => ", 1 of them a recorded conflict".into(),
        n => format!(", {n} of them recorded conflicts"),
    }
}

impl AppState {
    /// From the article, without annotators' versions: adjudication of the conflicts the
    /// file records.
    pub(super) fn start_settling_conflicts(&mut self) {
        let mut adjudication = Adjudication::default();
        adjudication.refresh(&self.doc, &self.annotations);
        let recorded = adjudication.recorded.len();
        self.adjudication = Some(adjudication);
        self.mode = Mode::Adjudicate;
        self.step_disagreement(true);
        self.message = Some(format!("{}{}", left_text(recorded), among(recorded)));
    }

    /// Shows a recorded conflict: the article selected at its place, the version the gold
    /// holds highlighted.
    pub(super) fn show_placed(&mut self, placed: Placed) {
        let place = placed.place;
        let highlight = CONFLICT_SIDES
            .iter()
            .position(|&s| conflict_in_use(&placed.conflict, &self.annotations, s))
            .unwrap_or(0);
        if let Some(adjudication) = &mut self.adjudication {
            adjudication.current = None;
            adjudication.marked.clear();
            adjudication.highlight = highlight;
            adjudication.shown = Some(placed);
        }
        self.place_cursor(place.start);
        self.selection = Some(Selection {
            anchor: place,
            span: place,
        });
    }

    /// Settles the conflict shown with version `number` (1 base, 2 ours, 3 theirs), in one
    /// undo step; what refuses it is said in the status bar and nothing changes.
    pub(super) fn take_side(&mut self, number: usize) -> Option<Effect> {
        let Some(&side) = number.checked_sub(1).and_then(|i| CONFLICT_SIDES.get(i)) else {
            self.message = Some(format!(
                "no version {number} here: 1 base, 2 ours, 3 theirs"
            ));
            return None;
        };
        let conflict = self.adjudication.as_ref()?.conflict()?.clone();
        let name = side_name(side);
        let edits = match conflict.settle(&self.annotations, side) {
            Ok(edits) => edits,
            Err(SettleError::NotRecorded) => {
                self.message = Some("this conflict is settled already (u takes it back)".into());
                return None;
            }
            Err(err) => {
                self.message = Some(format!("cannot take {name}: {err}"));
                return None;
            }
        };
        let effect = self.commit(edits);
        self.refresh_adjudication();
        if let Some(adjudication) = &mut self.adjudication {
            adjudication.highlight = number - 1;
        }
        let left = self.adjudication.as_ref().map_or(0, Adjudication::left);
        self.message = Some(format!(
            "took {name} ({}); {}",
            conflict.reason,
            left_text(left)
        ));
        effect
    }

    /// Settles the conflict shown with a version in which the thing does not exist.
    pub(super) fn take_absent_side(&mut self) -> Option<Effect> {
        let conflict = self.adjudication.as_ref()?.conflict()?;
        match CONFLICT_SIDES
            .iter()
            .position(|&s| conflict.version(s).is_none())
        {
            Some(i) => self.take_side(i + 1),
            None => {
                self.message =
                    Some("every version of this conflict holds something: take 1, 2 or 3".into());
                None
            }
        }
    }
}

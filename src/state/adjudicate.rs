//! Adjudication: the annotators' versions of each disagreement side by side, and the keys that
//! settle it in the gold (the open annotation set). What every annotator agrees on and the gold
//! lacks is settled on entry, in one undo step.

mod conflicts;

pub use conflicts::{CONFLICT_SIDES, conflict_in_use, side_name};

use super::{AppState, Effect, Selection};
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::disagreements::{self, Alignment, Unit};
use crate::model::{Conflict, Document};
use conflicts::Placed;

/// Where a stop of next / previous is in the article: start, layer, end, then units before
/// recorded conflicts, then the index among them.
type Key = (usize, u8, usize, u8, usize);

/// A stop of next / previous: a unit of the alignment, or a conflict the gold records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    Unit(usize),
    Conflict(usize),
}

/// What adjudication remembers: the aligned versions, the disagreement shown, and the
/// versions marked to take together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjudication {
    /// The annotators' versions, aligned by place.
    pub alignment: Alignment,
    /// The unit shown (an index into `alignment.units`).
    pub current: Option<usize>,
    /// The highlighted version of the unit shown.
    pub highlight: usize,
    /// The versions marked to take together, in the order marked.
    pub marked: Vec<usize>,
    /// Whether next / previous also stop at settled disagreements.
    pub show_settled: bool,
    /// Units given "none" in this session: settled while the gold holds nothing there (the
    /// gold itself cannot tell nothing decided from nothing yet).
    decided_none: Vec<usize>,
    /// Per unit, the versions the gold settled it with (see [`Unit::settled`]), as of the
    /// gold's `generation`.
    settled: Vec<Option<Vec<usize>>>,
    generation: Option<u64>,
    /// The conflicts the gold records (a merge left them), placed in the article.
    recorded: Vec<Placed>,
    /// The recorded conflict shown instead of a unit (still shown once settled).
    shown: Option<Placed>,
}

impl Adjudication {
    /// Adjudication of `alignment`, nothing shown yet.
    pub fn new(alignment: Alignment) -> Self {
        Self {
            alignment,
            ..Self::default()
        }
    }

    /// The unit shown.
    pub fn unit(&self) -> Option<&Unit> {
        self.alignment.units.get(self.current?)
    }

    /// The recorded conflict shown instead of a unit, if any.
    pub fn conflict(&self) -> Option<&Conflict> {
        self.shown.as_ref().map(|p| &p.conflict)
    }

    /// Whether the recorded conflict shown is still recorded in the gold (not yet settled).
    pub fn conflict_recorded(&self) -> bool {
        self.shown
            .as_ref()
            .is_some_and(|s| self.recorded.iter().any(|p| p.conflict == s.conflict))
    }

    /// The conflicts the gold records, in the order of the article.
    pub fn recorded(&self) -> impl Iterator<Item = &Conflict> {
        self.recorded.iter().map(|p| &p.conflict)
    }

    /// Where the stop shown is among every disagreement (from 1), if it is one of them.
    pub fn position(&self) -> Option<usize> {
        let key = self.current_key()?;
        self.stops(true)
            .iter()
            .position(|(k, _)| *k == key)
            .map(|p| p + 1)
    }

    /// The versions the gold settled unit `index` with; `None` while it is not settled.
    pub fn settled(&self, index: usize) -> Option<&[usize]> {
        self.settled.get(index)?.as_deref()
    }

    /// Whether unit `index` asks for a decision: the annotators disagree there, or they agree
    /// and the gold holds something else.
    pub fn is_question(&self, index: usize) -> bool {
        self.alignment
            .units
            .get(index)
            .is_some_and(|u| !u.agreed() || self.settled(index).is_none())
    }

    /// The disagreements (units asking for a decision) the gold has not settled yet, and the
    /// conflicts it records.
    pub fn left(&self) -> usize {
        (0..self.alignment.units.len())
            .filter(|&i| self.is_question(i) && self.settled(i).is_none())
            .count()
            + self.recorded.len()
    }

    /// Every disagreement, settled or not, and the conflicts the gold records.
    pub fn questions(&self) -> usize {
        (0..self.alignment.units.len())
            .filter(|&i| self.is_question(i))
            .count()
            + self.recorded.len()
    }

    /// Whether next / previous stop at unit `index`.
    fn stops_at(&self, index: usize) -> bool {
        self.is_question(index) && (self.show_settled || self.settled(index).is_none())
    }

    fn unit_key(&self, index: usize) -> Key {
        let (start, layer, end) = self.alignment.units[index].key();
        (start, layer, end, 0, index)
    }

    /// The key of the stop shown (a settled conflict keeps the key it had).
    fn current_key(&self) -> Option<Key> {
        if let Some(shown) = &self.shown {
            let key = self
                .recorded
                .iter()
                .find(|p| p.conflict == shown.conflict)
                .map_or(shown.key, |p| p.key);
            return Some(key);
        }
        self.current
            .filter(|&c| c < self.alignment.units.len())
            .map(|c| self.unit_key(c))
    }

    /// The stops in the order of the article: every disagreement (`all`), or those next /
    /// previous stop at.
    fn stops(&self, all: bool) -> Vec<(Key, Stop)> {
        let mut stops: Vec<(Key, Stop)> = (0..self.alignment.units.len())
            .filter(|&i| {
                if all {
                    self.is_question(i)
                } else {
                    self.stops_at(i)
                }
            })
            .map(|i| (self.unit_key(i), Stop::Unit(i)))
            .chain(
                self.recorded
                    .iter()
                    .enumerate()
                    .map(|(j, p)| (p.key, Stop::Conflict(j))),
            )
            .collect();
        stops.sort_by_key(|(key, _)| *key);
        stops
    }

    /// The next stop after (`forward`) or before the one shown, wrapping around.
    fn step(&self, forward: bool) -> Option<Stop> {
        let stops = self.stops(false);
        let found = match (self.current_key(), forward) {
            (None, true) => stops.first(),
            (None, false) => stops.last(),
            (Some(key), true) => stops.iter().find(|(k, _)| *k > key).or(stops.first()),
            (Some(key), false) => stops.iter().rev().find(|(k, _)| *k < key).or(stops.last()),
        };
        found.map(|(_, stop)| *stop)
    }

    /// Recomputes what the gold settles, and the conflicts it records, when it changed.
    fn refresh(&mut self, doc: &Document, gold: &crate::model::AnnotationSet) {
        if self.generation == Some(gold.generation()) {
            return;
        }
        self.recorded = conflicts::placed(doc, gold);
        self.settled = self
            .alignment
            .units
            .iter()
            .map(|u| u.settled(gold))
            .collect();
        for &i in &self.decided_none {
            let unit = &self.alignment.units[i];
            if self.settled[i].is_none() && unit.gold(gold).is_empty() {
                self.settled[i] = Some(self.alignment.none_version(i).into_iter().collect());
            }
        }
        self.generation = Some(gold.generation());
    }
}

impl AppState {
    /// Starts adjudicating `alignment`: settles what every annotator agrees on and the gold
    /// lacks (one undo step), then shows the first disagreement.
    pub(super) fn start_adjudication(&mut self, alignment: Alignment) -> Option<Effect> {
        let (edits, agreed) =
            disagreements::settle_agreed(&self.doc, &self.annotations, &alignment);
        let effect = self.commit(edits);
        let mut adjudication = Adjudication::new(alignment);
        adjudication.refresh(&self.doc, &self.annotations);
        self.adjudication = Some(adjudication);
        self.mode = Mode::Adjudicate;
        self.step_disagreement(true);
        let left = self.adjudication.as_ref().map_or(0, Adjudication::left);
        let what = match agreed {
            0 => "nothing every annotator agrees on was missing from the gold".to_owned(),
            1 => "1 annotation every annotator agrees on settled in the gold".to_owned(),
            n => format!("{n} annotations every annotator agrees on settled in the gold"),
        };
        let recorded = self.adjudication.as_ref().map_or(0, |a| a.recorded.len());
        self.message = Some(format!(
            "{what}; {}{}",
            left_text(left),
            conflicts::among(recorded)
        ));
        effect
    }

    /// Keeps what adjudication shows in step with the gold (after every update).
    pub(super) fn refresh_adjudication(&mut self) {
        if let Some(adjudication) = &mut self.adjudication {
            adjudication.refresh(&self.doc, &self.annotations);
        }
    }

    pub(super) fn update_adjudicate(&mut self, action: Action) -> Option<Effect> {
        if self
            .adjudication
            .as_ref()
            .is_some_and(|a| a.shown.is_some())
        {
            match action {
                Action::TakeVersion(n) => return self.take_side(usize::from(n)),
                Action::TakeMarked | Action::Confirm => {
                    let highlight = self.adjudication.as_ref().map_or(0, |a| a.highlight);
                    return self.take_side(highlight + 1);
                }
                Action::TakeNone => return self.take_absent_side(),
                Action::MarkVersion => {
                    self.message = Some(
                        "a recorded conflict is settled by one version: take it with its number"
                            .into(),
                    );
                    return None;
                }
                _ => {}
            }
        }
        match action {
            Action::NextDisagreement => self.step_disagreement(true),
            Action::PrevDisagreement => self.step_disagreement(false),
            Action::ListDown => self.move_highlight(1),
            Action::ListUp => self.move_highlight(-1),
            Action::TakeVersion(n) => {
                return self.take(&[usize::from(n).saturating_sub(1)]);
            }
            Action::MarkVersion => self.mark_version(),
            Action::TakeMarked | Action::Confirm => {
                let marked = self.adjudication.as_ref().map(|a| {
                    let mut marked = a.marked.clone();
                    if marked.is_empty() {
                        marked.push(a.highlight);
                    }
                    marked.sort_unstable();
                    marked
                });
                return self.take(&marked.unwrap_or_default());
            }
            Action::TakeNone => return self.take(&[]),
            Action::ShowSettled => self.toggle_show_settled(),
            Action::ToggleAdjudication | Action::Cancel => self.edit_by_hand(),
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Save => return Some(Effect::SaveNow),
            Action::ToggleHelp => self.open_help(),
            Action::Quit => return self.quit(),
            _ => {}
        }
        None
    }

    /// From the article: back to adjudication, at the disagreement shown before.
    pub(super) fn open_adjudication(&mut self) {
        if self.adjudication.is_none() && !self.annotations.conflicts().is_empty() {
            self.start_settling_conflicts();
            return;
        }
        let Some(adjudication) = &self.adjudication else {
            self.message = Some(
                "no annotators' versions to adjudicate and no recorded conflict: open the article with tandai adjudicate"
                    .into(),
            );
            return;
        };
        let shown = adjudication.current;
        let conflict = adjudication.shown.clone();
        self.mode = Mode::Adjudicate;
        match (shown, conflict) {
            (_, Some(placed)) => self.show_placed(placed),
            (Some(index), None) => self.show_unit(index),
            (None, None) => self.step_disagreement(true),
        }
    }

    fn edit_by_hand(&mut self) {
        self.mode = Mode::Normal;
        let back = self
            .keymap
            .key_hint(Mode::Normal, &Action::ToggleAdjudication);
        self.message = Some(format!(
            "editing by hand at the disagreement: {back} goes back to adjudication"
        ));
    }

    fn step_disagreement(&mut self, forward: bool) {
        let Some(adjudication) = &self.adjudication else {
            return;
        };
        match adjudication.step(forward) {
            Some(Stop::Unit(index)) => self.show_unit(index),
            Some(Stop::Conflict(index)) => {
                let placed = adjudication.recorded[index].clone();
                self.show_placed(placed);
            }
            None => {
                let all = adjudication.questions();
                self.message = Some(if adjudication.show_settled || all == 0 {
                    "the annotators disagree nowhere".to_owned()
                } else {
                    format!("every disagreement is settled ({all})")
                });
            }
        }
    }

    /// Shows unit `index`: the article selected at its place, the gold's version highlighted.
    fn show_unit(&mut self, index: usize) {
        let Some(adjudication) = &mut self.adjudication else {
            return;
        };
        let Some(unit) = adjudication.alignment.units.get(index) else {
            return;
        };
        let range = unit.range;
        adjudication.current = Some(index);
        adjudication.shown = None;
        adjudication.marked.clear();
        adjudication.highlight = adjudication
            .settled(index)
            .and_then(|v| v.first().copied())
            .unwrap_or(0);
        self.place_cursor(range.start);
        self.selection = Some(Selection {
            anchor: range,
            span: range,
        });
    }

    fn move_highlight(&mut self, delta: isize) {
        if let Some(adjudication) = &mut self.adjudication {
            let count = match adjudication.shown {
                Some(_) => CONFLICT_SIDES.len(),
                None => adjudication.unit().map_or(0, |u| u.versions.len()),
            };
            let last = count.saturating_sub(1);
            adjudication.highlight = adjudication
                .highlight
                .saturating_add_signed(delta)
                .min(last);
        }
    }

    fn mark_version(&mut self) {
        if let Some(adjudication) = &mut self.adjudication {
            let at = adjudication.highlight;
            match adjudication.marked.iter().position(|&m| m == at) {
                Some(i) => {
                    adjudication.marked.remove(i);
                }
                None => adjudication.marked.push(at),
            }
        }
    }

    fn toggle_show_settled(&mut self) {
        if let Some(adjudication) = &mut self.adjudication {
            adjudication.show_settled = !adjudication.show_settled;
            self.message = Some(if adjudication.show_settled {
                "next / previous stop at settled disagreements too".into()
            } else {
                "next / previous stop at unsettled disagreements only".into()
            });
        }
    }

    /// Puts the versions `chosen` (indices; none: remove what the gold has there) of the unit
    /// shown in the gold, in one undo step.
    fn take(&mut self, chosen: &[usize]) -> Option<Effect> {
        let adjudication = self.adjudication.as_ref()?;
        let Some(index) = adjudication.current else {
            self.message = Some("no disagreement shown".into());
            return None;
        };
        let unit = &adjudication.alignment.units[index];
        if let Some(&bad) = chosen.iter().find(|&&v| v >= unit.versions.len()) {
            self.message = Some(format!(
                "no version {} here: {} versions",
                bad + 1,
                unit.versions.len()
            ));
            return None;
        }
        let what = describe_choice(unit, chosen);
        let edits = match disagreements::settle(
            &self.doc,
            &self.annotations,
            &adjudication.alignment,
            unit,
            chosen,
        ) {
            Ok(edits) => edits,
            Err(blocked) => {
                self.message = Some(format!("cannot take {what} yet: {blocked}"));
                return None;
            }
        };
        let none = unit.union(chosen).is_empty();
        if let Some(adjudication) = &mut self.adjudication {
            adjudication.marked.clear();
            if none && !adjudication.decided_none.contains(&index) {
                adjudication.decided_none.push(index);
                adjudication.generation = None;
            }
        }
        let effect = self.commit(edits);
        self.refresh_adjudication();
        self.show_unit(index);
        let left = self.adjudication.as_ref().map_or(0, Adjudication::left);
        self.message = Some(format!("took {what}; {}", left_text(left)));
        effect
    }
}

/// "version 2 (editor)", "versions 1 and 2 (alice, budi)", "none".
fn describe_choice(unit: &Unit, chosen: &[usize]) -> String {
    if chosen.is_empty() {
        return "none".into();
    }
    let numbers: Vec<String> = chosen.iter().map(|v| (v + 1).to_string()).collect();
    let mut parties: Vec<&str> = Vec::new();
    for &v in chosen {
        for p in &unit.versions[v].parties {
            if !parties.contains(&p.as_str()) {
                parties.push(p);
            }
        }
    }
    let noun = if chosen.len() == 1 {
        "version"
    } else {
        "versions"
    };
    format!("{noun} {} ({})", numbers.join(" and "), parties.join(", "))
}

/// "3 disagreements left", "1 disagreement left", "no disagreement left".
pub fn left_text(left: usize) -> String {
    match left {
        0 => "no disagreement left".into(),
        1 => "1 disagreement left".into(),
        n => format!("{n} disagreements left"),
    }
}

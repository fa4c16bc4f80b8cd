//! Adjudication: the annotators' versions of each disagreement side by side, and the keys that
//! settle it in the gold (the open annotation set). What every annotator agrees on and the gold
//! lacks is settled on entry, in one undo step.

use super::{AppState, Effect, Selection};
use crate::action::Action;
use crate::keymap::Mode;
use crate::model::disagreements::{self, Alignment, Unit};

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

    /// The disagreements (units asking for a decision) the gold has not settled yet.
    pub fn left(&self) -> usize {
        (0..self.alignment.units.len())
            .filter(|&i| self.is_question(i) && self.settled(i).is_none())
            .count()
    }

    /// Every disagreement, settled or not.
    pub fn questions(&self) -> usize {
        (0..self.alignment.units.len())
            .filter(|&i| self.is_question(i))
            .count()
    }

    /// Whether next / previous stop at unit `index`.
    fn stops_at(&self, index: usize) -> bool {
        self.is_question(index) && (self.show_settled || self.settled(index).is_none())
    }

    /// The next unit to stop at after (`forward`) or before the one shown, wrapping around.
    fn step(&self, forward: bool) -> Option<usize> {
        let n = self.alignment.units.len();
        if n == 0 {
            return None;
        }
        let from = self.current;
        (1..=n)
            .map(|k| match (from, forward) {
                (Some(c), true) => (c + k) % n,
                (Some(c), false) => (c + n * k - k) % n,
                (None, true) => k - 1,
                (None, false) => n - k,
            })
            .find(|&i| self.stops_at(i))
    }

    /// Recomputes what the gold settles when it changed.
    fn refresh(&mut self, gold: &crate::model::AnnotationSet) {
        if self.generation == Some(gold.generation()) {
            return;
        }
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
        adjudication.refresh(&self.annotations);
        self.adjudication = Some(adjudication);
        self.mode = Mode::Adjudicate;
        self.step_disagreement(true);
        let left = self.adjudication.as_ref().map_or(0, Adjudication::left);
        let what = match agreed {
            0 => "nothing every annotator agrees on was missing from the gold".to_owned(),
            1 => "1 annotation every annotator agrees on settled in the gold".to_owned(),
            n => format!("{n} annotations every annotator agrees on settled in the gold"),
        };
        self.message = Some(format!("{what}; {}", left_text(left)));
        effect
    }

    /// Keeps what adjudication shows in step with the gold (after every update).
    pub(super) fn refresh_adjudication(&mut self) {
        if let Some(adjudication) = &mut self.adjudication {
            adjudication.refresh(&self.annotations);
        }
    }

    pub(super) fn update_adjudicate(&mut self, action: Action) -> Option<Effect> {
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
        let Some(adjudication) = &self.adjudication else {
            self.message = Some(
                "no annotators' versions to adjudicate: open the article with tandai adjudicate"
                    .into(),
            );
            return;
        };
        let shown = adjudication.current;
        self.mode = Mode::Adjudicate;
        match shown {
            Some(index) => self.show_unit(index),
            None => self.step_disagreement(true),
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
            Some(index) => self.show_unit(index),
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
            let count = adjudication.unit().map_or(0, |u| u.versions.len());
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
        let edits = disagreements::settle(
            &self.doc,
            &self.annotations,
            &adjudication.alignment,
            unit,
            chosen,
        );
        let what = describe_choice(unit, chosen);
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

//! The document list of a corpus: one row per article with its progress and counts, who
//! annotates it and how far (`alice 12/20 · budi 20/20`, shortened when narrow), broken files
//! with their reason. Scrolling follows the selection; nothing here changes the list.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::draw;
use super::theme::Theme;
use super::wrap::{fit, text_width};
use crate::action::Action;
use crate::keymap::{Keymap, Mode};
use crate::state::list::{Progress, Work};
use crate::state::{CorpusList, Review, Row, RowState, Summary};

/// Cells of the progress bar.
const BAR: usize = 8;
/// Width of the columns right of the name: progress, entities, quotes, claims, review, state.
const COLUMNS: [(&str, usize); 6] = [
    ("PROGRESS", 18),
    ("ENT", 5),
    ("QUO", 5),
    ("CLA", 5),
    ("REVIEW", 18),
    ("STATE", 12),
];

/// The narrowest annotators' column.
const ANNOTATORS_MIN: usize = 12;
/// The widest annotators' column.
const ANNOTATORS_MAX: usize = 48;
/// The most the name column keeps for itself beside the annotators' column.
const NAME_ROOM: usize = 24;
/// The narrowest name column.
const NAME_MIN: usize = 12;

/// The first key sequence bound to `action` in `mode`, in keymap notation.
fn first_key(keymap: &Keymap, mode: Mode, action: &Action) -> Option<String> {
    keymap.first_key(mode, action)
}

/// The key hints of the bottom line, from the keymap (an unbound action is left out).
pub fn hints(keymap: &Keymap) -> String {
    let key = |mode, action| first_key(keymap, mode, &action);
    let mut list = Vec::new();
    match (
        key(Mode::List, Action::ListDown),
        key(Mode::List, Action::ListUp),
    ) {
        (Some(down), Some(up)) => list.push(format!("{down}/{up} move")),
        (Some(one), None) | (None, Some(one)) => list.push(format!("{one} move")),
        (None, None) => {}
    }
    for (action, what) in [
        (Action::OpenDocument, "open"),
        (Action::CycleSort, "sort"),
        (Action::ToggleHelp, "help"),
        (Action::Quit, "quit"),
    ] {
        if let Some(k) = key(Mode::List, action) {
            list.push(format!("{k} {what}"));
        }
    }
    let mut article = Vec::new();
    for (action, what) in [
        (Action::NextDocument, "next"),
        (Action::PrevDocument, "previous"),
        (Action::Quit, "back to list"),
    ] {
        if let Some(k) = key(Mode::Normal, action) {
            article.push(format!("{k} {what}"));
        }
    }
    let mut text = list.join("  ");
    if !article.is_empty() {
        text.push_str(&format!("  — in an article: {}", article.join(", ")));
    }
    text
}

fn state_word(s: &Summary) -> String {
    if s.annotated == 0 {
        "new".into()
    } else if s.paragraphs.flagged > 0 {
        format!("{} flagged", s.paragraphs.flagged)
    } else if s.paragraphs.todo() == 0 && s.review.total > 0 && s.review.unreviewed() == 0 {
        "reviewed".into()
    } else if s.paragraphs.todo() == 0 {
        "done".into()
    } else {
        "in progress".into()
    }
}

fn progress_cell(s: &Summary) -> String {
    let p = &s.paragraphs;
    let filled = (p.progress() * BAR as f64).round() as usize;
    format!(
        "{}{} {:>3}/{}",
        "█".repeat(filled.min(BAR)),
        "░".repeat(BAR - filled.min(BAR)),
        p.done + p.skipped,
        p.total
    )
}

/// Annotations reviewed of all, then how many were accepted and rejected (each only when
/// there are some): `12/40 ✓11 ✗1`; `–` when the document has no annotation.
fn review_cell(r: &Review) -> String {
    if r.total == 0 {
        return "–".into();
    }
    let mut cell = format!("{}/{}", r.reviewed(), r.total);
    if r.accepted > 0 {
        cell.push_str(&format!(" ✓{}", r.accepted));
    }
    if r.rejected > 0 {
        cell.push_str(&format!(" ✗{}", r.rejected));
    }
    cell
}

/// How far one annotator is: `12/20` paragraphs done or skipped, `–` without a file yet,
/// `!` when their file cannot be read; shortened, a finished file is `✓`.
fn work_progress(work: &Work, short: bool) -> String {
    match &work.progress {
        Progress::NoFile => "–".into(),
        Progress::Broken(_) => "!".into(),
        Progress::Counted(p) if short && p.total > 0 && p.done + p.skipped == p.total => "✓".into(),
        Progress::Counted(p) => format!("{}/{}", p.done + p.skipped, p.total),
    }
}

/// Who annotates a document and how far, in `room` cells: `alice 12/20 · budi 20/20`, else
/// with names cut to three letters (`ali 12/20 bud ✓`), else cut to fit.
fn annotators_cell(works: &[Work], room: usize) -> String {
    let full: Vec<String> = works
        .iter()
        .map(|w| format!("{} {}", w.annotator, work_progress(w, false)))
        .collect();
    let full = full.join(" · ");
    if text_width(&full) <= room {
        return full;
    }
    let short: Vec<String> = works
        .iter()
        .map(|w| {
            let name: String = w.annotator.chars().take(3).collect();
            format!("{name} {}", work_progress(w, true))
        })
        .collect();
    fit(&short.join(" "), room)
}

/// The widest the annotators' cell of `row` can be, without building it.
fn annotators_width(row: &Row) -> usize {
    let cells: usize = row
        .annotators
        .iter()
        .map(|w| {
            let progress = match &w.progress {
                Progress::Counted(p) => digits(p.done + p.skipped) + 1 + digits(p.total),
                _ => 1,
            };
            w.annotator.len() + 1 + progress
        })
        .sum();
    cells + 3 * row.annotators.len().saturating_sub(1)
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// How a line is cut into columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Layout {
    /// The name's cells.
    name: usize,
    /// The annotators' cells (0: no such column).
    annotators: usize,
    /// Whether the columns of counts are shown.
    counts: bool,
}

impl Layout {
    /// The columns of a line `width` cells wide, the annotators' column wanting `wanted`
    /// cells (0 when no document has an annotator) and the names `names` (the longest, and
    /// a cell between it and the next column).
    fn of(width: usize, wanted: usize, names: usize) -> Self {
        let right: usize = COLUMNS.iter().map(|(_, w)| w + 1).sum();
        let wanted = match wanted {
            0 => 0,
            n => n.clamp(ANNOTATORS_MIN, ANNOTATORS_MAX),
        };
        let annotators_room = if wanted == 0 { 0 } else { ANNOTATORS_MIN + 1 };
        if width >= right + NAME_MIN + annotators_room {
            let rest = width - right;
            let kept = names.clamp(NAME_MIN, NAME_ROOM);
            let annotators = match wanted {
                0 => 0,
                w => w.min(rest.saturating_sub(kept + 1).max(ANNOTATORS_MIN)),
            };
            let gap = usize::from(annotators > 0);
            return Self {
                name: rest - annotators - gap,
                annotators,
                counts: true,
            };
        }
        let kept = names.max(NAME_MIN / 2).min(width / 2);
        let annotators = wanted.min(width.saturating_sub(kept + 1));
        if annotators < 6 {
            return Self {
                name: width,
                annotators: 0,
                counts: false,
            };
        }
        Self {
            name: width - annotators - 1,
            annotators,
            counts: false,
        }
    }
}

/// The cells right of the name, or the reason a document is broken.
fn row_cells(row: &Row) -> Result<Vec<String>, String> {
    match &row.state {
        RowState::Pending => Ok(vec!["…".into()]),
        RowState::Broken(trouble) => Err(format!("broken: {}", trouble.short_for(&row.path))),
        RowState::Ready(s) => Ok(vec![
            progress_cell(s),
            s.entity_count().to_string(),
            s.quotes.total.to_string(),
            s.claims.total.to_string(),
            review_cell(&s.review),
            match row.unsettled {
                Some(n) if n > 0 => format!("{n} to settle"),
                _ => state_word(s),
            },
        ]),
    }
}

fn line(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style) {
    let rect = Rect::new(area.x, y, area.width, 1);
    buf.set_style(rect, style);
    draw::text(
        buf,
        (area.x, y),
        area.right(),
        &fit(text, area.width.into()),
        style,
    );
}

/// Writes the name, the annotators and the columns of a row (or header) at line `y`.
fn columns(
    buf: &mut Buffer,
    (area, layout): (Rect, Layout),
    y: u16,
    (name, annotators): (&str, &str),
    cells: Result<Vec<String>, String>,
    styles: (Style, Style),
) {
    let name_width = layout.name;
    let rect = Rect::new(area.x, y, area.width, 1);
    buf.set_style(rect, styles.0);
    let name = fit(name, name_width.saturating_sub(1));
    draw::text(buf, (area.x, y), area.right(), &name, styles.0);
    let mut x = area.x + u16::try_from(name_width).unwrap_or(area.width);
    if layout.annotators > 0 && cells.is_ok() {
        let text = fit(annotators, layout.annotators);
        draw::text(buf, (x, y), area.right(), &text, styles.0);
    }
    if layout.annotators > 0 {
        x = x.saturating_add(u16::try_from(layout.annotators + 1).unwrap_or(area.width));
    }
    match cells {
        Err(reason) => {
            let x = if layout.counts || layout.annotators > 0 {
                area.x + u16::try_from(name_width).unwrap_or(area.width)
            } else {
                area.x + u16::try_from(text_width(&name) + 2).unwrap_or(area.width)
            };
            let room = usize::from(area.right().saturating_sub(x));
            draw::text(buf, (x, y), area.right(), &fit(&reason, room), styles.1);
        }
        Ok(cells) if layout.counts => {
            for (cell, (_, w)) in cells.iter().zip(COLUMNS) {
                let w16 = u16::try_from(w).unwrap_or(0);
                draw::text(
                    buf,
                    (x, y),
                    (x + w16).min(area.right()),
                    &fit(cell, w),
                    styles.0,
                );
                x += w16 + 1;
            }
        }
        Ok(_) => {}
    }
}

/// Draws the list over the whole frame, and the help over it while it is open.
pub fn render(frame: &mut Frame, list: &CorpusList, keymap: &Keymap, theme: &Theme) {
    render_list(frame, list, keymap, theme);
    if let Some(scroll) = list.help {
        let area = frame.area();
        super::help::render_from(frame.buffer_mut(), area, keymap, Mode::List, scroll, theme);
    }
}

fn render_list(frame: &mut Frame, list: &CorpusList, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    if area.is_empty() {
        return;
    }
    let buf = frame.buffer_mut();
    let (read, broken, pending) = list.counts();
    let mut title = format!("tandai  {}", list.root.display());
    if let Some(name) = &list.team.annotator {
        title.push_str(&format!("  ·  {name}'s files"));
    }
    let assigned = if list.team.only_assigned() {
        " assigned"
    } else {
        ""
    };
    title.push_str(&format!(
        "  ·  {} documents{assigned}: {read} read, {broken} broken",
        list.order.len()
    ));
    if list.scanning {
        title.push_str(&format!(", {pending} reading…"));
    }
    title.push_str(&format!("  ·  sorted by {}", list.sort.name()));
    line(buf, area, area.y, &title, theme.title);
    if area.height < 3 {
        return;
    }
    let bottom = area.bottom() - 1;
    let (hint, hint_style) = match (&list.failed, &list.message) {
        (Some(failed), _) => (failed.clone(), theme.warning),
        (None, Some(message)) => (message.clone(), theme.warning),
        (None, None) => (hints(keymap), theme.status),
    };
    line(buf, area, bottom, &hint, hint_style);
    let wanted = if list.has_annotators() {
        list.rows
            .iter()
            .map(annotators_width)
            .max()
            .unwrap_or(0)
            .max(1)
    } else {
        0
    };
    let names = list
        .order
        .iter()
        .map(|&i| text_width(&list.rows[i].name) + 1)
        .max()
        .unwrap_or(0);
    let layout = Layout::of(usize::from(area.width), wanted, names);
    let header = COLUMNS.iter().map(|(h, _)| (*h).to_owned()).collect();
    columns(
        buf,
        (area, layout),
        area.y + 1,
        ("DOCUMENT", "ANNOTATORS"),
        Ok(header),
        (theme.muted, theme.muted),
    );
    let top = area.y + 2;
    let height = usize::from(bottom - top);
    if height == 0 {
        return;
    }
    if list.order.is_empty() {
        let empty = if list.scanning {
            "looking for articles…"
        } else if list.team.only_assigned() {
            "the plan gives this annotator no article here (--all-articles lists every one)"
        } else {
            "no articles (*.txt) in this folder"
        };
        line(buf, area, top, empty, theme.muted);
        return;
    }
    let first = list
        .selected
        .saturating_sub(height / 2)
        .min(list.order.len().saturating_sub(height));
    for (i, &index) in list.order.iter().skip(first).take(height).enumerate() {
        let row = &list.rows[index];
        let y = top + u16::try_from(i).unwrap_or(0);
        let selected = first + i == list.selected;
        let base = if selected {
            theme.highlight
        } else {
            Style::default()
        };
        let reason = if selected {
            theme.highlight
        } else {
            theme.warning
        };
        let annotators = match layout.annotators {
            0 => String::new(),
            room => annotators_cell(&row.annotators, room),
        };
        columns(
            buf,
            (area, layout),
            y,
            (&row.name, &annotators),
            row_cells(row),
            (base, reason),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::state::list::{AnnotatorFile, Team};
    use crate::state::summary::Paragraphs;
    use crate::state::{ListAction, ScanEvent};

    fn counted(done: usize, total: usize) -> Progress {
        Progress::Counted(Paragraphs {
            total,
            done,
            ..Paragraphs::default()
        })
    }

    fn file(annotator: &str, progress: Progress) -> AnnotatorFile {
        AnnotatorFile {
            annotator: annotator.into(),
            progress,
        }
    }

    /// A plan for three articles of `/c`; alice has a file for two of hers, budi for both of
    /// his, citra's file of `sub/c.txt` is broken; dewi has a file the plan does not name.
    fn team_list(annotator: Option<&str>, all_articles: bool) -> CorpusList {
        let plan: HashMap<PathBuf, Vec<String>> = [
            ("/c/a.txt", ["alice", "budi"]),
            ("/c/b.txt", ["budi", "citra"]),
            ("/c/sub/c.txt", ["alice", "citra"]),
        ]
        .into_iter()
        .map(|(path, names)| (path.into(), names.map(String::from).to_vec()))
        .collect();
        let team = Team {
            annotator: annotator.map(String::from),
            plan: Some(plan),
            all_articles,
        };
        let mut list = CorpusList::for_team("/c", team);
        let articles = ["/c/a.txt", "/c/b.txt", "/c/sub/c.txt"].map(PathBuf::from);
        list.update(ListAction::Scanned(ScanEvent::Listed {
            articles: articles.to_vec(),
            troubles: Vec::new(),
        }));
        let found = [
            vec![
                file("alice", counted(12, 20)),
                file("budi", counted(20, 20)),
            ],
            vec![file("budi", counted(3, 9)), file("dewi", counted(9, 9))],
            vec![
                file("alice", counted(0, 31)),
                file("citra", Progress::Broken("x:1:1: bad".into())),
            ],
        ];
        for (index, annotators) in found.into_iter().enumerate() {
            let mut summary = Summary {
                documents: 1,
                annotated: 1,
                ..Summary::default()
            };
            summary.paragraphs.total = 20;
            summary.paragraphs.done = 12;
            list.update(ListAction::Scanned(ScanEvent::Summary {
                index,
                result: Ok(summary),
                annotators,
                // a.txt: alice and budi differ at 3 places; b.txt: all settled.
                unsettled: [Some(3), Some(0), None][index],
            }));
        }
        list.update(ListAction::Scanned(ScanEvent::Done));
        list.prepare();
        list
    }

    fn screen(list: &CorpusList, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let keymap = Keymap::embedded_default();
        terminal
            .draw(|frame| render(frame, list, &keymap, &Theme::plain()))
            .unwrap();
        let buf = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    #[test]
    fn every_article_shows_who_annotates_it_and_how_far() {
        insta::assert_snapshot!(screen(&team_list(None, false), 120, 7));
    }

    #[test]
    fn an_annotator_sees_their_assigned_articles_shortened_when_narrow() {
        let list = team_list(Some("alice"), false);
        let wide = screen(&list, 120, 6);
        assert!(
            wide.contains("alice's files  ·  2 documents assigned"),
            "{wide}"
        );
        assert!(!wide.contains("b.txt"), "not alice's:\n{wide}");
        insta::assert_snapshot!(wide);
        insta::assert_snapshot!(screen(&list, 44, 6));
    }

    #[test]
    fn all_articles_lists_those_of_others_too() {
        let list = team_list(Some("alice"), true);
        let text = screen(&list, 120, 7);
        assert!(text.contains("3 documents: 3 read"), "{text}");
        assert!(text.contains("budi 3/9 · citra – · dewi 9/9"), "{text}");
    }

    #[test]
    fn annotators_cells_shorten_to_fit() {
        let works = vec![
            Work {
                annotator: "alice".into(),
                planned: true,
                progress: counted(12, 20),
            },
            Work {
                annotator: "budi".into(),
                planned: true,
                progress: counted(20, 20),
            },
            Work {
                annotator: "citra".into(),
                planned: true,
                progress: Progress::NoFile,
            },
        ];
        let full = "alice 12/20 · budi 20/20 · citra –";
        assert_eq!(annotators_cell(&works, 40), full);
        assert_eq!(
            annotators_width(&Row {
                path: "/a".into(),
                name: "a".into(),
                state: RowState::Pending,
                annotators: works.clone(),
                unsettled: None,
            }),
            text_width(full)
        );
        assert_eq!(annotators_cell(&works, 30), "ali 12/20 bud ✓ cit –");
        assert_eq!(annotators_cell(&works, 12), "ali 12/20 b…");
    }

    #[test]
    fn the_annotators_column_takes_room_from_the_name_first() {
        assert_eq!(
            Layout::of(120, 0, 10),
            Layout {
                name: 51,
                annotators: 0,
                counts: true
            }
        );
        let wide = Layout::of(120, 34, 40);
        assert_eq!((wide.annotators, wide.name, wide.counts), (26, 24, true));
        let short_names = Layout::of(120, 34, 6);
        assert_eq!((short_names.annotators, short_names.name), (34, 16));
        let narrow = Layout::of(60, 34, 40);
        assert_eq!(
            (narrow.annotators, narrow.name, narrow.counts),
            (29, 30, false)
        );
        let narrow = Layout::of(60, 34, 10);
        assert_eq!((narrow.annotators, narrow.name), (34, 25));
        assert_eq!(Layout::of(10, 34, 5).annotators, 0);
    }

    fn review(total: usize, accepted: usize, rejected: usize) -> Review {
        Review {
            total,
            accepted,
            rejected,
        }
    }

    #[test]
    fn review_cell_shows_reviewed_of_all_then_accepted_and_rejected() {
        assert_eq!(review_cell(&review(0, 0, 0)), "–");
        assert_eq!(review_cell(&review(40, 0, 0)), "0/40");
        assert_eq!(review_cell(&review(40, 11, 1)), "12/40 ✓11 ✗1");
        assert_eq!(review_cell(&review(5, 0, 2)), "2/5 ✗2");
        assert!(text_width(&review_cell(&review(1000, 998, 2))) <= COLUMNS[4].1);
    }

    #[test]
    fn hints_come_from_the_keymap() {
        assert_eq!(
            hints(&Keymap::embedded_default()),
            "j/k move  <Enter> open  s sort  ? help  q quit  — in an article: ] next, [ previous, \
             q back to list"
        );
        let arrows =
            Keymap::from_ron(include_str!("../../keymaps/arrows.ron"), "arrows.ron").unwrap();
        assert_eq!(
            hints(&arrows),
            "<Down>/<Up> move  <Enter> open  <F5> sort  <F1> help  <C-q> quit  — in an article: \
             <C-PageDown> next, <C-PageUp> previous, <C-q> back to list"
        );
        let bare = Keymap::from_ron(r#"Keymap(list: { "o": OpenDocument })"#, "k.ron").unwrap();
        assert_eq!(hints(&bare), "o open");
    }

    #[test]
    fn a_done_document_with_everything_reviewed_says_so() {
        let mut s = Summary {
            annotated: 1,
            ..Summary::default()
        };
        s.paragraphs.total = 2;
        s.paragraphs.done = 2;
        s.review = review(3, 2, 0);
        assert_eq!(state_word(&s), "done");
        s.review.rejected = 1;
        assert_eq!(state_word(&s), "reviewed");
    }
}

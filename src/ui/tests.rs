//! Screen tests: whole frames drawn on a `TestBackend`.

use crate::model::smallvec;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::{Theme, render};
use crate::keymap::{Keymap, Mode};
use crate::model::{
    AnnotationSet, Checkworthy, Claim, Cue, Document, Edit, Entity, Item, ParagraphStatus, Quote,
    QuoteKind, Span,
};
use crate::state::{AppState, Picker, SaveStatus, Selection};

const SAMPLE: &str = include_str!("../../sample-data/korut-dukung-rusia.txt");

/// The character span of the `nth` (0-based) occurrence of `needle` in the document.
fn find(doc: &Document, needle: &str, nth: usize) -> Span {
    let (byte, _) = doc.text().match_indices(needle).nth(nth).expect(needle);
    let start = doc.text()[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

/// The cue word of the sample quote.
fn kata(doc: &Document) -> Span {
    let start = find(doc, "kata Menlu", 0).start;
    Span::new(start, start + 4)
}

fn entity(doc: &Document, id: &str, label: &str, needle: &str, nth: usize) -> Item {
    Item::Entity(Entity {
        id: id.into(),
        label: label.into(),
        spans: smallvec![find(doc, needle, nth)],
        text: needle.into(),
        note: None,
        review: Default::default(),
        source: Default::default(),
        by: Default::default(),
        attributes: Vec::new(),
    })
}

/// The sample article with a few entities, a quote and a claim, focused on the quote.
fn sample_state() -> AppState {
    let doc = Document::new(SAMPLE);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    let quote_text = "“Kami ulangi bahwa kami akan selalu mendukung kawan-kawan Rusia kami hingga hari kemenangan,”";
    let items = [
        entity(&doc, "e1", "PER", "Choe Son Hui", 0),
        entity(&doc, "e2", "LOC", "Korea Utara", 0),
        entity(&doc, "e3", "PER", "Sergei Lavrov", 0),
        entity(&doc, "e4", "LOC", "Rusia", 4),
        entity(&doc, "e5", "PER", "Choe Son Hui", 1),
        entity(&doc, "e6", "ORG", "AFP", 0),
        Item::Quote(Quote {
            id: "q1".into(),
            kind: QuoteKind::Direct,
            spans: smallvec![find(&doc, quote_text, 0)],
            text: quote_text.into(),
            cue: Some(Cue {
                spans: smallvec![kata(&doc)],
                text: "kata".into(),
            }),
            speaker: Some("e5".into()),
            note: Some("said in Moscow\nsecond line".into()),
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        }),
        Item::Claim(Claim {
            id: "c1".into(),
            spans: smallvec![find(&doc, "ribuan pasukan Korea Utara berada di Rusia", 0)],
            text: "ribuan pasukan Korea Utara berada di Rusia".into(),
            claimant: None,
            quote: None,
            checkworthy: Some(Checkworthy::Yes),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        }),
    ];
    for item in items {
        set.apply(&Edit::Insert(item));
    }
    for (paragraph, after) in [
        (0, ParagraphStatus::Done),
        (1, ParagraphStatus::Flagged),
        (2, ParagraphStatus::Skipped),
    ] {
        set.apply(&Edit::Status {
            paragraph,
            before: ParagraphStatus::Todo,
            after,
        });
    }
    let mut state = AppState::new(
        doc,
        set,
        Keymap::embedded_default(),
        "korut-dukung-rusia.txt",
    );
    state.focus_paragraph(3);
    state.cursor = kata(&state.doc).start;
    state
}

fn draw(state: &AppState, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(frame, state, theme)).unwrap();
    terminal.backend().buffer().clone()
}

/// The buffer as text, one line per row, skipping cells hidden by wide characters.
fn screen(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in buf.area.left()..buf.area.right() {
            let symbol = buf[(x, y)].symbol();
            if skip == 0 {
                line.push_str(symbol);
                skip = unicode_width::UnicodeWidthStr::width(symbol).max(1);
            }
            skip -= 1;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn cell_at(buf: &Buffer, needle: &str) -> (u16, u16) {
    let text = screen(buf);
    for (y, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..byte]);
            return (x as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{text}");
}

#[test]
fn normal_80x24() {
    let state = sample_state();
    insta::assert_snapshot!(screen(&draw(&state, &Theme::plain(), 80, 24)));
}

#[test]
fn narrow_40x12_has_no_side_panel() {
    let mut state = sample_state();
    state.save_status = SaveStatus::Failed("disk full".into());
    insta::assert_snapshot!(screen(&draw(&state, &Theme::plain(), 40, 12)));
}

/// Every mode at sizes down to one cell draws without panicking, and what fits is what matters
/// most: the status line (or, in a prompt mode one row high, the prompt) on the last row, the
/// prompt above the status line when there is room, the overlay's title, the counts once the
/// row is wide enough, and the word under the cursor in the article even one column wide. Both
/// themes draw the same text.
#[test]
fn tiny_sizes_do_not_panic() {
    let mut state = sample_state();
    for (mode, name, prompt, title) in [
        (Mode::Normal, " NORMAL", None, None),
        (Mode::Search, " SEARCH", Some("/Korea 東京"), None),
        (Mode::Picker, " LINK", None, Some("speaker for q1")),
        (Mode::Note, " NOTE", Some("note: Korea 東京"), None),
        (Mode::Help, " HELP", None, Some("Help")),
        (Mode::Review, " REVIEW", None, Some("Review · 8/8")),
        (
            Mode::ReviewFilter,
            " FILTER",
            Some("filter:"),
            Some("Review · 8/8"),
        ),
    ] {
        state.mode = mode;
        state.prompt = "Korea 東京".into();
        state.picker = Some(picker_for(&state));
        for (w, h) in [
            (20, 6),
            (1, 1),
            (1, 6),
            (20, 1),
            (2, 2),
            (59, 3),
            (60, 4),
            (300, 80),
        ] {
            let text = screen(&draw(&state, &Theme::plain(), w, h));
            assert_eq!(
                screen(&draw(&state, &Theme::colored(), w, h)),
                text,
                "{mode:?} {w}x{h}"
            );
            let rows: Vec<&str> = text.lines().collect();
            assert_eq!(rows.len(), usize::from(h), "{mode:?} {w}x{h}");
            let last = rows[rows.len() - 1];
            let context = format!("{mode:?} {w}x{h}:\n{text}");
            if w < 20 {
                if mode == Mode::Normal && h >= 2 {
                    assert!(text.replace('\n', "").contains("ka"), "{context}");
                }
                continue;
            }
            match prompt {
                Some(prompt) if h == 1 => assert!(last.starts_with(prompt), "{context}"),
                _ => assert!(last.starts_with(name), "{context}"),
            }
            if h < 3 {
                continue;
            }
            if let Some(prompt) = prompt {
                assert!(rows[rows.len() - 2].starts_with(prompt), "{context}");
            }
            if w >= 59 {
                assert!(last.contains("¶ 4/24  E 6 Q 1 C 1"), "{context}");
            }
            if let Some(title) = title.filter(|_| h >= 4 || mode == Mode::Review) {
                assert!(text.contains(title), "{context}");
            }
            if mode == Mode::Normal {
                assert!(text.contains("kata"), "{context}");
            }
        }
    }
    state.mode = Mode::Normal;
    insta::assert_snapshot!(screen(&draw(&state, &Theme::plain(), 20, 6)));
}

fn picker_for(state: &AppState) -> Picker {
    let quote = state.annotations.quote("q1").unwrap();
    Picker::new("q1", &quote.spans, &state.annotations, &state.doc)
}

#[test]
fn entity_has_its_label_colour_and_the_cursor_word_is_reversed() {
    let state = sample_state();
    let buf = draw(&state, &Theme::colored(), 80, 24);
    let (x, y) = cell_at(&buf, "Utara Choe Son");
    let x = x + 6;
    assert_eq!(buf[(x, y)].fg, Color::LightBlue);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = cell_at(&buf, "kata Menlu");
    for dx in 0..4 {
        assert!(buf[(x + dx, y)].modifier.contains(Modifier::REVERSED));
    }
    assert!(!buf[(x + 4, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn selection_is_visible_and_context_is_dimmed() {
    let mut state = sample_state();
    let span = find(&state.doc, "Menlu Korea", 0);
    state.selection = Some(Selection { anchor: span, span });
    for theme in [Theme::colored(), Theme::plain()] {
        let buf = draw(&state, &theme, 80, 24);
        let (x, y) = cell_at(&buf, "Menlu Korea");
        assert_eq!(
            buf[(x, y)].style().patch(theme.selection),
            buf[(x, y)].style()
        );
        let (x, y) = cell_at(&buf, "Negara-negara");
        assert!(buf[(x, y)].modifier.contains(Modifier::DIM));
    }
}

#[test]
fn no_color_draws_no_colour() {
    let mut state = sample_state();
    state.mode = Mode::Picker;
    state.picker = Some(picker_for(&state));
    let buf = draw(&state, &Theme::plain(), 80, 24);
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}

#[test]
fn control_characters_never_reach_a_cell() {
    let text = "Evil \u{1b}]52;c;aGk=\u{7}paste \u{1b}[2J\u{9b}31m \u{202e}txt.exe \u{200b}x\tz\r\n東京 👩\u{200d}👩\u{200d}👧 e\u{301}\n";
    let doc = Document::new(text);
    let set = AnnotationSet::new(doc.paragraphs().len());
    let mut state = AppState::new(doc, set, Keymap::embedded_default(), "evil\u{1b}[31m.txt");
    state.message = Some("bad\u{7}message".into());
    let buf = draw(&state, &Theme::colored(), 80, 8);
    for cell in &buf.content {
        assert!(
            !cell.symbol().chars().any(|c| (c as u32) < 0x20
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?}",
            cell.symbol()
        );
    }
    insta::assert_snapshot!(screen(&buf));
}

#[test]
fn picker_popup() {
    let mut state = sample_state();
    state.mode = Mode::Picker;
    let mut picker = picker_for(&state);
    picker.selected = 1;
    state.picker = Some(picker);
    insta::assert_snapshot!(screen(&draw(&state, &Theme::plain(), 80, 24)));
}

#[test]
fn help_overlay_is_built_from_the_keymap() {
    let mut state = sample_state();
    state.mode = Mode::Help;
    insta::assert_snapshot!(screen(&draw(&state, &Theme::plain(), 80, 24)));
    state.help_scroll = 1000;
    let buf = draw(&state, &Theme::colored(), 60, 12);
    let (x, y) = cell_at(&buf, "LOC");
    assert_eq!(buf[(x, y)].fg, Color::LightMagenta);
}

#[test]
fn search_prompt_shows_text_and_cursor() {
    let mut state = sample_state();
    state.mode = Mode::Search;
    state.prompt = "Korea Utara".into();
    state.pending_keys = "g".into();
    let mut terminal = Terminal::new(TestBackend::new(40, 12)).unwrap();
    terminal
        .draw(|frame| render(frame, &state, &Theme::plain()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let (x, y) = cell_at(&buf, "/Korea Utara");
    assert_eq!(y, 10);
    assert!(buf[(x + 12, y)].modifier.contains(Modifier::REVERSED));
    terminal.backend_mut().assert_cursor_position((x + 12, y));
    insta::assert_snapshot!(screen(&buf));
}

#[test]
fn tall_paragraph_scrolls_to_the_cursor() {
    let long: String = (0..200).map(|i| format!("w{i} ")).collect();
    let doc = Document::new(format!("first\n{long}\nlast\n"));
    let set = AnnotationSet::new(doc.paragraphs().len());
    let mut state = AppState::new(doc, set, Keymap::embedded_default(), "long.txt");
    state.focus_paragraph(1);
    state.cursor = find(&state.doc, "w150 ", 0).start;
    let buf = draw(&state, &Theme::plain(), 30, 8);
    let (x, y) = cell_at(&buf, "w150");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(y < 7);
}

#[test]
fn status_bar_keeps_message_and_failed_save_visible() {
    let mut state = sample_state();
    state.message = Some("nothing to undo".into());
    state.save_status = SaveStatus::Failed("permission denied".into());
    let theme = Theme::colored();
    let buf = draw(&state, &theme, 80, 6);
    let status = screen(&buf).lines().last().unwrap().to_owned();
    assert!(status.contains("nothing to undo"), "{status}");
    assert!(status.contains("permission denied"), "{status}");
    assert!(status.ends_with("not saved"), "{status}");
    let (x, y) = cell_at(&buf, "not saved");
    assert_eq!(buf[(x, y)].bg, Color::Red);
}

#[test]
fn a_long_read_only_reason_never_hides_press_q_again() {
    use crate::action::Action;
    let mut state = sample_state();
    state.save_status = SaveStatus::Failed(
        "read-only (pid 4242 on newsroom-desk-3 has it): changes kept in \
         korut-dukung-rusia.ann.conflict.ron"
            .into(),
    );
    state.update(Action::Quit);
    for width in [80, 100, 120] {
        let buf = draw(&state, &Theme::plain(), width, 8);
        let status = screen(&buf).lines().last().unwrap().to_owned();
        assert!(status.contains("press q again"), "{width}: {status}");
        assert!(status.ends_with("not saved"), "{width}: {status}");
    }
}

/// The sample state with its review panel open, the quote highlighted and some statuses set.
fn review_state() -> AppState {
    use crate::action::Action;
    use crate::model::ReviewStatus;
    let mut state = sample_state();
    let decide = |state: &mut AppState, id: &str, status: ReviewStatus| {
        let before = state.annotations.get(id).unwrap();
        let mut after = before.clone();
        after.set_review(status);
        state.annotations.apply(&Edit::Replace { before, after });
    };
    decide(&mut state, "e1", ReviewStatus::Accepted);
    decide(&mut state, "e6", ReviewStatus::Rejected);
    state.update(Action::ToggleReview);
    while state.review_current().is_some_and(|r| r.id != "q1") {
        state.update(Action::ListDown);
    }
    state
}

#[test]
fn review_panel_80x24() {
    let state = review_state();
    let buf = draw(&state, &Theme::plain(), 80, 24);
    insta::assert_snapshot!(screen(&buf));
    // The highlighted annotation is selected in the article beside the panel.
    let (x, y) = cell_at(&buf, "Kami ulangi");
    assert!(x < 40);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

/// Only a row with a problem carries the warning colour in its problem column (the cell after
/// the status glyph); a row without one has no red cell at all.
#[test]
fn only_rows_with_a_problem_are_marked_in_the_warning_colour() {
    let state = review_state();
    let buf = draw(&state, &Theme::colored(), 80, 24);
    let text = screen(&buf);
    let (panel_x, _) = cell_at(&buf, "Review · 8/8");
    let (mut marked, mut clean) = (0, 0);
    // A row of the list: a status glyph, the problem column, then `¶` and the paragraph.
    for (y, line) in text.lines().enumerate() {
        let Some((before, _)) = line.split_once('¶') else {
            continue;
        };
        let x = unicode_width::UnicodeWidthStr::width(before) as u16;
        let status = before.trim_end_matches(['!', ' ']);
        if x <= panel_x || !status.ends_with(['·', '✓', '✗']) {
            continue;
        }
        let y = y as u16;
        let red = |x: u16| buf[(x, y)].bg == Color::Red;
        if buf[(x - 1, y)].symbol() == "!" {
            assert!(
                red(x - 1),
                "row {y} has a problem but no warning colour:\n{text}"
            );
            marked += 1;
        } else {
            assert!(
                !red(x - 1),
                "row {y} has no problem but a red cell:\n{text}"
            );
            assert!(
                !status.ends_with('✗'),
                "the sample's rejected row has a problem"
            );
            let reds = (panel_x..80).filter(|&x| red(x)).count();
            assert_eq!(reds, 0, "row {y} has no problem but a red cell:\n{text}");
            clean += 1;
        }
    }
    assert!(
        marked >= 3 && clean >= 2,
        "marked {marked}, clean {clean}:\n{text}"
    );
}

#[test]
fn review_panel_narrow_40x12_takes_the_screen() {
    let state = review_state();
    insta::assert_snapshot!(screen(&draw(&state, &Theme::plain(), 40, 12)));
}

#[test]
fn review_filter_prompt_shows_the_query() {
    use crate::action::Action;
    let mut state = review_state();
    state.update(Action::FilterReview);
    for c in "korea".chars() {
        state.update(Action::InsertChar(c));
    }
    insta::assert_snapshot!(screen(&draw(&state, &Theme::plain(), 80, 12)));
}

#[test]
fn hidden_joiners_and_tag_characters_show_as_placeholder_cells() {
    let tags = |ascii: &str| -> String {
        ascii
            .chars()
            .map(|c| char::from_u32(0xe0000 + c as u32).unwrap())
            .collect()
    };
    let scotland = format!("🏴{}\u{e007f}", tags("gbsct"));
    let persian = "می\u{200c}خواهم";
    let text = format!(
        "Tag{} lalu \u{200d}spasi {scotland} akhir\u{200c}\n{}awal {persian}\n",
        tags("AB"),
        tags("hi")
    );
    let doc = Document::new(text.as_str());
    let set = AnnotationSet::new(doc.paragraphs().len());
    let state = AppState::new(doc, set, Keymap::embedded_default(), "tags.txt");
    let buf = draw(&state, &Theme::plain(), 80, 8);

    let (x, y) = cell_at(&buf, "lalu");
    assert_eq!(buf[(x - 3, y)].symbol(), "g⍰");
    let (x, y) = cell_at(&buf, "spasi");
    assert_eq!(buf[(x - 2, y)].symbol(), " ⍰");
    let (x, y) = cell_at(&buf, "akhir");
    assert_eq!(buf[(x + 4, y)].symbol(), "r⍰");
    let (x, y) = cell_at(&buf, "awal");
    assert_eq!(buf[(x - 1, y)].symbol(), "⍰");
    let (x, y) = cell_at(&buf, "akhir");
    assert_eq!(
        buf[(x - 3, y)].symbol(),
        scotland,
        "the flag keeps its tags"
    );
    assert!(
        buf.content.iter().any(|c| c.symbol() == "ی\u{200c}"),
        "the Persian ZWNJ keeps its job"
    );
    let hidden =
        |c: char| ('\u{e0000}'..='\u{e007f}').contains(&c) || "\u{200c}\u{200d}".contains(c);
    for cell in &buf.content {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(hidden) || symbol == scotland || persian.contains(symbol),
            "{symbol:?} reaches the terminal"
        );
    }
    assert!(screen(&buf).contains(&format!("Tag⍰ lalu ⍰spasi {scotland} akhir⍰")));
}

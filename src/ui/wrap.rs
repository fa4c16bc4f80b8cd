//! Word wrapping by grapheme cluster and display width, keeping the document character
//! offset of every cluster so styles can be looked up by offset.

use compact_str::CompactString;

use super::sanitize::{self, TAB_WIDTH};

/// One cluster placed on a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph {
    /// What the cell shows (already sanitised); kept inline, without an allocation, up to
    /// 24 bytes.
    pub symbol: CompactString,
    /// Cells it takes (1 or 2).
    pub width: usize,
    /// Document character offset of the cluster's first character.
    pub offset: usize,
}

/// A wrapped line: its clusters, left to right.
pub type Line = Vec<Glyph>;

/// True for the clusters a line may break at; a no-break space is not one of them.
fn is_break(g: &str) -> bool {
    g.chars().all(|c| {
        matches!(
            c,
            ' ' | '\t' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}'
        )
    })
}

/// A run of glyphs of one kind: spaces (where a line may break) or a word (which stays on a
/// line when it can).
struct Run {
    space: bool,
    /// Glyphs `from..to` of the glyph list.
    from: usize,
    to: usize,
    width: usize,
}

/// The glyphs of `text` and their runs, in order.
fn runs(text: &str, start: usize) -> (Vec<Glyph>, Vec<Run>) {
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(text.len());
    let mut runs: Vec<Run> = Vec::new();
    let mut offset = start;
    // Whether the last run is a word holding a wide glyph (a wide glyph is a word of its own).
    let mut last_wide = false;
    for (g, symbol) in sanitize::clusters(text) {
        let from = glyphs.len();
        let space = is_break(g);
        if g == "\t" {
            glyphs.extend((0..TAB_WIDTH).map(|_| Glyph {
                symbol: CompactString::const_new(" "),
                width: 1,
                offset,
            }));
        } else {
            let width = sanitize::grapheme_width(&symbol);
            glyphs.push(Glyph {
                symbol: CompactString::from(symbol.as_ref()),
                width,
                offset,
            });
        }
        offset += if g.len() == 1 { 1 } else { g.chars().count() };
        let width: usize = glyphs[from..].iter().map(|x| x.width).sum();
        let wide = !space && glyphs[from..].iter().any(|x| x.width > 1);
        let to = glyphs.len();
        match runs.last_mut() {
            Some(run) if run.space && space => {
                run.to = to;
                run.width += width;
            }
            Some(run) if !run.space && !space && !wide && !last_wide => {
                run.to = to;
                run.width += width;
            }
            _ => {
                runs.push(Run {
                    space,
                    from,
                    to,
                    width,
                });
                last_wide = wide;
            }
        }
    }
    (glyphs, runs)
}

/// Wraps `text`, whose first character is document offset `start`, into lines at most
/// `width` cells wide (a width of 0 counts as 1). Lines break at spaces and tabs (dropped at
/// the break) and around wide (CJK) characters; a word longer than a line is cut between
/// clusters. A cluster wider than `width` gets a line of its own. Always at least one line.
pub fn wrap(text: &str, start: usize, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let (glyphs, runs) = runs(text, start);
    let mut glyphs = glyphs.into_iter();
    let mut lines: Vec<Line> = vec![Vec::new()];
    let mut used = 0;
    // The spaces before the next word: `(width, how many glyphs)`, taken from `glyphs`
    // only when the word is placed.
    let mut pending = (0, 0);
    for run in runs {
        let count = run.to - run.from;
        if run.space {
            pending = (pending.0 + run.width, pending.1 + count);
            continue;
        }
        let (gap, spaces) = std::mem::take(&mut pending);
        let line = lines.last_mut().expect("never empty");
        if used + gap + run.width <= width {
            line.extend(glyphs.by_ref().take(spaces));
            used += gap;
        } else {
            glyphs.by_ref().take(spaces).for_each(drop);
            if used > 0 {
                lines.push(Vec::new());
                used = 0;
            }
        }
        for glyph in glyphs.by_ref().take(count) {
            if used > 0 && used + glyph.width > width {
                lines.push(Vec::new());
                used = 0;
            }
            used += glyph.width;
            lines.last_mut().expect("never empty").push(glyph);
        }
    }
    lines
}

/// `text` sanitised and cut to at most `width` cells, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let clean = sanitize::sanitize(text);
    let mut out = String::new();
    let mut used = 0;
    let graphemes: Vec<&str> = sanitize::graphemes(&clean).collect();
    let total: usize = graphemes.iter().map(|g| sanitize::grapheme_width(g)).sum();
    if total <= width {
        return clean;
    }
    let room = width.saturating_sub(1);
    for g in graphemes {
        let w = sanitize::grapheme_width(g);
        if used + w > room {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Display width of `text` once sanitised.
pub fn text_width(text: &str) -> usize {
    sanitize::graphemes(&sanitize::sanitize(text))
        .map(sanitize::grapheme_width)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|g| g.symbol.as_str()).collect())
            .collect()
    }

    fn widths(lines: &[Line]) -> Vec<usize> {
        lines
            .iter()
            .map(|l| l.iter().map(|g| g.width).sum())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        let lines = wrap("Kami ulangi bahwa kami akan", 0, 11);
        assert_eq!(show(&lines), ["Kami ulangi", "bahwa kami", "akan"]);
    }

    #[test]
    fn offsets_are_document_characters() {
        let lines = wrap("ab cd", 100, 2);
        let offsets: Vec<Vec<usize>> = lines
            .iter()
            .map(|l| l.iter().map(|g| g.offset).collect())
            .collect();
        assert_eq!(offsets, [vec![100, 101], vec![103, 104]]);
    }

    #[test]
    fn long_word_is_cut_between_clusters() {
        let lines = wrap("Bergelora.com x", 0, 6);
        assert_eq!(show(&lines), ["Bergel", "ora.co", "m x"]);
    }

    #[test]
    fn cjk_counts_two_cells_and_breaks_between_characters() {
        let lines = wrap("ab 東京タワー", 0, 6);
        assert_eq!(show(&lines), ["ab 東", "京タワ", "ー"]);
        assert!(widths(&lines).iter().all(|w| *w <= 6));
        assert_eq!(lines[1][0].offset, 4);
    }

    #[test]
    fn emoji_zwj_and_combining_marks_are_one_cluster() {
        let text = "👩\u{200d}👩\u{200d}👧 e\u{301}x";
        let lines = wrap(text, 0, 80);
        let glyphs = &lines[0];
        assert_eq!(glyphs[0].symbol, "👩\u{200d}👩\u{200d}👧");
        assert_eq!(glyphs[0].width, 2);
        assert_eq!(glyphs[1].offset, 5);
        assert_eq!(glyphs[2].symbol, "e\u{301}");
        assert_eq!((glyphs[2].offset, glyphs[2].width), (6, 1));
        assert_eq!(glyphs[3].offset, 8);
    }

    #[test]
    fn tab_is_four_spaces_and_a_break() {
        let lines = wrap("a\tb", 0, 80);
        assert_eq!(show(&lines), ["a    b"]);
        assert_eq!(lines[0][5].offset, 2);
        assert_eq!(show(&wrap("aaa\tbbb", 0, 4)), ["aaa", "bbb"]);
    }

    #[test]
    fn a_cluster_wider_than_the_line_gets_its_own_line() {
        let lines = wrap("東京", 0, 1);
        assert_eq!(show(&lines), ["東", "京"]);
        assert_eq!(wrap("", 0, 0).len(), 1);
    }

    #[test]
    fn fit_truncates_by_display_width() {
        assert_eq!(fit("東京タワー", 5), "東京…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("a\u{1b}b", 10), "a␛b");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(text_width("東x"), 3);
    }
}

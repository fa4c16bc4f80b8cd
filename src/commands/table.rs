//! Plain-text tables: columns padded to their widest cell, measured in terminal columns.

use unicode_width::UnicodeWidthStr;

/// Lays out `rows` (the first is the header) as lines of columns two spaces apart; trailing
/// spaces are trimmed. Cells must be single lines.
pub fn render(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(&widths) {
            line.push_str(cell);
            line.push_str(&" ".repeat(width - cell.width() + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `text` on one line (line breaks and controls shown as spaces), cut to at most `max`
/// columns with an ellipsis.
pub fn cell(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.width() <= max {
        return flat;
    }
    let mut out = String::new();
    for c in flat.chars() {
        if (out.as_str().width() + c.to_string().width()) >= max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width_and_cuts_long_cells() {
        let rows = vec![
            vec!["ID".into(), "TEXT".into(), "X".into()],
            vec!["e1".into(), "東京".into(), "y".into()],
            vec!["e10".into(), "ab".into(), String::new()],
        ];
        assert_eq!(render(&rows), "ID   TEXT  X\ne1   東京  y\ne10  ab\n");
        assert_eq!(cell("abcdef", 4), "abc…");
        assert_eq!(cell("a\nb", 4), "a b");
        assert_eq!(cell("東京都", 4), "東…");
    }
}

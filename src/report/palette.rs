//! Which of the report's eight label styles a label gets: the same everywhere in a report, so a
//! label looks the same on every page. Each style is an Okabe–Ito colour with a border pattern
//! of its own (`report.css`), and the label's name is always written beside the text, so no
//! meaning rests on colour alone.

/// Labels of tandai's default label set, in their styles' order.
const KNOWN: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Styles in `report.css` (`.l0` … `.l7`).
pub const STYLES: usize = 8;

/// The style of `label`: the default labels take the first four; any other label one of the
/// last four, by a hash of its name (stable across runs and pages).
pub fn style_of(label: &str) -> usize {
    if let Some(i) = KNOWN.iter().position(|k| *k == label) {
        return i;
    }
    let mut hash: u32 = 0x811c_9dc5;
    for byte in label.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    KNOWN.len() + (hash as usize) % (STYLES - KNOWN.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_labels_take_the_first_styles_and_others_stay_in_range() {
        assert_eq!(["PER", "ORG", "LOC", "MISC"].map(style_of), [0, 1, 2, 3]);
        for label in ["GPE", "DATE", "EVENT", "NORP", "x", ""] {
            let s = style_of(label);
            assert!((4..STYLES).contains(&s), "{label}: {s}");
            assert_eq!(s, style_of(label), "stable");
        }
    }
}

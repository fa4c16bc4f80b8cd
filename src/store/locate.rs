//! Where an annotation's id is written in an annotation file, to point errors at it; finding
//! fields and places in RON text is [`ron_locate`](crate::ron_locate)'s.

pub use crate::ron_locate::{field, place_of_byte, skip_blank};

use super::error::Place;

/// Place of the `nth` (0-based) `id: "<id>"` in `text`.
pub fn id(text: &str, id: &str, nth: usize) -> Option<Place> {
    let quoted = format!("\"{id}\"");
    crate::ron_locate::fields(text)
        .filter(|(n, _, value)| *n == "id" && text[*value..].starts_with(&quoted))
        .nth(nth)
        .map(|(_, place, _)| place)
}

/// Place of the `nth` (0-based) recorded conflict (its `about:` field) in `text`.
pub fn conflict(text: &str, nth: usize) -> Option<Place> {
    crate::ron_locate::fields(text)
        .filter(|(n, _, _)| *n == "about")
        .nth(nth)
        .map(|(_, place, _)| place)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Annotations(\n  // id: \"e1\"\n  a: (note: \"id: \\\"e1\\\"\", x: r#\"id: \"e1\"\"#),\n  b: [(id: \"e1\"), (id:\"e1\")],\n)";

    #[test]
    fn finds_ids_outside_strings_and_comments() {
        assert_eq!(id(SOURCE, "e1", 0), Some(Place { line: 4, column: 8 }));
        assert_eq!(
            id(SOURCE, "e1", 1),
            Some(Place {
                line: 4,
                column: 20
            })
        );
        assert_eq!(id(SOURCE, "e1", 2), None);
        assert_eq!(id(SOURCE, "e", 0), None);
    }
}

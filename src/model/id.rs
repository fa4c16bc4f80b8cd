//! Annotation ids (`e12`, `q3`, `c7`): the kind a prefix letter names and the number after it.
//!
//! The one place an id is taken apart: the set's index, re-basing, validation on load and the
//! journal's quick check all read ids through these functions.

/// The kinds of annotation an id may name, each with its prefix letter (ordered as the file
/// lists them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// `e<n>`.
    Entity,
    /// `q<n>`.
    Quote,
    /// `c<n>`.
    Claim,
}

impl IdKind {
    /// Every kind, in the order the file lists them.
    pub const ALL: [IdKind; 3] = [IdKind::Entity, IdKind::Quote, IdKind::Claim];

    /// The kind's place in the order the file lists them (entity 0, quote 1, claim 2): at one
    /// place in the text, entities come first.
    pub fn order(self) -> u8 {
        match self {
            IdKind::Entity => 0,
            IdKind::Quote => 1,
            IdKind::Claim => 2,
        }
    }

    /// The letter ids of this kind start with.
    pub fn prefix(self) -> char {
        match self {
            IdKind::Entity => 'e',
            IdKind::Quote => 'q',
            IdKind::Claim => 'c',
        }
    }

    /// The kind's name in lower case, as messages and [`Item::kind_name`] spell it.
    ///
    /// [`Item::kind_name`]: super::Item::kind_name
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Entity => "entity",
            IdKind::Quote => "quote",
            IdKind::Claim => "claim",
        }
    }
}

/// The number after an id's first character, whatever that character is (`e12` → 12, `x3` →
/// 3); `None` unless the rest is one or more ASCII digits that fit a `u64`.
pub fn number(id: &str) -> Option<u64> {
    let mut chars = id.chars();
    chars.next()?;
    digits(chars.as_str())
}

/// The kind and number of a well-formed id (`q3` → quote 3).
pub fn parse(id: &str) -> Option<(IdKind, u64)> {
    let kind = match id.as_bytes().first()? {
        b'e' => IdKind::Entity,
        b'q' => IdKind::Quote,
        b'c' => IdKind::Claim,
        _ => return None,
    };
    Some((kind, digits(&id[1..])?))
}

/// The number of `id` if it is a well-formed id of `kind`.
pub fn number_of(id: &str, kind: IdKind) -> Option<u64> {
    parse(id).and_then(|(k, n)| (k == kind).then_some(n))
}

/// The number an id sorts by in the file: its digits after any leading non-digits (`e02` →
/// 2, `E2` → 2), `u64::MAX` when there are none, so ids without a number sort last.
pub fn sort_number(id: &str) -> u64 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(u64::MAX)
}

fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_taken_apart_alike_everywhere() {
        assert_eq!(parse("e12"), Some((IdKind::Entity, 12)));
        assert_eq!(parse("q3"), Some((IdKind::Quote, 3)));
        assert_eq!(parse("c007"), Some((IdKind::Claim, 7)));
        for bad in [
            "",
            "e",
            "x3",
            "E2",
            "e-1",
            "e1a",
            "e+1",
            "e99999999999999999999",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(number("x3"), Some(3));
        assert_eq!(number("é3"), Some(3));
        assert_eq!(number("e"), None);
        assert_eq!(number_of("q3", IdKind::Quote), Some(3));
        assert_eq!(number_of("q3", IdKind::Entity), None);
        assert_eq!(sort_number("e02"), 2);
        assert_eq!(sort_number("E2"), 2);
        assert_eq!(sort_number("x"), u64::MAX);
    }
}

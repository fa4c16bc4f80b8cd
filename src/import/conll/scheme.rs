//! Which tagging scheme a CoNLL document's tags follow, told from the tags themselves.
//!
//! - `E-`/`S-` tags: BIOES; `L-`/`U-` tags: BILOU (both in one document: refused).
//! - Otherwise `I-` beginning a span (after `O`, another label, or at a sentence's start):
//!   IOB1, where `B-` only begins a span right after one of the same label; a `B-` beginning
//!   a span anywhere else is IOB2's, and a document showing both is refused.
//! - A document with neither sign is IOB2's, or takes the scheme of the file's other
//!   documents (see [`Evidence::scheme`]).
//!
//! A continuing letter (`I-`, `E-`, `L-`) that begins a span is refused in BIOES and BILOU.

use crate::export::Scheme;

/// The first line showing each sign of a scheme.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// `I-` beginning a span.
    iob1: Option<(usize, String)>,
    /// `B-` beginning a span after no span of its label.
    iob2: Option<(usize, String)>,
    /// `E-` or `S-`.
    bioes: Option<(usize, String)>,
    /// `L-` or `U-`.
    bilou: Option<(usize, String)>,
    /// `E-` or `L-` beginning a span.
    ending_starts: Option<(usize, String)>,
}

impl Evidence {
    /// Notes the tag `prefix-label` on `line`; `continues` tells whether the token before
    /// it (in the same sentence) is in a span of the same label. Fails, with a message for
    /// that line, when the document's tags no longer fit one scheme.
    pub fn see(&mut self, line: usize, tag: &str, continues: bool) -> Result<(), String> {
        let prefix = tag.split_once('-').map_or(tag, |(p, _)| p);
        let first = |slot: &mut Option<(usize, String)>| {
            slot.get_or_insert_with(|| (line, tag.to_owned()));
        };
        match (prefix, continues) {
            ("I", false) => first(&mut self.iob1),
            ("B", false) => first(&mut self.iob2),
            ("E" | "S", _) => first(&mut self.bioes),
            ("L" | "U", _) => first(&mut self.bilou),
            _ => {}
        }
        if matches!(prefix, "E" | "L") && !continues {
            first(&mut self.ending_starts);
        }
        self.check()
    }

    fn check(&self) -> Result<(), String> {
        let mixed = |a: &(usize, String), b: &(usize, String), what: &str| {
            // The message is for the later line; it names the earlier one.
            let (early, late) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            Err(format!(
                "tag {:?} {what} line {}'s {:?}: one document mixes tagging schemes",
                late.1, early.0, early.1
            ))
        };
        if let (Some(a), Some(b)) = (&self.bioes, &self.bilou) {
            return mixed(a, b, "(BILOU) does not go with (BIOES)");
        }
        let ending = self.bioes.as_ref().or(self.bilou.as_ref());
        if let (Some(e), Some(i)) = (ending, &self.iob1) {
            return mixed(e, i, "(I- beginning a span: IOB1) does not go with");
        }
        if let Some((line, tag)) = &self.ending_starts {
            return Err(format!(
                "tag {tag:?} on line {line} ends a span that did not begin: {} needs B- before it",
                tag.split_once('-').map_or("", |(_, l)| l)
            ));
        }
        if ending.is_none()
            && let (Some(b), Some(i)) = (&self.iob2, &self.iob1)
        {
            return mixed(
                b,
                i,
                "and (B- beginning a span after no span of its label: IOB2 / I- beginning one: IOB1)",
            );
        }
        Ok(())
    }

    /// The scheme shown, if any sign was seen.
    pub fn scheme(&self) -> Option<Scheme> {
        if self.bioes.is_some() {
            Some(Scheme::Bioes)
        } else if self.bilou.is_some() {
            Some(Scheme::Bilou)
        } else if self.iob1.is_some() {
            Some(Scheme::Iob1)
        } else if self.iob2.is_some() {
            Some(Scheme::Iob2)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `(tag, continues)` pairs from line 1 on; the scheme, or the error's message.
    fn detect(tags: &[(&str, bool)]) -> Result<Option<Scheme>, String> {
        let mut e = Evidence::default();
        for (i, (tag, continues)) in tags.iter().enumerate() {
            e.see(i + 1, tag, *continues)?;
        }
        Ok(e.scheme())
    }

    #[test]
    fn each_scheme_is_told_by_its_signs() {
        assert_eq!(
            detect(&[("B-PER", false), ("I-PER", true)]),
            Ok(Some(Scheme::Iob2))
        );
        assert_eq!(
            detect(&[("I-PER", false), ("B-PER", true)]),
            Ok(Some(Scheme::Iob1))
        );
        assert_eq!(
            detect(&[("B-X", false), ("E-X", true), ("S-Y", false)]),
            Ok(Some(Scheme::Bioes))
        );
        assert_eq!(
            detect(&[("U-X", false), ("B-Y", false), ("L-Y", true)]),
            Ok(Some(Scheme::Bilou))
        );
        assert_eq!(detect(&[("B-PER", true)]), Ok(None));
        assert_eq!(detect(&[]), Ok(None));
    }

    #[test]
    fn mixed_signs_are_refused_naming_both_lines() {
        let err = detect(&[("I-PER", false), ("B-LOC", false)]).unwrap_err();
        assert!(
            err.contains("\"B-LOC\"") && err.contains("line 1's \"I-PER\""),
            "{err}"
        );
        let err = detect(&[("S-PER", false), ("U-LOC", false)]).unwrap_err();
        assert!(err.contains("BILOU"), "{err}");
        let err = detect(&[("S-PER", false), ("I-LOC", false)]).unwrap_err();
        assert!(err.contains("IOB1"), "{err}");
        let err = detect(&[("E-PER", false)]).unwrap_err();
        assert!(err.contains("did not begin"), "{err}");
    }
}

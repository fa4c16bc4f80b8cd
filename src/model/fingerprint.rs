//! A short fingerprint of a paragraph's text, kept in the annotation file beside the
//! paragraph's status so that the status can find its paragraph again after the article
//! changed (paragraphs inserted, removed or moved).

use std::fmt;

use sha2::{Digest, Sha256};

/// The first 32 bits of the SHA-256 of a paragraph's text without the white space at its ends,
/// written as 8 hex digits (`1a2b3c4d`). Paragraphs with the same fingerprint are taken to
/// hold the same text: a wrong match costs at most a paragraph status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u32);

impl Fingerprint {
    /// The fingerprint of a paragraph whose text is `text`.
    pub fn of(text: &str) -> Self {
        let digest = Sha256::digest(text.trim().as_bytes());
        Self(u32::from_be_bytes([
            digest[0], digest[1], digest[2], digest[3],
        ]))
    }

    /// The fingerprint written as `hex`: exactly 8 hex digits, or `None`.
    pub fn parse(hex: &str) -> Option<Self> {
        (hex.len() == 8 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(hex, 16).ok().map(Self))
            .flatten()
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_eight_hex_digits_and_read_back() {
        let print = Fingerprint::of("Satu dua.");
        let hex = print.to_string();
        assert_eq!(hex.len(), 8);
        assert_eq!(Fingerprint::parse(&hex), Some(print));
        assert_eq!(Fingerprint::parse(&hex.to_uppercase()), Some(print));
        for bad in [
            "",
            "1a2b3c4",
            "1a2b3c4d5",
            "+a2b3c4d",
            "1a2b3c4g",
            "１a2b3c4",
        ] {
            assert_eq!(Fingerprint::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn end_white_space_does_not_count_and_the_text_does() {
        assert_eq!(Fingerprint::of("Satu dua.\r"), Fingerprint::of("Satu dua."));
        assert_ne!(Fingerprint::of("Satu dua."), Fingerprint::of("Satu tiga."));
    }
}

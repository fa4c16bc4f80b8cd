//! Word edges for matching texts in an article: a match must start where a word starts and
//! end where a word ends, or where only an Indonesian clitic or particle follows (`Baratlah`
//! holds `Barat`, `Putinnya` holds `Putin`), as the exports' tokeniser cuts them.

/// The clitics and particles that may follow a matched text inside the same word.
pub const CLITICS: [&str; 7] = ["lah", "kah", "tah", "pun", "nya", "ku", "mu"];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` (byte offsets on character boundaries) stands at word edges:
/// nothing of a word just before it, and after it either no more word or exactly one clitic
/// (in lower case) ending the word.
pub fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    if start >= end || end > text.len() {
        return false;
    }
    if text[..start].chars().next_back().is_some_and(is_word_char) {
        return false;
    }
    let rest = &text[end..];
    let word_len = rest
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(rest.len(), |(i, _)| i);
    word_len == 0 || CLITICS.contains(&&rest[..word_len])
}

/// The ASCII letters and digits.
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Whether the character at byte `at` of `text` (a character's first byte) is a letter or a
/// digit, of any script, and its length in bytes.
#[inline]
pub(crate) fn alnum_char_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return (ASCII_ALNUM[usize::from(b)], 1);
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    (c.is_alphanumeric(), c.len_utf8())
}

/// How many bytes at the start of `bytes` are ASCII letters or digits, read eight at a time.
#[inline]
pub(crate) fn ascii_alnum_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte of the result: whether that byte of `x` (below 0x80) is at least
    // `lo` and at most `hi`; no byte's sum carries into the next.
    let within = |x: u64, lo: u8, hi: u8| {
        let at_least = x + ONES * u64::from(128 - lo);
        let above = x + ONES * u64::from(127 - hi);
        at_least & !above & HIGH
    };
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let seven = x & !HIGH;
        let alnum =
            (within(seven | 0x2020_2020_2020_2020, b'a', b'z') | within(seven, b'0', b'9')) & !x;
        let other = !alnum & HIGH;
        if other != 0 {
            return at + other.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// Converts increasing byte offsets of one text into character offsets, walking forward
/// only (each conversion costs the distance from the previous one).
#[derive(Debug)]
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    /// A counter over `text`, whose first character is character `base` of the document.
    pub fn new(text: &'a str, base: usize) -> Self {
        Self {
            text,
            byte: 0,
            chars: base,
        }
    }

    /// The character offset of byte `byte` (which must not be before the previous one asked;
    /// an earlier one restarts from the beginning).
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            let base = self.chars - self.text[..self.byte].chars().count();
            self.byte = 0;
            self.chars = base;
        }
        let between = &self.text[self.byte..byte];
        self.chars += if between.is_ascii() {
            between.len()
        } else {
            between.chars().count()
        };
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(text: &str, needle: &str) -> bool {
        let start = text.find(needle).unwrap();
        at_word_edges(text, start, start + needle.len())
    }

    #[test]
    fn whole_words_and_clitics_match() {
        assert!(edges("dan Baratlah yang", "Barat"));
        assert!(edges("kata Putinnya.", "Putin"));
        assert!(edges("perang Rusia-Ukraina", "Rusia"));
        assert!(edges("perang Rusia-Ukraina", "Ukraina"));
        assert!(edges("Korea Utara", "Korea Utara"));
        assert!(edges("“Rusia,”", "Rusia"));
    }

    #[test]
    fn parts_of_words_do_not_match() {
        assert!(!edges("Rusiana", "Rusia"));
        assert!(!edges("BeliAS", "AS"));
        assert!(!edges("ASEAN", "AS"));
        assert!(!edges("Putinlahnya", "Putin"));
        assert!(!edges("BaratLAH", "Barat"));
    }

    #[test]
    fn runs_of_ascii_letters_and_digits_are_counted_as_byte_by_byte() {
        // Every byte value, at every place of a run and of a chunk of eight.
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = [b'a'; 20];
                bytes[3] = b'Z';
                bytes[7] = b'0';
                bytes[11] = b'9';
                bytes[at] = b;
                for start in [0, 1, 5] {
                    let want = bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                    assert_eq!(ascii_alnum_run(&bytes[start..]), want, "{b} at {at}");
                }
            }
        }
        assert_eq!(ascii_alnum_run(b""), 0);
        assert_eq!(ascii_alnum_run("Kata—Mei".as_bytes()), 4);
    }

    #[test]
    fn counter_turns_bytes_into_characters() {
        let text = "“Kami” – Rusia";
        let mut counter = CharCounter::new(text, 10);
        let kami = text.find("Kami").unwrap();
        let rusia = text.find("Rusia").unwrap();
        assert_eq!(counter.at(kami), 11);
        assert_eq!(counter.at(rusia), 10 + 9);
        assert_eq!(counter.at(kami), 11);
    }
}

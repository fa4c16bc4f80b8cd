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

//! Placing a predicted document's offsets on the article: the two texts must hold the same
//! characters apart from white space (CoNLL rebuilds its text with single spaces, one sentence
//! a line), and each predicted offset moves to where its character is in the article.

use crate::model::Span;

/// Offsets of one text placed on another.
#[derive(Debug, PartialEq, Eq)]
pub enum Alignment {
    /// The texts are the same: offsets stay.
    Same,
    /// `map[i]`: where character `i` of the predicted text is in the article (for white
    /// space, where the article stands after the character before it).
    Map(Vec<usize>),
}

/// Where the two texts part: character offsets in each.
#[derive(Debug, PartialEq, Eq)]
pub struct Parting {
    /// In the predicted text (its length when it ended first).
    pub predicted: usize,
    /// In the article (its length when it ended first).
    pub article: usize,
}

/// Aligns `predicted` on `article`.
pub fn align(predicted: &str, article: &str) -> Result<Alignment, Parting> {
    if predicted == article {
        return Ok(Alignment::Same);
    }
    let mut map = Vec::with_capacity(predicted.len() + 1);
    let mut to = article.chars().enumerate().peekable();
    let mut here = 0;
    let skip_blank = |to: &mut std::iter::Peekable<_>| {
        while let Some(&(_, c)) = to.peek() {
            let c: char = c;
            if !c.is_whitespace() {
                break;
            }
            to.next();
        }
    };
    for (i, c) in predicted.chars().enumerate() {
        if c.is_whitespace() {
            map.push(here);
            continue;
        }
        skip_blank(&mut to);
        match to.next() {
            Some((j, d)) if d == c => {
                map.push(j);
                here = j + 1;
            }
            Some((j, _)) => {
                return Err(Parting {
                    predicted: i,
                    article: j,
                });
            }
            None => {
                return Err(Parting {
                    predicted: i,
                    article: article.chars().count(),
                });
            }
        }
    }
    skip_blank(&mut to);
    if let Some((j, _)) = to.next() {
        return Err(Parting {
            predicted: map.len(),
            article: j,
        });
    }
    map.push(here);
    Ok(Alignment::Map(map))
}

impl Alignment {
    /// Where `span` of the predicted text is in the article.
    pub fn place(&self, span: Span) -> Span {
        match self {
            Alignment::Same => span,
            Alignment::Map(map) => {
                let start = map[span.start.min(map.len() - 1)];
                let last = span.end.saturating_sub(1).min(map.len() - 1);
                Span::new(start, (map[last] + 1).max(start + 1))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_apart_only_in_white_space_align() {
        let article = "Kata  Putin,\n“Rusia”.\n";
        let predicted = "Kata Putin , “Rusia” .\n";
        let a = align(predicted, article).unwrap();
        let rusia = Span::new(14, 19);
        assert_eq!(a.place(rusia), Span::new(14, 19));
        assert_eq!(a.place(Span::new(0, 10)), Span::new(0, 11));
    }

    #[test]
    fn other_characters_part_the_texts() {
        assert_eq!(
            align("Kata Putin.", "Kata Xi."),
            Err(Parting {
                predicted: 5,
                article: 5
            })
        );
        assert_eq!(
            align("Kata", "Kata Putin"),
            Err(Parting {
                predicted: 4,
                article: 5
            })
        );
        assert_eq!(
            align("Kata Putin", "Kata"),
            Err(Parting {
                predicted: 5,
                article: 4
            })
        );
        assert!(matches!(align("same", "same"), Ok(Alignment::Same)));
    }
}

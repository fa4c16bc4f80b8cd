//! How an annotation was made: typed by the editor, or a suggestion the editor accepted (and
//! from which source). Written in the annotation file as a short name (`propagated`,
//! `quote-finder`, `model:spacy`); a typed annotation writes nothing.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::annotation::Text;

/// Where an annotation or a suggestion comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// Made by the editor's own keys.
    #[default]
    Typed,
    /// Another occurrence of a text labelled in the same article.
    Propagated,
    /// A text labelled in other documents of the folder.
    Corpus,
    /// A gazetteer line (`text<TAB>label`) the editor provided.
    Gazetteer,
    /// A spaCy / Prodigy pattern the editor provided.
    Pattern,
    /// tandai's quote finder (quotation marks, reporting verbs).
    QuoteFinder,
    /// tandai's claim finder (check-worthy sentences).
    ClaimFinder,
    /// Another tool's predictions, brought with `tandai suggest --from`; the name says which.
    Model(Text),
}

impl Source {
    /// Whether the annotation was typed (the default, which the file leaves out).
    pub fn is_typed(&self) -> bool {
        *self == Source::Typed
    }

    /// Every source without a name of its own, in the order reports list them.
    pub const FIXED: [Source; 7] = [
        Source::Typed,
        Source::Propagated,
        Source::Corpus,
        Source::Gazetteer,
        Source::Pattern,
        Source::QuoteFinder,
        Source::ClaimFinder,
    ];
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Source::Typed => "typed",
            Source::Propagated => "propagated",
            Source::Corpus => "corpus",
            Source::Gazetteer => "gazetteer",
            Source::Pattern => "pattern",
            Source::QuoteFinder => "quote-finder",
            Source::ClaimFinder => "claim-finder",
            Source::Model(name) => return write!(f, "model:{name}"),
        };
        f.write_str(name)
    }
}

/// A source name that is none of the known ones.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown source {0:?}: expected typed, propagated, corpus, gazetteer, pattern, quote-finder, claim-finder or model:NAME"
)]
pub struct UnknownSource(pub String);

impl FromStr for Source {
    type Err = UnknownSource;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        if let Some(model) = name.strip_prefix("model:") {
            if model.is_empty() || model.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(UnknownSource(name.into()));
            }
            return Ok(Source::Model(model.into()));
        }
        Source::FIXED
            .into_iter()
            .find(|s| s.to_string() == name)
            .ok_or_else(|| UnknownSource(name.into()))
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_as_the_same_source() {
        let mut all = Source::FIXED.to_vec();
        all.push(Source::Model("spacy".into()));
        for source in all {
            assert_eq!(source.to_string().parse::<Source>(), Ok(source));
        }
    }

    #[test]
    fn unknown_names_and_empty_models_are_refused() {
        assert!("guessed".parse::<Source>().is_err());
        assert!("model:".parse::<Source>().is_err());
        assert!("model:a b".parse::<Source>().is_err());
    }
}

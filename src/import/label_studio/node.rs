//! A parsed JSON value that borrows its strings from the input and keeps an object's entries
//! in a list: cheaper to make and drop than [`serde_json::Value`] (no map, no copied strings),
//! and written back exactly as `Value` writes itself ([`Node`]'s `Serialize`: keys in order,
//! the last of a repeated key, numbers and strings as `serde_json` writes them).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Number, Value};

/// A JSON value read from text that outlives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Node<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `Value` holds it.
    Number(Number),
    /// A string, borrowed when it had no escapes.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object's entries as read (a repeated key included).
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The value of `key` in an object (the last one, as `Value` keeps it).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|e| &e.1),
            _ => None,
        }
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if it is an array.
    pub fn as_array(&self) -> Option<&Vec<Node<'a>>> {
        match self {
            Node::Array(list) => Some(list),
            _ => None,
        }
    }

    /// The number, if it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Node::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// True for a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Node::String(_))
    }

    /// The same value as a [`Value`].
    pub fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.to_string()),
            Node::Array(list) => Value::Array(list.iter().map(Node::to_value).collect()),
            Node::Object(entries) => {
                let mut map = Map::new();
                for (k, v) in entries {
                    map.insert(k.to_string(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// An object's entries as `Value` writes them: by key, the last of a repeated key, leaving out
/// the entry of key `without`.
pub fn in_order<'n, 'a>(
    entries: &'n [(Cow<'a, str>, Node<'a>)],
    without: Option<&str>,
) -> Vec<(&'n str, &'n Node<'a>)> {
    let mut sorted: Vec<(&str, &Node)> = entries
        .iter()
        .map(|(k, v)| (k.as_ref(), v))
        .filter(|(k, _)| Some(*k) != without)
        .collect();
    if sorted.windows(2).all(|w| w[0].0 < w[1].0) {
        return sorted;
    }
    // Stable: a repeated key's entries stay in input order, and the last is kept.
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut kept: Vec<(&str, &Node)> = Vec::with_capacity(sorted.len());
    for entry in sorted {
        match kept.last_mut() {
            Some(last) if last.0 == entry.0 => *last = entry,
            _ => kept.push(entry),
        }
    }
    kept
}

/// An object's entries written in [`in_order`]'s order.
pub struct Entries<'n, 'a>(pub &'n [(Cow<'a, str>, Node<'a>)], pub Option<&'n str>);

impl Serialize for Entries<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kept = |(k, _): &&(Cow<str>, Node)| Some(k.as_ref()) != self.1;
        if self.0.windows(2).all(|w| w[0].0 < w[1].0) {
            // Already in order, each key once (as `Value` writes an object, and so as tandai
            // exports it): written as it is, without a list of entries.
            return serializer.collect_map(self.0.iter().filter(kept).map(|(k, v)| (k, v)));
        }
        let entries = in_order(self.0, self.1);
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (k, v) in entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Number(n) => n.serialize(serializer),
            Node::String(s) => serializer.serialize_str(s),
            Node::Array(list) => serializer.collect_seq(list),
            Node::Object(entries) => Entries(entries, None).serialize(serializer),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Node<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// A string that borrows from the input when it can.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor).map(Key)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Number::from_f64(v).map_or(Node::Null, Node::Number))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Node::String(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Node::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Node::String(Cow::Owned(v)))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Deserialize::deserialize(deserializer)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Node::Null)
    }

    fn visit_seq<V: SeqAccess<'de>>(self, mut seq: V) -> Result<Self::Value, V::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(element) = seq.next_element()? {
            list.push(element);
        }
        Ok(Node::Array(list))
    }

    fn visit_map<V: MapAccess<'de>>(self, mut map: V) -> Result<Self::Value, V::Error> {
        let mut entries = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRICKY: &str = r#"{"b": [1, -2, 3.5, 1e3, -0.0, 18446744073709551615, -9223372036854775808, 0.1],
        "a": {"z": null, "y": true, "x": "\u00e9\"\\\/\n\ud83d\ude00 “”", "x": "again"},
        "": [], "c\u0000": {}, "B": "plain", "a": {"only": "the last a"}, "é": 1}"#;

    #[test]
    fn a_node_is_written_as_a_value_is() {
        let value: Value = serde_json::from_str(TRICKY).unwrap();
        let node: Node = serde_json::from_str(TRICKY).unwrap();
        assert_eq!(
            serde_json::to_string(&node).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
        assert_eq!(node.to_value(), value);
        assert_eq!(
            node.get("a"),
            Some(&Node::Object(vec![(
                "only".into(),
                Node::String("the last a".into())
            )]))
        );
        assert_eq!(node.get("B").and_then(Node::as_str), Some("plain"));
        assert!(matches!(
            node.get("B"),
            Some(Node::String(Cow::Borrowed(_)))
        ));
    }

    #[test]
    fn an_entry_is_left_out_of_an_object_in_order_or_not() {
        for (text, written) in [
            (r#"{"a": 1, "b": 2, "c": 3}"#, r#"{"a":1,"c":3}"#),
            (r#"{"c": 3, "b": 2, "a": 1, "b": 4}"#, r#"{"a":1,"c":3}"#),
            (r#"{"b": 2}"#, "{}"),
        ] {
            let Node::Object(entries) = serde_json::from_str(text).unwrap() else {
                panic!("{text} is an object");
            };
            let out = serde_json::to_string(&Entries(&entries, Some("b"))).unwrap();
            assert_eq!(out, written);
        }
    }

    #[test]
    fn a_node_fails_where_a_value_fails_with_the_same_error() {
        for bad in [
            r#"{"a": 1,}"#,
            r#"{"a" 1}"#,
            "[1, 2",
            r#"{"a": 1e999}"#,
            r#""\x""#,
        ] {
            let value = serde_json::from_str::<Value>(bad).unwrap_err();
            let node = serde_json::from_str::<Node>(bad).unwrap_err();
            assert_eq!(node.to_string(), value.to_string(), "{bad}");
        }
    }
}

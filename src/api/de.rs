//! Lenient decoding helpers: n8n's answers vary between versions (ids as numbers or strings,
//! `null` for empty lists, new enum values). None of these may make a page fail.

use serde::{Deserialize, Deserializer};

/// An id that n8n sends as a string (`"2tUt1wbLX592XDdX"`) or a number (`1000`).
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Number(i64),
    }
    Ok(match Id::deserialize(d)? {
        Id::Text(s) => s,
        Id::Number(n) => n.to_string(),
    })
}

/// Like [`id`], for optional ids (`null` or absent).
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Number(i64),
    }
    Ok(Option::<Id>::deserialize(d)?.map(|id| match id {
        Id::Text(s) => s,
        Id::Number(n) => n.to_string(),
    }))
}

/// `null` decodes as the type's default (an empty list, an empty string, false).
/// A field that may be absent, null or set, told apart: absent `None` (with `#[serde(default)]`),
/// null `Some(None)`, set `Some(Some(v))`.
pub fn presence<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The number of elements of a JSON array, read without keeping them (`null` counts as 0).
/// n8n's execution data holds every item a node produced; the console only shows how many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Counter;
        impl<'de> serde::de::Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list or null")
            }
            fn visit_unit<E>(self) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_none<E>(self) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_any(Counter)
    }
}

/// Declares a string enum that keeps values it does not know in an `Other(String)` variant,
/// so a newer n8n with a new status or mode still decodes.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            Other(String),
        }

        impl $name {
            /// Every known value, in display order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(s) => s,
                }
            }

            pub fn parse(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)+
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Ok($name::parse(&text))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Sample {
        #[serde(deserialize_with = "id")]
        id: String,
        #[serde(default, deserialize_with = "opt_id")]
        parent: Option<String>,
        #[serde(default, deserialize_with = "null_default")]
        list: Vec<u8>,
    }

    #[test]
    fn ids_and_nulls() {
        let s: Sample =
            serde_json::from_str(r#"{"id": 1000, "parent": "7", "list": null}"#).unwrap();
        assert_eq!(
            (s.id.as_str(), s.parent.as_deref(), s.list.len()),
            ("1000", Some("7"), 0)
        );
        let s: Sample = serde_json::from_str(r#"{"id": "abc", "parent": null}"#).unwrap();
        assert_eq!((s.id.as_str(), s.parent), ("abc", None));
        let s: Sample = serde_json::from_str(r#"{"id": "x", "parent": 12}"#).unwrap();
        assert_eq!(s.parent.as_deref(), Some("12"));
        assert!(serde_json::from_str::<Sample>(r#"{"id": true}"#).is_err());
    }

    #[test]
    fn counts_lists_without_keeping_them() {
        let c: Vec<Count> = serde_json::from_str(r#"[[1,{"a":[2,3]},"x"], null, []]"#).unwrap();
        assert_eq!(c, [Count(3), Count(0), Count(0)]);
        assert!(serde_json::from_str::<Count>("{}").is_err());
    }

    open_enum!(Colour { Red => "red", Blue => "blue" });

    #[test]
    fn open_enums_keep_unknown_values() {
        let c: Vec<Colour> = serde_json::from_str(r#"["red","teal"]"#).unwrap();
        assert_eq!(c, vec![Colour::Red, Colour::Other("teal".into())]);
        assert_eq!(c[1].as_str(), "teal");
        assert_eq!(serde_json::to_string(&Colour::Blue).unwrap(), r#""blue""#);
        assert_eq!(Colour::KNOWN.len(), 2);
    }
}

//! Typed identifiers. Every id is a UUIDv7 (time-ordered, so indexes stay compact on
//! both SQLite and PostgreSQL) wrapped in a type that names what it identifies.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// An id of a `T`. Stored as its canonical hyphenated text form in both databases.
pub struct Id<T> {
    uuid: uuid::Uuid,
    _kind: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    /// A new, time-ordered id.
    pub fn new() -> Self {
        Self::from_uuid(uuid::Uuid::now_v7())
    }

    pub fn from_uuid(uuid: uuid::Uuid) -> Self {
        Self {
            uuid,
            _kind: PhantomData,
        }
    }

    pub fn as_uuid(&self) -> uuid::Uuid {
        self.uuid
    }
}

impl<T> Default for Id<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.uuid == other.uuid
    }
}
impl<T> Eq for Id<T> {}
impl<T> std::hash::Hash for Id<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.uuid.hash(state);
    }
}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.uuid.cmp(&other.uuid)
    }
}

impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.uuid.hyphenated().fmt(f)
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.uuid)
    }
}

/// The text was not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid id")]
pub struct BadId;

impl<T> FromStr for Id<T> {
    type Err = BadId;
    fn from_str(s: &str) -> Result<Self, BadId> {
        uuid::Uuid::try_parse(s)
            .map(Self::from_uuid)
            .map_err(|_| BadId)
    }
}

impl<T> serde::Serialize for Id<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de, T> serde::Deserialize<'de> for Id<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing;

    #[test]
    fn ids_round_trip_through_text_and_sort_by_creation() {
        let a: Id<Thing> = Id::new();
        let b: Id<Thing> = Id::new();
        assert!(a < b, "UUIDv7 ids are time ordered");
        let parsed: Id<Thing> = a.to_string().parse().unwrap();
        assert_eq!(parsed, a);
        assert!("not-an-id".parse::<Id<Thing>>().is_err());
    }
}

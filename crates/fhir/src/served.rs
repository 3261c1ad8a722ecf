//! A stored resource as the API serves it, without reading its contents: the members as
//! stored, copied as they are, with `id` and `meta.versionId` (and `meta.lastUpdated`
//! when known) set and `resourceType` first. A read or a search page copies bytes where it
//! would otherwise parse every answer into a tree and write it again (issue 19).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The top-level members of a JSON object, their values unread.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Object)
    }
}

struct Served<'a> {
    members: Members<'a>,
    id: &'a str,
    meta: Map<String, Value>,
    /// `subject`, when the stored resource has none.
    subject: Option<Value>,
}

impl Serialize for Served<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in &self.members.0 {
            if key == "resourceType" {
                map.serialize_entry(key, value)?;
            }
        }
        map.serialize_entry("id", self.id)?;
        map.serialize_entry("meta", &self.meta)?;
        for (key, value) in &self.members.0 {
            if !matches!(key.as_str(), "resourceType" | "id" | "meta") {
                map.serialize_entry(key, value)?;
            }
        }
        if let Some(subject) = &self.subject {
            map.serialize_entry("subject", subject)?;
        }
        map.end()
    }
}

/// `stored` (a JSON object) as served with `id`, `meta.versionId` = `version` and, when
/// given, `meta.lastUpdated`; other members of a stored `meta` are kept. `subject`, the
/// patient's id, becomes `subject` (`Patient/{id}`) when the stored resource names none
/// (a response saved from a page). Fails only when `stored` is not a JSON object.
pub fn served(
    stored: &RawValue,
    id: &str,
    version: i64,
    updated: Option<chrono::DateTime<chrono::Utc>>,
    subject: Option<&str>,
) -> serde_json::Result<Box<RawValue>> {
    let members: Members<'_> = serde_json::from_str(stored.get())?;
    let mut meta = match members.0.iter().find(|(k, _)| k == "meta") {
        Some((_, m)) => serde_json::from_str::<Map<String, Value>>(m.get()).unwrap_or_default(),
        None => Map::new(),
    };
    meta.insert("versionId".into(), Value::String(version.to_string()));
    if let Some(t) = updated {
        meta.insert(
            "lastUpdated".into(),
            Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        );
    }
    let subject = subject
        .filter(|_| !members.0.iter().any(|(k, _)| k == "subject"))
        .map(|id| serde_json::json!({ "reference": format!("Patient/{id}") }));
    serde_json::value::to_raw_value(&Served {
        members,
        id,
        meta,
        subject,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn raw(v: &Value) -> Box<RawValue> {
        serde_json::value::to_raw_value(v).unwrap()
    }

    #[test]
    fn the_stored_members_are_kept_in_order_with_the_id_and_version_set() {
        let stored = raw(&json!({
            "status": "completed",
            "resourceType": "QuestionnaireResponse",
            "id": "stale",
            "item": [{"linkId": "q1", "answer": [{"valueString": "a \"quoted\" \u{e6}"}]}],
            "authored": "2026-12-01T10:00:00Z"
        }));
        let out = served(&stored, "abc", 3, None, None).unwrap();
        let text = out.get();
        assert!(
            text.starts_with(r#"{"resourceType":"QuestionnaireResponse","id":"abc","meta":{"versionId":"3"},"status""#),
            "{text}"
        );
        let v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            v["item"][0]["answer"][0]["valueString"],
            "a \"quoted\" \u{e6}"
        );
        assert_eq!(v["authored"], "2026-12-01T10:00:00Z");
        assert_eq!(v.as_object().unwrap().len(), 6);
    }

    #[test]
    fn a_stored_meta_keeps_its_other_members() {
        let stored = raw(&json!({
            "resourceType": "Observation",
            "meta": {"versionId": "1", "profile": ["http://example.org/p"]}
        }));
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .to_utc();
        let v: Value =
            serde_json::from_str(served(&stored, "o1", 2, Some(at), None).unwrap().get()).unwrap();
        assert_eq!(
            v["meta"],
            json!({"versionId": "2", "profile": ["http://example.org/p"],
                   "lastUpdated": "2026-12-06T10:00:00.000Z"})
        );
    }

    #[test]
    fn a_subject_is_added_only_where_none_is_stored() {
        let without = raw(&json!({"resourceType": "QuestionnaireResponse", "status": "completed"}));
        let v: Value =
            serde_json::from_str(served(&without, "r1", 1, None, Some("p1")).unwrap().get())
                .unwrap();
        assert_eq!(v["subject"], json!({"reference": "Patient/p1"}));
        let with = raw(&json!({"resourceType": "QuestionnaireResponse",
                               "subject": {"reference": "Patient/p1", "display": "Kari"}}));
        let out = served(&with, "r1", 1, None, Some("p1")).unwrap();
        let v: Value = serde_json::from_str(out.get()).unwrap();
        assert_eq!(v["subject"]["display"], "Kari");
        assert_eq!(out.get().matches("\"subject\"").count(), 1);
    }

    #[test]
    fn anything_but_an_object_is_refused() {
        assert!(served(&raw(&json!([1, 2])), "x", 1, None, None).is_err());
        assert!(served(&raw(&json!("text")), "x", 1, None, None).is_err());
    }
}

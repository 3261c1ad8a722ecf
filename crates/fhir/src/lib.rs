//! FHIR R4 resources carepath reads and serves, as hand-written serde types. Elements
//! carepath does not model are kept in `extra` so a resource round-trips unchanged.

pub mod appointment;
pub mod audit_event;
pub mod care_plan;
pub mod date;
pub mod document_reference;
pub mod observation;
pub mod outcome;
pub mod patient;
pub mod procedure;
pub mod questionnaire;
pub mod research;
pub mod response;
pub mod scoring;
pub mod sdc;
pub mod served;

pub use questionnaire::{Item, ItemType, Questionnaire};
pub use response::{Answer, FormAnswers, ItemProblem, QuestionnaireResponse, ResponseItem};

/// FHIR's `Coding`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Coding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// FHIR's `Extension`, with its `value[x]` kept as JSON.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extension {
    pub url: String,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

impl Extension {
    /// The `value[x]` of the extension, whatever its type.
    pub fn value(&self) -> Option<&serde_json::Value> {
        self.rest
            .iter()
            .find(|(k, _)| k.starts_with("value"))
            .map(|(_, v)| v)
    }
}

/// Finds the value of the first extension with `url`.
pub fn extension_value<'a>(
    extensions: &'a [Extension],
    url: &str,
) -> Option<&'a serde_json::Value> {
    extensions
        .iter()
        .find(|e| e.url == url)
        .and_then(Extension::value)
}

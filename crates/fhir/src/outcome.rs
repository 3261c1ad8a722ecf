//! `OperationOutcome` and search `Bundle`s: the envelopes of every FHIR API answer.

use carepath_i18n::{Lang, Text};
use serde_json::{Value, json};

/// An `OperationOutcome` with one error issue. `code` is from FHIR's issue-type value set
/// (`invalid`, `login`, `forbidden`, `not-found`, `processing`, `exception`, ...).
/// `diagnostics` must never hold patient data.
pub fn operation_outcome(code: &str, diagnostics: &str) -> Value {
    json!({
        "resourceType": "OperationOutcome",
        "issue": [{ "severity": "error", "code": code, "diagnostics": diagnostics }],
    })
}

/// One problem of an `OperationOutcome`: an issue-type `code`, the text, and the FHIRPath
/// of the element it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub code: &'static str,
    /// Worded in the caller's language when the answer is made.
    pub diagnostics: Text,
    pub expression: Option<String>,
}

/// An `OperationOutcome` with one error issue per problem (e.g. each bad answer), worded
/// in `lang`.
pub fn outcome_with_issues(issues: &[Issue], lang: Lang) -> Value {
    json!({
        "resourceType": "OperationOutcome",
        "issue": issues.iter().map(|i| {
            let mut issue = json!({ "severity": "error", "code": i.code, "diagnostics": i.diagnostics.words(lang) });
            if let Some(e) = &i.expression {
                issue["expression"] = json!([e]);
            }
            issue
        }).collect::<Vec<_>>(),
    })
}

/// A `searchset` Bundle of `resources` with the paging links, and the total when known.
pub fn searchset(
    base: &str,
    query: &str,
    resources: Vec<Value>,
    total: impl Into<Option<i64>>,
    next: Option<String>,
) -> Value {
    let mut links = vec![json!({ "relation": "self", "url": format!("{base}{query}") })];
    if let Some(next) = next {
        links.push(json!({ "relation": "next", "url": format!("{base}{next}") }));
    }
    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "link": links,
        "entry": resources
            .into_iter()
            .map(|r| {
                let full_url = format!(
                    "{base}/fhir/{}/{}",
                    r["resourceType"].as_str().unwrap_or_default(),
                    r["id"].as_str().unwrap_or_default()
                );
                json!({ "fullUrl": full_url, "resource": r, "search": { "mode": "match" } })
            })
            .collect::<Vec<_>>(),
    });
    if let Some(total) = total.into() {
        bundle["total"] = json!(total);
    }
    bundle
}

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
    outcome_of("error", issues, lang)
}

/// An `OperationOutcome` whose issues all have `severity` (`warning`, `information`).
pub fn outcome_of(severity: &str, issues: &[Issue], lang: Lang) -> Value {
    json!({
        "resourceType": "OperationOutcome",
        "issue": issues.iter().map(|i| {
            let mut issue = json!({ "severity": severity, "code": i.code, "diagnostics": i.diagnostics.words(lang) });
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
    let entries = resources
        .into_iter()
        .map(|r| {
            let kind = r["resourceType"].as_str().unwrap_or_default().to_owned();
            let id = r["id"].as_str().unwrap_or_default().to_owned();
            (kind, id, r)
        })
        .collect();
    Searchset::new(base, query, entries, total, next).into_value()
}

impl Searchset<Value> {
    /// The Bundle as a JSON tree, its resources moved into it, not copied.
    fn into_value(self) -> Value {
        let mut bundle = json!({ "resourceType": self.resource_type, "type": self.kind });
        if let Some(total) = self.total {
            bundle["total"] = json!(total);
        }
        bundle["link"] = serde_json::to_value(&self.link).unwrap_or_default();
        bundle["entry"] = Value::Array(
            self.entry
                .into_iter()
                .map(|e| {
                    json!({ "fullUrl": e.full_url, "resource": e.resource,
                            "search": { "mode": e.search.mode } })
                })
                .collect(),
        );
        bundle
    }
}

/// A `searchset` Bundle of any serialisable resources (stored ones copied as they are, see
/// [`crate::served`]), each given with its type and id for its `fullUrl`.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Searchset<R> {
    resource_type: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<i64>,
    link: Vec<Link>,
    entry: Vec<Entry<R>>,
    /// The server's base address, for the entries' full URLs.
    #[serde(skip)]
    base: String,
}

#[derive(Debug, serde::Serialize)]
struct Link {
    relation: &'static str,
    url: String,
}

#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<R> {
    full_url: String,
    resource: R,
    search: Mode,
}

#[derive(Debug, serde::Serialize)]
struct Mode {
    mode: &'static str,
}

impl<R> Searchset<R> {
    /// The Bundle of `resources` (type, id, resource) with the paging links, and the
    /// total when known.
    pub fn new(
        base: &str,
        query: &str,
        resources: Vec<(String, String, R)>,
        total: impl Into<Option<i64>>,
        next: Option<String>,
    ) -> Self {
        let mut link = vec![Link {
            relation: "self",
            url: format!("{base}{query}"),
        }];
        if let Some(next) = next {
            link.push(Link {
                relation: "next",
                url: format!("{base}{next}"),
            });
        }
        Self {
            resource_type: "Bundle",
            kind: "searchset",
            total: total.into(),
            link,
            base: base.to_owned(),
            entry: resources
                .into_iter()
                .map(|(kind, id, resource)| Entry {
                    full_url: format!("{base}/fhir/{kind}/{id}"),
                    resource,
                    search: Mode { mode: "match" },
                })
                .collect(),
        }
    }

    /// The Bundle with `resources` (type, id, resource) added as included (`_include`,
    /// `_revinclude`): not matches, and not counted in the total.
    pub fn including(mut self, resources: Vec<(String, String, R)>) -> Self {
        let base = &self.base;
        self.entry
            .extend(resources.into_iter().map(|(kind, id, resource)| Entry {
                full_url: format!("{base}/fhir/{kind}/{id}"),
                resource,
                search: Mode { mode: "include" },
            }));
        self
    }
}

/// Adds `resources` to the searchset `bundle` (from [`searchset`]) as included.
pub fn include(bundle: &mut Value, base: &str, resources: Vec<Value>) {
    let Some(entries) = bundle["entry"].as_array_mut() else {
        return;
    };
    entries.extend(resources.into_iter().map(|r| {
        let url = format!(
            "{base}/fhir/{}/{}",
            r["resourceType"].as_str().unwrap_or_default(),
            r["id"].as_str().unwrap_or_default()
        );
        json!({ "fullUrl": url, "resource": r, "search": { "mode": "include" } })
    }));
}

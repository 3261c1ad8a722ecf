//! Search parameters shared by the API's searches, as FHIR defines them: a parameter the
//! server does not know is ignored and left out of the Bundle's self link (so the client
//! sees what was applied), or refused with 400 under `Prefer: handling=strict`; `_count`
//! (clamped to the most a page holds) and `_offset` page, `_summary=count` answers the total
//! alone, dates take a year, a month, a day or an instant with the prefixes `eq`, `ge`,
//! `gt`, `le`, `lt`, `sa`, `eb` and `ap`, and the Bundle links to the next page (decision
//! 0064).

use carepath_i18n::Text;
use chrono::{DateTime, Utc};

use super::FhirError;

/// The most resources in one page.
pub(crate) const MAX_COUNT: i64 = 200;

/// A search's query string, and whether the client wants unknown parameters refused
/// (`Prefer: handling=strict`) rather than ignored.
#[derive(Debug)]
pub(crate) struct SearchRequest {
    query: Option<String>,
    strict: bool,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for SearchRequest {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let strict = parts
            .headers
            .get_all("prefer")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split([',', ';']))
            .any(|p| p.trim().eq_ignore_ascii_case("handling=strict"));
        Ok(SearchRequest {
            query: parts.uri.query().map(str::to_owned),
            strict,
        })
    }
}

impl SearchRequest {
    /// The same search with every parameter required to be understood (the criteria of a
    /// conditional operation).
    pub(crate) fn strict(self) -> Self {
        SearchRequest {
            strict: true,
            ..self
        }
    }
}

/// What a search takes, declared once: the handler parses its query by it, the route
/// registry carries it, and the CapabilityStatement is written from it, so what is
/// declared is what is understood.
#[derive(Debug)]
pub struct SearchSpec {
    /// The resource's own parameters with their FHIR search types; a modifier the search
    /// understands is named with its parameter (`name:exact`).
    pub params: &'static [(&'static str, &'static str)],
    /// The keys `_sort` takes (each also descending, `-authored`).
    pub sorts: &'static [&'static str],
    /// `_include` values (`QuestionnaireResponse:subject`).
    pub includes: &'static [&'static str],
    /// `_revinclude` values (`Observation:subject`).
    pub revincludes: &'static [&'static str],
}

impl SearchSpec {
    /// A search of the resource's own parameters, without sorting or includes.
    pub(crate) const fn of(params: &'static [(&'static str, &'static str)]) -> Self {
        SearchSpec {
            params,
            sorts: &[],
            includes: &[],
            revincludes: &[],
        }
    }

    fn takes(&self, name: &str, value: &str) -> bool {
        match name {
            "_include" => self.includes.contains(&value),
            "_revinclude" => self.revincludes.contains(&value),
            _ => self.params.iter().any(|(n, _)| *n == name),
        }
    }

    /// Every parameter name the search takes, for the message refusing another.
    fn names(&self) -> String {
        let own = self.params.iter().map(|(n, _)| *n);
        let includes = (!self.includes.is_empty()).then_some("_include");
        let revincludes = (!self.revincludes.is_empty()).then_some("_revinclude");
        let sort = (!self.sorts.is_empty()).then_some("_sort");
        own.chain(["_count", "_offset", "_total", "_summary", "_elements"])
            .chain(sort)
            .chain(includes)
            .chain(revincludes)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A parsed query string.
pub(crate) struct Params {
    /// The resource's own parameters, in order.
    pub values: Vec<(String, String)>,
    pub count: i64,
    pub offset: i64,
    /// `_sort`: the keys in order, each `true` when descending (`-authored`).
    pub sort: Vec<(String, bool)>,
    /// `_total=accurate`: count every match even when more pages follow (FHIR lets a
    /// server leave the total out otherwise; counting reads the whole history).
    pub count_all: bool,
    /// The parameters applied, in order, for the self link.
    applied: Vec<(String, String)>,
}

impl Params {
    /// The patient named by the first of `names` given (`Patient/{id}` or a bare id);
    /// a 400 when it cannot name a patient.
    pub(crate) fn patient(
        &self,
        names: &[&str],
    ) -> Result<Option<carepath_domain::Id<carepath_domain::patient::Patient>>, FhirError> {
        for name in names {
            if let Some(value) = self.one(name)? {
                return patient_reference(value).map(Some).ok_or_else(|| {
                    FhirError::BadRequest(Text::new("api-search-patient").with("name", *name))
                });
            }
        }
        Ok(None)
    }

    /// Parses the request's query: a parameter `spec` does not take, or a `_sort` key
    /// not in it, is ignored, or refused when the request is strict.
    pub(crate) fn parse(request: &SearchRequest, spec: &SearchSpec) -> Result<Self, FhirError> {
        let query = request.query.as_deref().unwrap_or_default();
        // A `%` must start an escape (`%2C`); the decoder would take `%zz` as text.
        let bytes = query.as_bytes();
        let escapes_ok = bytes.iter().enumerate().all(|(i, b)| {
            *b != b'%'
                || bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        });
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .ok()
            .filter(|_| escapes_ok)
            .ok_or_else(|| FhirError::BadRequest(Text::new("api-query-malformed")))?;
        let mut out = Params {
            values: Vec::new(),
            count: 50,
            offset: 0,
            sort: Vec::new(),
            count_all: false,
            applied: Vec::new(),
        };
        let number = |name: &str, v: &str, max: i64| {
            v.parse::<i64>()
                .ok()
                .filter(|n| (0..=max).contains(n))
                .ok_or_else(|| {
                    FhirError::BadRequest(
                        Text::new("api-search-number")
                            .with("name", name)
                            .with("max", max),
                    )
                })
        };
        for (name, value) in pairs {
            let applied = match name.as_str() {
                // More than a page holds gets a full page and a link to the next.
                // `_count=0` asks for the total alone, as `_summary=count`.
                "_count" => {
                    out.count = number("_count", &value, i64::MAX)?.min(MAX_COUNT);
                    out.count_all |= out.count == 0;
                    true
                }
                "_offset" => {
                    out.offset = number("_offset", &value, i64::from(i32::MAX))?;
                    true
                }
                "_format" if value.contains("json") => false,
                // Applied to the page by [`elements`]; kept here for the links.
                "_elements" => {
                    out.values.push((name.clone(), value.clone()));
                    true
                }
                "_total" => match value.as_str() {
                    "accurate" => {
                        out.count_all = true;
                        true
                    }
                    "none" | "estimate" => true,
                    _ => {
                        return Err(FhirError::BadRequest(
                            Text::new("api-search-total").with("value", value),
                        ));
                    }
                },
                // The total alone: no page, every match counted.
                "_summary" if value == "count" => {
                    out.count = 0;
                    out.count_all = true;
                    true
                }
                // Several keys, the first deciding: `_sort=family,-birthdate`. A key the
                // search cannot sort by is ignored, or refused when strict; a search that
                // sorts by nothing takes no `_sort` at all.
                "_sort" if !spec.sorts.is_empty() => {
                    for key in value.split(',').map(str::trim) {
                        let (name, descending) = match key.strip_prefix('-') {
                            Some(k) => (k, true),
                            None => (key, false),
                        };
                        if spec.sorts.contains(&name) {
                            out.sort.push((name.to_owned(), descending));
                        } else if request.strict {
                            return Err(FhirError::BadRequest(
                                Text::new("api-search-sort")
                                    .with("value", key)
                                    .with("supported", spec.sorts.join(", ")),
                            ));
                        }
                    }
                    if out.sort.is_empty() {
                        continue;
                    }
                    out.applied.retain(|(n, _)| n != "_sort");
                    out.applied.push((name, out.sort_value()));
                    continue;
                }
                // An include is taken by its value: `_include=QuestionnaireResponse:subject`.
                n if spec.takes(n, &value) => {
                    out.values.push((name.clone(), value.clone()));
                    true
                }
                other if request.strict => {
                    return Err(FhirError::BadRequest(
                        Text::new("api-search-unsupported")
                            .with("name", other)
                            .with("supported", spec.names()),
                    ));
                }
                _ => false,
            };
            if applied {
                out.applied.push((name, value));
            }
        }
        Ok(out)
    }

    /// `_sort` as applied: the keys understood, in order.
    fn sort_value(&self) -> String {
        self.sort
            .iter()
            .map(|(k, descending)| {
                if *descending {
                    format!("-{k}")
                } else {
                    k.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The self link: the search as the server applied it.
    pub(crate) fn self_link(&self, resource: &str) -> String {
        if self.applied.is_empty() {
            format!("/fhir/{resource}")
        } else {
            format!(
                "/fhir/{resource}?{}",
                serde_urlencoded::to_string(&self.applied).unwrap_or_default()
            )
        }
    }

    /// The single value of `name`; two values of one parameter are refused.
    pub(crate) fn one(&self, name: &str) -> Result<Option<&str>, FhirError> {
        let mut found = self.values.iter().filter(|(k, _)| k == name);
        let first = found.next().map(|(_, v)| v.as_str());
        if found.next().is_some() {
            return Err(FhirError::BadRequest(
                Text::new("api-search-once").with("name", name),
            ));
        }
        Ok(first)
    }

    /// `name:missing`: `Some(true)` asks for resources without the element, `Some(false)`
    /// for those with it.
    pub(crate) fn missing(&self, name: &str) -> Result<Option<bool>, FhirError> {
        let key = format!("{name}:missing");
        match self.one(&key)? {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(FhirError::BadRequest(
                Text::new("api-search-missing").with("name", key),
            )),
        }
    }

    /// Every value of `name`, each comma-separated list read as its values (FHIR's OR;
    /// `\,` is a comma within a value).
    pub(crate) fn any_of(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for v in self.all(name) {
            let mut current = String::new();
            let mut chars = v.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\\' if chars.peek() == Some(&',') => {
                        current.push(',');
                        chars.next();
                    }
                    ',' => out.push(std::mem::take(&mut current)),
                    c => current.push(c),
                }
            }
            out.push(current);
        }
        out.retain(|v| !v.is_empty());
        out
    }

    /// `_id` and `_lastUpdated`, as every search of a versioned resource takes them.
    pub(crate) fn common(&self) -> Result<carepath_store::Common, FhirError> {
        let updated = date_range("_lastUpdated", self.all("_lastUpdated"))?;
        let ids = self.any_of("_id");
        // FHIR's id: letters, digits, `-` and `.`, at most 64.
        let id_like = |i: &String| {
            i.len() <= 64
                && i.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        };
        if !ids.iter().all(id_like) {
            return Err(FhirError::BadRequest(Text::new("api-search-id")));
        }
        Ok(carepath_store::Common { ids, updated })
    }

    /// Whether the search asks for `_include` (or `_revinclude`) `value`.
    pub(crate) fn includes(&self, name: &str, value: &str) -> bool {
        self.all(name).any(|v| v == value)
    }

    /// Every value of `name`.
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The link to the page after `shown` results, if more match.
    pub(crate) fn next_link(&self, resource: &str, shown: i64, total: i64) -> Option<String> {
        self.next_page(resource, shown, self.offset + shown < total)
    }

    /// The link to the page after `shown` results when `more` follow.
    pub(crate) fn next_page(&self, resource: &str, shown: i64, more: bool) -> Option<String> {
        let end = self.offset + shown;
        (more && shown > 0).then(|| {
            let mut q = self.values.clone();
            if !self.sort.is_empty() {
                q.push(("_sort".into(), self.sort_value()));
            }
            q.push(("_count".into(), self.count.to_string()));
            if self.count_all {
                q.push(("_total".into(), "accurate".into()));
            }
            q.push(("_offset".into(), end.to_string()));
            format!(
                "/fhir/{resource}?{}",
                serde_urlencoded::to_string(q).unwrap_or_default()
            )
        })
    }
}

/// A date search's bounds (see [`carepath_store::Dates`]).
pub(crate) type DateRange = carepath_store::Dates<DateTime<Utc>>;

/// A date search's bounds: every value of `name` (`ge2026-01-01`, `lt2026-02-01T10:00:00Z`,
/// `2026-01-15` for that whole day, `2026-12` for the month) narrows `from` and `until`,
/// both inclusive, and each `ne` leaves out the range of its value.
pub(crate) fn date_range<'a>(
    name: &str,
    values: impl Iterator<Item = &'a str>,
) -> Result<DateRange, FhirError> {
    let mut range = DateRange::default();
    let bad = || FhirError::BadRequest(Text::new("api-search-date").with("name", name));
    for v in values {
        // `sa` (starts after) and `eb` (ends before) are `gt` and `lt` for a point in
        // time; `ap` (approximately) is taken as the value's own range.
        let (prefix, rest) = match v.get(..2) {
            Some(p @ ("eq" | "ne" | "ge" | "gt" | "le" | "lt")) => (p, &v[2..]),
            Some("sa") => ("gt", &v[2..]),
            Some("eb") => ("lt", &v[2..]),
            Some("ap") => ("eq", &v[2..]),
            _ => ("eq", v),
        };
        // A date covers its whole day (UTC); a time is an instant.
        let (start, end) = carepath_fhir::date::bounds(rest).ok_or_else(bad)?;
        let micro = chrono::Duration::microseconds(1);
        let (lo, hi) = match prefix {
            "ne" => {
                range.except.push((start, end));
                continue;
            }
            "ge" => (Some(start), None),
            "gt" => (Some(end.checked_add_signed(micro).ok_or_else(bad)?), None),
            "le" => (None, Some(end)),
            "lt" => (None, Some(start.checked_sub_signed(micro).ok_or_else(bad)?)),
            _ => (Some(start), Some(end)),
        };
        if let Some(lo) = lo {
            range.from = Some(range.from.map_or(lo, |f| f.max(lo)));
        }
        if let Some(hi) = hi {
            range.until = Some(range.until.map_or(hi, |u| u.min(hi)));
        }
    }
    Ok(range)
}

/// `_elements=a,b` on a search: each match cut to those elements, with the `id`, `meta` and
/// `resourceType` every resource keeps, and tagged `SUBSETTED` in `meta.tag`; included
/// resources stay whole. One layer on every search route (see `routes::searched`), so no
/// search writes it twice; without `_elements` the response passes untouched.
pub(crate) async fn elements(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    // Most searches do not ask: they pass without their query being read twice.
    let wanted: Vec<String> = request
        .uri()
        .query()
        .filter(|q| q.contains("_elements"))
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k == "_elements")
        .flat_map(|(_, v)| {
            v.split(',')
                // `Patient.name` names `name` (as R5 writes it).
                .map(|e| e.trim().rsplit('.').next().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|e| !e.is_empty())
        .collect();
    let response = next.run(request).await;
    if wanted.is_empty() || !response.status().is_success() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // The body is the handler's JSON, in memory already; anything else passes as it is.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(mut bundle) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return axum::response::Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    subset(&mut bundle, &wanted);
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&bundle).unwrap_or_default();
    axum::response::Response::from_parts(parts, axum::body::Body::from(body))
}

/// Cuts each match of the searchset `bundle` to the `wanted` elements.
fn subset(bundle: &mut serde_json::Value, wanted: &[String]) {
    let kept =
        |k: &String| ["resourceType", "id", "meta"].contains(&k.as_str()) || wanted.contains(k);
    for entry in bundle["entry"].as_array_mut().into_iter().flatten() {
        if entry["search"]["mode"] != "match" {
            continue;
        }
        let Some(resource) = entry["resource"].as_object_mut() else {
            continue;
        };
        resource.retain(|k, _| kept(k));
        let meta = resource
            .entry("meta")
            .or_insert_with(|| serde_json::json!({}));
        if let Some(meta) = meta.as_object_mut() {
            let tags = meta.entry("tag").or_insert_with(|| serde_json::json!([]));
            if let Some(tags) = tags.as_array_mut() {
                tags.push(serde_json::json!({
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
                    "code": "SUBSETTED",
                }));
            }
        }
    }
}

/// `Patient/{id}` or a bare id, as a patient id; `None` when it cannot be one.
pub(crate) fn patient_reference(
    value: &str,
) -> Option<carepath_domain::Id<carepath_domain::patient::Patient>> {
    value.strip_prefix("Patient/").unwrap_or(value).parse().ok()
}

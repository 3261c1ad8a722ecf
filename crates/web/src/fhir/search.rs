//! Search parameters shared by the API's searches: only the named parameters are
//! accepted (a client never gets a broader answer than it asked for), `_count` and
//! `_offset` page, dates take the `eq`/`ge`/`gt`/`le`/`lt` prefixes, and the Bundle links
//! to the next page.

use carepath_i18n::Text;
use chrono::{DateTime, Utc};

use super::FhirError;

/// The most resources in one page.
pub(crate) const MAX_COUNT: i64 = 200;

/// A parsed query string.
pub(crate) struct Params {
    /// The resource's own parameters, in order.
    pub values: Vec<(String, String)>,
    pub count: i64,
    pub offset: i64,
    pub sort: Option<String>,
    /// `_total=accurate`: count every match even when more pages follow (FHIR lets a
    /// server leave the total out otherwise; counting reads the whole history).
    pub count_all: bool,
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

    /// Parses `query`, refusing any parameter not in `supported` or `sorts` (for `_sort`).
    pub(crate) fn parse(
        query: Option<&str>,
        supported: &[&str],
        sorts: &[&str],
    ) -> Result<Self, FhirError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default())
            .map_err(|_| FhirError::BadRequest(Text::new("api-query-malformed")))?;
        let mut out = Params {
            values: Vec::new(),
            count: 50,
            offset: 0,
            sort: None,
            count_all: false,
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
            match name.as_str() {
                "_count" => out.count = number("_count", &value, MAX_COUNT)?,
                "_offset" => out.offset = number("_offset", &value, i64::from(i32::MAX))?,
                "_format" if value.contains("json") => {}
                "_total" => match value.as_str() {
                    "accurate" => out.count_all = true,
                    "none" | "estimate" => {}
                    _ => {
                        return Err(FhirError::BadRequest(
                            Text::new("api-search-total").with("value", value),
                        ));
                    }
                },
                "_sort" if sorts.contains(&value.as_str()) => out.sort = Some(value),
                "_sort" => {
                    return Err(FhirError::BadRequest(
                        Text::new("api-search-sort")
                            .with("value", value)
                            .with("supported", sorts.join(", ")),
                    ));
                }
                n if supported.contains(&n) => out.values.push((name, value)),
                other => {
                    return Err(FhirError::BadRequest(
                        Text::new("api-search-unsupported")
                            .with("name", other)
                            .with(
                                "supported",
                                supported
                                    .iter()
                                    .chain(["_count", "_offset", "_total"].iter())
                                    .chain(sorts.first().map(|_| &"_sort"))
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                    ));
                }
            }
        }
        Ok(out)
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
            if let Some(s) = &self.sort {
                q.push(("_sort".into(), s.clone()));
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

/// The self link of a search.
pub(crate) fn self_link(resource: &str, query: Option<&str>) -> String {
    match query {
        Some(q) if !q.is_empty() => format!("/fhir/{resource}?{q}"),
        _ => format!("/fhir/{resource}"),
    }
}

/// Inclusive bounds of a date search; `None` is open.
pub(crate) type DateRange = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// A date search's bounds: every value of `name` (`ge2026-01-01`, `lt2026-02-01T10:00:00Z`,
/// `2026-01-15` for that whole day) narrows `(from, until)`, both inclusive.
pub(crate) fn date_range<'a>(
    name: &str,
    values: impl Iterator<Item = &'a str>,
) -> Result<DateRange, FhirError> {
    let mut from: Option<DateTime<Utc>> = None;
    let mut until: Option<DateTime<Utc>> = None;
    let bad = || FhirError::BadRequest(Text::new("api-search-date").with("name", name));
    for v in values {
        let (prefix, rest) = match v.get(..2) {
            Some(p @ ("eq" | "ge" | "gt" | "le" | "lt")) => (p, &v[2..]),
            _ => ("eq", v),
        };
        // A date covers its whole day (UTC); a time is an instant.
        let (start, end) = carepath_fhir::date::bounds(rest).ok_or_else(bad)?;
        let micro = chrono::Duration::microseconds(1);
        let (lo, hi) = match prefix {
            "ge" => (Some(start), None),
            "gt" => (Some(end.checked_add_signed(micro).ok_or_else(bad)?), None),
            "le" => (None, Some(end)),
            "lt" => (None, Some(start.checked_sub_signed(micro).ok_or_else(bad)?)),
            _ => (Some(start), Some(end)),
        };
        if let Some(lo) = lo {
            from = Some(from.map_or(lo, |f| f.max(lo)));
        }
        if let Some(hi) = hi {
            until = Some(until.map_or(hi, |u| u.min(hi)));
        }
    }
    Ok((from, until))
}

/// `Patient/{id}` or a bare id, as a patient id; `None` when it cannot be one.
pub(crate) fn patient_reference(
    value: &str,
) -> Option<carepath_domain::Id<carepath_domain::patient::Patient>> {
    value.strip_prefix("Patient/").unwrap_or(value).parse().ok()
}

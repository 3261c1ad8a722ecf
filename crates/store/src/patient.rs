//! Patients, with the national identity number encrypted and found by keyed hash.

use carepath_domain::patient::{NameParts, Patient};
use carepath_domain::user::UserAccount;
use carepath_domain::{Id, NationalIdNumber};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

#[derive(sqlx::FromRow)]
struct PatientRow {
    id: String,
    nin_ciphertext: String,
    name: String,
    birth_date: NaiveDate,
    gp_name: Option<String>,
    user_id: Option<String>,
    managing_unit_id: Option<String>,
    version: i64,
    email: Option<String>,
    mobile: Option<String>,
    name_family: Option<String>,
    name_given: Option<String>,
    gender: Option<String>,
    gp_her_id: Option<String>,
    updated_at: DateTime<Utc>,
    name_more: Option<String>,
}

const COLUMNS: &str = "id, nin_ciphertext, name, birth_date, gp_name, user_id, managing_unit_id, version, email, mobile, name_family, name_given, gender, gp_her_id, updated_at, name_more";

/// A name's prefixes, use and period as one JSON text for storage; none when all are
/// empty (family and given names are stored apart, for searching).
pub(crate) fn name_more(parts: &carepath_domain::patient::NameParts) -> Option<String> {
    let more = carepath_domain::patient::NameParts {
        family: None,
        given: Vec::new(),
        ..parts.clone()
    };
    (more != Default::default())
        .then(|| serde_json::to_string(&more).ok())
        .flatten()
}

/// The given names as stored (a JSON array), none when there are none.
pub(crate) fn given_text(patient: &Patient) -> Option<String> {
    (!patient.name_parts.given.is_empty())
        .then(|| serde_json::to_string(&patient.name_parts.given).ok())
        .flatten()
}

impl Store {
    fn patient_from_row(&self, r: PatientRow) -> Result<Patient> {
        let nin =
            NationalIdNumber::parse(&self.crypto.decrypt(&r.nin_ciphertext)?).map_err(|_| {
                StoreError::Corrupt("a stored national identity number is invalid".into())
            })?;
        Ok(Patient {
            id: parse_id(&r.id)?,
            nin,
            name: r.name,
            birth_date: r.birth_date,
            user_id: r.user_id.as_deref().map(parse_id).transpose()?,
            gp_name: r.gp_name,
            gp_her_id: r
                .gp_her_id
                .as_deref()
                .map(carepath_domain::letter::HerId::parse)
                .transpose()
                .map_err(|_| StoreError::Corrupt("a stored HER-id is invalid".into()))?,
            managing_unit: r.managing_unit_id.as_deref().map(parse_id).transpose()?,
            version: r.version,
            email: r.email,
            mobile: r.mobile,
            name_parts: carepath_domain::patient::NameParts {
                family: r.name_family,
                given: match r.name_given {
                    Some(text) => serde_json::from_str(&text).map_err(|_| {
                        StoreError::Corrupt("stored given names are not a list".into())
                    })?,
                    None => Vec::new(),
                },
                ..match r.name_more {
                    Some(text) => serde_json::from_str(&text).map_err(|_| {
                        StoreError::Corrupt("a stored name's parts could not be read".into())
                    })?,
                    None => Default::default(),
                }
            },
            gender: r
                .gender
                .as_deref()
                .and_then(carepath_domain::patient::Gender::parse),
            updated_at: Some(r.updated_at),
        })
    }

    /// Stores a new patient, with the access-log `audit` events, in one transaction. A
    /// second patient with the same number is a `Duplicate`.
    pub async fn create_patient(
        &self,
        patient: &Patient,
        now: DateTime<Utc>,
        audit: &[carepath_domain::audit::AuditEvent],
    ) -> Result<()> {
        in_tx!(self, |tx| {
            insert_patient!(self, tx, patient, now);
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })
    }

    /// Replaces the patient's number, name, GP and managing unit if it is still at
    /// `patient.version` (else `Conflict`), with the access-log `audit` events, in one
    /// transaction; returns the new version. Another patient's number is a `Duplicate`.
    pub async fn update_patient(
        &self,
        patient: &Patient,
        now: DateTime<Utc>,
        audit: &[carepath_domain::audit::AuditEvent],
    ) -> Result<i64> {
        let nin = patient.nin.expose();
        let cipher = self.crypto.encrypt(&nin);
        let index = self.crypto.index(&nin);
        let version = patient.version + 1;
        let history = history_of(&Patient {
            version,
            ..patient.clone()
        });
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE patients SET nin_ciphertext = $1, nin_index = $2, name = $3, birth_date = $4,
                        gp_name = $5, managing_unit_id = $6, version = $7, updated_at = $8,
                        email = $11, mobile = $12, name_family = $13, name_given = $14, gender = $15,
                        gp_her_id = $16, name_more = $17
                 WHERE id = $9 AND version = $10",
            )
            .bind(&cipher)
            .bind(&index)
            .bind(&patient.name)
            .bind(patient.birth_date)
            .bind(&patient.gp_name)
            .bind(patient.managing_unit.map(|u| u.to_string()))
            .bind(version)
            .bind(now)
            .bind(patient.id.to_string())
            .bind(patient.version)
            .bind(&patient.email)
            .bind(&patient.mobile)
            .bind(&patient.name_parts.family)
            .bind(given_text(patient))
            .bind(patient.gender.map(|g| g.code()))
            .bind(patient.gp_her_id.as_ref().map(|h| h.as_str()))
            .bind(name_more(&patient.name_parts))
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::unique(e, "a patient with that national identity number"))?
            .rows_affected();
            if changed == 0 {
                let exists: Option<(i64,)> =
                    sqlx::query_as("SELECT version FROM patients WHERE id = $1")
                        .bind(patient.id.to_string())
                        .fetch_optional(&mut **tx)
                        .await?;
                return Err(match exists {
                    Some(_) => StoreError::Conflict,
                    None => StoreError::NotFound("patient"),
                });
            }
            crate::enrollment::record_history!(
                tx,
                "Patient",
                patient.id,
                version,
                now,
                None::<String>,
                history
            );
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(version)
        })
    }

    pub async fn patient(&self, id: Id<Patient>) -> Result<Patient> {
        let row: Option<PatientRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM patients WHERE id = $1"
            )))
            .bind(id.to_string())
            .fetch_optional(pool)
            .await
        })?;
        self.patient_from_row(row.ok_or(StoreError::NotFound("patient"))?)
    }

    pub async fn patient_by_nin(&self, nin: &NationalIdNumber) -> Result<Option<Patient>> {
        let index = self.crypto.index(&nin.expose());
        let row: Option<PatientRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM patients WHERE nin_index = $1"
            )))
            .bind(&index)
            .fetch_optional(pool)
            .await
        })?;
        row.map(|r| self.patient_from_row(r)).transpose()
    }

    pub async fn patient_for_user(&self, user: Id<UserAccount>) -> Result<Option<Patient>> {
        let row: Option<PatientRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM patients WHERE user_id = $1"
            )))
            .bind(user.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|r| self.patient_from_row(r)).transpose()
    }

    /// The patients that the care teams of `units` may see (referred to, enrolled in,
    /// managed by or had a procedure registered by one of them), by name, a page at a
    /// time; `nin` narrows to one number.
    pub async fn patients_in_units(
        &self,
        units: &[Id<carepath_domain::organization::Unit>],
        search: &PatientSearch<'_>,
        offset: i64,
        limit: i64,
    ) -> Result<crate::Page<Patient>> {
        let nin = search.nin;
        let limit = limit.clamp(1, 200);
        if units.is_empty() {
            return Ok(crate::Page {
                items: Vec::new(),
                total: 0,
                page: 1,
                per_page: limit,
            });
        }
        // Placeholders only: the unit ids are bound, never spliced.
        let list: Vec<String> = (0..units.len()).map(|i| format!("${}", i + 11)).collect();
        let list = list.join(", ");
        let common = search.common.sql("p.id", "p.updated_at", 5);
        let born = search.born.sql("p.birth_date", 3);
        // Where one string is found in another, exactly (1-based, 0 when not).
        let find = match self.backend() {
            crate::Backend::Sqlite => "instr",
            crate::Backend::Postgres => "strpos",
        };
        let name_sql = match search.name.as_ref().map(|n| n.how) {
            None => "$2 IS NULL".to_owned(),
            Some(TextMatch::Starts) => {
                "(lower(p.name) LIKE $2 ESCAPE '\\' OR lower(p.name) LIKE '% ' || $2 ESCAPE '\\')"
                    .to_owned()
            }
            Some(TextMatch::Contains) => "lower(p.name) LIKE $2 ESCAPE '\\'".to_owned(),
            Some(TextMatch::Exact) => format!(
                "(p.name = $2 OR p.name_family = $2 OR {find}(p.name_given, '\"' || $2 || '\"') > 0)"
            ),
        };
        let family_sql = match search.family.as_ref().map(|n| n.how) {
            None => "$8 IS NULL",
            Some(TextMatch::Exact) => "p.name_family = $8",
            Some(TextMatch::Contains) => "lower(p.name_family) LIKE $8 ESCAPE '\\'",
            Some(TextMatch::Starts) => {
                "(lower(p.name_family) LIKE $8 ESCAPE '\\' OR lower(p.name_family) LIKE '% ' || $8 ESCAPE '\\')"
            }
        };
        let given_sql = match search.given.as_ref().map(|n| n.how) {
            None => "$9 IS NULL".to_owned(),
            Some(TextMatch::Exact) => format!("{find}(p.name_given, '\"' || $9 || '\"') > 0"),
            Some(_) => "lower(p.name_given) LIKE $9 ESCAPE '\\'".to_owned(),
        };
        // Column names and `IS [NOT] NULL` only: nothing asked is spliced.
        let missing_sql = search
            .missing
            .iter()
            .map(|(e, absent)| {
                let not = if *absent { "" } else { "NOT " };
                format!("{} IS {not}NULL", e.column())
            })
            .chain(std::iter::once("1 = 1".to_owned()))
            .collect::<Vec<_>>()
            .join(" AND ");
        let filter = format!(
            "FROM patients p WHERE ($1 IS NULL OR p.nin_index = $1)
               AND {name_sql}
               AND {born}
               AND {common}
               AND {family_sql} AND {given_sql} AND ($10 IS NULL OR p.gender = $10)
               AND {missing_sql}
               AND p.id IN ({of_units})",
            of_units = of_units(&list)
        );
        let index = nin.map(|n| self.nin_index(n));
        // A name part that starts with what was asked (FHIR's string search).
        // The binds: a pattern for a prefix or a part, the value itself when exact. Given
        // names are stored as a JSON array, so a prefix starts after a quote.
        let pattern = |t: &Option<TextSearch>, start: &str| {
            t.as_ref().map(|t| {
                let v = crate::like_literal(&t.value.to_lowercase());
                match t.how {
                    TextMatch::Starts => format!("{start}{v}%"),
                    TextMatch::Contains => format!("%{v}%"),
                    TextMatch::Exact => t.value.clone(),
                }
            })
        };
        let name = pattern(&search.name, "");
        let family = pattern(&search.family, "");
        let given = pattern(&search.given, "%\"");
        let gender = search.gender.map(|g| g.code());
        let units: Vec<String> = units.iter().map(ToString::to_string).collect();
        let count_sql = format!("SELECT COUNT(*) {filter}");
        macro_rules! bound {
            ($sql:expr) => {{
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe($sql.clone()))
                    .bind(&index)
                    .bind(&name)
                    .bind(search.born.from)
                    .bind(search.born.until)
                    .bind(search.common.ids())
                    .bind(search.common.updated.from)
                    .bind(search.common.updated.until)
                    .bind(&family)
                    .bind(&given)
                    .bind(gender);
                for u in &units {
                    q = q.bind(u);
                }
                q
            }};
        }
        let (total,): (i64,) = on_pool!(self, |pool| bound!(count_sql).fetch_one(pool).await)?;
        let n = units.len();
        let list_sql = format!(
            "SELECT {COLUMNS} {filter} ORDER BY {} LIMIT ${} OFFSET ${}",
            order_by(&search.sort),
            n + 11,
            n + 12
        );
        let rows: Vec<PatientRow> = on_pool!(self, |pool| {
            bound!(list_sql)
                .bind(limit)
                .bind(offset.max(0))
                .fetch_all(pool)
                .await
        })?;
        Ok(crate::Page {
            items: rows
                .into_iter()
                .map(|r| self.patient_from_row(r))
                .collect::<Result<_>>()?,
            total,
            page: offset.max(0) / limit + 1,
            per_page: limit,
        })
    }

    /// Every kept version of a patient, newest first, each as it was then, dated when it
    /// was written. The history keeps no national identity number: each version carries
    /// the current one. `NotFound` when there is no such patient.
    pub async fn patient_versions(&self, id: Id<Patient>) -> Result<Vec<Patient>> {
        let current = self.patient(id).await?;
        let rows: Vec<(i64, DateTime<Utc>, PatientThen)> =
            self.kept_versions("Patient", &id.to_string()).await?;
        // The current version is the record itself (also where the history is missing);
        // the history gives the older ones.
        let (nin, now) = (current.nin.clone(), current.version);
        let older =
            rows.into_iter()
                .filter(|(v, _, _)| *v != now)
                .map(|(version, recorded_at, then)| {
                    let more: NameParts = then
                        .name_more
                        .as_deref()
                        .and_then(|m| serde_json::from_str(m).ok())
                        .unwrap_or_default();
                    Patient {
                        id,
                        nin: nin.clone(),
                        name: then.name,
                        birth_date: then.birth_date,
                        user_id: then.user,
                        gp_name: then.gp,
                        gp_her_id: then.gp_her_id,
                        managing_unit: then.managing_unit,
                        version,
                        email: then.email,
                        mobile: then.mobile,
                        name_parts: NameParts {
                            family: then.family,
                            given: then.given,
                            ..more
                        },
                        gender: then
                            .gender
                            .as_deref()
                            .and_then(carepath_domain::patient::Gender::parse),
                        updated_at: Some(recorded_at),
                    }
                });
        let older: Vec<Patient> = older.collect();
        Ok(std::iter::once(current).chain(older).collect())
    }

    /// The keyed hash of a national identity number, as stored for look-ups.
    pub fn nin_index(&self, nin: &NationalIdNumber) -> String {
        self.crypto.index(&nin.expose())
    }
}

/// The ids of the patients the units in `list` (bind placeholders) care for: those enrolled,
/// referred or treated there, and those a unit manages.
pub(crate) fn of_units(list: &str) -> String {
    format!(
        "SELECT e.patient_id FROM enrollments e WHERE e.unit_id IN ({list})
         UNION SELECT r.patient_id FROM referrals r WHERE r.unit_id IN ({list})
         UNION SELECT pr.patient_id FROM procedures pr WHERE pr.unit_id IN ({list})
         UNION SELECT m.id FROM patients m WHERE m.managing_unit_id IN ({list})"
    )
}

/// What a patient search asks for; `None` matches everyone.
#[derive(Debug, Clone, Default)]
pub struct PatientSearch<'a> {
    pub nin: Option<&'a NationalIdNumber>,
    /// Any part of the name (`name`).
    pub name: Option<TextSearch>,
    pub family: Option<TextSearch>,
    /// One of the given names.
    pub given: Option<TextSearch>,
    pub gender: Option<carepath_domain::patient::Gender>,
    /// The days of birth asked for.
    pub born: crate::Dates<chrono::NaiveDate>,
    /// Elements asked to be absent (`true`) or present (`false`): FHIR's `:missing`.
    pub missing: Vec<(PatientElement, bool)>,
    /// The order, each key `true` when descending; by name when empty.
    pub sort: Vec<(PatientSort, bool)>,
    pub common: crate::Common,
}

/// What patients can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatientSort {
    Name,
    Family,
    Given,
    BirthDate,
    LastUpdated,
    Id,
}

impl PatientSort {
    /// The key's name as FHIR's `_sort` writes it.
    pub fn parse(key: &str) -> Option<Self> {
        Some(match key {
            "name" => PatientSort::Name,
            "family" => PatientSort::Family,
            "given" => PatientSort::Given,
            "birthdate" => PatientSort::BirthDate,
            "_lastUpdated" => PatientSort::LastUpdated,
            "_id" => PatientSort::Id,
            _ => return None,
        })
    }

    fn column(self) -> &'static str {
        match self {
            PatientSort::Name => "p.name",
            PatientSort::Family => "p.name_family",
            // Given names are a JSON array: its text orders by the first.
            PatientSort::Given => "p.name_given",
            PatientSort::BirthDate => "p.birth_date",
            PatientSort::LastUpdated => "p.updated_at",
            PatientSort::Id => "p.id",
        }
    }
}

/// The `ORDER BY` of `sort` (column names only), missing values last on both databases,
/// then by name and id so that pages never overlap.
fn order_by(sort: &[(PatientSort, bool)]) -> String {
    sort.iter()
        .map(|(key, descending)| {
            let c = key.column();
            let way = if *descending { "DESC" } else { "ASC" };
            format!("({c} IS NULL), {c} {way}, ")
        })
        .collect::<String>()
        + "p.name, p.id"
}

/// An element of a patient a search can ask to be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatientElement {
    Family,
    Given,
    Gender,
    BirthDate,
}

impl PatientElement {
    fn column(self) -> &'static str {
        match self {
            PatientElement::Family => "p.name_family",
            PatientElement::Given => "p.name_given",
            PatientElement::Gender => "p.gender",
            PatientElement::BirthDate => "p.birth_date",
        }
    }

    fn present_in(self, patient: &Patient) -> bool {
        match self {
            PatientElement::Family => patient.name_parts.family.is_some(),
            PatientElement::Given => !patient.name_parts.given.is_empty(),
            PatientElement::Gender => patient.gender.is_some(),
            PatientElement::BirthDate => true,
        }
    }
}

/// Inserts the new patient `$patient` (version 1, its number encrypted and indexed) and its
/// first history entry inside the transaction `$tx`; a number already registered is a
/// `Duplicate`.
macro_rules! insert_patient {
    ($store:expr, $tx:expr, $patient:expr, $now:expr) => {{
        let patient: &carepath_domain::patient::Patient = $patient;
        let now: chrono::DateTime<chrono::Utc> = $now;
        let nin = patient.nin.expose();
        let cipher = $store.crypto.encrypt(&nin);
        let index = $store.crypto.index(&nin);
        sqlx::query(
            "INSERT INTO patients (id, nin_ciphertext, nin_index, name, birth_date, gp_name, user_id, managing_unit_id, email, mobile, version, created_at, updated_at, name_family, name_given, gender, gp_her_id, name_more)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $9, $10, $11, 1, $8, $8, $12, $13, $14, $15, $16)",
        )
        .bind(patient.id.to_string())
        .bind(&cipher)
        .bind(&index)
        .bind(&patient.name)
        .bind(patient.birth_date)
        .bind(&patient.gp_name)
        .bind(patient.user_id.map(|u| u.to_string()))
        .bind(now)
        .bind(patient.managing_unit.map(|u| u.to_string()))
        .bind(&patient.email)
        .bind(&patient.mobile)
        .bind(&patient.name_parts.family)
        .bind($crate::patient::given_text(patient))
        .bind(patient.gender.map(|g| g.code()))
        .bind(patient.gp_her_id.as_ref().map(|h| h.as_str()))
        .bind($crate::patient::name_more(&patient.name_parts))
        .execute(&mut **$tx)
        .await
        .map_err(|e| $crate::StoreError::unique(e, "a patient with that national identity number"))?;
        $crate::enrollment::record_history!(
            $tx,
            "Patient",
            patient.id,
            1_i64,
            now,
            None::<String>,
            $crate::patient::history_of(patient)
        );
    }};
}
pub(crate) use insert_patient;

/// How a string search matches (FHIR): the start of a word ignoring case by default,
/// `:contains` anywhere ignoring case, `:exact` the whole part as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextMatch {
    #[default]
    Starts,
    Contains,
    Exact,
}

/// A string search's value and how it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSearch {
    pub value: String,
    pub how: TextMatch,
}

impl TextSearch {
    /// Whether one of `parts` (a name's parts, or a whole name) matches, as the search in
    /// the database does.
    pub fn matches<'a>(&self, parts: impl IntoIterator<Item = &'a str>) -> bool {
        let value = self.value.to_lowercase();
        parts.into_iter().any(|part| match self.how {
            TextMatch::Exact => part == self.value,
            TextMatch::Contains => part.to_lowercase().contains(&value),
            TextMatch::Starts => part
                .to_lowercase()
                .split_whitespace()
                .any(|w| w.starts_with(&value)),
        })
    }
}

impl PatientSearch<'_> {
    /// Whether `patient` is one this search finds (for a patient searching their own
    /// record, which is not a query).
    pub fn matches(&self, patient: &Patient) -> bool {
        let family = patient.name_parts.family.as_deref();
        let given = patient.name_parts.given.iter().map(String::as_str);
        self.nin.is_none_or(|n| *n == patient.nin)
            && self.name.as_ref().is_none_or(|t| {
                t.matches(
                    std::iter::once(patient.name.as_str())
                        .chain(family)
                        .chain(given.clone()),
                )
            })
            && self.family.as_ref().is_none_or(|t| t.matches(family))
            && self.given.as_ref().is_none_or(|t| t.matches(given.clone()))
            && self.gender.is_none_or(|g| patient.gender == Some(g))
            && self.born.admits(Some(patient.birth_date))
            && self
                .missing
                .iter()
                .all(|(e, absent)| e.present_in(patient) != *absent)
            && self
                .common
                .admits(&patient.id.to_string(), patient.updated_at)
    }
}

/// What the record history keeps of a patient version (the number stays encrypted in
/// `patients` only).
/// A version of a patient as [`history_of`] wrote it; what older versions lack is empty.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct PatientThen {
    name: String,
    birth_date: chrono::NaiveDate,
    #[serde(default)]
    gp: Option<String>,
    #[serde(default)]
    gp_her_id: Option<carepath_domain::letter::HerId>,
    #[serde(default)]
    user: Option<Id<carepath_domain::user::UserAccount>>,
    #[serde(default)]
    managing_unit: Option<Id<carepath_domain::organization::Unit>>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    mobile: Option<String>,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    given: Vec<String>,
    #[serde(default)]
    gender: Option<String>,
    #[serde(default)]
    name_more: Option<String>,
}

pub(crate) fn history_of(patient: &Patient) -> serde_json::Value {
    serde_json::json!({
        "id": patient.id, "name": patient.name, "birthDate": patient.birth_date,
        "gp": patient.gp_name, "gpHerId": patient.gp_her_id, "user": patient.user_id,
        "managingUnit": patient.managing_unit, "version": patient.version,
        "email": patient.email, "mobile": patient.mobile,
        "family": patient.name_parts.family, "given": patient.name_parts.given,
        "gender": patient.gender.map(|g| g.code()),
        "nameMore": name_more(&patient.name_parts),
    })
}
